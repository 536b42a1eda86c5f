"""Every command is documented: in the README, and with --help text (sqlite-utils tests its docs too)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from tracker.cli import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    group = get_command(app)
    names = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        subs = getattr(command, "commands", None)
        names += [f"{name} {sub}" for sub in subs] if subs else [name]
    return sorted(names)


def test_the_cli_has_the_commands_the_issues_ask_for() -> None:
    wanted = {"parse", "ingest", "list", "show", "add", "cancel", "edit", "changes", "export", "sync"}
    wanted |= {"serve", "reminders", "remind test", "ack", "run"}
    assert wanted <= set(_commands())


@pytest.mark.parametrize("command", _commands())
def test_command_is_in_the_readme_with_help(command: str) -> None:
    assert re.search(rf"`tracker {re.escape(command)}\b", README), f"`tracker {command}` is not in the README"
    result = CliRunner().invoke(app, [*command.split(), "--help"])
    assert result.exit_code == 0
    usage, _, rest = result.stdout.partition("\n\n")
    assert "Usage:" in usage and len(rest.strip().splitlines()[0]) > 20, result.stdout


def test_readme_opens_with_the_two_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)
    assert blocks[0].startswith("python3 -m pip install") and "tracker sync" in blocks[0]
    assert blocks[1].endswith("python3 -m pytest")
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1] in ci, ".ci/run must run the README's test command word for word"
