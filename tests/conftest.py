"""Shared fixtures: real databases (a SQLite file; PostgreSQL when TRACKER_TEST_POSTGRES_URL is set)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_URL = os.environ.get("TRACKER_TEST_POSTGRES_URL")
FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


def _pg_admin_url(url: str) -> str:
    """A psycopg conninfo for the server of ``url`` (postgresql+psycopg://... -> postgresql://...)."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'tracker.db'}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    if not PG_URL:
        pytest.skip("TRACKER_TEST_POSTGRES_URL not set (CI sets it)")
    import psycopg

    name = f"tracker_t_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin_url(PG_URL)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """Every store contract test runs against both backends."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's real data dir, config or channels."""
    monkeypatch.setenv("TRACKER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TRACKER_CONFIG", str(tmp_path / "config.toml"))
    for var in ("TRACKER_DB", "TRACKER_TZ", "TRACKER_NOTIFY", "TRACKER_REMIND", "TRACKER_DEBUG"):
        monkeypatch.delenv(var, raising=False)
