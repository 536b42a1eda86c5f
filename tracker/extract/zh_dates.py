"""Dates, times and zones as Chinese digests write them. Pure: no clock, no I/O.

``find_dates(line)`` returns every date mention in a line (with the weekday written beside it),
``find_time`` / ``find_zone`` the clock time and stated zone, and ``resolve_year`` picks the year
of a month/day from a stated year, the publication date or weekday consistency.
All offsets are positions in the string given; ``fold`` keeps lengths, so offsets stay valid.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from tracker.models import Precision
from tracker.timeutil import normalise_offset

# Full-width ASCII (！ to ～) and the ideographic space, folded one character for one character;
# traditional characters of the words the reader looks for, read as their simplified forms.
_TRADITIONAL = (
    "並佈來個備價億儲兌則劃動務勵區協參啓啟單國團報塊審將對導屆層帳幣庫廠後從應戶換撥據擬數於時書會東業構"
    "橋檔歐歲決況減測準漲濟為無熱營獎現產當發盡監眾禮種紀約紅紐級結統經網線總續聯聲職聽臨與舉舊萬處號製計訊"
    "記訴試話說調請講證議讀讓貨貸費貿資質購贖轉農這週進運達遷選還銷錄錢鎖鏈長門閉開間關電項須預領額體點爲佔",
    "并布来个备价亿储兑则划动务励区协参启启单国团报块审将对导届层账币库厂后从应户换拨据拟数于时书会东业构"
    "桥档欧岁决况减测准涨济为无热营奖现产当发尽监众礼种纪约红纽级结统经网线总续联声职听临与举旧万处号制计讯"
    "记诉试话说调请讲证议读让货贷费贸资质购赎转农这周进运达迁选还销录钱锁链长门闭开间关电项须预领额体点为占",
)
_FOLD = (
    {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
    | {0x3000: 0x20}
    | {ord(a): ord(b) for a, b in zip(*_TRADITIONAL, strict=True)}
)

WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
MAX_MENTIONS = 100  # per line: a digest line names a few dates; past this it is not a digest line
FALLBACK_YEAR = 2026  # only when the text, its publication date and its weekdays say nothing

_DAY = r"(?P<d>\d{1,2})(?:\s*[-–—~至到]\s*(?P<d2a>\d{1,2}))?\s*[日号]"
_RANGE_TAIL = r"(?:\s*[-–—~至到]\s*(?:(?P<m2>\d{1,2})\s*月\s*)?(?P<d2>\d{1,2})\s*[日号])?"
_CN_DATE = re.compile(r"(?<!\d)(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*" + _DAY + _RANGE_TAIL)
_ISO_DATE = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?![\d.])")
_SLASH_DATE = re.compile(
    r"(?<![\d/.:])(?P<m>\d{1,2})/(?P<d>\d{1,2})"
    r"(?:\s*[-–~]\s*(?:(?P<m2>\d{1,2})/)?(?P<d2>\d{1,2}))?(?![\d/.%:])"
)
# '5.18（周一）', '5.18-5.24': only with a weekday beside it or as a range (else it is a number).
_DOT_DATE = re.compile(
    r"(?<![\d.])(?P<m>\d{1,2})\.(?P<d>\d{1,2})"
    r"(?:\s*[-–~]\s*(?:(?P<m2>\d{1,2})\.)?(?P<d2>\d{1,2}))?(?![\d.%])"
)
_WEEKDAY = re.compile(
    r"(?P<rel>本|这|下个?|上个?)?\s*(?:周|星期|礼拜)(?P<w>[一二三四五六日天])(?![份个大项家只条位场次年度期程历常志记报刊])"
)
_MAYBE_DATE = re.compile(r"\d\s*[月/.\-年]|周|星期|礼拜|今|明|后天|季度|Q[1-4]")
_RELATIVE = re.compile(r"今天|今日|今晚|今夜|明天|明日|明晚|后天")
_RELATIVE_DAYS = {"今": 0, "明": 1, "后": 2}
_VAGUE_MONTH = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?<!\d)(?P<m>\d{1,2})\s*月\s*(?:份\s*)?(?P<part>初|上旬|中旬|下旬|底|末)"
)
_QUARTER = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?:第(?P<q>[一二三四1-4])季度|Q(?P<q2>[1-4])(?![\d]))"
)
_ATTACHED_WEEKDAY = re.compile(r"\s*[(（\[【,，]?\s*(?:周|星期|礼拜)([一二三四五六日天])")
_WEEKDAY_BEFORE = re.compile(r"(?:本|这|下个?)?(?:周|星期|礼拜)([一二三四五六日天])\s*([(（\[【,，]?)\s*$")
_CLOSING = re.compile(r"\s*[)）\]】]")

_PERIOD = r"(?P<p>凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|晚间|夜间|夜里|今晚|明晚|晚)?\s*"
_COLON_TIME = re.compile(_PERIOD + r"(?<![\d.])(?P<h>\d{1,2})\s*[:：]\s*(?P<mi>\d{2})(?!\d)")
_DIAN_TIME = re.compile(
    _PERIOD
    + r"(?<![\d.])(?P<h>\d{1,2}|十[一二]?|[一二两三四五六七八九])\s*[点时]"
    + r"(?P<rest>\s*半|\s*整|\s*\d{1,2}\s*分)?"
)
_CN_HOURS = {w: i for i, w in enumerate("零一二三四五六七八九十", 0)} | {"两": 2, "十一": 11, "十二": 12}
_AFTERNOON = {"下午", "傍晚", "晚上", "晚间", "夜间", "夜里", "今晚", "明晚", "晚"}

_ZONES = (
    (re.compile(r"北京时间|东八区|香港时间|新加坡时间|时间\s*\(\s*北京\s*\)"), "UTC+8"),
    (re.compile(r"美东时间|美国东部时间|(?<![A-Za-z])(?:EDT|EST|ET)(?![A-Za-z])"), "America/New_York"),
    (re.compile(r"(?<![A-Za-z])(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?"), ""),
    (re.compile(r"(?<![A-Za-z])UTC(?![A-Za-z+\-\d])|协调世界时"), "UTC"),
)


def fold(text: str) -> str:
    """Full-width letters, digits and punctuation as ASCII, traditional characters as simplified;
    same length as ``text`` (one character for one), so offsets stay valid."""
    return text.translate(_FOLD)


@dataclass(frozen=True)
class DateMention:
    """One date as written: month/day (or weekday, or a relative day), where it sits in the line."""

    start: int
    end: int
    month: int | None = None
    day: int | None = None
    year: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    weekday: int | None = None  # written beside the date, or the whole mention ("下周三")
    week_shift: int | None = None  # 本周 0, 下周 1, 上周 -1; None when not said
    days_after_published: int | None = None  # 今天 0, 明天 1
    precision: Precision = Precision.DAY

    @property
    def has_day(self) -> bool:
        return self.day is not None


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _attached_weekday(line: str, start: int, end: int) -> tuple[int | None, int, int]:
    after = _ATTACHED_WEEKDAY.match(line, end, min(len(line), end + 6))
    if after:
        return WEEKDAYS[after.group(1)], start, after.end()
    before = _WEEKDAY_BEFORE.search(line, max(0, start - 7), start)
    if before:  # '周三（5月20日）', '本周三(5月20日)': the bracket closes with the date
        closing = _CLOSING.match(line, end) if before.group(2) in "(（[【" and before.group(2) else None
        return WEEKDAYS[before.group(1)], before.start(), closing.end() if closing else end
    return None, start, end


class _Claimed:
    """Spans already taken by a mention, for overlap checks in O(log n) (no quadratic rescans)."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []
        self.starts: list[int] = []
        self.fresh: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        if i and self.spans[i - 1][1] > start:
            return False
        return not (i < len(self.starts) and self.starts[i] < end)

    def claim(self, start: int, end: int) -> None:
        self.fresh.append((start, end))

    def settle(self) -> None:
        """Make this pass's claims visible to the next pass (one finditer never overlaps itself)."""
        if not self.fresh:
            return
        self.spans = sorted(self.spans + self.fresh)
        self.starts = [s for s, _ in self.spans]
        self.fresh = []


