"""Calendar arithmetic shared by the English and Chinese extractors. Pure, language-neutral.

Public (stable names, other extractor modules import them):

- ``safe_date(year, month, day)``            -> date | None (None for February 30 and friends)
- ``resolve_year(month, day, anchor=..., weekday=..., hint_year=...)`` -> Resolved
- ``weekday_problem(day, weekday)``          -> message | None when a stated weekday contradicts
- ``monday_of(day)``                         -> the Monday of that ISO week
- ``weekday_in_week(monday, weekday)``       -> the day of that week with the weekday (0 = Monday)
- ``next_weekday(anchor, weekday, strict)``  -> first day on/after (after, when strict) anchor
- ``previous_weekday(anchor, weekday)``      -> last day on/before anchor with the weekday
- ``month_end(year, month)``                 -> last day of a month
- ``quarter_start(year, quarter)``           -> first day of a quarter
- ``WEEKDAY_NAMES``                          -> ("Monday", ..., "Sunday") for messages
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# A preview looks forward, but digests also recall recent weeks ("ETHCC in June was the last big
# gathering"): a month/day up to this far before the anchor keeps the anchor's year.
LOOKBACK = dt.timedelta(days=120)


@dataclass(frozen=True)
class Resolved:
    """A month/day placed in a year, with a problem message when the text contradicts itself."""

    date: dt.date | None
    problem: str | None = None


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the triple is not a real day (February 30, month 13...)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def quarter_start(year: int, quarter: int) -> dt.date:
    return dt.date(year, 3 * (quarter - 1) + 1, 1)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def weekday_in_week(monday: dt.date, weekday: int) -> dt.date:
    return monday + dt.timedelta(days=weekday)


def next_weekday(anchor: dt.date, weekday: int, strict: bool = False) -> dt.date:
    """The first day on or after ``anchor`` (after it, when ``strict``) falling on ``weekday``."""
    ahead = (weekday - anchor.weekday()) % 7
    if strict and ahead == 0:
        ahead = 7
    return anchor + dt.timedelta(days=ahead)


def previous_weekday(anchor: dt.date, weekday: int) -> dt.date:
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def weekday_problem(day: dt.date, weekday: int) -> str | None:
    """A message when ``day`` does not fall on the stated ``weekday`` (0 = Monday)."""
    if day.weekday() == weekday:
        return None
    return (
        f"{day.isoformat()} is a {WEEKDAY_NAMES[day.weekday()]}, "
        f"but the text calls it {WEEKDAY_NAMES[weekday]}"
    )


def _closest(candidates: list[dt.date], anchor: dt.date) -> dt.date:
    """The forward-looking choice: not before ``anchor - LOOKBACK`` if possible, then nearest."""
    return min(candidates, key=lambda d: (d < anchor - LOOKBACK, abs((d - anchor).days)))


def resolve_year(
    month: int,
    day: int,
    *,
    anchor: dt.date | None,
    weekday: int | None = None,
    hint_year: int | None = None,
) -> Resolved:
    """Place month/day in a year.

    ``anchor`` (publication date, or the date the text is about) decides first: the year that
    puts the day nearest to it without falling far behind it (a preview looks forward). A stated
    ``weekday`` picks among the neighbouring years the one where it matches. Without an anchor,
    ``hint_year`` (a year the text mentions) is taken, or its neighbour where the weekday fits.
    Impossible days and weekday contradictions come back as a problem message.
    """
    if anchor is None and hint_year is not None:
        return _from_hint(month, day, weekday, hint_year)
    base = anchor
    if base is None:
        return Resolved(None, "no year for this date: pass --published YYYY-MM-DD")
    years = [base.year - 1, base.year, base.year + 1]
    candidates = [d for d in (safe_date(y, month, day) for y in years) if d is not None]
    if not candidates:
        return Resolved(None, f"impossible date: month {month}, day {day}")
    if weekday is not None:
        matching = [d for d in candidates if d.weekday() == weekday]
        if matching:
            return Resolved(_closest(matching, base))
        chosen = _closest(candidates, base)
        return Resolved(chosen, weekday_problem(chosen, weekday))
    return Resolved(_closest(candidates, base))


def _from_hint(month: int, day: int, weekday: int | None, hint_year: int) -> Resolved:
    """Without an anchor date: the year the text mentions, or a neighbour where the weekday fits."""
    stated = safe_date(hint_year, month, day)
    if weekday is None or (stated is not None and stated.weekday() == weekday):
        return Resolved(stated, None if stated else f"impossible date: month {month}, day {day}")
    for year in (hint_year + k * sign for k in range(1, 7) for sign in (-1, 1)):
        near = safe_date(year, month, day)
        if near is not None and near.weekday() == weekday:
            return Resolved(near)
    if stated is None:
        return Resolved(None, f"impossible date: month {month}, day {day}")
    return Resolved(stated, weekday_problem(stated, weekday))
