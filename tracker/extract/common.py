"""Building events from spans of a digest. Pure, language-neutral.

Public (stable names, other extractor modules import them):

- ``LineIndex(text)``: ``.line(offset)`` -> 1-based line number of a character offset
- ``trim_span(text, start, end)``      -> (start, end) without surrounding blanks/bullets
- ``build_event(text, start, end, lines=..., **fields)`` -> Extracted with evidence = text[start:end],
  offsets and line filled in, precision ``time`` when a time is given
- ``content_words(text)``              -> set of lower-case content words (for duplicate checks)
- ``merge_duplicates(events)``         -> events, a later restatement of an earlier event dropped
- ``cjk_share(text)``                  -> share of CJK ideographs among the letters of ``text``
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace
from typing import Any

from tracker.models import Extracted, Precision

_TRIM = " \t\r\n•·*-–—:;,.|>#📌🌟💼🔥🚨✅👉"
_WORD = re.compile(r"[a-z][a-z0-9'.-]+|[\u4e00-\u9fff]{2}")
_DULL = frozenset(
    """the and for with from will be its this that are was has have into over about also
    will shall would could should may might than then their there these those which while
    monday tuesday wednesday thursday friday saturday sunday january february march april june
    july august september october november december week today tomorrow set scheduled expected
    release released releases data u.s us""".split()
)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[^\W\d_]")


class LineIndex:
    """Maps character offsets to 1-based line numbers in O(log n)."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past blanks, bullets and trailing punctuation (never past a quote)."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM and text[end - 1] != ".":
        end -= 1
    while end > start and text[end - 1] in " .;,":
        end -= 1
    return start, end


def build_event(text: str, start: int, end: int, *, lines: LineIndex, **fields: Any) -> Extracted:
    """An Extracted whose evidence is exactly ``text[start:end]`` (after trimming)."""
    start, end = trim_span(text, start, end)
    time: dt.time | None = fields.get("time")
    if time is not None and "precision" not in fields:
        fields["precision"] = Precision.TIME
    return Extracted(evidence=text[start:end], start=start, end=end, line=lines.line(start), **fields)


def content_words(text: str) -> set[str]:
    words = {w.strip(".'-") for w in _WORD.findall(text.lower())}
    return {w for w in words if len(w) > 2 and w not in _DULL}


def _same(a: Extracted, b: Extracted, words_a: set[str], words_b: set[str]) -> bool:
    if a.time and b.time and a.time != b.time:
        return False
    if a.org and b.org and a.org != b.org and a.org not in b.evidence and b.org not in a.evidence:
        return False
    if not words_a or not words_b:
        return False
    return len(words_a & words_b) / min(len(words_a), len(words_b)) >= 0.5


def merge_duplicates(events: list[Extracted]) -> list[Extracted]:
    """Drop events that restate an earlier one (same day, category, compatible time, same words,
    no conflicting organisation).

    The kept event takes over a time, zone or action the restatement adds. Events split from one
    sentence are never compared (their evidence overlaps).
    """
    kept: list[Extracted] = []
    words: list[set[str]] = []
    by_day: dict[tuple[object, str], list[int]] = {}
    for event in events:
        mine = content_words(event.title)
        bucket = by_day.setdefault((event.date, event.category), []) if event.date else []
        twin = next(
            (i for i in bucket if kept[i].end <= event.start and _same(kept[i], event, words[i], mine)), None
        )
        if twin is None:
            bucket.append(len(kept))
            kept.append(event)
            words.append(mine)
            continue
        first = kept[twin]
        if (
            (first.time or not event.time)
            and (first.tz or not event.tz)
            and (first.action_deadline or not event.action_deadline)
            and (first.action or not event.action)
            and (first.time or first.precision == event.precision)
        ):
            continue  # the restatement adds nothing
        kept[twin] = replace(
            first,
            time=first.time or event.time,
            tz=first.tz or event.tz,
            precision=first.precision if first.time else event.precision,
            action_deadline=first.action_deadline or event.action_deadline,
            action=first.action or event.action,
        )
    return kept


def cjk_share(text: str) -> float:
    """Share of CJK ideographs among all letters (0.0 for text without letters)."""
    sample = text[:20000]
    letters = len(_LETTER.findall(sample))
    return len(_CJK.findall(sample)) / letters if letters else 0.0
