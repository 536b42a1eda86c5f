"""The feed server over real HTTP: feeds, validators, errors, read-only, tokens, the JSON API."""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path

import httpx
import icalendar
import pytest

from tracker.store import open_store

from .helpers import (
    ALL_EVENTS,
    DEADLINE_ORGS,
    HOSTILE_TITLE,
    REFERENCE_WEEK,
    Served,
    add_events,
    serve_store,
)

CALENDAR = "text/calendar; charset=utf-8"
UPGRADE = ["--category", "upgrade"]


def vevents(body: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(body).walk("VEVENT"))


def summaries(body: bytes) -> list[str]:
    return [str(e["SUMMARY"]) for e in vevents(body)]


def test_all_feed_is_a_calendar_with_every_event(served: Served) -> None:
    with served.client() as client:
        reply = client.get("/calendars/all.ics")
    assert reply.status_code == 200
    assert reply.headers["content-type"] == CALENDAR
    events = vevents(reply.content)
    assert len(events) == len(ALL_EVENTS)
    assert len({str(e["UID"]) for e in events}) == len(ALL_EVENTS)
    assert any(HOSTILE_TITLE in s for s in summaries(reply.content))  # escaped, still one event


def test_every_listed_feed_parses(served: Served) -> None:
    with served.client() as client:
        feeds = client.get("/api/feeds").json()
        names = [f["name"] for f in feeds]
        assert names[:2] == ["all", "deadlines"]
        assert {"macro", "shutdown", "upgrade", "conference", "other"} <= set(names)
        for feed in feeds:
            reply = client.get(feed["path"])
            assert reply.status_code == 200, feed
            assert reply.headers["content-type"] == CALENDAR
            assert len(vevents(reply.content)) == feed["events"], feed
        # a category without events is still a valid (empty) feed to subscribe to
        empty = client.get("/calendars/unlock.ics")
        assert empty.status_code == 200 and vevents(empty.content) == []


def test_deadlines_and_filters(served: Served) -> None:
    with served.client() as client:
        deadlines = vevents(client.get("/calendars/deadlines.ics").content)
        macro = vevents(client.get("/calendars/all.ics", params={"category": "macro"}).content)
        two = client.get("/calendars/all.ics", params=[("category", "macro"), ("category", "upgrade")])
        carrot = vevents(client.get("/calendars/all.ics", params={"org": "carrot"}).content)
        flagged = vevents(client.get("/calendars/shutdown.ics", params={"deadlines": "1"}).content)
    assert len(deadlines) == len(DEADLINE_ORGS)
    assert [str(e["CATEGORIES"].cats[0]) for e in macro] == ["macro"]
    assert sorted(str(e["CATEGORIES"].cats[0]) for e in vevents(two.content)) == ["macro", "upgrade"]
    assert len(carrot) == 1 and "Carrot" in str(carrot[0]["SUMMARY"])
    assert len(flagged) == len(DEADLINE_ORGS)


def test_alarms_are_opt_in(served: Served) -> None:
    with served.client() as client:
        plain = vevents(client.get("/calendars/deadlines.ics").content)
        alarmed = vevents(client.get("/calendars/deadlines.ics", params={"alarms": "-P1D,-PT2H"}).content)
    assert all(not e.walk("VALARM") for e in plain)
    for event in alarmed:
        triggers = sorted(a["TRIGGER"].dt for a in event.walk("VALARM"))
        assert triggers == [-dt.timedelta(days=1), -dt.timedelta(hours=2)]


