"""One title, several releases: '美国初请失业金人数、5 月 PPI' or '耐用品订单与初请失业金人数' name
two events, 'CPI 与核心 CPI' or '利率决议与新闻发布会' one. Pure: no clock, no I/O."""

from __future__ import annotations

import re

from tracker.extract import zh_terms as terms
from tracker.extract.zh_text import STRIP, Span, split
from tracker.models import Category

_SEPARATORS = "，,；;、"


def _release_key(text: str) -> str | None:
    family = terms.release_family(text)
    if family or not terms.has_event_cue(text):
        return family
    category = terms.categorize(text)
    return None if category is Category.MACRO else f"kind:{category}"


_TIME_PAREN = re.compile(r"\(\s*(?:次日\s*)?(?:凌晨|早上|上午|中午|下午|晚上)?\s*\d{1,2}:\d{2}\s*\)")


def _after_times(span: Span) -> list[Span]:
    """'失业率(21:30)美国非农(21:30)': a time in brackets closes an item even without a separator."""
    chunks, begin = [], span.start
    for m in _TIME_PAREN.finditer(span.raw, span.start, span.end):
        if span.raw[m.end() : span.end].strip(STRIP):
            chunks.append(span.sub(begin, m.end()))
            begin = m.end()
    chunks.append(span.sub(begin, span.end))
    return chunks


_AND = re.compile(r"以及|与|和|及")


def _conjoined(span: Span) -> list[Span]:
    """'耐用品订单与当周初请失业金人数': pieces joined by 与/和/及 (``releases`` regroups those that
    are one release, and a piece naming no release stays with the one before it)."""
    pieces, begin = [], span.start
    for m in _AND.finditer(span.raw, span.start, span.end):
        if m.start() > begin:
            pieces.append(span.sub(begin, m.start()))
            begin = m.end()
    pieces.append(span.sub(begin, span.end))
    return pieces


def releases(span: Span) -> list[Span]:
    """A title naming several distinct releases ('初请失业金人数、5 月 PPI') as one span per release."""
    pieces = [c for chunk in _after_times(span) for p in split(chunk, _SEPARATORS) for c in _conjoined(p)]
    groups: list[tuple[Span, set[str]]] = []
    for piece in pieces:
        family = _release_key(piece.text)
        comma = span.raw[piece.start - 1 : piece.start] == ","
        if family and family.startswith("kind:") and comma:
            family = None  # '下架 XYZ，充值通道同日关闭': a comma goes on about the same event
        if groups and (family is None or terms.joins(groups[-1][1], family)):
            last, families = groups[-1]
            groups[-1] = (last.sub(last.start, piece.end), families | ({family} if family else set()))
        else:
            groups.append((piece, {family} if family else set()))
    if len(groups) < 2 or any(not families for _, families in groups):
        return [span]
    return [g for g, _ in groups]
