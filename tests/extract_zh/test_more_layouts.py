"""Weekday-first lists, unlock sentences, shutdown news items and a Fed week (次日, quarters, NFP)."""

from __future__ import annotations

import datetime as dt

from tests.extract_zh.helpers import by_date, parse, times
from tracker.models import Category, Precision

PUBLISHED = "2026-01-16"  # a Friday: the week ahead starts on Monday 19 January


def test_weekday_first_lines_list_events_separated_by_semicolons() -> None:
    result = parse("weekday_list", PUBLISHED)
    assert result.problems == []
    days = by_date(result)
    assert [e.category for e in days["2026-01-19"]] == [Category.OTHER, Category.UPGRADE]  # 休市；Sui 升级
    assert [e.category for e in days["2026-01-20"]] == [Category.OTHER, Category.LISTING]
    assert days["2026-01-20"][1].org == "Binance"
    assert [(e.time, e.org) for e in days["2026-01-22"]] == [
        (dt.time(21, 30), "U.S. Department of Labor"),  # under '周四（1 月 22 日）：' with bullets
        (dt.time(23, 0), None),
    ]
    # A rate decision and the governor's press conference on one line are one event.
    assert [e.org for e in days["2026-01-23"]] == ["Bank of Japan"]


def test_unlock_sentences_name_the_project_before_the_colon_or_verb() -> None:
    result = parse("unlock_sentences", PUBLISHED)
    rows = [(e.org, str(e.date), e.time.strftime("%H:%M") if e.time else None, e.tz) for e in result.events]
    assert rows == [
        ("Aptos", "2026-01-12", "08:00", "UTC+8"),
        ("Axie Infinity", "2026-01-12", "21:10", None),
        ("Starknet", "2026-01-15", "00:00", None),
        ("Arbitrum", "2026-01-22", None, None),  # 本周四, from a digest published on Friday the 16th
    ]
    assert all(e.category is Category.UNLOCK for e in result.events)


def test_news_items_skip_their_dateline_and_past_closures() -> None:
    result = parse("shutdown_news", PUBLISHED)
    assert [(e.org, str(e.date), e.category, e.action_deadline, e.action) for e in result.events] == [
        ("Nostra", "2026-02-28", Category.SHUTDOWN, True, "withdraw assets"),
        ("NSTR", "2026-03-31", Category.DEADLINE, True, "migrate/swap tokens"),
        ("Binance", "2026-01-20", Category.LISTING, False, None),
        ("Binance", "2026-03-20", Category.DEADLINE, True, "withdraw assets"),  # 并于 3 月 20 日停止提现
    ]
    assert "2026-01-10" not in by_date(result)  # '1 月 10 日消息' is when the news was written
    assert "2025-12-01" not in by_date(result)  # Kado 已于 2025 年 12 月 1 日停止运营: history


def test_fed_week_next_day_times_quarter_figures_and_grouped_releases() -> None:
    result = parse("fed_week", published=None)  # '2026-01-26' under the title
    assert result.problems == []
    assert times(result) == [
        ("2026-01-27", "22:00"),
        ("2026-01-29", "03:00"),  # (次日 03:00) under 01 月 28 日
        ("2026-01-29", "03:30"),
        ("2026-01-29", "21:30"),  # GDP
        ("2026-01-29", "21:30"),  # core PCE, a second release on the same line
        ("2026-01-29", "21:30"),  # NFP and the unemployment rate: one release
        ("2026-01-30", "21:30"),
    ]
    assert all(e.precision is Precision.TIME for e in result.events)  # '第四季度' is the GDP's quarter
    assert not any("12 月 CPI" in e.title for e in result.events)  # 上周回顾


def test_notes_under_an_item_are_not_items() -> None:
    result = parse("commentary_notes", "2026-05-16")
    assert [(str(e.date), str(e.end_date)) for e in result.events] == [
        ("2026-05-19", "None"),
        ("2026-05-20", "2026-05-22"),  # G7财长会议(至5月22日)
        ("2026-05-20", "None"),  # 欧美PMI初值公布, a sub-heading naming releases
        ("2026-05-20", "None"),  # 美国5月制造业PMI:前值… (the label before the colon)
        ("2026-05-21", "None"),
    ]
    assert not any(e.evidence.startswith(("关键点", "背景", "核心议题", "若", "地缘")) for e in result.events)
    assert result.events[3].title.startswith("美国5月制造业PMI (")
    assert result.events[4].time == dt.time(2, 0)  # 凌晨2:00