def test_etag_and_not_modified(served: Served) -> None:
    with served.client() as client:
        first = client.get("/calendars/all.ics")
        etag, stamp = first.headers["etag"], first.headers["last-modified"]
        assert etag.startswith('"') and not etag.startswith("W/")  # strong
        again = client.get("/calendars/all.ics")
        assert again.headers["etag"] == etag and again.content == first.content
        cached = client.get("/calendars/all.ics", headers={"If-None-Match": etag})
        since = client.get("/calendars/all.ics", headers={"If-Modified-Since": stamp})
        long_ago = "Mon, 01 Jan 2024 00:00:00 GMT"
        older = client.get("/calendars/all.ics", headers={"If-Modified-Since": long_ago})
        other = client.get("/calendars/all.ics", headers={"If-None-Match": '"something-else"'})
        filtered = client.get("/calendars/all.ics", params={"category": "macro"})
    assert cached.status_code == 304 and cached.content == b"" and cached.headers["etag"] == etag
    assert since.status_code == 304
    assert older.status_code == 200 and other.status_code == 200
    assert filtered.headers["etag"] != etag  # a different body has a different tag
    # Last-Modified is the store's last change, which is when the last event was added
    assert dt.datetime.now(dt.UTC) - httpx_date(stamp) < dt.timedelta(hours=1)


def httpx_date(text: str) -> dt.datetime:
    import email.utils

    return email.utils.parsedate_to_datetime(text)


def test_head_has_the_headers_of_get_and_no_body(served: Served) -> None:
    with served.client() as client:
        get = client.get("/calendars/deadlines.ics")
        head = client.head("/calendars/deadlines.ics")
    assert head.status_code == 200
    assert head.content == b""
    for name in ("etag", "last-modified", "content-type", "content-length"):
        assert head.headers[name] == get.headers[name]
    assert int(head.headers["content-length"]) == len(get.content)


@pytest.mark.parametrize(
    "path", ["/calendars/nope.ics", "/calendars/../../etc/passwd", "/calendars/all.txt", "/api"]
)
def test_unknown_is_404_without_paths(served: Served, path: str) -> None:
    with served.client() as client:
        reply = client.get(path)
    assert reply.status_code == 404
    assert_no_leak(reply, served)


@pytest.mark.parametrize(
    "query",
    [
        "category=nonsense",
        "deadlines=perhaps",
        "alarms=PT2H",
        "alarms=-P1Q",
        "org=" + "x" * 1000,
    ],
)
def test_bad_parameters_are_400_without_tracebacks(served: Served, query: str) -> None:
    with served.client() as client:
        replies = [client.get(f"/calendars/all.ics?{query}")]
        if not query.startswith("alarms"):  # alarms are a feed parameter only
            replies.append(client.get(f"/api/events?{query}"))
    for reply in replies:
        assert reply.status_code == 400, reply.text
        assert reply.text.strip()  # says what is wrong
        assert_no_leak(reply, served)


def test_bad_dates_are_400(served: Served) -> None:
    with served.client() as client:
        assert client.get("/api/events?from=2026-02-30").status_code == 400
        assert client.get("/api/events?from=2026-05-16&to=2026-05-12").status_code == 400


def assert_no_leak(reply: httpx.Response, served: Served) -> None:
    text = reply.text
    assert "Traceback" not in text and 'File "' not in text
    assert str(served.home) not in text and "tracker.db" not in text and "/work" not in text
    assert len(text) < 300


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_read_only(served: Served, method: str) -> None:
    with served.client() as client:
        for path in ("/calendars/all.ics", "/api/events", "/", "/anything"):
            reply = client.request(method, path, content=b"BEGIN:VCALENDAR")
            assert reply.status_code == 405, (method, path)
            assert reply.headers["allow"] == "GET, HEAD"


def test_api_events_is_the_agenda_as_json(reference_db: tuple[str, Path]) -> None:
    url = reference_db[0]
    with serve_store(url, today=lambda: dt.date(2026, 5, 11)) as server:
        with httpx.Client(base_url=server.base) as client:
            week = client.get("/api/events")  # from "today", which this server says is May 11
            thursday = client.get("/api/events", params={"from": "2026-05-14", "to": "2026-05-14"})
            shutdowns = client.get("/api/events", params={"from": "2026-05-11", "category": "shutdown"})
            later = client.get("/api/events", params={"from": "2026-05-17"})
            cached = client.get("/api/events", headers={"If-None-Match": week.headers["etag"]})
    assert week.headers["content-type"] == "application/json"
    events = week.json()
    assert len(events) == len(ALL_EVENTS)
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    assert {e["title"] for e in events} >= {title for title, _, _ in REFERENCE_WEEK}
    cpi = next(e for e in events if e["category"] == "macro")
    assert cpi["starts_at"] == "2026-05-12T12:30:00+00:00" and cpi["tz"] == "America/New_York"
    carrot = next(e for e in events if e["org"] == "Carrot")
    assert carrot["action_deadline"] and carrot["action"] == "withdraw assets"
    assert carrot["due_at"] == "2026-05-14T00:00:00+00:00"  # start of its day, no zone given: UTC
    assert cpi["due_at"] is None
    assert {e["date"] for e in thursday.json()} == {"2026-05-14"}
    assert {e["org"] for e in thursday.json()} >= {"Carrot", "Moscow Exchange"}
    assert {e["org"] for e in shutdowns.json()} == DEADLINE_ORGS
    assert later.json() == []
    assert cached.status_code == 304
    with open_store(url) as store:  # each item is the stored event's to_json(), plus due_at
        for item in events:
            assert {k: v for k, v in item.items() if k != "due_at"} == store.get(item["uid"]).to_json()


