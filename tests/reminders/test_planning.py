"""Pure planning: ladders, date-only deadlines, DST, moves, cancels, acks, catch-up and expiry."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from tracker.errors import InputError
from tracker.models import Category, Event, SourceRef, Status
from tracker.reminders import (
    Channel,
    Kind,
    Plan,
    Reminder,
    RowStatus,
    channel,
    compose,
    deadline_of,
    ladder,
    ladder_for,
    plan_event,
    redact,
    reminder_id,
)

UTC = dt.UTC
DEFAULT = ("7d", "3d", "1d", "2h")
STDOUT = channel("stdout://")
MAIL = channel("mailto://alice:s3cret@mail.example.org")


def deadline_event(**kw: object) -> Event:
    base = Event(
        uid="dmail-shutdown-2026-05-16",
        title="Dmail Network shuts down",
        category=Category.SHUTDOWN,
        start_date=dt.date(2026, 5, 16),
        start_time=dt.time(12, 0),
        tz="UTC",
        starts_at=dt.datetime(2026, 5, 16, 12, 0, tzinfo=UTC),
        org="Dmail",
        action_deadline=True,
        action="withdraw assets",
        sources=(SourceRef("seeds/week-20.md"),),
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def apply(rows: dict[str, Reminder], plan: Plan) -> dict[str, Reminder]:
    out = dict(rows)
    for r in plan.inserts + plan.updates:
        out[r.rid] = r
    return out


def run(
    event: Event,
    rows: dict[str, Reminder],
    now: dt.datetime,
    *,
    acked: bool = False,
    channels: tuple[Channel, ...] = (STDOUT,),
    tz: str = "UTC",
) -> tuple[dict[str, Reminder], Plan]:
    plan = plan_event(
        event, ladder_for(event, DEFAULT, {"macro": ("15m",)}), channels, list(rows.values()), acked, now, tz
    )
    return apply(rows, plan), plan


def by_rung(rows: dict[str, Reminder]) -> dict[str, Reminder]:
    return {r.rung: r for r in rows.values()}


def test_default_ladder_due_times_and_stable_ids() -> None:
    now = dt.datetime(2026, 5, 1, tzinfo=UTC)
    rows, plan = run(deadline_event(), {}, now)
    assert plan.planned == 4 and not plan.updates
    due = {r.rung: r.due_at for r in rows.values()}
    assert due == {
        "7d": dt.datetime(2026, 5, 9, 12, tzinfo=UTC),
        "3d": dt.datetime(2026, 5, 13, 12, tzinfo=UTC),
        "1d": dt.datetime(2026, 5, 15, 12, tzinfo=UTC),
        "2h": dt.datetime(2026, 5, 16, 10, tzinfo=UTC),
    }
    assert reminder_id("dmail-shutdown-2026-05-16", "1d", STDOUT.key) in rows
    again, plan2 = run(deadline_event(), rows, now + dt.timedelta(hours=1))
    assert (plan2.planned, plan2.replanned, plan2.dropped, plan2.expired) == (0, 0, 0, 0)
    assert again == rows


def test_ids_differ_per_channel_and_rung_and_are_message_id_safe() -> None:
    ids = {reminder_id("u@x", r, c.key) for r in ("7d", "1d") for c in (STDOUT, MAIL)}
    assert len(ids) == 4
    assert all(" " not in i and "@" not in i and "<" not in i for i in ids)


def test_ladder_labels_are_canonical_and_duplicates_merge() -> None:
    assert [r.label for r in ladder(["24h", "1d", "90m", "2h", "1w"])] == ["7d", "1d", "2h", "90m"]
    with pytest.raises(InputError, match="bad duration"):
        ladder(["soon"])


def test_per_event_override_and_category_opt_in() -> None:
    ev = deadline_event(remind=("1d", "30m"))
    assert [r.label for r in ladder_for(ev, DEFAULT, {})] == ["1d", "30m"]
    macro = deadline_event(category=Category.MACRO, action_deadline=False, action=None)
    assert [r.label for r in ladder_for(macro, DEFAULT, {"macro": ("15m",)})] == ["15m"]
    assert ladder_for(macro, DEFAULT, {}) == ()
    listing = deadline_event(category=Category.LISTING, action_deadline=False)
    assert ladder_for(listing, DEFAULT, {"macro": ("15m",)}) == ()


def test_date_only_deadline_is_start_of_day_in_source_zone() -> None:
    ev = deadline_event(start_time=None, starts_at=None, tz="UTC+8")
    d = deadline_of(ev, "Europe/Berlin")
    assert d.at == dt.datetime(2026, 5, 15, 16, tzinfo=UTC) and not d.exact
    no_zone = replace(ev, tz=None)
    assert deadline_of(no_zone, "Europe/Berlin").at == dt.datetime(2026, 5, 15, 22, tzinfo=UTC)
    rows, _ = run(ev, {}, dt.datetime(2026, 5, 1, tzinfo=UTC), tz="Europe/Berlin")
    msg = compose(by_rung(rows)["1d"], ev, "Europe/Berlin", dt.datetime(2026, 5, 14, 16, tzinfo=UTC))
    assert "exact time is unknown" in msg.body
    assert "start of that day in UTC+8" in msg.body
    assert "2026-05-15 16:00 UTC" in msg.body and "Sat 16 May 2026 00:00 Europe/Berlin" not in msg.body
    assert "Fri 15 May 2026 18:00 Europe/Berlin" in msg.body


@pytest.mark.parametrize(
    ("day", "expected_utc"),
    [
        (dt.date(2026, 3, 29), dt.datetime(2026, 3, 28, 23, tzinfo=UTC)),  # spring forward day: CET
        (dt.date(2026, 3, 30), dt.datetime(2026, 3, 29, 22, tzinfo=UTC)),  # first CEST day
        (dt.date(2026, 10, 25), dt.datetime(2026, 10, 24, 22, tzinfo=UTC)),  # fall back day: CEST
        (dt.date(2026, 10, 26), dt.datetime(2026, 10, 25, 23, tzinfo=UTC)),
    ],
)
def test_date_only_deadline_across_berlin_dst(day: dt.date, expected_utc: dt.datetime) -> None:
    ev = deadline_event(start_date=day, start_time=None, starts_at=None, tz="Europe/Berlin")
    assert deadline_of(ev, "UTC").at == expected_utc


def test_rungs_are_utc_spans_across_dst_and_step_through_sends_each_once() -> None:
    # 10:00 Berlin on the Monday after the spring change; the ladder crosses 02:00 -> 03:00.
    ev = deadline_event(
        start_date=dt.date(2026, 3, 30),
        start_time=dt.time(10),
        tz="Europe/Berlin",
        starts_at=dt.datetime(2026, 3, 30, 8, tzinfo=UTC),
    )
    rows: dict[str, Reminder] = {}
    sent: list[str] = []
    now = dt.datetime(2026, 3, 20, tzinfo=UTC)
    while now < dt.datetime(2026, 3, 31, tzinfo=UTC):
        rows, _ = run(ev, rows, now, tz="Europe/Berlin")
        for r in list(rows.values()):
            if r.status == RowStatus.PENDING and r.next_attempt_at is not None and r.next_attempt_at <= now:
                sent.append(r.rung)
                rows[r.rid] = replace(r, status=RowStatus.SENT, sent_at=now)
        now += dt.timedelta(minutes=30)
    assert sent == ["7d", "3d", "1d", "2h"]
    assert by_rung(rows)["1d"].due_at == dt.datetime(2026, 3, 29, 8, tzinfo=UTC)
    assert all(r.status == RowStatus.SENT for r in rows.values())


def test_clock_jumping_back_never_resends() -> None:
    now = dt.datetime(2026, 5, 15, 13, tzinfo=UTC)
    rows, _ = run(deadline_event(), {}, dt.datetime(2026, 5, 1, tzinfo=UTC))
    one_day = by_rung(rows)["1d"]
    rows[one_day.rid] = replace(one_day, status=RowStatus.SENT, sent_at=now)
    back = now - dt.timedelta(hours=5)
    after, plan = run(deadline_event(), rows, back)
    assert after[one_day.rid].status == RowStatus.SENT
    assert not plan.inserts and all(u.status != RowStatus.PENDING or u.rung != "1d" for u in plan.updates)


def test_moved_deadline_replans_unsent_only() -> None:
    rows, _ = run(deadline_event(), {}, dt.datetime(2026, 5, 1, tzinfo=UTC))
    seven = by_rung(rows)["7d"]
    rows[seven.rid] = replace(seven, status=RowStatus.SENT, sent_at=seven.due_at)
    moved = deadline_event(
        start_date=dt.date(2026, 5, 20), starts_at=dt.datetime(2026, 5, 20, 12, tzinfo=UTC)
    )
    after, plan = run(moved, rows, dt.datetime(2026, 5, 10, tzinfo=UTC))
    assert plan.replanned == 3 and plan.planned == 0
    r = by_rung(after)
    assert r["7d"].status == RowStatus.SENT and r["7d"].due_at == seven.due_at
    assert r["1d"].due_at == dt.datetime(2026, 5, 19, 12, tzinfo=UTC) and r["1d"].note == "deadline moved"
    assert r["1d"].deadline_at == dt.datetime(2026, 5, 20, 12, tzinfo=UTC)


def test_cancel_drops_pending_and_notifies_only_channels_that_were_told() -> None:
    rows, _ = run(deadline_event(), {}, dt.datetime(2026, 5, 1, tzinfo=UTC), channels=(STDOUT, MAIL))
    seven_mail = next(r for r in rows.values() if r.rung == "7d" and r.channel == MAIL.key)
    rows[seven_mail.rid] = replace(seven_mail, status=RowStatus.SENT)
    now = dt.datetime(2026, 5, 10, tzinfo=UTC)
    after, plan = run(deadline_event(status=Status.CANCELLED), rows, now, channels=(STDOUT, MAIL))
    assert plan.dropped == 7
    notices = [r for r in after.values() if r.kind == Kind.CANCELLED]
    assert [(n.channel, n.status, n.due_at) for n in notices] == [(MAIL.key, RowStatus.PENDING, now)]
    again, plan2 = run(
        deadline_event(status=Status.CANCELLED), after, now + dt.timedelta(minutes=5), channels=(STDOUT, MAIL)
    )
    assert not plan2.inserts and not plan2.updates
    msg = compose(notices[0], deadline_event(status=Status.CANCELLED), "UTC", now)
    assert msg.title.startswith("Cancelled:") and notices[0].rid in msg.body


def test_cancel_without_any_sent_reminder_sends_nothing() -> None:
    rows, _ = run(deadline_event(), {}, dt.datetime(2026, 5, 1, tzinfo=UTC))
    after, plan = run(deadline_event(status=Status.CANCELLED), rows, dt.datetime(2026, 5, 2, tzinfo=UTC))
    assert not plan.inserts and all(r.status == RowStatus.DROPPED for r in after.values())


def test_reinstated_event_revives_dropped_rows() -> None:
    rows, _ = run(deadline_event(), {}, dt.datetime(2026, 5, 1, tzinfo=UTC))
    rows, _ = run(deadline_event(status=Status.CANCELLED), rows, dt.datetime(2026, 5, 2, tzinfo=UTC))
    rows, plan = run(deadline_event(), rows, dt.datetime(2026, 5, 3, tzinfo=UTC))
    assert plan.replanned == 4 and all(r.status == RowStatus.PENDING for r in rows.values())


def test_ack_drops_the_rest_and_planning_does_not_bring_them_back() -> None:
    rows, _ = run(deadline_event(), {}, dt.datetime(2026, 5, 1, tzinfo=UTC))
    rows, plan = run(deadline_event(), rows, dt.datetime(2026, 5, 2, tzinfo=UTC), acked=True)
    assert plan.dropped == 4
    rows, plan = run(
        deadline_event(), rows, dt.datetime(2026, 5, 3, tzinfo=UTC), acked=True, channels=(STDOUT, MAIL)
    )
    assert not plan.inserts and {r.status for r in rows.values()} == {RowStatus.DROPPED}


def test_missed_rungs_catch_up_once_with_only_the_latest_sent() -> None:
    rows, _ = run(deadline_event(), {}, dt.datetime(2026, 5, 1, tzinfo=UTC))
    # Nothing ran from May 1 until 2026-05-15 18:00: 7d, 3d and 1d have passed, the deadline has not.
    after, plan = run(deadline_event(), rows, dt.datetime(2026, 5, 15, 18, tzinfo=UTC))
    r = by_rung(after)
    assert r["1d"].status == RowStatus.PENDING
    assert r["7d"].status == r["3d"].status == RowStatus.EXPIRED
    assert r["7d"].note == "superseded by a later reminder" and plan.expired == 2
    msg = compose(r["1d"], deadline_event(), "Europe/Berlin", dt.datetime(2026, 5, 15, 18, tzinfo=UTC))
    assert "Late:" in msg.body and "Sat 16 May 2026 14:00 Europe/Berlin" in msg.body
    assert "2026-05-16 12:00 UTC" in msg.body and "seeds/week-20.md" in msg.body


def test_event_found_late_plans_only_the_latest_passed_rung() -> None:
    rows, plan = run(deadline_event(), {}, dt.datetime(2026, 5, 14, tzinfo=UTC))
    assert plan.planned == 3 and plan.expired == 1
    assert {r.rung for r in rows.values() if r.status == RowStatus.PENDING} == {"3d", "1d", "2h"}
    assert by_rung(rows)["7d"].status == RowStatus.EXPIRED


def test_after_the_deadline_open_rows_expire_and_past_events_plan_nothing() -> None:
    rows, _ = run(deadline_event(), {}, dt.datetime(2026, 5, 1, tzinfo=UTC))
    after, plan = run(deadline_event(), rows, dt.datetime(2026, 5, 16, 12, 1, tzinfo=UTC))
    assert plan.expired == 4 and {r.status for r in after.values()} == {RowStatus.EXPIRED}
    assert {r.note for r in after.values()} == {"deadline passed"}
    _, plan2 = run(deadline_event(), {}, dt.datetime(2026, 6, 1, tzinfo=UTC))
    assert not plan2.inserts


def test_channel_labels_never_show_secrets() -> None:
    assert "s3cret" not in MAIL.label and "alice" not in MAIL.label
    assert MAIL.label.startswith("mailto://")
    assert redact("tgram://123456:ABCDEF/987").startswith("tgram://…#")
    assert STDOUT.label == "stdout://"
    with pytest.raises(InputError, match="bad notification URL"):
        channel("not a url")


def test_an_empty_per_event_ladder_means_never_and_drops_open_rows() -> None:
    rows, _ = run(deadline_event(), {}, dt.datetime(2026, 5, 1, tzinfo=UTC))
    after, plan = run(deadline_event(remind=()), rows, dt.datetime(2026, 5, 2, tzinfo=UTC))
    assert plan.dropped == 4 and not plan.inserts
    assert {r.note for r in after.values()} == {"no longer in the reminder ladder"}
