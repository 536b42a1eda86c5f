"""What the feed server serves: feed bytes, the agenda's JSON and the feed list, cached.

The server (``tracker/server.py``) turns HTTP into the plain values read here and the answers
back into responses; everything about *what* is served lives in this module:

- ``feed_query`` / ``events_query`` check request parameters and normalise them into hashable
  keys (bad values are ``InputError``, unknown feeds ``NotFoundError``);
- ``ServeCache`` answers a key with a ``Rendered`` (bytes, strong ETag, Last-Modified). It renders
  each key once per state of the store and re-reads the store's change marker
  (``last_change()`` plus the number of events) at most once per ``check_interval`` seconds, so a
  calendar client polling every minute, or a thousand of them, costs a dictionary lookup.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, cast

from tracker.errors import InputError, NotFoundError
from tracker.models import Category, Event
from tracker.timeutil import parse_user_date, start_of_day_utc

if TYPE_CHECKING:
    from tracker.feeds import FeedQuery
    from tracker.store import Store

CALENDAR_TYPE = "text/calendar; charset=utf-8"
JSON_TYPE = "application/json"
FEED_LIST = "feeds"  # the cache key of /api/feeds
MAX_ALARMS = 8
MAX_CATEGORIES = 64  # names in one request, repeats included
MAX_ORG = 200
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}

Params = Mapping[str, Sequence[str]]
Marker = tuple[dt.datetime | None, int]


@dataclass(frozen=True)
class Rendered:
    """One answer, ready to send: the bytes and the validators HTTP caches need."""

    body: bytes
    media_type: str
    etag: str  # strong: a hash of the bytes, quoted
    last_modified: dt.datetime | None  # the store's last change (UTC), None for an empty store


@dataclass(frozen=True)
class EventsQuery:
    """The agenda's filters, normalised (hashable: it is a cache key)."""

    start: dt.date
    end: dt.date | None = None
    categories: tuple[Category, ...] = ()
    org: str | None = None
    deadlines: bool = False


def rendered(body: bytes, media_type: str, last_modified: dt.datetime | None) -> Rendered:
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    return Rendered(body, media_type, etag, last_modified)


# -- request parameters -------------------------------------------------------------------------


def _last(params: Params, name: str) -> str | None:
    values = params.get(name) or ()
    return values[-1] if values else None


def _categories(params: Params) -> tuple[Category, ...]:
    names = [part.strip() for value in params.get("category", ()) for part in value.split(",")]
    names = [n for n in names if n]
    if len(names) > MAX_CATEGORIES:
        raise InputError(f"too many categories: give at most {MAX_CATEGORIES}")
    found: list[Category] = []
    for name in names:
        try:
            category = Category(name.lower())
        except ValueError:
            known = ", ".join(c.value for c in Category)
            raise InputError(f"unknown category {name[:40]!r}: use one of {known}") from None
        if category not in found:
            found.append(category)
    return tuple(sorted(found))