def _day_mentions(line: str, claimed: _Claimed) -> list[DateMention]:
    found: list[DateMention] = []
    for pattern in (_CN_DATE, _ISO_DATE, _SLASH_DATE, _DOT_DATE):
        for m in pattern.finditer(line):
            if len(found) >= MAX_MENTIONS:
                break
            if not claimed.free(m.start(), m.end()):
                continue
            g = m.groupdict()
            month, day = int(g["m"]), int(g["d"])
            if pattern in (_SLASH_DATE, _DOT_DATE) and not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            end_day = _int(g.get("d2a")) or _int(g.get("d2"))
            weekday, start, stop = _attached_weekday(line, m.start(), m.end())
            if pattern is _DOT_DATE and weekday is None and not (g.get("m2") and end_day):
                continue
            claimed.claim(start, stop)
            found.append(
                DateMention(
                    start,
                    stop,
                    month,
                    day,
                    _int(g.get("y")),
                    end_month=(_int(g.get("m2")) or month) if end_day else None,
                    end_day=end_day,
                    weekday=weekday,
                )
            )
        claimed.settle()
    return found


def _coarse_mentions(line: str, claimed: _Claimed) -> list[DateMention]:
    found: list[DateMention] = []
    for m in _VAGUE_MONTH.finditer(line):
        month = int(m.group("m"))
        if not 1 <= month <= 12 or not claimed.free(m.start(), m.end()):
            continue
        first, last = {"初": (1, 10), "上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31)}.get(
            m.group("part"), (21, 31)
        )
        claimed.claim(m.start(), m.end())
        found.append(
            DateMention(
                m.start(), m.end(), month, first, _int(m.group("y")), month, last, precision=Precision.MONTH
            )
        )
    claimed.settle()
    for m in _QUARTER.finditer(line):
        if not claimed.free(m.start(), m.end()):
            continue
        quarter = _CN_DIGITS[m.group("q") or m.group("q2")]
        found.append(
            DateMention(
                m.start(),
                m.end(),
                quarter * 3 - 2,
                1,
                _int(m.group("y")),
                quarter * 3,
                31,
                precision=Precision.QUARTER,
            )
        )
    return found


