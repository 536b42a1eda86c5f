"""Alembic environment: runs whatever revisions exist under ``versions/``.

``tracker.store.migrate`` calls Alembic with an open connection in ``config.attributes``;
the plain ``alembic`` command line (for writing new revisions) uses ``sqlalchemy.url`` or
``TRACKER_DB`` instead.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection, create_engine

from tracker.store.schema import Base

config = context.config
target_metadata = Base.metadata

try:  # tables other parts of tracker declare on Base (for autogenerate only)
    import tracker.store.ledger_schema  # noqa: F401
except ImportError:
    pass


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("TRACKER_DB")
    if not url:
        raise SystemExit("set sqlalchemy.url or TRACKER_DB to the database to migrate")
    engine = create_engine(url)
    with engine.connect() as conn:
        _run(conn)
        conn.commit()
    engine.dispose()


if context.is_offline_mode():
    context.configure(
        url=config.get_main_option("sqlalchemy.url") or os.environ.get("TRACKER_DB"),
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
