"""Reminder daemon figures (issue 6): start time and memory with 100,000 pending reminders,
delivery throughput to a local HTTP sink, and lateness percentiles.

    python3 bench/reminders.py [--db URL] [--events 25000] [--burst 2000] [--timed 600]

Without --db a fresh SQLite file in a temporary folder is used. Prints its figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.config import Settings  # noqa: E402
from tracker.models import Category, Event  # noqa: E402
from tracker.service.remind import plan_reminders  # noqa: E402
from tracker.store import Store, ledger, open_store  # noqa: E402

UTC = dt.UTC


class Sink:
    def __init__(self) -> None:
        self.arrivals: dict[str, float] = {}
        self.count = 0
        self.lock = threading.Lock()
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with sink.lock:
                    sink.arrivals[self.headers.get("X-Tracker-Reminder-Id", "")] = time.time()
                    sink.count += 1
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"json://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait(self, n: int, timeout: float) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end and self.count < n:
            time.sleep(0.05)


def event(uid: str, at: dt.datetime, remind: tuple[str, ...] | None = None) -> Event:
    now = dt.datetime.now(UTC)
    return Event(uid=uid, title=f"Withdraw from {uid}", category=Category.SHUTDOWN, start_date=at.date(),
                 start_time=at.time(), tz="UTC", starts_at=at, action_deadline=True, action="withdraw assets",
                 remind=remind, created=now, updated=now)  # fmt: skip


def put(store: Store, events: list[Event]) -> None:
    with store.writing() as w:
        for e in events:
            w.insert(e, e.uid, e.title.lower(), None)


def start_daemon(
    db: str, notify: str, until: bytes = b"delivering through"
) -> tuple[subprocess.Popen[bytes], float]:
    """Start `tracker run`; return it and the seconds until its log shows ``until``."""
    t0 = time.perf_counter()
    log = Path(tempfile.mkstemp(prefix="tracker-daemon-", suffix=".log")[1])
    with log.open("wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "tracker", "--db", db, "run", "--notify", notify],
                                cwd=ROOT, stderr=err, stdout=subprocess.DEVNULL)  # fmt: skip
    while proc.poll() is None:
        if until in log.read_bytes():
            print(f"  (daemon log: {log})")
            return proc, time.perf_counter() - t0
        time.sleep(0.01)
    raise SystemExit(f"daemon exited early with {proc.wait()}: {log.read_text()}")


def rss_mb(pid: int) -> tuple[float, float]:
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line
    )
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    proc.wait(30)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db")
    ap.add_argument("--events", type=int, default=25_000, help="action deadlines, 4 reminders each")
    ap.add_argument("--burst", type=int, default=2_000, help="reminders already due at start")
    ap.add_argument("--timed", type=int, default=300, help="reminders falling due while running")
    ap.add_argument("--rate", type=float, default=10.0, help="of those, how many fall due per second")
    ap.add_argument("--wal", action="store_true", help="put the SQLite file in WAL mode first (comparison)")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="tracker-bench-")
    os.environ.setdefault("TRACKER_HOME", tmp)
    os.environ["TRACKER_CONFIG"] = str(Path(tmp) / "none.toml")
    db = args.db or f"sqlite:///{tmp}/bench.db"
    sink = Sink()
    if args.wal and db.startswith("sqlite:///"):
        import sqlite3

        Path(db[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(db[len("sqlite:///") :]) as conn:
            conn.execute("PRAGMA journal_mode=WAL")
    store = open_store(db)
    settings = Settings(db_url=db, notify=(sink.url,))
    now = dt.datetime.now(UTC).replace(microsecond=0)

    t = time.perf_counter()
    put(store, [event(f"far-{i:06d}", now + dt.timedelta(days=30, minutes=i)) for i in range(args.events)])
    report = plan_reminders(settings, store, now)
    print(
        f"setup: {args.events} events, {report.planned} reminders planned in {time.perf_counter() - t:.1f} s"
    )

    proc, started = start_daemon(db, sink.url)
    print(f"daemon start with {report.planned} pending reminders: delivering after {started:.2f} s")
    stop(proc)
    proc, planned = start_daemon(db, sink.url, b"re-planned")
    rss, peak = rss_mb(proc.pid)
    print(
        f"  first full re-plan (background) done after {planned:.2f} s; RSS {rss:.0f} MB (peak {peak:.0f} MB)"
    )
    stop(proc)

    due = dt.datetime.now(UTC) - dt.timedelta(seconds=1)
    put(store, [event(f"burst-{i:05d}", due + dt.timedelta(hours=1), ("1h",)) for i in range(args.burst)])
    plan_reminders(settings, store, dt.datetime.now(UTC))
    t = time.perf_counter()
    proc, _ = start_daemon(db, sink.url)
    sink.wait(args.burst, timeout=600)
    took = time.perf_counter() - t
    print(f"burst: {sink.count} of {args.burst} due reminders delivered in {took:.1f} s "
          f"({sink.count / took:.0f}/s, including start-up)")  # fmt: skip

    base = sink.count
    first = dt.datetime.now(UTC).replace(microsecond=0) + dt.timedelta(seconds=15)
    spread = [first + dt.timedelta(seconds=i / args.rate) for i in range(args.timed)]
    put(
        store, [event(f"timed-{i:05d}", at + dt.timedelta(minutes=1), ("1m",)) for i, at in enumerate(spread)]
    )
    plan_reminders(settings, store, dt.datetime.now(UTC))  # what `tracker sync` does after ingesting
    print(
        f"timed: {args.timed} reminders due from {first:%H:%M:%S} UTC, {args.rate:g} per second, planned by "
        "another process while the daemon runs"
    )
    sink.wait(base + args.timed, timeout=120 + args.timed / args.rate)
    rss, peak = rss_mb(proc.pid)
    stop(proc)
    due_at = {r.rid: r.due_at.timestamp() for r in ledger.rows(store.engine) if r.uid.startswith("timed-")}
    late = [sink.arrivals[rid] - due_at[rid] for rid in due_at if rid in sink.arrivals]
    print(f"timed: {len(late)} delivered; lateness (arrival at the sink - due): "
          f"p50 {pct(late, 50):.3f} s, p90 {pct(late, 90):.3f} s, p99 {pct(late, 99):.3f} s, "
          f"max {max(late):.3f} s")  # fmt: skip
    print(f"daemon RSS at the end {rss:.0f} MB (peak {peak:.0f} MB)")
    statuses: dict[str, int] = {}
    for r in ledger.rows(store.engine):
        statuses[r.status] = statuses.get(r.status, 0) + 1
    print("ledger:", json.dumps(statuses, sort_keys=True))
    store.close()


if __name__ == "__main__":
    main()
