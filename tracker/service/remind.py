"""Reminder use cases: plan, deliver what is due, acknowledge, list, test channels, run the daemon.

Planning is pure (``tracker.reminders``); this module feeds it the events from the store and the
ledger rows, writes the result back (``tracker.store.ledger``), and sends through ``tracker.notify``.
The daemon (``run_daemon``) keeps nothing in memory that matters: ``tracker.scheduler`` only
decides *when* to look at the ledger again.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from tracker import notify
from tracker.config import Settings
from tracker.errors import DeliveryError, InputError, NotFoundError
from tracker.models import Category, Event
from tracker.reminders import (
    MAX_ATTEMPTS,
    Channel,
    Plan,
    Reminder,
    Rung,
    backoff,
    channel,
    compose,
    is_late,
    ladder,
    ladder_for,
    plan_event,
    test_message,
)
from tracker.store import Store, ledger, open_store

LEASE = dt.timedelta(seconds=60)  # a claimed row is the claimer's for this long (renewed per send)
BATCH = 10  # rows claimed per round
PLAN_CHUNK = 2000  # events planned per ledger read/write (bounds memory)
REPLAN_EVERY = 30.0  # seconds: another process's new events are planned within this
POLL = 5.0  # seconds: rows another process planned (e.g. `tracker sync`) are seen within this
FULL_REPLAN = dt.timedelta(hours=1)  # plan every event again even when none changed
CLOCK_MARGIN = dt.timedelta(minutes=5)  # other writers' clocks may lag ours by this much
Log = Callable[[str], None]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _quiet(_: str) -> None:
    pass


@dataclass(frozen=True)
class PlanReport:
    planned: int = 0
    replanned: int = 0
    dropped: int = 0
    expired: int = 0
    problems: tuple[str, ...] = ()

    def __add__(self, other: PlanReport) -> PlanReport:
        return PlanReport(self.planned + other.planned, self.replanned + other.replanned,
                          self.dropped + other.dropped, self.expired + other.expired,
                          self.problems + other.problems)  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        return {"planned": self.planned, "replanned": self.replanned, "dropped": self.dropped,
                "expired": self.expired, "problems": list(self.problems)}  # fmt: skip

    def __str__(self) -> str:
        return (f"reminders: {self.planned} planned, {self.replanned} re-planned, "
                f"{self.dropped} dropped, {self.expired} expired")  # fmt: skip


def channels_for(settings: Settings, urls: Sequence[str] = ()) -> tuple[Channel, ...]:
    """The channels of this run: ``--notify`` URLs, else TRACKER_NOTIFY / config ``notify``,
    else ``stdout://``."""
    chosen = list(urls) or list(settings.notify) or ["stdout://"]
    return tuple(channel(u) for u in dict.fromkeys(u.strip() for u in chosen if u.strip()))


def plan_reminders(
    settings: Settings,
    store: Store,
    now: dt.datetime,
    channels: Sequence[Channel] | None = None,
    changed_since: dt.datetime | None = None,
) -> PlanReport:
    """Bring the ledger in line with the stored events (idempotent; `tracker sync` calls this).

    ``changed_since`` limits the work to events updated since then (the daemon's periodic look).
    """
    chans = tuple(channels) if channels is not None else channels_for(settings)
    plan_reminders_check(settings)  # a bad TRACKER_REMIND / config `remind` fails here, clearly
    default = ladder(settings.remind)
    categories = {k: tuple(v) for k, v in settings.remind_categories.items()}
    acks = ledger.acked(store.engine)
    report = PlanReport()
    events = store.events(start=(now - dt.timedelta(days=2)).date())
    if changed_since is not None:
        events = [e for e in events if e.updated is None or e.updated >= changed_since]
    for i in range(0, len(events), PLAN_CHUNK):
        chunk = events[i : i + PLAN_CHUNK]
        report = report + _plan_chunk(chunk, default, categories, chans, acks, now, settings, store)
    return report


