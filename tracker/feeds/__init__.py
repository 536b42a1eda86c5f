"""Subscribable iCalendar feeds, pure: events in, deterministic bytes out. No I/O, no clock.

    FeedQuery(name, categories, org, deadlines, alarms)   what a feed contains
    select(events, query) -> [Event]                      the events of a feed, in feed order
    render_feed(events, query, title=None) -> bytes       the whole .ics (selects inside)
    iter_feed(...)                                        the same as byte chunks (for streaming)
    feed_set(events, queries) -> {name: chunks}           many feeds at once (one cache pass)
    feed_names(events) -> ["all", "deadlines", <category>...]
    query_for_name(name, alarms=()) -> FeedQuery | None   a published name -> its query
    parse_alarms("-P1D,-PT2H") -> (timedelta, ...)        user alarm offsets
    VeventCache / DEFAULT_CACHE                           per-event serialization cache

Only this package talks to icalendar (to parse alarm durations); see ``render`` for the
choices (UTC instants, all-day dates, DTSTAMP from the last change) and ``ical`` for escaping.
"""

from __future__ import annotations

from tracker.feeds.query import (
    ALL,
    DEADLINES,
    FeedQuery,
    feed_names,
    is_deadline,
    parse_alarms,
    query_for_name,
    select,
)
from tracker.feeds.render import DEFAULT_CACHE, VeventCache, feed_set, iter_feed, render_feed, vevent

__all__ = [
    "ALL",
    "DEADLINES",
    "DEFAULT_CACHE",
    "FeedQuery",
    "VeventCache",
    "feed_names",
    "feed_set",
    "is_deadline",
    "iter_feed",
    "parse_alarms",
    "query_for_name",
    "render_feed",
    "select",
    "vevent",
]
