"""The ``store`` fixture: every contract test runs on each read path of each backend.

A current SQLite file is read straight through sqlite3 (the fast path ``open_store`` takes) or,
constructed directly, through SQLAlchemy; PostgreSQL (when configured) always goes through
SQLAlchemy. Tests that need the URL use ``store.url``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tracker.store import Store, open_store


@pytest.fixture(params=["sqlite-direct", "sqlite-sqlalchemy", "postgresql"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    backend = "pg_url" if request.param == "postgresql" else "sqlite_url"
    url = str(request.getfixturevalue(backend))
    open_store(url).close()  # creates the schema
    s = open_store(url) if request.param == "sqlite-direct" else Store(url)
    assert s.direct == (request.param == "sqlite-direct")
    yield s
    s.close()
