"""calendars/ (committed) is what the seeds produce, and every parser reads it the same way.

Regenerate after a change to the seeds, extraction or feeds, and review the diff:

    python3 tests/feeds/test_calendars.py --write

The committed files are generated with a fixed clock (SEEDED_AT), so they only change when the
events do. `tracker sync` run in the repository rewrites them with the real clock; the comparison
below therefore ignores the three timestamp properties that come from it (DTSTAMP, CREATED,
LAST-MODIFIED) and compares everything else byte for byte.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
CALENDARS = ROOT / "calendars"
SEEDED_AT = dt.datetime(2026, 5, 18, 6, 0, tzinfo=dt.UTC)
CLOCK_PROPERTIES = (b"DTSTAMP:", b"CREATED:", b"LAST-MODIFIED:")


def generate(out: Path, db_dir: Path) -> None:
    """The seeds, ingested at SEEDED_AT into a fresh SQLite file, exported to ``out``."""
    from tracker.config import Settings
    from tracker.service.export import export_feeds
    from tracker.service.ingest import ingest

    url = f"sqlite:///{db_dir / 'seeds.db'}"
    with contextlib.chdir(ROOT):  # sources are recorded as given: "seeds/...", as `tracker sync` does
        reports = ingest(url, ["seeds"], published=None, tz=None, default_tz="UTC", now=SEEDED_AT)
    assert not any(r.failed or r.problems for r in reports), reports
    export_feeds(Settings(db_url=url), out)


def without_clock(data: bytes) -> list[bytes]:
    return [line for line in data.split(b"\r\n") if not line.startswith(CLOCK_PROPERTIES)]


def test_calendars_are_what_the_seeds_produce(tmp_path: Path) -> None:
    generate(tmp_path / "out", tmp_path)
    fresh = {p.name: p.read_bytes() for p in sorted((tmp_path / "out").glob("*.ics"))}
    committed = {p.name: p.read_bytes() for p in sorted(CALENDARS.glob("*.ics"))}
    hint = "calendars/ is stale: run `python3 tests/feeds/test_calendars.py --write` and review the diff"
    assert sorted(committed) == sorted(fresh), hint
    for name, data in fresh.items():
        assert without_clock(committed[name]) == without_clock(data), f"{name}: {hint}"


@pytest.mark.parametrize("path", sorted(CALENDARS.glob("*.ics")), ids=lambda p: p.name)
def test_every_parser_reads_the_committed_calendars_alike(path: Path) -> None:
    from interop import parsers

    data = path.read_bytes()
    readings = {
        "vobject": parsers.read_vobject(data),
        "libical": parsers.read_libical(data),
        "icalendar": parsers.read_icalendar(data),
        **parsers.read_js([path])[str(path)],
    }
    seen = {
        name: sorted((e["uid"], e["allday"], e["start"], e["end"], e["status"]) for e in r["events"])
        for name, r in readings.items()
    }
    reference = seen.pop("icalendar")
    assert reference, f"{path.name} has no events"
    for name, events in seen.items():
        assert events == reference, f"{name} reads {path.name} differently"


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(__doc__)
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp) / "out", Path(tmp))
        for old in CALENDARS.glob("*.ics"):
            old.unlink()
        CALENDARS.mkdir(exist_ok=True)
        for new in sorted((Path(tmp) / "out").glob("*.ics")):
            (CALENDARS / new.name).write_bytes(new.read_bytes())
            print(f"wrote calendars/{new.name}")
