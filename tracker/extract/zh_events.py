"""From a Chinese line (or sentence) with its dates to Extracted events. Pure: no clock, no I/O.

``Reader`` holds what the layout has established so far (the day a header set, the section's
zone, the entity an unlock list is about, the events found); the functions here turn one item,
sentence or clause into events on it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from tracker.extract import zh_releases as rel
from tracker.extract import zh_repeats as rep
from tracker.extract import zh_terms as terms
from tracker.extract.zh_dates import (
    DateMention,
    find_time,
    find_zone,
    month_end,
    resolve_year,
    valid_day,
    weekday_date,
)
from tracker.extract.zh_text import (
    LABEL_ONLY,
    STRIP,
    Span,
    clean_title,
    title_with_gloss,
)
from tracker.models import COARSE_PRECISIONS, Category, Extracted, Precision, Problem, Status

_SUPERSEDED = re.compile(r"原定|原计划|原本|原先|此前定于|原于|原预计")
_MOVED = re.compile(r"推迟|延期|延后|推后|改期|改至|改为|改在|改于|调整至|提前至|提前到")
_POSTPONED = re.compile(r"(?:推迟|延期|延后|推后)(?!降息|加息|.{0,2}预期)")
_MOVED_TO = re.compile(r"(?:推迟|延期|延后|推后|改期|改|调整|提前)(?:至|到|为|在|于)\s*\d")
_CANCELLED = re.compile(r"取消(?!质押)")
_PAST = re.compile(
    r"去年|前年|曾于|曾在|已于|早在|此前于|回顾|上周|上月|以来|上一?次(?!.{0,3}(?:会议|议息))|上一?轮"
)
_REFERENCE_AFTER = re.compile(r"\s*(?:当周|的一周|这一周|当月|当季|止的|为止的)")
_DATELINE = re.compile(r"\s*(?:早间|午间|晚间)?(?:消息|讯|电|报道)|\s*,\s*据")
_DATELINE_BEFORE = re.compile(r"(?:消息|讯|报道)\s*[,:]?\s*$")
_FIGURE = re.compile(r"GDP|季率|年率|月率|数据|财报|业绩|营收|PMI|CPI|PPI|PCE")
_REFERENCE_BEFORE = re.compile(r"(?:至|截至|截止到?)\s*$")
_FUTURE = re.compile(r"将|计划|预计|即将|拟|定于|开始|宣布")


@dataclass
class Reader:
    text: str  # the original text: evidence is cut from it
    source: str
    published: dt.date | None
    hint: int | None
    shift: int | None = None  # 本周 0 / 下周 1, from the title or a heading
    excluded: bool = False  # inside a 上周回顾 section
    zone: str | None = None  # a section-level stated zone
    day: dt.date | None = None  # the day a header set for the items below it
    day_end: dt.date | None = None
    day_zone: str | None = None
    day_precision: Precision = Precision.DAY
    header_only: bool = False  # the day came from a header line (not a dated item)
    entity: str | None = None  # the project an unlock list item is about
    guessed_year: bool = False  # a year was assumed (reported once)
    events: list[Extracted] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seen: set[tuple[object, ...]] = field(default_factory=set)

    def problem(self, message: str, line: int) -> None:
        self.problems.append(Problem(message, line, self.source))


def resolve(reader: Reader, m: DateMention, line: int) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of a mention, or (None, None) with a problem when it cannot be."""
    pub = reader.published
    if m.days_after_published is not None:
        return (pub + dt.timedelta(days=m.days_after_published), None) if pub else (None, None)
    if m.month is None or m.day is None:
        if m.weekday is None or pub is None:
            return None, None
        return weekday_date(m.weekday, m.week_shift, pub, reader.shift), None
    if m.year is not None:
        if not valid_day(m.year, m.month, min(m.day, 28) if m.precision in COARSE_PRECISIONS else m.day):
            reader.problem(f"impossible date: {m.year}年{m.month}月{m.day}日", line)
            return None, None
        first = dt.date(m.year, m.month, m.day)
        if m.weekday is not None and first.weekday() != m.weekday:
            reader.problem(f"weekday does not match {first.isoformat()} (a {first.strftime('%A')})", line)
    else:
        weekday = None if m.precision in COARSE_PRECISIONS else m.weekday
        day = 1 if m.precision in COARSE_PRECISIONS else m.day
        found, problem = resolve_year(m.month, day, weekday, pub, reader.hint)
        if problem:
            reader.problem(problem, line)
        if found is None:
            return None, None
        if pub is None and reader.hint is None and weekday is None and not reader.guessed_year:
            reader.guessed_year = True
            reader.problem(f"no year given: assumed {found.year}; pass --published to be sure", line)
        first = found.replace(day=m.day)
    return first, _last_day(reader, m, first, line)


