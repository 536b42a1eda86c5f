"""The typer application, the global options and the one error boundary."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from tracker.config import Settings, load_settings
from tracker.errors import TrackerError

EXIT_USER_ERROR = 1
EXIT_INTERRUPTED = 130


class TrackerGroup(TyperGroup):
    """Turns TrackerError into one line on stderr and exit 1; Ctrl-C into exit 130."""

    def invoke(self, ctx: Any) -> Any:  # click's Context (vendored by some typer versions)
        try:
            return super().invoke(ctx)
        except TrackerError as exc:
            if _debug(ctx):
                raise
            typer.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_USER_ERROR)
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)


def _debug(ctx: Any) -> bool:
    obj = ctx.find_object(State)
    return bool(obj and obj.debug)


class State:
    """Global options, resolved into Settings on first use."""

    def __init__(self, db: str | None, tz: str | None, debug: bool) -> None:
        self.db, self.tz, self.debug = db, tz, debug
        self._settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(db=self.db, tz=self.tz, debug=self.debug)
        return self._settings


app = typer.Typer(
    cls=TrackerGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Turn weekly 'key events' digests into a calendar you can rely on.",
)


@app.callback()
def _global(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database URL (SQLAlchemy); default: env TRACKER_DB or a SQLite file in the user data dir.",
        ),
    ] = None,
    tz: Annotated[
        str | None,
        typer.Option(
            "--display-tz", help="Display zone and zone of zone-less times (env TRACKER_TZ; default UTC)."
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks instead of one-line errors.")
    ] = False,
) -> None:
    ctx.obj = State(db, tz, debug)


def settings(ctx: typer.Context) -> Settings:
    """The resolved settings of this invocation."""
    state = ctx.find_object(State)
    if state is None:  # invoked without the callback (should not happen)
        state = State(None, None, False)
    return state.settings


def out(text: str) -> None:
    """Data goes to stdout."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def say(text: str) -> None:
    """Conversation goes to stderr."""
    typer.echo(text, err=True)
