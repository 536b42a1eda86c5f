"""Reminder planning: ladders, due times, and what changes when an event changes. Pure.

Nothing here reads the clock, the environment or the database: ``now``, settings values and the
ledger rows already stored come in as arguments; the rows to insert and the changes to apply go out.

Rules (issue 6):

- An event with an action deadline gets a ladder of reminders before the deadline (default
  7d, 3d, 1d, 2h; ``Settings.remind``); ``Event.remind`` overrides it per event; other categories
  opt in through ``Settings.remind_categories`` (e.g. ``{"macro": ("15m",)}``).
- A date-only deadline is read conservatively as the *start* of that day in the event's zone, or
  in the configured default zone when the source gave none; the message says the exact time is
  unknown.
- One ledger row per (event, rung, channel); its id is derived from those three, so planning is
  idempotent and the id de-duplicates deliveries (it becomes the e-mail Message-ID).
- A moved deadline re-plans unsent rows; sent rows stay sent. A cancelled event drops open rows
  and, per channel that already got a reminder, plans one "cancelled" notice. An acknowledged
  event drops the rest.
- A rung whose time passed while nothing ran is still sent (marked late) while the deadline is
  ahead, unless a later rung of the same channel is also already due: then only the latest goes
  out and the earlier ones are marked expired ("superseded"). Past the deadline, open rows expire.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from urllib.parse import urlsplit

from tracker.errors import InputError
from tracker.models import Event, Status
from tracker.timeutil import as_utc, parse_duration, start_of_day_utc, zone

CANCEL_RUNG = "cancelled"
LATE_GRACE = dt.timedelta(seconds=60)  # sent later than this after its due time -> "late"


class RowStatus(StrEnum):
    PENDING = "pending"  # waiting for its due time (or for a retry after a failure)
    SENDING = "sending"  # claimed by a daemon holding a lease
    SENT = "sent"
    FAILED = "failed"  # last attempt failed; retried with backoff until MAX_ATTEMPTS
    EXPIRED = "expired"  # the deadline passed (or a later rung superseded it): never sent
    DROPPED = "dropped"  # event cancelled or acknowledged, or rung removed from the ladder


OPEN = frozenset({RowStatus.PENDING, RowStatus.FAILED})


class Kind(StrEnum):
    REMINDER = "reminder"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Channel:
    """A delivery channel. ``url`` may hold secrets: print ``label``, never ``url``."""

    url: str
    key: str
    label: str


def channel(url: str) -> Channel:
    text = url.strip()
    scheme = urlsplit(text).scheme.lower()
    if not scheme or "://" not in text:
        raise InputError(
            f"bad notification URL {redact(text)!r}: write an apprise URL such as "
            "mailto://user:pass@example.com, ntfy://topic or stdout://"
        )
    key = hashlib.sha256(text.encode()).hexdigest()[:12]
    return Channel(url=text, key=key, label=redact(text, key))


def redact(url: str, key: str | None = None) -> str:
    """A printable name for a channel URL: its scheme and a short hash, never its secrets."""
    scheme = urlsplit(url.strip()).scheme.lower() or "?"
    if scheme == "stdout":
        return "stdout://"
    digest = key or hashlib.sha256(url.strip().encode()).hexdigest()[:12]
    return f"{scheme}://…#{digest[:6]}"


@dataclass(frozen=True)
class Rung:
    label: str  # canonical: "1d", "2h", "15m"
    offset: dt.timedelta


def ladder(items: Iterable[str]) -> tuple[Rung, ...]:
    """'7d','24h','2h' -> rungs, canonical labels, duplicates merged, furthest first."""
    rungs: dict[dt.timedelta, Rung] = {}
    for item in items:
        offset = parse_duration(item)
        rungs[offset] = Rung(_label(offset), offset)
    return tuple(sorted(rungs.values(), key=lambda r: r.offset, reverse=True))


def _label(offset: dt.timedelta) -> str:
    """Canonical rung label in the units people write: 7d (not 1w), 36h, 90m."""
    seconds = int(offset.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def ladder_for(
    event: Event, default: Sequence[str], categories: Mapping[str, Sequence[str]]
) -> tuple[Rung, ...]:
    """The event's ladder: its own override, else the default for deadlines or its category's."""
    opted = categories.get(str(event.category))
    if not event.action_deadline and opted is None and not event.remind:
        return ()
    if event.remind is not None:
        return ladder(event.remind)
    return ladder(default if event.action_deadline else (opted or ()))


@dataclass(frozen=True)
class Deadline:
    at: dt.datetime  # UTC instant
    exact: bool  # False: a date-only deadline read as the start of the day in ``zone``
    zone: str


def deadline_of(event: Event, default_tz: str) -> Deadline:
    if event.starts_at is not None:
        return Deadline(as_utc(event.starts_at), True, event.tz or "UTC")
    label = event.tz or default_tz
    return Deadline(start_of_day_utc(event.start_date, label), False, label)


def reminder_id(uid: str, rung: str, channel_key: str) -> str:
    """Stable id of one reminder on one channel: ``<16 hex>-<rung>``, e.g. ``9c1e…-1d``."""
    digest = hashlib.sha256(f"{uid}\x1f{rung}\x1f{channel_key}".encode()).hexdigest()[:16]
    return f"{digest}-{rung}"


@dataclass(frozen=True, slots=True)
class Reminder:
    """One ledger row: one reminder of one event on one channel."""

    rid: str
    uid: str
    kind: Kind
    rung: str
    channel: str  # Channel.key
    channel_label: str
    title: str
    due_at: dt.datetime
    deadline_at: dt.datetime
    exact: bool
    status: RowStatus = RowStatus.PENDING
    next_attempt_at: dt.datetime | None = None
    attempts: int = 0
    last_error: str | None = None
    note: str | None = None
    sent_at: dt.datetime | None = None
    late: bool = False
    lease_owner: str | None = None
    lease_expires_at: dt.datetime | None = None


@dataclass
class Plan:
    """What planning decided: new rows, changed rows (full replacements), and counts."""

    inserts: list[Reminder] = field(default_factory=list)
    updates: list[Reminder] = field(default_factory=list)
    expected: dict[str, RowStatus] = field(default_factory=dict)  # rid -> status the planner saw
    planned: int = 0
    replanned: int = 0
    dropped: int = 0
    expired: int = 0

    def merge(self, other: Plan) -> None:
        self.inserts += other.inserts
        self.updates += other.updates
        self.expected.update(other.expected)
        self.planned += other.planned
        self.replanned += other.replanned
        self.dropped += other.dropped
        self.expired += other.expired


def plan_event(
    event: Event,
    rungs: Sequence[Rung],
    channels: Sequence[Channel],
    existing: Sequence[Reminder],
    acked: bool,
    now: dt.datetime,
    default_tz: str,
) -> Plan:
    """Reconcile the ledger rows of one event with what the event now asks for."""
    plan = _Planner(event, deadline_of(event, default_tz), existing, as_utc(now))
    if event.status == Status.CANCELLED:
        plan.cancel(channels)
    elif acked:
        plan.drop_open("acknowledged")
    else:
        plan.follow(rungs, channels)
    return plan.result


class _Planner:
    def __init__(self, event: Event, deadline: Deadline, existing: Sequence[Reminder], now: dt.datetime):
        self.event, self.deadline, self.now = event, deadline, now
        self.rows = {r.rid: r for r in existing}
        self.result = Plan()

    def _update(self, row: Reminder, **changes: object) -> Reminder:
        new = replace(row, **changes)  # type: ignore[arg-type]
        self.rows[row.rid] = new
        if row.rid in self.result.expected:
            self.result.updates = [u for u in self.result.updates if u.rid != row.rid]
        else:
            self.result.expected[row.rid] = row.status
        self.result.updates.append(new)
        return new

    def drop_open(self, why: str, kind: Kind = Kind.REMINDER) -> None:
        for row in list(self.rows.values()):
            if row.kind == kind and row.status in OPEN:
                self._update(row, status=RowStatus.DROPPED, note=why, next_attempt_at=None)
                self.result.dropped += 1

    def cancel(self, channels: Sequence[Channel]) -> None:
        self.drop_open("event cancelled")
        labels = {c.key: c.label for c in channels}
        labels.update({r.channel: r.channel_label for r in self.rows.values()})
        told = {
            r.channel
            for r in self.rows.values()
            if r.kind == Kind.REMINDER and r.status in (RowStatus.SENT, RowStatus.SENDING)
        }
        for key in sorted(told):
            rid = reminder_id(self.event.uid, CANCEL_RUNG, key)
            if rid in self.rows:
                if self.rows[rid].status == RowStatus.DROPPED:  # cancelled again after a reinstatement
                    self._update(
                        self.rows[rid], status=RowStatus.PENDING, next_attempt_at=self.now, note=None
                    )
                    self.result.planned += 1
                continue
            self._insert(
                Reminder(
                    rid=rid,
                    uid=self.event.uid,
                    kind=Kind.CANCELLED,
                    rung=CANCEL_RUNG,
                    channel=key,
                    channel_label=labels[key],
                    title=self.event.title,
                    due_at=self.now,
                    deadline_at=self.deadline.at,
                    exact=self.deadline.exact,
                    next_attempt_at=self.now,
                )
            )

    def _insert(self, row: Reminder) -> None:
        self.rows[row.rid] = row
        self.result.inserts.append(row)
        if row.status == RowStatus.EXPIRED:
            self.result.expired += 1
        else:
            self.result.planned += 1

    def follow(self, rungs: Sequence[Rung], channels: Sequence[Channel]) -> None:
        self.drop_open("event reinstated", Kind.CANCELLED)
        dl = self.deadline
        by_label = {r.label: r for r in rungs}
        for rung in rungs:
            for ch in channels:
                rid = reminder_id(self.event.uid, rung.label, ch.key)
                if rid not in self.rows and dl.at > self.now:
                    due = dl.at - rung.offset
                    self._insert(
                        Reminder(
                            rid=rid,
                            uid=self.event.uid,
                            kind=Kind.REMINDER,
                            rung=rung.label,
                            channel=ch.key,
                            channel_label=ch.label,
                            title=self.event.title,
                            due_at=due,
                            deadline_at=dl.at,
                            exact=dl.exact,
                            next_attempt_at=due,
                        )
                    )
        for row in list(self.rows.values()):
            if row.kind != Kind.REMINDER:
                continue
            rung_ = by_label.get(row.rung)
            if rung_ is None:
                if row.status in OPEN:
                    self._update(
                        row,
                        status=RowStatus.DROPPED,
                        note="no longer in the reminder ladder",
                        next_attempt_at=None,
                    )
                    self.result.dropped += 1
                continue
            self._reconcile(row, dl.at - rung_.offset)
        self._supersede()

    def _reconcile(self, row: Reminder, due: dt.datetime) -> None:
        dl = self.deadline
        if row.status == RowStatus.DROPPED and row.note == "event cancelled" and dl.at > self.now:
            self._update(
                row,
                status=RowStatus.PENDING,
                due_at=due,
                deadline_at=dl.at,
                exact=dl.exact,
                next_attempt_at=due,
                note="event reinstated",
                title=self.event.title,
            )
            self.result.replanned += 1
            return
        if row.status not in OPEN:
            return
        if dl.at <= self.now:
            self._update(row, status=RowStatus.EXPIRED, note="deadline passed", next_attempt_at=None)
            self.result.expired += 1
        elif (row.due_at, row.deadline_at, row.exact, row.title) != (due, dl.at, dl.exact, self.event.title):
            moved = row.due_at != due
            self._update(
                row,
                due_at=due,
                deadline_at=dl.at,
                exact=dl.exact,
                title=self.event.title,
                status=RowStatus.PENDING if moved else row.status,
                next_attempt_at=due if moved else row.next_attempt_at,
                note="deadline moved" if moved else row.note,
            )
            self.result.replanned += 1

    def _supersede(self) -> None:
        """Of several rungs already due on one channel, only the latest is worth sending."""
        latest: dict[str, dt.datetime] = {}
        for row in self.rows.values():
            if row.kind == Kind.REMINDER and row.due_at <= self.now and row.status != RowStatus.DROPPED:
                latest[row.channel] = max(latest.get(row.channel, row.due_at), row.due_at)
        for row in list(self.rows.values()):
            if (
                row.kind == Kind.REMINDER
                and row.status in OPEN
                and row.due_at <= self.now
                and row.due_at < latest[row.channel]
            ):
                why = "superseded by a later reminder"
                new = replace(row, status=RowStatus.EXPIRED, note=why, next_attempt_at=None)
                if any(i.rid == row.rid for i in self.result.inserts):
                    self.result.inserts = [new if i.rid == row.rid else i for i in self.result.inserts]
                    self.result.planned -= 1
                    self.rows[row.rid] = new
                    self.result.expired += 1
                else:
                    self._update(row, status=RowStatus.EXPIRED, note=why, next_attempt_at=None)
                    self.result.expired += 1


def is_late(due_at: dt.datetime, sent_at: dt.datetime) -> bool:
    return as_utc(sent_at) - as_utc(due_at) > LATE_GRACE


def backoff(attempts: int) -> dt.timedelta:
    """Wait before retry number ``attempts`` + 1: 30 s, 1 min, 2 min, ... capped at 30 min."""
    return dt.timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 1800))


MAX_ATTEMPTS = 8


@dataclass(frozen=True)
class Message:
    title: str
    body: str
    rid: str


def _fmt(instant: dt.datetime, tz: str) -> str:
    local = instant.astimezone(zone(tz))
    return f"{local:%a %d %b %Y %H:%M} {tz}"


def compose(row: Reminder, event: Event | None, user_tz: str, now: dt.datetime) -> Message:
    """The text of one reminder: what to do, by when (user's zone and UTC), the source, the id."""
    title = event.title if event else row.title
    action = (event.action if event else None) or "act"
    deadline_utc = f"{row.deadline_at.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC"
    if row.kind == Kind.CANCELLED:
        subject = f"Cancelled: {title}"
        lines = [
            f"{title} was cancelled: no need to {action} for it any more.",
            f"It was due by {_fmt(row.deadline_at, user_tz)} ({deadline_utc}).",
        ]
    else:
        left = row.deadline_at - as_utc(now)
        subject = f"Reminder: {action} — {title} (in {_span(left)})"
        lines = [f"What to do: {action} ({title}).", f"By when: {_by_when(row, event, user_tz)}"]
        if is_late(row.due_at, now):
            lines.append(
                f"Late: this {row.rung} reminder was due {row.due_at:%Y-%m-%d %H:%M} UTC, "
                "while nothing was running."
            )
    source = "unknown" if event is None else (event.sources[0].location if event.sources else "added by hand")
    lines += [f"Source: {source}", f"Event: {row.uid}", f"Reminder id: {row.rid}"]
    return Message(subject, "\n".join(lines) + "\n", row.rid)


def _by_when(row: Reminder, event: Event | None, user_tz: str) -> str:
    utc = f"{row.deadline_at.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC"
    if row.exact:
        return f"{_fmt(row.deadline_at, user_tz)} ({utc})"
    day = event.start_date.isoformat() if event else f"{row.deadline_at:%Y-%m-%d}"
    where = (event.tz if event else None) or user_tz
    return (
        f"{day} — the exact time is unknown; treating it as the start of that day in {where}: "
        f"{_fmt(row.deadline_at, user_tz)} ({utc})"
    )


def _span(delta: dt.timedelta) -> str:
    seconds = max(int(delta.total_seconds() + 0.5), 0)  # sent a moment after its due time: still "1 day"
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return "less than a minute"


def test_message(ch: Channel, now: dt.datetime) -> Message:
    rid = reminder_id("test", f"{int(as_utc(now).timestamp())}", ch.key)
    body = (
        f"This is a test from tracker through {ch.label} at {as_utc(now):%Y-%m-%d %H:%M:%S} UTC.\n"
        f"Reminder id: {rid}\n"
    )
    return Message("tracker: test notification", body, rid)
