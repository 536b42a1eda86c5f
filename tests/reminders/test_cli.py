"""The reminder commands through typer's CliRunner: exit codes, stdout (data) and stderr (talk)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from tests.reminders.conftest import Sink, deadline_event, put
from tracker.cli import app
from tracker.config import Settings
from tracker.service.remind import plan_reminders
from tracker.store import open_store

runner = CliRunner()
UTC = dt.UTC


@pytest.fixture
def planned(sqlite_url: str) -> str:
    with open_store(sqlite_url) as store:
        put(
            store,
            deadline_event(
                starts_at=dt.datetime(2099, 5, 16, 12, tzinfo=UTC), start_date=dt.date(2099, 5, 16)
            ),
        )
        plan_reminders(Settings(db_url=sqlite_url), store, dt.datetime(2099, 5, 1, tzinfo=UTC))
    return sqlite_url


def test_reminders_json_lists_the_ledger(planned: str) -> None:
    result = runner.invoke(app, ["--db", planned, "reminders", "--json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["rung"] for r in rows] == ["7d", "3d", "1d", "2h"]
    assert rows[2]["due_at"] == "2099-05-15T12:00:00+00:00" and rows[2]["status"] == "pending"
    assert rows[2]["channel"] == "stdout://" and rows[2]["event"] == "dmail-shutdown"
    assert rows[2]["id"].endswith("-1d") and rows[2]["exact_time"] is True


def test_reminders_table_uses_the_display_zone(planned: str) -> None:
    result = runner.invoke(
        app, ["--db", planned, "--display-tz", "Asia/Shanghai", "reminders", "--status", "pending"]
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("DUE (Asia/Shanghai)")
    assert "2099-05-15 20:00" in lines[3] and "pending" in lines[3] and "Dmail Network shuts down" in lines[3]
    empty = runner.invoke(app, ["--db", planned, "reminders", "--status", "sent"])
    assert empty.exit_code == 0 and empty.stdout == "" and "no reminders" in empty.stderr


def test_remind_test_sends_through_each_channel(sqlite_url: str, sink: Sink) -> None:
    result = runner.invoke(
        app, ["--db", sqlite_url, "remind", "test", "--notify", sink.url, "--notify", "stdout://"]
    )
    assert result.exit_code == 0, result.stderr
    assert len(sink.posts) == 1 and sink.posts[0]["title"] == "tracker: test notification"
    assert "This is a test from tracker" in result.stdout  # the stdout:// channel
    assert result.stderr.count("sent (id ") == 2


def test_remind_test_reports_a_refusing_channel_without_its_secret(sqlite_url: str) -> None:
    url = "json://user:topsecret@127.0.0.1:9/hook"
    result = runner.invoke(app, ["--db", sqlite_url, "remind", "test", "--notify", url])
    assert result.exit_code == 1
    assert "FAILED" in result.stderr and "1 of 1 channel(s) failed" in result.stderr
    assert "topsecret" not in result.stderr + result.stdout


def test_channels_come_from_the_environment(
    sqlite_url: str, sink: Sink, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_NOTIFY", sink.url)
    result = runner.invoke(app, ["--db", sqlite_url, "remind", "test"])
    assert result.exit_code == 0 and len(sink.posts) == 1


def test_ack_drops_the_rest(planned: str) -> None:
    result = runner.invoke(app, ["--db", planned, "ack", "dmail"])
    assert result.exit_code == 0
    assert (
        "acknowledged dmail-shutdown (Dmail Network shuts down): 4 pending reminder(s) dropped"
        in result.stderr
    )
    rows = json.loads(runner.invoke(app, ["--db", planned, "reminders", "--json"]).stdout)
    assert {(r["status"], r["note"]) for r in rows} == {("dropped", "acknowledged")}


def test_ack_unknown_event_is_a_clear_error(planned: str) -> None:
    result = runner.invoke(app, ["--db", planned, "ack", "nope"])
    assert result.exit_code == 1 and "no event UID 'nope'" in result.stderr


def test_run_refuses_a_bad_channel_url(sqlite_url: str) -> None:
    result = runner.invoke(app, ["--db", sqlite_url, "run", "--notify", "not a url"])
    assert result.exit_code == 1 and "bad notification URL" in result.stderr


def test_run_refuses_a_bad_ladder(planned: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_REMIND", "7d,soon")
    result = runner.invoke(app, ["--db", planned, "run"])
    assert result.exit_code == 1 and "bad duration 'soon'" in result.stderr


@pytest.mark.parametrize("command", [["reminders"], ["remind", "test"], ["ack"], ["run"], ["remind"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.stdout and len(result.stdout) > 200
