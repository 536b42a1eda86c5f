"""Read queries as plain SQL over the tables of ``schema.py``, turned into domain values.

Kept free of the ORM (importing ``sqlalchemy.orm`` costs ~50 ms) so that ``tracker list`` stays
fast. SQLite hands dates back as text and booleans as integers; the converters accept both.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from tracker.models import Category, Event, Precision, SourceRef, Status
from tracker.store.convert import clock, day, utc_required, utc_value

if TYPE_CHECKING:  # imported where used: `tracker list` needs none of them
    from tracker.identity import Change, Claim, Stored

Row = Mapping[str, Any]
# Runs one SQL statement with :named parameters (a list value expands to an IN list).
Query = Callable[[str, Mapping[str, Any]], list[Row]]

EVENT_COLUMNS = (
    "uid, title, description, category, org, start_date, start_time, end_date, tz, starts_at, "
    "precision, action_deadline, action, status, sequence, created, updated, disputed, manual, "
    "remind, url, org_key, subject_key, authority_at"
)


def to_event(row: Row, sources: Sequence[SourceRef] = ()) -> Event:
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
) -> tuple[str, dict[str, Any]]:
    clauses, params = ["1=1"], dict[str, Any]()
    if start is not None:  # events overlapping [start, end]
        clauses.append("COALESCE(e.end_date, e.start_date) >= :start")
        params["start"] = start
    if end is not None:
        clauses.append("e.start_date <= :end")
        params["end"] = end
    if categories:
        clauses.append("e.category IN :categories")
        params["categories"] = [str(c) for c in categories]
    if org:
        clauses.append("LOWER(COALESCE(e.org, '')) LIKE :org")
        params["org"] = f"%{org.lower()}%"
    if deadlines_only:
        clauses.append("e.action_deadline = :yes")
        params["yes"] = True
    if not include_cancelled:
        clauses.append("e.status <> :cancelled")
        params["cancelled"] = str(Status.CANCELLED)
    return " AND ".join(clauses), params


def events(q: Query, *, updated_since: dt.datetime | None = None, **filters: Any) -> list[Event]:
    where, params = _where(**filters)
    if updated_since is not None:
        where, params = f"{where} AND e.updated >= :updated_since", {**params, "updated_since": updated_since}
    rows = q(f"SELECT {EVENT_COLUMNS} FROM events e WHERE {where}", params)
    sources = _sources(q, f"SELECT e.uid FROM events e WHERE {where}", params) if rows else {}
    found = [to_event(r, sources.get(r["uid"], ())) for r in rows]
    return sorted(found, key=sort_key)


def sort_key(event: Event) -> tuple[dt.date, dt.datetime, str]:
    instant = event.starts_at or dt.datetime.combine(event.start_date, dt.time.min, dt.UTC)
    return event.start_date, instant, event.uid


SOURCE_COLUMNS = (
    "p.event_uid, s.location, s.title AS source_title, s.published, s.ingested_at, "
    "p.evidence, p.start_offset, p.end_offset"
)


def _sources(q: Query, uid_query: str, params: Mapping[str, Any]) -> dict[str, list[SourceRef]]:
    sql = (
        f"SELECT {SOURCE_COLUMNS} FROM provenance p JOIN sources s ON s.id = p.source_id "
        f"WHERE p.event_uid IN ({uid_query}) ORDER BY s.authority_at, s.id, p.start_offset"
    )
    found: dict[str, list[SourceRef]] = defaultdict(list)
    for r in q(sql, params):
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


def event(q: Query, uid: str) -> Event | None:
    rows = q(f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.uid = :uid", {"uid": uid})
    if not rows:
        return None
    sources = _sources(q, "SELECT e.uid FROM events e WHERE e.uid = :uid", {"uid": uid})
    return to_event(rows[0], sources.get(uid, ()))


def uids_like(q: Query, prefix: str) -> list[str]:
    like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = q("SELECT uid FROM events WHERE uid LIKE :p ESCAPE '\\' ORDER BY uid LIMIT 20", {"p": like})
    return [str(r["uid"]) for r in rows]


def last_change(q: Query) -> dt.datetime | None:
    return utc_value(q("SELECT MAX(updated) AS last FROM events", {})[0]["last"])


def count(q: Query) -> int:
    return int(q("SELECT COUNT(*) AS n FROM events", {})[0]["n"] or 0)


CLAIM_QUERY = (
    "SELECT p.event_uid, p.source_id, s.location, s.published, s.authority_at, p.title, p.evidence, "
    "p.reported_date, p.reported_time, p.reported_tz, p.reported_status, p.reported_precision "
    "FROM provenance p JOIN sources s ON s.id = p.source_id "
)


def _claim(r: Row) -> Claim:
    from tracker.identity import Claim

    return Claim(
        source_id=int(r["source_id"]),
        location=r["location"],
        published=day(r["published"]),
        authority=utc_required(r["authority_at"]),
        title=r["title"],
        evidence=r["evidence"],
        date=day(r["reported_date"]),
        time=clock(r["reported_time"]),
        tz=r["reported_tz"],
        status=Status(r["reported_status"]),
        precision=Precision(r["reported_precision"]),
    )


def claims(q: Query, uid: str) -> list[Claim]:
    sql = CLAIM_QUERY + "WHERE p.event_uid = :uid ORDER BY s.authority_at, s.id, p.start_offset"
    return [_claim(r) for r in q(sql, {"uid": uid})]


def candidates(q: Query, lo: dt.date, hi: dt.date) -> list[Stored]:
    """Stored events starting between ``lo`` and ``hi``, with their claims (for matching)."""
    from tracker.identity import Stored

    span = {"lo": lo, "hi": hi}
    rows = q(f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.start_date BETWEEN :lo AND :hi", span)
    if not rows:
        return []
    inner = "SELECT uid FROM events WHERE start_date BETWEEN :lo AND :hi"
    by_uid: dict[str, list[Claim]] = defaultdict(list)
    for r in q(CLAIM_QUERY + f"WHERE p.event_uid IN ({inner})", span):
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


def stored(q: Query, uid: str) -> Stored | None:
    from tracker.identity import Stored

    rows = q(f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.uid = :uid", {"uid": uid})
    found = event(q, uid)
    if not rows or found is None:
        return None
    r = rows[0]
    return Stored(found, r["org_key"] or "", r["subject_key"] or "", utc_value(r["authority_at"]),
                  tuple(claims(q, uid)))  # fmt: skip


HISTORY_QUERY = (
    "SELECT h.event_uid, e.title, h.kind, h.changed_at, h.old_date, h.old_time, h.old_status, "
    "h.new_date, h.new_time, h.new_status, s.location, s.published, h.note "
    "FROM history h JOIN events e ON e.uid = h.event_uid LEFT JOIN sources s ON s.id = h.source_id "
)


def _change(r: Row) -> Change:
    from tracker.identity import Change

    return Change(
        uid=r["event_uid"],
        title=r["title"],
        kind=r["kind"],
        changed_at=utc_required(r["changed_at"]),
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


def history(q: Query, uid: str) -> list[Change]:
    sql = HISTORY_QUERY + "WHERE h.event_uid = :uid ORDER BY h.changed_at, h.id"
    return [_change(r) for r in q(sql, {"uid": uid})]


def changes(q: Query, since: dt.datetime | None) -> list[Change]:
    where = "WHERE h.changed_at >= :since " if since is not None else ""
    params = {"since": since} if since is not None else {}
    return [_change(r) for r in q(HISTORY_QUERY + where + "ORDER BY h.changed_at, h.id", params)]
