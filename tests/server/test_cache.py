"""ServeCache: one rendering per state of the store, and the store is asked at most once a second."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tracker.service.serve import ServeCache, events_query, feed_query
from tracker.store import open_store

from .helpers import REFERENCE_WEEK, add_events


class Clock:
    """A monotonic clock the test moves by hand (the cache takes it as a parameter)."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_renders_once_per_store_state(sqlite_url: str, tmp_path: Path) -> None:
    add_events(sqlite_url, tmp_path, REFERENCE_WEEK)
    clock = Clock()
    with open_store(sqlite_url) as store:
        cache = ServeCache(store, check_interval=1.0, clock=clock)
        key = feed_query("all", {})
        assert cache.fresh(key) is None  # nothing known yet
        first = cache.get(key)
        assert cache.get(key) is first  # the same bytes object: not rendered again
        assert cache.fresh(key) is first
        assert first.body.count(b"BEGIN:VEVENT") == len(REFERENCE_WEEK)
        assert first.last_modified == store.last_change()

        add_events(sqlite_url, tmp_path, [("Example listing", "2026-05-13", ["--category", "listing"])])
        clock.now += 0.5  # within the interval the store is not asked again
        assert cache.fresh(key) is first and cache.get(key) is first

        clock.now += 0.6
        assert cache.fresh(key) is None  # time to look at the store again
        second = cache.get(key)
        assert second is not first and second.etag != first.etag
        assert second.body.count(b"BEGIN:VEVENT") == len(REFERENCE_WEEK) + 1
        clock.now += 5  # looked again, nothing changed: the same answer
        assert cache.get(key) is second


def test_agenda_and_feed_list_are_cached_too(sqlite_url: str, tmp_path: Path) -> None:
    add_events(sqlite_url, tmp_path, REFERENCE_WEEK)
    with open_store(sqlite_url) as store:
        cache = ServeCache(store, clock=Clock(), max_entries=2)
        week = events_query({}, dt.date(2026, 5, 11))
        agenda = cache.get(week)
        assert agenda.media_type == "application/json" and agenda.body.count(b'"uid"') == len(REFERENCE_WEEK)
        feeds = cache.get("feeds")
        assert b'"/calendars/shutdown.ics"' in feeds.body
        assert cache.get(week) is agenda
        cache.get(feed_query("deadlines", {}))  # a third key pushes out the least recently used
        assert cache.fresh("feeds") is None and cache.fresh(week) is agenda
