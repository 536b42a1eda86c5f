"""The reminder ledger's tables, declared on the store's ``Base`` (migration 0002 creates them).

    reminders       one row per (event, rung, channel): due time, status, attempts, lease
    reminder_acks   events the user acknowledged (`tracker ack UID`): no further reminders

``reminders.rid`` is the stable reminder id (see ``tracker.reminders.reminder_id``). Channels are
stored as a hash and a redacted label, never as the URL (URLs may carry passwords and tokens).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tracker.store.schema import Base
from tracker.store.types import UTCDateTime


class ReminderRow(Base):
    __tablename__ = "reminders"

    rid: Mapped[str] = mapped_column(String(64), primary_key=True)
    uid: Mapped[str] = mapped_column(String(200), index=True)  # the event's uid
    kind: Mapped[str] = mapped_column(String(12))  # reminder | cancelled
    rung: Mapped[str] = mapped_column(String(16))  # "7d", "2h", ... or "cancelled"
    channel: Mapped[str] = mapped_column(String(16))  # sha256(url)[:12]
    channel_label: Mapped[str] = mapped_column(String(100))  # redacted, printable
    title: Mapped[str] = mapped_column(String(500))
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    deadline_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    exact: Mapped[bool] = mapped_column(Boolean)  # False: date-only deadline
    status: Mapped[str] = mapped_column(String(10))  # pending|sending|sent|failed|expired|dropped
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(String(200))
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class AckRow(Base):
    __tablename__ = "reminder_acks"

    uid: Mapped[str] = mapped_column(String(200), primary_key=True)
    acked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


Index("ix_reminders_status_next", ReminderRow.status, ReminderRow.next_attempt_at)
