"""`tracker export` and the export service, end to end on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from typer.testing import CliRunner

from tracker.cli import app
from tracker.config import Settings
from tracker.service.events import Edit, add_event, cancel_event, edit_event
from tracker.service.export import export, export_feeds

GOLDEN = Path(__file__).parent / "golden"
NOW = dt.datetime(2026, 5, 11, 8, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 5, 12, 17, 30, tzinfo=dt.UTC)


def populate(db_url: str) -> None:
    """A small week, stored the way `tracker add` stores it."""

    def add(title: str, day: str, cat: str, org: str, at: dt.time | None = None, **kw: str) -> None:
        add_event(db_url, title, on=dt.date.fromisoformat(day), at=at, default_tz="UTC", cat=cat, org=org,
                  now=NOW, tz=kw.get("tz"), action=kw.get("action"))  # fmt: skip

    add("FOMC minutes", "2026-05-13", "macro", "Fed", dt.time(14, 0), tz="America/New_York")
    add("Lattice wind-down", "2026-05-16", "shutdown", "Lattice", action="withdraw assets")
    add("Carrot claim closes", "2026-05-14", "deadline", "Carrot", dt.time(20, 0), tz="UTC+8")
    add("XYZ listing", "2026-05-13", "listing", "XYZ")


def names(paths: list[Path]) -> list[str]:
    return sorted(p.name for p in paths)


def test_export_writes_every_feed_then_nothing(db_url: str, tmp_path: Path) -> None:
    populate(db_url)
    out = tmp_path / "calendars"
    first = export_feeds(Settings(db_url=db_url), out)
    assert names(first.written) == [
        "all.ics", "deadline.ics", "deadlines.ics", "listing.ics", "macro.ics", "shutdown.ics",
    ]  # fmt: skip
    assert {f.name: f.events for f in first.feeds} == {
        "all": 4, "deadlines": 2, "macro": 1, "listing": 1, "shutdown": 1, "deadline": 1,
    }  # fmt: skip
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    second = export_feeds(Settings(db_url=db_url), out)
    assert second.written == [] and len(second.unchanged) == 6
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps  # files not even touched
    assert sorted(p.name for p in out.iterdir()) == names(first.written)  # no temporary files left


def test_same_database_content_same_bytes_on_sqlite_and_postgresql(db_url: str, tmp_path: Path) -> None:
    populate(db_url)
    export(Settings(db_url=db_url), tmp_path)
    golden = (GOLDEN / "all.ics").read_bytes()
    assert (tmp_path / "all.ics").read_bytes() == golden, "regenerate golden/all.ics and review the diff"


def test_cancel_rewrites_only_the_feeds_that_change(sqlite_url: str, tmp_path: Path) -> None:
    populate(sqlite_url)
    settings = Settings(db_url=sqlite_url)
    export(settings, tmp_path)
    listing = next(e for e in _events(tmp_path / "all.ics") if "XYZ" in str(e["SUMMARY"]))
    assert (str(listing["STATUS"]), int(listing["SEQUENCE"])) == ("CONFIRMED", 0)
    uid = str(listing["UID"]).removesuffix("@tracker")

    cancel_event(sqlite_url, uid, now=LATER)
    written = export(settings, tmp_path)
    assert names(written) == ["all.ics", "listing.ics"]
    after = next(e for e in _events(tmp_path / "listing.ics") if str(e["UID"]) == f"{uid}@tracker")
    assert (str(after["STATUS"]), int(after["SEQUENCE"])) == ("CANCELLED", 1)
    assert after.decoded("DTSTAMP") == after.decoded("LAST-MODIFIED") == LATER
    assert str(after["SUMMARY"]) == "Cancelled: XYZ listing"


def test_recategorised_event_leaves_an_empty_old_feed(sqlite_url: str, tmp_path: Path) -> None:
    populate(sqlite_url)
    settings = Settings(db_url=sqlite_url)
    export(settings, tmp_path)
    listing = next(e for e in _events(tmp_path / "all.ics") if "XYZ" in str(e["SUMMARY"]))
    uid = str(listing["UID"]).removesuffix("@tracker")
    edit_event(sqlite_url, uid, Edit(category="launch"), default_tz="UTC", now=LATER)
    written = export(settings, tmp_path)
    assert names(written) == ["all.ics", "launch.ics", "listing.ics"]
    assert _events(tmp_path / "listing.ics") == []  # subscribers drop the moved event
    assert [str(e["UID"]) for e in _events(tmp_path / "launch.ics")] == [f"{uid}@tracker"]


def test_alarms_option(sqlite_url: str, tmp_path: Path) -> None:
    populate(sqlite_url)
    export(Settings(db_url=sqlite_url), tmp_path, alarms="-P1D,-PT2H")
    for ev in _events(tmp_path / "deadlines.ics"):
        triggers = sorted(a.decoded("TRIGGER") for a in ev.walk("VALARM"))
        assert triggers == [dt.timedelta(days=-1), dt.timedelta(hours=-2)]


def test_empty_database_gives_valid_empty_feeds(sqlite_url: str, tmp_path: Path) -> None:
    written = export(Settings(db_url=sqlite_url), tmp_path)
    assert names(written) == ["all.ics", "deadlines.ics"]
    assert _events(tmp_path / "all.ics") == []


def _events(path: Path) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


# -- the command ---------------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_export(sqlite_url: str, tmp_path: Path) -> None:
    populate(sqlite_url)
    out = tmp_path / "feeds"
    code, stdout, stderr = run("--db", sqlite_url, "export", "--out", str(out), "--alarms", "-P1D,-PT2H")
    assert code == 0, stderr
    assert stdout == ""
    assert f"wrote     {out / 'all.ics'} (4 events)" in stderr.splitlines()
    assert stderr.splitlines()[-1] == "6 written, 0 unchanged"
    assert b"TRIGGER:-PT2H" in (out / "all.ics").read_bytes()

    code, _, stderr = run("--db", sqlite_url, "export", "--out", str(out), "--alarms=-P1D,-PT2H")
    assert code == 0
    assert f"unchanged {out / 'deadlines.ics'} (2 events)" in stderr.splitlines()
    assert stderr.splitlines()[-1] == "0 written, 6 unchanged"


def test_cli_export_default_folder(sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run("--db", sqlite_url, "export")
    assert code == 0, stderr
    assert sorted(p.name for p in (tmp_path / "calendars").iterdir()) == ["all.ics", "deadlines.ics"]


@pytest.mark.parametrize(
    ("alarms", "message"),
    [
        ("soon", "error: bad alarm 'soon': write durations like -P1D or -PT2H (or 1d, 2h)"),
        ("P1D", "error: alarm 'P1D' is not before the event: write it negative, e.g. -PT2H"),
        ("-P1X", "error: bad alarm '-P1X': write durations like -P1D or -PT2H (or 1d, 2h)"),
    ],
)
def test_cli_export_bad_alarms(sqlite_url: str, tmp_path: Path, alarms: str, message: str) -> None:
    code, _, stderr = run("--db", sqlite_url, "export", "--out", str(tmp_path), f"--alarms={alarms}")
    assert code == 1
    assert stderr.startswith(message)
    assert len(stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []  # refused before opening the database or writing


def test_cli_export_unwritable_folder(sqlite_url: str, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, _, stderr = run("--db", sqlite_url, "export", "--out", str(blocker / "calendars"))
    assert code == 1
    assert stderr.startswith(f"error: cannot create the output folder {blocker / 'calendars'}")


def test_cli_export_help() -> None:
    code, stdout, _ = run("export", "--help")
    assert code == 0
    assert "all.ics, deadlines.ics and one per category" in stdout
    assert "--out" in stdout and "--alarms" in stdout and "-P1D,-PT2H" in stdout
