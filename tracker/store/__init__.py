"""Persistence: the only package that talks to SQLAlchemy and Alembic.

from tracker.store import open_store
store = open_store(url)            # creates/upgrades the schema as needed
store.events(start=..., end=...)   # domain Events with their sources
store.get(uid); store.last_change(); store.history(uid); store.changes(since)
with store.writing() as w: ...     # one locked write transaction (see writer.py)
"""

from __future__ import annotations

from tracker.store.api import Store, open_store

__all__ = ["Store", "open_store"]
