"""Rules that keep the Chinese reader honest on text it was not tuned on: titles, recaps,
wind-down notices, vague dates, several releases in one clause, unlock lists."""

from __future__ import annotations

import datetime as dt

from tests.extract_zh.helpers import by_date, parse, times
from tracker.models import Category, Precision, Status

DAY_OR_TIME = (Precision.DAY, Precision.TIME)


def test_title_line_repeats_the_body_and_an_inline_recap_is_the_past() -> None:
    result = parse("title_recap", published="2026-05-16")
    assert times(result) == [("2026-05-19", "20:30"), ("2026-05-22", None)]
    assert not any("预告" in e.title or "回顾" in e.title for e in result.events)


def test_the_week_range_in_a_title_is_never_an_event() -> None:
    result = parse("window_title", published="2026-05-16")
    assert [(d, [e.org for e in es]) for d, es in by_date(result).items()] == [
        ("2026-05-20", ["Nimbus"]),
        ("2026-05-23", ["Tidal"]),
    ]


def test_a_zone_note_in_the_title_applies_to_the_times_below() -> None:
    result = parse("zone_title", published="2026-05-19")
    assert times(result) == [("2026-05-19", "20:30"), ("2026-05-20", "02:00")]
    assert [e.tz for e in result.events] == ["UTC+8", "UTC+8"]


def test_wind_down_notice_steps_one_event_each_and_no_consequence_clause() -> None:
    result = parse("wallet_notice", published="2026-06-20")
    days = by_date(result)
    assert sorted(days) == ["2026-07-01", "2026-07-20", "2026-07-31"]
    assert all(len(events) == 1 for events in days.values())  # '7月31日起…下线' is the same shutdown
    deposits, deadline, shutdown = days["2026-07-01"][0], days["2026-07-20"][0], days["2026-07-31"][0]
    assert deposits.category is Category.SHUTDOWN and not deposits.action_deadline
    assert "自" not in deposits.title
    assert deadline.category is Category.DEADLINE and deadline.action == "withdraw assets"
    assert shutdown.category is Category.SHUTDOWN and shutdown.action_deadline
    assert not any(e.category is Category.REGULATION for e in result.events)  # '逾期未提取…按规定处理'
    assert dt.date(2020, 3, 1) not in {e.date for e in result.events}


def test_vague_items_never_take_the_day_above_them() -> None:
    result = parse("vague_items", published="2026-09-11")
    exact = [
        (e.date.isoformat(), e.precision) for e in result.events if e.date and e.precision in DAY_OR_TIME
    ]
    assert exact == [
        ("2026-09-17", Precision.TIME),  # '市场预计年内还将降息' is commentary, not the item's date
        ("2026-09-18", Precision.TIME),
        ("2026-09-18", Precision.DAY),  # '时间待定': the day is known, the time is not
        ("2026-09-25", Precision.DAY),
    ]
    coarse = {e.precision: e for e in result.events if e.precision not in DAY_OR_TIME}
    assert coarse[Precision.WEEK].date is None and "植田" in coarse[Precision.WEEK].title
    assert coarse[Precision.MONTH].date is None and "Token2049" in coarse[Precision.MONTH].title
    quarter = coarse[Precision.QUARTER]
    assert (quarter.date, quarter.end_date) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert not quarter.title.startswith("其他")
    orbit = next(e for e in result.events if e.date == dt.date(2026, 9, 25))
    assert orbit.status is Status.TENTATIVE and "前后" not in orbit.title  # around the 25th
    assert not any(e.date == dt.date(2026, 9, 16) for e in result.events)  # cancelled: no event
    assert not any(e.date == dt.date(2026, 9, 14) for e in result.events)  # the title's week range


