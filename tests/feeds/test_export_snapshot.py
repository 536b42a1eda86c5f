"""Re-export in a long-running process writes exactly what a fresh process writes.

After every kind of change (cancel, edit, add, a new digest, and a digest that only confirms
stored events, which adds sources without touching ``updated``), the per-event cache must never
serve an old rendering, nor the kept snapshot an old event: the files equal those of an
export with an empty cache and a fresh read.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tracker.config import Settings
from tracker.feeds import VeventCache
from tracker.service.events import Edit, add_event, cancel_event, edit_event
from tracker.service.export import EventSnapshot, export_feeds
from tracker.service.ingest import ingest
from tracker.store import open_store

SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"
REFERENCE = SEEDS / "2026-05-11-reference-week.txt"
T0 = dt.datetime(2026, 5, 18, 6, 0, tzinfo=dt.UTC)


def same_as_cold(settings: Settings, kept: Path, tmp: Path, step: str) -> None:
    """Export again into ``kept`` (warm cache) and into a new folder with a new cache; compare."""
    export_feeds(settings, kept)
    cold = tmp / f"cold-{step}"
    export_feeds(settings, cold, cache=VeventCache(), snapshot=EventSnapshot())
    assert {p.name: p.read_bytes() for p in kept.glob("*.ics")} == {
        p.name: p.read_bytes() for p in cold.glob("*.ics")
    }, f"after {step}"


def test_repeated_export_follows_every_kind_of_change(sqlite_url: str, tmp_path: Path) -> None:
    def at(hours: int) -> dt.datetime:
        return T0 + dt.timedelta(hours=hours)

    def digest(path: Path, hours: int) -> None:
        ingest(sqlite_url, [str(path)], published=None, tz=None, default_tz="UTC", now=at(hours))

    settings, kept = Settings(db_url=sqlite_url), tmp_path / "kept"
    digest(REFERENCE, 0)
    export_feeds(settings, kept)
    with open_store(sqlite_url) as store:
        uids = [e.uid for e in store.events()]

    cancel_event(sqlite_url, uids[0], now=at(1))
    same_as_cold(settings, kept, tmp_path, "cancel")
    edit_event(sqlite_url, uids[1], Edit(on=dt.date(2026, 5, 20)), default_tz="UTC", now=at(2))
    same_as_cold(settings, kept, tmp_path, "edit")
    add_event(sqlite_url, "Hand-added vote", on=dt.date(2026, 5, 21), at=None, tz=None, default_tz="UTC",
              now=at(3))  # fmt: skip
    same_as_cold(settings, kept, tmp_path, "add")
    digest(SEEDS / "2026-05-24-en-day-bullets.txt", 4)
    same_as_cold(settings, kept, tmp_path, "new digest")

    before = (kept / "all.ics").read_bytes()
    confirming = tmp_path / "2026-05-11-repost.txt"  # the same week, reposted with other wording
    confirming.write_text(REFERENCE.read_text(encoding="utf-8").replace("In other news", "Elsewhere"))
    digest(confirming, 5)
    same_as_cold(settings, kept, tmp_path, "confirming digest")
    assert (kept / "all.ics").read_bytes() != before  # the new source is listed
    assert b"2026-05-11-repost.txt" in (kept / "all.ics").read_bytes().replace(b"\r\n ", b"")
