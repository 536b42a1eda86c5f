"""Held-out evaluation: project-written digests the extractor was not tuned on.

tests/fixtures/holdout/NNN.txt sits beside NNN.gold.json (the dev corpus's gold schema). Each digest
is extracted in-process, anchored like the corpus scorer's "realistic" mode (gold `published`, or the
earliest gold date minus 3 days), and matched to the gold with the scorer's rules: same date, greedy
one-to-one by title/org word overlap (>= 0.25 unless the gold event is alone on its day); undated
gold events and coarse predictions (week, month, quarter...) are left out.

The figures are computed over the whole set; on failure the message lists every miss and every
false event per file, so the cause can be read off directly.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tracker.extract import extract

HOLDOUT = Path(__file__).resolve().parents[1] / "fixtures" / "holdout"
GOLD_FILES = sorted(HOLDOUT.glob("*.gold.json"))

CATEGORY = {  # gold long names -> tracker slugs
    "macro data release": "macro",
    "network upgrade/hard fork": "upgrade",
    "migration": "migration",
    "regulatory/legislative vote or hearing": "regulation",
    "shutdown/wind-down": "shutdown",
    "withdrawal or export deadline": "deadline",
    "token unlock": "unlock",
    "listing/delisting": "listing",
    "mainnet/testnet launch": "launch",
    "conference": "conference",
    "other": "other",
}
COARSE = {"week", "month", "quarter", "year", "range", "unknown", "tentative"}
STOP = set("the a an of on in at to for and or by with from is will be its this that as us u s".split())
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
ZH_WEEKDAYS = "一二三四五六日"

EVENT_F1_FLOOR = 0.85
DATE_F1_FLOOR = 0.90


def _tokens(text: str) -> set[str]:
    text = (text or "").lower()
    words = {w for w in re.findall(r"[a-z0-9]+", text) if w not in STOP and len(w) > 1}
    cjk = re.findall(r"[\u4e00-\u9fff]", text)
    return words | {a + b for a, b in zip(cjk, cjk[1:], strict=False)}


def _similarity(pred: dict[str, Any], gold: dict[str, Any]) -> float:
    want = _tokens(f"{gold.get('title', '')} {gold.get('org', '')}")
    got = _tokens(f"{pred.get('title', '')} {pred.get('org', '')} {pred.get('evidence', '')}")
    return len(want & got) / len(want) if want else 0.0


def _match(preds: list[dict[str, Any]], golds: list[dict[str, Any]]) -> list[tuple[int, int]]:
    candidates: list[tuple[float, int, int]] = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            if p["date"] != g["date"]:
                continue
            alone = sum(x["date"] == g["date"] for x in golds) == 1
            s = _similarity(p, g)
            if s >= 0.25 or alone:
                candidates.append((s, i, j))
    candidates.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def _anchor(gold: dict[str, Any]) -> dt.date | None:
    if gold.get("published"):
        return dt.date.fromisoformat(gold["published"])
    dates = [dt.date.fromisoformat(g["date"]) for g in gold["events"] if g.get("date")]
    return min(dates) - dt.timedelta(days=3) if dates else None


@dataclass
class DocScore:
    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    gold_dates: set[str] = field(default_factory=set)
    pred_dates: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


def _score(gold_path: Path) -> DocScore:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text_path = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
    result = extract(text_path.read_text(encoding="utf-8"), published=_anchor(gold), source=text_path.name)
    preds = [e.to_json() for e in result.events]
    scored = [p for p in preds if p["date"] and p["precision"] not in COARSE]
    golds = [g for g in gold["events"] if g.get("date")]
    pairs = _match(scored, golds)
    doc = DocScore(text_path.name, tp=len(pairs), fp=len(scored) - len(pairs), fn=len(golds) - len(pairs))
    doc.gold_dates = {g["date"] for g in golds}
    doc.pred_dates = {p["date"] for p in scored}
    matched_p = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    for j, g in enumerate(golds):
        if j not in matched_g:
            doc.notes.append(f"  miss  {g['date']} {g['title']!r}  <- {g['evidence']!r}")
    for i, p in enumerate(scored):
        if i not in matched_p:
            doc.notes.append(f"  false {p['date']} {p['title']!r}")
    for i, j in pairs:
        p, g = scored[i], golds[j]
        want = CATEGORY[g["category"]]
        if p["category"] != want and {p["category"], want} != {"shutdown", "deadline"}:
            doc.notes.append(f"  category {p['date']} {g['title']!r}: {p['category']} != {want}")
    return doc


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


@pytest.fixture(scope="module")
def scores() -> list[DocScore]:
    assert len(GOLD_FILES) >= 16, "the holdout set is missing"
    return [_score(path) for path in GOLD_FILES]


def _report(scores: list[DocScore]) -> str:
    lines = []
    for doc in scores:
        if doc.notes:
            f1 = _f1(doc.tp, doc.fp, doc.fn)
            lines.append(f"{doc.name}: tp {doc.tp} fp {doc.fp} fn {doc.fn} F1 {f1:.2f}")
            lines.extend(doc.notes)
    return "\n".join(lines)


def test_holdout_event_f1(scores: list[DocScore]) -> None:
    tp = sum(d.tp for d in scores)
    fp = sum(d.fp for d in scores)
    fn = sum(d.fn for d in scores)
    f1 = _f1(tp, fp, fn)
    assert f1 >= EVENT_F1_FLOOR, f"holdout event F1 {f1:.3f} (tp {tp} fp {fp} fn {fn})\n{_report(scores)}"


def test_holdout_distinct_date_f1(scores: list[DocScore]) -> None:
    tp = sum(len(d.gold_dates & d.pred_dates) for d in scores)
    fp = sum(len(d.pred_dates - d.gold_dates) for d in scores)
    fn = sum(len(d.gold_dates - d.pred_dates) for d in scores)
    f1 = _f1(tp, fp, fn)
    wrong = [
        f"{d.name}: missed {sorted(d.gold_dates - d.pred_dates)} false {sorted(d.pred_dates - d.gold_dates)}"
        for d in scores
        if d.gold_dates != d.pred_dates
    ]
    assert f1 >= DATE_F1_FLOOR, f"holdout distinct-date F1 {f1:.3f}\n" + "\n".join(wrong)


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=[p.name.split(".")[0] for p in GOLD_FILES])
def test_gold_is_consistent_with_its_text(gold_path: Path) -> None:
    """The annotations themselves: evidence is verbatim, categories known, weekdays agree with dates."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
    assert gold["language"] in {"en", "zh"}
    for event in gold["events"]:
        assert event["evidence"] in text, event["evidence"]
        assert event["category"] in CATEGORY
        if event["date"] is None:
            assert event["end_date"] is None
            continue
        day = dt.date.fromisoformat(event["date"])
        if event["end_date"]:
            assert dt.date.fromisoformat(event["end_date"]) > day
        evidence = event["evidence"].lower()
        for index, name in enumerate(WEEKDAYS):
            if re.search(rf"\b{name}\b", evidence):
                assert index == day.weekday(), f"{event['evidence']!r} is not a {name}"
        zh = re.search(r"周([一二三四五六日])", event["evidence"])
        if zh:
            assert ZH_WEEKDAYS.index(zh.group(1)) == day.weekday(), event["evidence"]
    for mention in gold.get("excluded_date_mentions", []):
        assert mention["evidence"] in text, mention["evidence"]
