"""Which events go into which feed, and the names feeds are published under."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tracker.errors import InputError
from tracker.models import Category, Event

ALL = "all"
DEADLINES = "deadlines"
_EPOCH = dt.datetime.min.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class FeedQuery:
    """A feed: its name (file stem / URL name) and the filters that pick its events.

    ``alarms`` are offsets from each event's start (negative = before), e.g. -1 day, -2 hours.
    """

    name: str = ALL
    categories: tuple[str, ...] = ()
    org: str | None = None
    deadlines: bool = False
    alarms: tuple[dt.timedelta, ...] = ()


def is_deadline(event: Event) -> bool:
    """An action deadline: something the reader must do by a date (withdraw, export, claim...)."""
    return event.action_deadline or event.category == Category.DEADLINE


Facets = tuple[str, str, bool]  # category, organisation (lower case), action deadline


def facets(ev: Event) -> Facets:
    """What feed filters look at, computed once per event."""
    return ev.category.value, (ev.org or "").lower(), is_deadline(ev)


def criteria(query: FeedQuery) -> tuple[frozenset[str], str | None, bool]:
    """The filter of ``query`` normalised: categories and organisation in lower case."""
    cats = frozenset(c.strip().lower() for c in query.categories if c.strip())
    org = query.org.strip().lower() if query.org and query.org.strip() else None
    return cats, org, query.deadlines


def matches(f: Facets, cats: frozenset[str], org: str | None, deadlines: bool) -> bool:
    """Whether an event's facets pass the criteria (organisation matches as a substring)."""
    return (not cats or f[0] in cats) and (org is None or org in f[1]) and (not deadlines or f[2])


def select(events: Iterable[Event], query: FeedQuery) -> list[Event]:
    """The events of ``query``, cancelled ones included (they stay as STATUS:CANCELLED).

    When two events share a UID the one with the higher (sequence, updated) wins, so a feed never
    repeats a UID. Order is the feed order: start day (as written), all-day before timed, start
    instant, then UID.
    """
    cats, org, deadlines = criteria(query)
    chosen: dict[str, Event] = {}
    for ev in events:
        if not matches(facets(ev), cats, org, deadlines):
            continue
        seen = chosen.get(ev.uid)
        if seen is None or _newer(ev, seen):
            chosen[ev.uid] = ev
    return sorted(chosen.values(), key=_feed_order)


def _feed_order(ev: Event) -> tuple[dt.date, bool, dt.datetime, str]:
    instant = ev.starts_at.astimezone(dt.UTC) if ev.starts_at is not None else _EPOCH
    return (ev.start_date, ev.starts_at is not None, instant, ev.uid)


def _newer(a: Event, b: Event) -> bool:
    return (a.sequence, a.updated or _EPOCH) > (b.sequence, b.updated or _EPOCH)


def feed_names(events: Iterable[Event]) -> list[str]:
    """``all``, ``deadlines``, then one name per category that has events, in Category order.

    Only present categories: an empty feed per unused category would be noise in calendars/
    (``query_for_name`` still answers for every category, so a server can serve them empty).
    """
    present = {ev.category for ev in events}
    return [ALL, DEADLINES, *(str(c) for c in Category if c in present)]


def query_for_name(name: str, *, alarms: Sequence[dt.timedelta] = ()) -> FeedQuery | None:
    """The query of a published feed name (``all``, ``deadlines``, a category), or None."""
    key = name.strip().lower()
    if key == ALL:
        return FeedQuery(ALL, alarms=tuple(alarms))
    if key == DEADLINES:
        return FeedQuery(DEADLINES, deadlines=True, alarms=tuple(alarms))
    if key in {str(c) for c in Category}:
        return FeedQuery(key, categories=(key,), alarms=tuple(alarms))
    return None


def parse_alarms(text: str | Sequence[str]) -> tuple[dt.timedelta, ...]:
    """``"-P1D,-PT2H"`` (RFC 5545 durations, or ``1d``/``2h`` meaning before) -> offsets.

    Every alarm must fire before the event starts: clients such as Outlook ignore later ones.
    Duplicates are removed; the result is sorted earliest first.
    """
    items = text.split(",") if isinstance(text, str) else [p for t in text for p in t.split(",")]
    return tuple(sorted({_alarm(raw) for raw in (i.strip() for i in items) if raw}))


def _alarm(raw: str) -> dt.timedelta:
    from icalendar.prop import vDuration

    from tracker.timeutil import parse_duration

    try:
        if raw.lstrip("+-").upper().startswith("P"):
            delta = vDuration.from_ical(raw.upper())  # type: ignore[no-untyped-call]
        else:
            delta = -parse_duration(raw)
    except Exception as exc:  # icalendar raises InvalidCalendar / ValueError, timeutil InputError
        raise InputError(f"bad alarm {raw!r}: write durations like -P1D or -PT2H (or 1d, 2h)") from exc
    if not isinstance(delta, dt.timedelta) or delta >= dt.timedelta(0):
        raise InputError(f"alarm {raw!r} is not before the event: write it negative, e.g. -PT2H")
    if delta.microseconds:
        raise InputError(f"alarm {raw!r}: whole seconds only")
    return delta
