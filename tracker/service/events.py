"""Use cases over stored events: list, show, add, cancel, edit, changes.

Each takes the database URL and plain values (``now`` included) and returns domain values.
Changes made here are manual: they set ``manual`` on the event, so later digests attach as
sources but no longer move it, until ``edit --auto`` hands it back to extraction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tracker.errors import InputError
from tracker.models import Category, Event, Precision, Status
from tracker.store import open_store
from tracker.timeutil import parse_duration, to_utc, zone

if TYPE_CHECKING:  # imported where used: `tracker list` needs none of it
    from tracker.identity import Change, Claim


def category(text: str) -> Category:
    try:
        return Category(text.strip().lower())
    except ValueError:
        choices = ", ".join(c.value for c in Category)
        raise InputError(f"unknown category {text!r}: use one of {choices}") from None


def remind_ladder(text: str) -> tuple[str, ...] | None:
    """'7d,1d,2h' -> ('7d', '1d', '2h'); 'default' -> None (the configured ladder)."""
    if text.strip().lower() == "default":
        return None
    steps = tuple(s.strip() for s in text.split(",") if s.strip())
    for step in steps:
        parse_duration(step)
    return steps


def list_events(
    db_url: str,
    *,
    start: dt.date | None,
    end: dt.date | None,
    categories: Sequence[str] = (),
    org: str | None = None,
    deadlines_only: bool = False,
) -> list[Event]:
    if start and end and end < start:
        raise InputError(f"--to {end} is before --from {start}: swap them")
    cats = [str(category(c)) for c in categories]
    with open_store(db_url) as store:
        return store.events(start=start, end=end, categories=cats, org=org, deadlines_only=deadlines_only)


@dataclass(frozen=True)
class EventDetail:
    event: Event
    claims: list[Claim]
    history: list[Change]

    @property
    def dispute(self) -> list[str]:
        """Why the event is disputed: each date its sources give, with the sources."""
        if not self.event.disputed:
            return []
        by_when: dict[str, list[str]] = {}
        for c in self.claims:
            when = c.date.isoformat() if c.date else "(no day)"
            when += f" {c.time:%H:%M}" if c.time else ""
            when += f" ({c.status})" if c.status != Status.CONFIRMED else ""
            published = f", published {c.published}" if c.published else ""
            by_when.setdefault(when, []).append(f"{c.location}{published}")
        return [f"{when}: {'; '.join(where)}" for when, where in by_when.items()]

    def to_json(self) -> dict[str, object]:
        return {
            **self.event.to_json(),
            "history": [h.to_json() for h in self.history],
            "dispute": self.dispute,
        }


def show_event(db_url: str, uid: str) -> EventDetail:
    with open_store(db_url) as store:
        full = store.resolve(uid)
        return EventDetail(store.get(full), store.claims(full), store.history(full))


def add_event(
    db_url: str,
    title: str,
    *,
    on: dt.date,
    at: dt.time | None,
    tz: str | None,
    default_tz: str,
    cat: str = "other",
    org: str | None = None,
    deadline: bool = False,
    action: str | None = None,
    remind: str | None = None,
    now: dt.datetime,
) -> Event:
    from tracker.identity import Change, derive_uid, org_key, subject_key, unique_uid

    if not title.strip():
        raise InputError("the title is empty: give the event a name, e.g. tracker add 'Vote' --on 2026-05-14")
    kind = category(cat)
    ladder = remind_ladder(remind) if remind is not None else None
    starts_at = to_utc(on, at, tz or default_tz) if at else None
    with open_store(db_url) as store, store.writing() as w:
        base = derive_uid(title, org, kind, on)
        event = Event(
            uid=unique_uid(base, w.taken(base)), title=title.strip(), category=kind, start_date=on,
            start_time=at, tz=tz, starts_at=starts_at,
            precision=Precision.TIME if at else Precision.DAY, org=org,
            action_deadline=deadline or bool(action), action=action, manual=True,
            created=now, updated=now, remind=ladder,
        )  # fmt: skip
        w.insert(event, org_key(org), subject_key(title, org), None)
        w.record(Change(event.uid, event.title, "added", now, new_date=on, new_time=at,
                        new_status=Status.CONFIRMED, note="added by hand"))  # fmt: skip
    return event


def cancel_event(db_url: str, uid: str, *, now: dt.datetime) -> Event:
    from tracker.identity import Change

    with open_store(db_url) as store, store.writing() as w:
        stored = w.stored(store.resolve(uid))
        assert stored is not None
        old = stored.event
        if old.status == Status.CANCELLED and old.manual:
            return old
        new = replace(old, status=Status.CANCELLED, manual=True, sequence=old.sequence + 1, updated=now)
        w.update(new)
        w.record(
            Change(
                old.uid, old.title, "cancelled", now,
                old_date=old.start_date, old_time=old.start_time, old_status=old.status,
                new_date=old.start_date, new_time=old.start_time, new_status=Status.CANCELLED,
                note="cancelled by hand",
            )
        )  # fmt: skip
    return new


@dataclass(frozen=True)
class Edit:
    on: dt.date | None = None
    at: dt.time | None = None
    tz: str | None = None
    title: str | None = None
    category: str | None = None
    remind: str | None = None
    auto: bool = False

    @property
    def empty(self) -> bool:
        return self == Edit()


def edit_event(db_url: str, uid: str, edit: Edit, *, default_tz: str, now: dt.datetime) -> Event:
    from tracker.identity import org_key, subject_key

    if edit.empty:
        raise InputError("nothing to change: give --on, --at, --tz, --title, --category, --remind or --auto")
    if edit.tz:
        zone(edit.tz)
    with open_store(db_url) as store, store.writing() as w:
        stored = w.stored(store.resolve(uid))
        assert stored is not None
        old = stored.event
        new = _edited(old, edit, default_tz)
        if new == old and not (edit.auto and old.manual):
            return old
        new = replace(new, manual=not edit.auto, sequence=old.sequence + 1, updated=now)
        keys = (org_key(new.org), subject_key(new.title, new.org))
        w.update(new, keys=keys)
        w.record(_edit_change(old, new, edit, now))
    return new


def _edited(old: Event, edit: Edit, default_tz: str) -> Event:
    new = old
    if edit.title is not None:
        if not edit.title.strip():
            raise InputError("--title is empty: give the new title")
        new = replace(new, title=edit.title.strip())
    if edit.category is not None:
        new = replace(new, category=category(edit.category))
    if edit.remind is not None:
        new = replace(new, remind=remind_ladder(edit.remind))
    if edit.on or edit.at or edit.tz:
        day = edit.on or old.start_date
        at = edit.at or old.start_time
        tz = edit.tz or old.tz
        starts_at = to_utc(day, at, tz or default_tz) if at else None
        precision = Precision.TIME if at else (Precision.DAY if edit.on else old.precision)
        new = replace(new, start_date=day, start_time=at, tz=tz, starts_at=starts_at, precision=precision)
        if edit.on and old.end_date:
            new = replace(new, end_date=old.end_date + (day - old.start_date))
    return new


def _edit_change(old: Event, new: Event, edit: Edit, now: dt.datetime) -> Change:
    from tracker.identity import Change

    moved = (old.start_date, old.start_time, old.starts_at) != (new.start_date, new.start_time, new.starts_at)
    kind = "moved" if moved else ("auto" if edit.auto and old.manual else "edited")
    note = "changed by hand" + ("; handed back to extraction" if edit.auto else "")
    return Change(
        old.uid, new.title, kind, now,
        old_date=old.start_date, old_time=old.start_time, old_status=old.status,
        new_date=new.start_date, new_time=new.start_time, new_status=new.status, note=note,
    )  # fmt: skip


def changes(db_url: str, *, since: dt.datetime) -> list[Change]:
    """What changed since ``since``: added, moved, cancelled, disputed, ... oldest first."""
    with open_store(db_url) as store:
        return store.changes(since)
