"""Shutdowns and the user's deadlines, postponements, cancellations, vague and background dates."""

from __future__ import annotations

import datetime as dt

from tests.extract_zh.helpers import DIGESTS, parse
from tracker.extract.zh import extract_zh
from tracker.models import COARSE_PRECISIONS, Category, Precision, Status


def test_shutdown_and_its_withdrawal_deadline_are_two_events() -> None:
    result = parse("shutdown_notice")
    assert result.problems == []
    nova = [e for e in result.events if e.org == "Nova"]
    assert [(e.date, e.category, e.action_deadline, e.action) for e in nova] == [
        (dt.date(2026, 6, 30), Category.SHUTDOWN, True, "withdraw assets"),
        (dt.date(2026, 6, 24), Category.DEADLINE, True, "withdraw assets"),
    ]
    digest = (DIGESTS / "zh_shutdown_notice.txt").read_text(encoding="utf-8")
    assert digest[nova[1].start : nova[1].end] == nova[1].evidence
    assert nova[1].line == 2


def test_each_action_is_named() -> None:
    actions = {e.org: (e.date, e.action) for e in parse("shutdown_notice").events if e.org != "Nova"}
    assert actions == {
        "Bridgely": (dt.date(2026, 6, 15), "migrate/swap tokens"),  # 在此之前完成资产迁移
        "Memora": (dt.date(2026, 7, 1), "export data"),  # 用户须在此日期前导出数据 (next sentence)
        "Stakely": (dt.date(2026, 6, 20), "unstake"),
        "Gamma": (dt.date(2026, 6, 28), "claim"),
    }
    assert all(e.action_deadline for e in parse("shutdown_notice").events)


def test_a_postponed_date_supersedes_the_original() -> None:
    zeta, orbit = parse("postponed").events  # the cancelled meetup (原定…已取消) is no event
    assert (zeta.date, zeta.previous_date, zeta.status) == (
        dt.date(2026, 5, 28),
        dt.date(2026, 5, 13),
        Status.CONFIRMED,
    )
    assert zeta.category is Category.UPGRADE
    assert (orbit.date, orbit.status) == (dt.date(2026, 5, 19), Status.TENTATIVE)  # 延期, 新时间待定


def test_vague_dates_keep_a_coarse_precision_and_no_fake_day() -> None:
    events = parse("vague").events
    assert [(e.precision, e.date, e.end_date) for e in events] == [
        (Precision.MONTH, dt.date(2026, 7, 1), dt.date(2026, 7, 10)),  # 7 月初
        (Precision.QUARTER, dt.date(2026, 7, 1), dt.date(2026, 9, 30)),  # 第三季度
        (Precision.MONTH, dt.date(2026, 6, 21), dt.date(2026, 6, 30)),  # 6 月底
    ]
    assert all(e.precision in COARSE_PRECISIONS and e.time is None for e in events)


def test_background_dates_are_not_events() -> None:
    result = parse("background")
    assert [(e.date, e.category) for e in result.events] == [(dt.date(2026, 5, 25), Category.UNLOCK)]


def test_contradicting_weekday_and_impossible_date_are_problems_with_lines() -> None:
    result = parse("problems")
    assert [(p.line, p.message.split(":")[0]) for p in result.problems] == [
        (2, "weekday does not match 2026-05-12 (a Tuesday)"),
        (3, "impossible date"),
    ]
    assert all(p.source == "zh_problems.txt" for p in result.problems)
    assert [e.date for e in result.events] == [dt.date(2026, 5, 12)]


def test_a_window_open_until_a_date_is_a_deadline() -> None:
    text = "Orbix 交易所业务调整\n正常期(即日起 - 2026年7月31日): 用户可在官网正常提现。\n"
    result = extract_zh(text, published=dt.date(2026, 7, 1))
    assert [(e.date, e.category, e.action) for e in result.events] == [
        (dt.date(2026, 7, 31), Category.DEADLINE, "withdraw assets"),
    ]


def test_an_assumed_year_is_reported_once() -> None:
    result = extract_zh("5月20日：某链主网上线\n5月21日：某协议升级\n")
    assert [e.date for e in result.events] == [dt.date(2026, 5, 20), dt.date(2026, 5, 21)]
    assert [(p.line, p.message) for p in result.problems] == [
        (1, "no year given: assumed 2026; pass --published to be sure"),
    ]
    assert extract_zh("5月20日：某链主网上线", published=dt.date(2026, 5, 1)).problems == []
