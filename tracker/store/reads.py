"""Read queries as plain SQL over the tables of ``schema.py``, turned into domain values.

Kept free of the ORM (importing ``sqlalchemy.orm`` costs ~50 ms) so that ``tracker list`` stays
fast. SQLite hands dates back as text and booleans as integers; the converters accept both.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Date, RowMapping, bindparam, text

from tracker.identity import Change, Claim, Stored
from tracker.models import Category, Event, Precision, SourceRef, Status
from tracker.store.types import UTCDateTime, utc_value

EVENT_COLUMNS = (
    "uid, title, description, category, org, start_date, start_time, end_date, tz, starts_at, "
    "precision, action_deadline, action, status, sequence, created, updated, disputed, manual, "
    "remind, url, org_key, subject_key, authority_at"
)


def day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


def clock(value: Any) -> dt.time | None:
    if value is None or isinstance(value, dt.time):
        return value
    return dt.time.fromisoformat(str(value))


def to_event(row: RowMapping, sources: Sequence[SourceRef] = ()) -> Event:
    remind = row["remind"]
    start = day(row["start_date"])
    assert start is not None
    return Event(
        uid=row["uid"],
        title=row["title"],
        category=Category(row["category"]),
        start_date=start,
        start_time=clock(row["start_time"]),
        tz=row["tz"],
        starts_at=utc_value(row["starts_at"]),
        end_date=day(row["end_date"]),
        precision=Precision(row["precision"]),
        org=row["org"],
        description=row["description"] or "",
        action_deadline=bool(row["action_deadline"]),
        action=row["action"],
        status=Status(row["status"]),
        disputed=bool(row["disputed"]),
        manual=bool(row["manual"]),
        sequence=int(row["sequence"]),
        created=utc_value(row["created"]),
        updated=utc_value(row["updated"]),
        sources=tuple(sources),
        url=row["url"],
        remind=tuple(r for r in remind.split(",") if r) if remind is not None else None,
    )


def _where(
    start: dt.date | None,
    end: dt.date | None,
    categories: Sequence[str],
    org: str | None,
    deadlines_only: bool,
    include_cancelled: bool,
) -> tuple[str, dict[str, Any], list[Any]]:
    clauses, params, binds = ["1=1"], dict[str, Any](), list[Any]()
    if start is not None:  # events overlapping [start, end]
        clauses.append("COALESCE(e.end_date, e.start_date) >= :start")
        params["start"] = start
        binds.append(bindparam("start", type_=Date()))
    if end is not None:
        clauses.append("e.start_date <= :end")
        params["end"] = end
        binds.append(bindparam("end", type_=Date()))
    if categories:
        clauses.append("e.category IN :categories")
        params["categories"] = [str(c) for c in categories]
        binds.append(bindparam("categories", expanding=True))
    if org:
        clauses.append("LOWER(COALESCE(e.org, '')) LIKE :org")
        params["org"] = f"%{org.lower()}%"
    if deadlines_only:
        clauses.append("e.action_deadline = :yes")
        params["yes"] = True
    if not include_cancelled:
        clauses.append("e.status <> :cancelled")
        params["cancelled"] = str(Status.CANCELLED)
    return " AND ".join(clauses), params, binds


def events(conn: Connection, **filters: Any) -> list[Event]:
    where, params, binds = _where(**filters)
    query = text(f"SELECT {EVENT_COLUMNS} FROM events e WHERE {where}").bindparams(*binds)
    rows = conn.execute(query, params).mappings().all()
    sources = _sources(conn, f"SELECT e.uid FROM events e WHERE {where}", params, binds) if rows else {}
    found = [to_event(r, sources.get(r["uid"], ())) for r in rows]
    return sorted(found, key=sort_key)


def sort_key(event: Event) -> tuple[dt.date, dt.datetime, str]:
    instant = event.starts_at or dt.datetime.combine(event.start_date, dt.time.min, dt.UTC)
    return event.start_date, instant, event.uid


SOURCE_COLUMNS = (
    "p.event_uid, s.location, s.title AS source_title, s.published, s.ingested_at, "
    "p.evidence, p.start_offset, p.end_offset"
)


def _sources(
    conn: Connection, uid_query: str, params: dict[str, Any], binds: list[Any]
) -> dict[str, list[SourceRef]]:
    query = text(
        f"SELECT {SOURCE_COLUMNS} FROM provenance p JOIN sources s ON s.id = p.source_id "
        f"WHERE p.event_uid IN ({uid_query}) ORDER BY s.authority_at, s.id, p.start_offset"
    ).bindparams(*binds)
    found: dict[str, list[SourceRef]] = defaultdict(list)
    for r in conn.execute(query, params).mappings():
        found[r["event_uid"]].append(
            SourceRef(
                location=r["location"],
                title=r["source_title"],
                published=day(r["published"]),
                evidence=r["evidence"],
                start=int(r["start_offset"]),
                end=int(r["end_offset"]),
                ingested_at=utc_value(r["ingested_at"]),
            )
        )
    return found


def event(conn: Connection, uid: str) -> Event | None:
    row = (
        conn.execute(text(f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.uid = :uid"), {"uid": uid})
        .mappings()
        .first()
    )
    if row is None:
        return None
    sources = _sources(conn, "SELECT :uid", {"uid": uid}, [])
    return to_event(row, sources.get(uid, ()))


def uids_like(conn: Connection, prefix: str) -> list[str]:
    like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = conn.execute(
        text("SELECT uid FROM events WHERE uid LIKE :p ESCAPE '\\' ORDER BY uid LIMIT 20"), {"p": like}
    )
    return [str(r[0]) for r in rows]


def last_change(conn: Connection) -> dt.datetime | None:
    return utc_value(conn.execute(text("SELECT MAX(updated) FROM events")).scalar())


CLAIM_QUERY = (
    "SELECT p.event_uid, p.source_id, s.location, s.published, s.authority_at, p.title, p.evidence, "
    "p.reported_date, p.reported_time, p.reported_tz, p.reported_status, p.reported_precision "
    "FROM provenance p JOIN sources s ON s.id = p.source_id "
)


def _claim(r: RowMapping) -> Claim:
    authority = utc_value(r["authority_at"])
    assert authority is not None
    return Claim(
        source_id=int(r["source_id"]),
        location=r["location"],
        published=day(r["published"]),
        authority=authority,
        title=r["title"],
        evidence=r["evidence"],
        date=day(r["reported_date"]),
        time=clock(r["reported_time"]),
        tz=r["reported_tz"],
        status=Status(r["reported_status"]),
        precision=Precision(r["reported_precision"]),
    )


def claims(conn: Connection, uid: str) -> list[Claim]:
    query = text(CLAIM_QUERY + "WHERE p.event_uid = :uid ORDER BY s.authority_at, s.id, p.start_offset")
    return [_claim(r) for r in conn.execute(query, {"uid": uid}).mappings()]


def candidates(conn: Connection, lo: dt.date, hi: dt.date) -> list[Stored]:
    """Stored events starting between ``lo`` and ``hi``, with their claims (for matching)."""
    span = (bindparam("lo", type_=Date()), bindparam("hi", type_=Date()))
    select = text(f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.start_date BETWEEN :lo AND :hi")
    rows = conn.execute(select.bindparams(*span), {"lo": lo, "hi": hi}).mappings().all()
    if not rows:
        return []
    inner = "SELECT uid FROM events WHERE start_date BETWEEN :lo AND :hi"
    query = text(CLAIM_QUERY + f"WHERE p.event_uid IN ({inner})").bindparams(*span)
    by_uid: dict[str, list[Claim]] = defaultdict(list)
    for r in conn.execute(query, {"lo": lo, "hi": hi}).mappings():
        by_uid[r["event_uid"]].append(_claim(r))
    return [
        Stored(
            to_event(r),
            r["org_key"] or "",
            r["subject_key"] or "",
            utc_value(r["authority_at"]),
            tuple(by_uid.get(r["uid"], ())),
        )  # fmt: skip
        for r in rows
    ]


HISTORY_QUERY = (
    "SELECT h.event_uid, e.title, h.kind, h.changed_at, h.old_date, h.old_time, h.old_status, "
    "h.new_date, h.new_time, h.new_status, s.location, s.published, h.note "
    "FROM history h JOIN events e ON e.uid = h.event_uid LEFT JOIN sources s ON s.id = h.source_id "
)


def _change(r: RowMapping) -> Change:
    changed_at = utc_value(r["changed_at"])
    assert changed_at is not None
    return Change(
        uid=r["event_uid"],
        title=r["title"],
        kind=r["kind"],
        changed_at=changed_at,
        old_date=day(r["old_date"]),
        old_time=clock(r["old_time"]),
        old_status=Status(r["old_status"]) if r["old_status"] else None,
        new_date=day(r["new_date"]),
        new_time=clock(r["new_time"]),
        new_status=Status(r["new_status"]) if r["new_status"] else None,
        source=r["location"],
        published=day(r["published"]),
        note=r["note"] or "",
    )


def history(conn: Connection, uid: str) -> list[Change]:
    query = text(HISTORY_QUERY + "WHERE h.event_uid = :uid ORDER BY h.changed_at, h.id")
    return [_change(r) for r in conn.execute(query, {"uid": uid}).mappings()]


def changes(conn: Connection, since: dt.datetime | None) -> list[Change]:
    where = "WHERE h.changed_at >= :since " if since is not None else ""
    query = text(HISTORY_QUERY + where + "ORDER BY h.changed_at, h.id")
    if since is not None:
        query = query.bindparams(bindparam("since", type_=UTCDateTime()))
    return [_change(r) for r in conn.execute(query, {"since": since} if since else {}).mappings()]


def utc_value_required(value: Any) -> dt.datetime:
    found = utc_value(value)
    if found is None:
        raise ValueError("a required datetime column is NULL")
    return found
