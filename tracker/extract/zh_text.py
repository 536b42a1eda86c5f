"""Lines of a Chinese digest as spans: sentences, clauses, and the event's name without its date.
Pure: no clock, no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from tracker.extract import zh_terms as terms
from tracker.extract.zh_dates import DateMention, find_dates

_OPEN, _CLOSE = "([（【「《<", ")]）】」》>"
_REFERENCE_BEFORE = re.compile(r"(?:至|截至|截止到?)\s*$")
LABEL_ONLY = re.compile(r"^[\u4e00-\u9fff]{0,6}$")
STRIP = " \t:：,，;；.。、-–—|｜()（）[]【】「」*#"
_REMOVE = re.compile(
    r"(?:(?:至|截至)\s*)?(?:当周|当月)|(?:(?:19|20)\d{2}[-/.])?\d{1,2}/\d{1,2}"
    r"|(?:本|这|下个?)?(?:周|星期)[一二三四五六日天]晚?|今晚|今天|明天|明晚|次日|翌日"
    r"|(?:凌晨|早上|上午|中午|下午|傍晚|晚上|晚间)?\s*\d{1,2}\s*(?:[:：]\s*\d{2}|[点时](?:半|整|\d{1,2}分)?)"
    r"|[(（]\s*至\s*(?:[)）]|$)|(?<![A-Za-z])(?:EDT|EST|ET)(?![A-Za-z])|北京时间|(?:UTC|GMT)\s*[+-]?\s*\d*(?:\s*时间)?|^全天\s*:?"
    r"|原定于?|原计划于?|现?(?:推迟|延期|延后)至|^(?:并将于|并于|另外|此外|其他|另|同日|同一天|当天|当日|当晚|同晚|凌晨|早间|午间|晚间|晚上|早上|上午|下午|中午)\s*[:,]?\s*"
    r"|将于|计划于|预计于|定于|将在|^(?:于|在)|^(?:自|从)?\s*(?:起|开始)(?=\s*(?:暂停|停止|关闭|终止|下线|,|$))"
)
_GAP = re.compile(r"([\u4e00-\u9fff])?\s*\x00\s*(?=([\u4e00-\u9fff])?)")
_LABEL_TAIL = re.compile(r"(?<=[\u4e00-\u9fff])(?:时间|日期)$")
_EMPTY_BRACKETS = re.compile(r"[(（\[【]\s*[)）\]】]")


@dataclass(frozen=True)
class Span:
    """A piece of one line: ``raw`` is the folded line, ``base`` its offset in the text."""

    raw: str
    base: int
    line: int
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.raw[self.start : self.end]

    def sub(self, start: int, end: int) -> Span:
        return Span(self.raw, self.base, self.line, start, end)


@lru_cache(maxsize=16)
def _marks_pattern(marks: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(_OPEN + _CLOSE + marks) + "]")


def split(span: Span, marks: str) -> list[Span]:
    """Pieces of ``span`` between ``marks`` outside brackets; a colon splits unless between digits."""
    pieces: list[Span] = []
    depth, begin, raw = 0, span.start, span.raw
    for m in _marks_pattern(marks).finditer(raw, span.start, span.end):
        i, ch = m.start(), m.group()
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= depth > 0
        elif depth == 0 and not (ch == ":" and raw[i - 1 : i].isdigit() and raw[i + 1 : i + 2].isdigit()):
            pieces.append(span.sub(begin, i))
            begin = i + 1
    pieces.append(span.sub(begin, span.end))
    return [p for p in pieces if p.text.strip()]


def sentences(span: Span) -> list[Span]:
    return split(span, "。！？!?；;")


def clean_title(text: str) -> str:
    """The event's name as written, without its date, time, zone and dangling punctuation."""
    text = text[:300]
    found = find_dates(text)
    if found:
        edges = [0] + [x for m in found for x in (_with_until(text, m.start), _with_around(text, m.end))]
        edges.append(len(text))
        text = "\x00".join(text[a:b] for a, b in zip(edges[::2], edges[1::2], strict=True))
        text = _GAP.sub(lambda g: (g.group(1) or "") + ("" if g.group(1) and g.group(2) else " "), text)
    text = _EMPTY_BRACKETS.sub("", _REMOVE.sub("", text.strip(STRIP)))
    text = re.sub(r"\s*\|\s*", " ", text)  # table cells, one after another
    text = _LABEL_TAIL.sub("", re.sub(r"\s{2,}", " ", text).strip(STRIP + " "))
    for opening, closing in (("(", ")"), ("（", "）"), ("【", "】"), ("「", "」")):
        if text.count(opening) > text.count(closing):
            text += closing
    return text[:120]


_AROUND = re.compile(r"\s*(?:前后|左右)")


def _with_around(text: str, end: int) -> int:
    """Where a date to remove from a title ends, with a '前后' that makes it approximate."""
    m = _AROUND.match(text, end)
    return m.end() if m else end


def _with_until(text: str, start: int) -> int:
    """Where a date to remove from a title starts, with a '至' that leads to it ('欧元区至 2 月 5 日')."""
    m = _REFERENCE_BEFORE.search(text, max(0, start - 4), start)
    return m.start() if m else start


def title_with_gloss(zh: str) -> str:
    english = terms.gloss(zh)
    return f"{zh} ({english})" if english and english not in zh else zh


def mentions_in(span: Span) -> list[DateMention]:
    """Date mentions inside ``span``, with offsets in its line."""
    shift = span.start
    return [replace(m, start=m.start + shift, end=m.end + shift) for m in find_dates(span.text)]
