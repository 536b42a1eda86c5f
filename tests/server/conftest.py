"""Fixtures: a real SQLite store with the reference week, served by uvicorn on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import ALL_EVENTS, Served, add_events, serve_store


@pytest.fixture(scope="module")
def reference_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    home = tmp_path_factory.mktemp("home")
    url = f"sqlite:///{home / 'tracker.db'}"
    add_events(url, home, ALL_EVENTS)
    return url, home


@pytest.fixture(scope="module")
def served(reference_db: tuple[str, Path]) -> Iterator[Served]:
    url, home = reference_db
    with serve_store(url) as server:
        yield Served(server.base, url, home)
