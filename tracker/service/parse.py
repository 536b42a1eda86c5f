"""Parse without storing."""

from __future__ import annotations

import datetime as dt

from tracker.extract import extract
from tracker.models import ParseResult
from tracker.sources import Document, read_source
from tracker.timeutil import zone


def parse_document(
    doc: Document, published: dt.date | None, tz: str | None, *, today: dt.date | None = None
) -> ParseResult:
    """``today`` (the caller's current date) lets a text without any year still be placed."""
    result = extract(doc.text, published=published, default_tz=tz, source=doc.location, today=today)
    return ParseResult(result.events, doc.problems + result.problems)


def parse_source(
    source: str, published: dt.date | None, tz: str | None, *, today: dt.date | None = None
) -> ParseResult:
    if tz:
        zone(tz)  # an unknown zone is a user error before any work is done
    return parse_document(read_source(source), published, tz, today=today)