def find_dates(line: str) -> list[DateMention]:
    """Date mentions in ``line`` (already folded), in reading order."""
    if not _MAYBE_DATE.search(line):
        return []
    return list(_find_dates(line))


def _find_dates(line: str) -> tuple[DateMention, ...]:
    claimed = _Claimed()
    found = _day_mentions(line, claimed)
    for m in _WEEKDAY.finditer(line):
        if len(found) >= MAX_MENTIONS:
            break
        if not claimed.free(m.start(), m.end()):
            continue
        rel = m.group("rel") or ""
        shift = 1 if rel.startswith("下") else -1 if rel.startswith("上") else 0 if rel else None
        claimed.claim(m.start(), m.end())
        found.append(DateMention(m.start(), m.end(), weekday=WEEKDAYS[m.group("w")], week_shift=shift))
    claimed.settle()
    for m in _RELATIVE.finditer(line):
        if len(found) < MAX_MENTIONS and claimed.free(m.start(), m.end()):
            claimed.claim(m.start(), m.end())
            found.append(DateMention(m.start(), m.end(), days_after_published=_RELATIVE_DAYS[m.group()[0]]))
    claimed.settle()
    if len(found) < MAX_MENTIONS:
        found += _coarse_mentions(line, claimed)
    return tuple(sorted(found, key=lambda f: f.start))


