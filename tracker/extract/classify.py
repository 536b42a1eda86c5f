"""Category and user action of an event from its words. Pure.

Public (stable names):

- ``classify(text)``          -> Category, from the English keyword table ``CATEGORY_RULES``
- ``match_category(text)``    -> Category, or None when no keyword of any category occurs
- ``user_action(text)``       -> "withdraw assets" / "export data" / "migrate/swap tokens" /
  "claim" / "unstake" / None: what the text tells users to do
- ``deadline_action(text, category)`` -> (action_deadline, action) for an event of that category
- ``holds_user_assets(text)`` -> True when a shutdown concerns a service that holds users' assets
  or data (a protocol, chain, exchange, wallet, app...): its date is an action deadline
- ``CATEGORY_RULES``         -> ordered (Category, compiled pattern); first match wins. Another
  language can keep its own table and call ``classify_with(rules, text)``.
"""

from __future__ import annotations

import functools
import re

from tracker.models import Category


def _rx(words: str) -> re.Pattern[str]:
    """Compile an alternation, with the leading word boundary of its branches checked only once
    (``\\ba|\\bb`` -> ``\\b(?:a|b)``: several times faster on long text)."""
    branches = _top_level_branches(words)
    bounded = [b[2:] for b in branches if b.startswith("\\b")]
    others = [b for b in branches if not b.startswith("\\b")]
    parts = ([r"\b(?:" + "|".join(bounded) + ")"] if bounded else []) + others
    return re.compile("|".join(parts), re.IGNORECASE)


def _top_level_branches(pattern: str) -> list[str]:
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


