"""A zone the digest states once beside its clock times covers its bare times; two zones cover none."""

from __future__ import annotations

import datetime as dt

from tracker.extract import extract
from tracker.extract.en_zones import document_zone


def test_one_stated_zone_is_the_documents() -> None:
    text = "Diary\n\n- 12:00 UK time: BoE decision\n- 13:30: US claims\n"
    assert document_zone(text) == ("Europe/London", text.index("12:00"))


def test_two_different_zones_give_none() -> None:
    assert document_zone("- 08:30 ET: CPI\n- 09:30 Beijing time: China PPI\n- 10:00: ISM\n") is None


def test_bare_times_before_the_stated_zone_stay_without_one() -> None:
    text = (
        "Diary\n\nMonday, June 8\n- 10:00 — ISM services\n- 14:00 ET — Fed speech\n"
        "- 15:00 — EIA crude stocks\n"
    )
    events = extract(text, published=dt.date(2026, 6, 6)).events
    assert [(e.time.strftime("%H:%M") if e.time else None, e.tz) for e in events] == [
        ("10:00", None),
        ("14:00", "America/New_York"),
        ("15:00", "America/New_York"),
    ]
