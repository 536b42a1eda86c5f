"""Issue 4 end to end: small digest series (tests/fixtures/series) ingested through the CLI.

2026-06-01-outlet-a   the week in one paragraph (Azul, CPI, retail sales, a Senate vote, a DAO vote)
2026-06-01-outlet-b   the same week as a dated list, in other words
2026-06-01-zh         the same Azul upgrade and CPI, in Chinese
2026-06-08-update     Azul moved a week, the Senate vote postponed, the DAO vote called off
2026-06-15-desk-a/b   two desks, published the same day, disagree on a shutdown date
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time
from typer.testing import CliRunner

from tests.conftest import FIXTURES
from tracker.cli import app

SERIES = FIXTURES / "series"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[str]:
    with freeze_time("2026-06-15 09:00:00"):
        yield f"sqlite:///{tmp_path / 'series.db'}"


def cli(db: str, *args: str) -> str:
    result = CliRunner().invoke(app, ["--db", db, *args])
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def ingest(db: str, name: str) -> str:
    line = cli(db, "ingest", str(SERIES / f"{name}.txt")).strip()
    return line.split(": ", 1)[1]


def events(db: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(
        cli(db, "list", "--from", "2026-06-01", "--to", "2026-06-30", "--json")
    )
    return found


def by_title(db: str, word: str) -> dict[str, Any]:
    (event,) = [e for e in events(db) if word in e["title"]]
    return event


def test_one_event_from_three_outlets_in_two_languages(db: str) -> None:
    assert ingest(db, "2026-06-01-outlet-a") == "5 new, 0 updated, 0 unchanged, 0 merged"
    assert ingest(db, "2026-06-01-outlet-b") == "0 new, 0 updated, 0 unchanged, 3 merged"
    assert ingest(db, "2026-06-01-zh") == "0 new, 0 updated, 0 unchanged, 2 merged"
    stored = events(db)
    assert len(stored) == 5
    azul = by_title(db, "Azul")
    assert azul["date"] == "2026-06-03" and azul["sequence"] == 0
    assert [Path(s["location"]).name for s in azul["sources"]] == [
        "2026-06-01-outlet-a.txt", "2026-06-01-outlet-b.txt", "2026-06-01-zh.txt",
    ]  # fmt: skip
    # CPI and retail sales share a publisher and a week but are two releases
    macro = sorted((e["date"], e["title"]) for e in stored if e["category"] == "macro")
    assert [day for day, _ in macro] == ["2026-06-04", "2026-06-05"]
    assert "CPI" in macro[0][1] and "retail sales" in macro[1][1].lower()
    assert len(by_title(db, "CPI")["sources"]) == 3
    # re-ingesting changes nothing
    assert ingest(db, "2026-06-01-outlet-b") == "0 new, 0 updated, 3 unchanged, 0 merged"
    assert events(db) == stored


def test_reschedule_postponement_and_cancellation(db: str) -> None:
    for name in ("2026-06-01-outlet-a", "2026-06-01-outlet-b"):
        ingest(db, name)
    azul_uid = by_title(db, "Azul")["uid"]
    assert ingest(db, "2026-06-08-update") == "0 new, 3 updated, 0 unchanged, 0 merged"
    azul = by_title(db, "Azul")
    assert (azul["uid"], azul["date"], azul["sequence"], azul["status"]) == (
        azul_uid,
        "2026-06-10",
        1,
        "confirmed",
    )
    senate = by_title(db, "Senate")
    assert (senate["date"], senate["status"], senate["sequence"]) == ("2026-06-04", "tentative", 1)
    kestrel = by_title(db, "Kestrel")
    assert (kestrel["status"], kestrel["sequence"]) == ("cancelled", 1)

    changes = cli(db, "changes", "--since", "2026-06-01").splitlines()
    moved = [line for line in changes if line.split()[1] in {"moved", "postponed", "cancelled"}]
    assert [line.split()[1:3] for line in moved] == [
        ["moved", "2026-06-03"], ["postponed", "2026-06-04,"], ["cancelled", "2026-06-02"],
    ]  # fmt: skip
    assert (
        "2026-06-03 -> 2026-06-10" in moved[0] and "2026-06-08-update.txt, published 2026-06-08" in moved[0]
    )
    shown = cli(db, "show", azul_uid)
    assert "moved     2026-06-03 -> 2026-06-10" in shown and "Sources (3):" in shown
    as_json = json.loads(cli(db, "changes", "--since", "2026-06-01", "--json"))
    assert sum(c["kind"] == "added" for c in as_json) == 5


def test_an_older_digest_never_rolls_back(db: str) -> None:
    assert ingest(db, "2026-06-08-update") == "3 new, 0 updated, 0 unchanged, 0 merged"
    assert ingest(db, "2026-06-01-outlet-a") == "2 new, 0 updated, 0 unchanged, 3 merged"
    assert by_title(db, "Azul")["date"] == "2026-06-10"
    assert by_title(db, "Senate")["status"] == "tentative"
    assert by_title(db, "Kestrel")["status"] == "cancelled"
    assert all(e["sequence"] == 0 for e in events(db))


def test_disagreeing_sources_are_disputed_and_explained(db: str) -> None:
    ingest(db, "2026-06-15-desk-a")
    assert ingest(db, "2026-06-15-desk-b") == "0 new, 1 updated, 0 unchanged, 0 merged"
    event = by_title(db, "Quillnet")
    assert event["disputed"] is True and event["date"] == "2026-06-16" and event["action_deadline"] is True
    shown = cli(db, "show", event["uid"])
    assert "[disputed]" in shown.splitlines()[0]
    assert "Disputed: sources published at the same time give different dates:" in shown
    assert "2026-06-16: " in shown and "2026-06-17: " in shown
    assert "disputed  2026-06-16 or 2026-06-17?" in cli(db, "changes")
    assert json.loads(cli(db, "show", event["uid"], "--json"))["dispute"][1].startswith("2026-06-17: ")


def test_manual_edit_wins_until_auto(db: str) -> None:
    ingest(db, "2026-06-01-outlet-a")
    uid = by_title(db, "Azul")["uid"]
    cli(db, "edit", uid, "--on", "2026-06-05", "--at", "14:00")
    assert ingest(db, "2026-06-08-update") == "0 new, 2 updated, 0 unchanged, 1 merged"
    assert (by_title(db, "Azul")["date"], by_title(db, "Azul")["time"]) == ("2026-06-05", "14:00")
    cli(db, "edit", uid, "--auto")
    assert by_title(db, "Azul")["manual"] is False


def test_a_vague_date_becomes_precise_without_a_new_event(db: str) -> None:
    assert ingest(db, "2026-05-04-vague") == "1 new, 0 updated, 0 unchanged, 0 merged"
    vague = json.loads(cli(db, "list", "--from", "2026-05-01", "--days", "31", "--json"))
    assert [(e["date"], e["precision"]) for e in vague] == [("2026-05-01", "month")]
    assert ingest(db, "2026-05-25-exact") == "0 new, 1 updated, 0 unchanged, 0 merged"
    (exact,) = json.loads(cli(db, "list", "--from", "2026-05-01", "--days", "31", "--json"))
    assert exact["uid"] == vague[0]["uid"]
    assert (exact["date"], exact["time"], exact["precision"], exact["sequence"]) == (
        "2026-05-28",
        "14:00",
        "time",
        1,
    )
    assert exact["starts_at"] == "2026-05-28T14:00:00+00:00"
    assert "refined   2026-05-01 -> 2026-05-28 14:00" in cli(db, "changes", "--since", "2026-05-01")
    # the vague report again (older news) does not blur it
    assert ingest(db, "2026-05-04-vague") == "0 new, 0 updated, 1 unchanged, 0 merged"
