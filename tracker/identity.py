"""What makes two reports the same event, and what a new report does to a stored one. Pure.

An event's identity is what it *is*: its organisation, its kind and its subject words, anchored on
the day it was first reported for. Wording does not matter ("Base Azul mainnet activation",
"Launch of the Azul update on the mainnet of Base" and "Base 的 Azul 升级" share the subject
``azul``); two different releases on one day stay apart because their subjects differ
(``cpi`` against ``retail sale``).

Which report wins is decided by *authority*: a source's publication day, or its ingest time when
it has none. Newer news moves an event (same UID, sequence + 1, history kept); older news never
rolls it back; two reports with the same authority that disagree mark the event disputed.
Manual events (``tracker add/edit/cancel``) ignore extraction until handed back.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace

from tracker.models import COARSE_PRECISIONS, Category, Event, Extracted, Precision, Status

# --- values -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """What one source said about an event."""

    source_id: int
    location: str
    published: dt.date | None
    authority: dt.datetime
    title: str
    evidence: str
    date: dt.date | None
    time: dt.time | None
    tz: str | None
    status: Status
    precision: Precision


@dataclass(frozen=True)
class Stored:
    """A stored event with what matching needs: its keys, authority and claims."""

    event: Event
    org_key: str
    subject_key: str
    authority: dt.datetime | None
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True)
class Change:
    """One entry of an event's history (and of ``tracker changes``)."""

    uid: str
    title: str
    # added, moved, refined, cancelled, tentative, confirmed, disputed, resolved, edited, manual, auto
    kind: str
    changed_at: dt.datetime
    old_date: dt.date | None = None
    old_time: dt.time | None = None
    old_status: Status | None = None
    new_date: dt.date | None = None
    new_time: dt.time | None = None
    new_status: Status | None = None
    source: str | None = None  # location of the source behind it; None for the user's own changes
    published: dt.date | None = None
    note: str = ""

    def to_json(self) -> dict[str, object]:
        def day(d: dt.date | None) -> str | None:
            return d.isoformat() if d else None

        def hm(t: dt.time | None) -> str | None:
            return t.strftime("%H:%M") if t else None

        return {
            "uid": self.uid,
            "title": self.title,
            "kind": self.kind,
            "changed_at": self.changed_at.isoformat(),
            "old": {"date": day(self.old_date), "time": hm(self.old_time), "status": self.old_status},
            "new": {"date": day(self.new_date), "time": hm(self.new_time), "status": self.new_status},
            "source": self.source,
            "published": day(self.published),
            "note": self.note,
        }


@dataclass(frozen=True)
class Schedule:
    """When and whether: the part of an event a report can change."""

    date: dt.date
    time: dt.time | None
    tz: str | None
    starts_at: dt.datetime | None
    end_date: dt.date | None
    precision: Precision
    status: Status

    @classmethod
    def of(cls, event: Event) -> Schedule:
        return cls(
            event.start_date, event.start_time, event.tz, event.starts_at,
            event.end_date, event.precision, event.status,
        )  # fmt: skip

    def same_when(self, other: Schedule) -> bool:
        if self.date != other.date or self.end_date != other.end_date:
            return False
        if self.starts_at and other.starts_at:
            return self.starts_at == other.starts_at
        return self.time == other.time


@dataclass(frozen=True)
class Decision:
    """What to do with a report matched to a stored event."""

    outcome: str  # "merged" (source attached, nothing changed) or "updated"
    event: Event  # the event after the report (unchanged for "merged")
    kind: str = ""  # history kind when updated
    authority: dt.datetime | None = None
    note: str = ""


# --- words ----------------------------------------------------------------------------------------

