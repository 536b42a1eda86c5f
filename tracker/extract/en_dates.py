"""Date and time mentions in English text (zones: ``en_zones``). Pure; linear patterns only.

Public:

- ``find_dates(text, day_first=False)`` -> list[DateMention], left to right, non-overlapping
- ``find_times(text)``                  -> list[TimeMention]
- ``time_for(times, start, upto)``      -> the time belonging to a release at ``start`` (before ``upto``)
- ``day_first_votes(text)``             -> (day-first votes, month-first votes) of numeric dates
- ``MONTHS``, ``WEEKDAYS``             -> name -> number (month 1-12, weekday 0 = Monday)
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass, replace

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}

_MON = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WD = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY"
    r"|MON|TUES?|WED|THU(?:RS?)?|FRI|SAT|SUN)\.?"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_SEP = r"\s*(?:-|–|—|~|to|through|until|and|&)\s*"
_YEAR = r"(?:,?\s+(?P<y>(?:19|20)\d{2})(?!\d))?"
_WD_AFTER = r"(?:,?\s*\(?(?P<wd2>" + _WD + r")\)?(?![a-z]))?"

_MONTH_FIRST = re.compile(
    r"(?:(?P<wd>"
    + _WD
    + r"),?\s+(?:the\s+)?)?\b(?P<mon>(?i:"
    + _MON
    + r"))\s+(?P<d>"
    + _DAY
    + r")(?!\d|:\d|-[A-Za-z])"
    r"(?:" + _SEP + r"(?:(?P<mon2>" + _MON + r")\s+)?(?P<d2>" + _DAY + r")(?![\d%]|:\d))?" + _YEAR + _WD_AFTER
)
_DAY_FIRST = re.compile(
    r"(?:(?P<wd>" + _WD + r"),?\s+(?:the\s+)?)?\b(?P<d>" + _DAY + r")(?:" + _SEP + r"(?P<d2>" + _DAY + r"))?"
    r"\s+(?:of\s+)?(?P<mon>"
    + _MON
    + "|"
    + _MON.upper().replace(r"\.?", "")
    + r")(?![a-z])"
    + _YEAR
    + _WD_AFTER
)
_ISO = re.compile(
    r"(?<![\d/.-])(?P<y>(?:19|20)\d{2})(?P<s>[-/.])(?P<m>[01]?\d)(?P=s)(?P<d>[0-3]?\d)(?![\d/-])"
)
_NUMERIC = re.compile(
    r"(?<![\d/.,$])(?P<a>[0-3]?\d)(?:\s*[-–]\s*(?P<a2>[0-3]?\d))?/(?P<b>[0-3]?\d)"
    r"(?:/(?P<y>(?:20)?\d{2}))?(?![\d/%])"
    r"(?:\s*[-–~]\s*(?P<c>[0-3]?\d)/(?P<e>[0-3]?\d)(?![\d/%]))?" + _WD_AFTER
)
# Standalone weekdays: upper-case abbreviations are tickers (MON, SUN) unless a date follows them.
_WD_STANDALONE = _WD.replace("|MON|TUES?|WED|THU(?:RS?)?|FRI|SAT|SUN", "")
_WD_LOWER = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri)"
)
_WEEKDAY = re.compile(
    r"(?:\b(?P<rel>(?i:next|this|coming|last|since|on))\s+)?(?<![A-Za-z])(?P<wd>"
    + _WD_STANDALONE
    + "|"
    + _WD_LOWER
    + r")(?![a-z])"
)
_WEEKDAY_END = re.compile(r"\b(?:" + _WD + "|" + _WD_LOWER + r"),?\s*$")
_DOM = re.compile(r"\b(?:the|" + _WD_STANDALONE + r",?) (?P<d>3[01]|[12]\d|[1-9])(?:st|nd|rd|th)\b")
_RELATIVE = re.compile(
    r"\b(?P<rel>today|tonight|tomorrow|the following day|the next day|later that day"
    r"|later in the day|that day|that (?:morning|afternoon|evening|night)|(?:the )?same day"
    r"|(?:the\s+)?end of (?:the|this) week|this weekend)\b",
    re.IGNORECASE,
)
_VAGUE = re.compile(
    r"\b(?P<part>early|mid|late|end of|the end of|beginning of|start of|before|by)[- ]\s*"
    r"(?P<mon>"
    + _MON
    + r")(?P<ends>\s+ends)?(?![a-z]|\s+\d)"
    + _YEAR
    + r"|\b(?P<q>Q[1-4]|H[12])(?:\s+(?P<qy>(?:19|20)\d{2}))?\b"
    + r"|\b(?P<mon3>"
    + _MON
    + r")(?:\s+(?P<y3>(?:19|20)\d{2}))?\s+[—–-]\s*(?=$|[^\d\s])"
)
_DIGIT = re.compile(r"\d")
_AM_PM = re.compile(r"\d\s*[AaPp]\.?[Mm]")
# Cheap pre-checks: the full patterns only run on text that can contain what they look for.
_ANY_MONTH = re.compile(r"(?i)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
_ANY_QUARTER = re.compile(r"[QH][1-4]")
_ANY_WEEKDAY = re.compile(r"(?i)(?:mon|tue|wed|thu|fri|sat|sun)")
_ANY_RELATIVE = re.compile(
    r"(?i)(?:today|tonight|tomorrow|day\b|end of|weekend|morning|afternoon|evening|night)"
)
_LABEL = re.compile(r"(?<![\d-])(?P<y>20\d{2})-(?P<m>0[1-9]|1[0-2])(?![\d-])")
_TIME = re.compile(
    r"(?<![\d:.$])(?P<h>[01]?\d|2[0-4])[:：](?P<m>[0-5]\d)(?![\d%])(?:\s*(?P<ap>[AaPp]\.?[Mm]\.?)(?![a-z]))?"
    r"|(?<![\d:.$])(?P<h2>1[0-2]|0?[1-9])\s*(?P<ap2>[AaPp]\.[Mm]\.|[AaPp][Mm](?![a-z]))"
)


@dataclass(frozen=True)
class DateMention:
    """One date expression: an absolute day, a range, a weekday, a relative word or a vague period."""

    start: int
    end: int
    kind: str  # "abs" | "weekday" | "relative" | "vague" | "label" | "dom" (day of month: "the 17th")
    month: int = 0
    day: int = 0
    year: int | None = None
    end_month: int = 0
    end_day: int = 0
    weekday: int | None = None
    rel: str = ""  # weekday qualifier (next/this/since...), relative word, or vague part
    precision: str = "day"


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    time: dt.time


def _month(name: str | None) -> int:
    return MONTHS.get((name or "")[:3].lower(), 0)


def _weekday(name: str | None) -> int | None:
    return WEEKDAYS.get(name[:3].lower()) if name else None


def _num(text: str | None) -> int:
    return int(re.sub(r"\D", "", text)) if text else 0


def _year(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    return value + 2000 if value < 100 else value


def _named(m: re.Match[str]) -> DateMention:
    month, day = _month(m.group("mon")), _num(m.group("d"))
    mon2 = m.groupdict().get("mon2")
    end_month = _month(mon2) if mon2 else (month if m.group("d2") else 0)
    weekday = _weekday(m.group("wd") or m.group("wd2"))
    return DateMention(
        m.start(), m.end(), "abs", month, day, _year(m.group("y")), end_month, _num(m.group("d2")), weekday
    )


def _numeric(m: re.Match[str], day_first: bool) -> DateMention | None:
    a, b = int(m.group("a")), int(m.group("b"))
    a2 = int(m.group("a2")) if m.group("a2") else 0
    if day_first or a > 12:
        day, month, end_day, end_month = a, b, a2, (b if a2 else 0)
    else:
        month, day, end_day, end_month = a, b, 0, 0
    if m.group("c"):
        c, e = int(m.group("c")), int(m.group("e"))
        end_day, end_month = (c, e) if (day_first or a > 12) else (e, c)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return DateMention(
        m.start(),
        m.end(),
        "abs",
        month,
        day,
        _year(m.group("y")),
        end_month,
        end_day,
        _weekday(m.group("wd2")),
    )


def _numeric_plausible(text: str, m: re.Match[str]) -> bool:
    """Bare a/b is a date only with a year, a range, a weekday, or where dates are written."""
    if m.group("y") or m.group("a2") or m.group("c") or m.group("wd2"):
        return True
    before = text[max(0, m.start() - 12) : m.start()].lower()
    after = text[m.end() : m.end() + 2]
    return (
        not before.strip(" \t•·*-–—(|")
        or before.rstrip().endswith(("on", "by", "from", "until", "before", "after", "since", "("))
        or bool(_WEEKDAY_END.search(before))
        or after.startswith(":")
    )


def _vague(m: re.Match[str]) -> DateMention:
    if m.group("q"):
        q = m.group("q")
        month = 1 + 3 * (int(q[1]) - 1) if q[0] == "Q" else (1 if q[1] == "1" else 7)
        return DateMention(
            m.start(), m.end(), "vague", month, 1, _year(m.group("qy")), rel=q.lower(), precision="quarter"
        )
    if m.group("mon3"):
        return DateMention(
            m.start(),
            m.end(),
            "vague",
            _month(m.group("mon3")),
            1,
            _year(m.group("y3")),
            rel="month",
            precision="month",
        )
    part = m.group("part").lower().removeprefix("the ")
    if m.group("ends"):
        part = "end of"
    return DateMention(
        m.start(),
        m.end(),
        "vague",
        _month(m.group("mon")),
        1,
        _year(m.group("y")),
        rel=part,
        precision="month",
    )


def find_dates(text: str, day_first: bool = False) -> list[DateMention]:
    """Every date expression in ``text``, absolute forms first, then weekdays and relative words."""
    return list(_find_dates(text, day_first))


@functools.lru_cache(maxsize=4096)
def _find_dates(text: str, day_first: bool) -> tuple[DateMention, ...]:
    """Cached per text: digests repeat lines (headers, "TBA", table rows) and units are re-read."""
    found: list[DateMention] = []
    if _DIGIT.search(text):
        found = _numbered(text, day_first)
    found += _worded(text)
    return tuple(_join_ranges(text, _non_overlapping(found)))


_RANGE_GAP = re.compile(r"\s*(?:-|–|—|~|to|through|until)\s*")


def _join_ranges(text: str, found: list[DateMention]) -> list[DateMention]:
    """ "Wed 7 Oct – Thu 8 Oct": two full dates joined by a dash are one range."""
    out: list[DateMention] = []
    for m in found:
        last = out[-1] if out else None
        if (
            last is not None
            and last.kind == m.kind == "abs"
            and not last.end_day
            and not m.end_day
            and _RANGE_GAP.fullmatch(text, last.end, m.start)
            and (m.month, m.day) > (last.month, last.day)
        ):
            out[-1] = replace(last, end=m.end, end_month=m.month, end_day=m.day, year=last.year or m.year)
            continue
        out.append(m)
    return out


def _numbered(text: str, day_first: bool) -> list[DateMention]:
    found: list[DateMention] = []
    if _ANY_MONTH.search(text):
        found = [_named(m) for m in _MONTH_FIRST.finditer(text)]
        found += [_named(m) for m in _DAY_FIRST.finditer(text)]
    found += [
        DateMention(m.start(), m.end(), "abs", int(m.group("m")), int(m.group("d")), int(m.group("y")))
        for m in _ISO.finditer(text)
    ]
    for m in _NUMERIC.finditer(text):
        mention = _numeric(m, day_first) if _numeric_plausible(text, m) else None
        if mention:
            found.append(mention)
    found += [DateMention(m.start(), m.end(), "dom", day=int(m.group("d"))) for m in _DOM.finditer(text)]
    found += [
        DateMention(m.start(), m.end(), "label", int(m.group("m")), 1, int(m.group("y")), precision="month")
        for m in _LABEL.finditer(text)
    ]
    return found


def _worded(text: str) -> list[DateMention]:
    found: list[DateMention] = []
    if _ANY_MONTH.search(text) or _ANY_QUARTER.search(text):
        found = [
            _vague(m)
            for m in _VAGUE.finditer(text)
            if _month(m.group("mon") or m.group("mon3")) or m.group("q")
        ]
    if _ANY_WEEKDAY.search(text):
        found += _weekdays(text)
    if _ANY_RELATIVE.search(text):
        found += [
            DateMention(m.start(), m.end(), "relative", rel=m.group("rel").lower())
            for m in _RELATIVE.finditer(text)
        ]
    return found


def _weekdays(text: str) -> list[DateMention]:
    found = []
    for m in _WEEKDAY.finditer(text):
        name = m.group("wd")
        if name[:3] in ("Sat", "Sun") and len(name.rstrip(".")) == 3 and not m.group("rel"):
            continue
        rel = (m.group("rel") or "").lower()
        start = m.start() if rel in ("next", "this", "coming", "last", "since") else m.start("wd")
        found.append(DateMention(start, m.end(), "weekday", weekday=_weekday(name), rel=rel))
    return found


def _non_overlapping(found: list[DateMention]) -> list[DateMention]:
    """Stronger kinds first, then earlier and longer; a mention overlapping a kept one is dropped."""
    order = {"abs": 0, "vague": 1, "label": 2, "dom": 3, "relative": 4, "weekday": 5}
    found.sort(key=lambda d: (order[d.kind], d.start, -(d.end - d.start)))
    starts: list[int] = []
    kept: list[DateMention] = []
    for mention in found:
        i = bisect.bisect_left(starts, mention.start)
        if i > 0 and kept[i - 1].end > mention.start:
            continue
        if i < len(kept) and kept[i].start < mention.end:
            continue
        starts.insert(i, mention.start)
        kept.insert(i, mention)
    return kept


def _time(m: re.Match[str]) -> dt.time | None:
    hour = int(m.group("h") or m.group("h2"))
    minute = int(m.group("m") or 0)
    ampm = (m.group("ap") or m.group("ap2") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour == 24 and minute == 0:
        hour = 0
    return dt.time(hour, minute) if hour < 24 else None


def find_times(text: str) -> list[TimeMention]:
    return list(_find_times(text))


@functools.lru_cache(maxsize=4096)
def _find_times(text: str) -> tuple[TimeMention, ...]:
    if ":" not in text and "：" not in text and not _AM_PM.search(text):
        return ()
    out = []
    for m in _TIME.finditer(text):
        value = _time(m)
        if value is not None:
            out.append(TimeMention(m.start(), m.end(), value))
    return tuple(out)


def day_first_votes(text: str) -> tuple[int, int]:
    """How many numeric dates can only be day-first (28/01) and only month-first (10/24)."""
    first = second = 0
    for m in _NUMERIC.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        first += a > 12 and b <= 12
        second += b > 12 and a <= 12
    return first, second


def time_for(times: list[TimeMention], start: int, upto: int) -> TimeMention | None:
    """The clock time of one release: the first after it (before the next release), else the last before."""
    after = [t for t in times if start <= t.start < upto]
    before = [t for t in times if t.start < start]
    return after[0] if after else (before[-1] if before else None)
