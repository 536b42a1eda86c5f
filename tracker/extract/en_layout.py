"""The layout of an English digest: which spans are day headers, list items, headings or sentences.

Public:

- ``segment(text, day_first)`` -> list[Unit], in text order
- ``Unit``: ``kind`` is one of
    "header"   a line that opens a day ("Monday, October 21", "10/24 Thursday", "Tuesday, June 17 – ...")
    "item"     a list line (bullet, "17:00 — ...", "28/01: ...", "Monday 22:00, ...", "May 8-10 — X")
    "note"     a line continuing the item above it (a description, never an event of its own)
    "heading"  a short title line without a date ("Key Events", "Crypto market outlook:"): ends a day
    "sentence" one sentence of a prose paragraph
  ``para`` numbers paragraphs (a day named in a sentence holds until the paragraph ends).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.extract.en_dates import find_dates, find_times

_BULLET = re.compile(r"^\s*(?:[•·*▪◦●○►▶✅🔹🔸👉-]|\d{1,2}[.)](?!\d))\s*")
_NO_WORDS = re.compile(r"^[\W_]*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9$])")
_ABBREV = re.compile(
    r"(?:\b(?:U\.S|U\.K|U\.N|E\.U|Mr|Mrs|Ms|Dr|St|Inc|Co|Corp|Ltd|Jr|Sr|vs|etc|No|Gov|Sen|Rep|Jan|Feb|Mar|Apr"
    r"|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|a\.m|p\.m|e\.g|i\.e|approx)|\b[A-Z])\.$"
)
_DASH_REST = re.compile(r"^\s*(?:[–—:|]|-\s)\s*")
_TIME_LEAD = re.compile(r"^\s*(?:[01]?\d|2[0-3])[:：][0-5]\d\b")
_PROSE_END = re.compile(r"[.!?;]\s*$")


@dataclass(frozen=True)
class Unit:
    start: int
    end: int
    kind: str
    para: int


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str
    body: int  # offset of the text after any bullet
    bullet: bool


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        m = _BULLET.match(raw)
        body = pos + (m.end() if m else len(raw) - len(raw.lstrip()))
        out.append(_Line(pos, end, raw, body, bool(m)))
        pos = end + 1
    return out


def _blank(line: _Line) -> bool:
    return bool(_NO_WORDS.match(line.text))


def _lead_date_end(text: str, line: _Line, day_first: bool) -> int | None:
    """End offset of a date that opens the line (after any bullet), else None."""
    head = text[line.body : min(line.end, line.body + 60)]
    mentions = find_dates(head, day_first)
    if not mentions or mentions[0].start > 0 or mentions[0].kind not in ("abs", "weekday", "vague"):
        return None
    if mentions[0].kind == "weekday" and mentions[0].rel:
        return None
    return line.body + mentions[0].end


def _is_header(text: str, line: _Line, date_end: int, next_dated: bool | None) -> bool:
    rest = text[date_end : line.end]
    if not rest.strip(" \t,.:;()–—-"):
        return True
    if find_times(rest[:12]) or line.bullet:
        return False
    if not _DASH_REST.match(rest):
        return False
    return next_dated is False


def _heading(line: _Line, in_day: bool) -> bool:
    words = line.text.split()
    if line.bullet or not words or len(words) > 8 or _TIME_LEAD.match(line.text):
        return False
    if line.text.rstrip().endswith(":"):
        return True
    return not in_day and not _PROSE_END.search(line.text) and len(words) <= 5


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, cut = [], start
    for m in _SENTENCE_END.finditer(text, start, end):
        if _ABBREV.search(text, max(cut, m.start() - 6), m.start()):
            continue
        spans.append((cut, m.start()))
        cut = m.end()
    spans.append((cut, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _next_dated(text: str, lines: list[_Line], i: int, day_first: bool) -> bool | None:
    """Whether the next non-blank line opens with a date (None at the end of the text)."""
    for line in lines[i + 1 :]:
        if not _blank(line):
            return _lead_date_end(text, line, day_first) is not None or _heading(line, False)
    return None


def segment(text: str, day_first: bool = False) -> list[Unit]:
    lines = _lines(text)
    units: list[Unit] = []
    para, in_day, after_item = 0, False, False
    for i, line in enumerate(lines):
        if _blank(line):
            para += 1
            after_item = after_item and not line.text.strip()
            after_item = False
            continue
        para += 1
        date_end = _lead_date_end(text, line, day_first)
        if date_end is not None and _is_header(text, line, date_end, _next_dated(text, lines, i, day_first)):
            units.append(Unit(line.body, line.end, "header", para))
            in_day, after_item = True, False
        elif date_end is not None or line.bullet or _TIME_LEAD.match(text[line.body : line.end]):
            units.append(Unit(line.body, line.end, "item", para))
            after_item = True
        elif after_item:
            units.append(Unit(line.body, line.end, "note", para))
        elif _heading(line, in_day):
            units.append(Unit(line.body, line.end, "heading", para))
            in_day = False
        else:
            units += [Unit(a, b, "sentence", para) for a, b in _sentences(text, line.body, line.end)]
    return units
