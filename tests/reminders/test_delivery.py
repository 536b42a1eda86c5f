"""Planning + delivery against a real SQLite ledger and real channels (HTTP sink, SMTP server)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from tests.reminders.conftest import Mailbox, Sink, deadline_event, put
from tracker.config import Settings
from tracker.models import Status
from tracker.reminders import RowStatus, channel
from tracker.service.remind import ack_event, deliver_due, list_reminders, plan_reminders
from tracker.store import Store, ledger

UTC = dt.UTC
MAY1 = dt.datetime(2026, 5, 1, tzinfo=UTC)


def cfg(store: Store, *notify: str, tz: str = "Europe/Berlin") -> Settings:
    return Settings(db_url=str(store.engine.url), tz=tz, notify=notify)


def at(t: dt.datetime):  # noqa: ANN201
    return lambda: t


def test_due_reminder_reaches_the_webhook_once_with_its_id(store: Store, sink: Sink) -> None:
    put(store, deadline_event())
    s = cfg(store, sink.url)
    chans = [channel(sink.url)]
    assert plan_reminders(s, store, MAY1).planned == 4
    due = dt.datetime(2026, 5, 15, 12, tzinfo=UTC)
    report = deliver_due(s, store, chans, "w1", clock=at(due))
    assert report.sent == 1 and report.next_due == dt.datetime(2026, 5, 16, 10, tzinfo=UTC)
    assert deliver_due(s, store, chans, "w1", clock=at(due)).sent == 0
    assert len(sink.posts) == 1
    row = next(r for r in ledger.rows(store.engine) if r.rung == "1d")
    assert sink.ids() == [row.rid]
    body = sink.posts[0]["message"]
    assert "What to do: withdraw assets" in body
    assert "Sat 16 May 2026 14:00 Europe/Berlin (2026-05-16 12:00 UTC)" in body
    assert "Source: seeds/week-20.md" in body and f"Reminder id: {row.rid}" in body
    assert row.status == RowStatus.SENT and row.sent_at == due and not row.late and row.attempts == 1


def test_email_carries_the_reminder_id_as_message_id(store: Store, smtp: Mailbox) -> None:
    put(store, deadline_event(start_time=None, starts_at=None, tz="UTC+8"))
    s = cfg(store, smtp.url)
    plan_reminders(s, store, MAY1)
    report = deliver_due(
        s, store, [channel(smtp.url)], "w1", clock=at(dt.datetime(2026, 5, 14, 16, tzinfo=UTC))
    )
    assert report.sent == 1
    (mail,) = smtp.messages()
    (row,) = ledger.rows(store.engine, ["sent"])
    assert mail.get_all("Message-ID") == [f"<{row.rid}@tracker>"]
    assert mail["X-Tracker-Reminder-Id"] == row.rid
    assert "withdraw assets" in mail["Subject"]
    text = mail.get_body(preferencelist=("plain",))
    assert text is not None
    assert "exact time is unknown" in text.get_content() and row.rid in text.get_content()


def test_failures_retry_with_backoff_and_errors_hide_secrets(store: Store, sink: Sink) -> None:
    put(store, deadline_event())
    url = sink.url.replace("json://", "json://bob:hunter22@")
    s = cfg(store, url)
    plan_reminders(s, store, MAY1)
    chans = [channel(url)]
    t = dt.datetime(2026, 5, 9, 12, tzinfo=UTC)
    sink.status = 500
    assert deliver_due(s, store, chans, "w1", clock=at(t)).failed == 1
    (row,) = ledger.rows(store.engine, ["failed"])
    assert row.attempts == 1 and row.next_attempt_at == t + dt.timedelta(seconds=30)
    assert row.last_error and "hunter22" not in row.last_error and "bob" not in row.last_error
    assert deliver_due(s, store, chans, "w1", clock=at(t + dt.timedelta(seconds=10))).failed == 0
    assert deliver_due(s, store, chans, "w1", clock=at(t + dt.timedelta(seconds=31))).failed == 1
    (row,) = ledger.rows(store.engine, ["failed"])
    assert row.attempts == 2 and row.next_attempt_at == t + dt.timedelta(seconds=91)
    sink.status = 200
    assert deliver_due(s, store, chans, "w1", clock=at(t + dt.timedelta(seconds=95))).sent == 1
    assert [r.attempts for r in ledger.rows(store.engine, ["sent"])] == [3]


def test_restart_catches_up_once_late_and_expires_after_the_deadline(store: Store, sink: Sink) -> None:
    put(store, deadline_event())
    s = cfg(store, sink.url)
    chans = [channel(sink.url)]
    plan_reminders(s, store, MAY1)
    back = dt.datetime(2026, 5, 15, 18, tzinfo=UTC)  # down since May 1: 7d, 3d, 1d passed
    report = plan_reminders(s, store, back)
    assert report.expired == 2
    sent = deliver_due(s, store, chans, "w1", clock=at(back))
    assert (sent.sent, sent.late) == (1, 1)
    assert "Late: this 1d reminder" in sent_body(sink, 0)
    assert plan_reminders(s, store, back).expired == 0
    assert deliver_due(s, store, chans, "w1", clock=at(back)).sent == 0
    after = dt.datetime(2026, 5, 16, 12, 5, tzinfo=UTC)  # slept through the 2h rung and the deadline
    expired = deliver_due(s, store, chans, "w1", clock=at(after))
    assert (expired.sent, expired.expired) == (0, 1)
    status = {r.rung: (r.status, r.late) for r in ledger.rows(store.engine)}
    assert status == {"7d": ("expired", False), "3d": ("expired", False), "1d": ("sent", True),
                      "2h": ("expired", False)}  # fmt: skip
    assert len(sink.posts) == 1


def sent_body(sink: Sink, i: int) -> str:
    return str(sink.posts[i]["message"])


def test_cancel_after_a_sent_reminder_sends_one_notice(store: Store, sink: Sink) -> None:
    put(store, deadline_event())
    s = cfg(store, sink.url)
    chans = [channel(sink.url)]
    plan_reminders(s, store, MAY1)
    t = dt.datetime(2026, 5, 9, 12, tzinfo=UTC)
    deliver_due(s, store, chans, "w1", clock=at(t))
    put(store, deadline_event(status=Status.CANCELLED, updated=t))
    t2 = t + dt.timedelta(hours=1)
    report = plan_reminders(s, store, t2)
    assert (report.planned, report.dropped) == (1, 3)
    assert deliver_due(s, store, chans, "w1", clock=at(t2)).sent == 1
    assert plan_reminders(s, store, t2 + dt.timedelta(hours=1)).planned == 0
    assert deliver_due(s, store, chans, "w1", clock=at(dt.datetime(2026, 5, 16, tzinfo=UTC))).sent == 0
    assert len(sink.posts) == 2 and sink.posts[1]["title"].startswith("Cancelled:")


def test_moved_deadline_replans_and_ack_stops_the_rest(store: Store, sink: Sink) -> None:
    put(store, deadline_event())
    s = cfg(store, sink.url)
    plan_reminders(s, store, MAY1)
    later = dt.datetime(2026, 5, 20, 12, tzinfo=UTC)
    put(store, deadline_event(start_date=later.date(), starts_at=later, updated=MAY1 + dt.timedelta(days=1)))
    assert plan_reminders(s, store, MAY1 + dt.timedelta(days=1)).replanned == 4
    one_day = next(r for r in list_reminders(s) if r.rung == "1d")
    assert one_day.due_at == later - dt.timedelta(days=1) and one_day.note == "deadline moved"
    result = ack_event(s, "dmail", MAY1 + dt.timedelta(days=2))
    assert (result.uid, result.dropped) == ("dmail-shutdown", 4)
    assert plan_reminders(s, store, MAY1 + dt.timedelta(days=3)).planned == 0
    chans = [channel(sink.url)]
    assert deliver_due(s, store, chans, "w1", clock=at(later - dt.timedelta(hours=2))).sent == 0
    assert {r.status for r in list_reminders(s)} == {RowStatus.DROPPED}


def test_clock_jumping_back_never_resends(store: Store, sink: Sink) -> None:
    put(store, deadline_event())
    s = cfg(store, sink.url)
    chans = [channel(sink.url)]
    plan_reminders(s, store, MAY1)
    t = dt.datetime(2026, 5, 15, 12, 0, 1, tzinfo=UTC)
    assert deliver_due(s, store, chans, "w1", clock=at(t)).sent == 1
    for jump in (dt.timedelta(hours=-1), dt.timedelta(days=-3), dt.timedelta(hours=1)):
        plan_reminders(s, store, t + jump)
        assert deliver_due(s, store, chans, "w1", clock=at(t + jump)).sent == 0
    assert len(sink.posts) == 1


def test_other_channels_rows_are_left_for_their_daemon(store: Store, sink: Sink) -> None:
    put(store, deadline_event())
    s = cfg(store, sink.url, "stdout://")
    plan_reminders(s, store, MAY1)
    t = dt.datetime(2026, 5, 9, 12, tzinfo=UTC)
    deliver_due(s, store, [channel(sink.url)], "w1", clock=at(t))
    by_channel = {(r.channel_label, r.status) for r in ledger.rows(store.engine) if r.rung == "7d"}
    assert by_channel == {("stdout://", "pending"), (channel(sink.url).label, "sent")}


def test_lost_lease_is_reported_and_not_overwritten(store: Store, sink: Sink) -> None:
    put(store, replace(deadline_event(), remind=("1d",)))
    s = cfg(store, sink.url)
    plan_reminders(s, store, MAY1)
    t = dt.datetime(2026, 5, 15, 12, tzinfo=UTC)
    claimed, _ = ledger.claim(store.engine, "dead", [channel(sink.url).key], t, 10, dt.timedelta(seconds=60))
    assert len(claimed) == 1
    assert deliver_due(s, store, [channel(sink.url)], "w2", clock=at(t + dt.timedelta(seconds=30))).sent == 0
    report = deliver_due(s, store, [channel(sink.url)], "w2", clock=at(t + dt.timedelta(seconds=61)))
    assert report.sent == 1 and report.lost == 0
    assert not ledger.mark_sent(store.engine, claimed[0].rid, "dead", t, False)
    (row,) = ledger.rows(store.engine)
    assert row.status == "sent" and row.attempts == 2


def test_wall_clock_across_the_berlin_spring_change_sends_once(store: Store, sink: Sink) -> None:
    from freezegun import freeze_time

    # Deadline 05:00 Berlin (CEST) on the day clocks jump 02:00 -> 03:00; its 2h rung is 01:00 UTC,
    # which is 03:00 CEST: the wall-clock hour 02:00-03:00 never happens, the UTC instant does.
    at = dt.datetime(2026, 3, 29, 3, tzinfo=UTC)
    put(store, deadline_event(start_date=at.date(), start_time=dt.time(5), tz="Europe/Berlin", starts_at=at,
                              remind=("2h",)))  # fmt: skip
    s = cfg(store, sink.url)
    chans = [channel(sink.url)]
    plan_reminders(s, store, MAY1.replace(month=3))
    with freeze_time("2026-03-29 00:59:59+00:00") as clock:  # 01:59:59 CET
        assert deliver_due(s, store, chans, "w1").sent == 0
        clock.move_to("2026-03-29 01:00:00+00:00")  # 03:00:00 CEST
        assert deliver_due(s, store, chans, "w1").sent == 1
        clock.move_to("2026-03-29 00:30:00+00:00")  # the system clock is set back an hour
        plan_reminders(s, store, dt.datetime.now(UTC))
        assert deliver_due(s, store, chans, "w1").sent == 0
    assert "Sun 29 Mar 2026 05:00 Europe/Berlin (2026-03-29 03:00 UTC)" in sink.posts[0]["message"]
    assert len(sink.posts) == 1


def test_incremental_plan_only_looks_at_events_changed_since(store: Store, sink: Sink) -> None:
    put(store, deadline_event("a"), deadline_event("b"))
    s = cfg(store, sink.url)
    assert plan_reminders(s, store, MAY1).planned == 8
    later = dt.datetime(2026, 5, 20, 12, tzinfo=UTC)
    moved = {"start_date": later.date(), "starts_at": later}
    put(
        store, deadline_event("a", updated=MAY1 + dt.timedelta(days=2), **moved), deadline_event("b", **moved)
    )
    report = plan_reminders(s, store, MAY1 + dt.timedelta(days=3), changed_since=MAY1 + dt.timedelta(days=1))
    assert report.replanned == 4
    assert {r.uid for r in ledger.rows(store.engine) if r.note == "deadline moved"} == {"a"}
    assert plan_reminders(s, store, MAY1 + dt.timedelta(days=3)).replanned == 4  # the full plan catches b
