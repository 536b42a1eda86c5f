"""Chinese digest layouts: day headers with bullets, dated items, unlock lists, relative days."""

from __future__ import annotations

import datetime as dt

from tests.extract_zh.helpers import by_date, parse, times
from tracker.models import Category, Precision


def test_macro_week_reads_only_this_weeks_items_under_their_headers() -> None:
    result = parse("macro_week", published=None)  # the publication line under the title anchors the year
    assert result.problems == []
    assert times(result) == [
        ("2026-05-18", "20:00"),
        ("2026-05-18", "20:30"),
        ("2026-05-19", "20:30"),
        ("2026-05-19", "20:30"),
        ("2026-05-20", "20:30"),
        ("2026-05-21", "02:00"),  # 次日 02:00 under the 05 月 20 日 header
        ("2026-05-21", "20:30"),
        ("2026-05-21", "19:15"),
    ]
    assert all(e.category is Category.MACRO for e in result.events)
    assert all(e.tz is None for e in result.events)  # no zone is stated anywhere
    assert not any("17.5" in e.evidence or "22.1" in e.evidence for e in result.events)  # 上周回顾


def test_two_releases_in_one_bullet_are_two_events_but_cpi_and_core_cpi_are_one() -> None:
    days = by_date(parse("macro_week"))
    assert [e.org for e in days["2026-05-19"]] == ["U.S. Bureau of Labor Statistics", "U.S. Census Bureau"]
    assert "PPI" in days["2026-05-19"][0].title and "零售销售" in days["2026-05-19"][1].title
    assert len(days["2026-05-20"]) == 1  # CPI year-on-year and core CPI month-on-month: one release
    assert "核心 CPI" in days["2026-05-20"][0].title
    assert "会议纪要" in days["2026-05-21"][0].title  # (次日 02:00): the minutes land on the next day


def test_reference_periods_do_not_move_items_off_their_header_day() -> None:
    days = by_date(parse("macro_week"))
    claims, ecb = days["2026-05-21"][1:]
    assert "初请失业金" in claims.title and claims.org == "U.S. Department of Labor"
    assert "16 日" not in claims.title  # '至 5 月 16 日当周' is the period the figure covers
    assert ecb.org == "ECB" and ecb.evidence.startswith("欧元区至 5 月 21 日")
    assert "2026-05-16" not in days and "2026-05-09" not in days


def test_dated_items_with_weekdays_and_evening_without_clock() -> None:
    result = parse("day_headers")
    assert result.problems == []
    assert times(result) == [
        ("2026-05-18", None),
        ("2026-05-20", None),  # (周三晚): evening, but no clock time is written
        ("2026-05-21", None),  # 星期四（5月21日）
        ("2026-05-22", "22:00"),  # a bullet under '5月22日 星期五'
    ]
    first = result.events[0]
    assert first.evidence == "5 月 18 日（周一）：纽约联储制造业指数"
    assert first.org == "Federal Reserve Bank of New York"
    # One event for UMich sentiment and its inflation expectations on one line.
    assert result.events[-1].org == "University of Michigan"


def test_commentary_weekdays_do_not_make_events() -> None:
    result = parse("day_headers")
    assert "2026-05-20" in by_date(result)
    assert len(by_date(result)["2026-05-20"]) == 1  # '周三还将公布 CPI' is commentary on the Monday line


def test_unlock_list_takes_the_project_from_the_name_above_the_fields() -> None:
    result = parse("unlock_list")
    assert [(e.org, e.date, e.time) for e in result.events] == [
        ("Starknet", dt.date(2026, 5, 20), dt.time(8, 0)),
        ("Arbitrum", dt.date(2026, 5, 21), dt.time(21, 0)),  # 晚上 9 点
        ("Sui", dt.date(2026, 5, 22), None),
    ]
    assert all(e.category is Category.UNLOCK for e in result.events)
    assert result.events[0].title.startswith("Starknet($STRK)")
    assert result.events[0].precision is Precision.TIME
    assert result.events[2].precision is Precision.DAY


def test_relative_days_and_weekdays_resolve_against_the_publication_date() -> None:
    result = parse("relative")  # published on Sunday 2026-05-17
    assert [(str(e.date), e.time.strftime("%H:%M") if e.time else None, e.tz) for e in result.events] == [
        ("2026-05-17", "20:00", None),  # 今晚 8 点
        ("2026-05-18", "15:30", None),  # 明天下午 3 点半
        ("2026-05-20", "21:30", "UTC+8"),  # 本周三北京时间 21:30, said on a Sunday: the coming week
        ("2026-05-18", "10:00", "UTC+8"),  # 下周一上午 10:00（UTC+8）
    ]
    assert [e.category for e in result.events] == [
        Category.OTHER,
        Category.LISTING,
        Category.MACRO,
        Category.UPGRADE,
    ]


def test_weekday_only_items_need_a_publication_date() -> None:
    result = parse("relative", published=None)
    assert result.events == []


def test_ranges_and_numeric_dates() -> None:
    result = parse("ranges")
    assert [(str(e.date), str(e.end_date)) for e in result.events] == [
        ("2026-05-12", "2026-05-16"),
        ("2026-05-12", "2026-05-14"),
        ("2026-05-19", "None"),
    ]
    assert [e.category for e in result.events] == [Category.CONFERENCE, Category.CONFERENCE, Category.MACRO]