def test_several_releases_in_one_clause_or_on_the_same_evening() -> None:
    days = by_date(parse("same_day", published="2026-07-12"))
    assert ["CPI" in days["2026-07-15"][0].title, days["2026-07-15"][1].org] == [True, "Bank of Canada"]
    assert len(days["2026-07-16"]) == 1  # no '本周要点如下' subject, one unlock
    assert "要点" not in days["2026-07-16"][0].title
    assert [e.org for e in days["2026-07-17"]] == ["U.S. Census Bureau", "U.S. Department of Labor"]
    evening = [(e.time.strftime("%H:%M") if e.time else None, e.tz, e.org) for e in days["2026-07-14"]]
    assert evening == [("22:00", "UTC+8", "NFIB"), ("22:30", "UTC+8", "EIA")]
    assert all(e.category is Category.MACRO for es in days.values() for e in es if e.org != "Celo")
    assert [e.org for e in days["2026-07-20"]] == ["People's Bank of China", "Federal Reserve"]
    assert len(days["2026-07-22"]) == 1  # a rate decision and its press conference are one meeting


def test_numbered_unlock_list_names_each_item_and_skips_the_summary() -> None:
    result = parse("numbered_unlocks", published="2026-12-12")
    rows = [(e.date.isoformat() if e.date else "-", e.time, e.org) for e in result.events]
    assert rows == [
        ("2026-12-16", dt.time(9), "Arbitrum"),
        ("2026-12-16", dt.time(9), "Optimism"),  # same time and field text as the item above
        ("2026-12-18", dt.time(22), "Celestia"),
    ]
    assert all(e.category is Category.UNLOCK and e.org and e.org in e.title for e in result.events)


def test_titles_carry_an_english_rendering_with_the_reference_month() -> None:
    days = by_date(parse("same_day", published="2026-07-12"))
    assert "June NFIB small business optimism" in days["2026-07-14"][0].title
    assert "loan prime rate (LPR)" in days["2026-07-20"][0].title


def test_a_background_year_does_not_set_the_digests_year() -> None:
    result = parse("history_year", published=None)  # only weekdays and a background year to go by
    assert [e.date for e in result.events] == [
        dt.date(2026, 3, 9),
        dt.date(2026, 3, 10),
        dt.date(2026, 3, 11),
    ]
    assert [e.category for e in result.events] == [
        Category.OTHER,
        Category.MACRO,
        Category.UNLOCK,
    ]  # 上次会议纪要


def test_deposit_suspension_before_a_delisting_and_a_section_titles_range() -> None:
    result = parse("exchange_week", published="2026-05-15")
    rows = [(e.date.isoformat() if e.date else "-", e.category) for e in result.events]
    assert rows == [
        ("2026-05-18", Category.MACRO),  # '下周日程' is a heading (下周 + 日程), not 下周日
        ("2026-05-20", Category.LISTING),
        ("2026-05-18", Category.LISTING),  # deposits suspended ahead of the delisting
        ("2026-05-21", Category.UNLOCK),
        ("2026-05-19", Category.MACRO),
    ]
    assert result.events[2].title.startswith("暂停")
    assert result.events[-1].end_date == dt.date(2026, 5, 21)


def test_a_zone_note_inside_the_intro_and_regional_surveys_as_releases() -> None:
    result = parse("intro_zone", published="2026-08-14")
    assert times(result) == [
        ("2026-08-17", "20:30"),
        ("2026-08-20", "20:30"),
        ("2026-08-20", "20:30"),
        ("2026-08-20", "22:00"),
    ]
    assert {e.tz for e in result.events} == {"UTC+8"}
    assert [e.org for e in result.events[1:3]] == [
        "U.S. Department of Labor",
        "Federal Reserve Bank of Philadelphia",
    ]


def test_shutdown_roundup_keeps_each_projects_steps_apart() -> None:
    result = parse("shutdown_roundup", published="2026-06-15")
    rows = [
        (e.date.isoformat() if e.date else "-", e.org, e.category, e.action_deadline) for e in result.events
    ]
    assert rows == [
        ("2026-07-01", "Velo Finance", Category.SHUTDOWN, True),  # '停止借贷服务'
        ("2026-07-01", "Velo Finance", Category.DEADLINE, True),  # '7 月 1 日后前端页面将下线': no third
        ("2026-07-15", "Orbiter", Category.SHUTDOWN, True),
        ("2026-06-20", "Orbiter", Category.SHUTDOWN, True),  # no withdrawal date of its own: act now
        ("2026-07-15", "Nebula DEX", Category.SHUTDOWN, True),
        ("2026-07-03", "LMN", Category.LISTING, False),  # deposits suspended before the delisting
        ("2026-07-10", "LMN", Category.LISTING, False),
        ("2026-07-31", "LMN", Category.DEADLINE, True),  # '7 月 31 日前可提币'
    ]


