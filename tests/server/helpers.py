"""The reference week (May 12-16, 2026) stored through `tracker add`, and uvicorn in a thread."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tracker.server import bind, create_app, make_server
from tracker.store import Store, open_store


def _opts(category: str, org: str, *extra: str) -> list[str]:
    return ["--category", category, "--org", org, *extra]


NEW_YORK = ("--tz", "America/New_York")
WITHDRAW = ("--deadline", "--action", "withdraw assets")

# The reference week, in the project's words: (title, day, options of `tracker add`).
REFERENCE_WEEK: list[tuple[str, str, list[str]]] = [
    ("U.S. consumer prices for April", "2026-05-12",
     _opts("macro", "U.S. Bureau of Labor Statistics", "--at", "08:30", *NEW_YORK)),
    ("Ronin moves to an Ethereum layer 2", "2026-05-12", _opts("migration", "Ronin")),
    ("Base activates the Azul upgrade on mainnet", "2026-05-13", _opts("upgrade", "Base")),
    ("Senate Banking Committee votes on market structure", "2026-05-14",
     _opts("regulation", "U.S. Senate Banking Committee")),
    ("Carrot closes", "2026-05-14", _opts("shutdown", "Carrot", *WITHDRAW)),
    ("Moscow Exchange starts SOL, XRP and TRX index futures", "2026-05-14",
     _opts("listing", "Moscow Exchange")),
    ("Dmail Network winds down", "2026-05-15",
     _opts("shutdown", "Dmail Network", "--deadline", "--action", "export data")),
    ("UX Chain shuts down for good", "2026-05-15", _opts("shutdown", "UX Chain", *WITHDRAW)),
    ("Lattice winds down Redstone", "2026-05-16", _opts("shutdown", "Lattice", *WITHDRAW)),
]  # fmt: skip

# Two events to test the page with: one late in the evening in New York (already the next day
# in UTC) and one whose title tries to inject markup and script.
LATE_CALL = ("Late community call", "2026-05-13", _opts("conference", "DAO", "--at", "20:00", *NEW_YORK))
HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script> & "quotes"'
HOSTILE = (HOSTILE_TITLE, "2026-05-15", _opts("other", "<b>Org</b>"))
ALL_EVENTS = [*REFERENCE_WEEK, LATE_CALL, HOSTILE]
DEADLINE_ORGS = {"Carrot", "Dmail Network", "UX Chain", "Lattice"}


def add_events(db_url: str, home: Path, events: list[tuple[str, str, list[str]]]) -> None:
    """Store events the way a user does: `tracker add`, through the real CLI."""
    from typer.testing import CliRunner

    from tracker.cli import app

    runner = CliRunner()
    env = {"TRACKER_HOME": str(home), "TRACKER_CONFIG": str(home / "config.toml")}
    for title, day, options in events:
        result = runner.invoke(app, ["--db", db_url, "add", title, "--on", day, *options], env=env)
        assert result.exit_code == 0, result.output


@dataclass
class Served:
    base: str
    db_url: str
    home: Path

    def client(self, headers: dict[str, str] | None = None) -> httpx.Client:
        return httpx.Client(base_url=self.base, timeout=10, headers=headers)


class ThreadServer:
    """uvicorn serving an app on a free port of 127.0.0.1, in a thread, for one test module."""

    def __init__(self, store: Store, **options: Any) -> None:
        self.store = store
        self.sock = bind("127.0.0.1", 0)
        self.server = make_server(create_app(store, **options))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def __enter__(self) -> ThreadServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()
        self.store.close()


def serve_store(db_url: str, **options: Any) -> ThreadServer:
    """A server for the store at ``db_url``; ``options`` go to ``create_app`` (token, today...)."""
    return ThreadServer(open_store(db_url), **options)
