"""Properties of extraction over generated input: it never raises, evidence always points into the
text, impossible or self-contradicting dates become problems, and work grows linearly with size
(catastrophic regex backtracking would not). Absolute speed is measured by bench/extraction.py."""

from __future__ import annotations

import calendar
import datetime as dt
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.extract import extract
from tracker.extract.dates import WEEKDAY_NAMES, safe_date

MONTHS = list(calendar.month_name)[1:]
TOKENS = [
    "On",
    "Tuesday,",
    "May",
    "12",
    "12th",
    "28/01",
    "10/24",
    "2026-05-12",
    "26-30/01/2026",
    "Sep 16–17",
    "21:30",
    "(UTC+8)",
    "8:30 a.m. ET",
    "Beijing time",
    "next week",
    "tomorrow",
    "tonight",
    "Q3",
    "early July",
    "CPI",
    "FOMC",
    "will",
    "shut down",
    "withdraw",
    "before",
    "this date",
    "originally set for",
    "postponed",
    "cancelled",
    "•",
    "-",
    "—",
    ":",
    ";",
    ",",
    ".",
    "?",
    "\n",
    "\n\n",
    "  ",
    "#BTC",
    "$ETH",
    "Users must",
    "week ending",
    "the 17th",
    "from",
    "to",
    "until",
    "周二",
    "5月12日",
    "本周",
]
SETTINGS = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])


def check_offsets(text: str, published: dt.date | None) -> None:
    result = extract(text, published=published, source="generated")
    for event in result.events:
        assert 0 <= event.start <= event.end <= len(text)
        assert text[event.start : event.end] == event.evidence
        assert event.line == text.count("\n", 0, event.start) + 1
    for problem in result.problems:
        assert 0 <= problem.line <= text.count("\n") + 1


@SETTINGS
@given(st.text(), st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))))
def test_arbitrary_unicode_never_raises(text: str, published: dt.date | None) -> None:
    check_offsets(text, published)


@SETTINGS
@given(st.lists(st.sampled_from(TOKENS), max_size=80), st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)))
def test_digest_like_noise_never_raises(tokens: list[str], published: dt.date) -> None:
    check_offsets(" ".join(tokens), published)


@SETTINGS
@given(st.integers(1, 12), st.integers(29, 31), st.integers(1, 3))
def test_impossible_dates_are_problems_not_events(month: int, day: int, line: int) -> None:
    if safe_date(2026, month, day) is not None:
        return
    text = "Notes\n" * (line - 1) + f"The Example Summit opens on {MONTHS[month - 1]} {day}, 2026.\n"

    result = extract(text, published=dt.date(2026, 1, 1))

    assert result.events == []
    assert [p.line for p in result.problems] == [line]
    assert "impossible" in result.problems[0].message


@SETTINGS
@given(st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)), st.integers(1, 6))
def test_a_weekday_that_contradicts_its_date_is_a_problem(day: dt.date, shift: int) -> None:
    wrong = WEEKDAY_NAMES[(day.weekday() + shift) % 7]
    text = f"Agenda\n\nOn {wrong}, {MONTHS[day.month - 1]} {day.day}, {day.year}, the SEC holds a hearing.\n"

    result = extract(text, published=day - dt.timedelta(days=3))

    assert [e.date for e in result.events] == [day]  # the stated date is kept ...
    assert [p.line for p in result.problems] == [3]  # ... and the contradiction reported
    assert WEEKDAY_NAMES[day.weekday()] in result.problems[0].message


ADVERSARIAL = [
    "On Tuesday, May 12, the U.S. will release CPI data, ",  # one endless sentence
    "May 12 May 13 10/11 2026-05-12 Tuesday 12:30 UTC+8 ",  # dense dates, no punctuation
    "Monday, May 11\n• 12:30 — U.S. CPI\n\n",  # a header per line
    "Monday" + " " * 60 + "The Big Long Capitalized Name" + " " * 60,  # long blank runs
    ", , ; ; May 3 - 4 - 5 / 6 ? ! ",  # separators around ranges
]


def seconds(text: str) -> float:
    start = time.perf_counter()
    extract(text, published=dt.date(2026, 5, 11))
    return time.perf_counter() - start


@settings(deadline=None, max_examples=len(ADVERSARIAL), derandomize=True)
@given(st.sampled_from(ADVERSARIAL))
def test_work_grows_linearly_on_adversarial_input(unit: str) -> None:
    small = (unit * (25_000 // len(unit) + 1))[:25_000]
    large = (unit * (100_000 // len(unit) + 1))[:100_000]
    seconds(small)  # warm the regex cache
    # Four times the text: linear work takes ~4x; anything quadratic would take ~16x.
    assert seconds(large) < 9 * seconds(small) + 0.5
