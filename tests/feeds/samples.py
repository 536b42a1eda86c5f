"""Events covering every shape a feed has to carry, for the feed and interop tests.

One of each: all-day action deadline, timed event in an IANA zone, timed in a fixed offset,
multi-day all-day range, timed multi-day, week/month/quarter precision, cancelled with a bumped
sequence, tentative, disputed, Chinese text, a source URL, and hostile text.
"""

from __future__ import annotations

import datetime as dt

from tracker.models import Category, Event, Precision, SourceRef, Status

UTC = dt.UTC
DIGEST = SourceRef(
    "seeds/2026-05-11-week.md",
    title="Week ahead, May 11-17",
    published=dt.date(2026, 5, 11),
    evidence="Lattice is winding down; users must withdraw assets before May 16.",
    start=120,
    end=188,
)
WEB = SourceRef(
    "https://news.example.org/weekly/2026-19", title="Weekly preview", evidence="FOMC minutes on Wed."
)

HOSTILE_TITLE = "Evil\r\nBEGIN:VEVENT\r\nUID:forged\r\nEND:VEVENT; a,b \\ c\\n \U0001f680 \u2028x\x00\x85"


def _at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 5, day, hour, 0, tzinfo=UTC)


def events() -> list[Event]:
    return [
        Event(
            uid="lattice-shutdown-2026-05-16",
            title="Lattice wind-down",
            category=Category.SHUTDOWN,
            start_date=dt.date(2026, 5, 16),
            org="Lattice",
            action_deadline=True,
            action="withdraw assets",
            sequence=1,
            created=_at(11),
            updated=_at(12),
            sources=(DIGEST,),
        ),
        Event(
            uid="fomc-minutes-2026-05-13",
            title="FOMC minutes",
            category=Category.MACRO,
            start_date=dt.date(2026, 5, 13),
            start_time=dt.time(14, 0),
            tz="America/New_York",
            starts_at=dt.datetime(2026, 5, 13, 18, 0, tzinfo=UTC),
            org="Federal Reserve",
            created=_at(11),
            updated=_at(11),
            sources=(WEB,),
        ),
        Event(
            uid="carrot-claim-2026-05-14",
            title="Carrot airdrop claim closes",
            category=Category.DEADLINE,
            start_date=dt.date(2026, 5, 14),
            start_time=dt.time(20, 0),
            tz="UTC+8",
            starts_at=dt.datetime(2026, 5, 14, 12, 0, tzinfo=UTC),
            org="Carrot",
            action_deadline=True,
            action="claim tokens",
            created=_at(11),
            updated=_at(11),
            url="https://carrot.example.com/claim?season=2&lang=en",
        ),
        Event(
            uid="devcon-2026-05-12",
            title="Builders conference, Lisbon",
            category=Category.CONFERENCE,
            start_date=dt.date(2026, 5, 12),
            end_date=dt.date(2026, 5, 14),
            created=_at(11),
            updated=_at(11),
        ),
        Event(
            uid="hackathon-2026-05-15",
            title="Hackathon (starts 10:00 Berlin)",
            category=Category.CONFERENCE,
            start_date=dt.date(2026, 5, 15),
            end_date=dt.date(2026, 5, 17),
            start_time=dt.time(10, 0),
            tz="Europe/Berlin",
            starts_at=dt.datetime(2026, 5, 15, 8, 0, tzinfo=UTC),
            created=_at(11),
            updated=_at(11),
        ),
        Event(
            uid="token-unlock-week-2026-05-18",
            title="ABC token unlock",
            category=Category.UNLOCK,
            start_date=dt.date(2026, 5, 18),
            end_date=dt.date(2026, 5, 24),
            precision=Precision.WEEK,
            org="ABC",
            created=_at(11),
            updated=_at(11),
        ),
        Event(
            uid="mainnet-upgrade-2026-06",
            title="Mainnet upgrade",
            category=Category.UPGRADE,
            start_date=dt.date(2026, 6, 1),
            precision=Precision.MONTH,
            created=_at(11),
            updated=_at(11),
        ),
        Event(
            uid="exchange-export-q3-2026",
            title="Exchange closes its app",
            category=Category.SHUTDOWN,
            start_date=dt.date(2026, 7, 1),
            precision=Precision.QUARTER,
            action_deadline=True,
            action="export data",
            created=_at(11),
            updated=_at(11),
        ),
        Event(
            uid="listing-cancelled-2026-05-13",
            title="XYZ listing",
            category=Category.LISTING,
            start_date=dt.date(2026, 5, 13),
            status=Status.CANCELLED,
            sequence=2,
            created=_at(11),
            updated=_at(13, 7),
        ),
        Event(
            uid="launch-tentative-2026-05-20",
            title="Wallet v2 launch",
            category=Category.LAUNCH,
            start_date=dt.date(2026, 5, 20),
            status=Status.TENTATIVE,
            disputed=True,
            created=_at(11),
            updated=_at(11),
        ),
        Event(
            uid="regulation-zh-2026-05-15",
            title="香港稳定币条例生效",
            category=Category.REGULATION,
            start_date=dt.date(2026, 5, 15),
            org="香港金管局",
            description="稳定币发行人须持牌。",
            created=_at(11),
            updated=_at(11),
            sources=(SourceRef("seeds/2026-05-11-zh.md", evidence="5月15日，香港稳定币条例正式生效。"),),
        ),
        Event(
            uid="hostile-2026-05-19",
            title=HOSTILE_TITLE,
            category=Category.OTHER,
            start_date=dt.date(2026, 5, 19),
            org="Org; with, punctuation\\",
            description=("Line one\r\nEND:VCALENDAR\rBEGIN:VCALENDAR\n; , \\ \U0001f600 " * 200),
            created=_at(11),
            updated=_at(11),
            url="https://evil.example.com/x\r\nBEGIN:VEVENT",
            sources=(SourceRef("javascript:alert(1)", evidence="END:VEVENT\r\nBEGIN:VEVENT"),),
        ),
    ]


def by_uid() -> dict[str, Event]:
    return {e.uid: e for e in events()}
