"""Project-written digests, one scenario per file, each beside the values it must give.

``en_<scenario>.txt`` is a digest; ``en_<scenario>.expected.json`` lists its publication date,
its events in text order (only the fields named are compared) and the problems it must report.
An optional ``today`` is passed to ``extract`` as the reader's current date.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from tracker.extract import extract

DIGESTS = Path(__file__).resolve().parents[1] / "fixtures" / "digests"
SCENARIOS = sorted(p.name.removesuffix(".txt") for p in DIGESTS.glob("en_*.txt"))


def load(name: str) -> tuple[str, dict[str, Any]]:
    text = (DIGESTS / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((DIGESTS / f"{name}.expected.json").read_text(encoding="utf-8"))
    return text, expected


@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario(name: str) -> None:
    text, expected = load(name)
    published = dt.date.fromisoformat(expected["published"]) if expected.get("published") else None

    today = dt.date.fromisoformat(expected["today"]) if expected.get("today") else None

    result = extract(text, published=published, source=name, today=today)

    got = [e.to_json() for e in result.events]
    want = expected["events"]
    assert [{k: g[k] for k in w} for g, w in zip(got, want, strict=False)] == want
    assert len(got) == len(want), [g["title"] for g in got]
    problems = [(p.line, p.message) for p in result.problems]
    for need in expected.get("problems", []):
        assert any(line == need["line"] and need["contains"] in msg for line, msg in problems), problems
    assert len(problems) == len(expected.get("problems", [])), problems


@pytest.mark.parametrize("name", SCENARIOS)
def test_evidence_is_the_text_at_its_offsets(name: str) -> None:
    text, expected = load(name)
    published = dt.date.fromisoformat(expected["published"]) if expected.get("published") else None

    for event in extract(text, published=published).events:
        assert text[event.start : event.end] == event.evidence
        assert text.count("\n", 0, event.start) + 1 == event.line
