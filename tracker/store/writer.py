"""Writes, one transaction at a time: ``with store.writing() as w: ...``.

The transaction holds the database's write lock from its first statement (``BEGIN IMMEDIATE`` on
SQLite, a transaction-level advisory lock on PostgreSQL), so two processes ingesting at once take
turns: the second sees what the first stored and merges into it instead of duplicating it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select, update

from tracker.identity import Change, Stored
from tracker.models import Event, Extracted
from tracker.store import reads
from tracker.store.convert import utc_required
from tracker.store.query import sa_query
from tracker.store.schema import EventRow, HistoryRow, ProvenanceRow, SourceRow

WRITE_LOCK = 0x7472_6B77  # PostgreSQL advisory lock key for writers


@dataclass(frozen=True)
class SourceInfo:
    id: int
    authority: dt.datetime
    known: bool  # the same content was ingested before


def _event_values(event: Event) -> dict[str, object]:
    return {
        "title": event.title[:500],
        "description": event.description,
        "category": str(event.category),
        "org": event.org[:200] if event.org else None,
        "start_date": event.start_date,
        "start_time": event.start_time,
        "end_date": event.end_date,
        "all_day": event.all_day,
        "tz": event.tz[:64] if event.tz else None,
        "starts_at": event.starts_at,
        "precision": str(event.precision),
        "action_deadline": event.action_deadline,
        "action": event.action[:200] if event.action else None,
        "status": str(event.status),
        "sequence": event.sequence,
        "created": event.created,
        "updated": event.updated,
        "disputed": event.disputed,
        "manual": event.manual,
        "remind": ",".join(event.remind) if event.remind is not None else None,
        "url": event.url,
    }


class Writer:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.q = sa_query(conn)

    # sources and provenance

    def source(
        self, location: str, title: str | None, published: dt.date | None, sha256: str, now: dt.datetime
    ) -> SourceInfo:
        """The source row for this content, created on first sight."""
        row = self.conn.execute(
            select(SourceRow.id, SourceRow.authority_at).where(SourceRow.sha256 == sha256)
        ).first()
        if row is not None:
            return SourceInfo(int(row.id), utc_required(row.authority_at), known=True)
        authority = dt.datetime.combine(published, dt.time.min, dt.UTC) if published else now
        new_id = self.conn.execute(
            insert(SourceRow).values(
                location=location, title=title, published=published, sha256=sha256,
                ingested_at=now, authority_at=authority,
            ).returning(SourceRow.id)
        ).scalar_one()  # fmt: skip
        return SourceInfo(int(new_id), authority, known=False)

    def reported(self, source_id: int, report: Extracted) -> str | None:
        """The event this very report was attached to when its source was ingested before."""
        uid = self.conn.execute(
            select(ProvenanceRow.event_uid).where(
                ProvenanceRow.source_id == source_id,
                ProvenanceRow.start_offset == report.start,
                ProvenanceRow.end_offset == report.end,
                ProvenanceRow.title == report.title[:500],
            )
        ).scalar()
        return str(uid) if uid is not None else None

    def attach(self, uid: str, source_id: int, report: Extracted) -> None:
        self.conn.execute(
            insert(ProvenanceRow).values(
                event_uid=uid, source_id=source_id, title=report.title[:500], evidence=report.evidence,
                start_offset=report.start, end_offset=report.end, reported_date=report.date,
                reported_time=report.time, reported_tz=report.tz, reported_status=str(report.status),
                reported_precision=str(report.precision),
            )
        )  # fmt: skip

    # events

    def candidates(self, lo: dt.date, hi: dt.date) -> list[Stored]:
        return reads.candidates(self.q, lo, hi)

    def stored(self, uid: str) -> Stored | None:
        return reads.stored(self.q, uid)

    def taken(self, prefix: str) -> set[str]:
        return set(reads.uids_like(self.q, prefix))

    def insert(self, event: Event, org_key: str, subject_key: str, authority: dt.datetime | None) -> None:
        self.conn.execute(
            insert(EventRow).values(
                uid=event.uid, org_key=org_key, subject_key=subject_key, authority_at=authority,
                **_event_values(event),
            )
        )  # fmt: skip

    def update(
        self, event: Event, authority: dt.datetime | None = None, *, keys: tuple[str, str] | None = None
    ) -> None:
        values = _event_values(event)
        if authority is not None:
            values["authority_at"] = authority
        if keys is not None:
            values["org_key"], values["subject_key"] = keys
        self.conn.execute(update(EventRow).where(EventRow.uid == event.uid).values(**values))

    def record(self, change: Change, source_id: int | None = None) -> None:
        self.conn.execute(
            insert(HistoryRow).values(
                event_uid=change.uid, changed_at=change.changed_at, kind=change.kind,
                old_date=change.old_date, old_time=change.old_time,
                old_status=str(change.old_status) if change.old_status else None,
                new_date=change.new_date, new_time=change.new_time,
                new_status=str(change.new_status) if change.new_status else None,
                source_id=source_id, note=change.note,
            )
        )  # fmt: skip
