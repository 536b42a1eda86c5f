"""Alembic migrations of the tracker database (applied automatically by ``tracker.store.open_store``)."""
