"""The layout of an English digest: which spans are day headers, list items, headings or sentences.

Public:

- ``segment(text, day_first)`` -> list[Unit], in text order
- ``Unit``: ``kind`` is one of
    "header"   a line that opens a day ("Monday, October 21", "10/24 Thursday", "Tuesday, June 17 – ...")
    "item"     a list line (bullet, "17:00 — ...", "28/01: ...", "Monday 22:00, ...", "May 8-10 — X")
    "note"     a line continuing the item above it, or prose after a day's list (never an event)
    "heading"  a short title line without a date ("Key Events", "Crypto market outlook:"): ends a day
    "title"    the digest's first line (its headline): never an event, may state the week or zone
    "sentence" one sentence of a prose paragraph
  ``para`` numbers paragraphs (a day named in a sentence holds until the paragraph ends).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tracker.extract.classify import match_category
from tracker.extract.en_dates import find_dates, find_times
from tracker.extract.en_macro import find_releases
from tracker.models import Category

_BULLET = re.compile(r"^\s*(?:[•·*▪◦●○►▶✅🔹🔸👉-]|\d{1,2}[.)/](?![\d/]))\s*")
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|\*\*|__|>\s*)+")
_SYMBOLS = frozenset({"So", "Sm", "Sk", "Cf"})
_NO_WORDS = re.compile(r"^[\W_]*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9$])")
_ABBREV = re.compile(
    r"(?:\b(?:U\.S|U\.K|U\.N|E\.U|Mr|Mrs|Ms|Dr|St|Inc|Co|Corp|Ltd|Jr|Sr|vs|etc|No|Gov|Sen|Rep|Jan|Feb|Mar|Apr"
    r"|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|a\.m|p\.m|e\.g|i\.e|approx)|\b[A-Z])\.$"
)
_DASH_REST = re.compile(r"^\s*(?:[–—:|]|-\s)\s*")
_LABEL_SEP = re.compile(r"\s*(?:[:：–—|(.]|-\s|,\s|$)")  # "Tuesday: ...", "Mon Sep 7 — ..."
_TIME_LEAD = re.compile(r"^\s*(?:[01]?\d|2[0-3])[:：][0-5]\d\b")
_PROSE_END = re.compile(r"[.!?;]\s*$")
MAX_UNIT = 800  # characters: longer sentences are cut (bounds the work per unit)


@dataclass(frozen=True)
class Unit:
    start: int
    end: int
    kind: str
    para: int
    dated: bool = False  # the unit opens with its own date (a calendar or list line)


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
        skip, bullet = _lead_marks(raw)
        out.append(_Line(pos, end, raw, pos + skip, bullet))
        pos = end + 1
    return out


def _lead_marks(raw: str) -> tuple[int, bool]:
    """Length of the bullet, emoji or markdown marks opening a line, and whether it is a list bullet."""
    markup = _MARKUP.match(raw)
    at = markup.end() if markup else 0
    m = _BULLET.match(raw, at)
    bullet = bool(m)
    at = m.end() if m else at
    while at < len(raw) and (unicodedata.category(raw[at]) in _SYMBOLS or raw[at] in " \t\ufe0f"):
        at += 1
    return (at if at < len(raw) else len(raw) - len(raw.lstrip())), bullet


def _blank(line: _Line) -> bool:
    return bool(_NO_WORDS.match(line.text))


def _lead_date_end(text: str, line: _Line, day_first: bool) -> int | None:
    """End offset of a date that opens the line (after any bullet), else None."""
    head = text[line.body : min(line.end, line.body + 60)]
    mentions = find_dates(head, day_first)
    if not mentions or mentions[0].start > 0 or mentions[0].kind not in ("abs", "weekday", "vague", "dom"):
        return None
    if mentions[0].kind == "weekday" and mentions[0].rel:
        return None
    return line.body + mentions[0].end


def _is_header(text: str, line: _Line, date_end: int, next_dated: bool | None) -> bool:
    rest = text[date_end : line.end]
    if not rest.strip(" \t,.:;()–—-*_"):
        return True
    if find_times(rest) or line.bullet or rest.rstrip().endswith("."):
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


def _section_title(lines: list[_Line], leads: list[int | None], i: int) -> bool:
    """A short word-only line between a blank line and a list ("Conferences"): a new section."""
    line = lines[i]
    words = line.text.split()
    if line.bullet or not words or len(words) > 3 or re.search(r"\d|[.!?;,]\s*$", line.text):
        return False
    if i == 0 or not _blank(lines[i - 1]) or i + 1 >= len(lines):
        return False
    below = lines[i + 1]
    if find_releases(line.text) or match_category(line.text) == Category.MACRO:
        return False  # "Powell speaks", "ECB decision": an event line, not a section title
    return below.bullet or leads[i + 1] is not None


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, cut = [], start
    for m in _SENTENCE_END.finditer(text, start, end):
        if _ABBREV.search(text, max(cut, m.start() - 6), m.start()):
            continue
        spans.append((cut, m.start()))
        cut = m.end()
    spans.append((cut, end))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        out += _chunks(text, a, b)
    return [(a, b) for a, b in out if text[a:b].strip()]


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run-on "sentence" longer than MAX_UNIT (no real sentence is) cut at spaces into pieces."""
    out = []
    while end - start > MAX_UNIT:
        cut = text.rfind(" ", start + MAX_UNIT // 2, start + MAX_UNIT)
        cut = cut if cut > start else start + MAX_UNIT
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def _next_dated(lines: list[_Line], leads: list[int | None], i: int) -> bool | None:
    """Whether the next non-blank line opens with a date (None at the end of the text)."""
    for j in range(i + 1, len(lines)):
        line = lines[j]
        if not _blank(line):
            return leads[j] is not None or _heading(line, False)
    return None


def _names_a_day(text: str, day_first: bool) -> bool:
    return any(m.kind == "abs" for m in find_dates(text, day_first))


def _is_title(text: str, lines: list[_Line], i: int, first: int) -> bool:
    """The digest's own title: its first line, when more text follows it."""
    line = lines[i]
    return i == first and not line.bullet and any(not _blank(x) for x in lines[i + 1 : i + 3])


def segment(text: str, day_first: bool = False) -> list[Unit]:
    lines = _lines(text)
    units: list[Unit] = []
    para, in_day, after_item, listed = 0, False, False, False
    first = next((i for i, line in enumerate(lines) if not _blank(line)), -1)
    leads = [None if _blank(line) else _lead_date_end(text, line, day_first) for line in lines]
    for i, line in enumerate(lines):
        para += 1
        if _blank(line):
            after_item = False
            continue
        date_end = leads[i]
        if date_end is None and _is_title(text, lines, i, first):
            units.append(Unit(line.body, line.end, "title", para))
        elif date_end is not None and _is_header(text, line, date_end, _next_dated(lines, leads, i)):
            units.append(Unit(line.body, line.end, "header", para))
            in_day, after_item, listed = True, False, False
        elif (
            date_end is not None
            and _LABEL_SEP.match(text[date_end : line.end])
            and len(rest := _sentences(text, date_end, line.end)) > 1
        ):
            # "Tuesday: All eyes on US CPI. Later, Celestia activates Lotus." -> a day and its sentences
            units.append(Unit(line.body, date_end, "header", para))
            # "Mon Sep 7 — Labor Day. US markets shut.": the first sentence names the day's event
            named = bool(re.match(r"\s*(?:[–—|]|-\s)", text[date_end : line.end]))
            units += [Unit(a, b, "sentence", para, named and k == 0) for k, (a, b) in enumerate(rest)]
            in_day, after_item, listed = True, False, False
        elif date_end is not None and not line.bullet and len(_sentences(text, line.body, line.end)) > 1:
            # "Tuesday is quiet, but on Wednesday, June 10, ... CPI. Later, ...": prose, not a label
            units += [Unit(a, b, "sentence", para) for a, b in _sentences(text, line.body, line.end)]
        elif date_end is not None or line.bullet or _TIME_LEAD.match(text[line.body : line.end]):
            units += [
                Unit(a, b, "item", para, date_end is not None) for a, b in _chunks(text, line.body, line.end)
            ]
            after_item, listed = True, True
        elif (after_item and not (not in_day and _names_a_day(line.text, day_first))) or (
            in_day and listed and not _heading(line, False)
        ):
            units += [Unit(a, b, "note", para) for a, b in _chunks(text, line.body, line.end)]
        elif _heading(line, in_day) or _section_title(lines, leads, i):
            units.append(Unit(line.body, line.end, "heading", para))
            in_day = False
        else:
            units += [Unit(a, b, "sentence", para) for a, b in _sentences(text, line.body, line.end)]
    return units
