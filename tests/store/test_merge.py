"""One event, many reports: merge, reschedule, postpone, cancel, dispute, out-of-order, manual.

Reports are built as extraction gives them, so these run on both backends without a parser.
"""

from __future__ import annotations

import datetime as dt

from tests.store.helpers import T0, counts, digest, ingest, report
from tracker.models import Status
from tracker.service.events import Edit, add_event, cancel_event, edit_event
from tracker.store import Store

DAY = dt.timedelta(days=1)
AZUL = {"category": "upgrade", "org": "Base"}


def only(store: Store) -> tuple[str, dt.date, dt.time | None, Status, int, bool]:
    (e,) = store.events()
    return e.title, e.start_date, e.start_time, e.status, e.sequence, e.disputed


def test_same_event_from_two_outlets_is_one_event_with_both_sources(store: Store) -> None:
    first = digest("outlet-a.txt", "2026-05-11", report("2026-05-13", "Base Azul mainnet activation", **AZUL))
    second = digest(
        "outlet-b.txt", "2026-05-11",
        report("2026-05-13", "Launch of the Azul update on the mainnet of Base", "upgrade"),
        report("2026-05-13", "Base 的 Azul 升级", **AZUL),
    )  # fmt: skip
    assert counts(ingest(store, first)) == (1, 0, 0, 0)
    assert counts(ingest(store, second)) == (0, 0, 0, 2)
    (event,) = store.events()
    assert [s.location for s in event.sources] == ["outlet-a.txt", "outlet-b.txt", "outlet-b.txt"]
    assert event.sequence == 0 and event.updated == T0
    # re-ingest changes nothing
    assert counts(ingest(store, first, now=T0 + DAY)) == (0, 0, 1, 0)
    assert counts(ingest(store, second, now=T0 + DAY)) == (0, 0, 2, 0)
    assert store.events() == [event]


def test_reschedule_keeps_uid_bumps_sequence_and_keeps_history(store: Store) -> None:
    ingest(
        store, digest("w1.txt", "2026-05-04", report("2026-05-13", "Base Azul mainnet activation", **AZUL))
    )
    uid = store.events()[0].uid
    later = T0 + 7 * DAY
    moved = report("2026-05-20", "Base Azul upgrade on mainnet", **AZUL, time="16:00", tz="UTC",
                   precision="time", previous_date="2026-05-13")  # fmt: skip
    assert counts(ingest(store, digest("w2.txt", "2026-05-11", moved), now=later)) == (0, 1, 0, 0)
    event = store.get(uid)
    assert (event.start_date, event.start_time, event.sequence) == (dt.date(2026, 5, 20), dt.time(16), 1)
    assert event.starts_at == dt.datetime(2026, 5, 20, 16, tzinfo=dt.UTC)
    assert event.updated == later and event.created == T0
    kinds = [(h.kind, h.old_date, h.new_date, h.source) for h in store.history(uid)]
    assert kinds == [
        ("added", None, dt.date(2026, 5, 13), "w1.txt"),
        ("moved", dt.date(2026, 5, 13), dt.date(2026, 5, 20), "w2.txt"),
    ]


def test_precision_improves_without_a_new_event(store: Store) -> None:
    vague = report("2026-05-21", "Lumen token generation event", "launch", org="Lumen", precision="month")
    ingest(store, digest("w1.txt", "2026-05-04", vague))
    exact = report("2026-05-28", "Lumen TGE", "launch", org="Lumen", time="14:00", tz="UTC", precision="time")
    ingest(store, digest("w2.txt", "2026-05-18", exact), now=T0 + DAY)
    (event,) = store.events()
    assert (event.start_date, event.start_time, str(event.precision), event.sequence) == (
        dt.date(2026, 5, 28), dt.time(14), "time", 1,
    )  # fmt: skip
    assert store.history(event.uid)[-1].kind == "refined"
    # an older, vaguer report arriving later does not blur it again
    assert counts(ingest(store, digest("w0.txt", "2026-05-01", vague), now=T0 + 2 * DAY)) == (0, 0, 0, 1)
    assert store.events()[0].start_time == dt.time(14)


def test_postponed_without_date_is_tentative_then_cancelled(store: Store) -> None:
    vote = {"category": "regulation", "org": "U.S. Senate Banking Committee"}
    ingest(
        store,
        digest("w1.txt", "2026-05-11", report("2026-05-14", "Market structure bill markup vote", **vote)),
    )
    postponed = report(None, "Senate Banking Committee markup vote", **vote, status="tentative")
    assert counts(ingest(store, digest("w2.txt", "2026-05-13", postponed), now=T0 + DAY)) == (0, 1, 0, 0)
    assert only(store)[1:5] == (dt.date(2026, 5, 14), None, Status.TENTATIVE, 1)
    called_off = report("2026-05-14", "Markup vote on the market structure bill", **vote, status="cancelled")
    ingest(store, digest("w3.txt", "2026-05-15", called_off), now=T0 + 2 * DAY)
    assert only(store)[3:5] == (Status.CANCELLED, 2)
    assert [h.kind for h in store.history(store.events()[0].uid)] == ["added", "tentative", "cancelled"]


