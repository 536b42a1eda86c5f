"""Column values as the drivers hand them back, turned into Python values (no SQLAlchemy here).

SQLite gives dates, times and datetimes back as text and booleans as integers; PostgreSQL gives
real objects. Every converter accepts both. Datetimes come back aware, in UTC.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def day(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def clock(value: Any) -> dt.time | None:
    if value is None or isinstance(value, dt.time):
        return value
    return dt.time.fromisoformat(str(value))


def utc_value(value: Any) -> dt.datetime | None:
    """A stored datetime (naive UTC text on SQLite) as an aware UTC datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if not isinstance(value, dt.datetime):
        raise TypeError(f"not a datetime: {value!r}")
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def utc_required(value: Any) -> dt.datetime:
    found = utc_value(value)
    if found is None:
        raise ValueError("a required datetime column is NULL")
    return found


def sqlite_literal(value: Any) -> Any:
    """A parameter as SQLAlchemy stores it in SQLite (so both access paths compare alike)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: tracker stores only aware datetimes")
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S.%f")
    return value
