"""Matching and UIDs, pure: which reports are the same event."""

from __future__ import annotations

import datetime as dt

from tests.store.helpers import report
from tracker.identity import Stored, best_match, derive_uid, org_key, subject, subject_key, window
from tracker.models import Event, Extracted, Precision


def stored(r: Extracted, uid: str = "u1") -> Stored:
    assert r.date is not None
    event = Event(uid, r.title, r.category, r.date, precision=r.precision, org=r.org, end_date=r.end_date)
    return Stored(event, org_key(r.org), subject_key(r.title, r.org), None)


AZUL = report("2026-05-13", "Base Azul mainnet activation", "upgrade", org="Base")


def test_three_wordings_of_one_upgrade_match() -> None:
    for title, org in [
        ("Launch of the Azul update on the mainnet of Base", None),
        ("Base 的 Azul 升级", "Base"),
        ("Azul network upgrade goes live", "Base Network"),
    ]:
        r = report("2026-05-13", title, "upgrade", org=org)
        assert best_match(r, [stored(AZUL)], source_id=9) is not None, title


def test_two_releases_of_one_day_stay_apart() -> None:
    cpi = stored(report("2026-05-12", "U.S. April CPI release", "macro", org="U.S."))
    sales = report("2026-05-12", "U.S. April retail sales", "macro", org="U.S.")
    assert best_match(sales, [cpi], source_id=9) is None
    same = report("2026-05-12", "US consumer price index (April)", "macro", org="United States")
    assert best_match(same, [cpi], source_id=9) is cpi


def test_testnet_is_not_mainnet_and_orgs_must_agree() -> None:
    testnet = report("2026-05-13", "Base Azul testnet activation", "upgrade", org="Base")
    assert best_match(testnet, [stored(AZUL)], source_id=9) is None
    other_org = report("2026-05-13", "Azul mainnet activation", "upgrade", org="Optimism")
    assert best_match(other_org, [stored(AZUL)], source_id=9) is None


def test_one_off_events_may_move_recurring_ones_may_not() -> None:
    moved = report("2026-05-27", "Base Azul mainnet activation", "upgrade", org="Base")
    assert best_match(moved, [stored(AZUL)], source_id=9) is not None
    claims = stored(report("2026-05-14", "U.S. initial jobless claims", "macro", org="U.S."))
    next_week = report("2026-05-21", "U.S. initial jobless claims", "macro", org="U.S.")
    assert best_match(next_week, [claims], source_id=9) is None


def test_a_coarse_date_matches_a_day_inside_it() -> None:
    late_may = stored(
        report("2026-05-21", "Lumen token generation event", "launch", org="Lumen", precision="month")
    )
    exact = report("2026-05-28", "Lumen TGE: token generation event", "launch", org="Lumen", precision="time")
    assert best_match(exact, [late_may], source_id=9) is late_may
    assert window(dt.date(2026, 5, 21), Precision.MONTH) == (dt.date(2026, 5, 21), dt.date(2026, 5, 31))
    assert window(dt.date(2026, 4, 1), Precision.QUARTER)[1] == dt.date(2026, 6, 30)


def test_uid_says_what_the_event_is() -> None:
    assert derive_uid("Base Azul mainnet activation", "Base", AZUL.category, dt.date(2026, 5, 13)) == (
        "20260513-base-azul-upgrade"
    )
    chinese = derive_uid("比特币 减半", None, AZUL.category, dt.date(2026, 5, 13))
    assert chinese.startswith("20260513-") and chinese.isascii()
    assert subject("Base 的 Azul 升级", "Base") == {"azul"}
