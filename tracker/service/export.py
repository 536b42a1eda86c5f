"""Write the .ics feeds of the store to a folder (``tracker export``, also run by ``tracker sync``).

Files: ``all.ics``, ``deadlines.ics`` and ``<category>.ics`` for each category with events. A file
is replaced (atomically) only when its bytes change, so an unchanged database touches nothing and
a web server's ETag / Last-Modified stay put. A category file left from an earlier export whose
category no longer has events is rewritten as an empty feed, so its subscribers drop the events.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tracker.config import Settings
from tracker.errors import InputError
from tracker.feeds import FeedQuery, VeventCache, feed_names, feed_set, parse_alarms, query_for_name
from tracker.models import Category, Event
from tracker.store import Store
from tracker.store.reads import sort_key

DEFAULT_OUT = Path("calendars")


@dataclass(frozen=True)
class FeedFile:
    name: str
    path: Path
    events: int
    written: bool  # False: the file already had exactly these bytes


@dataclass(frozen=True)
class ExportResult:
    feeds: list[FeedFile]
    events: int  # events in the store (cancelled included)

    @property
    def written(self) -> list[Path]:
        return [f.path for f in self.feeds if f.written]

    @property
    def unchanged(self) -> list[Path]:
        return [f.path for f in self.feeds if not f.written]


def export(
    settings: Settings,
    out_dir: Path,
    *,
    alarms: str | Sequence[dt.timedelta] = (),
    now: dt.datetime | None = None,
) -> list[Path]:
    """Export every feed; returns the paths that were (re)written. See ``export_feeds``."""
    return export_feeds(settings, out_dir, alarms=alarms, now=now).written


def export_feeds(
    settings: Settings,
    out_dir: Path,
    *,
    alarms: str | Sequence[dt.timedelta] = (),
    now: dt.datetime | None = None,
    cache: VeventCache | None = None,
    snapshot: EventSnapshot | None = None,
) -> ExportResult:
    """Read every event (cancelled included) from the store and write the feeds under ``out_dir``.

    ``cache`` (rendered events) and ``snapshot`` (events read) default to ones kept for the
    process, so a re-export in a long-running process only reads and renders what changed.

    ``alarms`` ("-P1D,-PT2H" or offsets) adds VALARMs to every event that is not cancelled.
    ``now`` is accepted so use cases share one signature; feeds never depend on the clock.
    """
    offsets = parse_alarms(alarms) if isinstance(alarms, str) else tuple(alarms)
    events = _load_events(settings, snapshot)
    return write_feeds(events, out_dir, alarms=offsets, cache=cache)


def _load_events(settings: Settings, snapshot: EventSnapshot | None = None) -> list[Event]:
    from tracker.store import open_store

    kept = snapshot if snapshot is not None else _SNAPSHOTS.setdefault(settings.db_url, EventSnapshot())
    with open_store(settings.db_url) as store:
        return kept.refresh(store)


class EventSnapshot:
    """The store's events as last read, brought up to date by reading only what changed.

    A long-running process (``tracker run --serve``, a benchmark, a watch loop) re-exports after
    one change without re-reading every event. Every change to an event moves its ``updated``
    (a new source included), so the events updated since the newest instant seen are exactly
    the ones to read again. A count that does not match afterwards means a full read.
    """

    def __init__(self) -> None:
        self._newest: dt.datetime | None = None
        self._events: dict[str, Event] = {}

    def refresh(self, store: Store) -> list[Event]:
        marker = (store.last_change(), store.count())
        if self._newest is None or marker[0] is None:
            self._events = {e.uid: e for e in store.events(include_cancelled=True)}
        elif marker != (self._newest, len(self._events)):
            for event in store.events(include_cancelled=True, updated_since=self._newest):
                self._events[event.uid] = event
            if len(self._events) != marker[1]:
                self._events = {e.uid: e for e in store.events(include_cancelled=True)}
        self._newest = max((e.updated for e in self._events.values() if e.updated), default=None)
        return sorted(self._events.values(), key=sort_key)


_SNAPSHOTS: dict[str, EventSnapshot] = {}


def write_feeds(
    events: Sequence[Event],
    out_dir: Path,
    *,
    alarms: tuple[dt.timedelta, ...] = (),
    cache: VeventCache | None = None,
) -> ExportResult:
    """Render and write every feed of ``events``; only files whose bytes changed are replaced."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"cannot create the output folder {out_dir}: {exc.strerror}; pass a writable --out DIR"
        ) from exc
    names = feed_names(events)
    categories = {str(c) for c in Category}
    stale = sorted(p.stem for p in out_dir.glob("*.ics") if p.stem in categories and p.stem not in names)
    queries: list[FeedQuery] = []
    for name in [*names, *stale]:
        query = query_for_name(name, alarms=alarms)
        assert query is not None  # every name above is a published feed name
        queries.append(query)
    feeds = []
    for name, chunks in feed_set(events, queries, cache=cache).items():
        path = out_dir / f"{name}.ics"
        changed = not _same_bytes(path, chunks)
        if changed:
            _replace(path, chunks)
        feeds.append(FeedFile(name, path, len(chunks) - 2, changed))  # minus head and tail
    return ExportResult(feeds, len(events))


def _same_bytes(path: Path, chunks: Sequence[bytes]) -> bool:
    """Whether ``path`` holds exactly the concatenation of ``chunks`` (compared without joining)."""
    try:
        if path.stat().st_size != sum(len(c) for c in chunks):
            return False
        with path.open("rb") as fh:
            return all(fh.read(len(c)) == c for c in chunks) and not fh.read(1)
    except OSError:
        return False


def _replace(path: Path, chunks: Iterable[bytes]) -> None:
    """Write to a temporary file beside ``path`` and rename it over: readers never see half a feed."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as fh:
            fh.writelines(chunks)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(
            f"cannot write {path}: {exc.strerror}; check the folder's permissions or pass --out DIR"
        ) from exc
