"""`tracker serve` as a user runs it: a real process, a real port, Ctrl-C to stop."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import icalendar
from typer.testing import CliRunner

from tracker.cli import app

from .helpers import ALL_EVENTS


@contextmanager
def tracker_serve(
    db_url: str, home: Path, *args: str, token: str | None = None
) -> Iterator[tuple[str, list[str]]]:
    """Run `python -m tracker serve --port 0 ...`; yield its base URL and (later) its stderr lines."""
    env = {**os.environ, "TRACKER_HOME": str(home), "TRACKER_CONFIG": str(home / "config.toml")}
    env.pop("TRACKER_SERVE_TOKEN", None)
    if token:
        env["TRACKER_SERVE_TOKEN"] = token
    command = [sys.executable, "-m", "tracker", "--db", db_url, "serve", "--port", "0", *args]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    try:
        assert proc.stderr is not None
        found = None
        while found is None and len(lines) < 5:  # a warning may come first
            lines.append(proc.stderr.readline())
            found = re.search(r"serving (http://[^/\s]+)/", lines[-1])
        assert found, lines
        yield found.group(1), lines
    finally:
        proc.send_signal(signal.SIGINT)  # what Ctrl-C does
        out, err = proc.communicate(timeout=15)
        lines.extend(err.splitlines())
        lines.append(f"exit {proc.returncode}")
        assert out == ""  # nothing on stdout: the server's conversation goes to stderr


def test_serve_runs_until_interrupted(reference_db: tuple[str, Path]) -> None:
    url, home = reference_db
    with tracker_serve(url, home) as (base, lines):
        assert base.startswith("http://127.0.0.1:")  # loopback unless asked
        reply = httpx.get(f"{base}/calendars/all.ics", timeout=10)
        assert reply.status_code == 200
        assert len(list(icalendar.Calendar.from_ical(reply.content).walk("VEVENT"))) == len(ALL_EVENTS)
    assert lines[-1] == "exit 130"  # interrupted, as documented for every command


def test_serve_token_from_environment_is_required_and_never_printed(reference_db: tuple[str, Path]) -> None:
    url, home = reference_db
    secret = "env-token-7f3a"
    with tracker_serve(url, home, "--access-log", token=secret) as (base, lines):
        assert httpx.get(f"{base}/api/events", timeout=10).status_code == 401
        ok = httpx.get(f"{base}/api/events", params={"token": secret, "from": "2026-05-11"}, timeout=10)
        assert ok.status_code == 200 and len(ok.json()) == len(ALL_EVENTS)
        assert httpx.get(f"{base}/api/feeds", auth=("me", secret), timeout=10).status_code == 200
    log = "\n".join(lines)
    assert "GET /api/events 401" in log and "GET /api/events 200" in log and "GET /api/feeds 200" in log
    assert secret not in log


def test_serve_warns_before_listening_beyond_loopback_without_token(reference_db: tuple[str, Path]) -> None:
    # 192.0.2.1 (TEST-NET) is not an address of this machine: the warning comes, nothing listens.
    url, home = reference_db
    result = CliRunner().invoke(
        app, ["--db", url, "serve", "--host", "192.0.2.1", "--port", "0"], env={"TRACKER_HOME": str(home)}
    )
    assert result.exit_code == 1
    assert "warning: serving on 192.0.2.1 without a token" in result.stderr
    assert "cannot listen on 192.0.2.1:0" in result.stderr


def test_serve_refuses_a_taken_port(reference_db: tuple[str, Path]) -> None:
    url, home = reference_db
    with tracker_serve(url, home) as (base, _):
        port = base.rsplit(":", 1)[1]
        result = CliRunner().invoke(
            app, ["--db", url, "serve", "--port", port], env={"TRACKER_HOME": str(home)}
        )
    assert result.exit_code == 1
    assert "choose another --port" in result.stderr
    assert "Traceback" not in result.output


def test_serve_help() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for word in ("--host", "--port", "--token", "TRACKER_SERVE_TOKEN", "read-only", "/calendars/"):
        assert word in result.output