def _plan_chunk(
    events: Sequence[Event], default: tuple[Rung, ...], categories: dict[str, tuple[str, ...]],
    chans: Sequence[Channel], acks: set[str], now: dt.datetime, settings: Settings, store: Store,
) -> PlanReport:  # fmt: skip
    rows = ledger.load(store.engine, [e.uid for e in events])
    plan, problems = Plan(), []
    for event in events:
        try:
            rungs = ladder_for(event, [r.label for r in default], categories)
        except InputError as exc:
            problems.append(f"{event.uid}: {exc}; using the default ladder")
            rungs = default if event.action_deadline else ()
        existing = rows.get(event.uid, [])
        if rungs or existing:
            plan.merge(plan_event(event, rungs, chans, existing, event.uid in acks, now, settings.tz))
    ledger.apply(store.engine, plan, now)
    return PlanReport(plan.planned, plan.replanned, plan.dropped, plan.expired, tuple(problems))


def plan_reminders_check(settings: Settings) -> None:
    """Validate the ladder settings (InputError naming the bad value) before anything runs."""
    ladder(settings.remind)
    for name, items in settings.remind_categories.items():
        ladder(items)
        if name not in {str(c) for c in Category}:
            raise InputError(f"remind_categories: unknown category {name!r}; use one of {_category_list()}")


def _category_list() -> str:
    return ", ".join(str(c) for c in Category)


@dataclass
class DeliveryReport:
    sent: int = 0
    late: int = 0
    failed: int = 0
    expired: int = 0
    lost: int = 0  # sent, but our lease had expired: another daemon may send it too
    next_due: dt.datetime | None = None
    lateness: list[float] = field(default_factory=list)  # seconds after due, per sent reminder


def deliver_due(
    settings: Settings,
    store: Store,
    channels: Sequence[Channel],
    owner: str,
    *,
    clock: Callable[[], dt.datetime] = utcnow,
    lease: dt.timedelta = LEASE,
    batch: int = BATCH,
    log: Log = _quiet,
    stream: TextIO | None = None,
) -> DeliveryReport:
    """Claim and send everything due now on these channels; return counts and the next due time."""
    by_key = {c.key: c for c in channels}
    report = DeliveryReport()
    while True:
        claimed_at = clock()
        claimed, expired = ledger.claim(store.engine, owner, list(by_key), claimed_at, batch, lease)
        report.expired += expired
        if not claimed:
            break
        renewed = claimed_at
        for row in claimed:
            if clock() - renewed > lease / 3:  # a slow channel: keep the rest of the batch ours
                renewed = clock()
                ledger.extend(store.engine, owner, renewed + lease)
            _deliver_one(settings, store, row, by_key[row.channel], owner, clock, log, stream, report)
    report.next_due = ledger.next_due(store.engine, list(by_key))
    return report


def _deliver_one(
    settings: Settings, store: Store, row: Reminder, ch: Channel, owner: str,
    clock: Callable[[], dt.datetime], log: Log, stream: TextIO | None, report: DeliveryReport,
) -> None:  # fmt: skip
    now = clock()
    msg = compose(row, _event(store, row.uid), settings.tz, now)
    try:
        notify.send(ch, msg, stream)
    except DeliveryError as exc:
        retry = now + backoff(row.attempts) if row.attempts < MAX_ATTEMPTS else None
        ledger.mark_failed(store.engine, row.rid, owner, clock(), str(exc), retry)
        report.failed += 1
        when = f"retry at {retry:%H:%M:%S} UTC" if retry else "giving up"
        log(f"failed {row.rid} via {ch.label} (attempt {row.attempts}): {exc}; {when}")
        return
    done = clock()
    late = is_late(row.due_at, now)
    if not ledger.mark_sent(store.engine, row.rid, owner, done, late):
        report.lost += 1
        log(f"sent {row.rid} via {ch.label}, but its lease had expired: it may be sent again")
    report.sent += 1
    report.late += late
    report.lateness.append((now - row.due_at).total_seconds())
    log(f"sent {row.rid} via {ch.label}" + (" (late)" if late else ""))


def _event(store: Store, uid: str) -> Event | None:
    try:
        return store.get(uid)
    except NotFoundError:
        return None


@dataclass(frozen=True)
class AckReport:
    uid: str
    title: str
    dropped: int


def ack_event(settings: Settings, uid: str, now: dt.datetime) -> AckReport:
    """`tracker ack UID`: the user acted; no more reminders for this event on any channel."""
    with open_store(settings.db_url) as store:
        event = store.get(uid)
        dropped = ledger.ack(store.engine, event.uid, now)
    return AckReport(event.uid, event.title, dropped)


