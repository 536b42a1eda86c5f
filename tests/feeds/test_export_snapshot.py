"""Re-export in a long-running process reads only the events that changed, and still gets them all.

The incremental snapshot must give exactly what a full read gives, after every kind of change.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tracker.config import Settings
from tracker.service.events import Edit, add_event, cancel_event, edit_event
from tracker.service.export import EventSnapshot, export_feeds
from tracker.service.ingest import ingest
from tracker.store import open_store

SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"
T0 = dt.datetime(2026, 5, 18, 6, 0, tzinfo=dt.UTC)


def _full(url: str) -> list[object]:
    with open_store(url) as store:
        return list(EventSnapshot().refresh(store))


def _incremental(snapshot: EventSnapshot, url: str) -> list[object]:
    with open_store(url) as store:
        return list(snapshot.refresh(store))


def test_snapshot_follows_cancel_edit_add_and_ingest(sqlite_url: str) -> None:
    ingest(sqlite_url, [str(SEEDS / "2026-05-11-reference-week.txt")], published=None, tz=None,
           default_tz="UTC", now=T0)  # fmt: skip
    snapshot = EventSnapshot()
    assert _incremental(snapshot, sqlite_url) == _full(sqlite_url)
    uids = [e.uid for e in _full(sqlite_url)]  # type: ignore[attr-defined]

    cancel_event(sqlite_url, uids[0], now=T0 + dt.timedelta(hours=1))
    assert _incremental(snapshot, sqlite_url) == _full(sqlite_url)

    edit_event(
        sqlite_url, uids[1], Edit(on=dt.date(2026, 5, 20)), default_tz="UTC", now=T0 + dt.timedelta(hours=2)
    )
    add_event(sqlite_url, "Hand-added vote", on=dt.date(2026, 5, 21), at=None, tz=None, default_tz="UTC",
              now=T0 + dt.timedelta(hours=3))  # fmt: skip
    ingest(sqlite_url, [str(SEEDS / "2026-05-24-en-day-bullets.txt")], published=None, tz=None,
           default_tz="UTC", now=T0 + dt.timedelta(hours=4))  # fmt: skip
    after = _incremental(snapshot, sqlite_url)
    assert after == _full(sqlite_url)
    cancelled = [e for e in after if e.uid == uids[0]]  # type: ignore[attr-defined]
    assert str(cancelled[0].status) == "cancelled"  # type: ignore[attr-defined]


def test_repeated_export_in_one_process_writes_what_a_fresh_export_writes(
    sqlite_url: str, tmp_path: Path
) -> None:
    ingest(sqlite_url, [str(SEEDS)], published=None, tz=None, default_tz="UTC", now=T0)
    settings = Settings(db_url=sqlite_url)
    export_feeds(settings, tmp_path / "kept")
    uid = _full(sqlite_url)[3].uid  # type: ignore[attr-defined]
    cancel_event(sqlite_url, uid, now=T0 + dt.timedelta(days=1))
    again = export_feeds(settings, tmp_path / "kept")
    assert again.written  # the cancellation reached the files

    from tracker.service import export as export_module

    export_module._SNAPSHOTS.clear()  # a cold process: nothing kept
    export_feeds(settings, tmp_path / "cold")
    kept = {p.name: p.read_bytes() for p in (tmp_path / "kept").glob("*.ics")}
    cold = {p.name: p.read_bytes() for p in (tmp_path / "cold").glob("*.ics")}
    assert kept == cold
