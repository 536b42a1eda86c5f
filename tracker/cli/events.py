"""Commands about events: parse, ingest, list, show, add, cancel, edit, changes.

No ``from __future__ import annotations`` here: typer would have to eval every string annotation
on each start-up (~20 ms); the few names known only to the type checker are quoted instead.
"""

import datetime as dt
import json
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.app import app, out, say, settings
from tracker.errors import InputError, TrackerError

if TYPE_CHECKING:
    from tracker.identity import Change
    from tracker.models import Event
    from tracker.service.events import EventDetail


@app.command()
def parse(
    source: Annotated[str, typer.Argument(help="A digest file, or - for standard input.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD: anchors years and 'next week'.")
    ] = None,
    tz: Annotated[
        str | None, typer.Option(help="Zone of times the text gives without one, e.g. UTC+8.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print {events, problems} as JSON.")] = False,
) -> None:
    """Extract the dated events of one digest without storing them."""
    from tracker.service.parse import parse_source
    from tracker.timeutil import parse_user_date

    today = _now().date()  # the clock is read here, at the edge: a text without a year is placed near it
    result = parse_source(source, parse_user_date(published) if published else None, tz, today=today)
    if as_json:
        out(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        for e in result.events:
            when = e.date.isoformat() if e.date else "(no day)"
            if e.time:
                when += " " + e.time.strftime("%H:%M") + (f" {e.tz}" if e.tz else "")
            flag = " [ACT: " + (e.action or "act") + "]" if e.action_deadline else ""
            out(f"{when:<22} {e.category:<11} {e.title}{flag}")
    for problem in result.problems:
        say(f"problem: {problem}")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _day(text: str | None, option: str) -> dt.date | None:
    from tracker.timeutil import parse_user_date

    if text is None:
        return None
    try:
        return parse_user_date(text)
    except TrackerError as exc:
        raise InputError(f"{option}: {exc}") from None


@app.command()
def ingest(
    ctx: typer.Context,
    sources: Annotated[
        list[str], typer.Argument(help="Digest files, folders (their .txt/.md files) or - for stdin.")
    ],
    published: Annotated[
        str | None,
        typer.Option(help="Publication date YYYY-MM-DD of the digests (anchors years; newer wins)."),
    ] = None,
    tz: Annotated[
        str | None, typer.Option(help="Zone of times the text gives without one (default: settings).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the per-digest counts as JSON.")] = False,
) -> None:
    """Extract and store the events of digests: new ones are added, known ones merged or moved."""
    from tracker.service.ingest import ingest as run

    conf = settings(ctx)
    reports = run(
        conf.db_url, sources, published=_day(published, "--published"), tz=tz, default_tz=conf.tz, now=_now()
    )
    if as_json:
        out(json.dumps([r.to_json() for r in reports], ensure_ascii=False, indent=2))
    for report in reports:
        if not as_json:
            out(report.summary())
        for problem in report.problems:
            say(f"problem: {problem}")
    if any(r.failed for r in reports):
        raise typer.Exit(1)


@app.command("list")
def list_(
    ctx: typer.Context,
    from_: Annotated[
        str | None, typer.Option("--from", help="First day YYYY-MM-DD (default: today).")
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", help="Last day YYYY-MM-DD (default: --days after --from).")
    ] = None,
    days: Annotated[int, typer.Option("--days", min=1, help="How many days to show, from --from on.")] = 14,
    category: Annotated[list[str], typer.Option("--category", help="Only this category (repeatable).")] = [],  # noqa: B006
    org: Annotated[str | None, typer.Option(help="Only events whose organisation contains TEXT.")] = None,
    deadlines: Annotated[
        bool, typer.Option("--deadlines", help="Only deadlines where you must act.")
    ] = False,
    tz: Annotated[str | None, typer.Option(help="Display zone (default: settings, UTC).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Every stored field, as a JSON array.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="One CSV row per event.")] = False,
) -> None:
    """List stored events, by default those of the next 14 days."""
    from tracker.service.events import list_events
    from tracker.timeutil import zone

    conf = settings(ctx)
    if as_json and as_csv:
        raise InputError("choose one of --json and --csv")
    display = tz or conf.tz
    now = _now()
    start = _day(from_, "--from") or now.astimezone(zone(display)).date()
    end = _day(to, "--to") or start + dt.timedelta(days=max(days - 1, 0))
    events = list_events(
        conf.db_url, start=start, end=end, categories=category, org=org, deadlines_only=deadlines
    )
    if as_json:
        out(json.dumps([e.to_json() for e in events], ensure_ascii=False, indent=2))
    elif as_csv:
        out(_csv(events))
    elif events:
        out(_table(events, display, now))
    else:
        say(f"no events between {start} and {end}: try --days 60, or `tracker ingest` a digest")


def _when(event: "Event", display: str, now: dt.datetime) -> tuple[str, str, str]:
    """Date, time and 'in 2 days' of an event, seen in the display zone."""
    from tracker.timeutil import humanize, zone

    if event.starts_at is not None:
        local = event.starts_at.astimezone(zone(display))
        return local.date().isoformat(), local.strftime("%H:%M"), humanize(event.starts_at, now)
    today = now.astimezone(zone(display)).date()
    offset = (event.start_date - today).days
    relative = "today" if offset == 0 else humanize(now + dt.timedelta(days=offset), now)
    label = {"week": "that week", "month": "that month", "quarter": "that qtr"}.get(str(event.precision), "")
    return event.start_date.isoformat(), label, relative


def _flags(event: "Event") -> str:
    flags = [str(event.status)] if event.status != "confirmed" else []
    flags += ["disputed"] if event.disputed else []
    return f" [{', '.join(flags)}]" if flags else ""


def _table(events: list["Event"], display: str, now: dt.datetime) -> str:
    rows = [("", "DATE", f"TIME {display}", "WHEN", "CATEGORY", "TITLE", "UID")]
    for e in events:
        day, time, relative = _when(e, display, now)
        short = e.title if len(e.title) <= 64 else e.title[:63].rstrip() + "…"
        title = short + _flags(e) + (f" -> {e.action or 'act'} before this" if e.action_deadline else "")
        rows.append(("!" if e.action_deadline else " ", day, time, relative, str(e.category), title, e.uid))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    return "\n".join(
        " ".join(cell.ljust(widths[i]) for i, cell in enumerate(r[:5])) + f" {r[5]}  {r[6]}" for r in rows
    )


CSV_FIELDS = ("uid", "date", "end_date", "time", "tz", "starts_at", "category", "org", "title",
              "action_deadline", "action", "status", "disputed", "sequence")  # fmt: skip


def _csv(events: list["Event"]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for e in events:
        writer.writerow(e.to_json())
    return buffer.getvalue().rstrip("\n")


@app.command()
def show(
    ctx: typer.Context,
    uid: Annotated[str, typer.Argument(help="The event's UID (or an unambiguous start of it).")],
    tz: Annotated[str | None, typer.Option(help="Display zone (default: settings, UTC).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Everything, with history, as JSON.")] = False,
) -> None:
    """Everything about one event: when, status, sources with their evidence, history, disputes."""
    from tracker.service.events import show_event

    conf = settings(ctx)
    detail = show_event(conf.db_url, uid)
    if as_json:
        out(json.dumps(detail.to_json(), ensure_ascii=False, indent=2))
    else:
        out(_detail(detail, tz or conf.tz, _now()))


def _detail(detail: "EventDetail", display: str, now: dt.datetime) -> str:
    e = detail.event
    day, time, relative = _when(e, display, now)
    lines = [
        e.title + _flags(e),
        f"  uid:       {e.uid}",
        f"  when:      {day} {time} ({relative})".replace("  (", " ("),
    ]
    if e.starts_at is not None and e.tz:
        lines.append(f"  stated:    {e.start_date} {e.start_time:%H:%M} {e.tz}" if e.start_time else "")
    if e.end_date:
        lines.append(f"  until:     {e.end_date}")
    lines += [f"  category:  {e.category}", f"  precision: {e.precision}"]
    lines += [f"  org:       {e.org}"] if e.org else []
    lines += [f"  ACTION:    {e.action or 'act'} before this date"] if e.action_deadline else []
    lines.append(f"  status:    {e.status}, sequence {e.sequence}" + (", set by hand" if e.manual else ""))
    lines += [f"  remind:    {','.join(e.remind) or 'never'}"] if e.remind is not None else []
    lines += [f"  updated:   {e.updated:%Y-%m-%d %H:%M} UTC"] if e.updated else []
    if detail.dispute:
        lines.append("Disputed: sources published at the same time give different dates:")
        lines += [f"  {line}" for line in detail.dispute]
    lines.append(f"Sources ({len(detail.claims)}):")
    for c in detail.claims:
        published = f", published {c.published}" if c.published else ""
        said = (c.date.isoformat() if c.date else "no day") + (f" {c.time:%H:%M}" if c.time else "")
        lines.append(f"  {c.location}{published}: says {said} ({c.status})")
        lines.append(f'    "{c.evidence}"')
    lines.append("History:")
    lines += [f"  {h.changed_at:%Y-%m-%d %H:%M}  {_change_line(h)}  [{_by(h)}]" for h in detail.history]
    return "\n".join(line for line in lines if line)


def _slot(day: dt.date | None, time: dt.time | None) -> str:
    return (day.isoformat() if day else "?") + (f" {time:%H:%M}" if time else "")


def _change_line(c: "Change") -> str:
    """'moved     2026-06-03 -> 2026-06-10' and friends."""
    old, new = _slot(c.old_date, c.old_time), _slot(c.new_date, c.new_time)
    what = {
        "added": ("added", new),
        "moved": ("moved", f"{old} -> {new}"),
        "refined": ("refined", f"{old} -> {new}"),
        "tentative": ("postponed", f"{old}, no new date"),
        "cancelled": ("cancelled", old),
        "confirmed": ("confirmed", new),
        "disputed": ("disputed", f"{old} or {new}?"),
        "resolved": ("settled", new),
    }.get(c.kind, (c.kind, c.note))
    return f"{what[0]:<9} {what[1]}"


def _by(c: "Change") -> str:
    if not c.source:
        return "by hand"
    return c.source + (f", published {c.published}" if c.published else "")


@app.command()
def add(
    ctx: typer.Context,
    title: Annotated[
        str, typer.Argument(help="What happens, e.g. 'Senate vote on the market structure bill'.")
    ],
    on: Annotated[str, typer.Option("--on", help="Day YYYY-MM-DD.")],
    at: Annotated[str | None, typer.Option("--at", help="Time HH:MM (24-hour).")] = None,
    tz: Annotated[str | None, typer.Option(help="Zone of --at, e.g. UTC+8 or America/New_York.")] = None,
    category: Annotated[
        str, typer.Option(help="macro, regulation, upgrade, migration, launch, ...")
    ] = "other",
    org: Annotated[str | None, typer.Option(help="Organisation, e.g. Base.")] = None,
    deadline: Annotated[bool, typer.Option("--deadline", help="You must act before this date.")] = False,
    action: Annotated[str | None, typer.Option(help="What to do before it, e.g. 'withdraw assets'.")] = None,
    remind: Annotated[str | None, typer.Option(help="Reminder ladder for this event, e.g. 7d,1d,2h.")] = None,
) -> None:
    """Add an event by hand (manual events are never changed by later digests)."""
    from tracker.service.events import add_event
    from tracker.timeutil import parse_user_time, zone

    conf = settings(ctx)
    if tz:
        zone(tz)
    day = _day(on, "--on")
    assert day is not None
    event = add_event(
        conf.db_url, title, on=day, at=parse_user_time(at) if at else None, tz=tz, default_tz=conf.tz,
        cat=category, org=org, deadline=deadline, action=action, remind=remind, now=_now(),
    )  # fmt: skip
    out(event.uid)
    say(f"added {event.title!r} on {event.start_date}")


@app.command()
def cancel(
    ctx: typer.Context,
    uid: Annotated[str, typer.Argument(help="The event's UID (or an unambiguous start of it).")],
) -> None:
    """Mark an event cancelled (it stays, so feeds can announce the cancellation)."""
    from tracker.service.events import cancel_event

    event = cancel_event(settings(ctx).db_url, uid, now=_now())
    out(event.uid)
    say(f"cancelled {event.title!r} ({event.start_date})")


@app.command()
def edit(
    ctx: typer.Context,
    uid: Annotated[str, typer.Argument(help="The event's UID (or an unambiguous start of it).")],
    on: Annotated[str | None, typer.Option("--on", help="New day YYYY-MM-DD.")] = None,
    at: Annotated[str | None, typer.Option("--at", help="New time HH:MM (24-hour).")] = None,
    tz: Annotated[str | None, typer.Option(help="Zone of the time, e.g. UTC+8.")] = None,
    title: Annotated[str | None, typer.Option(help="New title.")] = None,
    category: Annotated[str | None, typer.Option(help="New category.")] = None,
    remind: Annotated[str | None, typer.Option(help="Reminder ladder, e.g. 7d,1d,2h, or 'default'.")] = None,
    auto: Annotated[
        bool,
        typer.Option("--auto", help="Hand the event back to extraction: later digests may change it again."),
    ] = False,
) -> None:
    """Change an event by hand; it then keeps your values over later digests (until --auto)."""
    from tracker.service.events import Edit, edit_event
    from tracker.timeutil import parse_user_time

    conf = settings(ctx)
    change = Edit(
        on=_day(on, "--on"), at=parse_user_time(at) if at else None, tz=tz, title=title,
        category=category, remind=remind, auto=auto,
    )  # fmt: skip
    event = edit_event(conf.db_url, uid, change, default_tz=conf.tz, now=_now())
    out(event.uid)
    say(f"{event.title!r}: {event.start_date}" + (f" {event.start_time:%H:%M}" if event.start_time else "")
        + (" (manual)" if event.manual else " (automatic)"))  # fmt: skip


@app.command()
def changes(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option(help="From this day YYYY-MM-DD (default: 7 days ago).")] = None,
    tz: Annotated[str | None, typer.Option(help="Zone of --since and of the times shown.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The changes as a JSON array.")] = False,
) -> None:
    """What changed: events added, moved (old -> new), cancelled or disputed, with their sources."""
    from tracker.service.events import changes as run
    from tracker.timeutil import start_of_day_utc

    conf = settings(ctx)
    day = _day(since, "--since")
    now = _now()
    start = start_of_day_utc(day, tz or conf.tz) if day else now - dt.timedelta(days=7)
    found = run(conf.db_url, since=start)
    if as_json:
        out(json.dumps([c.to_json() for c in found], ensure_ascii=False, indent=2))
    elif found:
        out("\n".join(_change_row(c) for c in found))
    else:
        say(f"no changes since {start:%Y-%m-%d %H:%M} UTC")


def _change_row(c: "Change") -> str:
    title = c.title if len(c.title) <= 60 else c.title[:59].rstrip() + "…"
    return f"{c.changed_at:%Y-%m-%d}  {_change_line(c):<45} {title}  [{_by(c)}]  {c.uid}"
