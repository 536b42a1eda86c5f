"""Column types: aware datetimes stored as UTC on every backend.

SQLite has no time zones: ``DateTime(timezone=True)`` silently drops tzinfo and hands back naive
values. ``UTCDateTime`` converts every value to UTC on the way in (refusing naive ones, which are
bugs) and marks what comes out as UTC, so the rest of tracker only ever sees aware datetimes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.types import DateTime, TypeDecorator

from tracker.store.convert import utc_value

__all__ = ["UTCDateTime", "utc_value"]  # utc_value: re-exported for older importers


class UTCDateTime(TypeDecorator[dt.datetime]):
    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            raise TypeError(f"UTCDateTime takes a datetime, not {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: tracker stores only aware datetimes")
        utc = value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        return utc_value(value)