def list_reminders(
    settings: Settings, statuses: Sequence[str] = (), uid: str | None = None
) -> list[Reminder]:
    """The ledger, by due time."""
    with open_store(settings.db_url) as store:
        full = store.resolve(uid) if uid else None
        return ledger.rows(store.engine, statuses, full)


@dataclass(frozen=True)
class TestResult:
    channel: str  # redacted label
    rid: str
    error: str | None = None


def test_channels(
    settings: Settings, urls: Sequence[str], now: dt.datetime, stream: TextIO | None = None
) -> list[TestResult]:
    """`tracker remind test`: one test message through each channel; nothing is recorded."""
    results = []
    for ch in channels_for(settings, urls):
        msg = test_message(ch, now)
        try:
            notify.send(ch, msg, stream)
        except DeliveryError as exc:
            results.append(TestResult(ch.label, msg.rid, str(exc)))
        else:
            results.append(TestResult(ch.label, msg.rid))
    return results


def owner_id() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def run_daemon(
    settings: Settings,
    urls: Sequence[str] = (),
    *,
    stop: threading.Event | None = None,
    foreground: Callable[[], None] | None = None,
    replan_every: float = REPLAN_EVERY,
    lease: dt.timedelta = LEASE,
    log: Log = _quiet,
    stream: TextIO | None = None,
) -> None:
    """`tracker run`: catch up, then deliver on time and re-plan periodically until stopped.

    ``foreground`` (e.g. the feed server) runs in this thread while the scheduler works in the
    background; without it, this waits for ``stop`` (set by SIGTERM, or Ctrl-C).
    """
    from tracker.scheduler import Scheduler

    chans = channels_for(settings, urls)
    for ch in chans:
        notify.check(ch)
    stop = stop or threading.Event()
    owner = owner_id()
    with open_store(settings.db_url) as store, ledger.daemon_lock(store.engine):
        if store.engine.dialect.name == "sqlite":  # we hold the only daemon lock: nobody else is sending
            ledger.reclaim_all(store.engine, utcnow())
        plan_reminders_check(settings)
        replan = _Replanner(settings, store, chans, log)
        log(f"delivering through {', '.join(c.label for c in chans)}; owner {owner}")

        def deliver() -> dt.datetime | None:
            return deliver_due(settings, store, chans, owner, lease=lease, log=log, stream=stream).next_due

        sched = Scheduler(deliver, replan.run, replan_every=replan_every, max_sleep=min(POLL, replan_every),
                          on_error=lambda exc: log(f"error: {exc}"))  # fmt: skip
        _on_sigterm(stop)
        sched.start()
        try:
            if foreground is not None:
                foreground()
            else:
                while not stop.wait(1.0):
                    pass
        finally:
            sched.shutdown()
            ledger.release(store.engine, owner, utcnow())
            log("stopped")


class _Replanner:
    """Re-plan what changed since the last look; everything at start and every FULL_REPLAN.

    Between full plans only events whose ``updated`` moved past the last seen change (less a
    margin for clocks of other machines) are planned: cheap, so it never starves delivery.
    Time-driven transitions (late, superseded, expired) happen at claim time, not here.
    """

    def __init__(self, settings: Settings, store: Store, chans: Sequence[Channel], log: Log) -> None:
        self.settings, self.store, self.chans, self.log = settings, store, chans, log
        self.seen: dt.datetime | None = None
        self.full_at: dt.datetime | None = None

    def run(self) -> None:
        now = utcnow()
        change = self.store.last_change()
        full = self.full_at is None or now - self.full_at >= FULL_REPLAN
        if not full and change == self.seen:
            return
        since = None if full or self.seen is None else self.seen - CLOCK_MARGIN
        report = plan_reminders(self.settings, self.store, now, self.chans, changed_since=since)
        self.seen = change
        if full:
            self.full_at = now
        if full or report.planned or report.replanned or report.dropped or report.expired:
            self.log(str(report))
        for problem in report.problems:
            self.log(f"problem: {problem}")


def _on_sigterm(stop: threading.Event) -> None:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
