"""The ``store`` fixture: every contract test runs on each read path of each backend.

SQLite files are read either straight through sqlite3 (the fast path ``open_store`` takes for a
current file) or through SQLAlchemy; PostgreSQL always goes through SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tracker.store import Store, open_store


@pytest.fixture(params=["direct", "sqlalchemy"])
def store(db_url: str, request: pytest.FixtureRequest) -> Iterator[Store]:
    open_store(db_url).close()  # creates the schema
    if request.param == "direct":
        if not db_url.startswith("sqlite"):
            pytest.skip("PostgreSQL has one read path")
        s = open_store(db_url)
        assert s.direct
    else:
        s = Store(db_url)
    yield s
    s.close()
