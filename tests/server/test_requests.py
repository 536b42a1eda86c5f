"""Request parameters and HTTP validators of the feed server, without a network."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.errors import InputError, NotFoundError
from tracker.server import http_date, not_modified
from tracker.service.serve import EventsQuery, events_query, feed_query, rendered

TODAY = dt.date(2026, 5, 11)


def test_named_feeds_and_filters() -> None:
    assert feed_query("all", {}).categories == ()
    assert feed_query("deadlines", {}).deadlines is True
    assert feed_query("macro", {}).categories == ("macro",)
    params = {"category": ["upgrade", "macro,upgrade"], "org": [" Base "], "deadlines": ["1"]}
    query = feed_query("all", params)
    assert query.categories == ("macro", "upgrade")
    assert query.org == "Base"
    assert query.deadlines is True
    alarms = feed_query("all", {"alarms": ["-P1D,-PT2H"]}).alarms
    assert alarms == (-dt.timedelta(days=1), -dt.timedelta(hours=2))


def test_same_filters_are_the_same_cache_key() -> None:
    a = feed_query("all", {"category": ["upgrade", "macro"], "token": ["x"]})
    b = feed_query("all", {"category": ["MACRO,upgrade"]})
    assert a == b and hash(a) == hash(b)


@pytest.mark.parametrize("name", ["nope", "ALL", "../all", "all.ics", ""])
def test_unknown_feed_is_not_found(name: str) -> None:
    with pytest.raises(NotFoundError) as info:
        feed_query(name, {})
    assert "/api/feeds" in str(info.value)


@pytest.mark.parametrize(
    "params",
    [
        {"category": ["nonsense"]},
        {"deadlines": ["maybe"]},
        {"alarms": ["P1D"]},  # after the start: refused
        {"alarms": ["soon"]},
        {"alarms": [",".join(["-PT1H"] * 20)]},
        {"org": ["x" * 500]},
    ],
)
def test_bad_feed_parameters_are_input_errors(params: dict[str, list[str]]) -> None:
    with pytest.raises(InputError):
        feed_query("all", params)


def test_category_feed_takes_no_category_filter() -> None:
    with pytest.raises(InputError, match="all.ics"):
        feed_query("macro", {"category": ["upgrade"]})


def test_events_query_defaults_to_today_and_checks_dates() -> None:
    assert events_query({}, TODAY) == EventsQuery(TODAY)
    query = events_query({"from": ["2026-05-12"], "to": ["2026-05-16"], "category": ["shutdown"]}, TODAY)
    assert (query.start, query.end) == (dt.date(2026, 5, 12), dt.date(2026, 5, 16))
    assert query.categories == ("shutdown",)
    backwards = {"from": ["2026-05-16"], "to": ["2026-05-12"]}
    for bad in ({"from": ["2026-13-01"]}, {"to": ["tomorrow"]}, backwards):
        with pytest.raises(InputError):
            events_query(bad, TODAY)


def test_conditional_requests() -> None:
    changed = dt.datetime(2026, 5, 10, 12, 0, 30, 500_000, tzinfo=dt.UTC)
    answer = rendered(b"BEGIN:VCALENDAR\r\n", "text/calendar; charset=utf-8", changed)
    assert answer.etag.startswith('"') and not answer.etag.startswith("W/")
    assert rendered(b"BEGIN:VCALENDAR\r\n", "x", None).etag == answer.etag  # a hash of the bytes
    assert not_modified({"if-none-match": answer.etag}, answer)
    assert not_modified({"if-none-match": f'"other", W/{answer.etag}'}, answer)
    assert not_modified({"if-none-match": "*"}, answer)
    assert not not_modified({"if-none-match": '"other"'}, answer)
    stamp = http_date(changed)
    assert stamp == "Sun, 10 May 2026 12:00:30 GMT"
    assert not_modified({"if-modified-since": stamp}, answer)
    assert not not_modified({"if-modified-since": "Sun, 10 May 2026 12:00:29 GMT"}, answer)
    assert not not_modified({"if-modified-since": "not a date"}, answer)
    # If-None-Match decides when both are sent (RFC 9110 13.2.2)
    assert not not_modified({"if-none-match": '"other"', "if-modified-since": stamp}, answer)
    assert not not_modified({"if-modified-since": stamp}, rendered(b"", "x", None))
