"""What a line of a Chinese digest is, before any event is read from it: the digest's title,
a section heading, a day header, the publication line, the week the digest covers, and the
year its dates most likely belong to. Pure: no clock, no I/O."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from tracker.extract import zh_events as ev
from tracker.extract import zh_terms as terms
from tracker.extract import zh_text as tx
from tracker.extract.zh_dates import DateMention, find_time, find_zone

SENTENCE_MARK = re.compile(r"[。,!?;]")
_EXCLUDE = re.compile(r"上周|回顾|过去一周|复盘|上月|往期")
_INCLUDE = re.compile(r"本周|下周|未来|前瞻|展望|日历|即将|预告|重点|关注|事件|看点|安排|日程|一览|提醒")
_HEADER_NOISE = re.compile(r"[\s()\[\]【】<>《》:,.。\-–—|/*#•·~]+|北京时间|星期|周|晚|日程|时间")
_PUBLICATION = re.compile(r"发布|发表|更新于|编辑|作者|来源|编译")
_WINDOW_WORDS = re.compile(r"一周|本周|下周|周报|前瞻|展望|日程|日历|一览|速览|预告")
_WINDOW_BEFORE = re.compile(r"(?:本周|下周|这周|本週|下週)\s*[(（]?\s*$")
_YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:年|-\d)(?!\s*以来)")
TITLE_WORDS = re.compile(
    r"(?:本周|下周|本週|下週)(?![一二三四五六日天末])|今晚至|未来一周|一览|速览|预告|前瞻|展望|日程|日历|重要事件|重点事件"
)
ZONE_NOTE = re.compile(
    r"(?:以下|下文|文中|文内|所有|全部|上述).{0,3}(?:时间)?(?:均|皆|都|统一|一律)?(?:为|采用|按)\s*"
    r"(?:北京时间|东八区|香港时间|新加坡时间|美东时间|美国东部时间|UTC|GMT)"
)
ZONE_RULE = re.compile(r"时间(?:均|皆|都|统一|一律)?(?:为|采用|以|按)")
_HISTORY = re.compile(r"历史|回顾|成立于|创立于|诞生于|曾于|已于|早在|此前于|以来")
_LAST_YEAR = re.compile(r"(去年|前年)[^0-9]{0,6}$")
_LATIN = re.compile(r"[A-Za-z]{2}")


def title_line(reader: ev.Reader, text: str) -> bool:
    """The digest's own title ('本周预告 | 美国 5 月 CPI 周三公布', '下周重要事件一览（4月20日-4月24日）')
    announces the window and repeats what the body says: it sets the week and the zone, never events."""
    if "。" in text or len(text) > 90 or not TITLE_WORDS.search(text) or find_time(text)[0] is not None:
        return False
    zone = find_zone(text)
    if zone and (ZONE_RULE.search(text) or ZONE_NOTE.search(text)):
        reader.zone = zone
    return True


def year_hint(text: str) -> int | None:
    years: Counter[int] = Counter()
    for m in _YEAR.finditer(text[:20000]):
        if _HISTORY.search(_sentence_around(text, m.start())):
            continue  # '回顾历史，以太坊于 2022 年 9 月 15 日完成合并': says nothing of this digest's year
        last = _LAST_YEAR.search(text, max(0, m.start() - 8), m.start())
        years[int(m.group("y")) + (0 if not last else 1 if last.group(1) == "去年" else 2)] += 1
    return max(years, key=lambda y: (years[y], -y)) if years else None


def _sentence_around(text: str, at: int) -> str:
    start = max(text.rfind(mark, max(0, at - 200), at) for mark in "。!?;\n")
    ends = [e for e in (text.find(mark, at, at + 200) for mark in "。!?;\n") if e >= 0]
    return text[start + 1 : min(ends) if ends else at + 200]


def title_shift(text: str) -> int | None:
    head = text.lstrip()[:80].split("\n", 1)[0]
    return 1 if "下周" in head else 0 if "本周" in head else None


def is_window(raw: str, m: DateMention) -> bool:
    """'下周（5月18日至22日）', '5.18-5.24 一周前瞻': the span the digest covers, not an event."""
    if m.end_day is None:
        return False
    if _WINDOW_BEFORE.search(raw, max(0, m.start - 6), m.start):
        return True
    if _WINDOW_WORDS.search(raw) and not terms.has_event_cue(raw[: m.start] + raw[m.end :]):
        return True
    # '本周代币解锁一览（2026年5月25日-5月31日）': a section title names the range it lists
    closing = not raw[m.end :].strip(" )]】>")
    return closing and bool(TITLE_WORDS.search(raw[: m.start])) and len(raw.strip()) <= 40


def is_name(text: str) -> bool:
    return (
        len(text) <= 30
        and _LATIN.search(text) is not None
        and not SENTENCE_MARK.search(text)
        and not (terms.has_event_cue(text) or find_time(text)[0] is not None)
    )


def is_heading(text: str) -> bool:
    if len(text) > 40 or SENTENCE_MARK.search(text) or find_time(text)[0] is not None:
        return False
    if not terms.has_event_cue(text):
        return True
    if ev.future_cue(text):
        return False  # '植田和男将于本周末出席论坛': an item that says what will happen
    return bool(_INCLUDE.search(text) or _EXCLUDE.search(text))


def heading(reader: ev.Reader, text: str) -> None:
    reader.day = reader.day_end = reader.day_zone = None
    forward = _INCLUDE.search(text)
    if _EXCLUDE.search(text) and not re.search(r"本周|下周|未来", text):
        reader.excluded = True
    elif forward:
        reader.excluded = False
        reader.shift = 1 if "下周" in text else 0 if "本周" in text else reader.shift
        reader.zone = find_zone(text) or reader.zone
    elif not reader.excluded:
        reader.entity = text


def is_publication(reader: ev.Reader, body: tx.Span, mentions: list[DateMention]) -> bool:
    """'2026-02-02' under the title, or '发布于 2026年2月2日': when the digest appeared."""
    first = mentions[0]
    iso = re.fullmatch(r"\s*(?:19|20)\d{2}-\d{1,2}-\d{1,2}\s*", body.text) is not None
    if not ((iso and body.line <= 4) or (first.year and _PUBLICATION.search(body.text))):
        return False
    if first.year and first.month and first.day and reader.published is None:
        try:
            reader.published = dt.date(first.year, first.month, first.day)
            reader.hint = first.year
        except ValueError:
            return False
    return True


def header_only(body: tx.Span, mentions: list[DateMention]) -> bool:
    if len(mentions) > 2:
        return False
    edges = [body.start] + [x for m in mentions for x in (m.start, m.end)] + [body.end]
    rest = "".join(body.raw[a:b] for a, b in zip(edges[::2], edges[1::2], strict=True))
    return not _HEADER_NOISE.sub("", rest).strip()


def set_header(reader: ev.Reader, body: tx.Span, mentions: list[DateMention]) -> None:
    first = next((m for m in mentions if m.has_day), mentions[0])
    reader.day, reader.day_end = ev.resolve(reader, first, body.line)
    reader.day_precision = first.precision
    reader.day_zone = find_zone(body.text)
    reader.header_only = True
    if reader.day is None and first.weekday is not None and reader.published is None:
        reader.problem("a weekday without a date: pass --published to place it", body.line)