def find_time(text: str) -> tuple[dt.time | None, int]:
    """The first clock time in ``text`` ('21:30', '下午 3:00', '晚上 8 点半') and where it starts."""
    best: tuple[dt.time | None, int] = (None, -1)
    for pattern in (_COLON_TIME, _DIAN_TIME):
        for m in pattern.finditer(text):
            if pattern is _DIAN_TIME and not (m.group("p") or m.group("rest") or _after_day(text, m.start())):
                continue
            value = _clock(m)
            if value is not None and (best[1] < 0 or m.start() < best[1]):
                best = (value, m.start())
            break
    return best


def _after_day(text: str, start: int) -> bool:
    return bool(re.search(r"[日号]\s*$", text[max(0, start - 3) : start]))


def _clock(m: re.Match[str]) -> dt.time | None:
    written = m.group("h")
    hour = int(written) if written.isdigit() else _CN_HOURS[written]
    rest = m.groupdict().get("rest") or ""
    minute = int(m.group("mi")) if m.groupdict().get("mi") else 30 if "半" in rest else 0
    digits = re.search(r"\d+", rest)
    if digits:
        minute = int(digits.group())
    period = m.group("p") or ""
    if period in _AFTERNOON and hour < 12:
        hour += 12
    elif period == "中午" and hour < 6:
        hour += 12
    if hour == 24 and minute == 0:
        hour, minute = 23, 59  # '24:00' closes the day it is written on
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def find_zone(text: str) -> str | None:
    """The zone ``text`` states, normalised ('北京时间' -> 'UTC+8', 'GMT+8' -> 'UTC+8')."""
    for pattern, label in _ZONES:
        m = pattern.search(text)
        if m:
            return label or normalise_offset(re.sub(r"\s+", "", m.group()))
    return None


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


@lru_cache(maxsize=4096)
def resolve_year(
    month: int, day: int, weekday: int | None, published: dt.date | None, hint: int | None
) -> tuple[dt.date | None, str]:
    """The date of month/day, and a problem ('' when none).

    With ``published``: the year near it (a little before, up to ~11 months after), preferring
    one where ``weekday`` matches. Without: the year nearest ``hint`` in which the weekday matches.
    """
    if not valid_day(2024, month, day):  # 2024 is a leap year: 2月29日 is possible
        return None, f"impossible date: {month}月{day}日"
    if published is not None:
        years = [published.year - 1, published.year, published.year + 1]
    else:
        base = hint or FALLBACK_YEAR
        around = (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6) if weekday is not None else (0,)
        years = [base + k for k in around]
    candidates = [dt.date(y, month, day) for y in years if valid_day(y, month, day)]
    if not candidates:
        return None, f"impossible date: {month}月{day}日"
    if published is not None:
        chosen = min(candidates, key=lambda c: _distance(c, published))
        if weekday is not None and chosen.weekday() != weekday:
            near = [c for c in candidates if c.weekday() == weekday and _distance(c, published) < 240]
            chosen = min(near, key=lambda c: _distance(c, published)) if near else chosen
    else:
        chosen = next((c for c in candidates if weekday is None or c.weekday() == weekday), candidates[0])
    problem = ""
    if weekday is not None and chosen.weekday() != weekday:
        problem = f"weekday does not match {chosen.isoformat()} (a {chosen.strftime('%A')})"
    return chosen, problem


def _distance(day: dt.date, published: dt.date) -> int:
    """Days from publication, weighing the past heavier: previews look forward."""
    delta = (day - published).days
    return -delta * 4 if delta < 0 else delta


def weekday_date(weekday: int, shift: int | None, published: dt.date, section_shift: int | None) -> dt.date:
    """The day of a weekday-only mention.

    下周 (``shift`` 1, said or from the section) is the week after the published one; 上周 the
    week before. 本周 and a bare weekday are the next such day on or after publication: a preview
    published on a weekend (or the Friday before) speaks of the coming days, never of past ones.
    """
    use = shift if shift is not None else section_shift
    if not use:
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7)
    monday = published - dt.timedelta(days=published.weekday())
    return monday + dt.timedelta(days=7 * use + weekday)


def month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]
