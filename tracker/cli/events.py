"""Commands about events: parse, ingest, list, show, add, cancel, edit, changes."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from tracker.cli.app import app, out, say


@app.command()
def parse(
    source: Annotated[str, typer.Argument(help="A digest file, or - for standard input.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD: anchors years and 'next week'.")
    ] = None,
    tz: Annotated[str | None, typer.Option(help="Zone of times the text gives without one, e.g. UTC+8.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print {events, problems} as JSON.")] = False,
) -> None:
    """Extract the dated events of one digest without storing them."""
    from tracker.service.parse import parse_source
    from tracker.timeutil import parse_user_date

    result = parse_source(source, parse_user_date(published) if published else None, tz)
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