def test_table_rows_and_emoji_bullets() -> None:
    result = parse("table_rows", "2026-05-16")
    rows = [(str(e.date), _hhmm(e.time), e.tz, e.status.value) for e in result.events]
    assert rows == [
        ("2026-05-18", "20:00", None, "confirmed"),
        ("2026-05-19", "01:30", None, "confirmed"),
        ("2026-05-22", "20:30", None, "tentative"),  # (可能推迟)
        ("2026-05-19", "08:30", "America/New_York", "confirmed"),  # ⏰ 上午8:30 EDT under '? 周二(5月19日)'
    ]
    assert "参加政策讨论" in result.events[0].title  # every cell of the row names the event
    assert result.events[0].org == "Federal Reserve Bank of Cleveland"


def _hhmm(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def test_traditional_characters_and_a_news_dateline() -> None:
    result = parse("traditional_flash", "2026-05-17")
    rows = [(e.org, str(e.date), _hhmm(e.time), e.category, e.action) for e in result.events]
    assert rows == [
        ("Humanity", "2026-05-21", None, Category.UNLOCK, None),
        ("Plasma", "2026-05-22", "20:00", Category.UNLOCK, None),  # 晚間 8 點
        ("Nova", "2026-06-30", None, Category.SHUTDOWN, "withdraw assets"),
        ("Nova", "2026-06-24", None, Category.DEADLINE, "withdraw assets"),  # 請用戶於 6 月 24 日前提現
    ]
    assert "2026-05-18" not in by_date(result)  # 'PANews 消息,5 月 18 日,據統計': the dateline
    assert result.events[0].evidence.startswith("Humanity(H) 將於")  # evidence keeps the original text


def test_run_together_day_lines_split_at_bracketed_times() -> None:
    result = parse("run_together", "2026-05-17")
    rows = [(str(e.date), _hhmm(e.time), e.org) for e in result.events]
    assert rows == [
        ("2026-05-19", None, "DevWeek"),
        ("2026-05-20", "20:30", "U.S. Bureau of Labor Statistics"),  # CPI and core CPI: one release
        ("2026-05-21", "20:15", "ECB"),
        ("2026-05-21", "20:30", "U.S. Department of Labor"),
        ("2026-05-21", "19:00", "Bank of England"),
        ("2026-05-22", "20:30", "U.S. Bureau of Labor Statistics"),  # unemployment rate and NFP: one
    ]
    assert result.events[0].category is Category.CONFERENCE
    assert result.events[2].title.startswith("欧元区欧洲央行存款机制利率")


def test_one_line_week_month_end_deadline_and_chinese_numeral_hours() -> None:
    result = parse("one_line_week", "2026-05-16")  # a Saturday; the heading says 下周
    rows = [(str(e.date), _hhmm(e.time), e.category, e.action) for e in result.events]
    assert rows == [
        ("2026-05-18", None, Category.MACRO, None),  # 周一：…；
        ("2026-05-20", None, Category.MACRO, None),  # 周三：…；
        ("2026-05-22", None, Category.MACRO, None),  # 周五：….
        ("2026-06-30", None, Category.DEADLINE, "withdraw assets"),  # 6 月底前: the last day, exactly
        ("2026-05-21", "21:00", Category.OTHER, None),  # 周四晚上九点
    ]
    assert result.events[3].precision is Precision.DAY


def test_dotted_dates_need_a_weekday_or_a_range_and_the_digest_window_is_no_event() -> None:
    result = parse("dotted_dates", "2026-05-16")
    rows = [(str(e.date), str(e.end_date), _hhmm(e.time)) for e in result.events]
    assert rows == [
        ("2026-05-19", "None", None),  # 5.19（周二）：…
        ("2026-05-21", "None", "20:30"),  # a bullet under 5.21（周四）
        ("2026-05-20", "2026-05-22", None),  # 5.20-5.22, a range in a sentence
    ]  # '5.18-5.24 一周前瞻' is the week the digest covers; the closing note is prose


def test_zone_stated_after_a_list_and_unlocks_restated_in_the_analysis() -> None:
    result = parse("unlock_restated", "2026-05-16")
    rows = [(e.org, str(e.date), _hhmm(e.time), e.tz) for e in result.events]
    assert rows == [
        ("Movement", "2026-05-19", "20:00", "UTC+8"),  # '以上爲UTC+8時間' comes after the list
        ("Aptos", "2026-05-23", "02:00", "UTC+8"),
    ]  # 'MOVE將於5月19日解鎖…' in the analysis is the same unlock, not a second one
