"""The same event said twice in one digest: an unlock restated in the analysis after the list,
a further step of a shutdown on the same day, and a deposit stop that a later withdrawal date
of the same notice supersedes as the day to act. Pure: no clock, no I/O."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from tracker.extract import zh_terms as terms
from tracker.models import Category, Extracted

_NAME_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]+")

_RESTATED = frozenset(
    {
        Category.UNLOCK,
        Category.LISTING,
        Category.LAUNCH,
        Category.UPGRADE,
        Category.SHUTDOWN,
        Category.MIGRATION,
        Category.DEADLINE,
    }
)


def restated(events: list[Extracted], event: Extracted) -> bool:
    """'MOVE 将于 5 月 9 日解锁…' in the analysis after the list that had 'Movement(MOVE)…': the same
    unlock, listing, launch or shutdown on the same day, named by a shared project token."""
    if event.category not in _RESTATED:
        return False
    names = _names(event.title)
    for other in events[-50:]:
        if (other.date, other.category) == (event.date, event.category) and (
            other.time is None or event.time is None or other.time == event.time
        ):
            if names & _names(other.title):
                return True
    return False


_GLOSSED = re.compile(r"(.*) \((.*)\)$")


def _names(title: str) -> set[str]:
    """The Latin name tokens of a title as written, not of the English gloss added to it."""
    m = _GLOSSED.match(title)
    if m and terms.gloss(m.group(1)) == m.group(2):
        title = m.group(1)
    return {t.upper() for t in _NAME_TOKEN.findall(title)}


def follow_on(events: list[Extracted], event: Extracted) -> bool:
    """'6月30日起，应用程序将全部下线' after '将于6月30日停止运营', or '7月1日后前端下线' after a
    7月1日 withdrawal deadline: a further step of the same shutdown on the same day."""
    if event.category is not Category.SHUTDOWN or event.date is None:
        return False
    names = _names(event.title)
    for other in events[-50:]:
        if other.date != event.date or other.category not in (Category.SHUTDOWN, Category.DEADLINE):
            continue
        if event.org and other.org and event.org != other.org:
            continue
        known = _names(other.title)
        if not names or not known or names & known:
            return True
    return False


def settle(events: list[Extracted]) -> list[Extracted]:
    """After the whole text: where a notice states its own withdrawal deadline, the earlier
    deposit suspension is a step of the wind-down, not the date users must act by."""
    latest: dict[str | None, dt.date] = {}  # the last withdrawal deadline per organisation
    for e in events:
        if e.category is Category.DEADLINE and e.action and e.date:
            latest[e.org] = max(e.date, latest.get(e.org, e.date))
    if not latest:
        return events
    anyone = max(latest.values())
    return [
        replace(e, action_deadline=False, action=None)
        if e.date and terms.deposits_stop(e.title) and _deadline_after(e, latest, anyone)
        else e
        for e in events
    ]


def _deadline_after(step: Extracted, latest: dict[str | None, dt.date], anyone: dt.date) -> bool:
    """Does the same project's notice (or one without a name) give a later withdrawal date?"""
    if step.date is None:
        return False
    if step.org is None:
        return anyone > step.date
    own, unnamed = latest.get(step.org), latest.get(None)
    return any(d is not None and d > step.date for d in (own, unnamed))
