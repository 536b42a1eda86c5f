"""The store: the one narrow API through which tracker reads and writes its database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError

from tracker.errors import NotFoundError, StoreError
from tracker.identity import Change, Claim
from tracker.models import Event
from tracker.store import migrate, reads
from tracker.store.engine import WRITE, make_engine

if TYPE_CHECKING:
    from tracker.store.writer import Writer


def open_store(url: str) -> Store:
    """Open (creating it if needed) the database at ``url`` and bring its schema up to date."""
    engine = make_engine(url)
    try:
        if not migrate.is_current(engine):
            migrate.upgrade(engine)
    except OperationalError as exc:
        engine.dispose()
        reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc).splitlines()[0]
        raise StoreError(f"cannot open the database {_safe(url)}: {reason}; check --db / TRACKER_DB") from exc
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # a URL we could not parse is shown as given
        return url


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
    ) -> list[Event]:
        """Events overlapping [start, end], with their sources, by (day, start time, uid)."""
        with self.engine.connect() as conn:
            return reads.events(
                conn, start=start, end=end, categories=categories, org=org,
                deadlines_only=deadlines_only, include_cancelled=include_cancelled,
            )  # fmt: skip

    def get(self, uid: str) -> Event:
        """The event with this UID (or the one UID starting with it)."""
        with self.engine.connect() as conn:
            found = reads.event(conn, uid)
            if found is None:
                found = reads.event(conn, self._resolve(conn, uid))
        assert found is not None
        return found

    def resolve(self, uid: str) -> str:
        """The full UID for a UID or an unambiguous prefix of one."""
        with self.engine.connect() as conn:
            if reads.event(conn, uid) is not None:
                return uid
            return self._resolve(conn, uid)

    def _resolve(self, conn: Connection, uid: str) -> str:
        matches = reads.uids_like(conn, uid) if uid else []
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise NotFoundError(f"UID {uid!r} is ambiguous ({', '.join(matches[:3])}, ...): give more of it")
        raise NotFoundError(f"no event UID {uid!r}: see `tracker list` for the UIDs")

    def last_change(self) -> dt.datetime | None:
        """The newest ``updated`` over all events (UTC): changes whenever any event does."""
        with self.engine.connect() as conn:
            return reads.last_change(conn)

    def history(self, uid: str) -> list[Change]:
        with self.engine.connect() as conn:
            return reads.history(conn, uid)

    def claims(self, uid: str) -> list[Claim]:
        """What each source said about the event (dates, times, status), oldest news first."""
        with self.engine.connect() as conn:
            return reads.claims(conn, uid)

    def changes(self, since: dt.datetime | None = None) -> list[Change]:
        with self.engine.connect() as conn:
            return reads.changes(conn, since)

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(text("SELECT COUNT(*) FROM events")).scalar() or 0)

    # writes

    @contextmanager
    def writing(self) -> Iterator[Writer]:
        """One write transaction holding the store's write lock (committed on success)."""
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
