"""The store: the one narrow API through which tracker reads and writes its database."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tracker.errors import NotFoundError, StoreError
from tracker.models import Event
from tracker.store import migrate, reads
from tracker.store.query import sa_query, sqlite_query

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from tracker.identity import Change, Claim
    from tracker.store.writer import Writer

T = TypeVar("T")


def open_store(url: str) -> Store:
    """Open (creating it if needed) the database at ``url`` and bring its schema up to date."""
    fast = _fast_sqlite(url)
    if fast is not None:
        return Store(url, fast=fast)
    store = Store(url)
    engine = store.engine
    from sqlalchemy.exc import OperationalError

    try:
        if not migrate.is_current(engine):
            migrate.upgrade(engine)
    except OperationalError as exc:
        store.close()
        reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc).splitlines()[0]
        raise StoreError(f"cannot open the database {_safe(url)}: {reason}; check --db / TRACKER_DB") from exc
    except BaseException:
        store.close()
        raise
    return store


def _fast_sqlite(url: str) -> sqlite3.Connection | None:
    """A read connection to an existing, current SQLite file; None to take the SQLAlchemy path."""
    if not url.startswith("sqlite:///") or "?" in url:
        return None
    path = Path(url[len("sqlite:///") :])
    if not path.name or str(path) == ":memory:" or not path.is_file():
        return None
    try:
        # check_same_thread=False: the feed server reads from worker threads (one at a time).
        uri = f"{path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=30, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error:
        rows = []
    if frozenset(str(r[0]) for r in rows) != migrate.heads():
        conn.close()
        return None
    return conn


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # a URL we could not parse is shown as given
        return url


class Store:
    def __init__(self, url: str, *, fast: sqlite3.Connection | None = None) -> None:
        self.url = url
        self._fast = fast
        self._engine: Engine | None = None
        self._lock = threading.Lock()  # the direct reader serves one statement at a time

    @property
    def direct(self) -> bool:
        """Whether reads go straight through sqlite3 (a current SQLite file) instead of SQLAlchemy."""
        return self._fast is not None

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (created on first use)."""
        if self._engine is None:
            from tracker.store.engine import make_engine

            self._engine = make_engine(self.url)
        return self._engine

    def close(self) -> None:
        if self._fast is not None:
            self._fast.close()
            self._fast = None
        if self._engine is not None:
            self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read(self, work: Callable[[reads.Query], T]) -> T:
        if self._fast is not None:
            with self._lock:
                return work(sqlite_query(self._fast))
        with self.engine.connect() as conn:
            return work(sa_query(conn))

    # reads

    def events(
        self,
        *,
        start: dt.date | None = None,
        end: dt.date | None = None,
        categories: Sequence[str] = (),
        org: str | None = None,
        deadlines_only: bool = False,
        include_cancelled: bool = True,
        updated_since: dt.datetime | None = None,
    ) -> list[Event]:
        """Events overlapping [start, end], with their sources, by (day, start time, uid).

        ``updated_since`` keeps only events whose ``updated`` is at or after that instant: every
        change to an event, a new source included, moves it."""
        filters: dict[str, Any] = {
            "start": start, "end": end, "categories": categories, "org": org,
            "deadlines_only": deadlines_only, "include_cancelled": include_cancelled,
            "updated_since": updated_since,
        }  # fmt: skip
        return self._read(lambda q: reads.events(q, **filters))

    def get(self, uid: str) -> Event:
        """The event with this UID (or the one UID starting with it)."""
        found = self._read(lambda q: reads.event(q, uid) or reads.event(q, _resolve(q, uid)))
        assert found is not None
        return found

    def resolve(self, uid: str) -> str:
        """The full UID for a UID or an unambiguous prefix of one."""
        return self._read(lambda q: uid if reads.event(q, uid) else _resolve(q, uid))

    def last_change(self) -> dt.datetime | None:
        """The newest ``updated`` over all events (UTC): changes whenever any event does."""
        return self._read(reads.last_change)

    def count(self) -> int:
        """How many events are stored (cancelled included); with last_change() a cheap change marker."""
        return self._read(reads.count)

    def history(self, uid: str) -> list[Change]:
        return self._read(lambda q: reads.history(q, uid))

    def claims(self, uid: str) -> list[Claim]:
        """What each source said about the event (dates, times, status), oldest news first."""
        return self._read(lambda q: reads.claims(q, uid))

    def changes(self, since: dt.datetime | None = None) -> list[Change]:
        return self._read(lambda q: reads.changes(q, since))

    # writes

    @contextmanager
    def writing(self) -> Iterator[Writer]:
        """One write transaction holding the store's write lock (committed on success)."""
        from sqlalchemy import text
        from sqlalchemy.exc import OperationalError

        from tracker.store.engine import WRITE
        from tracker.store.writer import WRITE_LOCK, Writer

        try:
            with self.engine.connect() as conn:
                conn = conn.execution_options(**{WRITE: True})
                with conn.begin():
                    if conn.dialect.name == "postgresql":
                        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
                    yield Writer(conn)
        except OperationalError as exc:
            reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc).splitlines()[0]
            raise StoreError(f"could not write to the database: {reason}") from exc


def _resolve(q: reads.Query, uid: str) -> str:
    matches = reads.uids_like(q, uid) if uid else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise NotFoundError(f"UID {uid!r} is ambiguous ({', '.join(matches[:3])}, ...): give more of it")
    raise NotFoundError(f"no event UID {uid!r}: see `tracker list` for the UIDs")
