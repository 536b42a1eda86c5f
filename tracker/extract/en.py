"""The English extraction engine: reads a digest the way an analyst would. Pure.

Public: ``extract_en(text, *, published, default_tz, source)`` -> ParseResult.

The text is cut into units (``en_layout``): day headers set the day for what follows; a dated
sentence sets it until its paragraph ends; headings end it. Each sentence or list item with a
kind of event (``classify``) or a named economic release (``en_macro``) becomes one event per
release, dated by its own date or the day in force. Dates are read by ``en_dates`` and placed
in the calendar by ``en_resolve``; a deadline with its own date adds an action-deadline event.
Tense and intent cues (future, recap, commentary, "users must ...") live in ``en_cues``.

A list or calendar line with its own date is an event even without a word naming its kind
("$ARB — 92.65M tokens — Mar 16"); the heading above it ("Token unlocks this week",
"Conferences") gives its category. One zone stated beside the digest's clock times ("12:00 UK
time") applies to the bare times after it. A same-day follow-on sentence about a shutdown folds
into it. ``today`` (the caller's date) only picks a weekday-consistent year when the text has none.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, replace

from tracker.extract.classify import deadline_action, match_category, user_action
from tracker.extract.common import LineIndex, build_event, merge_duplicates
from tracker.extract.en_cues import (
    ACTION_WORDS,
    BACKREF,
    CANCELLED,
    CLAUSE,
    COMMENT,
    CONTINUES,
    FUTURE,
    GENERIC,
    LEAD,
    MAX_DATES_PER_UNIT,
    NOT_RELEASES,
    NOTHING,
    PAST,
    QUIET,
    RECAP,
    SEPARATED,
    TAGS,
)
from tracker.extract.en_dates import DateMention, find_dates, find_times, time_for
from tracker.extract.en_layout import Unit, segment
from tracker.extract.en_macro import find_releases, named_bank
from tracker.extract.en_parts import fold_follow_ons, main_clause_end, separate_parts
from tracker.extract.en_resolve import Day, DocFrame, postponed, resolve, role
from tracker.extract.en_text import blank_out, guess_org, make_title, release_title
from tracker.extract.en_zones import document_zone, find_zone, section_zone
from tracker.models import Category, Extracted, ParseResult, Precision, Problem, Status


@dataclass(frozen=True)
class _Found:
    mention: DateMention
    role: str
    day: Day


class _Run:
    """State while walking the units of one digest."""

    def __init__(self, text: str, frame: DocFrame, source: str) -> None:
        self.text, self.frame, self.source = text, frame, source
        self.lines = LineIndex(text)
        self.header_day: dt.date | None = None
        self.sent_day: dt.date | None = None
        self.para = -1
        self.zone: str | None = None
        self.doc_zone = document_zone(text)  # "12:00 UK time" once: later bare times are in it
        self.topic: Category | None = None  # the kind of event the current heading names
        self.events: list[Extracted] = []
        self.mentions: list[DateMention] = []  # date mentions of the unit being read
        self.problems: list[Problem] = []

    # -- walking -------------------------------------------------------------------------------
    def feed(self, unit: Unit) -> None:
        if unit.para != self.para:
            self.sent_day, self.para = None, unit.para
        utext = self.text[unit.start : unit.end]
        zone = section_zone(utext)
        if zone:
            self.zone = zone
        if unit.kind == "heading":
            self.header_day = self.sent_day = None
            # "Token unlocks this week", "Conferences": what the list lines below it are
            self.topic = match_category(utext) or match_category(re.sub(r"(?<=[a-z])s\b", "", utext))
            return
        if unit.kind in ("note", "title") or not re.search(r"[^\W\d_]", TAGS.sub("", utext)):
            return
        found = self._dates(unit, utext)
        if unit.kind == "header":
            first = next((f for f in found if f.role in ("event", "since")), None)
            if first is not None:
                self.header_day, self.sent_day = first.day.date, None
            return
        self._unit(unit, utext, found)

    def _dates(self, unit: Unit, utext: str) -> list[_Found]:
        has_action = bool(ACTION_WORDS.search(utext))
        mentions = find_dates(utext, self.frame.day_first)[:MAX_DATES_PER_UNIT]
        self.mentions = mentions
        label = next((m for m in mentions if m.kind == "label"), None)
        line_anchor = dt.date(label.year or 2000, label.month, 1) if label else None
        context = self.sent_day or self.header_day
        out = []
        for m in mentions:
            kind = role(utext, m, has_action)
            if kind in ("label", "window") or self._is_window(unit, m):
                continue
            day = resolve(m, self.frame, context, line_anchor, as_deadline=kind == "deadline")
            if day.problem:
                self.problems.append(Problem(day.problem, self.lines.line(unit.start + m.start), self.source))
            if day.date is None:
                continue
            if kind == "event" and self._background(day.date):
                kind = "excluded"
            out.append(_Found(m, kind, day))
        return out

    def _is_window(self, unit: Unit, m: DateMention) -> bool:
        span = self.frame.window
        return span is not None and unit.start + m.start == span[0]

    def _background(self, day: dt.date) -> bool:
        p = self.frame.published
        return p is not None and day < p - dt.timedelta(days=7)

    # -- one unit ------------------------------------------------------------------------------
    def _unit(self, unit: Unit, utext: str, found: list[_Found], split: bool = True) -> None:
        own = [f for f in found if f.role in ("event", "since")]
        if split and len({f.day.date for f in own}) > 1 and not postponed(utext):
            self._clauses(unit, utext, own)
            return
        deadlines = [f for f in found if f.role == "deadline"]
        previous = [f for f in found if f.role == "previous"]
        until = [f for f in found if f.role == "until"]
        body = LEAD.sub("", utext.strip())
        if not own and not deadlines and BACKREF.match(body):
            self._refer_back(utext)
            return
        if not own and not deadlines and until and self.events and CONTINUES.match(body):
            self.events[-1] = replace(self.events[-1], end_date=until[0].day.date)
            return
        status = Status.CONFIRMED
        moved = postponed(utext)
        if moved:
            after = [f for f in found if f.mention.start >= moved and f.role in ("event", "until")]
            before = [f for f in found if f.mention.start < moved and f.role in ("event", "previous")]
            superseded = [f for f in found if f.mention.start >= moved and f.role == "previous"]
            if after:
                own, until, previous = after[-1:], [], previous or before[:1]
            elif own and superseded:  # "on Mar 18 (delayed from Mar 15)": the new day came first
                own, previous = own[:1], superseded[:1]
            elif own or previous:
                own, previous, status = (own or previous)[:1], [], Status.TENTATIVE
        if own and RECAP.search(utext) and not FUTURE.search(utext):
            return
        if own:
            self.sent_day = own[0].day.date
        self._events(unit, utext, own, deadlines, previous, until, status)

    def _clauses(self, unit: Unit, utext: str, own: list[_Found]) -> None:
        """A line naming several days ("CPI on Tue, FOMC?Wed, claims Thu"): one pass per clause."""
        cuts = [m.end() for m in CLAUSE.finditer(utext)]
        starts = sorted(f.mention.start for f in own)
        bounds: list[tuple[int, int]] = []
        start = 0
        for cut in cuts + [len(utext)]:
            i = bisect.bisect_left(starts, start)
            if (i < len(starts) and starts[i] < cut) or not bounds:
                bounds.append((start, cut))
            else:
                bounds[-1] = (bounds[-1][0], cut)
            start = cut
        for a, b in bounds:
            sub = Unit(unit.start + a, unit.start + b, "clause", unit.para)  # needs a kind of event
            subtext = utext[a:b]
            self._unit(sub, subtext, self._dates(sub, subtext), split=False)

    def _refer_back(self, utext: str) -> None:
        if not self.events:
            return
        last = self.events[-1]
        self.events[-1] = replace(last, action_deadline=True, action=user_action(utext) or last.action)

    def _events(
        self,
        unit: Unit,
        utext: str,
        own: list[_Found],
        deadlines: list[_Found],
        previous: list[_Found],
        until: list[_Found],
        status: Status,
    ) -> None:
        offset = 0
        if GENERIC.match(LEAD.sub("", utext)):
            colon = utext.find(":")
            if colon < 0 or colon > len(utext) - 8:
                return
            offset = colon + 1
        span = utext[offset:]
        if span.rstrip().endswith("?") or NOTHING.search(span):
            return
        carried = not own and not deadlines
        if carried:
            if (
                (self.sent_day or self.header_day) is None
                or PAST.search(span)
                or COMMENT.search(LEAD.sub("", span))
            ):
                return
            if (
                self.sent_day is not None
                and self.header_day is None
                and not FUTURE.search(span)
                and not (find_times(span) and (find_releases(span) or match_category(span)))
            ):
                return  # "The ECB decides at 2:15 p.m." after a dated sentence still counts
        day = (
            own[0].day if own else (deadlines[0].day if deadlines else Day(self.sent_day or self.header_day))
        )
        if day.date is None:
            return
        stop = main_clause_end(
            utext,
            (own[0].mention.start, own[0].mention.end) if own else None,
            deadlines[0].mention.start if deadlines else None,
        )
        parts = separate_parts(utext, offset, stop)
        if len(parts) > 1:  # "10/9: initial jobless claims; the SEC's deadline on an ETF": two events
            for a, b in parts:
                self.events += self._main(
                    unit, utext[:b], a, day, only_deadline=False, status=status, previous=None, end=None
                )
            return
        main = self._main(
            unit,
            utext[:stop],
            offset,
            day,
            listed=bool(own) and self._list_line(unit, utext),
            only_deadline=not own and bool(deadlines),
            status=status,
            previous=previous[0].day.date if previous else None,
            end=until[0].day.date if until and not day.end else None,
        )
        self.events += main
        if own and main:
            for d in deadlines:
                if d.day.date != day.date:
                    self.events.append(self._deadline(unit, utext, d.day, main[0].org))

    def _main(
        self,
        unit: Unit,
        utext: str,
        offset: int,
        day: Day,
        *,
        listed: bool = False,
        only_deadline: bool,
        status: Status,
        previous: dt.date | None,
        end: dt.date | None,
    ) -> list[Extracted]:
        span = utext[offset:]
        category = match_category(span)
        releases = find_releases(span) if category not in NOT_RELEASES else []
        times = find_times(span)
        timed = bool(times) and unit.kind in ("item", "sentence")
        dated = unit.dated and bool(re.search(r"[^\W\d_]{3}", span[self._lead_end(offset) :]))
        if (dated or listed) and category is None and not releases and QUIET.search(span):
            return []  # "Mon Jul 6 — quiet day": commentary on a day, not an event
        if listed:  # a name, not just a date and a letter ("Thursday, June 19 – B", cut short)
            dates = [(m.start - offset, m.end - offset) for m in self.mentions if m.start >= offset]
            listed = bool(re.search(r"[^\W\d_]{3}", blank_out(span, dates)))
        if category is None and not releases and not only_deadline and not dated and not listed:
            if not (timed and (self.header_day or unit.kind == "item")):
                return []
        topic = self.topic or self.frame.topic
        if (dated or listed) and topic and category in (None, Category.LAUNCH, Category.OTHER):
            category = topic
        date, end_date = day.date, day.end or end
        if postponed(utext) and day.end and previous is None:
            previous, date, end_date = day.date, day.end, None
        time = times[0].time if times else None
        stated = find_zone(span) if time else None
        tz = (stated[0] if stated else self.zone or self._doc_zone(unit)) if time else None
        precision = Precision(day.precision) if day.precision != "day" else Precision.DAY
        if time and precision == Precision.DAY:
            precision = Precision.TIME
        if CANCELLED.search(utext):
            status = Status.CANCELLED
        base = dict(
            date=date,
            end_date=end_date,
            time=time,
            tz=tz,
            precision=precision,
            status=status,
            previous_date=previous,
        )
        cut = [(t.start, t.end) for t in times] + [
            (m.start - offset, m.end - offset) for m in self.mentions if m.start >= offset
        ]
        if releases and (len(releases) > 1 or category in (Category.MACRO, None)):
            out = []
            starts = tuple(r.start for r in releases)
            for i, r in enumerate(releases):
                upto = releases[i + 1].start if i + 1 < len(releases) else len(span)
                own_time = time_for(times, r.start, upto)
                fields = dict(base, time=own_time.time, precision=Precision.TIME) if own_time else base
                title = (
                    release_title(span, r.start, r.end, cut, starts)
                    if len(releases) > 1
                    else make_title(span, cut)
                )
                out.append(self._build(unit, title=title, category=Category.MACRO, org=r.publisher, **fields))
            return out
        category = category or Category.OTHER
        if only_deadline:
            category = Category.DEADLINE
        flag, action = deadline_action(span, category)
        title = make_title(span, cut)
        org = (named_bank(span) if category == Category.MACRO else None) or guess_org(blank_out(span, cut))
        ticker = re.match(r"\$([A-Z][A-Z0-9]{1,9})\b\s*(?:[–—:|-]\s*)?", title)
        if category == Category.UNLOCK and ticker and "unlock" not in title.lower():
            # "$ARB — 92.65M tokens" under "Token unlocks": "ARB unlock — 92.65M tokens"
            rest = title[ticker.end() :].strip()
            title = f"{ticker.group(1)} unlock" + (f" — {rest}" if rest else "")
        return [
            self._build(
                unit,
                title=title,
                category=category,
                org=org,
                action_deadline=flag or only_deadline,
                action=action or ("withdraw assets" if only_deadline else None),
                **base,
            )
        ]

    def _doc_zone(self, unit: Unit) -> str | None:
        return self.doc_zone[0] if self.doc_zone and self.doc_zone[1] <= unit.end else None

    def _list_line(self, unit: Unit, utext: str) -> bool:
        """A calendar/list line with its own date ("$ARB — 92.65M tokens — Mar 16"): an event even
        without a word naming its kind, unless it reads as commentary."""
        if unit.kind not in ("item", "sentence") or len(utext) > 200:
            return False
        before = self.text[self.text.rfind("\n", 0, unit.start) + 1 : unit.start]
        nl = self.text.find("\n", unit.end)
        after = self.text[unit.end : nl if nl >= 0 else len(self.text)]
        if re.search(r"\w", before) or after.strip():
            return False  # a sentence of a paragraph, not a line of its own
        if unit.kind == "sentence" and not (self.topic or SEPARATED.search(utext)):
            return False
        body = LEAD.sub("", utext.strip())
        return not (PAST.search(body) or COMMENT.search(body) or QUIET.search(body))

    def _lead_end(self, offset: int) -> int:
        """End (in the span from ``offset``) of the date opening the unit; mentions come from ``_dates``."""
        first = self.mentions[0] if self.mentions else None
        return max(0, first.end - offset) if first and first.start < 4 else 0

    def _deadline(self, unit: Unit, utext: str, day: Day, org: str | None) -> Extracted:
        action = user_action(utext) or "withdraw assets"
        title = f"{org}: last day to {action}" if org else f"Last day to {action}"
        return self._build(
            unit,
            title=title,
            category=Category.DEADLINE,
            org=org,
            date=day.date,
            action_deadline=True,
            action=action,
        )

    def _build(self, unit: Unit, **fields: object) -> Extracted:
        return build_event(self.text, unit.start, unit.end, lines=self.lines, **fields)


def extract_en(
    text: str,
    *,
    published: dt.date | None = None,
    default_tz: str | None = None,
    source: str = "",
    today: dt.date | None = None,
) -> ParseResult:
    """Every dated event of an English digest (see the module docstring for the reading rules).

    ``today`` (the caller's date; never read here) only picks the year of a weekday-stated date
    when the text gives no year, and anchors dates as a last resort."""
    del default_tz  # times without a stated zone keep tz=None; the caller applies its default
    frame = DocFrame.build(text, published, today=today)
    run = _Run(text, frame, source)
    for unit in segment(text, frame.day_first):
        run.feed(unit)
    return ParseResult(merge_duplicates(fold_follow_ons(run.events)), run.problems)
