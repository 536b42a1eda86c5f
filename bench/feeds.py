"""Feed export speed and memory (issue 5). Prints figures; asserts nothing.

    python3 bench/feeds.py                 # 10,000 and 100,000 events, pure and through SQLite
    python3 bench/feeds.py --quick         # 10,000 only
    python3 bench/feeds.py --keep /tmp/b   # keep the built databases there, reuse them next time

Each measurement runs in a fresh Python process ("cold": empty caches, nothing imported yet
except what the measurement itself needs), so numbers are not flattered by earlier runs.

- render: ``write_feeds`` on in-memory events (all.ics, deadlines.ics, one per category), then
  the same after one event changed (the per-event cache at work), then with nothing changed.
- store: a SQLite database of the same events; ``export_feeds`` reads it and writes the feeds
  (what `tracker export` does), then `tracker cancel`-style change of one event and export again
  in the same process, and the whole `tracker export` command as a process.
Peak memory is the process's maximum resident set size (ru_maxrss), interpreter included.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.models import Category, Event, Extracted, Precision, SourceRef, Status  # noqa: E402

UTC = dt.UTC
CATEGORIES = list(Category)
ZONES = ["UTC+8", "America/New_York", "Europe/Berlin", "UTC"]
ACTIONS = ["withdraw assets", "export data", "claim tokens", "migrate positions"]


def make_event(i: int) -> Event:
    """A plausible event: every third timed, one in ten an action deadline, one source each."""
    day = dt.date(2026, 1, 1) + dt.timedelta(days=i % 900)
    timed = i % 3 == 0
    org = f"Org{i % 211}"
    deadline = i % 10 == 0
    precision = [Precision.DAY] * 8 + [Precision.WEEK, Precision.MONTH]
    title = f"{org} {CATEGORIES[i % len(CATEGORIES)].value} milestone {i}"
    return Event(
        uid=f"{day:%Y%m%d}-{org.lower()}-milestone-{i}",
        title=title,
        category=CATEGORIES[i % len(CATEGORIES)],
        start_date=day,
        start_time=dt.time(14, 0) if timed else None,
        tz=ZONES[i % 4] if timed else None,
        starts_at=dt.datetime.combine(day, dt.time(6, 0), UTC) if timed else None,
        precision=Precision.TIME if timed else precision[i % 10],
        org=org,
        action_deadline=deadline,
        action=ACTIONS[i % 4] if deadline else None,
        status=Status.CANCELLED if i % 50 == 0 else Status.CONFIRMED,
        sequence=i % 3,
        created=dt.datetime(2026, 1, 1, 9, tzinfo=UTC),
        updated=dt.datetime(2026, 1, 2, 9, tzinfo=UTC) + dt.timedelta(minutes=i),
        sources=(
            SourceRef(
                f"https://digests.example.org/week-{i % 52}",
                title=f"Week {i % 52} preview",
                published=day - dt.timedelta(days=3),
                evidence=f"On {day:%A, %B %d}, {org} ships {title.lower()}; users are asked to "
                "review their positions and withdraw assets before the cut-off if they want to exit.",
            ),
        ),
    )


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- measurements, each run in its own process ---------------------------------------------------


def measure_render(n: int) -> dict[str, float]:
    from tracker.feeds import DEFAULT_CACHE
    from tracker.service.export import write_feeds

    events = [make_event(i) for i in range(n)]
    built_mb = peak_mb()
    out = Path(tempfile.mkdtemp(prefix="bench-feeds-"))
    t = time.perf_counter()
    first = write_feeds(events, out)
    cold = time.perf_counter() - t
    events[n // 2] = dataclasses.replace(
        events[n // 2], sequence=events[n // 2].sequence + 1, status=Status.CANCELLED,
        updated=dt.datetime(2026, 6, 1, tzinfo=UTC),
    )  # fmt: skip
    t = time.perf_counter()
    second = write_feeds(events, out)
    one_change = time.perf_counter() - t
    t = time.perf_counter()
    third = write_feeds(events, out)
    unchanged = time.perf_counter() - t
    return {
        "events": n,
        "cold_s": cold,
        "one_change_s": one_change,
        "unchanged_s": unchanged,
        "feeds": len(first.feeds),
        "rewritten_after_change": len(second.written),
        "rewritten_unchanged": len(third.written),
        "bytes": sum(p.stat().st_size for p in out.glob("*.ics")),
        "cache_entries": len(DEFAULT_CACHE),
        "events_built_mb": built_mb,
        "peak_mb": peak_mb(),
    }


def build_store(n: int, url: str) -> None:
    from tracker.identity import org_key, subject_key
    from tracker.store import open_store

    with open_store(url) as store, store.writing() as w:
        for i in range(n):
            ev = make_event(i)
            keys = org_key(ev.org), subject_key(ev.title, ev.org)
            w.insert(dataclasses.replace(ev, sources=()), *keys, None)
            src = ev.sources[0]
            assert ev.created is not None
            info = w.source(src.location, src.title, src.published, f"{i:064x}", ev.created)
            report = Extracted(ev.start_date, ev.title, evidence=src.evidence, end=len(src.evidence))
            w.attach(ev.uid, info.id, report)


def measure_store(n: int, url: str) -> dict[str, float]:
    from tracker.config import Settings
    from tracker.service.events import cancel_event
    from tracker.service.export import export_feeds

    settings = Settings(db_url=url)
    out = Path(tempfile.mkdtemp(prefix="bench-export-"))
    t = time.perf_counter()
    first = export_feeds(settings, out)
    cold = time.perf_counter() - t
    cancel_event(url, make_event(n // 2 + 1).uid, now=dt.datetime(2026, 6, 1, tzinfo=UTC))
    t = time.perf_counter()
    second = export_feeds(settings, out)
    one_change = time.perf_counter() - t
    t = time.perf_counter()
    third = export_feeds(settings, out)
    unchanged = time.perf_counter() - t
    t = time.perf_counter()
    from tracker.store import open_store

    with open_store(url) as store:
        store.events(include_cancelled=True)
    read_only = time.perf_counter() - t
    return {
        "events": first.events,
        "cold_s": cold,
        "one_change_s": one_change,
        "unchanged_s": unchanged,
        "store_read_s": read_only,
        "rewritten_after_change": len(second.written),
        "rewritten_unchanged": len(third.written),
        "out": str(out),
        "peak_mb": peak_mb(),
    }


def child(kind: str, n: int, url: str) -> None:
    if kind == "render":
        result = measure_render(n)
    elif kind == "build":
        t = time.perf_counter()
        build_store(n, url)
        result = {"events": n, "build_s": time.perf_counter() - t}
    else:
        result = measure_store(n, url)
    print(json.dumps(result))


def run_child(kind: str, n: int, url: str = "") -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(n), url], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        sys.exit(f"{kind} {n} failed:\n{proc.stderr}")
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def cli_process(url: str, out: Path) -> float:
    env = {**os.environ, "TRACKER_DB": url}
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tracker", "export", "--out", str(out)], env=env, cwd=ROOT,
                   check=True, capture_output=True)  # fmt: skip
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="10,000 events only")
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the built databases in")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.child[2])
        return
    sizes = [10_000] if args.quick else [10_000, 100_000]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; every figure from a fresh process")
    print("\nrender + write (events in memory; all, deadlines and 11 category feeds)")
    for n in sizes:
        r = run_child("render", n)
        print(
            f"  {n:>7,} events: cold {r['cold_s']:.2f} s | one event changed {r['one_change_s']:.3f} s "
            f"({r['rewritten_after_change']:.0f} of {r['feeds']:.0f} files rewritten) | unchanged "
            f"{r['unchanged_s']:.3f} s | {r['bytes'] / 1e6:.1f} MB of .ics | peak RSS {r['peak_mb']:.0f} MB "
            f"(events alone {r['events_built_mb']:.0f} MB)"
        )
    print("\nthrough the store (SQLite file; export_feeds = read events + render + write)")
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        for n in sizes:
            db = (args.keep or Path(tmp)) / f"feeds-{n}.db"
            pristine = db.with_suffix(".pristine")  # the measurement cancels an event: work on a copy
            if not pristine.exists():
                pristine.parent.mkdir(parents=True, exist_ok=True)
                built = run_child("build", n, f"sqlite:///{pristine}")
            else:
                built = {}
            shutil.copyfile(pristine, db)
            url = f"sqlite:///{db}"
            r = run_child("store", n, url)
            print(
                f"  {n:>7,} events (database "
                + (f"built in {built['build_s']:.0f} s" if built else f"reused from {pristine}")
                + "): "
                f"cold export {r['cold_s']:.2f} s (store read alone {r['store_read_s']:.2f} s) | "
                f"one event cancelled {r['one_change_s']:.3f} s "
                f"({r['rewritten_after_change']:.0f} files rewritten) | unchanged {r['unchanged_s']:.3f} s | "
                f"peak RSS {r['peak_mb']:.0f} MB"
            )
            if n == sizes[0]:
                wall = cli_process(url, Path(tmp) / "cli-out")
                print(f"  `tracker export` as a whole process, {n:,} events: {wall:.2f} s wall")
    print("\ntargets: 10k cold <= 2 s, re-export after one change <= 0.25 s, 100k <= 20 s and < 500 MB")


if __name__ == "__main__":
    main()
