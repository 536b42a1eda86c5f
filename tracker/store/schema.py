"""The tables, as SQLAlchemy 2.x declarative models.

``Base`` is shared: other parts of tracker (the reminder ledger) declare their tables on it, and
Alembic migrations under ``tracker/migrations`` create and upgrade them all. Column names are a
contract with those migrations and with the read queries in ``tracker.store.reads``.

    sources      one row per ingested digest (content hash unique: re-ingest reuses it)
    events       one row per real-world event; ``uid`` is derived once, when first seen
    provenance   which source reported which event: the sentence, its offsets and what it said
    history      every change of date, time or status, with the source (or the user) behind it
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from tracker.store.types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SourceRow(Base):
    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    location: Mapped[str] = mapped_column(String(1000))
    title: Mapped[str | None] = mapped_column(String(500))
    published: Mapped[dt.date | None] = mapped_column(Date)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    ingested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # When the source's news is from: its publication day (00:00 UTC), else its ingest time.
    authority_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class EventRow(Base):
    __tablename__ = "events"

    uid: Mapped[str] = mapped_column(String(200), primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(20))
    org: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[dt.date] = mapped_column(Date, index=True)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    all_day: Mapped[bool] = mapped_column(Boolean, default=True)
    tz: Mapped[str | None] = mapped_column(String(64))  # the zone as the source stated it
    starts_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    precision: Mapped[str] = mapped_column(String(10), default="day")
    action_deadline: Mapped[bool] = mapped_column(Boolean, default=False)
    action: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(12), default="confirmed")
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    disputed: Mapped[bool] = mapped_column(Boolean, default=False)
    manual: Mapped[bool] = mapped_column(Boolean, default=False)
    remind: Mapped[str | None] = mapped_column(Text)  # "7d,1d,2h"; NULL = the configured ladder
    url: Mapped[str | None] = mapped_column(String(1000))
    # Matching: the normalised organisation and subject words (see tracker.identity).
    org_key: Mapped[str] = mapped_column(String(200), default="")
    subject_key: Mapped[str] = mapped_column(Text, default="")
    # The authority (see SourceRow.authority_at) of the report that set the current schedule.
    authority_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class ProvenanceRow(Base):
    __tablename__ = "provenance"
    __table_args__ = (
        UniqueConstraint("source_id", "start_offset", "end_offset", "title", name="uq_provenance_report"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_uid: Mapped[str] = mapped_column(ForeignKey("events.uid", ondelete="CASCADE"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(500))  # the title as this source gave it
    evidence: Mapped[str] = mapped_column(Text, default="")
    start_offset: Mapped[int] = mapped_column(Integer, default=0)
    end_offset: Mapped[int] = mapped_column(Integer, default=0)
    # What this source said, so disagreements can be shown with both dates.
    reported_date: Mapped[dt.date | None] = mapped_column(Date)
    reported_time: Mapped[dt.time | None] = mapped_column(Time)
    reported_tz: Mapped[str | None] = mapped_column(String(64))
    reported_status: Mapped[str] = mapped_column(String(12), default="confirmed")
    reported_precision: Mapped[str] = mapped_column(String(10), default="day")


class HistoryRow(Base):
    __tablename__ = "history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_uid: Mapped[str] = mapped_column(ForeignKey("events.uid", ondelete="CASCADE"), index=True)
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    old_date: Mapped[dt.date | None] = mapped_column(Date)
    old_time: Mapped[dt.time | None] = mapped_column(Time)
    old_status: Mapped[str | None] = mapped_column(String(12))
    new_date: Mapped[dt.date | None] = mapped_column(Date)
    new_time: Mapped[dt.time | None] = mapped_column(Time)
    new_status: Mapped[str | None] = mapped_column(String(12))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")


Index("ix_events_org_key_start", EventRow.org_key, EventRow.start_date)
