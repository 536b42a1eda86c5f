"""feeds commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.app import app, say, settings

# -- export (self-contained; `serve` follows) ---------------------------------------------------


@app.command()
def export(
    ctx: typer.Context,
    out_dir: Annotated[
        Path, typer.Option("--out", help="Folder to write the feeds to (created if missing).")
    ] = Path("calendars"),
    alarms: Annotated[
        str | None,
        typer.Option(
            help="Add reminders to every event that is not cancelled: offsets before the start, "
            "comma-separated, e.g. -P1D,-PT2H (or 1d,2h). Off by default: many clients drop them.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write the .ics feeds: all.ics, deadlines.ics and one per category.

    Files whose bytes did not change are left untouched. Subscribe to them, or serve them with
    `tracker serve`.
    """
    from tracker.service.export import export_feeds

    result = export_feeds(settings(ctx), out_dir, alarms=alarms or ())
    for feed in result.feeds:
        state = "wrote" if feed.written else "unchanged"
        say(f"{state:<9} {feed.path} ({feed.events} event{'s' if feed.events != 1 else ''})")
    say(f"{len(result.written)} written, {len(result.unchanged)} unchanged")


# -- serve (the feed server; `export` above belongs to the feeds commands) ----------------------


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Address to listen on. The default keeps the server on this machine.")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(min=0, max=65535, help="Port to listen on; 0 picks a free one.")
    ] = 8080,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="TRACKER_SERVE_TOKEN",
            show_default=False,
            help="Require this token on every request: ?token=..., Authorization: Bearer ..., or as "
            "the password of HTTP Basic. Env TRACKER_SERVE_TOKEN.",
        ),
    ] = None,
    access_log: Annotated[
        bool, typer.Option("--access-log", help="Print one line per request (method, path, status).")
    ] = False,
) -> None:
    """Serve the feeds, the agenda page and /api/events over HTTP (read-only, GET/HEAD only).

    Endpoints: / (agenda), /calendars/NAME.ics (all, deadlines, each category; ?category= ?org=
    ?deadlines=1 ?alarms=-P1D,-PT2H), /api/events (?from= ?to= ...), /api/feeds. Stop with Ctrl-C.
    """
    from tracker.server import LOOPBACK, run

    config = settings(ctx)
    if host not in LOOPBACK and not token:
        say(f"warning: serving on {host} without a token: anyone who can reach it can read the calendar")

    def announce(url: str) -> None:
        say(f"serving {url} (feeds under {url}calendars/; Ctrl-C to stop)")

    run(
        config.db_url,
        display_tz=config.tz,
        host=host,
        port=port,
        token=token or None,
        announce=announce,
        access_log=access_log,
    )
