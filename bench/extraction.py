"""Extraction speed and distinct-date F1: tracker against two general-purpose date finders.

Runs on the dev corpus (NNN.txt beside NNN.gold.json, default ../shared/corpus/dev) and, on the
same texts in the same run, times ``tracker.extract.extract``, ``dateparser.search_dates`` and
``datefinder.find_dates``. Each is anchored like the corpus scorer's "realistic" mode (the gold
publication date, or the earliest gold date minus three days) and scored on distinct dates:
the set of days it finds in a digest against the set of days the gold annotates.

Times are CPU seconds of this process (``time.process_time``), so a busy machine does not
inflate them. Also times 1 MB of adversarial text (long run-on lines, dense dates, many headers) so
catastrophic regex backtracking would show up here as a number, not as a flaky test.

    python3 bench/extraction.py [CORPUS] [--rounds N] [--skip-baselines]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from tracker.extract import clear_caches, extract
from tracker.models import Precision

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
Finder = Callable[[str, dt.date | None, str], set[dt.date]]


def load(corpus: Path) -> list[tuple[str, str, dt.date | None, set[dt.date]]]:
    """(name, text, anchor, gold days) for every annotated digest."""
    docs = []
    for gold_path in sorted(corpus.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        days = {dt.date.fromisoformat(e["date"]) for e in gold["events"] if e.get("date")}
        anchor = dt.date.fromisoformat(gold["published"]) if gold.get("published") else None
        if anchor is None and days:
            anchor = min(days) - dt.timedelta(days=3)
        text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        docs.append((gold_path.name[:3], text, anchor, days))
    return docs


def tracker_days(text: str, anchor: dt.date | None, _lang: str) -> set[dt.date]:
    result = extract(text, published=anchor)
    exact = {Precision.DAY, Precision.TIME}
    return {e.date for e in result.events if e.date and e.precision in exact}


def dateparser_days(text: str, anchor: dt.date | None, lang: str) -> set[dt.date]:
    from dateparser.search import search_dates

    base = dt.datetime.combine(anchor or dt.date(2026, 1, 1), dt.time())
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=[lang], settings=settings) or []  # type: ignore[arg-type]
    return {value.date() for _, value in found}


def datefinder_days(text: str, anchor: dt.date | None, _lang: str) -> set[dt.date]:
    import datefinder

    base = dt.datetime.combine(anchor or dt.date(2026, 1, 1), dt.time())
    days = set()
    try:
        for value in datefinder.find_dates(text, base_date=base):
            days.add(value.date())
    except (ValueError, OverflowError):
        pass  # datefinder gives up on some inputs mid-way; keep what it found
    return days


def score(
    finder: Finder,
    docs: list[tuple[str, str, dt.date | None, set[dt.date]]],
    langs: dict[str, str],
    rounds: int,
) -> tuple[float, float]:
    """(milliseconds per digest, distinct-date F1)."""
    tp = fp = fn = 0
    timings = []
    for _ in range(rounds):
        clear_caches()  # cold: the engine memoises per-text work, and every round reads the same texts
        start = time.process_time()
        for name, text, anchor, _gold in docs:
            finder(text, anchor, langs[name])
        timings.append((time.process_time() - start) / len(docs))
    for name, text, anchor, gold in docs:
        found = finder(text, anchor, langs[name])
        tp, fp, fn = tp + len(found & gold), fp + len(found - gold), fn + len(gold - found)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return 1000 * statistics.median(timings), f1


def adversarial() -> dict[str, str]:
    size = 1_000_000
    units = {
        "prose paragraphs": "On Tuesday, May 12, the U.S. will release CPI data. Ronin will migrate. " * 3
        + "\n\n",
        "one run-on line": "CPI on Tue, FOMC?Wed, claims Thu, May 3 - 4 - 5 / 6 , ; ",
        "day headers": "Monday, May 11\n• 12:30 — U.S. CPI\n\n",
        "dense dates": "May 12 May 13 10/11 2026-05-12 Tuesday 12:30 UTC+8 ",
        "spaces and capitals": "Monday" + " " * 40 + "The Big Long Capitalized Name" + " " * 40,
    }
    return {name: (unit * (size // len(unit) + 1))[:size] for name, unit in units.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, nargs="?", default=DEFAULT_CORPUS)
    ap.add_argument("--rounds", type=int, default=20, help="timing rounds for tracker (baselines: 1)")
    ap.add_argument("--skip-baselines", action="store_true")
    args = ap.parse_args()

    docs = load(args.corpus)
    langs = {
        gold.name[:3]: json.loads(gold.read_text(encoding="utf-8")).get("language", "en")
        for gold in args.corpus.glob("*.gold.json")
    }
    sizes = [len(text.encode()) for _, text, _, _ in docs]
    print(f"corpus: {args.corpus} ({len(docs)} digests, median {statistics.median(sizes) / 1000:.1f} KB)")
    rows: list[tuple[str, Finder, int]] = [("tracker", tracker_days, args.rounds)]
    if not args.skip_baselines:
        rows += [
            ("dateparser.search_dates", dateparser_days, 1),
            ("datefinder.find_dates", datefinder_days, 1),
        ]
    for label, finder, rounds in rows:
        ms, f1 = score(finder, docs, langs, rounds)
        print(f"{label:<26} {ms:9.2f} ms/digest  {1000 / ms:8.0f} digests/s  distinct-date F1 {f1:.3f}")
    english = "\n\n".join(text for name, text, _, _ in docs if langs[name] == "en")
    samples = {"English dev digests, repeated": (english * (1_000_000 // len(english) + 1))[:1_000_000]}
    for label, text in {**samples, **adversarial()}.items():
        clear_caches()
        start = time.process_time()
        result = extract(text, published=dt.date(2026, 5, 11))
        print(f"1 MB {label:<30} {time.process_time() - start:6.2f} s  ({len(result.events)} events)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
