"""Pure helpers of the English engine on one unit's parts and on the finished event list.

Public (to ``tracker.extract.en``):

- ``separate_parts(utext, offset, stop)`` -> spans of a unit split at ';' / ', and' into events
- ``main_clause_end(utext, own_start, own_end, deadline_start)`` -> where an event's clause ends
- ``fold_follow_ons(events)`` -> events with same-day follow-ons of a shutdown folded into it
"""

from __future__ import annotations

from dataclasses import replace

from tracker.extract.classify import match_category
from tracker.extract.en_cues import PARTS
from tracker.extract.en_macro import find_releases
from tracker.models import Category, Extracted


def separate_parts(utext: str, offset: int, stop: int) -> list[tuple[int, int]]:
    """Parts of a unit split at ';' or ', and' that each name a kind of event: "claims; the SEC's
    ETF deadline", "the ECB decides on rates, and Aave's V4 goes live". One part: no split."""
    cuts = [(m.start(), m.end()) for m in PARTS.finditer(utext, offset, stop)]
    if not cuts:
        return [(offset, stop)]
    bounds = [offset] + [e for _, e in cuts]
    ends = [s for s, _ in cuts] + [stop]
    parts, kinds = [], []
    for a, b in zip(bounds, ends, strict=True):
        piece = utext[a:b]
        kind = match_category(piece) or (Category.MACRO if find_releases(piece) else None)
        if piece.strip() and kind:
            parts.append((a, b))
            kinds.append(kind)
    semicolon = ";" in utext[offset:stop].rstrip(" ;.")
    return parts if len(parts) > 1 and (semicolon or len(set(kinds)) > 1) else [(offset, stop)]


def main_clause_end(utext: str, own: tuple[int, int] | None, deadline: int | None) -> int:
    """Where the clause of an event's own date (its mention's span ``own``) ends, when a separate
    deadline clause (its mention starting at ``deadline``) follows it."""
    if own is None or deadline is None or deadline < own[1]:
        return len(utext)
    cut = max(utext.rfind(";", 0, deadline), utext.rfind(",", 0, deadline))
    return cut if cut >= own[1] else len(utext)


_WIND_DOWN = frozenset({Category.SHUTDOWN, Category.DEADLINE})
_COMMON_OPENERS = frozenset(
    "new all existing remaining any deposits withdrawals transfers trading services operations support"
    " access accounts balances funds assets users customers".split()
)


def fold_follow_ons(events: list[Extracted]) -> list[Extracted]:
    """A later sentence about the same wind-down on the same day ("New deposits stop at the
    withdraw-only switch", "Friday is also the last day users can bridge assets back") is part of
    the shutdown it follows, not a second event: the shutdown takes over its user action."""
    out: list[Extracted] = []
    for e in events:
        p = out[-1] if out else None
        if (
            p is not None
            and p.category == Category.SHUTDOWN
            and e.category in _WIND_DOWN
            and e.date == p.date
            and p.end <= e.start
            and e.start - p.end < 400
            and (
                e.org is None
                or e.org == p.org
                or (p.org is not None and p.org in e.evidence)
                or e.org.lower() in _COMMON_OPENERS  # "New transfers and deposits stop ...": not a name
            )
        ):
            out[-1] = replace(
                p,
                action_deadline=p.action_deadline or e.action_deadline,
                action=p.action or e.action,
                time=p.time or e.time,
                tz=p.tz or e.tz,
            )
            continue
        out.append(e)
    return out