def test_a_change_in_the_store_reaches_the_feed(db_url: str, tmp_path: Path) -> None:
    """On SQLite and PostgreSQL: the cached feed is re-rendered once the store's marker moves."""
    add_events(db_url, tmp_path, REFERENCE_WEEK[:3])
    with serve_store(db_url, check_interval=0.2) as server:
        with httpx.Client(base_url=server.base) as client:
            before = client.get("/calendars/all.ics")
            add_events(
                db_url, tmp_path, [("Example mainnet upgrade", "2026-05-20", ["--category", "upgrade"])]
            )
            time.sleep(0.3)
            after = client.get("/calendars/all.ics", headers={"If-None-Match": before.headers["etag"]})
            upgrades = client.get("/calendars/upgrade.ics")
    assert len(vevents(before.content)) == 3
    assert after.status_code == 200
    assert after.headers["etag"] != before.headers["etag"]
    assert len(vevents(after.content)) == 4
    assert "Example mainnet upgrade" in " ".join(summaries(after.content))
    assert len(vevents(upgrades.content)) == 2


def test_token_guards_every_endpoint(
    reference_db: tuple[str, Path], caplog: pytest.LogCaptureFixture
) -> None:
    secret = "s3cret-T0ken"
    caplog.set_level(logging.INFO, logger="tracker.server")
    with serve_store(reference_db[0], token=secret) as server:
        with httpx.Client(base_url=server.base) as client:
            for path in ("/", "/calendars/all.ics", "/api/events", "/api/feeds", "/nothing-here"):
                denied = client.get(path)
                wrong = client.get(path, params={"token": "guess"})
                assert denied.status_code == 401 and wrong.status_code == 401, path
                assert "Bearer" in denied.headers["www-authenticate"]
                assert "Basic" in denied.headers["www-authenticate"]
            by_query = client.get("/calendars/all.ics", params={"token": secret})
            by_header = client.get("/api/events", headers={"Authorization": f"Bearer {secret}"})
            by_login = client.get("/calendars/deadlines.ics", auth=("anyone", secret))
            bad_login = client.get("/calendars/deadlines.ics", auth=(secret, "guess"))
            bad_bearer = client.get("/api/feeds", headers={"Authorization": "Bearer guess"})
            page = client.get("/", params={"token": secret})
    assert by_query.status_code == 200 and len(vevents(by_query.content)) == len(ALL_EVENTS)
    assert by_header.status_code == 200 and by_login.status_code == 200
    assert bad_login.status_code == 401 and bad_bearer.status_code == 401
    assert page.status_code == 200 and page.headers["cache-control"] == "no-cache"
    assert by_query.headers["cache-control"] == "private, no-cache"
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "/calendars/all.ics" in logged  # requests are logged ...
    assert secret not in logged and "guess" not in logged  # ... tokens never


def test_page_is_served_with_a_strict_policy(served: Served) -> None:
    with served.client() as client:
        reply = client.get("/")
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "text/html; charset=utf-8"
    policy = reply.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'sha256-" in policy
    assert "unsafe-inline" not in policy and "http" not in policy  # nothing from elsewhere
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert reply.headers["referrer-policy"] == "no-referrer"
    assert "/api/events" in reply.text
