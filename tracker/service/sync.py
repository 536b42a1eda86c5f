"""The main job: ingest digests, refresh the feeds, plan reminders for what changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from tracker.config import Settings
from tracker.errors import InputError
from tracker.service.export import ExportResult, export_feeds
from tracker.service.ingest import DigestReport, ingest
from tracker.service.remind import PlanReport, plan_reminders

DEFAULT_SOURCES = ("seeds",)


@dataclass(frozen=True)
class SyncReport:
    digests: list[DigestReport]
    feeds: ExportResult
    reminders: PlanReport

    @property
    def failed(self) -> bool:
        return any(d.failed for d in self.digests)


def sync(
    settings: Settings,
    sources: list[str],
    *,
    out_dir: Path,
    now: dt.datetime,
    published: dt.date | None = None,
    tz: str | None = None,
) -> SyncReport:
    """Ingest ``sources`` (default ``seeds/``), write the feeds to ``out_dir``, plan reminders."""
    from tracker.store import open_store

    chosen = list(sources) or [s for s in DEFAULT_SOURCES if Path(s).is_dir()]
    if not chosen:
        raise InputError("nothing to sync: give digest files or folders, or run from a folder with seeds/")
    digests = ingest(settings.db_url, chosen, published=published, tz=tz, default_tz=settings.tz, now=now)
    feeds = export_feeds(settings, out_dir, now=now)
    with open_store(settings.db_url) as store:
        reminders = plan_reminders(settings, store, now)
    return SyncReport(digests, feeds, reminders)
