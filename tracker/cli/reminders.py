"""Reminder commands: reminders (the ledger), remind test, ack, run (the daemon)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.app import app, out, say, settings

if TYPE_CHECKING:
    from collections.abc import Callable

    from tracker.reminders import Reminder

NotifyOption = Annotated[
    list[str] | None,
    typer.Option(
        "--notify",
        help="Channel as an apprise URL (mailto://, tgram://, slack://, discord://, ntfy://, json://, "
        "...) or stdout://; repeatable. Default: env TRACKER_NOTIFY, config `notify`, else stdout://.",
        show_default=False,
    ),
]

remind = typer.Typer(
    help="Reminder channels: `tracker remind test` sends a test message through each.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(remind, name="remind")


@app.command("reminders")
def reminders_cmd(
    ctx: typer.Context,
    status: Annotated[
        list[str] | None,
        typer.Option(
            help="Only rows with this status (pending, sending, sent, failed, expired, dropped); repeatable.",
            show_default=False,
        ),
    ] = None,
    event: Annotated[str | None, typer.Option(help="Only the reminders of this event UID.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the ledger rows as JSON.")] = False,
) -> None:
    """Show the reminder ledger: one row per reminder and channel, by due time.

    Times are shown in the display zone (--display-tz / TRACKER_TZ) and in JSON as UTC instants.
    """
    from tracker.service.remind import list_reminders

    config = settings(ctx)
    rows = list_reminders(config, status or (), event)
    if as_json:
        out(json.dumps([_row_json(r) for r in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        say("no reminders planned (events with action deadlines get them on `tracker sync`)")
        return
    from tracker.timeutil import zone

    tz = zone(config.tz)
    out(f"{'DUE (' + config.tz + ')':<22} {'STATUS':<8} {'RUNG':<9} {'CHANNEL':<20} {'ID':<21} TITLE")
    for r in rows:
        extra = r.last_error or r.note or ""
        flags = " (sent late)" if r.late else ""
        out(f"{r.due_at.astimezone(tz):%Y-%m-%d %H:%M}       {r.status:<8} {r.rung:<9} {r.channel_label:<20} "
            f"{r.rid:<21} {r.title}{flags}" + (f"  [{extra}]" if extra else ""))  # fmt: skip


def _row_json(r: Reminder) -> dict[str, object]:
    def iso(v: object) -> object:
        return v.isoformat() if hasattr(v, "isoformat") else v

    return {
        "id": r.rid, "event": r.uid, "kind": str(r.kind), "rung": r.rung, "channel": r.channel_label,
        "title": r.title, "due_at": iso(r.due_at), "deadline_at": iso(r.deadline_at),
        "exact_time": r.exact, "status": str(r.status), "attempts": r.attempts,
        "next_attempt_at": iso(r.next_attempt_at), "last_error": r.last_error, "note": r.note,
        "sent_at": iso(r.sent_at), "late": r.late, "lease_owner": r.lease_owner,
        "lease_expires_at": iso(r.lease_expires_at),
    }  # fmt: skip


@remind.command("test")
def remind_test(ctx: typer.Context, notify: NotifyOption = None) -> None:
    """Send one test message through each channel (nothing is recorded in the ledger)."""
    from tracker.errors import DeliveryError
    from tracker.service.remind import test_channels, utcnow

    results = test_channels(settings(ctx), notify or (), utcnow())
    for r in results:
        say(f"{r.channel}: " + (f"FAILED: {r.error}" if r.error else f"sent (id {r.rid})"))
    failed = [r for r in results if r.error]
    if failed:
        raise DeliveryError(f"{len(failed)} of {len(results)} channel(s) failed; fix the URL or the service")


@app.command()
def ack(
    ctx: typer.Context, uid: Annotated[str, typer.Argument(help="The event's UID (or a unique prefix).")]
) -> None:
    """Acknowledge an event (done: withdrawn, exported...): its remaining reminders are dropped."""
    from tracker.service.remind import ack_event, utcnow

    result = ack_event(settings(ctx), uid, utcnow())
    say(f"acknowledged {result.uid} ({result.title}): {result.dropped} pending reminder(s) dropped")


@app.command()
def run(
    ctx: typer.Context,
    notify: NotifyOption = None,
    serve: Annotated[
        bool, typer.Option("--serve", help="Also serve the feeds (like `tracker serve`).")
    ] = False,
    host: Annotated[str, typer.Option(help="With --serve: address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="With --serve: port; 0 picks one.")] = 8080,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="TRACKER_SERVE_TOKEN",
            show_default=False,
            help="With --serve: require this token (env TRACKER_SERVE_TOKEN).",
        ),
    ] = None,
    replan_every: Annotated[
        float, typer.Option(min=1.0, max=60.0, help="Seconds between looks for new or changed events.")
    ] = 30.0,
    lease: Annotated[
        float,
        typer.Option(
            min=1.0,
            help="Seconds a claimed reminder stays reserved for this daemon (renewed "
            "while it works); after a crash other daemons take it over once it expires.",
        ),
    ] = 60.0,
) -> None:
    """Run the reminder daemon: catch up on missed reminders, then send each one on time.

    State lives in the database, so a restart (even after kill -9) loses nothing. Several daemons
    may share one PostgreSQL database; on SQLite a second one is refused. Stop with Ctrl-C.
    """
    from tracker.service.remind import run_daemon

    config = settings(ctx)
    foreground = None
    if serve:
        foreground = _server(config.db_url, config.tz, host, port, token)
    import datetime as dt

    run_daemon(config, notify or (), foreground=foreground, replan_every=replan_every,
               lease=dt.timedelta(seconds=lease), log=say)  # fmt: skip


def _server(db_url: str, tz: str, host: str, port: int, token: str | None) -> Callable[[], None]:
    try:
        from tracker.server import LOOPBACK
        from tracker.server import run as serve_feeds
    except ImportError:
        from tracker.errors import ConfigError

        raise ConfigError("this build of tracker has no feed server; run without --serve") from None
    if host not in LOOPBACK and not token:
        say(f"warning: serving on {host} without a token: anyone who can reach it can read the calendar")

    def foreground() -> None:
        serve_feeds(db_url, display_tz=tz, host=host, port=port, token=token or None,
                    announce=lambda url: say(f"serving {url}"))  # fmt: skip

    return foreground
