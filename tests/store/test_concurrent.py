"""Two processes ingesting different digests about the same events at once: no duplicates."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT
from tracker.store import open_store

WORKER = """
import sys, time
from pathlib import Path
from tests.store.helpers import digest, report, ingest
from tracker.store import open_store

url, outlet, gate = sys.argv[1], sys.argv[2], Path(sys.argv[3])
reports = [
    report(f"2026-06-{day:02d}", (f"Project{day} mainnet upgrade" if outlet == "a"
                                   else f"Upgrade of the Project{day} mainnet"),
           "upgrade", org=f"Project{day}")
    for day in range(1, 25)
]
store = open_store(url)
(gate / f"ready-{outlet}").touch()
while not (gate / "go").exists():  # both processes start ingesting at the same moment
    time.sleep(0.001)
print(ingest(store, digest(f"outlet-{outlet}.txt", "2026-05-25", *reports)).summary())
"""


def test_parallel_ingest_creates_no_duplicates(db_url: str, tmp_path: Path) -> None:
    """PostgreSQL: a transaction-level advisory lock; SQLite: BEGIN IMMEDIATE."""
    open_store(db_url).close()  # schema in place, so both workers race on the ingest itself
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, db_url, outlet, str(tmp_path)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for outlet in ("a", "b")
    ]
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"ready-{o}").exists() for o in "ab") and time.monotonic() < deadline:
        time.sleep(0.01)
    (tmp_path / "go").touch()
    outputs = [w.communicate(timeout=60) for w in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs
    summaries = sorted(out.strip() for out, _ in outputs)
    assert {s.split(": ", 1)[1] for s in summaries} == {
        "24 new, 0 updated, 0 unchanged, 0 merged",
        "0 new, 0 updated, 0 unchanged, 24 merged",
    }
    with open_store(db_url) as store:
        events = store.events()
    assert len(events) == 24
    assert all(len({s.location for s in e.sources}) == 2 for e in events)
