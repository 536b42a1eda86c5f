"""How fast `tracker list` answers, as a whole process, over a database of 10,000 events.

    python3 bench/cli_latency.py [--events 10000] [--runs 7] [--db URL]

Builds the database in a temporary folder (SQLite unless --db names another, empty, database),
then prints the median wall time of `python3 -m tracker --db URL list` (the default 14-day
window), of the same with --json, and of listing every event with --json. The target for the
first two is 0.3 s on the development machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.identity import org_key, subject_key  # noqa: E402
from tracker.models import Category, Event, Precision  # noqa: E402
from tracker.store import open_store  # noqa: E402


def build(url: str, count: int) -> None:
    rng = random.Random(7)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    today = now.date()
    categories = list(Category)
    with open_store(url) as store, store.writing() as w:
        for n in range(count):
            day = today + dt.timedelta(days=rng.randint(-365, 730))
            timed = rng.random() < 0.4
            at = dt.time(rng.randint(0, 23), rng.choice((0, 30))) if timed else None
            org = f"Org{n % 700}"
            title = f"{org} event number {n}"
            event = Event(
                uid=f"{day:%Y%m%d}-bench-{n}", title=title, category=rng.choice(categories),
                start_date=day, start_time=at, tz="UTC" if timed else None,
                starts_at=dt.datetime.combine(day, at, dt.UTC) if at else None,
                precision=Precision.TIME if timed else Precision.DAY, org=org,
                action_deadline=rng.random() < 0.05, created=now, updated=now,
            )  # fmt: skip
            w.insert(event, org_key(org), subject_key(title, org), now)


def median_seconds(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-m", "tracker", *args], cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", help="database URL (default: a SQLite file in a temporary folder)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = options.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        began = time.perf_counter()
        build(url, options.events)
        print(f"built {options.events} events in {time.perf_counter() - began:.1f} s ({url.split(':')[0]})")
        median_seconds(["--db", url, "list"], 1)  # warm the file cache
        for label, extra in [
            ("list", ["list"]),
            ("list --json", ["list", "--json"]),
            ("list --json, all events", ["list", "--from", "2000-01-01", "--to", "2100-01-01", "--json"]),
        ]:
            seconds = median_seconds(["--db", url, *extra], options.runs)
            print(f"median of {options.runs}: tracker {label:<26} {seconds:.3f} s")
        print(f"median of {options.runs}: python3 -c pass{'':<22} {median_seconds_raw(options.runs):.3f} s")


def median_seconds_raw(runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


if __name__ == "__main__":
    main()
