"""Real channels for reminder tests: an HTTP sink and an SMTP server on 127.0.0.1; events in a real store."""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tracker.models import Category, Event, Extracted, SourceRef
from tracker.store import Store, open_store

UTC = dt.UTC
UTC_EPOCH = dt.datetime(2026, 1, 1, tzinfo=UTC)


@dataclass
class Sink:
    """A JSON webhook receiver: every POST body (parsed) and its headers, in arrival order."""

    url: str
    posts: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    status: int = 200
    delay: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, count: int, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.posts) >= count:
                    return
            time.sleep(0.05)
        raise AssertionError(f"sink got {len(self.posts)} posts, expected {count}")

    def ids(self) -> list[str]:
        with self.lock:
            return [h.get("X-Tracker-Reminder-Id", "") for h in self.headers]


@pytest.fixture
def sink() -> Iterator[Sink]:
    box: list[Sink] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            target = box[0]
            time.sleep(target.delay)
            if target.status == 200:
                with target.lock:
                    target.posts.append(json.loads(body))
                    target.headers.append(dict(self.headers))
            self.send_response(target.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    box.append(Sink(f"json://127.0.0.1:{server.server_address[1]}/hook"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield box[0]
    server.shutdown()
    server.server_close()


@dataclass
class Mailbox:
    url: str
    raw: list[bytes] = field(default_factory=list)

    def messages(self) -> list[EmailMessage]:
        return [message_from_bytes(r, _class=EmailMessage, policy=policy.default) for r in self.raw]


@pytest.fixture
def smtp() -> Iterator[Mailbox]:
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    box = Mailbox(f"mailto://127.0.0.1:{port}?from=tracker@example.org&to=me@example.org")

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
            box.raw.append(envelope.content)
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    yield box
    controller.stop()


def deadline_event(uid: str = "dmail-shutdown", **kw: Any) -> Event:
    base = Event(
        uid=uid,
        title="Dmail Network shuts down",
        category=Category.SHUTDOWN,
        start_date=dt.date(2026, 5, 16),
        start_time=dt.time(12, 0),
        tz="UTC",
        starts_at=dt.datetime(2026, 5, 16, 12, 0, tzinfo=UTC),
        org="Dmail",
        action_deadline=True,
        action="withdraw assets",
        sources=(SourceRef("seeds/week-20.md"),),
        created=dt.datetime(2026, 5, 1, tzinfo=UTC),
        updated=dt.datetime(2026, 5, 1, tzinfo=UTC),
    )
    return replace(base, **kw)


Put = Callable[..., None]


def put(store: Store, *events: Event) -> None:
    """Insert or update events through the store's writer (what ingest and `tracker edit` use)."""
    with store.writing() as w:
        for e in events:
            if w.stored(e.uid) is not None:
                w.update(e)
                continue
            w.insert(e, (e.org or "").lower(), e.title.lower(), None)
            for src in e.sources:
                info = w.source(src.location, None, None, f"{e.uid}:{src.location}", UTC_EPOCH)
                report = Extracted(e.start_date, e.title, e.category, action_deadline=e.action_deadline)
                w.attach(e.uid, info.id, report)


@pytest.fixture
def store(sqlite_url: str) -> Iterator[Store]:
    with open_store(sqlite_url) as s:
        yield s
