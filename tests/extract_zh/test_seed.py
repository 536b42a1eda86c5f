"""The Chinese weekly seed parses cleanly, through extract_zh, the dispatcher and `tracker parse`."""

from __future__ import annotations

import datetime as dt
import json

from typer.testing import CliRunner

from tests.conftest import ROOT
from tracker.cli.app import app
from tracker.extract import extract
from tracker.extract.zh import extract_zh
from tracker.models import Category

SEED = ROOT / "seeds" / "2026-05-18-zh-weekly.txt"


def test_seed_has_no_problems_and_reads_its_own_publication_date() -> None:
    result = extract_zh(SEED.read_text(encoding="utf-8"))  # '发布于 2026年5月16日（周六）' anchors it
    assert result.problems == []
    days = {e.date for e in result.events}
    assert min(days) == dt.date(2026, 5, 18) and max(days) == dt.date(2026, 5, 29)
    assert all(e.tz == "UTC+8" for e in result.events if e.time)  # '以下时间均为北京时间'
    assert len(result.events) == 12


def test_seed_deadlines() -> None:
    events = extract_zh(SEED.read_text(encoding="utf-8")).events
    deadlines = [(e.org, e.date, e.category, e.action) for e in events if e.action_deadline]
    assert deadlines == [
        ("Helix", dt.date(2026, 5, 29), Category.SHUTDOWN, "withdraw assets"),
        ("Helix", dt.date(2026, 5, 26), Category.DEADLINE, "withdraw assets"),
        ("Quillnet", dt.date(2026, 5, 22), Category.SHUTDOWN, "export data"),
    ]
    delisting = next(e for e in events if e.category is Category.LISTING)
    assert delisting.org == "Binance" and not delisting.action_deadline


def test_dispatcher_sends_the_seed_to_the_chinese_reader() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert extract(text) == extract_zh(text)


def test_tracker_parse_json_on_the_seed() -> None:
    run = CliRunner().invoke(app, ["parse", str(SEED), "--json"])
    assert run.exit_code == 0, run.output
    data = json.loads(run.stdout)
    assert data["problems"] == []
    first = data["events"][0]
    assert (first["date"], first["time"], first["tz"], first["category"]) == (
        "2026-05-18",
        "20:00",
        "UTC+8",
        "macro",
    )
    assert SEED.read_text(encoding="utf-8")[first["start"] : first["end"]] == first["evidence"]
