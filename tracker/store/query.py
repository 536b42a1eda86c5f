"""Two ways to run the read queries of ``reads.py``: through SQLAlchemy, or straight sqlite3.

``tracker list`` on a SQLite file must answer in a fraction of a second, and importing
SQLAlchemy alone takes ~0.15 s. So reads on a SQLite file whose schema is current go through the
standard library's sqlite3 with the very same SQL; everything else (PostgreSQL, writes,
migrations) goes through SQLAlchemy. The store contract tests run both paths.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from tracker.store.convert import sqlite_literal
from tracker.store.reads import Query, Row

if TYPE_CHECKING:
    from sqlalchemy import Connection


def sqlite_query(conn: sqlite3.Connection) -> Query:
    def run(sql: str, params: Mapping[str, Any]) -> list[Row]:
        values: dict[str, Any] = {}
        for name, value in params.items():
            if isinstance(value, list | tuple):
                names = [f"{name}_{i}" for i in range(len(value))]
                sql = re.sub(rf":{name}\b", "(" + ", ".join(f":{n}" for n in names) + ")", sql)
                values.update({n: sqlite_literal(v) for n, v in zip(names, value, strict=True)})
            else:
                values[name] = sqlite_literal(value)
        cursor = conn.execute(sql, values)
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    return run


def sa_query(conn: Connection) -> Query:
    from sqlalchemy import BindParameter, Date, bindparam, text

    from tracker.store.types import UTCDateTime

    def run(sql: str, params: Mapping[str, Any]) -> list[Row]:
        binds: list[BindParameter[Any]] = []
        for name, value in params.items():
            if isinstance(value, list | tuple):
                binds.append(bindparam(name, expanding=True))
            elif isinstance(value, dt.datetime):
                binds.append(bindparam(name, type_=UTCDateTime()))
            elif isinstance(value, dt.date):
                binds.append(bindparam(name, type_=Date()))
        statement = text(sql).bindparams(*binds) if binds else text(sql)
        return [dict(r) for r in conn.execute(statement, dict(params)).mappings()]

    return run
