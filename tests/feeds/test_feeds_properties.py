"""Property tests: no text can break a feed, whatever it contains.

Any title, organisation, action, description or evidence (control characters, CR/LF, component
lines, escapes, emoji, kilobytes of it) stays inside one escaped, folded property: icalendar and
vobject read back exactly the events that went in, with exactly the (cleaned) text.
"""

from __future__ import annotations

import datetime as dt

import icalendar
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.feeds import FeedQuery, VeventCache, ical, parse_alarms, render_feed, wording
from tracker.models import Category, Event, Precision, SourceRef, Status

NASTY = st.sampled_from(
    [
        "\r\n",
        "\r",
        "\n",
        "BEGIN:VEVENT",
        "END:VCALENDAR",
        ";",
        ",",
        "\\",
        "\\n",
        ":",
        '"',
        "\U0001f600",
        "é",
        "中",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=40), NASTY), max_size=30).map("".join)
LONG = st.one_of(TEXT, st.builds(lambda s, n: s * n, TEXT, st.integers(1, 400)))


@st.composite
def hostile_events(draw: st.DrawFn) -> Event:
    day = draw(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 1)))
    timed = draw(st.booleans())
    return Event(
        uid=draw(st.text(min_size=1, max_size=60)),
        title=draw(LONG),
        category=draw(st.sampled_from(list(Category))),
        start_date=day,
        end_date=draw(st.none() | st.just(day + dt.timedelta(days=2))),
        start_time=dt.time(12, 30) if timed else None,
        tz="UTC" if timed else None,
        starts_at=dt.datetime.combine(day, dt.time(12, 30), dt.UTC) if timed else None,
        precision=draw(st.sampled_from(list(Precision))),
        org=draw(st.none() | TEXT),
        description=draw(LONG),
        action_deadline=draw(st.booleans()),
        action=draw(st.none() | TEXT),
        status=draw(st.sampled_from(list(Status))),
        sequence=draw(st.integers(0, 1000)),
        updated=dt.datetime(2026, 5, 1, tzinfo=dt.UTC),
        sources=tuple(draw(st.lists(st.builds(SourceRef, TEXT, evidence=LONG), max_size=2))),
        url=draw(st.none() | TEXT),
    )


NEIGHBOUR = Event(
    uid="neighbour", title="Plain event", category=Category.MACRO, start_date=dt.date(2026, 5, 12)
)


def expected_summary(ev: Event) -> str:
    return ical.clean(wording.summary(ev), one_line=True)


def check_physical_lines(data: bytes) -> None:
    body = data[:-2].split(b"\r\n")
    assert data.endswith(b"\r\n")
    for line in body:
        assert b"\r" not in line and b"\n" not in line
        assert len(line) <= 75
        line.decode("utf-8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_events())
def test_icalendar_reads_back_exactly_what_went_in(ev: Event) -> None:
    data = render_feed([ev, NEIGHBOUR], FeedQuery(alarms=parse_alarms("-PT2H")), cache=VeventCache())
    check_physical_lines(data)
    cal = icalendar.Calendar.from_ical(data)
    got = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    uid = ical.clean(ev.uid, one_line=True) + "@tracker"
    assert set(got) == {uid, "neighbour@tracker"}
    mine = got[uid]
    assert str(mine["SUMMARY"]) == expected_summary(ev)
    assert str(mine["DESCRIPTION"]) == ical.clean(wording.description(ev))
    assert int(mine["SEQUENCE"]) == ev.sequence
    assert len(mine.walk("VALARM")) == (0 if ev.status == Status.CANCELLED else 1)
    assert str(got["neighbour@tracker"]["SUMMARY"]) == "Plain event"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_events())
def test_vobject_reads_back_exactly_what_went_in(ev: Event) -> None:
    data = render_feed([ev, NEIGHBOUR], FeedQuery(), cache=VeventCache())
    cal = vobject.readOne(data.decode("utf-8"))
    got = {e.uid.value: e for e in cal.vevent_list}
    uid = ical.clean(ev.uid, one_line=True) + "@tracker"
    assert set(got) == {uid, "neighbour@tracker"}
    assert got[uid].summary.value == expected_summary(ev)
    assert got[uid].description.value == ical.clean(wording.description(ev))
    start = got[uid].dtstart.value
    assert isinstance(start, dt.datetime) == (ev.starts_at is not None)


@given(st.text(max_size=300))
def test_fold_unfolds_to_the_same_line(text: str) -> None:
    line = "SUMMARY:" + ical.text_value(text, one_line=True)
    folded = ical.fold(line)
    assert folded.endswith(b"\r\n")
    parts = folded[:-2].split(b"\r\n")
    assert all(len(p) <= 75 for p in parts)
    assert all(p.startswith(b" ") for p in parts[1:])
    for p in parts:
        p.decode("utf-8")
        assert not (p.endswith(b"\\") and (len(p) - len(p.rstrip(b"\\"))) % 2)  # escapes stay whole
    assert (parts[0] + b"".join(p[1:] for p in parts[1:])).decode("utf-8") == line
