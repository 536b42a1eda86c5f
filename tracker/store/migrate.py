"""Bring a database to the newest schema, cheaply when it already is.

Alembic takes ~0.4 s to import, too slow for every ``tracker list``. So the head revisions are
read from the migration files' ``revision``/``down_revision`` lines (a few small files), compared
with the ``alembic_version`` row, and Alembic is imported and run only when they differ.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
MIGRATE_LOCK = 0x7472_6B6D  # PostgreSQL advisory lock key: one migrating process at a time

_REVISION = re.compile(r"^revision(?:\s*:[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision(?:\s*:[^=]*)?=\s*(.+)$", re.MULTILINE)


@lru_cache(maxsize=1)
def heads() -> frozenset[str]:
    """Revisions no other revision builds on: what a current database is stamped with."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        found = _REVISION.search(source)
        if not found:
            continue
        revisions.add(found.group(1))
        down = _DOWN.search(source)
        if down:
            parents.update(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
    return frozenset(revisions - parents)


def current(conn: Connection) -> frozenset[str] | None:
    """The revisions the database is stamped with; None when it has no version table."""
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    try:
        with conn.begin_nested() if conn.in_transaction() else conn.begin():
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except SQLAlchemyError:
        return None
    return frozenset(str(r) for r in rows)


def is_current(engine: Engine) -> bool:
    with engine.connect() as conn:
        return current(conn) == heads()


def upgrade(engine: Engine) -> None:
    """Apply every pending migration (creating the schema in an empty database)."""
    from alembic import command
    from alembic.config import Config
    from alembic.util import CommandError
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATE_LOCK})
            if current(conn) == heads():  # another process finished while we waited
                return
            config.attributes["connection"] = conn
            command.upgrade(config, "heads")
    except CommandError as exc:
        raise StoreError(
            f"the database schema is not one this version of tracker knows ({exc}); "
            "upgrade tracker, or point --db at another database"
        ) from exc
    except SQLAlchemyError as exc:
        raise StoreError(
            f"could not upgrade the database schema ({exc.__class__.__name__}: {str(exc).splitlines()[0]}); "
            "check the --db URL and that the database is writable"
        ) from exc