def _last_day(reader: Reader, m: DateMention, first: dt.date, line: int) -> dt.date | None:
    if m.end_day is None or m.end_month is None:
        return None
    year = first.year + (m.end_month < first.month)
    day = min(m.end_day, month_end(year, m.end_month)) if m.precision in COARSE_PRECISIONS else m.end_day
    if not valid_day(year, m.end_month, day):
        reader.problem(f"impossible date: {m.end_month}月{m.end_day}日", line)
        return None
    last = dt.date(year, m.end_month, day)
    return last if last > first else None


def is_reference(span: Span, m: DateMention, under_header: bool) -> bool:
    """Not a day something happens: the period a figure covers ('至 1 月 24 日当周', '第四季度 GDP'),
    or the dateline of a news item ('1 月 10 日消息')."""
    if _REFERENCE_AFTER.match(span.raw, m.end) or _DATELINE.match(span.raw, m.end):
        return True
    if _DATELINE_BEFORE.search(span.raw, max(0, m.start - 6), m.start):
        return True
    if m.precision in COARSE_PRECISIONS and _FIGURE.search(span.raw, m.end, m.end + 14):
        return True
    return under_header and bool(_REFERENCE_BEFORE.search(span.raw, max(0, m.start - 4), m.start))


_PAST_RESULT = re.compile(
    r"(?:公布|发布|出炉)的[^,;。]{0,30}"
    r"(?:上涨|下跌|上升|下降|增长|回落|升至|降至|录得|持平|高于预期|低于预期|符合预期|不及预期|好于预期)"
)


def is_background(clause: str) -> bool:
    """Past facts: '去年…', '已于…', and a release already out with its result
    ('5月13日公布的 PPI 环比下降 0.2%')."""
    if _PAST.search(clause):
        return True
    return bool(_PAST_RESULT.search(clause)) and not _FUTURE.search(clause)


def first_time(reader: Reader, key: tuple[object, ...]) -> bool:
    """False when this exact piece was read before (repeated lines add nothing, and cost nothing)."""
    if key in reader.seen:
        return False
    reader.seen.add(key)
    return True


def add(reader: Reader, event: Extracted) -> None:
    key = (event.date, event.end_date, event.title, event.time)
    if key in reader.seen or rep.restated(reader.events, event) or rep.follow_on(reader.events, event):
        return
    reader.seen.add(key)
    reader.events.append(event)


def apply_zone_to_earlier(reader: Reader, zone: str) -> None:
    """'以上为 UTC+8 时间' after a list: the times above were in that zone."""
    reader.events = [replace(e, tz=zone) if e.time and e.tz is None else e for e in reader.events]


def evidence(reader: Reader, span: Span) -> tuple[str, int, int]:
    text = span.text
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    start, end = span.base + span.start + left, span.base + span.start + right
    return reader.text[start:end], start, end


@dataclass(frozen=True)
class When:
    date: dt.date | None
    end_date: dt.date | None = None
    precision: Precision = Precision.DAY
    time: dt.time | None = None
    tz: str | None = None
    previous: dt.date | None = None


def too_old(reader: Reader, first: dt.date, last: dt.date | None) -> bool:
    """Over ten days before publication: background in a preview, not an event to put on a calendar."""
    pub = reader.published
    return pub is not None and (last or first) < pub - dt.timedelta(days=10)


