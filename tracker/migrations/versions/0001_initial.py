"""initial schema: sources, events, provenance, history

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("org", sa.String(length=200), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("all_day", sa.Boolean(), nullable=False),
        sa.Column("tz", sa.String(length=64), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("precision", sa.String(length=10), nullable=False),
        sa.Column("action_deadline", sa.Boolean(), nullable=False),
        sa.Column("action", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        sa.Column("disputed", sa.Boolean(), nullable=False),
        sa.Column("manual", sa.Boolean(), nullable=False),
        sa.Column("remind", sa.Text(), nullable=True),
        sa.Column("url", sa.String(length=1000), nullable=True),
        sa.Column("org_key", sa.String(length=200), nullable=False),
        sa.Column("subject_key", sa.Text(), nullable=False),
        sa.Column("authority_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_org_key_start", ["org_key", "start_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_start_date"), ["start_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_updated"), ["updated"], unique=False)

    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("location", sa.String(length=1000), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("authority_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint("sha256", name=op.f("uq_sources_sha256")),
    )
    op.create_table(
        "history",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_uid", sa.String(length=200), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("old_date", sa.Date(), nullable=True),
        sa.Column("old_time", sa.Time(), nullable=True),
        sa.Column("old_status", sa.String(length=12), nullable=True),
        sa.Column("new_date", sa.Date(), nullable=True),
        sa.Column("new_time", sa.Time(), nullable=True),
        sa.Column("new_status", sa.String(length=12), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_uid"], ["events.uid"], name=op.f("fk_history_event_uid_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_history_source_id_sources"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_history")),
    )
    with op.batch_alter_table("history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_history_changed_at"), ["changed_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_history_event_uid"), ["event_uid"], unique=False)

    op.create_table(
        "provenance",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_uid", sa.String(length=200), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("start_offset", sa.Integer(), nullable=False),
        sa.Column("end_offset", sa.Integer(), nullable=False),
        sa.Column("reported_date", sa.Date(), nullable=True),
        sa.Column("reported_time", sa.Time(), nullable=True),
        sa.Column("reported_tz", sa.String(length=64), nullable=True),
        sa.Column("reported_status", sa.String(length=12), nullable=False),
        sa.Column("reported_precision", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_uid"], ["events.uid"], name=op.f("fk_provenance_event_uid_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_provenance_source_id_sources"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_provenance")),
        sa.UniqueConstraint("source_id", "start_offset", "end_offset", "title", name="uq_provenance_report"),
    )
    with op.batch_alter_table("provenance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_provenance_event_uid"), ["event_uid"], unique=False)
        batch_op.create_index(batch_op.f("ix_provenance_source_id"), ["source_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("provenance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_provenance_source_id"))
        batch_op.drop_index(batch_op.f("ix_provenance_event_uid"))

    op.drop_table("provenance")
    with op.batch_alter_table("history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_history_event_uid"))
        batch_op.drop_index(batch_op.f("ix_history_changed_at"))

    op.drop_table("history")
    op.drop_table("sources")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_updated"))
        batch_op.drop_index(batch_op.f("ix_events_start_date"))
        batch_op.drop_index("ix_events_org_key_start")

    op.drop_table("events")
