"""Extraction: digest text in, dated events and problems out. Pure: no clock, no I/O.

Entry point: ``extract(text, published=..., default_tz=...)``.
"""

from __future__ import annotations

import datetime as dt

from tracker.models import ParseResult


def extract(
    text: str,
    *,
    published: dt.date | None = None,
    default_tz: str | None = None,
    source: str = "",
) -> ParseResult:
    """Every dated event in ``text``.

    ``published`` anchors years and relative days ("next Tuesday"); ``default_tz`` is the zone
    a section-less text is read in (it never becomes the event's stated ``tz``); ``source``
    names the input in problems.
    """
    raise NotImplementedError("extraction engine: see issue 2/3")
