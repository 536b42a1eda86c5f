"""``today``: the caller's date places a digest that states no year at all."""

from __future__ import annotations

import datetime as dt

from tracker.extract import extract

TEXT = "Week ahead\n\nMonday, January 5\n- 15:00 — ISM manufacturing index\n"


def test_without_today_a_yearless_date_is_a_problem_and_no_event() -> None:
    result = extract(TEXT)

    assert result.events == []
    assert any("no year" in p.message for p in result.problems)


def test_the_weekday_picks_the_year_nearest_today() -> None:
    # January 5 is a Monday in 2026 and in 2015 (and 2037): the one near the reader wins
    assert [e.date for e in extract(TEXT, today=dt.date(2025, 12, 20)).events] == [dt.date(2026, 1, 5)]
    assert [e.date for e in extract(TEXT, today=dt.date(2027, 3, 1)).events] == [dt.date(2026, 1, 5)]
    assert [e.date for e in extract(TEXT, today=dt.date(2016, 6, 1)).events] == [dt.date(2015, 1, 5)]


def test_never_more_than_about_a_year_ahead() -> None:
    # from December 2030 the next Monday, January 5 is in 2032, 13 months away: too far, so 2026
    assert [e.date for e in extract(TEXT, today=dt.date(2030, 12, 1)).events] == [dt.date(2026, 1, 5)]


def test_published_still_wins_over_today() -> None:
    got = extract(TEXT, published=dt.date(2015, 1, 2), today=dt.date(2026, 1, 1))
    assert [e.date for e in got.events] == [dt.date(2015, 1, 5)]


def test_without_a_weekday_today_is_the_last_resort_anchor() -> None:
    got = extract("Calendar\n\n- March 3: Acme mainnet upgrade\n", today=dt.date(2026, 2, 10))
    assert [e.date for e in got.events] == [dt.date(2026, 3, 3)]
