"""Ingest: digests in, events stored or merged, a count per digest out.

Each digest is applied in one write transaction (see ``tracker.store.writer``): its reports are
matched against the stored events (``tracker.identity``), new events are created, known ones
gain a source and, when the report is newer news, a new date or status.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from tracker.errors import TrackerError
from tracker.identity import (
    Change,
    Decision,
    Schedule,
    Stored,
    best_match,
    decide,
    derive_uid,
    org_key,
    search_window,
    subject_key,
    unique_uid,
)
from tracker.models import Event, Extracted, Problem, Status
from tracker.store import Store, open_store
from tracker.store.writer import SourceInfo, Writer
from tracker.timeutil import is_valid_zone, to_utc, zone


@dataclass
class DigestReport:
    """What ingesting one digest did."""

    location: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0
    problems: list[Problem] = field(default_factory=list)
    failed: bool = False  # the digest could not be read or stored at all

    def summary(self) -> str:
        if self.failed:
            return f"{self.location}: not ingested"
        return (
            f"{self.location}: {self.new} new, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.merged} merged"
            + (f", {len(self.problems)} problems" if self.problems else "")
        )

    def to_json(self) -> dict[str, object]:
        return {
            "source": self.location,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "merged": self.merged,
            "failed": self.failed,
            "problems": [p.to_json() for p in self.problems],
        }


@dataclass(frozen=True)
class Digest:
    """One digest's identity and extracted reports, ready to store."""

    location: str
    title: str | None
    published: dt.date | None
    sha256: str
    reports: tuple[Extracted, ...]
    problems: tuple[Problem, ...] = ()


def ingest(
    db_url: str,
    sources: list[str],
    *,
    published: dt.date | None,
    tz: str | None,
    default_tz: str,
    now: dt.datetime,
) -> list[DigestReport]:
    """Read, extract and store every digest of ``sources`` (files, folders, '-')."""
    from tracker.service.parse import parse_document
    from tracker.sources import expand, read_source

    zone(default_tz)
    if tz:
        zone(tz)
    results: list[DigestReport] = []
    with open_store(db_url) as store:
        for location in expand(sources):
            try:
                doc = read_source(location)
            except TrackerError as exc:
                results.append(
                    DigestReport(location, problems=[Problem(str(exc), source=location)], failed=True)
                )
                continue
            when = published or date_in_name(location)
            parsed = parse_document(doc, when, tz, today=now.date())
            digest = Digest(
                location, doc.title, when, doc.sha256, tuple(parsed.events), tuple(parsed.problems)
            )
            results.append(store_digest(store, digest, tz or default_tz, now))
    return results


def date_in_name(location: str) -> dt.date | None:
    """The publication day a file name starts with ('2026-05-11-weekly.txt'), if any.

    Used when --published is not given: it anchors the digest's years and relative days, and
    orders the news (a newer digest wins over an older one).
    """
    found = _NAME_DATE.match(location.replace("\\", "/").rsplit("/", 1)[-1])
    if not found:
        return None
    try:
        return dt.date.fromisoformat(found.group(1))
    except ValueError:
        return None


_NAME_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def store_digest(store: Store, digest: Digest, tz: str, now: dt.datetime) -> DigestReport:
    """Apply one digest's reports in one transaction. ``tz`` is the zone of zone-less times."""
    result = DigestReport(digest.location, problems=list(digest.problems))
    with store.writing() as w:
        source = w.source(digest.location, digest.title, digest.published, digest.sha256, now)
        for report in digest.reports:
            _apply(w, source, report, tz, now, result)
    return result


def _apply(
    w: Writer, source: SourceInfo, report: Extracted, tz: str, now: dt.datetime, out: DigestReport
) -> None:
    if report.tz and not is_valid_zone(report.tz):
        note = f"unknown zone {report.tz!r} for {report.title!r}: its time is read in {tz}"
        out.problems.append(Problem(note, report.line, out.location))
        report = replace(report, tz=None)
    if w.reported(source.id, report) is not None:
        out.unchanged += 1
        return
    if report.date is None and report.status == Status.CONFIRMED:
        out.problems.append(
            Problem(f"no day given for {report.title!r}: not stored", report.line, out.location)
        )
        return
    lo, hi = search_window(report, source.authority)
    match = best_match(report, w.candidates(lo, hi), source.id)
    if match is None:
        if report.date is None:
            note = f"{report.status} {report.title!r}, but no stored event matches it: not stored"
            out.problems.append(Problem(note, report.line, out.location))
            return
        _create(w, source, report, tz, now)
        out.new += 1
        return
    claimed = _schedule(report, match, tz)
    decision = decide(match, claimed, report, source.authority, now)
    w.attach(match.event.uid, source.id, report)
    if decision.outcome == "updated":
        _save(w, match, decision, source, now, claimed)
        out.updated += 1
    else:
        # One more source: the feeds' DESCRIPTION lists it, so LAST-MODIFIED (and every cache
        # keyed on the newest `updated`) must move too; the date and SEQUENCE stay.
        w.update(replace(match.event, updated=now))
        out.merged += 1


def _schedule(report: Extracted, stored: Stored | None, tz: str) -> Schedule:
    """When the report says the event is (a date-less status report keeps the stored date)."""
    if report.date is None:
        assert stored is not None
        return replace(Schedule.of(stored.event), status=report.status)
    starts_at = to_utc(report.date, report.time, report.tz or tz) if report.time else None
    return Schedule(
        report.date, report.time, report.tz, starts_at, report.end_date, report.precision, report.status
    )


def _create(w: Writer, source: SourceInfo, report: Extracted, tz: str, now: dt.datetime) -> None:
    assert report.date is not None
    base = derive_uid(report.title, report.org, report.category, report.date)
    uid = unique_uid(base, w.taken(base))
    when = _schedule(report, None, tz)
    event = Event(
        uid=uid,
        title=report.title,
        category=report.category,
        start_date=when.date,
        start_time=when.time,
        tz=when.tz,
        starts_at=when.starts_at,
        end_date=when.end_date,
        precision=when.precision,
        org=report.org,
        description=report.evidence,
        action_deadline=report.action_deadline,
        action=report.action,
        status=report.status,
        created=now,
        updated=now,
    )
    w.insert(event, org_key(report.org), subject_key(report.title, report.org), source.authority)
    w.attach(uid, source.id, report)
    w.record(
        Change(
            uid, report.title, "added", now, new_date=when.date, new_time=when.time, new_status=when.status
        ),
        source.id,
    )
    if report.previous_date is not None and report.previous_date != report.date:
        w.record(
            Change(
                uid,
                report.title,
                "moved",
                now,
                old_date=report.previous_date,
                new_date=report.date,
                note="the source says it was first set for the earlier day",
            ),  # fmt: skip
            source.id,
        )


def _save(
    w: Writer, stored: Stored, decision: Decision, source: SourceInfo, now: dt.datetime, claimed: Schedule
) -> None:
    old, new = stored.event, decision.event
    w.update(new, decision.authority)
    # A dispute leaves the event as it was; its history entry names the date that contradicts it.
    shown = claimed if decision.kind == "disputed" else Schedule.of(new)
    w.record(
        Change(
            old.uid,
            old.title,
            decision.kind,
            now,
            old_date=old.start_date,
            old_time=old.start_time,
            old_status=old.status,
            new_date=shown.date,
            new_time=shown.time,
            new_status=shown.status,
            note=decision.note,
        ),  # fmt: skip
        source.id,
    )