# Order matters: the first rule whose pattern occurs in the text decides.
CATEGORY_RULES: list[tuple[Category, re.Pattern[str]]] = [
    (
        Category.OTHER,
        _rx(
            r"\b(?:government|federal|us|u\.s\.)\s+shutdown|\bshutdown (?:threat|deadline)\b"
            r"|\bairdrop|\bhalving|\bbuyback|\banniversary|\belections?\b|\bG7\b|\bG20\b"
            r"|\bleaders['’] summit|\binauguration|\b(?:quarterly|q[1-4]) (?:earnings|results)"
            r"|\breports? (?:its )?(?:quarterly )?(?:earnings"
            r"|results)|\bwitching\b|\boptions (?:and futures )?expir"
            r"|\bexpiry\b|\bmarkets? (?:closed|shut|holiday)|\bmkts shut"
            r"|\bclosed for\b|\b(?:market|bank|public) holiday\b"
            r"|\bDAO\b[^.;]{0,40}\b(?:vote|voting|proposal)|\b(?:vote|voting)\b[^.;]{0,40}\bDAO\b"
        ),
    ),
    (
        Category.DEADLINE,
        _rx(
            r"\bwithdraw\w*\b[^.;]{0,80}\b(?:not be (?:supported|possible|available|processed)"
            r"|no longer (?:be )?(?:supported|available|possible)|will (?:close|end|stop|be disabled)"
            r"|(?:close|closes|end|ends|stop|stops|cease|ceases)\b)|\bdeadline\s*:"
            r"|\b(?:withdraw\w*|export|redeem|claim|swap|return assets|unstake)\b[^.;]{0,80}"
            r"\b(?:before|by|until|no later than)\b[^.;]{0,40}\b(?:deadline|\d)"
            r"|\b(?:final|last) day to (?:withdraw|claim|export|swap)"
            r"|\b(?:final|last) day\b[^.;]{0,50}\b(?:can|to|may)\s+(?:still\s+)?(?:withdraw|claim|export|swap"
            r"|bridge|migrate|redeem|unstake|move)\b"
        ),
    ),
    (Category.LISTING, _rx(r"\bdelist\w*|\bremov\w+ (?:the )?\S+ (?:spot )?trading pairs?")),
    (
        Category.SHUTDOWN,
        _rx(
            r"\bshut(?:s|ting)? down\b|\bshutdown\b|\bwind(?:s|ing)? down\b|\bwinding down\b"
            r"|\bsunset\w*|\bcease[sd]?\b|\bceasing\b|\bdiscontinu\w+|\bclosure\b"
            r"|\bclos(?:e|es|ing)\s+(?:down|its|their|permanently|for good|operations)"
            r"|\bstop(?:s|ping)? accepting\b|\bno longer accept"
            r"|\bstops? (?:working|operating)|\bend(?:s|ing)? support\b"
            r"|\bdeprecat\w+|\bdecommission\w*|\bgo(?:es"
            r"|ing)? offline|\bwithdraw(?:al)?-only|\bread-only mode|\bgo(?:es)? read-only"
        ),
    ),
    (
        Category.LISTING,
        _rx(
            r"\bdelist\w*|\blist(?:s|ed|ing)?\b(?! of)|\bfutures trading\b|\bperpetual\w*"
            r"|\bspot trading\b|\btrading pairs?\b"
        ),
    ),
    (
        Category.MACRO,
        _rx(
            r"\bfomc\b|\bfed\b|\bfederal reserve\b|\bcentral bank|\becb\b|\bboj\b|\bbank of \w+"
            r"|\brate decision|\bmonetary policy|\bgovernor\b|\bpowell\b|\blagarde\b"
        ),
    ),
    (
        Category.REGULATION,
        _rx(
            r"\bsec\b|\bcftc\b|\bsenate\b|\bhouse\b|\bcongress\w*|\bcommittee\b|\bhearing"
            r"|\bvot(?:e|es|ing)\b|\bbill\b|\bact\b|\blegislat\w+|\bregulat\w+|\bcourt\b"
            r"|\btrial\b|\bsentenc\w+|\bruling\b|\bconsultation|\betf (?:decision|deadline)"
            r"|\bapproval\b|\blawsuit|\bMiCA\b|\btransition(?:al)? (?:period|regime)"
        ),
    ),
    (
        Category.CONFERENCE,
        _rx(
            r"\bsummit\b|\bconference\b(?<!press conference)(?! board)|\b(?:EthCC|Devcon\w*"
            r"|Token ?2049|ETHDenver|Breakpoint|Permissionless)\b"
            r"|\b(?:Consensus|Bitcoin|Blockchain Week) \d{4}\b"
            r"|\bannual meetings?\b|\bforum\b|\bexpo\b|\bhackathon"
            r"|\bconvention\b|\bmeetup\b|\bfestival\b|\bWWDC\b|\bkeynote\b|\bkicks? off\b"
            r"|\bweek\b(?= \d|\s*—)|\b(?-i:ETH[A-Z][a-z]+)"
        ),
    ),
    (
        Category.UNLOCK,
        _rx(
            r"\bunlock\w*|\bvesting\b"
            r"|\b(?:release|releases|releasing)\b[^.;]{0,60}\btokens\b"
            r"|\breleas\w*\b[^;]{0,30}?\d[\d.,]*\s*(?:million|billion|[mbk])?\s+(?-i:[A-Z]{2,})\b"
        ),
    ),
    (Category.MIGRATION, _rx(r"\bmigrat\w+|\btoken swap\b|\brebrand\w*|\bredenominat\w+")),
    (
        Category.UPGRADE,
        _rx(
            r"\bupgrade\w*|\bmaintenance\b|\bhard fork|\bfork\b|\bactivation\b"
            r"|\bactivate[sd]?\b|\bnetwork update"
        ),
    ),
    # A deposit suspension is part of a delisting, unless it is for an upgrade (matched above).
    (
        Category.LISTING,
        _rx(r"\bsuspend\w* deposits|\bdeposits?\b[^.;]{0,60}\b(?:suspend|not be credited|disabled)"),
    ),
    (
        Category.LAUNCH,
        _rx(
            r"\bmainnet\b|\btestnet\b|\blaunch\w*|\bgo(?:es)? live\b|\bdebut\w*|\bgenesis\b"
            r"|\bintroduc\w+|\brollout\b"
        ),
    ),
    (
        Category.MACRO,
        _rx(
            r"\bcpi\b|\bppi\b|\bgdp\b|\bpmi\b|\bism\b|\badp\b|\bjolts\b|\bpayrolls?\b|\bnfp\b"
            r"|\bjobless\b|\bunemployment\b|\binflation\b|\bretail sales\b"
            r"|\bindustrial production|\bsentiment\b|\bconfidence\b|\binventor(?:y|ies)\b"
            r"|\bimf\b|\beconomic\b|\bbeige book"
            r"|\bearnings\b|\bwholesale\b|\blabou?r cost|\bmanufacturing\b|\bprices\b|\bopec\b"
            r"|\binterest rate|\bspeech\b|\bspeaks?\b|\bremarks\b|\btestimony\b|\bminutes\b"
            r"|\bhicp\b|\bhome sales\b|\bhousing starts\b|\bbuilding permits\b|\bdurable goods\b"
            r"|\bleading (?:economic )?(?:index|indicators?)\b|\btrade balance\b|\bcurrent account\b"
        ),
    ),
]

