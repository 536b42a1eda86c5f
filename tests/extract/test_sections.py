"""Short word-only lines between a blank line and a list: section titles, unless they are events."""

from __future__ import annotations

import datetime as dt

from tracker.extract import extract
from tracker.extract.en_layout import segment

TEXT = (
    "Week ahead\n\nMonday, June 8\n- 10:00 — ISM services\n\nConferences\n- Jun 9 — Lisbon builders day\n"
    "\nTuesday, June 9\n- 09:00 — EU consultation closes\n\nPowell speaks\n- 14:00 — EIA crude stocks\n"
)


def test_a_section_title_is_a_heading_and_types_its_list() -> None:
    kinds = {TEXT[u.start : u.end]: u.kind for u in segment(TEXT)}
    assert kinds["Conferences"] == "heading"
    events = extract(TEXT, published=dt.date(2026, 6, 6)).events
    builders = next(e for e in events if "builders" in e.title)
    assert (builders.date, builders.category) == (dt.date(2026, 6, 9), "conference")


def test_an_event_line_is_not_a_section_title() -> None:
    kinds = {TEXT[u.start : u.end]: u.kind for u in segment(TEXT)}
    assert kinds["Powell speaks"] != "heading"
