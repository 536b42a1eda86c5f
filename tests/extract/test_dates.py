"""The shared calendar helpers (tracker.extract.dates, .zones) that both languages build on."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.extract.dates import (
    month_end,
    next_weekday,
    previous_weekday,
    resolve_year,
    safe_date,
    weekday_problem,
)
from tracker.extract.zones import normalise_zone


def test_forward_preview_takes_the_next_occurrence_across_new_year() -> None:
    assert resolve_year(1, 5, anchor=dt.date(2025, 12, 28)).date == dt.date(2026, 1, 5)


def test_recent_past_days_keep_the_anchor_year() -> None:
    # A September preview recalling June: June of the same year, never a year ahead.
    assert resolve_year(6, 30, anchor=dt.date(2026, 8, 29)).date == dt.date(2026, 6, 30)


def test_weekday_chooses_between_neighbouring_years() -> None:
    got = resolve_year(1, 5, anchor=dt.date(2025, 6, 1), weekday=0)  # Monday, January 5 -> 2026
    assert got.date == dt.date(2026, 1, 5) and got.problem is None


def test_weekday_that_fits_no_year_is_reported() -> None:
    got = resolve_year(5, 12, anchor=dt.date(2026, 5, 1), weekday=4)  # May 12 is never a Friday nearby
    assert got.date == dt.date(2026, 5, 12)
    assert got.problem and "Tuesday" in got.problem and "Friday" in got.problem


def test_year_from_the_text_without_an_anchor() -> None:
    assert resolve_year(3, 28, anchor=None, hint_year=2024).date == dt.date(2024, 3, 28)
    assert resolve_year(1, 5, anchor=None, hint_year=2025, weekday=0).date == dt.date(2026, 1, 5)


def test_no_anchor_and_no_year_is_a_problem_not_a_guess() -> None:
    got = resolve_year(5, 12, anchor=None)
    assert got.date is None and got.problem and "--published" in got.problem


@pytest.mark.parametrize(("month", "day"), [(2, 30), (4, 31), (13, 1), (0, 5)])
def test_impossible_days(month: int, day: int) -> None:
    assert safe_date(2026, month, day) is None
    got = resolve_year(month, day, anchor=dt.date(2026, 1, 1))
    assert got.date is None and got.problem


def test_weekday_arithmetic() -> None:
    saturday = dt.date(2024, 9, 28)
    assert next_weekday(saturday, 1) == dt.date(2024, 10, 1)
    assert next_weekday(saturday, 5) == saturday
    assert next_weekday(saturday, 5, strict=True) == dt.date(2024, 10, 5)
    assert previous_weekday(dt.date(2025, 6, 16), 6) == dt.date(2025, 6, 15)
    assert month_end(2028, 2) == dt.date(2028, 2, 29)
    assert weekday_problem(dt.date(2026, 5, 12), 1) is None


@pytest.mark.parametrize(
    ("label", "stored"),
    [
        ("UTC+8", "UTC+8"),
        ("GMT+8", "UTC+8"),
        ("(UTC +08:00)", "UTC+8"),
        ("UTC-5:30", "UTC-5:30"),
        ("Beijing time", "UTC+8"),
        ("北京时间", "UTC+8"),
        ("ET", "America/New_York"),
        ("EST", "America/New_York"),
        ("Kyiv time", "Europe/Kyiv"),
        ("UTC", "UTC"),
        ("Atlantis time", None),
        ("UTC+19", None),
    ],
)
def test_zone_labels(label: str, stored: str | None) -> None:
    assert normalise_zone(label) == stored