_ACTIONS: list[tuple[str, re.Pattern[str]]] = [
    ("export data", _rx(r"\bexport\w*\b|\bdownload (?:your |their )?data\b|\bback up\b|\bbackup\b")),
    (
        "migrate/swap tokens",
        _rx(
            r"\bswap\b|\bmigrate (?:your |their )?tokens"
            r"|\bconvert (?:your |their )?tokens|\btoken (?:swap|migration)"
        ),
    ),
    ("unstake", _rx(r"\bunstake|\bundelegate")),
    ("claim", _rx(r"\bclaim (?:your |their )?\w+|\bclaims? (?:portal|window|deadline)")),
    (
        "withdraw assets",
        _rx(
            r"\bwithdraw\w*|\bredeem\w*|\breturn assets|\bmove (?:your |their )?funds"
            r"|\bbridge (?:\w+ )?(?:back|out)"
        ),
    ),
]
OBLIGATION = re.compile(
    r"\b(?:before|by|until|deadline|must|should|needs? to"
    r"|urged|asked|advised|reminded|closes|ends|last day)\b",
    re.I,
)
# A wind-down step that leaves withdrawals working is not the day users must act by.
_STILL_OPEN = _rx(r"\bwithdraw(?:al)?s?-only|\bread-only|\bwithdrawals? (?:keep|remain|stay|continue)")
_HOLDS_ASSETS = _rx(
    r"\bprotocol\b|\bchain\b|\bblockchain\b|\bnetwork\b|\bexchange\b|\bwallet\b|\bdefi\b|\bdex\b|\bvault"
    r"|\blending\b|\bbridg\w+|\blayer[ -]?2\b|\bl2\b|\brollup|\bplatform\b|\bapp\b|\bservice\b|\bmail\b"
    r"|\bstaking\b|\bwithdraw\w*|\bexport\w*|\bfunds\b|\bassets\b|\binfrastructure\b"
)


# A service whose users keep writing or files there, not funds: what they must save is their data.
_HOLDS_DATA = _rx(
    r"\b(?:posts?|articles?|newsletters?|blog\w*|notes|files|photos|documents|messages|mail|inbox"
    r"|writing|publishing)\b"
)


def classify_with(rules: list[tuple[Category, re.Pattern[str]]], text: str) -> Category:
    for category, pattern in rules:
        if pattern.search(text):
            return category
    return Category.OTHER


def classify(text: str) -> Category:
    """The category of an English event description (Category.OTHER when nothing matches)."""
    return classify_with(CATEGORY_RULES, text)


@functools.lru_cache(maxsize=4096)
def match_category(text: str) -> Category | None:
    """Like ``classify`` but None when no keyword matches (the text names no kind of event)."""
    for category, pattern in CATEGORY_RULES:
        if pattern.search(text):
            return category
    return None


@functools.lru_cache(maxsize=4096)
def user_action(text: str) -> str | None:
    """What the text tells users to do before a date, if anything."""
    for action, pattern in _ACTIONS:
        if pattern.search(text):
            return action
    return None


def holds_user_assets(text: str) -> bool:
    return bool(_HOLDS_ASSETS.search(text))


def deadline_action(text: str, category: Category) -> tuple[bool, str | None]:
    """Whether users must act by the event's date, and how."""
    action = user_action(text)
    if category == Category.DEADLINE:
        return True, action or "withdraw assets"
    if category == Category.SHUTDOWN and holds_user_assets(text) and not _STILL_OPEN.search(text):
        return True, action or ("export data" if _HOLDS_DATA.search(text) else "withdraw assets")
    if action and OBLIGATION.search(text):
        return True, action
    return False, None
