"""The daemon's clock: APScheduler 3 drives delivery and re-planning. The only module importing it.

Nothing durable lives here: APScheduler keeps two jobs in memory, and every fact (what is due,
what was sent) is in the ledger. Killing the process loses nothing but the current send.

- ``deliver`` runs at the next due instant it reports (and at least every ``max_sleep`` seconds,
  so rows written by other processes are noticed); it returns the next due UTC instant or None.
- ``replan`` runs at start and every ``replan_every`` seconds, then wakes ``deliver``. Delivery
  does not wait for the first plan: what is already due in the ledger goes out at once.

Each runs in its own one-thread executor, so a long re-plan never delays a due reminder.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

Deliver = Callable[[], dt.datetime | None]


class Scheduler:
    def __init__(
        self,
        deliver: Deliver,
        replan: Callable[[], None],
        *,
        replan_every: float = 30.0,
        max_sleep: float = 30.0,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        from apscheduler.executors.pool import ThreadPoolExecutor
        from apscheduler.schedulers.background import BackgroundScheduler

        self._deliver, self._replan = deliver, replan
        self._replan_every, self._max_sleep = replan_every, max_sleep
        self._on_error = on_error
        self._lock = threading.Lock()
        self._running = False
        self._again = False
        self._aps: Any = BackgroundScheduler(
            executors={"deliver": ThreadPoolExecutor(1), "plan": ThreadPoolExecutor(1)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
            timezone=dt.UTC,
        )

    def start(self) -> None:
        """Start both jobs in background threads; the caller owns the main thread."""
        self._aps.start()
        self._aps.add_job(
            self._replan_job, "interval", seconds=self._replan_every, id="replan", executor="plan",
            next_run_time=dt.datetime.now(dt.UTC),  # the first plan (catch-up) runs at once
        )  # fmt: skip
        self.wake()

    def shutdown(self) -> None:
        if self._aps.running:
            self._aps.shutdown(wait=True)

    def wake(self) -> None:
        """Run delivery now (or right after the run in progress)."""
        with self._lock:
            if self._running:
                self._again = True
                return
        self._schedule(dt.datetime.now(dt.UTC))

    def _schedule(self, when: dt.datetime) -> None:
        if self._aps.running:
            self._aps.add_job(
                self._deliver_job,
                "date",
                run_date=when,
                id="deliver",
                executor="deliver",
                replace_existing=True,
            )

    def _deliver_job(self) -> None:
        with self._lock:
            self._running, self._again = True, False
        nxt: dt.datetime | None = None
        try:
            while True:
                nxt = self._guard(self._deliver)
                with self._lock:
                    if not self._again:
                        self._running = False
                        break
                    self._again = False
        finally:
            with self._lock:
                self._running = False
        now = dt.datetime.now(dt.UTC)
        cap = now + dt.timedelta(seconds=self._max_sleep)
        self._schedule(max(now, min(nxt, cap)) if nxt else cap)

    def _replan_job(self) -> None:
        self._guard(self._replan)
        self.wake()

    def _guard(self, fn: Callable[[], T]) -> T | None:
        try:
            return fn()
        except Exception as exc:  # a failing round must not stop the daemon; the next one retries
            if self._on_error:
                self._on_error(exc)
            return None
