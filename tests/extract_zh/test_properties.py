"""Whatever the text, extract_zh returns a result: no exceptions, offsets that point at the evidence."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.extract.zh import extract_zh

# Characters the reader cares about, so random text often looks like a date, a time or a bullet.
PIECES = st.sampled_from(
    [
        "月",
        "日",
        "号",
        "年",
        "周",
        "星期",
        "本周",
        "下周",
        "今晚",
        "明天",
        "次日",
        "原定",
        "推迟至",
        "取消",
        "至",
        "当周",
        "前",
        "提取资产",
        "解锁",
        "停止服务",
        "北京时间",
        "UTC+8",
        "（",
        "）",
        "(",
        ")",
        "：",
        ":",
        "，",
        "。",
        "、",
        "；",
        "•",
        "\n",
        " ",
        "上周回顾",
        "本周重点事件",
        "下午",
        "晚上",
        "点",
        "半",
        "初",
        "底",
        "第三季度",
        "Q4",
        "-",
        "/",
        "2026",
        "02",
        "30",
        "12",
        "5",
        "31",
        "一",
        "三",
        "日",
        "CPI",
        "$ARB",
    ]
)
DIGEST_LIKE = st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=80).map("".join)
DAYS = st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)))


@settings(max_examples=300, deadline=None)
@given(text=st.text(), published=DAYS)
def test_arbitrary_unicode_never_raises(text: str, published: dt.date | None) -> None:
    extract_zh(text, published=published)


@settings(max_examples=500, deadline=None)
@given(text=DIGEST_LIKE, published=DAYS)
def test_digest_like_noise_gives_consistent_events(text: str, published: dt.date | None) -> None:
    result = extract_zh(text, published=published, source="noise")
    for event in result.events:
        assert text[event.start : event.end] == event.evidence
        assert event.line == text.count("\n", 0, event.start) + 1
        assert event.end_date is None or event.date is None or event.end_date > event.date
    assert all(p.source == "noise" and p.line >= 1 for p in result.problems)


def test_adversarial_repetitions_finish() -> None:
    """Long runs of near-dates and near-times: linear regexes get through them (no timing asserted)."""
    for unit in ("5 月 ", "12 日 周", "至 ", "下午 1", "(((", "解锁时间:", "• ", "2026-", "5/1"):
        extract_zh(unit * 20000, published=dt.date(2026, 5, 17))


def test_impossible_dates_are_problems_not_events() -> None:
    result = extract_zh("2 月 30 日：某链主网上线\n4月31日：某协议升级", published=dt.date(2026, 1, 10))
    assert result.events == []
    assert [(p.line, p.message) for p in result.problems] == [
        (1, "impossible date: 2月30日"),
        (2, "impossible date: 4月31日"),
    ]
