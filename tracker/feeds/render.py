"""Events -> VEVENT bytes (cached) -> a whole VCALENDAR, deterministic to the byte.

Choices (see README "Feeds"):
- Timed events are written in UTC (``DTSTART:20260516T060000Z``). Zones in digests are often
  offsets such as ``UTC+8`` that are not TZIDs at all, and a VTIMEZONE is the part of a feed that
  clients most often misread; a UTC instant means the same to every parser, and every client
  shows it in the viewer's own zone. The zone as announced is kept in DESCRIPTION.
- Date-only events are all-day: ``DTSTART;VALUE=DATE`` and an exclusive ``DTEND`` (day after
  the last day). A timed event has no DTEND (a point in time, e.g. a deadline) unless it spans
  several days: then it ends at midnight after its last day, in its own zone.
- DTSTAMP is the event's last change (``updated``, else ``created``), never the clock.
- Every event is TRANSP:TRANSPARENT: these are reminders of outside events, not busy time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from tracker.errors import TrackerError
from tracker.feeds import ical, wording
from tracker.feeds.query import FeedQuery, criteria, facets, is_deadline, select
from tracker.models import Event, Status
from tracker.timeutil import to_utc

PRODID = "-//tracker//Key events feeds//EN"
UID_DOMAIN = "tracker"
REFRESH = dt.timedelta(hours=6)


Alarms = tuple[dt.timedelta, ...]
CacheKey = tuple[str, int, dt.datetime | None, int, Alarms]


class VeventCache:
    """Serialized VEVENT bytes by event and alarms, bounded by total size (oldest go first).

    The key is (uid, sequence, updated, hash of the whole event, alarms): any change to any
    field gives another key, so a stale entry is never served (short of a 64-bit hash collision
    between two versions of one event with the same sequence and timestamp), and the cache keeps
    no reference to the events themselves, only their bytes.
    """

    def __init__(self, max_bytes: int = 256 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.hits = 0
        self.misses = 0
        self._data: dict[CacheKey, bytes] = {}

    def get(self, ev: Event, alarms: Alarms) -> bytes:
        try:
            key = (ev.uid, ev.sequence, ev.updated, hash(ev), alarms)
        except TypeError:  # an unhashable field slipped in: render without caching
            return vevent(ev, alarms)
        found = self._data.get(key)
        if found is not None:
            self.hits += 1
            return found
        self.misses += 1
        data = vevent(ev, alarms)
        self._data[key] = data
        self.size += len(data)
        if self.size > self.max_bytes:
            self._evict()
        return data

    def _evict(self) -> None:
        for key in list(self._data):
            if self.size <= self.max_bytes // 2:
                break
            self.size -= len(self._data.pop(key))

    def clear(self) -> None:
        self._data.clear()
        self.size = 0

    def __len__(self) -> int:
        return len(self._data)


DEFAULT_CACHE = VeventCache()


def vevent(ev: Event, alarms: Sequence[dt.timedelta] = ()) -> bytes:
    """One VEVENT, CRLF-terminated and folded."""
    stamp = ev.updated or ev.created or dt.datetime.combine(ev.start_date, dt.time(), dt.UTC)
    lines = [
        b"BEGIN:VEVENT\r\n",
        ical.prop("UID", ical.text_value(f"{ev.uid}@{UID_DOMAIN}", one_line=True)),
        ical.prop("DTSTAMP", ical.utc_value(stamp)),
        *_when(ev),
        ical.prop("SUMMARY", ical.text_value(wording.summary(ev), one_line=True)),
        ical.prop("DESCRIPTION", ical.text_value(wording.description(ev))),
        ical.prop("CATEGORIES", ical.text_list(_categories(ev))),
        ical.prop("STATUS", _status(ev)),
        b"TRANSP:TRANSPARENT\r\n",
        ical.prop("SEQUENCE", str(max(0, int(ev.sequence)))),
    ]
    if ev.created is not None:
        lines.append(ical.prop("CREATED", ical.utc_value(ev.created)))
    if ev.updated is not None:
        lines.append(ical.prop("LAST-MODIFIED", ical.utc_value(ev.updated)))
    url = _url(ev)
    if url:
        lines.append(ical.prop("URL", url))
    if alarms and ev.status != Status.CANCELLED:
        lines.extend(_alarm(ev, a) for a in alarms)
    lines.append(b"END:VEVENT\r\n")
    return b"".join(lines)


def _when(ev: Event) -> list[bytes]:
    if ev.starts_at is None:
        last = ev.end_date if ev.end_date and ev.end_date > ev.start_date else ev.start_date
        return [
            ical.prop("DTSTART;VALUE=DATE", ical.date_value(ev.start_date)),
            ical.prop("DTEND;VALUE=DATE", ical.date_value(last + dt.timedelta(days=1))),
        ]
    lines = [ical.prop("DTSTART", ical.utc_value(ev.starts_at))]
    if ev.end_date and ev.end_date > ev.start_date:
        # A timed start with a multi-day span: it ends when its last day ends in its own zone.
        try:
            end = to_utc(ev.end_date + dt.timedelta(days=1), dt.time(), ev.tz or "UTC")
        except TrackerError:  # a zone label we cannot resolve: keep the start as a point in time
            return lines
        if end > ev.starts_at:
            lines.append(ical.prop("DTEND", ical.utc_value(end)))
    return lines


def _status(ev: Event) -> str:
    if ev.status == Status.CANCELLED:
        return "CANCELLED"
    return "TENTATIVE" if wording.is_tentative(ev) else "CONFIRMED"


def _categories(ev: Event) -> list[str]:
    cats = [ev.category.value]
    if is_deadline(ev) and "deadline" not in cats:
        cats.append("deadline")
    return cats


def _url(ev: Event) -> str | None:
    for candidate in (ev.url, *(s.location for s in ev.sources)):
        if ical.is_url(candidate):
            return candidate
    return None


def _alarm(ev: Event, offset: dt.timedelta) -> bytes:
    return b"".join(
        [
            b"BEGIN:VALARM\r\n",
            b"ACTION:DISPLAY\r\n",
            ical.prop("TRIGGER", ical.duration_value(offset)),
            ical.prop("DESCRIPTION", ical.text_value(wording.summary(ev), one_line=True)),
            b"END:VALARM\r\n",
        ]
    )


def calendar_head(query: FeedQuery, title: str | None = None) -> bytes:
    name = ical.text_value(title if title is not None else wording.feed_title(query), one_line=True)
    refresh = ical.duration_value(REFRESH)
    return b"".join(
        [
            b"BEGIN:VCALENDAR\r\n",
            b"VERSION:2.0\r\n",
            ical.prop("PRODID", PRODID),
            b"CALSCALE:GREGORIAN\r\n",
            b"METHOD:PUBLISH\r\n",
            ical.prop("NAME", name),
            ical.prop("X-WR-CALNAME", name),
            ical.prop("X-WR-CALDESC", ical.text_value(wording.feed_description(query))),
            ical.prop("REFRESH-INTERVAL;VALUE=DURATION", refresh),
            ical.prop("X-PUBLISHED-TTL", refresh),
        ]
    )


CALENDAR_TAIL = b"END:VCALENDAR\r\n"


def iter_feed(
    events: Iterable[Event],
    query: FeedQuery,
    *,
    title: str | None = None,
    cache: VeventCache | None = None,
) -> Iterator[bytes]:
    """The feed of ``query`` as byte chunks (events are selected here, from any superset)."""
    store = DEFAULT_CACHE if cache is None else cache
    yield calendar_head(query, title)
    for ev in select(events, query):
        yield store.get(ev, query.alarms)
    yield CALENDAR_TAIL


def render_feed(
    events: Iterable[Event],
    query: FeedQuery,
    *,
    title: str | None = None,
    cache: VeventCache | None = None,
) -> bytes:
    """The whole feed of ``query`` as bytes: CRLF lines, folded, sorted, the same for the same events.

    ``events`` may be any superset: ``select(events, query)`` runs here (selecting an already
    selected list again is cheap and changes nothing). VEVENT bytes come from ``cache``
    (default: one module-wide cache), so re-rendering after one change serializes one event.
    """
    return b"".join(iter_feed(events, query, title=title, cache=cache))


def feed_set(
    events: Iterable[Event],
    queries: Sequence[FeedQuery],
    *,
    cache: VeventCache | None = None,
) -> dict[str, list[bytes]]:
    """Several feeds of the same events at once, as byte chunks by query name.

    Byte-identical to ``iter_feed`` for each query (when UIDs are unique), but sorts once and
    looks each event up in the cache once per alarm set, however many feeds it appears in.
    """
    store = DEFAULT_CACHE if cache is None else cache
    ordered = select(events, FeedQuery())
    seen = [facets(ev) for ev in ordered]
    blobs: dict[Alarms, list[bytes]] = {}
    feeds = {}
    for query in queries:
        if query.alarms not in blobs:
            blobs[query.alarms] = [store.get(ev, query.alarms) for ev in ordered]
        serialized, (cats, org, deadlines) = blobs[query.alarms], criteria(query)
        body = [  # the test of query.matches, inlined: this loop runs once per event per feed
            blob
            for blob, f in zip(serialized, seen, strict=True)
            if (not cats or f[0] in cats) and (org is None or org in f[1]) and (not deadlines or f[2])
        ]
        feeds[query.name] = [calendar_head(query), *body, CALENDAR_TAIL]
    return feeds
