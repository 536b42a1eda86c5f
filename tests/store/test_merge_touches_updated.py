"""A second source for a known event moves `updated` (the feeds list it) but not the date or SEQUENCE."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tracker.service.ingest import ingest
from tracker.store import open_store

SERIES = Path(__file__).resolve().parent.parent / "fixtures" / "series"
T0 = dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC)


def test_merged_source_bumps_updated_only(db_url: str) -> None:
    ingest(
        db_url, [str(SERIES / "2026-06-01-outlet-a.txt")], published=None, tz=None, default_tz="UTC", now=T0
    )
    with open_store(db_url) as store:
        before = {e.uid: e for e in store.events()}
    later = T0 + dt.timedelta(hours=3)
    (report,) = ingest(
        db_url,
        [str(SERIES / "2026-06-01-outlet-b.txt")],
        published=None,
        tz=None,
        default_tz="UTC",
        now=later,
    )
    assert report.merged >= 1 and report.new == 0
    with open_store(db_url) as store:
        after = {e.uid: e for e in store.events()}
        assert store.last_change() == later
    merged = [uid for uid, e in after.items() if len(e.sources) == 2]
    assert len(merged) == report.merged
    for uid in merged:
        old, new = before[uid], after[uid]
        assert new.updated == later and old.updated == T0
        assert (new.start_date, new.start_time, new.sequence) == (
            old.start_date,
            old.start_time,
            old.sequence,
        )
    for uid in set(after) - set(merged):
        assert after[uid].updated == before[uid].updated
