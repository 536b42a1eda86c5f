"""The agenda page in a real headless Chromium (Debian's, driven by Playwright's sync client)."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import icalendar
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from .helpers import ALL_EVENTS, DEADLINE_ORGS, HOSTILE_TITLE, REFERENCE_WEEK, Served, serve_store

CHROMIUM = os.environ.get("TRACKER_TEST_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WEEK = "from=2026-05-11&to=2026-05-17"  # the reference week is in the past: ask for it


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium (.ci/run does)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield launched
        launched.close()


def open_page(browser: Browser, url: str, zone: str = "UTC") -> Page:
    page = browser.new_page(locale="en-US", timezone_id=zone)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    page.errors = errors  # type: ignore[attr-defined]
    page.goto(url)
    expect(page.locator("body")).to_have_attribute("data-loaded", "events")
    return page


def day_of(page: Page, title: str) -> str | None:
    section = page.locator("section.day", has=page.locator(".title", has_text=title))
    return section.get_attribute("data-day")


def test_shows_the_reference_week_by_day(served: Served, browser: Browser) -> None:
    page = open_page(browser, f"{served.base}/?{WEEK}&tz=UTC")
    days = page.locator("section.day").evaluate_all("nodes => nodes.map(n => n.dataset.day)")
    assert days == ["2026-05-12", "2026-05-13", "2026-05-14", "2026-05-15", "2026-05-16"]
    expect(page.locator("section.day h2").first).to_have_text("Tuesday, May 12, 2026")
    expect(page.locator("li.event")).to_have_count(len(ALL_EVENTS))
    for title, day, _ in REFERENCE_WEEK:
        expect(page.locator("li.event .title", has_text=title)).to_be_visible()
        assert day_of(page, title) == day
    cpi = page.locator("li.event", has_text="consumer prices")
    expect(cpi.locator(".when")).to_have_text(re.compile(r"12:30\s*PM UTC"))
    expect(page.locator("#zone-name")).to_have_text("UTC")
    deadlines = page.locator("#deadline-list li")
    expect(deadlines).to_have_count(len(DEADLINE_ORGS))
    expect(deadlines.first.locator(".countdown")).to_have_text(re.compile(r"^passed .* ago$"))
    assert page.errors == []  # type: ignore[attr-defined]
    page.close()


def test_days_follow_the_viewer_zone(served: Served, browser: Browser) -> None:
    late = "Late community call"  # 20:00 in New York on May 13 = 00:00 UTC on May 14
    in_new_york = open_page(browser, f"{served.base}/?{WEEK}", zone="America/New_York")
    expect(in_new_york.locator("#zone-name")).to_have_text("America/New_York")  # the browser's zone
    assert day_of(in_new_york, late) == "2026-05-13"
    in_utc = open_page(browser, f"{served.base}/?{WEEK}&tz=UTC", zone="America/New_York")
    assert day_of(in_utc, late) == "2026-05-14"
    in_tokyo = open_page(browser, f"{served.base}/?{WEEK}&tz=Asia/Tokyo")
    assert day_of(in_tokyo, late) == "2026-05-14"
    expect(in_tokyo.locator("li.event", has_text=late).locator(".when")).to_contain_text("09:00")
    assert day_of(in_tokyo, "Carrot closes") == "2026-05-14"  # all-day events keep their day
    unknown = open_page(browser, f"{served.base}/?{WEEK}&tz=Mars/Olympus", zone="Europe/Berlin")
    expect(unknown.locator("#zone-name")).to_have_text("Europe/Berlin")
    expect(unknown.locator("#zone-note")).to_contain_text("Unknown zone")
    for page in (in_new_york, in_utc, in_tokyo, unknown):
        page.close()


def test_deadline_countdown_is_live(served: Served, browser: Browser) -> None:
    page = browser.new_page(locale="en-US", timezone_id="UTC")
    noon = dt.datetime(2026, 5, 13, 12, 0, 0, tzinfo=dt.UTC)
    page.clock.install(time=noon - dt.timedelta(seconds=30))
    page.clock.pause_at(noon)  # the page's clock stands still until the test moves it
    page.goto(f"{served.base}/?{WEEK}")
    expect(page.locator("body")).to_have_attribute("data-loaded", "events")
    carrot = page.locator("#deadline-list li", has_text="Carrot").locator(".countdown")
    expect(carrot).to_have_text("in 12:00:00")  # due at the start of May 14 (UTC)
    page.clock.run_for(5000)
    expect(carrot).to_have_text("in 11:59:55")
    lattice = page.locator("#deadline-list li", has_text="Lattice").locator(".countdown")
    expect(lattice).to_have_text("in 2d 11:59:55")
    page.close()


def test_filters_by_category(served: Served, browser: Browser) -> None:
    page = open_page(browser, f"{served.base}/?{WEEK}")
    page.select_option("#category", "shutdown")
    events = page.locator("li.event")
    expect(events).to_have_count(len(DEADLINE_ORGS))
    assert set(events.evaluate_all("nodes => nodes.map(n => n.dataset.category)")) == {"shutdown"}
    assert "category=shutdown" in page.url
    page.select_option("#category", "macro")
    expect(events).to_have_count(1)
    expect(events.first.locator(".title")).to_have_text("U.S. consumer prices for April")
    page.select_option("#category", "")
    expect(events).to_have_count(len(ALL_EVENTS))
    page.check("#deadlines-only")
    expect(events).to_have_count(len(DEADLINE_ORGS))
    page.close()


def test_hostile_text_stays_text(served: Served, browser: Browser) -> None:
    page = open_page(browser, f"{served.base}/?{WEEK}")
    hostile = page.locator("li.event[data-category=other]")
    expect(hostile.locator(".title")).to_have_text(HOSTILE_TITLE)
    expect(hostile.locator(".org")).to_have_text("<b>Org</b>")
    assert page.locator("main img, main script, main b").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert page.errors == []  # type: ignore[attr-defined]
    page.close()


def test_subscribe_links_point_at_feeds_that_parse(served: Served, browser: Browser) -> None:
    page = open_page(browser, f"{served.base}/?{WEEK}")
    feeds = page.locator("#feed-list li.feed")
    names = feeds.evaluate_all("nodes => nodes.map(n => n.dataset.feed)")
    assert names[:2] == ["all", "deadlines"] and "shutdown" in names
    with httpx.Client(timeout=10) as client:
        for index, name in enumerate(names):
            feed = feeds.nth(index)
            http = feed.locator("a.http").get_attribute("href") or ""
            webcal = feed.locator("a.webcal").get_attribute("href") or ""
            assert http == f"{served.base}/calendars/{name}.ics"
            assert webcal == "webcal:" + http.removeprefix("http:")
            reply = client.get(http)
            assert reply.status_code == 200
            calendar = icalendar.Calendar.from_ical(reply.content)
            count = int((feed.locator(".count").text_content() or "").split()[0])
            assert len(list(calendar.walk("VEVENT"))) == count
    page.close()


def test_page_with_a_token(reference_db: tuple[str, Path], browser: Browser) -> None:
    secret = "page-token-42"
    with serve_store(reference_db[0], token=secret) as server:
        page = open_page(browser, f"{server.base}/?{WEEK}&token={secret}")
        expect(page.locator("li.event")).to_have_count(len(ALL_EVENTS))
        link = page.locator("li.feed[data-feed=deadlines] a.http").get_attribute("href") or ""
        assert link.endswith(f"/calendars/deadlines.ics?token={secret}")
        with httpx.Client(timeout=10) as client:
            reply = client.get(link)
            assert reply.status_code == 200
            assert len(list(icalendar.Calendar.from_ical(reply.content).walk("VEVENT"))) == len(DEADLINE_ORGS)
            assert client.get(link.split("?")[0]).status_code == 401
        page.close()