def _flag(params: Params, name: str) -> bool:
    value = (_last(params, name) or "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise InputError(f"{name}={value[:20]!r}: write {name}=1 or {name}=0")


def _org(params: Params) -> str | None:
    value = (_last(params, "org") or "").strip()
    if len(value) > MAX_ORG:
        raise InputError(f"org is too long: give at most {MAX_ORG} characters")
    return value or None


def feed_query(name: str, params: Params) -> FeedQuery:
    """The feed asked for by ``/calendars/{name}.ics?...``: the named feed, narrowed by the filters."""
    from tracker.feeds import parse_alarms, query_for_name

    alarms = _last(params, "alarms") or ""
    if alarms.count(",") >= MAX_ALARMS:
        raise InputError(f"too many alarms: give at most {MAX_ALARMS}")
    base = query_for_name(name, alarms=parse_alarms(alarms)) if name == name.lower() else None
    if base is None:
        raise NotFoundError("no such feed: the feeds are listed at /api/feeds")
    categories = _categories(params)
    if categories and base.categories:
        raise InputError("a category feed takes no category filter: use /calendars/all.ics?category=...")
    return replace(
        base,
        categories=base.categories or tuple(str(c) for c in categories),
        org=_org(params),
        deadlines=base.deadlines or _flag(params, "deadlines"),
    )


def events_query(params: Params, today: dt.date) -> EventsQuery:
    """The agenda filters of ``/api/events?...``; ``from`` defaults to ``today``."""
    start_text, end_text = _last(params, "from"), _last(params, "to")
    start = parse_user_date(start_text) if start_text else today
    end = parse_user_date(end_text) if end_text else None
    if end is not None and end < start:
        raise InputError("to is before from: give to on or after from")
    return EventsQuery(start, end, _categories(params), _org(params), _flag(params, "deadlines"))


# -- answers ------------------------------------------------------------------------------------


def due_at(event: Event, default_tz: str) -> dt.datetime | None:
    """When a deadline falls due: its instant, or the start of its day in its zone (the cautious reading)."""
    if event.starts_at is not None:
        return event.starts_at
    try:
        return start_of_day_utc(event.start_date, event.tz or default_tz)
    except InputError:
        return start_of_day_utc(event.start_date, "UTC")


def event_json(event: Event, default_tz: str) -> dict[str, Any]:
    """``Event.to_json()`` plus ``due_at`` (UTC, ISO 8601) for action deadlines, null otherwise."""
    from tracker.feeds import is_deadline

    due = due_at(event, default_tz) if is_deadline(event) else None
    return event.to_json() | {"due_at": due.isoformat() if due else None}


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def _ends(event: Event) -> dt.date:
    return event.end_date or event.start_date


def _agenda_order(event: Event) -> tuple[dt.date, str, str]:
    return (event.start_date, event.starts_at.isoformat() if event.starts_at else "", event.uid)


def pick_events(events: Sequence[Event], query: EventsQuery) -> list[Event]:
    """The events of the agenda query, in order of their day (and time)."""
    from tracker.feeds import is_deadline

    chosen = [
        e
        for e in events
        if _ends(e) >= query.start
        and (query.end is None or e.start_date <= query.end)
        and (not query.categories or e.category in query.categories)
        and (query.org is None or query.org.casefold() in (e.org or "").casefold())
        and (not query.deadlines or is_deadline(e))
    ]
    return sorted(chosen, key=_agenda_order)


class ServeCache:
    """Rendered answers per request key, valid while the store's change marker stays the same.

    Thread-safe. ``fresh(key)`` never touches the store (the server calls it on the event loop);
    ``get(key)`` may read the store and render (the server calls it in a worker thread).
    """

    def __init__(
        self,
        store: Store,
        *,
        display_tz: str = "UTC",
        check_interval: float = 1.0,
        max_entries: int = 256,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._store = store
        self._tz = display_tz
        self._interval = check_interval
        self._max = max_entries
        self._clock = clock
        self._lock = threading.Lock()  # guards the fields below
        self._build = threading.Lock()  # one rebuild at a time: no stampede on a change
        self._marker: Marker | None = None
        self._checked = float("-inf")
        self._events: list[Event] | None = None
        self._entries: OrderedDict[Hashable, Rendered] = OrderedDict()

    def fresh(self, key: Hashable) -> Rendered | None:
        """The cached answer if the marker was checked recently; no I/O."""
        with self._lock:
            if self._clock() - self._checked >= self._interval:
                return None
            answer = self._entries.get(key)
            if answer is not None:
                self._entries.move_to_end(key)
            return answer

    def get(self, key: Hashable) -> Rendered:
        """The answer for a feed (``FeedQuery``), agenda (``EventsQuery``) or ``"feeds"`` key."""
        with self._build:
            self._check()
            with self._lock:
                answer = self._entries.get(key)
                if answer is not None:
                    self._entries.move_to_end(key)
            if answer is None:
                answer = self._render(key)
                with self._lock:
                    self._entries[key] = answer
                    while len(self._entries) > self._max:
                        self._entries.popitem(last=False)
            return answer

    def _check(self) -> None:
        """Re-read the change marker when due; drop everything if the store changed."""
        if self._clock() - self._checked < self._interval:
            return
        marker = (self._store.last_change(), self._store.count())
        with self._lock:
            if marker != self._marker:
                self._marker, self._events = marker, None
                self._entries.clear()
            self._checked = self._clock()

    def _all_events(self) -> list[Event]:
        if self._events is None:
            self._events = self._store.events(include_cancelled=True)
        return self._events

    def _render(self, key: Hashable) -> Rendered:
        changed = self._marker[0] if self._marker else None
        if isinstance(key, EventsQuery):
            events = pick_events(self._all_events(), key)
            return rendered(_json([event_json(e, self._tz) for e in events]), JSON_TYPE, changed)
        if key == FEED_LIST:
            return rendered(_json(self._feed_list()), JSON_TYPE, changed)
        return rendered(self._feed_bytes(cast("FeedQuery", key)), CALENDAR_TYPE, changed)

    def _feed_bytes(self, query: FeedQuery) -> bytes:
        from tracker.feeds import render_feed

        return render_feed(self._all_events(), query)

    def _feed_list(self) -> list[dict[str, Any]]:
        """The feeds worth offering: all, deadlines and each category that has events."""
        from tracker import feeds

        events = self._all_events()
        counts = {n: len(feeds.select(events, feed_query(n, {}))) for n in feeds.feed_names(events)}
        return [{"name": n, "path": f"/calendars/{n}.ics", "events": c} for n, c in counts.items()]
