"""The reference week (issue 2): the project's own seed digest must come out exactly right."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tracker.extract import extract
from tracker.models import Category

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
REFERENCE = SEEDS / "2026-05-11-reference-week.txt"

EXPECTED = [
    ("2026-05-12", Category.MACRO, "U.S. Bureau of Labor Statistics", False),
    ("2026-05-12", Category.MIGRATION, "Ronin", False),
    ("2026-05-13", Category.UPGRADE, "Base", False),
    ("2026-05-14", Category.REGULATION, "U.S. Senate Banking Committee", False),
    ("2026-05-14", Category.SHUTDOWN, "Carrot", True),
    ("2026-05-14", Category.LISTING, "Moscow Exchange", False),
    ("2026-05-15", Category.SHUTDOWN, "Dmail Network", True),
    ("2026-05-15", Category.SHUTDOWN, "UX Chain", True),
    ("2026-05-16", Category.SHUTDOWN, "Lattice", True),
]


@pytest.mark.parametrize("published", [None, dt.date(2026, 5, 11)])
def test_reference_week_gives_the_nine_events(published: dt.date | None) -> None:
    result = extract(REFERENCE.read_text(encoding="utf-8"), published=published, source=REFERENCE.name)

    got = [
        (e.date.isoformat() if e.date else None, e.category, e.org, e.action_deadline) for e in result.events
    ]
    assert got == EXPECTED
    assert result.problems == []


def test_reference_week_actions_and_evidence() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    events = extract(text, published=dt.date(2026, 5, 11)).events
    actions = {e.org: e.action for e in events if e.action_deadline}

    assert actions == {
        "Carrot": "withdraw assets",
        "Dmail Network": "export data",  # "Users must export data before this date" refers back
        "UX Chain": "withdraw assets",
        "Lattice": "withdraw assets",
    }
    for event in events:
        assert text[event.start : event.end] == event.evidence
        assert event.line == 3  # the whole week is one paragraph on line 3


def test_weekday_picks_the_year_near_publication() -> None:
    # May 12 is a Monday in 2025 and a Tuesday in 2026: the stated weekday decides.
    text = REFERENCE.read_text(encoding="utf-8").replace(", 2026", "")
    result = extract(text, published=dt.date(2025, 4, 1))

    assert {e.date.year for e in result.events if e.date} == {2026}
    assert result.problems == []


def test_without_any_year_the_text_asks_for_a_publication_date() -> None:
    text = REFERENCE.read_text(encoding="utf-8").replace(", 2026", "")
    result = extract(text, published=None, source="week.txt")

    assert result.events == []
    assert result.problems and all("--published" in p.message for p in result.problems)
    assert {p.line for p in result.problems} == {3}


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_every_seed_parses_without_problems(seed: Path) -> None:
    published = dt.date.fromisoformat(seed.name[:10])
    result = extract(seed.read_text(encoding="utf-8"), published=published, source=seed.name)

    assert result.events
    assert result.problems == []


def test_day_bullets_seed() -> None:
    seed = SEEDS / "2026-05-24-en-day-bullets.txt"
    events = extract(seed.read_text(encoding="utf-8"), published=dt.date(2026, 5, 24)).events

    got = [(e.date.isoformat() if e.date else None, e.category, e.action_deadline) for e in events]
    assert got == [
        ("2026-05-25", Category.UNLOCK, False),
        ("2026-05-26", Category.MACRO, False),
        ("2026-05-26", Category.LISTING, False),
        ("2026-05-27", Category.UPGRADE, False),
        ("2026-05-27", Category.SHUTDOWN, True),
        ("2026-05-28", Category.MACRO, False),
        ("2026-05-28", Category.MACRO, False),
        ("2026-05-28", Category.CONFERENCE, False),
        ("2026-05-29", Category.MACRO, False),
        ("2026-05-29", Category.DEADLINE, True),
    ]
    timed = [e for e in events if e.time]
    assert {e.tz for e in timed} == {"UTC"}  # "(times in UTC)" in the title line covers every item
    assert [e.end_date for e in events if e.end_date] == [dt.date(2026, 5, 30)]
    assert events[-1].action == "claim"
