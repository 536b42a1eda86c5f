"""What a calendar user reads: SUMMARY and DESCRIPTION of an event, names of feeds.

Plain text only (escaping happens in ``ical``). Deadlines must be readable without alarms,
because most subscribed clients drop VALARMs: the SUMMARY says what to do and by when.
"""

from __future__ import annotations

import datetime as dt

from tracker.feeds.ical import clean
from tracker.feeds.query import ALL, DEADLINES, FeedQuery, is_deadline
from tracker.models import COARSE_PRECISIONS, Event, Precision, SourceRef, Status

WARNING_SIGN = "\u26a0"
DASH = "\u2014"
# English names, not strftime's: those follow the process locale, and feeds must not.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def day_text(day: dt.date) -> str:
    """``May 16``."""
    return f"{MONTHS[day.month - 1][:3]} {day.day}"


def span_text(first: dt.date, last: dt.date | None) -> str:
    """``May 16``, ``May 12-16`` or ``May 30-Jun 2`` (en dash)."""
    if last is None or last <= first:
        return day_text(first)
    if (last.year, last.month) == (first.year, first.month):
        return f"{day_text(first)}\u2013{last.day}"
    return f"{day_text(first)}\u2013{day_text(last)}"


def when_text(ev: Event) -> str:
    """When the event happens, as precisely as the source said it."""
    if ev.precision == Precision.WEEK:
        return f"week of {day_text(ev.start_date)}, {ev.start_date.year}"
    if ev.precision == Precision.MONTH:
        return f"{MONTHS[ev.start_date.month - 1]} {ev.start_date.year}"
    if ev.precision == Precision.QUARTER:
        return f"Q{(ev.start_date.month - 1) // 3 + 1} {ev.start_date.year}"
    text = span_text(ev.start_date, ev.end_date)
    if ev.start_time is not None:
        text += f", {ev.start_time:%H:%M} {ev.tz or 'UTC'}"
    return text


def is_tentative(ev: Event) -> bool:
    return ev.status == Status.TENTATIVE or ev.precision in COARSE_PRECISIONS or ev.disputed


def summary(ev: Event) -> str:
    """``⚠ Withdraw assets by May 16 — Lattice wind-down``; ``Cancelled: ...``; ``(tentative: ...)``.

    Clean text on one line without surrounding blanks (libical drops trailing blanks).
    """
    title = _line(ev.title) or "(untitled event)"
    coarse = ev.precision in COARSE_PRECISIONS
    if is_deadline(ev):
        action = _line(ev.action or "") or "Act"
        action = action[0].upper() + action[1:]
        by = when_text(ev) if coarse else _deadline_day(ev)
        text = f"{action} by {by} {DASH} {title}"
        if ev.status != Status.CANCELLED:
            text = f"{WARNING_SIGN} {text}"
    else:
        text = title
    notes = []
    if coarse:
        notes.append(f"tentative: {when_text(ev)}" if not is_deadline(ev) else "tentative")
    elif is_tentative(ev) and ev.status != Status.CANCELLED:
        notes.append("tentative")
    if ev.disputed:
        notes.append("date disputed")
    if notes:
        text += f" ({', '.join(notes)})"
    if ev.status == Status.CANCELLED:
        text = f"Cancelled: {text}"
    return _line(text)


def _line(text: str) -> str:
    return clean(text, one_line=True).strip()


def _deadline_day(ev: Event) -> str:
    last = ev.end_date if ev.end_date and ev.end_date > ev.start_date else ev.start_date
    text = day_text(last)
    if ev.start_time is not None and last == ev.start_date:
        text += f", {ev.start_time:%H:%M} {ev.tz or 'UTC'}"
    return text


def description(ev: Event) -> str:
    """The event's own description, then what kind of date it is, then every source's evidence.

    Clean text (newlines as "\\n") without surrounding blanks.
    """
    blocks: list[str] = []
    own = clean(ev.description).strip()
    if own and not _said_elsewhere(own, ev):
        blocks.append(own)
    facts: list[str] = []
    if ev.status == Status.CANCELLED:
        facts.append("Cancelled: this event was called off.")
    if is_deadline(ev):
        action = (ev.action or "act").strip()
        facts.append(f"{WARNING_SIGN} Action deadline: {action} by {_long_when(ev)}.")
    if ev.precision in COARSE_PRECISIONS:
        facts.append(
            f"Tentative date: the source only gives the {ev.precision.value} ({when_text(ev)}); "
            f"the calendar shows it on {ev.start_date.isoformat()}."
        )
    elif ev.status == Status.TENTATIVE:
        facts.append("Tentative: the source does not confirm this date.")
    if ev.disputed:
        facts.append("Sources disagree about the date.")
    if ev.start_time is not None:
        zone = ev.tz or "UTC"
        facts.append(f"Time as announced: {ev.start_time:%H:%M} {zone} on {ev.start_date.isoformat()}.")
    if ev.org:
        facts.append(f"Organisation: {ev.org}")
    facts.append(f"Category: {ev.category.value}")
    blocks.append("\n".join(facts))
    if ev.sources:
        blocks.append("Sources:\n" + "\n".join(_source_text(s) for s in ev.sources))
    return clean("\n\n".join(blocks)).strip()


def _said_elsewhere(text: str, ev: Event) -> bool:
    """The description only repeats the title or a source's evidence (which DESCRIPTION lists)."""
    core = text.rstrip(" .。")
    return core == ev.title.strip().rstrip(" .。") or any(core in s.evidence for s in ev.sources)


def _long_when(ev: Event) -> str:
    if ev.precision in COARSE_PRECISIONS:
        return when_text(ev)
    last = ev.end_date if ev.end_date and ev.end_date > ev.start_date else ev.start_date
    text = f"{WEEKDAYS[last.weekday()]} {day_text(last)}, {last.year}"
    if ev.start_time is not None and last == ev.start_date:
        text += f" {ev.start_time:%H:%M} {ev.tz or 'UTC'}"
    return text


def _source_text(src: SourceRef) -> str:
    head = f"- {src.location}"
    extra = [x for x in (src.title, f"published {src.published.isoformat()}" if src.published else None) if x]
    if extra:
        head += f" ({', '.join(extra)})"
    if src.evidence.strip():
        head += f"\n  \u201c{src.evidence.strip()}\u201d"
    return head


def feed_title(query: FeedQuery) -> str:
    """NAME / X-WR-CALNAME of a feed (no commas or semicolons of our own: ical.js shows
    X-WR-* values with their escapes)."""
    if query.name == ALL:
        base = "Key events"
    elif query.name == DEADLINES:
        base = "Action deadlines"
    else:
        base = f"Key events: {' + '.join(query.categories) or query.name}"
    if query.org:
        base += f" ({query.org})"
    return f"tracker {DASH} {base}"


def feed_description(query: FeedQuery) -> str:
    """X-WR-CALDESC of a feed (same punctuation rule as ``feed_title``)."""
    what = {
        ALL: "Every event tracker has read from the weekly key-events digests",
        DEADLINES: "Dates by which you must act: withdraw or export or claim or migrate",
    }.get(query.name, f"Events in {' + '.join(query.categories) or query.name}")
    if query.org:
        what += f" for {query.org}"
    return (
        f"{what}. Times are in UTC and your calendar shows them in your own zone. "
        "Tentative events have approximate dates. Cancelled events stay in the feed marked cancelled."
    )