PHRASES = {
    "consumer price index": "cpi",
    "producer price index": "ppi",
    "personal consumption expenditures": "pce",
    "non farm payrolls": "nfp",
    "nonfarm payrolls": "nfp",
    "non-farm payrolls": "nfp",
    "federal open market committee": "fomc",
    "gross domestic product": "gdp",
    "token generation event": "tge",
    "initial coin offering": "ico",
    "jobless claims": "jobless claim",
    "hard fork": "upgrade",
    "united states": "us",
    "u.s.": "us",
}
CJK_TERMS = {
    "消费者物价指数": "cpi", "生产者物价指数": "ppi", "零售销售": "retail sale", "非农": "nfp",
    "初请失业金": "jobless claim", "失业率": "unemployment", "利率决议": "rate decision",
    "议息会议": "fomc", "美联储": "fed", "美国": "us", "升级": "upgrade", "硬分叉": "upgrade",
    "主网": "mainnet", "测试网": "testnet", "上线": "launch", "启动": "launch", "激活": "activation",
    "关闭": "shutdown", "停运": "shutdown", "下线": "shutdown", "停止": "shutdown", "迁移": "migration",
    "解锁": "unlock", "投票": "vote", "听证": "hearing", "提款": "withdraw", "提现": "withdraw",
    "截止": "deadline", "发布": "release", "公布": "release", "数据": "data", "会议": "meeting",
    "空投": "airdrop", "上市": "listing", "下架": "delisting", "期货": "futures", "的": "", "将": "",
}  # fmt: skip
# Words that say what kind of thing happens, not which thing: they never tell two events apart.
GENERIC = frozenset(
    """a an the of on in at to for and or by with from as is be will its it this that new first
    begin start scheduled officially set go goes live expected planned network protocol chain
    upgrade update launch release data report activation activate mainnet testnet migration migrate
    shutdown close closure wind down unlock listing list vote voting hearing meeting event deadline
    final day week month year quarter annual weekly monthly time utc et gmt independent its
    jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july
    august september october november december monday tuesday wednesday thursday friday saturday
    sunday us our their users user shut full fully completely wind cease ceasing sunset closing
    operation service support end ending stop halt halted will mark officially goe going has have
    had also about are was were been being bring good into onto over under after before around
    approximately which who what when where while than then there these those such some all any
    both each more most other only own same so too very can could should would might must shall do
    doe did not no nor out up off again further once here how why per via amid including say said
    plan announced announce due according about approx nearly roughly rescheduled reschedule
    originally initially previously postponed postpone delayed delay moved move cancelled canceled
    called hold held pushed back indefinitely now instead later earlier than publish published urged
    urge winding ceasing moving brings activates activated starting beginning take place""".split()
)
EXCLUSIVE = (frozenset({"mainnet"}), frozenset({"testnet"}))
ORG_SUFFIXES = ("inc", "labs", "lab", "foundation", "network", "protocol", "exchange", "dao", "ltd", "llc")
_WORD = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]+")
_CJK = re.compile(r"[\u3400-\u9fff]")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    for phrase, token in PHRASES.items():
        text = text.replace(phrase, f" {token} ")
    for term in sorted(CJK_TERMS, key=len, reverse=True):
        text = text.replace(term, f" {CJK_TERMS[term]} ")
    return text


