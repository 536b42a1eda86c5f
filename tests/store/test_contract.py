"""The store contract, run against SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from tests.store.helpers import T0, digest, ingest, report
from tracker.errors import NotFoundError, StoreError
from tracker.models import Category, Status
from tracker.store import Store, migrate, open_store
from tracker.store.schema import Base


def _week(store: Store) -> None:
    ingest(
        store,
        digest(
            "week.txt",
            "2026-05-11",
            report("2026-05-12", "U.S. April CPI release", "macro", org="U.S."),
            report(
                "2026-05-13",
                "Base Azul mainnet activation",
                "upgrade",
                org="Base",
                time="14:00",
                tz="UTC+8",
                precision="time",
            ),  # fmt: skip
            report(
                "2026-05-15",
                "Dmail Network winds down",
                "shutdown",
                org="Dmail Network",
                action_deadline=True,
                action="export data",
            ),  # fmt: skip
            report(
                "2026-05-16",
                "Lattice winds down Redstone",
                "shutdown",
                org="Lattice",
                end_date="2026-05-17",
                action_deadline=True,
                action="withdraw assets",
            ),  # fmt: skip
            report("2026-06-02", "Example DAO governance vote", "regulation", org="Example DAO"),
        ),
    )


def test_open_creates_schema_at_head_and_reopens(db_url: str) -> None:
    store = open_store(db_url)
    with store.engine.connect() as conn:
        versions = set(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
        tables = set(inspect(conn).get_table_names())
    assert versions == set(migrate.heads())
    assert {"sources", "events", "provenance", "history"} <= tables
    store.close()
    again = open_store(db_url)
    assert again.events() == []
    again.close()


def test_sqlite_parent_folders_are_created(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a' / 'b' / 'tracker.db'}"
    open_store(url).close()
    assert (tmp_path / "a" / "b" / "tracker.db").exists()


def test_older_database_is_upgraded_not_rebuilt(tmp_path: Path) -> None:
    """A database at revision 0001 (before later migrations) keeps its events when opened."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    with open_store(url) as first:
        _week(first)
    engine = create_engine(url)
    with engine.begin() as conn:
        for table in sorted(set(Base.metadata.tables) - {"sources", "events", "provenance", "history"}):
            conn.execute(text(f"DROP TABLE IF EXISTS {table}"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    engine.dispose()
    with open_store(url) as store, store.engine.connect() as conn:
        assert len(store.events()) == 5
        stamped = set(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
    assert stamped == set(migrate.heads())


def test_a_database_from_a_newer_tracker_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'newer.db'}"
    open_store(url).close()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="not one this version of tracker knows"):
        open_store(url)


def test_unusable_urls_are_store_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="bad database URL"):
        open_store("not a url")
    with pytest.raises(StoreError, match="no database driver"):
        open_store("nosuchdb://x/y")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError):
        open_store(f"sqlite:///{blocker / 'sub' / 'tracker.db'}")
    with pytest.raises(StoreError, match="cannot open the database"):
        open_store("postgresql+psycopg://nobody@127.0.0.1:1/none")


def test_events_filters_and_order(store: Store) -> None:
    _week(store)
    uids = [e.uid for e in store.events()]
    days = [e.start_date for e in store.events()]
    assert days == sorted(days) and len(uids) == 5
    assert [e.title for e in store.events(start=dt.date(2026, 5, 13), end=dt.date(2026, 5, 15))] == [
        "Base Azul mainnet activation",
        "Dmail Network winds down",
    ]
    # a range event overlapping the window is included
    assert [e.title for e in store.events(start=dt.date(2026, 5, 17), end=dt.date(2026, 5, 20))] == [
        "Lattice winds down Redstone"
    ]
    assert {e.category for e in store.events(categories=["shutdown", "macro"])} == {
        Category.SHUTDOWN,
        Category.MACRO,
    }
    assert [e.org for e in store.events(org="dmail")] == ["Dmail Network"]
    assert [e.action for e in store.events(deadlines_only=True)] == ["export data", "withdraw assets"]


def test_events_carry_sources_and_aware_utc_instants(store: Store) -> None:
    _week(store)
    azul = store.events(org="Base")[0]
    assert azul.starts_at == dt.datetime(2026, 5, 13, 6, 0, tzinfo=dt.UTC)
    assert azul.starts_at.utcoffset() == dt.timedelta(0)
    assert azul.start_time == dt.time(14, 0) and azul.tz == "UTC+8"
    assert azul.created == T0 and azul.updated == T0 and azul.created.tzinfo is not None
    (source,) = azul.sources
    assert source.location == "week.txt" and source.published == dt.date(2026, 5, 11)
    assert source.evidence == "Base Azul mainnet activation (2026-05-13)"
    assert source.ingested_at == T0
    cpi = store.events(categories=["macro"])[0]
    assert cpi.all_day and cpi.starts_at is None and type(cpi.start_date) is dt.date


def test_get_exact_prefix_and_missing(store: Store) -> None:
    _week(store)
    uid = store.events(org="Dmail")[0].uid
    assert store.get(uid).uid == uid
    assert store.get(uid[:14]).uid == uid  # unambiguous prefix
    with pytest.raises(NotFoundError, match="tracker list"):
        store.get("no-such-uid")
    with pytest.raises(NotFoundError, match="ambiguous"):
        store.get("2026051")


def test_last_change_follows_updates(store: Store) -> None:
    assert store.last_change() is None
    _week(store)
    assert store.last_change() == T0
    later = T0 + dt.timedelta(days=3)
    ingest(
        store,
        digest(
            "later.txt",
            "2026-05-14",
            report("2026-05-12", "U.S. April CPI release", "macro", org="U.S.", status="cancelled"),
        ),  # fmt: skip
        now=later,
    )
    assert store.last_change() == later
    assert store.events(include_cancelled=False, categories=["macro"]) == []
    assert store.events(categories=["macro"])[0].status == Status.CANCELLED


def test_naive_datetimes_are_refused(store: Store) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        ingest(store, digest("x.txt", None, report("2026-05-12", "Something")), now=dt.datetime(2026, 5, 11))
    assert store.events() == []  # nothing half-written
