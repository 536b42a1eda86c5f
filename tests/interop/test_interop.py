"""Every kind of feed we emit, read by ical.js, node-ical, vobject, libical and icalendar.

Each parser must see exactly the events that were rendered: same UIDs, all-day-ness, start
(date or UTC instant) and end, status, sequence, text, categories, URL and alarms. The feed
kinds: all, deadlines, every category, and all/deadlines with alarms; the events cover timed
and all-day, ranges, coarse/tentative/cancelled, Chinese and hostile text (tests/feeds/samples).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from feeds.samples import events
from feeds.test_feeds_properties import hostile_events
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interop import parsers
from tracker.feeds import (
    FeedQuery,
    VeventCache,
    feed_names,
    ical,
    parse_alarms,
    query_for_name,
    render_feed,
    select,
    wording,
)
from tracker.models import COARSE_PRECISIONS, Category, Event, Status

ALARMS = parse_alarms("-P1D,-PT2H")
CALNAME_FIELDS = ("version", "prodid", "method", "name", "x-wr-calname")


def feed_kinds() -> dict[str, FeedQuery]:
    kinds: dict[str, FeedQuery] = {}
    for name in feed_names(events()):
        query = query_for_name(name)
        assert query is not None
        kinds[name] = query
    kinds["all-alarms"] = FeedQuery("all", alarms=ALARMS)
    kinds["deadlines-alarms"] = FeedQuery("deadlines", deadlines=True, alarms=ALARMS)
    return kinds


def expected_event(ev: Event, query: FeedQuery) -> dict[str, Any]:
    """What any correct parser must read for ``ev``, derived from the event, not from the feed."""
    if ev.starts_at is None:
        last = ev.end_date if ev.end_date and ev.end_date > ev.start_date else ev.start_date
        start, end = ev.start_date.isoformat(), (last + dt.timedelta(days=1)).isoformat()
    else:
        start, end = ev.starts_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), None
        if ev.end_date and ev.end_date > ev.start_date:
            midnight = dt.datetime.combine(
                ev.end_date + dt.timedelta(days=1), dt.time(), ZoneInfo(ev.tz or "UTC")
            )
            end = midnight.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if ev.status == Status.CANCELLED:
        status = "CANCELLED"
    elif ev.status == Status.TENTATIVE or ev.precision in COARSE_PRECISIONS or ev.disputed:
        status = "TENTATIVE"
    else:
        status = "CONFIRMED"
    summary = ical.clean(wording.summary(ev), one_line=True)
    deadline = ev.action_deadline or ev.category == Category.DEADLINE
    url = ev.url if ev.url and ev.url.startswith("https://") and "\n" not in ev.url else None
    url = url or next((s.location for s in ev.sources if s.location.startswith("https://")), None)
    return {
        "uid": ical.clean(f"{ev.uid}@tracker", one_line=True),
        "summary": summary,
        "description": ical.clean(wording.description(ev)),
        "status": status,
        "sequence": ev.sequence,
        "allday": ev.starts_at is None,
        "start": start,
        "end": end,
        "categories": [ev.category.value]
        + (["deadline"] if deadline and ev.category != Category.DEADLINE else []),
        "url": url,
        "alarms": []
        if ev.status == Status.CANCELLED
        else [
            {"action": "DISPLAY", "trigger": int(a.total_seconds()), "description": summary}
            for a in query.alarms
        ],
    }


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[FeedQuery, Path]]:
    folder = tmp_path_factory.mktemp("feeds")
    out = {}
    for kind, query in feed_kinds().items():
        path = folder / f"{kind}.ics"
        path.write_bytes(render_feed(events(), query, cache=VeventCache()))
        out[kind] = (query, path)
    return out


@pytest.fixture(scope="module")
def js_readings(rendered: dict[str, tuple[FeedQuery, Path]]) -> dict[str, dict[str, Any]]:
    raw = parsers.read_js([p for _, p in rendered.values()])
    return {kind: raw[str(path)] for kind, (_, path) in rendered.items()}


def test_feed_kinds_cover_every_shape(rendered: dict[str, tuple[FeedQuery, Path]]) -> None:
    kinds = set(rendered)
    assert {"all", "deadlines", "all-alarms", "deadlines-alarms", "unlock", "listing"} <= kinds
    evs = events()
    assert any(e.starts_at is None for e in evs) and any(e.starts_at is not None for e in evs)
    assert {e.status for e in evs} == set(Status)
    assert {e.precision for e in evs} >= COARSE_PRECISIONS


def compare(
    kind: str, parser: str, reading: dict[str, Any], query: FeedQuery, source: list[Event] | None = None
) -> None:
    chosen = select(events() if source is None else source, query)
    expected_events = [expected_event(ev, query) for ev in chosen]
    if parser == "node-ical":  # reads literal backslashes wrongly: see parsers.node_ical_text
        expected_events = [node_ical_view(e) for e in expected_events]
    want = {e["uid"]: e for e in expected_events}
    got = {e["uid"]: e for e in reading["events"]}
    assert len(reading["events"]) == len(got), f"{parser} read duplicate UIDs in {kind}"
    assert set(got) == set(want), f"{parser} read other events in {kind}"
    for uid, expected in want.items():
        seen = got[uid]
        for field, value in expected.items():
            assert seen[field] == value, f"{parser}, feed {kind}, {uid}: {field} {seen[field]!r} != {value!r}"


def node_ical_view(expected: dict[str, Any]) -> dict[str, Any]:
    text = parsers.node_ical_text
    return {
        **expected,
        "uid": text(expected["uid"]),
        "summary": text(expected["summary"]),
        "description": text(expected["description"]),
        "alarms": [{**a, "description": text(a["description"])} for a in expected["alarms"]],
    }


@pytest.mark.parametrize("kind", sorted(feed_kinds()))
@pytest.mark.parametrize("parser", ["ical.js", "node-ical"])
def test_javascript_parsers(
    kind: str,
    parser: str,
    rendered: dict[str, tuple[FeedQuery, Path]],
    js_readings: dict[str, dict[str, Any]],
) -> None:
    query, _ = rendered[kind]
    reading = js_readings[kind][parser]
    compare(kind, parser, reading, query)
    calendar = reading["calendar"]
    name = wording.feed_title(query)
    assert {k: calendar[k] for k in CALNAME_FIELDS} == {
        "version": "2.0",
        "prodid": "-//tracker//Key events feeds//EN",
        "method": "PUBLISH",
        "name": name,
        "x-wr-calname": name,
    }
    assert calendar["refresh-interval"] == calendar["x-published-ttl"] == "PT6H"
    assert calendar["x-wr-caldesc"] == wording.feed_description(query)


@pytest.mark.parametrize("kind", sorted(feed_kinds()))
@pytest.mark.parametrize(
    ("parser", "read"),
    [
        ("vobject", parsers.read_vobject),
        ("libical", parsers.read_libical),
        ("icalendar", parsers.read_icalendar),
    ],
)
def test_python_and_c_parsers(
    kind: str, parser: str, read: Any, rendered: dict[str, tuple[FeedQuery, Path]]
) -> None:
    query, path = rendered[kind]
    compare(kind, parser, read(path.read_bytes()), query)


SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]


@settings(max_examples=6, deadline=None, suppress_health_check=SLOW)
@given(st.lists(hostile_events(), min_size=20, max_size=20, unique_by=lambda e: e.uid))
def test_hostile_text_reads_the_same_in_every_parser(batch: list[Event]) -> None:
    """Twenty events of arbitrary text in one feed: every parser reads twenty events, the same
    UIDs and all-day flags, and exactly the text we meant (node-ical with its backslash quirk)."""
    batch = [dataclasses.replace(e, uid=f"h{i}-{e.uid}") for i, e in enumerate(batch)]
    query = FeedQuery(alarms=ALARMS)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hostile.ics"
        path.write_bytes(render_feed(batch, query, cache=VeventCache()))
        readings = parsers.read_js([path])[str(path)]
    data = render_feed(batch, query, cache=VeventCache())
    readings |= {"vobject": parsers.read_vobject(data), "libical": parsers.read_libical(data)}
    for parser, reading in readings.items():
        compare("hostile", parser, reading, query, batch)