def test_traditional_week_with_a_zone_note_and_taiwanese_fed_name() -> None:
    result = parse("traditional_week", published="2026-05-16")
    assert times(result) == [
        ("2026-05-18", "21:00"),
        ("2026-05-19", "10:00"),
        ("2026-05-20", "22:30"),
        ("2026-05-21", None),
    ]
    assert [e.tz for e in result.events] == ["UTC+8", "UTC+8", "UTC+8", None]
    assert [e.org for e in result.events] == [
        "Federal Reserve",
        "National Bureau of Statistics of China",
        "EIA",
        "Avalanche",
    ]
    assert [e.category for e in result.events] == [Category.MACRO] * 3 + [Category.UNLOCK]


def test_results_already_published_are_background() -> None:
    result = parse("recap_sections", published="2026-05-17")
    assert [e.date for e in result.events] == [
        dt.date(2026, 5, 19),
        dt.date(2026, 5, 21),
        dt.date(2026, 5, 22),
    ]
    assert not any("PPI" in e.title for e in result.events)  # '5月13日公布的 PPI 数据环比下降 0.2%'


def test_table_calendar_with_a_zone_in_its_header_row_and_a_next_day_time() -> None:
    result = parse("table_calendar", published="2026-06-12")
    assert times(result) == [
        ("2026-06-15", "10:00"),
        ("2026-06-16", "20:30"),
        ("2026-06-18", "02:00"),  # '| 6月17日 周三 | 次日02:00 |': the night after
        ("2026-06-18", "19:00"),
        ("2026-06-19", None),
    ]
    assert [e.tz for e in result.events] == ["UTC+8"] * 4 + [None]
    assert not any("|" in e.title for e in result.events)


def test_next_week_prose_with_weekdays_and_generic_releases() -> None:
    result = parse("next_week_prose", published="2026-05-22")
    assert [e.date.isoformat() if e.date else "-" for e in result.events][:5] == [
        "2026-05-25",  # '下周一，美国将公布 4 月领先指标': a release named only by 公布…指标
        "2026-05-26",
        "2026-05-27",
        "2026-05-28",
        "2026-05-29",
    ]
    assert result.events[0].category is Category.MACRO
    assert not result.events[1].title.startswith("凌晨")
    assert result.events[-1].precision is Precision.MONTH  # '6 月中旬'


def test_a_first_line_that_is_an_item_is_not_taken_for_the_title() -> None:
    result = parse("first_line_items", published="2026-05-17")
    assert times(result) == [("2026-05-20", "20:30"), ("2026-05-21", "20:30"), ("2026-05-22", None)]
    assert [e.title.split(" (")[0] for e in result.events] == [
        "美国公布4月CPI",  # '本周三（…）' left nothing behind
        "美国公布初请失业金人数",
        "Celestia 解锁 1000 万枚 TIA",
    ]


def test_markdown_calendar_with_slash_headers_and_an_undated_section() -> None:
    result = parse("markdown_calendar", published="2026-05-15")
    assert times(result) == [
        ("2026-05-18", "20:30"),
        ("2026-05-18", None),
        ("2026-05-19", "22:00"),
        ("2026-05-20", None),
        ("2026-05-20", "14:00"),
    ]
    fair, delisting = result.events[3:]
    assert fair.end_date == dt.date(2026, 5, 22) and fair.title.startswith("ETHPrague")
    assert (delisting.tz, delisting.title.split(" (")[0]) == ("UTC", "Coinbase 下架 WXY 交易对")


def test_a_cancelled_date_moved_to_a_new_one_and_a_plain_cancellation() -> None:
    result = parse("moved_or_cancelled", published="2026-05-15")
    assert len(result.events) == 1  # '原定于 5 月 21 日举办的…已取消': no event
    moved = result.events[0]
    assert (moved.date, moved.previous_date, moved.status) == (
        dt.date(2026, 5, 25),
        dt.date(2026, 5, 20),
        Status.CONFIRMED,
    )
    assert "AMA" in moved.title