def _stem(word: str) -> str:
    if _CJK.match(word) or word.isdigit():
        return word
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Lower-cased, stemmed words of ``text`` in order (Chinese terms mapped to English)."""
    return [_stem(w) for w in _WORD.findall(_fold(text))]


def org_key(org: str | None) -> str:
    """'Base Network' -> 'base'; 'U.S. Bureau of Labor Statistics' -> 'us bureau labor statistic'."""
    if not org:
        return ""
    kept = [w for w in words(org) if w not in {"the", "of", "and"}]
    while len(kept) > 1 and kept[-1] in ORG_SUFFIXES:
        kept.pop()
    return " ".join(kept)


def subject(title: str, org: str | None) -> frozenset[str]:
    """The words that say *which* event this is: title words minus the organisation and kind."""
    own = set(org_key(org).split())
    return frozenset(
        w for w in words(title) if w not in GENERIC and w not in own and not w.isdigit() and len(w) > 1
    )


def marks(title: str) -> frozenset[str]:
    """Words that, when two titles differ on them, make two events different (mainnet/testnet)."""
    found = set(words(title))
    return frozenset(w for pair in EXCLUSIVE for w in pair if w in found)


def subject_key(title: str, org: str | None) -> str:
    """What the store keeps for matching: subject words, a '|' and the exclusive marks."""
    return " ".join(sorted(subject(title, org))) + "|" + " ".join(sorted(marks(title)))


def _split_key(key: str) -> tuple[frozenset[str], frozenset[str]]:
    subj, _, mark = key.partition("|")
    return frozenset(subj.split()), frozenset(mark.split())


# --- matching -------------------------------------------------------------------------------------

NEAR = dt.timedelta(days=1)  # a zone shift or a "late Wednesday / early Thursday" report
RESCHEDULE = dt.timedelta(days=120)  # how far a one-off event may move and still be the same one
RECURRING = frozenset({Category.MACRO, Category.UNLOCK, Category.CONFERENCE})  # every month/week


def window(day: dt.date, precision: Precision, end: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The days a date of some precision stands for ('late May' -> the whole of May)."""
    if precision == Precision.WEEK:
        last = day + dt.timedelta(days=6)
    elif precision == Precision.MONTH:
        last = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    elif precision == Precision.QUARTER:
        q_end = ((day.month - 1) // 3) * 3 + 3
        last = dt.date(day.year, q_end, calendar.monthrange(day.year, q_end)[1])
    else:
        last = day
    return day, max(last, end or last)


def search_window(report: Extracted, authority: dt.datetime) -> tuple[dt.date, dt.date]:
    """The stored events worth comparing a report with have a start date in this range."""
    if report.date is None:
        anchor = authority.date()
        return anchor - RESCHEDULE, anchor + dt.timedelta(days=400)
    first, last = window(report.date, report.precision, report.end_date)
    lo = min(first, report.previous_date or first) - RESCHEDULE
    hi = max(last, report.previous_date or last) + RESCHEDULE
    return lo - dt.timedelta(days=92), hi  # a stored quarter/month window may start earlier


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap of subject words: 1.0 when one subject contains the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _org_compatible(report: Extracted, stored: Stored) -> bool:
    mine = org_key(report.org)
    if not mine or not stored.org_key:
        return True
    if mine == stored.org_key or mine in stored.org_key or stored.org_key in mine:
        return True
    # One side names the other's organisation in its title ("Base's Azul", org "Coinbase L2")
    return set(mine.split()) <= set(words(stored.event.title)) or set(stored.org_key.split()) <= set(
        words(report.title)
    )


def _date_fit(report: Extracted, event: Event) -> str:
    """'near', 'inside' (a coarse date contains the other), 'previous', 'far' or 'no'."""
    if report.date is None:
        return "far"
    if report.previous_date is not None and report.previous_date == event.start_date:
        return "previous"
    lo_e, hi_e = window(event.start_date, event.precision, event.end_date)
    lo_r, hi_r = window(report.date, report.precision, report.end_date)
    if (
        lo_r - NEAR <= hi_e
        and lo_e - NEAR <= hi_r
        and (
            abs(report.date - event.start_date) <= NEAR
            or event.precision in COARSE_PRECISIONS
            or report.precision in COARSE_PRECISIONS
        )
    ):
        return "near" if abs(report.date - event.start_date) <= NEAR else "inside"
    if abs(report.date - event.start_date) <= RESCHEDULE:
        return "far"
    return "no"


def score(report: Extracted, stored: Stored) -> float:
    """How well a report matches a stored event; 0 means 'a different event'."""
    event = stored.event
    if not _org_compatible(report, stored):
        return 0.0
    # Neither organisation's name tells two events apart (extraction may put it in org or title).
    orgs = set(org_key(report.org).split()) | set(stored.org_key.split())
    subj, mark = subject(report.title, report.org) - orgs, marks(report.title)
    stored_subj, stored_mark = _split_key(stored.subject_key)
    stored_subj = stored_subj - orgs
    if mark and stored_mark and mark != stored_mark:
        return 0.0
    sim = similarity(subj, stored_subj)
    same_kind = report.category == event.category
    fit = _date_fit(report, event)
    if fit == "no":
        return 0.0
    recurring = report.category in RECURRING or event.category in RECURRING
    if not subj or not stored_subj:  # the titles say little beyond organisation and kind
        both_orgs = bool(org_key(report.org)) and bool(stored.org_key)
        if fit in {"near", "previous"}:
            return 0.5 if both_orgs and same_kind else 0.0
        whole = similarity(subject(report.title, None), subject(event.title, None))
        return 0.3 if same_kind and not recurring and report.date is not None and whole >= 0.99 else 0.0
    needed = 0.5 if same_kind else 0.99
    if fit == "previous":  # the report names the stored day as the one it replaces
        needed = 0.01
    if sim < needed:
        return 0.0
    if fit == "far":
        if recurring or report.status == Status.CONFIRMED and report.date is None:
            return 0.0
        if report.date is not None and sim < 0.99:
            return 0.0
        return 0.4 * sim
    return sim + (0.2 if same_kind else 0.0) + (0.1 if fit in {"near", "previous"} else 0.0)


def best_match(report: Extracted, candidates: list[Stored], source_id: int) -> Stored | None:
    """The stored event this report is about, or None when it is a new event.

    A source never reschedules itself: an event this same source already reported for another
    day is a different event (two sessions of one conference, two unlocks of one token).
    """
    best: tuple[float, str] | None = None
    chosen: Stored | None = None
    for stored in candidates:
        if any(c.source_id == source_id and c.date != report.date for c in stored.claims):
            continue
        value = score(report, stored)
        if report.date is not None:
            value -= abs((report.date - stored.event.start_date).days) / 10_000
        if value > 0 and (best is None or (value, stored.event.uid) > best):
            best, chosen = (value, stored.event.uid), stored
    return chosen


# --- identity -------------------------------------------------------------------------------------


def derive_uid(title: str, org: str | None, category: Category, day: dt.date) -> str:
    """'20260513-base-azul-upgrade': anchor day, organisation, subject words, kind (ASCII)."""
    parts = org_key(org).split()[:3]
    own = [w for w in words(title) if w not in GENERIC and w not in parts and w.isascii() and not w.isdigit()]
    parts += list(dict.fromkeys(own))[:3]
    slug = "-".join(p for p in parts if p.isascii())
    if not slug:  # a title with no ASCII words (Chinese only): a short stable hash of it
        slug = hashlib.sha1(" ".join(words(title)).encode()).hexdigest()[:10]
    return f"{day:%Y%m%d}-{slug[:60].strip('-')}-{category}"


def unique_uid(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


# --- change ---------------------------------------------------------------------------------------


def decide(
    stored: Stored, new: Schedule, report: Extracted, authority: dt.datetime, now: dt.datetime
) -> Decision:
    """Apply one matched report to a stored event (see the module docstring for the rules)."""
    event = stored.event
    old = Schedule.of(event)
    enriched = _enrich(event, report)
    if event.manual:
        return Decision("merged", event, note="manual event: extraction does not change it")
    if _coarser(new, old) and new.status == old.status:
        new = replace(new, date=old.date, time=old.time, tz=old.tz, starts_at=old.starts_at,
                      end_date=old.end_date, precision=old.precision)  # fmt: skip
    if new.same_when(old) and new.status == old.status:
        if stored.authority is not None and authority > stored.authority and event.disputed:
            return _updated(event, new, "resolved", authority, now, disputed=False)
        if enriched != event:
            return _updated(
                enriched, new, "details", stored.authority or authority, now, disputed=event.disputed
            )
        return Decision("merged", event)
    if stored.authority is None or authority > stored.authority:
        return _updated(enriched, new, _kind(old, new), authority, now, disputed=False)
    if authority < stored.authority:
        return Decision("merged", event, note="older report: the newer date stands")
    if event.disputed and any(c.date == new.date and c.time == new.time for c in stored.claims):
        return Decision("merged", event)
    disputed = replace(event, disputed=True, sequence=event.sequence + 1, updated=now)
    return Decision("updated", disputed, kind="disputed", authority=stored.authority,
                    note="sources published at the same time disagree")  # fmt: skip


def _coarser(new: Schedule, old: Schedule) -> bool:
    order = list(Precision)
    if order.index(new.precision) <= order.index(old.precision):
        return False
    lo, hi = window(new.date, new.precision, new.end_date)
    return lo <= old.date <= hi


def _kind(old: Schedule, new: Schedule) -> str:
    if new.status != old.status and new.status != Status.CONFIRMED:
        return str(new.status)
    if new.same_when(old):
        return "confirmed"
    order = list(Precision)
    lo, hi = window(old.date, old.precision, old.end_date)
    if order.index(new.precision) < order.index(old.precision) and lo <= new.date <= hi:
        return "refined"
    return "moved"


def _updated(event: Event, new: Schedule, kind: str, authority: dt.datetime, now: dt.datetime,
             *, disputed: bool) -> Decision:  # fmt: skip
    changed = replace(
        event,
        start_date=new.date, start_time=new.time, tz=new.tz, starts_at=new.starts_at,
        end_date=new.end_date, precision=new.precision, status=new.status,
        disputed=disputed, sequence=event.sequence + 1, updated=now,
    )  # fmt: skip
    return Decision("updated", changed, kind=kind, authority=authority)


def _enrich(event: Event, report: Extracted) -> Event:
    """Details a later report adds without contradicting anything (organisation, the action)."""
    if event.manual:
        return event
    org = event.org or report.org
    deadline = event.action_deadline or report.action_deadline
    action = event.action or report.action
    return replace(event, org=org, action_deadline=deadline, action=action)
