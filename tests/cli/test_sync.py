"""`tracker sync`, the main job: seeds in, events stored, feeds written, reminders planned."""

from __future__ import annotations

from pathlib import Path

import icalendar
from typer.testing import CliRunner

from tracker.cli import app

SEEDS = Path(__file__).parent.parent.parent / "seeds"


def _sync(db: str, out: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", db, "sync", str(SEEDS), "--out", str(out)])
    return result.exit_code, result.stdout, result.stderr


def test_sync_stores_the_seeds_and_writes_feeds_that_parse(sqlite_url: str, tmp_path: Path) -> None:
    code, stdout, stderr = _sync(sqlite_url, tmp_path / "cal")
    assert code == 0, stderr
    assert "2026-05-11-reference-week.txt: 9 new, 0 updated, 0 unchanged, 0 merged" in stdout
    assert "problem" not in stderr
    feed = icalendar.Calendar.from_ical((tmp_path / "cal" / "all.ics").read_bytes())
    summaries = [str(e["SUMMARY"]) for e in feed.walk("VEVENT")]
    assert any("Lattice" in s for s in summaries)
    deadlines = icalendar.Calendar.from_ical((tmp_path / "cal" / "deadlines.ics").read_bytes())
    orgs = " ".join(str(e["SUMMARY"]) for e in deadlines.walk("VEVENT"))
    for org in ("Carrot", "Dmail", "UX Chain", "Lattice"):
        assert org in orgs


def test_second_sync_changes_nothing(sqlite_url: str, tmp_path: Path) -> None:
    out = tmp_path / "cal"
    assert _sync(sqlite_url, out)[0] == 0
    before = {p.name: p.read_bytes() for p in out.glob("*.ics")}
    code, stdout, _ = _sync(sqlite_url, out)
    assert code == 0
    assert "9 new" not in stdout and "0 new, 0 updated, 9 unchanged" in stdout
    assert "feeds: 0 written" in stdout
    assert {p.name: p.read_bytes() for p in out.glob("*.ics")} == before


def test_sync_of_a_missing_folder_is_a_user_error(sqlite_url: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["--db", sqlite_url, "sync", str(tmp_path / "nope"), "--out", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr
