"""Turning English date mentions into calendar days: roles, years, weeks. Pure.

Public:

- ``DocFrame.build(text, published, day_first)`` -> what the whole digest says about time: its
  week (a "May 12-16" / "(10/21-10/27)" window or "next week" from the publication date), a year
  hint, an anchor date
- ``role(text, mention, has_action)`` -> how a mention is used in its sentence: "event",
  "deadline", "previous" (superseded), "until", "since", "window", "excluded", "label"
- ``resolve(mention, frame, context, line_anchor)`` -> Day: start/end dates, precision, problem
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from tracker.extract.dates import (
    monday_of,
    month_end,
    next_weekday,
    previous_weekday,
    resolve_year,
    safe_date,
    weekday_in_week,
    weekday_problem,
)
from tracker.extract.en_dates import DateMention, day_first_votes, find_dates
from tracker.models import Category

_BEFORE_EXCLUDED = re.compile(r"(?:weeks?\s+end(?:ing|ed)|(?<![a-z])(?:last|past)|as of|back in)\s*$", re.I)
# "launched in December 2020", "was held October 1–2, 2025": history, whatever the date's form
_HISTORY_NEAR = re.compile(
    r"\b(?:launched|founded|created|established|introduced|debuted|formed|incorporated|held|since)\b[^.;]{0,25}$",
    re.I,
)
_BEFORE_BACKGROUND = re.compile(
    r"\b(?:launched|founded|created|established|introduced|debuted|formed|incorporated"
    r"|(?:was|were) (?:held|launched|released|introduced))(?: (?:in|on))?\s*$",
    re.I,
)
_BEFORE_PREVIOUS = re.compile(
    r"(?:originally|previously|initially|first|earlier)\s+(?:\w+\s+){0,3}?(?:for|on|to)?\s*$"
    r"|(?:instead of|rather than)\s*$"
    r"|\b(?:delayed|postponed|moved|pushed(?: back)?|rescheduled|shifted)\s+from\s*(?:the\s+)?$",
    re.I,
)
_BEFORE_DEADLINE = re.compile(
    r"(?:before|by|until|till|through|no later than"
    r"|deadline(?:\s+is|\s+of|\s*:)?|cut-?off(?:\s+is)?)\s+(?:the\s+)?$",
    re.I,
)
_AFTER_DEADLINE = re.compile(r"^\s*(?:deadline|cut-?off)", re.I)
_BEFORE_UNTIL = re.compile(r"(?:until|till|through|to|runs? to)\s+(?:the\s+)?$", re.I)
_BEFORE_WINDOW = re.compile(
    r"\b(?:events?|week(?:ly)?|preview|agenda|calendar|schedule|outlook|watch)\b[^.!?\n]{0,12}$", re.I
)
_WEEK_OF = re.compile(r"\b(?:week|wk) of\s*$", re.I)
_FROM = re.compile(r"\bfrom\s*$", re.I)
_EVENTS_AFTER = re.compile(r",?\s*(?:the\s+)?(?:main|key|major|important)?\s*events", re.I)
_QUARTER_BEFORE = re.compile(r"\b(?:in|by|during|until|before|for|from|late|early|mid|end of)\s*$", re.I)
_CONFERENCES = re.compile(r"\b(?:conference|summit|hackathon|event)s?\s+(?:calendar|schedule|season)", re.I)
_NEXT_WEEK = re.compile(r"\bnext week\b", re.I)
_COMING_WEEK = re.compile(r"\bthis week\b|\bcoming week\b|\bweek ahead\b", re.I)
_POSTPONED = re.compile(
    r"\b(?:postpone[sd]?|delay(?:s|ed)?|push(?:es|ed)? back|defer(?:s|red)?|moved|reschedul\w+)\b", re.I
)


@dataclass(frozen=True)
class Day:
    date: dt.date | None
    end: dt.date | None = None
    precision: str = "day"
    problem: str | None = None


@dataclass(frozen=True)
class DocFrame:
    published: dt.date | None
    day_first: bool
    week: dt.date | None  # Monday of the week weekday-only items belong to
    window: tuple[int, int] | None  # span of the digest's own date range in the text
    window_end: dt.date | None
    hint_year: int | None
    anchor: dt.date | None  # published, or the first full date the text states
    topic: Category | None = None  # what an untyped calendar line is ("Conference calendar")
    today: dt.date | None = None  # the caller's current date: weekday-consistent years, last resort

    @staticmethod
    def build(
        text: str, published: dt.date | None, day_first: bool | None = None, today: dt.date | None = None
    ) -> DocFrame:
        if day_first is None:
            first, second = day_first_votes(text)
            day_first = first > second
        head = text[:1500]
        mentions = find_dates(head, day_first)
        # the title line's year first ("Events — October 2026"), then the first year not in
        # background ("launched in December 2020", "held October 1–2, 2025")
        years = [m.year for m in mentions if m.year and role(head, m, False) != "excluded"]
        hint = _first_line_year(text) or (years[0] if years else _title_year(text))
        stated = next(
            (
                safe_date(m.year, m.month, m.day)
                for m in mentions
                if m.year and m.kind == "abs" and role(head, m, False) != "excluded"
            ),
            None,
        )
        anchor = published or stated
        if anchor is None and hint is None and today is not None:
            # "Monday, January 5" with no year anywhere: the year where that is a Monday, near today
            anchor = next(
                (
                    d
                    for m in mentions
                    if m.kind == "abs"
                    and m.weekday is not None
                    and (d := weekday_year(m.month, m.day, m.weekday, today)) is not None
                ),
                None,
            )
        window = next((m for m in mentions if m.kind == "abs" and role(head, m, False) == "window"), None)
        frame = DocFrame(published, day_first, None, None, None, hint, anchor)
        week, span, window_end = _week(text, frame, window)
        topic = Category.CONFERENCE if _CONFERENCES.search(text[:200]) else None
        return DocFrame(published, day_first, week, span, window_end, hint, anchor, topic, today)


def weekday_year(month: int, day: int, weekday: int, today: dt.date) -> dt.date | None:
    """The date of month/day on ``weekday`` nearest to ``today``, at most about a year ahead of it."""
    limit = today + dt.timedelta(days=370)
    found = [
        d
        for y in range(today.year - 7, today.year + 2)
        if (d := safe_date(y, month, day)) is not None and d.weekday() == weekday and d <= limit
    ]
    return min(found, key=lambda d: abs((d - today).days)) if found else None


def _first_line_year(text: str) -> int | None:
    first = next((line for line in text[:400].splitlines() if line.strip()), "")
    m = re.search(r"(?<![\d$.,])(20\d{2})(?![\d%])", first)
    return int(m.group(1)) if m else None


def _title_year(text: str) -> int | None:
    """A year the title states, else the latest year the text mentions (a weekday then picks
    the matching year nearest to it)."""
    for m in re.finditer(r"(?<!\d)(20\d{2})(?!\d)", text[:300]):
        if not _HISTORY_NEAR.search(text, max(0, m.start() - 40), m.start()):
            return int(m.group(1))
    years = [
        int(m.group(1))
        for m in re.finditer(r"(?<![\d.,$])(20\d{2})(?![\d%])", text[:20000])
        if not _HISTORY_NEAR.search(text, max(0, m.start() - 40), m.start())
    ]
    return max(years) if years else None


def _week(
    text: str, frame: DocFrame, window: DateMention | None
) -> tuple[dt.date | None, tuple[int, int] | None, dt.date | None]:
    if window is not None:
        day = resolve(window, frame, None, None)
        if day.date:
            return monday_of(day.date), (window.start, window.end), day.end
    p = frame.published
    if p is None:
        return (monday_of(frame.anchor) if frame.anchor else None), None, None
    if _NEXT_WEEK.search(text):
        return monday_of(p) + dt.timedelta(days=7), None, None
    if _COMING_WEEK.search(text):
        # "this week" / "the week ahead" from a Friday-to-Sunday post is the week that follows it
        return monday_of(p) + dt.timedelta(days=7 if p.weekday() >= 4 else 0), None, None
    return None, None, None


@functools.lru_cache(maxsize=8192)
def role(text: str, m: DateMention, has_action: bool) -> str:
    """How mention ``m`` is used in ``text`` (one sentence or line)."""
    if m.kind == "label":
        return "label"
    before = text[max(0, m.start - 40) : m.start]
    if m.kind == "weekday" and m.rel in ("last", "since"):
        return "since" if m.rel == "since" else "excluded"
    if re.search(r"\bsince\s*$", before, re.I):
        return "since"
    if _BEFORE_BACKGROUND.search(before):
        return "excluded"
    if m.kind != "weekday" and _BEFORE_EXCLUDED.search(before) and not (m.kind == "vague" and m.rel):
        return "excluded" if m.kind == "abs" else "event"
    if _BEFORE_PREVIOUS.search(before):
        return "previous"
    if m.kind == "abs" and _is_window(text, m, before):
        return "window"
    if m.kind == "vague" and m.precision == "quarter" and not _QUARTER_BEFORE.search(before):
        return "excluded"  # "Q2 GDP": the period a figure covers
    deadline_words = _BEFORE_DEADLINE.search(before) or _AFTER_DEADLINE.search(text[m.end : m.end + 12])
    if m.kind == "vague" and m.rel in ("before", "by", "end of") and has_action:
        return "deadline"
    if deadline_words and has_action:
        return "deadline"
    if _BEFORE_UNTIL.search(before):
        return "until"
    return "event"


def _is_window(text: str, m: DateMention, before: str) -> bool:
    """The digest's own span of days ("events for May 12-16", "week of June 15"), not an event."""
    if _WEEK_OF.search(before):
        return True
    if not m.end_day:
        return False
    return bool(_BEFORE_WINDOW.search(before) or (_FROM.search(before) and _EVENTS_AFTER.match(text, m.end)))


@functools.lru_cache(maxsize=4096)
def postponed(text: str) -> int:
    """End offset of a "postponed/delayed/moved" word in ``text``, 0 when there is none."""
    m = _POSTPONED.search(text)
    return m.end() if m else 0


def _abs(m: DateMention, frame: DocFrame, line_anchor: dt.date | None) -> Day:
    if m.year:
        start = safe_date(m.year, m.month, m.day)
        if start is None:
            return Day(None, problem=f"impossible date: {m.year}-{m.month:02d}-{m.day:02d}")
        problem = weekday_problem(start, m.weekday) if m.weekday is not None else None
        return Day(start, _end(m, start), problem=problem)
    anchor = line_anchor or frame.anchor
    if anchor is None and frame.hint_year is None and frame.today is not None:
        matched = weekday_year(m.month, m.day, m.weekday, frame.today) if m.weekday is not None else None
        if matched is not None:
            return Day(matched, _end(m, matched))
        anchor = frame.today  # the last resort: the reader's own date
    got = resolve_year(m.month, m.day, anchor=anchor, weekday=m.weekday, hint_year=frame.hint_year)
    if got.date is None:
        return Day(None, problem=got.problem)
    return Day(got.date, _end(m, got.date), problem=got.problem)


def _end(m: DateMention, start: dt.date) -> dt.date | None:
    if not m.end_day:
        return None
    end = safe_date(start.year, m.end_month or start.month, m.end_day)
    if end is not None and end < start:
        end = safe_date(start.year + 1, m.end_month or start.month, m.end_day)
    return end if end != start else None


