"""Feed bytes: structure, determinism, dates, statuses, deadline wording, hostile text, selection."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import icalendar
import pytest

from feeds.samples import HOSTILE_TITLE, by_uid, events
from tracker.errors import InputError
from tracker.feeds import (
    FeedQuery,
    VeventCache,
    feed_names,
    feed_set,
    parse_alarms,
    query_for_name,
    render_feed,
    select,
)
from tracker.models import Category, Status


def unfolded(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]


def vevent_lines(data: bytes, uid: str) -> list[str]:
    """The unfolded content lines of the VEVENT with this UID (without @tracker)."""
    lines = unfolded(data)
    start = lines.index(f"UID:{uid}@tracker") - 1
    end = lines.index("END:VEVENT", start)
    return lines[start : end + 1]


def value(lines: list[str], name: str) -> str | None:
    found = [ln.split(":", 1)[1] for ln in lines if ln.split(":", 1)[0] == name]
    assert len(found) <= 1, f"{name} appears {len(found)} times"
    return found[0] if found else None


@pytest.fixture
def feed() -> bytes:
    return render_feed(events(), FeedQuery(), cache=VeventCache())


def test_lines_are_crlf_folded_and_valid_utf8(feed: bytes) -> None:
    assert feed.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in feed.replace(b"\r\n", b"")
    assert b"\r" not in feed.replace(b"\r\n", b"")
    for line in feed.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold never splits a character


def test_calendar_properties(feed: bytes) -> None:
    head = unfolded(feed)[: unfolded(feed).index("BEGIN:VEVENT")]
    assert head[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"]
    assert value(head, "PRODID") == "-//tracker//Key events feeds//EN"
    assert value(head, "METHOD") == "PUBLISH"
    assert value(head, "NAME") == value(head, "X-WR-CALNAME") == "tracker \u2014 Key events"
    assert value(head, "X-WR-CALDESC")
    assert value(head, "REFRESH-INTERVAL;VALUE=DURATION") == "PT6H"
    assert value(head, "X-PUBLISHED-TTL") == "PT6H"


def test_same_events_same_bytes_in_any_order() -> None:
    evs = events()
    first = render_feed(evs, FeedQuery(), cache=VeventCache())
    for seed in range(5):
        shuffled = evs[:]
        random.Random(seed).shuffle(shuffled)
        assert render_feed(shuffled, FeedQuery(), cache=VeventCache()) == first


def test_events_sorted_by_day_then_uid(feed: bytes) -> None:
    uids = [ln[4:-8] for ln in unfolded(feed) if ln.startswith("UID:")]
    evs = by_uid()
    assert uids == sorted(uids, key=lambda u: (evs[u].start_date, evs[u].starts_at is not None, u))
    assert len(uids) == len(evs)


def test_timed_events_of_a_day_follow_their_start() -> None:
    base = by_uid()["fomc-minutes-2026-05-13"]
    early = dataclasses.replace(base, uid="zz-early", starts_at=dt.datetime(2026, 5, 13, 1, 0, tzinfo=dt.UTC))
    late = dataclasses.replace(base, uid="aa-late", starts_at=dt.datetime(2026, 5, 13, 23, 0, tzinfo=dt.UTC))
    all_day = dataclasses.replace(base, uid="mm-all-day", starts_at=None, start_time=None)
    ordered = select([late, all_day, early], FeedQuery())
    assert [e.uid for e in ordered] == ["mm-all-day", "zz-early", "aa-late"]


def test_description_does_not_repeat_the_evidence() -> None:
    base = by_uid()["lattice-shutdown-2026-05-16"]
    said = "Lattice is winding down; users must withdraw assets before May 16"
    repeated = dataclasses.replace(base, description=said)
    own = dataclasses.replace(base, description="Support answers until the end of May.")
    texts = [render_feed([ev], FeedQuery(), cache=VeventCache()).decode() for ev in (repeated, own)]
    texts = [t.replace("\r\n ", "") for t in texts]
    assert [t.count("Lattice is winding down") for t in texts] == [1, 1]
    assert "Support answers until the end of May." in texts[1]


def test_all_day_event_has_exclusive_end(feed: bytes) -> None:
    one = vevent_lines(feed, "lattice-shutdown-2026-05-16")
    assert value(one, "DTSTART;VALUE=DATE") == "20260516"
    assert value(one, "DTEND;VALUE=DATE") == "20260517"
    span = vevent_lines(feed, "devcon-2026-05-12")  # May 12..14 inclusive
    assert value(span, "DTSTART;VALUE=DATE") == "20260512"
    assert value(span, "DTEND;VALUE=DATE") == "20260515"


def test_timed_events_are_utc_instants(feed: bytes) -> None:
    fomc = vevent_lines(feed, "fomc-minutes-2026-05-13")  # 14:00 New York (EDT) = 18:00Z
    assert value(fomc, "DTSTART") == "20260513T180000Z"
    assert value(fomc, "DTEND") is None  # a point in time
    assert "14:00 America/New_York" in (value(fomc, "DESCRIPTION") or "")
    assert not any(ln.startswith(("BEGIN:VTIMEZONE", "DTSTART;TZID")) for ln in unfolded(feed))
    # starts 10:00 Berlin on May 15, runs through May 17: ends at midnight Berlin = 22:00Z May 17
    hack = vevent_lines(feed, "hackathon-2026-05-15")
    assert value(hack, "DTSTART") == "20260515T080000Z"
    assert value(hack, "DTEND") == "20260517T220000Z"


def test_stamp_sequence_last_modified_follow_the_event(feed: bytes) -> None:
    one = vevent_lines(feed, "listing-cancelled-2026-05-13")
    assert value(one, "DTSTAMP") == "20260513T070000Z"  # its last change, not the clock
    assert value(one, "LAST-MODIFIED") == "20260513T070000Z"
    assert value(one, "CREATED") == "20260511T090000Z"
    assert value(one, "SEQUENCE") == "2"


def test_cancelled_event_stays_marked_and_gets_no_alarm() -> None:
    data = render_feed(events(), FeedQuery(alarms=parse_alarms("-P1D")), cache=VeventCache())
    one = vevent_lines(data, "listing-cancelled-2026-05-13")
    assert value(one, "STATUS") == "CANCELLED"
    assert value(one, "SUMMARY") == "Cancelled: XYZ listing"
    assert "BEGIN:VALARM" not in one
    assert "BEGIN:VALARM" in vevent_lines(data, "devcon-2026-05-12")


@pytest.mark.parametrize(
    ("uid", "summary"),
    [
        ("token-unlock-week-2026-05-18", "ABC token unlock (tentative: week of May 18\\, 2026)"),
        ("mainnet-upgrade-2026-06", "Mainnet upgrade (tentative: June 2026)"),
        (
            "exchange-export-q3-2026",
            "\u26a0 Export data by Q3 2026 \u2014 Exchange closes its app (tentative)",
        ),
        ("launch-tentative-2026-05-20", "Wallet v2 launch (tentative\\, date disputed)"),
    ],
)
def test_coarse_and_tentative_events_say_so(feed: bytes, uid: str, summary: str) -> None:
    one = vevent_lines(feed, uid)
    assert value(one, "STATUS") == "TENTATIVE"
    assert value(one, "SUMMARY") == summary


def test_confirmed_day_event_is_confirmed(feed: bytes) -> None:
    assert value(vevent_lines(feed, "devcon-2026-05-12"), "STATUS") == "CONFIRMED"


def test_deadline_summary_says_what_and_by_when(feed: bytes) -> None:
    lattice = vevent_lines(feed, "lattice-shutdown-2026-05-16")
    assert value(lattice, "SUMMARY") == "\u26a0 Withdraw assets by May 16 \u2014 Lattice wind-down"
    assert value(lattice, "CATEGORIES") == "shutdown,deadline"
    desc = value(lattice, "DESCRIPTION") or ""
    assert "withdraw assets by Sat May 16\\, 2026" in desc
    assert "seeds/2026-05-11-week.md" in desc and "must withdraw assets before May 16." in desc
    carrot = vevent_lines(feed, "carrot-claim-2026-05-14")
    assert value(carrot, "SUMMARY") == (
        "\u26a0 Claim tokens by May 14\\, 20:00 UTC+8 \u2014 Carrot airdrop claim closes"
    )
    assert value(carrot, "DTSTART") == "20260514T120000Z"


def test_url_only_when_it_is_a_url(feed: bytes) -> None:
    assert value(vevent_lines(feed, "carrot-claim-2026-05-14"), "URL") == (
        "https://carrot.example.com/claim?season=2&lang=en"
    )
    assert (
        value(vevent_lines(feed, "fomc-minutes-2026-05-13"), "URL")
        == "https://news.example.org/weekly/2026-19"
    )
    assert value(vevent_lines(feed, "hostile-2026-05-19"), "URL") is None
    assert value(vevent_lines(feed, "devcon-2026-05-12"), "URL") is None


def test_hostile_text_cannot_forge_components(feed: bytes) -> None:
    lines = unfolded(feed)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == len(events())
    assert lines.count("BEGIN:VCALENDAR") == lines.count("END:VCALENDAR") == 1
    assert not any(ln.startswith("UID:forged") for ln in lines)
    cal = icalendar.Calendar.from_ical(feed)
    hostile = next(e for e in cal.walk("VEVENT") if str(e["UID"]) == "hostile-2026-05-19@tracker")
    assert str(hostile["SUMMARY"]) == ("Evil BEGIN:VEVENT UID:forged END:VEVENT; a,b \\ c\\n \U0001f680  x")
    assert HOSTILE_TITLE.startswith("Evil\r\n")
    description = str(hostile["DESCRIPTION"])
    assert description.count("END:VCALENDAR") == 200
    assert "\r" not in description and "\x00" not in description


def test_chinese_text_round_trips(feed: bytes) -> None:
    cal = icalendar.Calendar.from_ical(feed)
    ev = next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("regulation-zh"))
    assert str(ev["SUMMARY"]) == "香港稳定币条例生效"
    assert "5月15日，香港稳定币条例正式生效。" in str(ev["DESCRIPTION"])
    assert "Organisation: 香港金管局" in str(ev["DESCRIPTION"])


def test_alarms_are_display_alarms_before_the_start() -> None:
    data = render_feed(events(), FeedQuery(alarms=parse_alarms("-P1D,-PT2H")), cache=VeventCache())
    one = vevent_lines(data, "lattice-shutdown-2026-05-16")
    assert one.count("BEGIN:VALARM") == 2
    assert [ln for ln in one if ln.startswith("TRIGGER")] == ["TRIGGER:-P1D", "TRIGGER:-PT2H"]
    assert one.count("ACTION:DISPLAY") == 2
    assert "DESCRIPTION:\u26a0 Withdraw assets by May 16 \u2014 Lattice wind-down" in one


def test_no_alarms_unless_asked(feed: bytes) -> None:
    assert "BEGIN:VALARM" not in unfolded(feed)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-P1D,-PT2H", (dt.timedelta(days=-1), dt.timedelta(hours=-2))),
        ("-PT2H, -P1D, -P1D", (dt.timedelta(days=-1), dt.timedelta(hours=-2))),
        ("1d,30m", (dt.timedelta(days=-1), dt.timedelta(minutes=-30))),
        ("-P1W", (dt.timedelta(weeks=-1),)),
        ("", ()),
    ],
)
def test_parse_alarms(text: str, expected: tuple[dt.timedelta, ...]) -> None:
    assert parse_alarms(text) == expected


@pytest.mark.parametrize("text", ["P1D", "-PT0S", "soon", "-P1X", "1 fortnight"])
def test_parse_alarms_refuses_bad_or_late_alarms(text: str) -> None:
    with pytest.raises(InputError):
        parse_alarms(text)


def test_select_filters() -> None:
    evs = events()
    assert {e.uid for e in select(evs, FeedQuery("x", categories=("CONFERENCE",)))} == {
        "devcon-2026-05-12",
        "hackathon-2026-05-15",
    }
    assert {e.uid for e in select(evs, FeedQuery("x", org="lattice"))} == {"lattice-shutdown-2026-05-16"}
    assert {e.uid for e in select(evs, FeedQuery("x", deadlines=True))} == {
        "lattice-shutdown-2026-05-16",
        "carrot-claim-2026-05-14",
        "exchange-export-q3-2026",
    }
    assert select(evs, FeedQuery("x", categories=("macro",), org="nobody")) == []


def test_select_keeps_one_event_per_uid() -> None:
    old = by_uid()["devcon-2026-05-12"]
    new = dataclasses.replace(old, sequence=3, start_date=dt.date(2026, 5, 13))
    assert select([new, old], FeedQuery()) == [new]
    assert select([old, new], FeedQuery()) == [new]


def test_feed_names_and_queries() -> None:
    assert feed_names(events()) == [
        "all",
        "deadlines",
        "macro",
        "regulation",
        "upgrade",
        "launch",
        "listing",
        "unlock",
        "shutdown",
        "deadline",
        "conference",
        "other",
    ]
    assert feed_names([]) == ["all", "deadlines"]
    assert query_for_name("deadlines") == FeedQuery("deadlines", deadlines=True)
    assert query_for_name("Unlock") == FeedQuery("unlock", categories=("unlock",))
    assert query_for_name("migration") == FeedQuery("migration", categories=("migration",))
    assert query_for_name("../etc/passwd") is None


def test_category_and_deadline_feeds_have_their_own_names() -> None:
    data = render_feed(events(), FeedQuery("unlock", categories=("unlock",)), cache=VeventCache())
    assert "X-WR-CALNAME:tracker \u2014 Key events: unlock" in unfolded(data)
    assert [ln for ln in unfolded(data) if ln.startswith("UID:")] == [
        "UID:token-unlock-week-2026-05-18@tracker"
    ]
    data = render_feed(events(), FeedQuery("deadlines", deadlines=True), cache=VeventCache())
    assert "NAME:tracker \u2014 Action deadlines" in unfolded(data)


def test_custom_title_is_escaped() -> None:
    data = render_feed([], FeedQuery(), title="Mine; yours,\r\nBEGIN:VEVENT", cache=VeventCache())
    assert "X-WR-CALNAME:Mine\\; yours\\, BEGIN:VEVENT" in unfolded(data)
    assert unfolded(data).count("BEGIN:VEVENT") == 0


def test_cache_serializes_only_changed_events() -> None:
    cache = VeventCache()
    evs = events()
    first = render_feed(evs, FeedQuery(), cache=cache)
    assert (cache.misses, cache.hits) == (len(evs), 0)
    changed = [
        dataclasses.replace(e, status=Status.CANCELLED, sequence=e.sequence + 1)
        if e.uid.startswith("devcon")
        else e
        for e in evs
    ]
    second = render_feed(changed, FeedQuery(), cache=cache)
    assert (cache.misses, cache.hits) == (len(evs) + 1, len(evs) - 1)
    assert second != first
    assert render_feed(changed, FeedQuery(), cache=VeventCache()) == second


def test_cache_stays_within_its_size() -> None:
    cache = VeventCache(max_bytes=4000)
    render_feed(events(), FeedQuery(), cache=cache)
    assert cache.size <= 4000
    assert cache.size == sum(len(b) for b in cache._data.values())


def test_every_category_has_a_feed_name() -> None:
    assert all(query_for_name(str(c)) is not None for c in Category)


def test_feed_set_matches_each_feed_rendered_alone() -> None:
    alarms = parse_alarms("-PT2H")
    queries = [q for n in feed_names(events()) if (q := query_for_name(n, alarms=alarms))]
    queries.append(FeedQuery("fed", org="federal", alarms=alarms))
    cache = VeventCache()
    together = feed_set(list(reversed(events())), queries, cache=cache)
    assert cache.misses == len(events())  # each event serialized once for fourteen feeds
    for query in queries:
        assert b"".join(together[query.name]) == render_feed(events(), query, cache=VeventCache())
