"""The main job: `tracker sync`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.app import app, out, say, settings


@app.command()
def sync(
    ctx: typer.Context,
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="Digest files or folders to ingest (default: seeds/).", show_default=False),
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the .ics feeds.")] = Path("calendars"),
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD of the digests (anchors years).")
    ] = None,
    tz: Annotated[
        str | None, typer.Option(help="Zone of times the digests give without one (default: settings).")
    ] = None,
) -> None:
    """Ingest digests (default seeds/), refresh the feeds in calendars/ and plan reminders."""
    from tracker.service.sync import sync as run
    from tracker.timeutil import parse_user_date

    report = run(
        settings(ctx),
        list(sources or []),
        out_dir=out_dir,
        now=dt.datetime.now(dt.UTC),
        published=parse_user_date(published) if published else None,
        tz=tz,
    )
    for digest in report.digests:
        out(digest.summary())
        for problem in digest.problems:
            say(f"problem: {problem}")
    written = len(report.feeds.written)
    out(f"feeds: {written} written, {len(report.feeds.unchanged)} unchanged in {out_dir}")
    out(str(report.reminders))
    for message in report.reminders.problems:
        say(f"problem: {message}")
    if report.failed:
        raise typer.Exit(1)
