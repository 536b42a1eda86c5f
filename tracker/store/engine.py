"""Engines for SQLite and PostgreSQL URLs, set up the way tracker needs them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from tracker.errors import StoreError

WRITE = "tracker_write"  # execution option: this connection's transaction will write


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(
            f"bad database URL {url!r}: use e.g. sqlite:////path/to/tracker.db "
            "or postgresql+psycopg://user@host/dbname"
        ) from exc
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite(parsed.database)
        return create_engine(parsed, pool_pre_ping=False)
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(
            f"no database driver for {parsed.drivername!r}: install it or use another URL"
        ) from exc


def _sqlite(database: str | None) -> Engine:
    if database and database != ":memory:" and not database.startswith("file:"):
        try:
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for {database}: {exc.strerror}") from exc
    engine = create_engine(f"sqlite:///{database or ''}", connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's BEGIN (below) decide transactions, not the sqlite3 module.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # WAL: readers never block the writer, and a commit costs no fsync of the main file
        # (6 ms -> 0.01 ms here). NORMAL keeps every commit across a process crash or kill -9;
        # only a power cut can lose the last commits, which the ledger re-sends (at-least-once).
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # A writing transaction takes the write lock up front, so two processes ingesting at
        # once queue up instead of failing half-way with "database is locked".
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN")

    return engine
