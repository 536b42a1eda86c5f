"""`tracker run` as real processes: on time, restart after kill -9, one daemon per SQLite file,
several daemons on PostgreSQL delivering each reminder exactly once (at least once after SIGKILL)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.reminders.conftest import Sink, deadline_event, put
from tracker.cli import app
from tracker.config import Settings
from tracker.reminders import channel
from tracker.service.remind import plan_reminders
from tracker.store import Store, ledger, open_store

ROOT = Path(__file__).resolve().parents[2]
UTC = dt.UTC


def daemon(db_url: str, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", "--db", db_url, "run", "--replan-every", "1", *args],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


@pytest.fixture
def procs() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for p in started:
        if p.poll() is None:
            p.kill()
        p.wait(10)
        for stream in (p.stdout, p.stderr):
            if stream:
                stream.close()


def soon(seconds: float) -> dt.datetime:
    return (dt.datetime.now(UTC) + dt.timedelta(seconds=seconds)).replace(microsecond=0)


def one_minute_event(uid: str, due: dt.datetime) -> object:
    at = due + dt.timedelta(minutes=1)
    return deadline_event(uid=uid, title=f"Claim {uid}", start_date=at.date(), starts_at=at, remind=("1m",),
                          updated=dt.datetime.now(UTC))  # fmt: skip


def wait_until(check: object, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError("condition not reached in time")


def test_sqlite_daemon_sends_on_time_survives_kill_9_and_refuses_a_second(
    sqlite_url: str, sink: Sink, procs: list[subprocess.Popen[bytes]]
) -> None:
    store = open_store(sqlite_url)
    put(store, one_minute_event("first", soon(4)))
    procs.append(daemon(sqlite_url, "--notify", sink.url))
    sink.wait(1, timeout=30)
    (row,) = ledger.rows(store.engine, ["sent"])
    assert sink.ids() == [row.rid] and not row.late
    assert row.sent_at is not None and row.sent_at >= row.due_at

    second = CliRunner().invoke(app, ["--db", sqlite_url, "run", "--notify", sink.url])
    assert second.exit_code == 1
    assert "another `tracker run`" in second.stderr and "SQLite allows one daemon" in second.stderr

    procs[0].send_signal(signal.SIGKILL)
    procs[0].wait(10)
    # Written by "another process" while no daemon runs: picked up by the restarted daemon.
    put(store, one_minute_event("second", soon(3)))
    procs.append(daemon(sqlite_url, "--notify", sink.url))
    sink.wait(2, timeout=30)
    time.sleep(1.5)
    assert Counter(sink.ids()).most_common(1)[0][1] == 1 and len(sink.posts) == 2
    procs[1].send_signal(signal.SIGTERM)
    assert procs[1].wait(15) == 0
    assert b"stopped" in (procs[1].stderr.read() if procs[1].stderr else b"")
    store.close()


def test_daemon_picks_up_events_ingested_while_it_runs(
    sqlite_url: str, sink: Sink, procs: list[subprocess.Popen[bytes]]
) -> None:
    store = open_store(sqlite_url)
    procs.append(daemon(sqlite_url, "--notify", sink.url))
    time.sleep(2)
    put(store, one_minute_event("late-news", soon(3)))
    sink.wait(1, timeout=30)
    assert "Claim late-news" in sink.posts[0]["message"]
    store.close()


def many_due(store: Store, count: int, notify: str) -> None:
    due = dt.datetime.now(UTC) - dt.timedelta(seconds=5)
    put(store, *[one_minute_event(f"ev{i:04d}", due) for i in range(count)])  # type: ignore[arg-type]
    s = Settings(db_url=str(store.engine.url), notify=(notify,))
    assert plan_reminders(s, store, dt.datetime.now(UTC)).planned == count


def test_four_daemons_on_postgresql_deliver_each_of_1000_exactly_once(
    pg_url: str, sink: Sink, procs: list[subprocess.Popen[bytes]]
) -> None:
    store = open_store(pg_url)
    many_due(store, 1000, sink.url)
    procs.extend(daemon(pg_url, "--notify", sink.url) for _ in range(4))
    sink.wait(1000, timeout=120)
    time.sleep(2)
    counts = Counter(sink.ids())
    assert len(counts) == 1000 and max(counts.values()) == 1 and len(sink.posts) == 1000
    rows = ledger.rows(store.engine)
    assert {r.status for r in rows} == {"sent"} and {r.rid for r in rows} == set(counts)
    owners = {line.split("owner ")[1] for p in procs for line in _stop(p) if "owner " in line}
    assert len(owners) == 4
    store.close()


def _stop(p: subprocess.Popen[bytes]) -> list[str]:
    p.send_signal(signal.SIGTERM)
    p.wait(15)
    return (p.stderr.read() if p.stderr else b"").decode().splitlines()


def test_a_daemon_killed_mid_batch_loses_nothing(
    pg_url: str, sink: Sink, procs: list[subprocess.Popen[bytes]]
) -> None:
    store = open_store(pg_url)
    many_due(store, 400, sink.url)
    sink.delay = 0.01
    procs.extend(daemon(pg_url, "--notify", sink.url, "--lease", "3") for _ in range(4))
    sink.wait(100, timeout=60)
    os.kill(procs[0].pid, signal.SIGKILL)
    sink.wait(400, timeout=120)
    wait_until(lambda: {r.status for r in ledger.rows(store.engine)} == {"sent"}, timeout=60)
    counts = Counter(sink.ids())
    assert len(counts) == 400  # nothing lost
    assert sum(counts.values()) - 400 <= 1  # at most the one in flight was sent twice
    assert {r.rid for r in ledger.rows(store.engine, ["sent"])} == set(counts)
    assert channel(sink.url).key
    store.close()


def test_run_serve_also_serves_the_feeds(sqlite_url: str, sink: Sink, tmp_path: Path) -> None:
    import re
    import urllib.request

    store = open_store(sqlite_url)
    put(store, one_minute_event("served", soon(3)))
    log = tmp_path / "daemon.log"
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tracker", "--db", sqlite_url, "run", "--serve", "--port", "0",
             "--notify", sink.url],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err,
        )  # fmt: skip
    try:
        wait_until(lambda: re.search(r"serving (http://\S+)", log.read_text()), timeout=30)
        found = re.search(r"serving (http://\S+)", log.read_text())
        assert found
        base = found.group(1).rstrip("/")
        with urllib.request.urlopen(f"{base}/calendars/all.ics", timeout=10) as answer:
            assert answer.status == 200 and b"BEGIN:VCALENDAR" in answer.read()
        sink.wait(1, timeout=30)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(15)
    assert "stopped" in log.read_text()
    store.close()