def test_sources_published_together_that_disagree_mark_a_dispute(store: Store) -> None:
    a = digest(
        "outlet-a.txt", "2026-05-11", report("2026-05-15", "UX Chain shuts down", "shutdown", org="UX Chain")
    )
    b = digest("outlet-b.txt", "2026-05-11",
               report("2026-05-16", "UX Chain full shutdown", "shutdown", org="UX Chain"))  # fmt: skip
    ingest(store, a)
    assert counts(ingest(store, b)) == (0, 1, 0, 0)
    title, day, _, _, sequence, disputed = only(store)
    assert (day, sequence, disputed) == (dt.date(2026, 5, 15), 1, True)
    uid = store.events()[0].uid
    assert {(c.location, c.date) for c in store.claims(uid)} == {
        ("outlet-a.txt", dt.date(2026, 5, 15)),
        ("outlet-b.txt", dt.date(2026, 5, 16)),
    }
    # newer news settles it
    c = digest(
        "outlet-c.txt", "2026-05-13", report("2026-05-16", "UX Chain shutdown", "shutdown", org="UX Chain")
    )
    ingest(store, c, now=T0 + DAY)
    assert only(store)[1:] == (dt.date(2026, 5, 16), None, Status.CONFIRMED, 2, False)


def test_older_digest_after_newer_never_rolls_back(store: Store) -> None:
    new = digest("w2.txt", "2026-05-11", report("2026-05-20", "Base Azul mainnet activation", **AZUL))
    old = digest("w1.txt", "2026-05-04", report("2026-05-13", "Base Azul mainnet activation", **AZUL))
    ingest(store, new)
    assert counts(ingest(store, old, now=T0 + DAY)) == (0, 0, 0, 1)
    event = store.events()[0]
    assert (event.start_date, event.sequence, len(event.sources)) == (dt.date(2026, 5, 20), 0, 2)


def test_manual_changes_win_until_handed_back(store: Store) -> None:
    ingest(
        store, digest("w1.txt", "2026-05-04", report("2026-05-13", "Base Azul mainnet activation", **AZUL))
    )
    uid = store.events()[0].uid
    edited = edit_event(store.url, uid, Edit(on=dt.date(2026, 5, 14)), default_tz="UTC", now=T0 + DAY)
    assert edited.manual and edited.start_date == dt.date(2026, 5, 14)
    newer = digest("w2.txt", "2026-05-11", report("2026-05-20", "Base Azul mainnet activation", **AZUL))
    assert counts(ingest(store, newer, now=T0 + 2 * DAY)) == (0, 0, 0, 1)
    assert store.get(uid).start_date == dt.date(2026, 5, 14)
    handed = edit_event(store.url, uid, Edit(auto=True), default_tz="UTC", now=T0 + 3 * DAY)
    assert not handed.manual
    later = digest("w3.txt", "2026-05-18", report("2026-05-21", "Base Azul mainnet activation", **AZUL))
    ingest(store, later, now=T0 + 4 * DAY)
    assert store.get(uid).start_date == dt.date(2026, 5, 21)
    assert [h.kind for h in store.history(uid)] == ["added", "moved", "auto", "moved"]


def test_added_and_cancelled_by_hand(store: Store) -> None:
    event = add_event(store.url, "Exchange maintenance window", on=dt.date(2026, 5, 19), at=dt.time(9, 30),
                      tz="UTC+8", default_tz="UTC", cat="other", org="ExampleEx", deadline=True,
                      action="withdraw assets", remind="3d,2h", now=T0)  # fmt: skip
    assert event.starts_at == dt.datetime(2026, 5, 19, 1, 30, tzinfo=dt.UTC)
    stored = store.get(event.uid)
    assert stored.manual and stored.remind == ("3d", "2h") and stored.action == "withdraw assets"
    # a digest reporting the same event attaches as a source but does not move it
    same = report("2026-05-20", "ExampleEx exchange maintenance window", "other", org="ExampleEx")
    assert counts(ingest(store, digest("w.txt", "2026-05-18", same))) == (0, 0, 0, 1)
    cancelled = cancel_event(store.url, event.uid[:12], now=T0 + DAY)
    assert cancelled.status == Status.CANCELLED and cancelled.sequence == 1
    assert store.get(event.uid).start_date == dt.date(2026, 5, 19)
    assert [c.kind for c in store.changes(T0 + DAY)] == ["cancelled"]


def test_a_report_in_an_unknown_zone_is_stored_with_a_problem(store: Store) -> None:
    odd = report("2026-05-13", "Base Azul mainnet activation", **AZUL, time="14:00", tz="Atlantis/Central")
    result = ingest(store, digest("odd.txt", "2026-05-11", odd), tz="UTC+8")
    assert counts(result) == (1, 0, 0, 0)
    assert [p.message for p in result.problems] == [
        "unknown zone 'Atlantis/Central' for 'Base Azul mainnet activation': its time is read in UTC+8"
    ]
    (event,) = store.events()
    assert event.tz is None and event.starts_at == dt.datetime(2026, 5, 13, 6, tzinfo=dt.UTC)