def _weekday(m: DateMention, frame: DocFrame, context: dt.date | None) -> Day:
    assert m.weekday is not None
    if m.rel == "since" and context:
        return Day(previous_weekday(context, m.weekday))
    if context is not None:
        return Day(weekday_in_week(monday_of(context), m.weekday))
    if m.rel == "this" and frame.published is not None:
        return Day(next_weekday(frame.published, m.weekday))
    if frame.week is not None:
        return Day(weekday_in_week(frame.week, m.weekday))
    if frame.published is not None:
        return Day(next_weekday(frame.published, m.weekday, strict=m.rel in ("next", "coming")))
    return Day(None, problem="a weekday without a date to count from: pass --published YYYY-MM-DD")


def _relative(m: DateMention, frame: DocFrame, context: dt.date | None) -> Day:
    base = context or frame.published
    if "end of" in m.rel or "weekend" in m.rel:
        if frame.window_end is not None and "end of" in m.rel:
            return Day(frame.window_end)
        monday = monday_of(base) if base else frame.week
        if monday is None:
            return Day(None)
        return Day(monday + dt.timedelta(days=4 if "end of" in m.rel else 5), precision="week")
    if base is None:
        return Day(None, problem=f"'{m.rel}' without a date to count from: pass --published YYYY-MM-DD")
    if m.rel in ("tomorrow",) or "following" in m.rel or "next day" in m.rel:
        return Day(base + dt.timedelta(days=1))
    return Day(base)


def _vague(m: DateMention, frame: DocFrame, line_anchor: dt.date | None, as_deadline: bool) -> Day:
    got = resolve_year(m.month, 1, anchor=line_anchor or frame.anchor, hint_year=frame.hint_year)
    if m.year:
        got = resolve_year(m.month, 1, anchor=dt.date(m.year, m.month, 1))
    if got.date is None:
        return Day(None)
    if as_deadline and m.rel == "end of":
        return Day(month_end(got.date.year, got.date.month))
    return Day(got.date, precision=m.precision)


def resolve(
    m: DateMention,
    frame: DocFrame,
    context: dt.date | None,
    line_anchor: dt.date | None,
    as_deadline: bool = False,
) -> Day:
    """The day(s) a mention names. ``context`` is the day the surrounding text is about."""
    if m.kind == "abs":
        return _abs(m, frame, line_anchor or context)
    if m.kind == "weekday":
        return _weekday(m, frame, context)
    if m.kind == "relative":
        return _relative(m, frame, context)
    if m.kind == "vague":
        return _vague(m, frame, line_anchor, as_deadline)
    if m.kind == "dom":
        return _day_of_month(m, frame, context)
    return Day(None)


def _day_of_month(m: DateMention, frame: DocFrame, context: dt.date | None) -> Day:
    """ "the 17th": in the month of the day in force (or the digest's week), the next month if passed."""
    base = context or frame.week or frame.published
    if base is None:
        return Day(None, problem="a day of the month without a month: pass --published YYYY-MM-DD")
    day = safe_date(base.year, base.month, m.day)
    if day is None or day < base - dt.timedelta(days=10):
        nxt = (base.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        day = safe_date(nxt.year, nxt.month, m.day)
    return Day(day)
