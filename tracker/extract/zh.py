"""Chinese digests: weekly previews (本周/下周重要事件, 吴说-style macro weeks), unlock lists,
shutdown notices. Pure: no clock, no I/O.

The text is read line by line, the way an analyst reads it (zh_layout says what a line is):

- the digest's title ("本周预告 | …", "下周重要事件一览（4月20日-4月24日）") sets the week and a
  stated zone ("以下均为北京时间") and makes no events; a line opening with "上周回顾：" is skipped;
- a heading ("上周回顾", "本周重点事件") opens a section: past-week reviews are skipped, a
  heading naming 本周/下周 anchors bare weekdays; any other short heading names the project
  the following fields are about ("Eigenlayer($EIGEN)" above "解锁时间:10 月 09 日早上 3:00");
- a line that is only a date ("02 月 02 日", "3月2日（周一）") sets the day of the items below it,
  until the next date or heading; a line that starts with a date and goes on ("3 月 4 日(周三):ADP…")
  is an event on that day and dates the bullets under it;
- other lines are read sentence by sentence and clause by clause: every date that is not a
  reference period (至…当周), background (去年, 已于) or superseded (原定…推迟至) makes an event
  of the clause it sits in; a deadline clause ("用户需在6月24日前提取资产") is an action
  deadline; a later sentence without a date but with an event in it inherits the last date,
  and a clause opening with 同日/当晚 is another event on it ("…，同日欧洲央行公布利率决议");
- an item that dates itself only vaguely ("本周末", "下月初", "第三季度") never takes the day
  above it; cancelled items (原定…已取消) and releases already out with their result are history.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from tracker.extract import zh_events as ev
from tracker.extract import zh_layout as ly
from tracker.extract import zh_repeats as rep
from tracker.extract import zh_terms as terms
from tracker.extract import zh_text as tx
from tracker.extract.zh_dates import DateMention, find_dates, find_time, find_zone, fold
from tracker.models import COARSE_PRECISIONS, ParseResult, Precision

_MARKS = r"[•·●▪◆◇○■□►▶➤✅✔\-*–—|?\u2190-\u2bff\ufe0f\U0001f000-\U0001faff]+"  # bullets, arrows, emoji
_BULLET = re.compile(
    r"^\s*(?:" + _MARKS + r"|\d{1,2}[.、)](?!\d)|\(\d{1,2}\)|[①-⑳]|[一二三四五六七八九十]{1,3}、)\s*"
)
_CLAUSE_MARKS = ",;:|"
_ITEM_BREAKS = ("。", "!", "?", ";")
_BY_MONTH_END = re.compile(r"[底末]\s*(?:之|以)?前")
_COMMENTARY = re.compile(
    r"\s*(?:(?:关键点|背景|核心议题|议题|市场影响|影响|关注点|潜在波动|看什么|怎么反应|解读|分析|预期|前值|点评|注|"
    r"要点|看点|原因|意义|风险|提示|风险提示|免责声明|声明|策略|建议|观点|逻辑|亮点|结论|总结|小结|消息面|"
    r"市场预期|机构观点)\s*:"
    r"|若|如果|假如|一旦|倘若|由于|因为|不过|但是?|而|此前|目前|分析师|市场(?:预期|关注|普遍)"
    r"|逾期|否则|过期(?:后|未)|未及时|如未|若未)"
)
_MAX_DATES_PER_SENTENCE = 40  # a real sentence names a handful; beyond this it is not prose
_LABEL_COLON = re.compile(r"(?<!\d):|:(?!\d)")
_ZONE_ABOVE = re.compile(r"以上.{0,4}(?:为|是).{0,12}时间")
_RECAP_LABEL = re.compile(
    r"\s*(?:[【\[]\s*(?:上周|上月|过去一周|本周)?(?:回顾|复盘)\s*[】\]]"
    r"|(?:上周|上月|过去一周|本周)?(?:回顾|复盘)[*\s]*[:|])"
)
_VAGUE_WHEN = re.compile(
    r"(?:本|这|下)周末|(?:具体)?日期(?:尚)?(?:未定|待定)|择日|(?:本|这个?|下个?)月(?:初|中|底|末|中旬|上旬|下旬)?"
    r"|年内|年底前?"
)
_GENERIC_LABEL = re.compile(r"其他|其它|另|另外|此外|注|备注|提示|补充|更新|消息")
_SAME_DAY = re.compile(r"\s*(?:同日|同一天|当天|当日|当晚|同晚)")
_NUMBERED = re.compile(r"\s*(?:\d{1,2}[.、)](?!\d)|\(\d{1,2}\)|[①-⑳]|[一二三四五六七八九十]{1,3}、)")
_SUMMARY = re.compile(r"较为集中|最为集中|比较集中|集中在|集中于|相对集中")
_HISTORY_LEAD = re.compile(r"\s*(?:回顾历史|历史上|回顾过去|回看|早在)")
_BARE_VERB = re.compile(r"(?:改为|改在|改于|将|照常|如期|仍)?\s*(?:举行|举办|召开|进行|开始)")


def extract_zh(
    text: str,
    *,
    published: dt.date | None = None,
    default_tz: str | None = None,
    source: str = "",
) -> ParseResult:
    """Every dated event in a Chinese digest (see the module docstring for how it is read).

    ``published`` anchors years and weekdays; ``default_tz`` is accepted for symmetry with the
    English reader and never becomes an event's stated ``tz``.
    """
    folded = fold(text)
    reader = ev.Reader(text, source, published, ly.year_hint(folded))
    reader.shift = ly.title_shift(folded)
    offset = 0
    lines = folded.split("\n")
    title = next((i for i, line in enumerate(lines) if line.strip()), -1)
    many = sum(1 for line in lines if line.strip()) > 1
    for number, line in enumerate(lines, 1):
        if line and not line.isspace():
            span = tx.Span(line, offset, number, 0, len(line))
            if not (many and number - 1 == title and ly.title_line(reader, line.strip())):
                _read_line(reader, span)
        offset += len(line) + 1
    reader.events = rep.settle(reader.events)
    return ParseResult(list(reader.events), list(reader.problems))


def _read_line(reader: ev.Reader, line: tx.Span) -> None:
    bullet = _BULLET.match(line.raw)
    body = line.sub(bullet.end() if bullet else 0, len(line.raw))
    stripped = body.text.strip()
    if not stripped:
        return
    mentions = tx.mentions_in(body)
    if not bullet and not mentions and ly.is_heading(stripped):
        ly.heading(reader, stripped)
        return
    if bullet and not mentions and _NUMBERED.match(line.raw) and ly.is_name(stripped):
        reader.entity = stripped  # '1. LayerZero($ZRO)' above the fields of its unlock
        return
    if reader.excluded or _RECAP_LABEL.match(stripped):
        return  # a recap section, or a line opening with '上周回顾：' (past items, inline)
    if not mentions and stripped.count("|") >= 2 and find_zone(stripped):
        reader.zone = find_zone(stripped)  # a table's header row: '| 日期 | 时间（北京） | 事件 |'
        return
    note = ly.ZONE_NOTE.search(stripped)
    if note:  # '以下为北京时间', '（以下均为北京时间）': the zone of every time below
        reader.zone = find_zone(note.group()) or reader.zone
    elif ly.ZONE_RULE.search(stripped):
        reader.zone = find_zone(stripped) or reader.zone
    elif _ZONE_ABOVE.search(stripped) and find_zone(stripped):
        ev.apply_zone_to_earlier(reader, find_zone(stripped) or "")
    under_header = reader.day is not None and (bool(bullet) or reader.header_only)
    dropped = [m for m in mentions if ev.is_reference(body, m, under_header) or ly.is_window(body.raw, m)]
    mentions = [m for m in mentions if m not in dropped]
    if mentions and ly.is_publication(reader, body, mentions):
        return
    if mentions and ly.header_only(body, mentions):
        ly.set_header(reader, body, mentions)
        return
    if not mentions:
        _undated(reader, body, under_header, _until(reader, body, dropped), bool(bullet))
    elif _leading(body, mentions[0]):
        _leading_item(reader, body, mentions)
    else:
        _paragraph(reader, body, mentions)


def _until(reader: ev.Reader, body: tx.Span, dropped: list[DateMention]) -> dt.date | None:
    """'G7 财长会议(至5月22日)' under the 5月20日 header: the last day of a meeting."""
    for m in dropped:
        if m.has_day and body.raw[max(0, m.start - 2) : m.start].strip().endswith("至"):
            if not ev.is_reference(body, m, under_header=False):
                last, _ = ev.resolve(reader, m, body.line)
                if last and reader.day and last > reader.day:
                    return last
    return None


def _undated(
    reader: ev.Reader, body: tx.Span, under_header: bool, until: dt.date | None = None, bullet: bool = True
) -> None:
    pieces = tx.sentences(body)
    if not pieces:
        return
    first = pieces[0]
    if under_header and reader.day is not None:
        if _COMMENTARY.match(first.text):
            return  # '关键点：…', '若数据走弱…': notes on the item above, not an item
        timed = find_time(first.text)[0] is not None
        if not bullet and not timed and (len(first.text) > 80 or not terms.has_event_cue(first.text)):
            return  # an unmarked line with neither a time nor an event in it is prose, not an item
        when = ev.When(
            ev.next_day(reader.day, first.text),
            until or reader.day_end,
            reader.day_precision,
            ev.time_in(first),
            ev.zone_in(reader, body),
        )
        title = _title(first)
        ev.emit(reader, _unless_vague(when, title), title, first)
        return
    if reader.events and reader.events[-1].line >= body.line - 2:
        ev.attach_back_reference(reader, first, 0)


def _unless_vague(when: ev.When, title: tx.Span) -> ev.When:
    """'将于本周末出席论坛（具体日期未定）', '预计于下月初举行': an item under a day (or after a dated
    sentence) whose event clause dates itself only vaguely does not take that day."""
    clauses = tx.split(title, ",;")
    named = next((c for c in clauses if terms.has_event_cue(c.text)), clauses[0] if clauses else title)
    m = _VAGUE_WHEN.search(named.text)
    if m is None:
        return when
    coarse = Precision.WEEK if "周" in m.group() or "未定" in m.group() else Precision.MONTH
    return ev.When(None, None, coarse, None, None)


def _title(sentence: tx.Span) -> tx.Span:
    """The part of an item that names the event: the label before a colon ('美国 5 月 PMI：前值…'),
    short items whole, else the first clause that names something happening."""
    head = tx.split(sentence, ":")[0] if _LABEL_COLON.search(sentence.text) else sentence
    if head is not sentence and terms.has_event_cue(head.text):
        return head
    if len(sentence.text.strip()) <= 48:
        return sentence
    for clause in tx.split(sentence, ",;:"):
        if terms.has_event_cue(clause.text):
            return clause
    return sentence


def _leading(body: tx.Span, first: DateMention) -> bool:
    """Does the item start with its date, followed by a label separator or the title itself?"""
    if body.raw[body.start : first.start].strip():
        return False
    after = body.raw[first.end : body.end].lstrip(" )]】")
    return not after or after[0] not in ","


def _leading_item(reader: ev.Reader, body: tx.Span, mentions: list[DateMention]) -> None:
    first = mentions[0]
    date, end = ev.resolve(reader, first, body.line)
    if date is None:
        return
    reader.day, reader.day_end, reader.day_precision = date, end, first.precision
    reader.day_zone, reader.header_only = find_zone(body.text), False
    rest = tx.sentences(body.sub(first.end, body.end))
    if not rest:
        return
    clauses = tx.split(rest[0], _CLAUSE_MARKS)
    named = [c for c in clauses if tx.clean_title(c.text)]
    title = next((c for c in clauses if terms.has_event_cue(c.text)), named[0] if named else rest[0])
    table = rest[0].text.count("|") >= 2
    if table:  # '| 5月18日 (周一)| 20:00 | 哈玛克 | 参加政策讨论 |': every cell names the event
        title = rest[0]
    head = body.sub(first.start, title.end)
    when = ev.When(
        ev.next_day(date, head.text),  # '| 6月17日 | 次日02:00 | 美联储利率决议 |'
        end,
        first.precision,
        ev.time_in(body.sub(first.start, title.start), title),
        ev.zone_in(reader, body),
    )
    if not ev.too_old(reader, date, end):
        ev.emit(reader, when, title, head, whole=rest[0])
        if not table:
            _same_day(reader, clauses, title, rest[0].end, when)
    # '周一：A；B' lists events; '3 月 2 日：PMI：预期…；…' goes on with commentary on one.
    listing = not table and not _LABEL_COLON.search(rest[0].text.lstrip(" )]】:"))
    starts = [m.start for m in mentions]
    for sentence in tx.sentences(body.sub(title.end, body.end)):
        inside = _within(sentence, mentions, starts)
        strong = [m for m in inside if m.has_day and m.precision not in COARSE_PRECISIONS]
        if listing and inside and _leading(sentence, inside[0]):
            _leading_item(reader, sentence, inside)  # '周一：A；周三：B': the next day's item
        elif strong:
            _dated_sentence(reader, sentence, strong)
        elif listing and sentence.raw[sentence.start - 1 : sentence.start] in _ITEM_BREAKS:
            if len(sentence.text) <= 60 and terms.has_event_cue(sentence.text) and not inside:
                ev.emit(reader, replace(when, time=ev.time_in(sentence)), sentence, sentence)


def _within(span: tx.Span, mentions: list[DateMention], starts: list[int]) -> list[DateMention]:
    """The mentions inside ``span`` (``mentions`` in reading order, ``starts`` their offsets)."""
    return mentions[bisect_left(starts, span.start) : bisect_left(starts, span.end)]


def _paragraph(reader: ev.Reader, body: tx.Span, mentions: list[DateMention]) -> None:
    last: ev.When | None = None
    first_event = len(reader.events)
    starts = [m.start for m in mentions]
    for sentence in tx.sentences(body):
        inside = _within(sentence, mentions, starts)
        if inside:
            last = _dated_sentence(reader, sentence, inside) or last
        elif tx.mentions_in(sentence):
            continue  # only reference periods or datelines: neither an event nor one to inherit
        elif ev.attach_back_reference(reader, sentence, first_event):
            continue
        elif last is not None and _goes_on(sentence.text):
            title = _title(sentence)
            when = ev.When(
                last.date,
                last.end_date,
                last.precision,
                ev.time_in(sentence),
                ev.zone_in(reader, sentence) or last.tz,
            )
            ev.emit(reader, _unless_vague(when, title), title, sentence)


def _goes_on(text: str) -> bool:
    """A sentence without a date after a dated one that names another event on that day."""
    if _COMMENTARY.match(text):
        return False
    return ev.future_cue(text) or bool(_SAME_DAY.match(text) and _names_event(text))


def _dated_sentence(reader: ev.Reader, sentence: tx.Span, mentions: list[DateMention]) -> ev.When | None:
    mentions = mentions[:_MAX_DATES_PER_SENTENCE]
    clauses = tx.split(sentence, _CLAUSE_MARKS)
    starts = [c.start for c in clauses]
    subject = _subject(sentence, clauses)
    previous: dt.date | None = None
    last: ev.When | None = None
    since = sentence.start
    for index, m in enumerate(mentions):
        at = bisect_right(starts, m.start) - 1
        clause = clauses[at] if at >= 0 and m.start < clauses[at].end else sentence
        before = sentence.raw[clause.start : m.start]
        since, between = m.end, sentence.raw[since : m.start]
        if ev.is_background(clause.text) or _HISTORY_LEAD.match(sentence.text):
            continue
        date, end = ev.resolve(reader, m, sentence.line)
        if date is None or ev.too_old(reader, date, end):
            continue
        if ev.superseded(before) and index + 1 < len(mentions):
            previous = date
            continue
        if _SUMMARY.search(clause.text):
            continue  # '其中 11 月 12 日较为集中': where the list below clusters, not an event
        if ev.called_off(sentence.text) and (ev.superseded(before) or len(mentions) == 1):
            continue  # '原定于 12 月 11 日举行的 AMA 已取消': nothing happens on that day
        if not ev.first_time(reader, (date, end, clause.text, previous, reader.entity)):
            continue
        precision = m.precision
        if end and precision is Precision.MONTH and _BY_MONTH_END.match(sentence.raw, m.end - 1):
            date, end, precision = end, None, Precision.DAY  # '6 月底前提取': the last day is the deadline
        title = _event_clause(clauses, at if clause is not sentence else -1, clause)
        when = ev.When(
            date,
            end,
            precision,
            ev.time_in(clause, title),
            ev.zone_in(reader, clause),
            previous if previous and ev.moved(between) else None,
        )
        proof = sentence if len(sentence.text) <= 400 else title
        ev.emit(reader, when, title, proof, whole=proof, subject=subject)
        upto = mentions[index + 1].start if index + 1 < len(mentions) else sentence.end
        _same_day(reader, clauses, title, upto, when)
        last = when if precision is Precision.DAY else last
    return last


def _same_day(reader: ev.Reader, clauses: list[tx.Span], title: tx.Span, upto: int, when: ev.When) -> None:
    """'美国将公布 5 月 PPI，同日欧洲央行公布利率决议': a clause that opens with 同日/当晚 names a
    release of its own on the same day (with its own clock time, if it gives one)."""
    family = terms.release_family(title.text)
    for clause in clauses:
        if clause.start < title.end or clause.start >= upto or not _SAME_DAY.match(clause.text):
            continue
        other = terms.release_family(clause.text)
        if not _names_event(clause.text) or (family and other and terms.joins({family}, other)):
            continue
        ev.emit(reader, replace(when, time=ev.time_in(clause), previous=None), clause, clause)


def _subject(sentence: tx.Span, clauses: list[tx.Span]) -> str | None:
    """'Aptos (APT)：北京时间 5 月 12 日解锁…': the name before a colon that opens the sentence."""
    if len(clauses) < 2 or sentence.raw[clauses[0].end : clauses[0].end + 1] != ":":
        return None
    name = clauses[0].text.strip()
    if len(name) > 30 or find_dates(name) or terms.has_event_cue(name) or _GENERIC_LABEL.fullmatch(name):
        return None
    if ly.TITLE_WORDS.search(name) or "如下" in name:  # '本周重要事件如下：…' introduces, names nothing
        return None
    return name


def _names_event(text: str) -> bool:
    return terms.has_event_cue(text) or terms.action_of(text) is not None


def _event_clause(clauses: list[tx.Span], at: int, clause: tx.Span) -> tx.Span:
    """The clause naming what happens on a date: its own, else the nearest one without a date of
    its own, else the nearest one at all ('原定 5 月 13 日激活，现推迟至 5 月 28 日')."""
    own = tx.clean_title(clause.text)
    if at < 0 or (_names_event(own) and not _BARE_VERB.fullmatch(own)):
        return clause
    order = [i for k in range(1, 4) for i in (at + k, at - k) if 0 <= i < len(clauses)]
    for undated_only in (True, False):
        for near in order:
            other = clauses[near]
            if (not undated_only or not find_dates(other.text)) and _names_event(tx.clean_title(other.text)):
                return clause.sub(min(clause.start, other.start), max(clause.end, other.end))
    return clause
