"""Plain domain values shared by every layer. No I/O, imports nothing of ours.

Time conventions (see README "Time"):
- ``date``/``end_date`` are the calendar day(s) *as written in the text's own zone*;
- ``time`` is the wall-clock time as written, ``tz`` the zone as stated (normalised label such as
  ``UTC+8``, ``UTC`` or an IANA name like ``America/New_York``), or None when the text gives none;
- ``starts_at`` is the aware UTC instant, present only when a clock time is known.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Category(StrEnum):
    MACRO = "macro"
    REGULATION = "regulation"
    UPGRADE = "upgrade"
    MIGRATION = "migration"
    LAUNCH = "launch"
    LISTING = "listing"
    UNLOCK = "unlock"
    SHUTDOWN = "shutdown"
    DEADLINE = "deadline"
    CONFERENCE = "conference"
    OTHER = "other"


class Precision(StrEnum):
    TIME = "time"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"


COARSE_PRECISIONS = frozenset({Precision.WEEK, Precision.MONTH, Precision.QUARTER})


class Status(StrEnum):
    CONFIRMED = "confirmed"
    TENTATIVE = "tentative"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Problem:
    """Something in the input we could not resolve; ``line`` is 1-based, 0 when not tied to a line."""

    message: str
    line: int = 0
    source: str = ""

    def __str__(self) -> str:
        where = f"{self.source}:" if self.source else ""
        where += f"{self.line}: " if self.line else (" " if where else "")
        return f"{where}{self.message}"

    def to_json(self) -> dict[str, Any]:
        return {"message": self.message, "line": self.line, "source": self.source or None}


@dataclass(frozen=True)
class Extracted:
    """One dated event as read from one digest (the `tracker parse --json` contract)."""

    date: dt.date | None
    title: str
    category: Category = Category.OTHER
    end_date: dt.date | None = None
    time: dt.time | None = None
    tz: str | None = None
    org: str | None = None
    action_deadline: bool = False
    action: str | None = None
    evidence: str = ""
    start: int = 0  # character offsets of the evidence in the text
    end: int = 0
    line: int = 0
    precision: Precision = Precision.DAY
    status: Status = Status.CONFIRMED
    # A superseded date the text mentions ("originally set for May 13"): history, not an event.
    previous_date: dt.date | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat() if self.date else None,
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "time": self.time.strftime("%H:%M") if self.time else None,
            "tz": self.tz,
            "title": self.title,
            "org": self.org,
            "category": str(self.category),
            "action_deadline": self.action_deadline,
            "action": self.action,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "precision": str(self.precision),
            "status": str(self.status),
            "previous_date": self.previous_date.isoformat() if self.previous_date else None,
        }


@dataclass(frozen=True)
class ParseResult:
    events: list[Extracted] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "events": [e.to_json() for e in self.events],
            "problems": [p.to_json() for p in self.problems],
        }


@dataclass(frozen=True)
class SourceRef:
    """Provenance: which digest reported an event, and with which sentence."""

    location: str  # path or URL
    title: str | None = None
    published: dt.date | None = None
    evidence: str = ""
    start: int = 0
    end: int = 0
    ingested_at: dt.datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "location": self.location,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
            "ingested_at": self.ingested_at.isoformat() if self.ingested_at else None,
        }


@dataclass(frozen=True)
class Event:
    """A stored event: what feeds, listings and reminders work from."""

    uid: str
    title: str
    category: Category
    start_date: dt.date  # day as written, in the source's zone
    start_time: dt.time | None = None
    tz: str | None = None
    starts_at: dt.datetime | None = None  # aware UTC instant when a time is known
    end_date: dt.date | None = None  # inclusive last day for ranges
    precision: Precision = Precision.DAY
    org: str | None = None
    description: str = ""
    action_deadline: bool = False
    action: str | None = None
    status: Status = Status.CONFIRMED
    disputed: bool = False
    manual: bool = False  # set by `tracker add/edit/cancel`: wins over extraction
    sequence: int = 0
    created: dt.datetime | None = None
    updated: dt.datetime | None = None
    sources: tuple[SourceRef, ...] = ()
    url: str | None = None
    remind: tuple[str, ...] | None = None  # per-event reminder ladder override ("7d", "2h", ...)

    @property
    def all_day(self) -> bool:
        return self.starts_at is None

    def to_json(self) -> dict[str, Any]:
        return {
            "uid": self.uid,
            "title": self.title,
            "category": str(self.category),
            "date": self.start_date.isoformat(),
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "time": self.start_time.strftime("%H:%M") if self.start_time else None,
            "tz": self.tz,
            "starts_at": self.starts_at.isoformat() if self.starts_at else None,
            "all_day": self.all_day,
            "precision": str(self.precision),
            "org": self.org,
            "description": self.description,
            "action_deadline": self.action_deadline,
            "action": self.action,
            "status": str(self.status),
            "disputed": self.disputed,
            "manual": self.manual,
            "sequence": self.sequence,
            "created": self.created.isoformat() if self.created else None,
            "updated": self.updated.isoformat() if self.updated else None,
            "url": self.url,
            "remind": list(self.remind) if self.remind is not None else None,
            "sources": [s.to_json() for s in self.sources],
        }
