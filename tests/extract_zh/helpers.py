"""Loading Chinese fixture digests by scenario name and reading the results compactly."""

from __future__ import annotations

import datetime as dt

from tests.conftest import FIXTURES
from tracker.extract.zh import extract_zh
from tracker.models import Extracted, ParseResult

DIGESTS = FIXTURES / "digests"


def parse(scenario: str, published: str | None = "2026-05-17") -> ParseResult:
    text = (DIGESTS / f"zh_{scenario}.txt").read_text(encoding="utf-8")
    day = dt.date.fromisoformat(published) if published else None
    return extract_zh(text, published=day, source=f"zh_{scenario}.txt")


def by_date(result: ParseResult) -> dict[str, list[Extracted]]:
    out: dict[str, list[Extracted]] = {}
    for event in result.events:
        out.setdefault(event.date.isoformat() if event.date else "-", []).append(event)
    return out


def times(result: ParseResult) -> list[tuple[str, str | None]]:
    return [
        (e.date.isoformat() if e.date else "-", e.time.strftime("%H:%M") if e.time else None)
        for e in result.events
    ]