def emit(
    reader: Reader,
    when: When,
    title_span: Span,
    proof: Span,
    whole: Span | None = None,
    subject: str | None = None,
) -> None:
    """Events for ``title_span`` (one per release it names) dated ``when``; evidence ``proof``.
    ``subject`` is the name a sentence opened with ('Aptos (APT)：…')."""
    context = (whole or title_span).text
    if not first_time(reader, (when, title_span.text.strip(), subject, reader.entity)):
        return  # the same item again (a repeated line): nothing new to read
    text, start, end = evidence(reader, proof)
    for part in rel.releases(title_span):
        zh = _name(reader, part.text, subject)
        if zh is None:
            continue
        category, action = _kind(part.text, context)
        names = (subject or "", zh, reader.entity or "", context)
        org = next(filter(None, map(terms.organisation, names)), None)
        if category is Category.DEADLINE and "前" in zh:
            zh = zh.rsplit("前", 1)[1].strip(STRIP) + "截止"
        if action and org and org not in zh:
            zh = f"{org} {zh}"
        clock = (find_time(part.text)[0] if part is not title_span else None) or when.time
        precision = Precision.TIME if when.precision is Precision.DAY and clock else when.precision
        add(
            reader,
            Extracted(
                date=when.date,
                end_date=when.end_date,
                time=clock,
                tz=when.tz if clock else None,
                title=title_with_gloss(zh),
                org=org,
                category=category,
                action_deadline=action is not None,
                action=action,
                evidence=text,
                start=start,
                end=end,
                line=proof.line,
                precision=precision,
                status=_status(context, when),
                previous_date=when.previous,
            ),
        )


def _name(reader: Reader, text: str, subject: str | None) -> str | None:
    """The event's title as written; a bare field label ('解锁时间') takes the entity above it."""
    zh = clean_title(text)
    if subject and subject not in zh:
        zh = f"{subject} {zh}".strip()
    label_only = bool(LABEL_ONLY.match(zh))
    if label_only and reader.entity:
        zh = f"{reader.entity} {zh}".strip()
    if not zh or (label_only and not terms.has_event_cue(zh) and not terms.action_of(zh)):
        return None
    return zh


def _kind(text: str, context: str) -> tuple[Category, str | None]:
    """Category and the user's action: a dated deadline for an action is a deadline; a shutdown
    of a service holding the user's assets or data is an action deadline of its own."""
    named = terms.has_event_cue(text)
    category = terms.categorize(text if named else context)
    action = terms.deadline_action(text)
    if action and not (named and category is Category.SHUTDOWN):
        return Category.DEADLINE, action
    if category is Category.SHUTDOWN and terms.deposits_stop(text) and re.search(r"下架|退市", context):
        return Category.LISTING, None  # deposits suspended ahead of a delisting
    if category is Category.SHUTDOWN:
        return category, action or terms.action_of(context) or terms.shutdown_action(context)
    return category, None


_APPROXIMATE = re.compile(r"\d\s*[日号]\s*(?:前后|左右)")


def _status(context: str, when: When) -> Status:
    if _CANCELLED.search(context) and when.previous is None:
        return Status.CANCELLED
    if _APPROXIMATE.search(context):
        return Status.TENTATIVE  # '6月1日前后': around that day
    if when.previous is None and _POSTPONED.search(context) and not _MOVED_TO.search(context):
        return Status.TENTATIVE  # 推迟/延期 without a new date
    return Status.CONFIRMED


_NEXT_DAY = re.compile(r"(?:次日|翌日)\s*(?:凌晨|早上|上午)?\s*\d{1,2}\s*[:点]")


def next_day(day: dt.date, text: str) -> dt.date:
    """'(次日 02:00)': the clock time falls on the day after the header's day."""
    return day + dt.timedelta(days=1) if _NEXT_DAY.search(text) else day


def time_in(*spans: Span) -> dt.time | None:
    for span in spans:
        value, _ = find_time(span.text)
        if value is not None:
            return value
    return None


def zone_in(reader: Reader, *spans: Span) -> str | None:
    for span in spans:
        zone = find_zone(span.text)
        if zone:
            return zone
    return reader.day_zone or reader.zone


def attach_back_reference(reader: Reader, sentence: Span, first_event: int) -> bool:
    """'用户须在此日期前导出数据' makes the event just before it (from this line) an action deadline."""
    action = terms.back_reference_action(sentence.text)
    if not action or len(reader.events) <= first_event:
        return False
    last = reader.events[-1]
    reader.events[-1] = replace(last, action_deadline=True, action=action)
    return True


def future_cue(text: str) -> bool:
    return bool(_FUTURE.search(text)) and terms.has_event_cue(text)


_CALLED_OFF = re.compile(r"(?:已|被|宣布|决定)取消(?!质押)|取消举行|取消举办|不再举行")


def called_off(sentence: str) -> bool:
    """A cancelled item: its date is history, not an event ('原定…的活动已取消')."""
    return bool(_CALLED_OFF.search(sentence)) and not _MOVED_TO.search(sentence)


def superseded(text_before: str) -> bool:
    return bool(_SUPERSEDED.search(text_before))


def moved(text_before: str) -> bool:
    return bool(_MOVED.search(text_before))
