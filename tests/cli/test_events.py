"""The event commands through the real CLI (typer's CliRunner) on a real SQLite file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from freezegun import freeze_time
from typer.testing import CliRunner, Result

from tests.conftest import ROOT
from tracker.cli import app

SEED = str(ROOT / "seeds" / "2026-05-11-reference-week.txt")
COMMANDS = ["ingest", "list", "show", "add", "cancel", "edit", "changes"]


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


@pytest.fixture(autouse=True)
def monday() -> Iterator[None]:
    with freeze_time("2026-05-11 08:00:00"):
        yield


def run(db: str, *args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(app, ["--db", db, *args], input=stdin)


def ok(db: str, *args: str, stdin: str | None = None) -> Result:
    result = run(db, *args, stdin=stdin)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def uid_of(db: str, title_part: str) -> str:
    events = json.loads(ok(db, "list", "--json", "--days", "60").stdout)
    (uid,) = [e["uid"] for e in events if title_part in e["title"]]
    return str(uid)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(db: str, command: str) -> None:
    result = ok(db, command, "--help")
    assert "Usage:" in result.stdout and result.stderr == ""


def test_ingest_is_idempotent_and_reports_counts(db: str) -> None:
    first = ok(db, "ingest", SEED)
    assert first.stdout == f"{SEED}: 9 new, 0 updated, 0 unchanged, 0 merged\n"
    assert first.stderr == ""
    again = ok(db, "ingest", SEED)
    assert again.stdout == f"{SEED}: 0 new, 0 updated, 9 unchanged, 0 merged\n"
    as_json = json.loads(ok(db, "ingest", SEED, "--json").stdout)
    assert as_json == [
        {"source": SEED, "new": 0, "updated": 0, "unchanged": 9, "merged": 0, "failed": False, "problems": []}
    ]


def test_ingest_from_stdin_and_missing_files(db: str, tmp_path: Path) -> None:
    text = Path(SEED).read_text(encoding="utf-8")
    result = ok(db, "ingest", "-", "--published", "2026-05-11", stdin=text)
    assert result.stdout == "-: 9 new, 0 updated, 0 unchanged, 0 merged\n"
    missing = run(db, "ingest", str(tmp_path / "nope.txt"), SEED)
    assert missing.exit_code == 1
    # the same bytes are the same source, whether they came from stdin or a file
    assert missing.stdout.splitlines()[-1].endswith("0 new, 0 updated, 9 unchanged, 0 merged")
    assert "nope.txt: no such file or folder" in missing.stderr
    bad = run(db, "ingest", SEED, "--published", "May 11")
    assert bad.exit_code == 1 and "--published: bad date 'May 11'" in bad.stderr and bad.stdout == ""


def test_list_shows_the_next_two_weeks_with_deadlines_marked(db: str) -> None:
    ok(db, "ingest", SEED)
    result = ok(db, "list")
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["DATE", "TIME", "UTC"]
    assert len(lines) == 10 and result.stderr == ""
    marked = [line for line in lines if line.startswith("!")]
    assert len(marked) == 4 and all("before this" in line for line in marked)
    assert any("2026-05-12" in line and "in 1 day" in line and "macro" in line for line in lines)
    assert "export data before this" in result.stdout
    deadlines = ok(db, "list", "--deadlines").stdout.splitlines()[1:]
    assert len(deadlines) == 4 and all(line.startswith("!") for line in deadlines)
    assert len(ok(db, "list", "--category", "shutdown", "--org", "dmail").stdout.splitlines()) == 2
    nothing = ok(db, "list", "--from", "2027-01-01")
    assert nothing.stdout == "" and "no events between 2027-01-01 and 2027-01-14" in nothing.stderr


def test_list_json_and_csv_give_every_field(db: str) -> None:
    ok(db, "ingest", SEED)
    events = json.loads(ok(db, "list", "--json").stdout)
    assert len(events) == 9
    first = events[0]
    assert {"uid", "status", "sequence", "sources", "starts_at", "action_deadline", "remind"} <= set(first)
    assert first["date"] == "2026-05-12" and first["status"] == "confirmed" and first["sequence"] == 0
    assert first["sources"][0]["location"] == SEED and first["sources"][0]["published"] == "2026-05-11"
    rows = ok(db, "list", "--csv").stdout.splitlines()
    assert rows[0].startswith("uid,date,end_date,time,tz") and len(rows) == 10


def test_list_rejects_bad_options(db: str) -> None:
    bad = run(db, "list", "--category", "party")
    assert bad.exit_code == 1 and "unknown category 'party': use one of macro," in bad.stderr
    swapped = run(db, "list", "--from", "2026-05-20", "--to", "2026-05-10")
    assert swapped.exit_code == 1 and "swap them" in swapped.stderr
    both = run(db, "list", "--json", "--csv")
    assert both.exit_code == 1 and "choose one of --json and --csv" in both.stderr
    zone = run(db, "list", "--tz", "Mars/Olympus")
    assert zone.exit_code == 1 and "unknown time zone 'Mars/Olympus'" in zone.stderr


def test_show_explains_one_event(db: str) -> None:
    ok(db, "ingest", SEED)
    uid = uid_of(db, "Dmail")
    text = ok(db, "show", uid).stdout
    assert f"uid:       {uid}" in text and "ACTION:    export data before this date" in text
    assert "Sources (1):" in text and "published 2026-05-11: says 2026-05-15" in text
    assert "History:" in text and "added     2026-05-15" in text
    detail = json.loads(ok(db, "show", uid[:20], "--json").stdout)
    assert detail["uid"] == uid and detail["history"][0]["kind"] == "added" and detail["dispute"] == []
    missing = run(db, "show", "nothing-like-this")
    assert missing.exit_code == 1 and missing.stderr.startswith("error: no event UID 'nothing-like-this'")


def test_add_cancel_edit_and_changes(db: str) -> None:
    added = ok(
        db, "add", "Treasury vote of Kestrel DAO", "--on", "2026-05-19", "--at", "15:00", "--tz", "UTC+8",
        "--category", "regulation", "--org", "Kestrel DAO", "--remind", "2d,1h",
    )  # fmt: skip
    uid = added.stdout.strip()
    assert uid == "20260519-kestrel-treasury-dao-regulation"
    assert "added 'Treasury vote of Kestrel DAO' on 2026-05-19" in added.stderr
    event = json.loads(ok(db, "show", uid, "--json").stdout)
    assert event["starts_at"] == "2026-05-19T07:00:00+00:00" and event["tz"] == "UTC+8"
    assert event["manual"] is True and event["remind"] == ["2d", "1h"]
    assert "07:00" in ok(db, "list").stdout  # shown in the display zone, UTC
    assert "15:00" in ok(db, "list", "--tz", "Asia/Shanghai").stdout

    moved = ok(db, "edit", uid, "--on", "2026-05-21")
    assert moved.stdout.strip() == uid and "2026-05-21 15:00 (manual)" in moved.stderr
    ok(db, "cancel", uid)
    listed = ok(db, "list").stdout
    assert "[cancelled]" in listed
    changes = ok(db, "changes").stdout.splitlines()
    assert [line.split()[1] for line in changes] == ["added", "moved", "cancelled"]
    assert "2026-05-19 15:00 -> 2026-05-21 15:00" in changes[1] and "[by hand]" in changes[1]
    as_json = json.loads(ok(db, "changes", "--since", "2026-05-01", "--json").stdout)
    assert [c["kind"] for c in as_json] == ["added", "moved", "cancelled"]
    assert as_json[1]["old"]["date"] == "2026-05-19" and as_json[1]["new"]["date"] == "2026-05-21"
    assert ok(db, "changes", "--since", "2026-06-01").stderr.startswith("no changes since 2026-06-01")


def test_manual_commands_refuse_bad_input(db: str) -> None:
    for args, message in [
        (["add", "X", "--on", "12 May"], "--on: bad date '12 May'"),
        (["add", "X", "--on", "2026-05-12", "--at", "25:00"], "bad time '25:00'"),
        (["add", "X", "--on", "2026-05-12", "--remind", "soon"], "bad duration 'soon'"),
        (["add", " ", "--on", "2026-05-12"], "the title is empty"),
        (["cancel", "nope"], "no event UID 'nope'"),
        (["edit", "nope", "--on", "2026-05-12"], "no event UID 'nope'"),
    ]:
        result = run(db, *args)
        assert result.exit_code == 1, args
        assert message in result.stderr and result.stdout == "", args
    uid = ok(db, "add", "Some event", "--on", "2026-05-12").stdout.strip()
    nothing = run(db, "edit", uid)
    assert nothing.exit_code == 1 and "nothing to change" in nothing.stderr
    assert run(db, "add", "X").exit_code == 2  # --on is required: a usage error


def test_unusable_database_url_is_one_line(tmp_path: Path) -> None:
    result = run("nonsense://", "list")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1
