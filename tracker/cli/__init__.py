"""The command line: parse options, call one service function, render the result.

Only this package talks to typer. Errors become messages and exit codes in one place,
``TrackerGroup.invoke``: user errors exit 1 with one line on stderr, usage errors 2,
Ctrl-C 130; ``--debug`` (or TRACKER_DEBUG=1) lets the traceback through.
"""

from __future__ import annotations

# Each module registers its commands on ``app`` when imported.
from tracker.cli import events as _events  # noqa: E402,F401
from tracker.cli import feeds as _feeds  # noqa: E402,F401
from tracker.cli import reminders as _reminders  # noqa: E402,F401
from tracker.cli import sync as _sync  # noqa: E402,F401
from tracker.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
