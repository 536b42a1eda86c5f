"""A date-only event keeps the zone it was added in: reminders read its day in that zone."""

from __future__ import annotations

import json
import sqlite3

from typer.testing import CliRunner

from tracker.cli import app


def test_date_only_add_keeps_its_zone_and_edit_can_change_it(sqlite_url: str) -> None:
    runner = CliRunner()
    added = runner.invoke(
        app,
        ["--db", sqlite_url, "add", "Vault closes", "--on", "2026-12-01", "--tz", "UTC+8", "--deadline"],
    )
    assert added.exit_code == 0, added.stderr
    uid = added.stdout.strip()
    listed = runner.invoke(app, ["--db", sqlite_url, "list", "--from", "2026-12-01", "--json"])
    (event,) = json.loads(listed.stdout)
    assert (event["tz"], event["time"], event["all_day"]) == ("UTC+8", None, True)

    edited = runner.invoke(app, ["--db", sqlite_url, "edit", uid, "--tz", "Europe/Berlin"])
    assert edited.exit_code == 0, edited.stderr
    listed = runner.invoke(app, ["--db", sqlite_url, "list", "--from", "2026-12-01", "--json"])
    assert json.loads(listed.stdout)[0]["tz"] == "Europe/Berlin"


def test_sqlite_database_is_in_wal_mode(sqlite_url: str) -> None:
    assert CliRunner().invoke(app, ["--db", sqlite_url, "add", "X", "--on", "2026-12-01"]).exit_code == 0
    path = sqlite_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
