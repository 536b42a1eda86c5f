"""Feed server throughput on 127.0.0.1, with a plain static file server as the baseline.

    python3 bench/server.py [--events 1000] [--seconds 5] [--connections 16]

Builds a SQLite store of N events in a temporary folder, starts `tracker serve` on it (its own
process, 127.0.0.1, a free port), saves the bytes of /calendars/all.ics, and serves the very same
bytes with two static servers: starlette's StaticFiles on uvicorn (the same HTTP stack, so the
difference is tracker's own work) and `python -m http.server`. Against each it measures, for a
fixed duration on loopback only:

    conditional GETs/s   If-None-Match with the current ETag -> 304
                         (http.server knows no ETags: If-Modified-Since -> 304)
    full GETs/s          the whole feed -> 200

The load comes from `wrk` when it is installed (apt-get install wrk), else from a small Python
keep-alive client in threads (which is itself the bottleneck sooner; the output says which).
Target (issue 5): >= 1,000 conditional GETs/s on 2 cores, and full GETs without re-rendering
the feed per request (compare with the render time printed first).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.feeds import VeventCache, query_for_name, render_feed  # noqa: E402
from tracker.identity import org_key, subject_key  # noqa: E402
from tracker.models import Category, Event, Precision, SourceRef  # noqa: E402
from tracker.store import open_store  # noqa: E402

STATIC_APP = """
import sys, uvicorn
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
app = Starlette(routes=[Mount("/calendars", StaticFiles(directory=sys.argv[1]))])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False)
"""


def build(url: str, count: int) -> None:
    """N events spread over two years, with sources and descriptions like ingested ones."""
    rng = random.Random(5)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    categories = list(Category)
    with open_store(url) as store, store.writing() as w:
        for n in range(count):
            day = now.date() + dt.timedelta(days=rng.randint(-60, 670))
            at = dt.time(rng.randint(0, 23), rng.choice((0, 30))) if rng.random() < 0.4 else None
            org = f"Org {n % 300}"
            title = f"{org} ships release {n}"
            event = Event(
                uid=f"{day:%Y%m%d}-bench-{n}", title=title, category=rng.choice(categories),
                start_date=day, start_time=at, tz="UTC" if at else None,
                starts_at=dt.datetime.combine(day, at, dt.UTC) if at else None,
                precision=Precision.TIME if at else Precision.DAY, org=org,
                description=f"{org} said the release is planned for {day:%B %d}; details in the digest.",
                action_deadline=rng.random() < 0.05, created=now, updated=now,
                sources=(SourceRef(f"digests/week-{n % 52}.md", evidence=f"{title} on {day:%B %d}."),),
            )  # fmt: skip
            w.insert(event, org_key(org), subject_key(title, org), now)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextmanager
def process(args: list[str], env: dict[str, str] | None = None) -> Iterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@dataclass
class Result:
    rate: float
    statuses: str
    errors: int


def wrk(url: str, headers: dict[str, str], seconds: float, connections: int) -> Result:
    args = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    trouble = re.search(r"Socket errors:.*", out)
    return Result(
        float(rate.group(1)) if rate else 0.0,
        trouble.group(0) if trouble else ("" if rate else out.strip()),
        int(bad.group(1)) if bad else 0,
    )


def pyload(url: str, headers: dict[str, str], seconds: float, connections: int) -> Result:
    """Keep-alive GETs from `connections` threads for `seconds`; reconnects when the server closes."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    request = (f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
               + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n").encode()  # fmt: skip
    address = (parts.hostname or "127.0.0.1", parts.port or 80)
    counts: list[int] = []
    bad: list[int] = []
    stop = time.monotonic() + seconds

    def worker() -> None:
        done = errors = 0
        sock = socket.create_connection(address)
        reader = sock.makefile("rb")
        while time.monotonic() < stop:
            sock.sendall(request)
            status = reader.readline()
            if not status:  # closed by the server (HTTP/1.0): reconnect and retry
                reader.close()
                sock.close()
                sock = socket.create_connection(address)
                reader = sock.makefile("rb")
                continue
            length, close = 0, status.startswith(b"HTTP/1.0")
            while (line := reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
                elif name.lower() == b"connection":
                    close = value.strip().lower() == b"close"
            if length and not status.split()[1].startswith(b"304"):
                reader.read(length)
            done += 1
            errors += status.split()[1][:1] not in (b"2", b"3")
            if close:
                reader.close()
                sock.close()
                sock = socket.create_connection(address)
                reader = sock.makefile("rb")
        reader.close()
        sock.close()
        counts.append(done)
        bad.append(errors)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(sum(counts) / (time.monotonic() - began), "", sum(bad))


def measure(name: str, url: str, conditional: dict[str, str], options: argparse.Namespace) -> None:
    check_full = httpx.get(url, timeout=10)
    check_cond = httpx.get(url, headers=conditional, timeout=10)
    assert check_full.status_code == 200, (name, check_full.status_code)
    assert check_cond.status_code == 304, (name, check_cond.status_code)
    load = wrk if options.loader == "wrk" else pyload
    for label, headers in (("conditional (304)", conditional), ("full (200)", {})):
        result = load(url, headers, options.seconds, options.connections)
        note = f"  ({result.errors} unexpected statuses)" if result.errors else ""
        note += f"  ({result.statuses})" if result.statuses else ""
        print(f"  {name:<34} {label:<18} {result.rate:>9,.0f} req/s{note}", flush=True)


def render_time(url: str) -> tuple[float, int]:
    with open_store(url) as store:
        events = store.events()
    query = query_for_name("all")
    assert query is not None
    began = time.perf_counter()
    body = render_feed(events, query, cache=VeventCache())
    return time.perf_counter() - began, len(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--connections", type=int, default=16)
    default_loader = "wrk" if shutil.which("wrk") else "python"
    parser.add_argument("--loader", choices=["wrk", "python"], default=default_loader)
    options = parser.parse_args()
    print(f"{os.cpu_count()} CPUs; load generator: {options.loader}, {options.connections} connections, "
          f"{options.seconds:g} s per run, loopback only")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'bench.db'}"
        build(url, options.events)
        seconds, size = render_time(url)
        print(f"{options.events} events; rendering all.ics from scratch takes {seconds * 1000:.0f} ms "
              f"({size / 1024:.0f} KiB): re-rendering per request would cap full GETs near "
              f"{1 / seconds:,.0f}/s")  # fmt: skip

        port = free_port()
        env = {**os.environ, "TRACKER_HOME": str(folder / "home"), "TRACKER_CONFIG": str(folder / "x.toml")}
        env.pop("TRACKER_SERVE_TOKEN", None)
        serve = [sys.executable, "-m", "tracker", "--db", url, "serve", "--port", str(port)]
        with process(serve, env=env):
            base = f"http://127.0.0.1:{port}"
            wait_until_up(f"{base}/api/feeds")
            began = time.perf_counter()
            first = httpx.get(f"{base}/calendars/all.ics", timeout=30)
            print(f"first GET of all.ics (renders it): {(time.perf_counter() - began) * 1000:.0f} ms")
            (folder / "static").mkdir()
            (folder / "static" / "all.ics").write_bytes(first.content)
            print("results:")
            tag = first.headers["etag"]
            measure("tracker serve", f"{base}/calendars/all.ics", {"If-None-Match": tag}, options)
            filtered = f"{base}/calendars/all.ics?category=macro&alarms=-P1D"
            tag = httpx.get(filtered).headers["etag"]
            measure("tracker serve, filtered+alarms", filtered, {"If-None-Match": tag}, options)

        static_port = free_port()
        static = [sys.executable, "-c", STATIC_APP, str(folder / "static"), str(static_port)]
        with process(static):
            static_url = f"http://127.0.0.1:{static_port}/calendars/all.ics"
            wait_until_up(static_url)
            tag = httpx.get(static_url).headers["etag"]
            measure("baseline: StaticFiles on uvicorn", static_url, {"If-None-Match": tag}, options)

        plain_port = free_port()
        plain = [sys.executable, "-m", "http.server", str(plain_port), "--bind", "127.0.0.1",
                 "--directory", str(folder / "static")]  # fmt: skip
        with process(plain):
            plain_url = f"http://127.0.0.1:{plain_port}/all.ics"
            wait_until_up(plain_url)
            stamp = httpx.get(plain_url).headers["last-modified"]
            measure("baseline: python -m http.server", plain_url, {"If-Modified-Since": stamp}, options)


if __name__ == "__main__":
    main()
