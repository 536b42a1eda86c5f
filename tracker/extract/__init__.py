"""Extraction: digest text in, dated events and problems out. Pure: no clock, no I/O.

Entry point: ``extract(text, published=..., default_tz=...)``. Chinese text (a high share of CJK
ideographs) goes to ``tracker.extract.zh``; everything else to the English engine in
``tracker.extract.en``. Shared, language-neutral helpers live in ``dates`` (calendar),
``zones`` (zone labels), ``common`` (building events, offsets, line numbers, duplicates) and
``classify`` (categories and user actions from keywords).
"""

from __future__ import annotations

import datetime as dt

from tracker.extract.common import cjk_share
from tracker.models import ParseResult

CJK_THRESHOLD = 0.3


def clear_caches() -> None:
    """Forget the per-text results the English engine memoises (for benchmarks measuring cold runs)."""
    from tracker.extract import classify, en_dates, en_macro, en_resolve, en_text

    for fn in (
        en_dates._find_dates,
        en_dates._find_times,
        en_macro._find_releases,
        en_resolve.role,
        en_resolve.postponed,
        en_text.guess_org,
        en_text._make_title,
        classify.match_category,
        classify.user_action,
    ):
        fn.cache_clear()


def extract(
    text: str,
    *,
    published: dt.date | None = None,
    default_tz: str | None = None,
    source: str = "",
    today: dt.date | None = None,
) -> ParseResult:
    """Every dated event in ``text``.

    ``published`` anchors years and relative days ("next Tuesday"); ``default_tz`` is the zone
    a section-less text is read in (it never becomes the event's stated ``tz``); ``source``
    names the input in problems. ``today`` is the caller's current date (this package never reads
    the clock): when the text states no year, it picks the year in which a stated weekday matches
    ("Monday, January 5"), nearest to today and at most about a year ahead, and is the last-resort
    anchor. The Chinese engine does not take it yet.
    """
    if cjk_share(text) >= CJK_THRESHOLD:
        from tracker.extract.zh import extract_zh

        return extract_zh(text, published=published, default_tz=default_tz, source=source)
    from tracker.extract.en import extract_en

    return extract_en(text, published=published, default_tz=default_tz, source=source, today=today)
