"""Building blocks for store tests: reports as extraction would give them, digests, a clock."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from tracker.models import Category, Extracted, Precision, Status
from tracker.service.ingest import Digest, DigestReport, store_digest
from tracker.store import Store

T0 = dt.datetime(2026, 5, 11, 8, 0, tzinfo=dt.UTC)


def report(day: str | None, title: str, category: str = "other", **kw: Any) -> Extracted:
    """An extracted report; evidence and offsets default to something unique per title."""
    kw.setdefault("evidence", f"{title} ({day})")
    kw.setdefault("start", sum(map(ord, title)) % 997)
    kw.setdefault("end", kw["start"] + len(title))
    for name in ("end_date", "previous_date"):
        if isinstance(kw.get(name), str):
            kw[name] = dt.date.fromisoformat(kw[name])
    if isinstance(kw.get("time"), str):
        kw["time"] = dt.time.fromisoformat(kw["time"])
    if "precision" in kw:
        kw["precision"] = Precision(kw["precision"])
    if "status" in kw:
        kw["status"] = Status(kw["status"])
    return Extracted(dt.date.fromisoformat(day) if day else None, title, Category(category), **kw)


def digest(name: str, published: str | None, *reports: Extracted) -> Digest:
    sha = hashlib.sha256(f"{name}|{published}|{reports!r}".encode()).hexdigest()
    when = dt.date.fromisoformat(published) if published else None
    return Digest(name, name, when, sha, tuple(reports))


def ingest(store: Store, d: Digest, now: dt.datetime = T0, tz: str = "UTC") -> DigestReport:
    return store_digest(store, d, tz, now)


def counts(result: DigestReport) -> tuple[int, int, int, int]:
    return result.new, result.updated, result.unchanged, result.merged
