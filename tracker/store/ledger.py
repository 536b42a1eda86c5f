"""The reminder ledger's queries: load, apply a plan, claim due rows under a lease, record outcomes.

Concurrency (issue 6):

- PostgreSQL: several daemons share the ledger. ``claim`` locks due rows with
  ``SELECT ... FOR UPDATE SKIP LOCKED``, marks them ``sending`` with a lease (owner + expiry) and
  commits; only the owner of a live lease may mark a row sent or failed. Rows of a daemon that died
  mid-batch are claimable again once their lease expires: a reminder can be sent twice only when
  the daemon died between sending it and recording it (at-least-once).
- SQLite: one daemon per database file, enforced by ``daemon_lock`` (an exclusive ``flock`` on a
  file next to the database, released by the kernel even after ``kill -9``).
- Planning writes are conditional on the status the planner saw, so a plan computed while a daemon
  claimed or sent a row never overwrites that outcome; the next plan sees the new state.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Engine, Table, and_, bindparam, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from tracker.errors import LockedError
from tracker.reminders import OPEN, Kind, Plan, Reminder, RowStatus
from tracker.store.engine import WRITE
from tracker.store.ledger_schema import AckRow, ReminderRow

T: Table = ReminderRow.__table__  # type: ignore[assignment]
A: Table = AckRow.__table__  # type: ignore[assignment]
_FIELDS = [c.name for c in T.columns if c.name != "updated_at"]
_OPEN = [str(s) for s in OPEN]


def _row(values: Any) -> Reminder:
    data = dict(values._mapping)
    data.pop("updated_at", None)
    data["kind"] = Kind(data["kind"])
    data["status"] = RowStatus(data["status"])
    return Reminder(**data)


def _values(r: Reminder, now: dt.datetime) -> dict[str, Any]:
    data = {name: getattr(r, name) for name in _FIELDS}
    data["kind"], data["status"], data["updated_at"] = str(r.kind), str(r.status), now
    return data


def _write(engine: Engine) -> Any:
    return engine.connect().execution_options(**{WRITE: True})


def load(engine: Engine, uids: Sequence[str] | None = None) -> dict[str, list[Reminder]]:
    """Ledger rows grouped by event uid: of these events, or every row."""
    out: dict[str, list[Reminder]] = defaultdict(list)
    query = select(T)
    if uids is not None:
        query = query.where(T.c.uid.in_(list(uids)))
    with engine.connect() as conn:
        for values in conn.execute(query):
            row = _row(values)
            out[row.uid].append(row)
    return out


def acked(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(select(A.c.uid)).scalars())


def apply(engine: Engine, plan: Plan, now: dt.datetime) -> int:
    """Insert new rows (skipping ids another process inserted first) and apply updates whose row
    still has the status the planner saw. Returns how many updates were applied."""
    applied = 0
    with _write(engine) as conn, conn.begin():
        if plan.inserts:
            stmt = _insert_ignore(conn.dialect.name)
            for chunk in _chunks([_values(r, now) for r in plan.inserts], 500):
                conn.execute(stmt, chunk)
        if plan.updates:
            cols = [c for c in _FIELDS if c != "rid"]
            stmt = (
                update(T)
                .where(T.c.rid == bindparam("b_rid"), T.c.status == bindparam("b_expected"))
                .values({c: bindparam(f"b_{c}") for c in cols + ["updated_at"]})
            )
            params = []
            for r in plan.updates:
                v = _values(r, now)
                params.append(
                    {f"b_{k}": val for k, val in v.items()} | {"b_expected": str(plan.expected[r.rid])}
                )
            for chunk in _chunks(params, 500):
                result = conn.execute(stmt, chunk)
                applied += max(result.rowcount, 0)
    return applied


def _insert_ignore(dialect: str) -> Any:
    if dialect == "postgresql":
        return postgresql.insert(T).on_conflict_do_nothing(index_elements=["rid"])
    return sqlite.insert(T).on_conflict_do_nothing(index_elements=["rid"])


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def claim(
    engine: Engine, owner: str, channels: Sequence[str], now: dt.datetime, limit: int, lease: dt.timedelta
) -> tuple[list[Reminder], int]:
    """Lease up to ``limit`` due rows of these channels to ``owner``; rows whose deadline has passed
    are marked expired instead. Returns (claimed rows, number expired)."""
    due = or_(
        and_(T.c.status.in_(_OPEN), T.c.next_attempt_at <= now),
        and_(T.c.status == str(RowStatus.SENDING), T.c.lease_expires_at <= now),
    )
    query = (
        select(T)
        .where(T.c.channel.in_(list(channels)), due)
        .order_by(T.c.next_attempt_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    with _write(engine) as conn, conn.begin():
        rows = [_row(v) for v in conn.execute(query)]
        late = [r.rid for r in rows if r.deadline_at <= now]
        take = [r for r in rows if r.deadline_at > now]
        newest: dict[tuple[str, str, str], dt.datetime] = {}
        for r in take:
            key = (r.uid, r.channel, str(r.kind))
            newest[key] = max(newest.get(key, r.due_at), r.due_at)
        superseded = [r.rid for r in take if r.due_at < newest[(r.uid, r.channel, str(r.kind))]]
        take = [r for r in take if r.rid not in set(superseded)]
        for rids, why in ((late, "deadline passed"), (superseded, "superseded by a later reminder")):
            if rids:
                conn.execute(
                    update(T)
                    .where(T.c.rid.in_(rids))
                    .values(status=str(RowStatus.EXPIRED), note=why, next_attempt_at=None,
                            lease_owner=None, lease_expires_at=None, updated_at=now)
                )  # fmt: skip
        if take:
            conn.execute(
                update(T)
                .where(T.c.rid.in_([r.rid for r in take]))
                .values(
                    status=str(RowStatus.SENDING),
                    lease_owner=owner,
                    lease_expires_at=now + lease,
                    attempts=T.c.attempts + 1,
                    updated_at=now,
                )
            )
    claimed = [replace(r, status=RowStatus.SENDING, attempts=r.attempts + 1, lease_owner=owner) for r in take]
    return claimed, len(late) + len(superseded)


def mark_sent(engine: Engine, rid: str, owner: str, now: dt.datetime, late: bool) -> bool:
    """Record a delivery; False when our lease was lost (another daemon may send it again)."""
    with _write(engine) as conn, conn.begin():
        done = conn.execute(
            update(T)
            .where(T.c.rid == rid, T.c.lease_owner == owner, T.c.status == str(RowStatus.SENDING))
            .values(status=str(RowStatus.SENT), sent_at=now, late=late, next_attempt_at=None,
                    last_error=None, lease_owner=None, lease_expires_at=None, updated_at=now)
        ).rowcount  # fmt: skip
    return bool(done == 1)


def mark_failed(
    engine: Engine,
    rid: str,
    owner: str,
    now: dt.datetime,
    error: str,
    retry_at: dt.datetime | None,
) -> None:
    """Record a failed attempt: retried at ``retry_at``, or given up when it is None."""
    with _write(engine) as conn, conn.begin():
        conn.execute(
            update(T)
            .where(T.c.rid == rid, T.c.lease_owner == owner, T.c.status == str(RowStatus.SENDING))
            .values(
                status=str(RowStatus.FAILED),
                last_error=error[:1000],
                next_attempt_at=retry_at,
                lease_owner=None,
                lease_expires_at=None,
                updated_at=now,
            )
        )


def extend(engine: Engine, owner: str, until: dt.datetime) -> None:
    """Renew the lease on the rows this owner is still working on."""
    with _write(engine) as conn, conn.begin():
        conn.execute(
            update(T)
            .where(T.c.lease_owner == owner, T.c.status == str(RowStatus.SENDING))
            .values(lease_expires_at=until)
        )


def release(engine: Engine, owner: str, now: dt.datetime) -> int:
    """Give back rows this owner claimed but did not send (clean shutdown)."""
    with _write(engine) as conn, conn.begin():
        return int(
            conn.execute(
                update(T)
                .where(T.c.lease_owner == owner, T.c.status == str(RowStatus.SENDING))
                .values(
                    status=str(RowStatus.PENDING),
                    lease_owner=None,
                    lease_expires_at=None,
                    attempts=T.c.attempts - 1,
                    updated_at=now,
                )
            ).rowcount
        )


def reclaim_all(engine: Engine, now: dt.datetime) -> int:
    """SQLite, under the daemon lock: rows left ``sending`` by a killed daemon are due again now."""
    with _write(engine) as conn, conn.begin():
        return int(
            conn.execute(
                update(T)
                .where(T.c.status == str(RowStatus.SENDING))
                .values(lease_expires_at=now, updated_at=now)
            ).rowcount
        )


def next_due(engine: Engine, channels: Sequence[str]) -> dt.datetime | None:
    """The earliest instant at which a row of these channels becomes claimable."""
    from tracker.store.types import utc_value

    with engine.connect() as conn:
        a = conn.execute(
            select(func.min(T.c.next_attempt_at)).where(
                T.c.channel.in_(list(channels)), T.c.status.in_(_OPEN)
            )
        ).scalar()
        b = conn.execute(
            select(func.min(T.c.lease_expires_at)).where(
                T.c.channel.in_(list(channels)), T.c.status == str(RowStatus.SENDING)
            )
        ).scalar()
    found = [v for v in (utc_value(a), utc_value(b)) if v is not None]
    return min(found) if found else None


def rows(engine: Engine, statuses: Iterable[str] = (), uid: str | None = None) -> list[Reminder]:
    query = select(T).order_by(T.c.due_at, T.c.uid, T.c.rung, T.c.channel)
    if statuses:
        query = query.where(T.c.status.in_(list(statuses)))
    if uid:
        query = query.where(T.c.uid == uid)
    with engine.connect() as conn:
        return [_row(v) for v in conn.execute(query)]


def ack(engine: Engine, uid: str, now: dt.datetime) -> int:
    """Remember the acknowledgement and drop the event's open rows; returns how many were dropped."""
    with _write(engine) as conn, conn.begin():
        conn.execute(_ack_insert(conn.dialect.name), {"uid": uid, "acked_at": now})
        return int(
            conn.execute(
                update(T)
                .where(T.c.uid == uid, T.c.status.in_(_OPEN))
                .values(
                    status=str(RowStatus.DROPPED), note="acknowledged", next_attempt_at=None, updated_at=now
                )
            ).rowcount
        )


def _ack_insert(dialect: str) -> Any:
    if dialect == "postgresql":
        return postgresql.insert(A).on_conflict_do_nothing(index_elements=["uid"])
    return sqlite.insert(A).on_conflict_do_nothing(index_elements=["uid"])


def forget(engine: Engine) -> None:
    """Empty the ledger (tests and benchmarks)."""
    with _write(engine) as conn, conn.begin():
        conn.execute(delete(T))
        conn.execute(delete(A))


@contextlib.contextmanager
def daemon_lock(engine: Engine) -> Iterator[None]:
    """On a SQLite file, hold an exclusive lock for the daemon's lifetime; elsewhere, nothing."""
    if engine.dialect.name != "sqlite" or not engine.url.database or engine.url.database == ":memory:":
        yield
        return
    import fcntl

    path = Path(engine.url.database).expanduser().with_suffix(".daemon.lock")
    handle: TextIO = path.open("a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise LockedError(
                f"another `tracker run` ({holder}) is already delivering reminders from "
                f"{engine.url.database}; stop it first (SQLite allows one daemon; use PostgreSQL for several)"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        yield
    finally:
        handle.close()
