"""Titles and organisations from English event sentences. Pure.

Public:

- ``guess_org(text)``            -> the organisation a sentence is about, or None
- ``make_title(text, cut)``      -> a short title: the sentence without its date/time phrases,
  made concise (``concise``): no discourse opener or descriptor before the name, "will shut down"
  -> "shuts down", no trailing purpose clause, at most 80 characters; table rows keep named cells
- ``concise(title)``             -> that last step alone
- ``release_title(text, start, end, cut, others)`` -> the title of one release among several
- ``blank_out(text, cut)``       -> ``text`` with the ``cut`` spans replaced by spaces
"""

from __future__ import annotations

import functools
import re

_CONNECTOR = re.compile(
    r"^(?:(?:in other news|additionally|in addition|separately"
    r"|finally|meanwhile|also|however|moreover|while|whereas|"
    r"but|and|since|"
    r"furthermore|later|then|next|elsewhere|on the crypto front|in the crypto world|as for|following this"
    r"|on|at|by|from|this|next|that|the same day|later that day)\b[,:]?\s*)+",
    re.IGNORECASE,
)
_VERB = re.compile(
    r"\s(?:will|is|are|was|has|have|plans?|sees|to|set to|shall|would|begins?|starts?|launch(?:es)?"
    r"|release[sd]?|publish(?:es)?|announce[sd]?|hosts?|holds?|speaks?|spoke|delists?|lists?|shuts?"
    r"|winds?|urges?|must)\b"
)
_CAP_PHRASE = re.compile(
    r"(?:[A-Z][\w.&'’+-]*|[0-9][\w-]*[A-Za-z])(?:\s+(?:(?:of"
    r"|de|do|for|and|&)\s+)?(?:[A-Z][\w.&'’+-]*|[0-9]+))*"
)
_NOT_ORG = frozenset(
    """The A An On In At This That These Those Users User Holders Investors It Its Additionally Finally
    Separately Meanwhile Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
    March April May June July August September October November December Q1 Q2 Q3 Q4 UTC GMT ET
    AM PM Today Tonight Tomorrow Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
    Key Several Multiple Two Three Approximately About Around Over Later
    Following As""".split()
)
_ZONE_WORDS = re.compile(
    r"\(?\b(?:UTC|GMT)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?(?![\w+])|\b(?:ET|EST|EDT)\b"
    r"|\b(?:CET|CEST|BST|JST|KST|HKT|SGT|MSK|PT|PST|PDT|CT|CST|CDT)\b"
    r"|\b(?:Beijing|Hong Kong|Singapore|Kyiv|Kiev|Moscow|London|New York|Tokyo|Seoul|UK) time\b"
)
_DANGLING = re.compile(r"\s+(?:at|on|by|from|for|until|before|after|is|are|of)\s*(?=[,.;:)]|$)", re.I)
_LABEL = re.compile(
    r"^\s*(?:crypto|macro|token unlocks?|unlocks?|earnings|events?|defi|nfts?|regulation|policy|conferences?"
    r"|listings?|delistings?|upgrades?|governance|data|other)\s*:\s*",
    re.I,
)
_APPOSITIVE = re.compile(r",[^,]{2,80},|\([^()]{0,60}\)")
_FIGURE = re.compile(r"[-+]?[$€£¥]?\d[\d.,]*\s*(?:%|[kKmMbBtT]\b|bps\b|bp\b)?")
_POSSESSIVE = re.compile(r"['’]s\b")


def _clean_phrase(phrase: str) -> str | None:
    words = phrase.replace("’", "'").split()
    while words and words[0] in _NOT_ORG:
        words.pop(0)
    name = " ".join(words).strip(" ,.'\"“”")
    name = _POSSESSIVE.sub("", name).strip()
    if not name or name in _NOT_ORG or re.fullmatch(r"[\d\s:/.-]+", name):
        return None
    return name


@functools.lru_cache(maxsize=4096)
def guess_org(text: str) -> str | None:
    """The proper name just before the sentence's verb ("... protocol Carrot will shut down" -> Carrot),
    else its first proper name."""
    body = _CONNECTOR.sub("", _LABEL.sub("", text.strip()))
    verb = _VERB.search(body)
    subject = _APPOSITIVE.sub(" ", body[: verb.start()]) if verb else ""
    phrases = [p for p in (_clean_phrase(m.group(0)) for m in _CAP_PHRASE.finditer(subject)) if p]
    if phrases:
        return phrases[-1]
    for m in _CAP_PHRASE.finditer(body):
        name = _clean_phrase(m.group(0))
        if name:
            return name
    return None


def make_title(text: str, cut: list[tuple[int, int]]) -> str:
    """``text`` without the spans in ``cut`` (dates, times), leading connectors and filler, <= 100 chars."""
    return _make_title(text, tuple(sorted(cut)))


@functools.lru_cache(maxsize=4096)
def _make_title(text: str, cut: tuple[tuple[int, int], ...]) -> str:
    kept, pos = [], 0
    for start, end in sorted(cut):
        if start >= pos:
            kept.append(text[pos:start])
            pos = end
    kept.append(text[pos:])
    joined = " ".join(kept)
    if "|" in joined:  # a table row: the cells that name something, not dates, times or figures
        cells = [c.strip() for c in joined.split("|")]
        named = [c for c in cells if re.search(r"[^\W\d_]{2}", _FIGURE.sub("", c))]
        joined = " — ".join(named) if named else joined
    title = _ZONE_WORDS.sub(" ", re.sub(r"\s*\|\s*", " ", joined))
    title = re.sub(r"\(\s*\)", "", re.sub(r"\s+", " ", title))
    for _ in range(3):  # "goes live on Base on [Friday] at [16:00 UTC]." loses both prepositions
        title = _DANGLING.sub("", title)
    title = re.sub(r"\s+", " ", title)
    title = re.sub(r"\s+([,.;:)])", r"\1", title)
    title = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", title)
    title = re.sub(r"^[\s,.;:–—*_-]+|[\s,;:–—*_-]+$", "", title)
    title = _CONNECTOR.sub("", _LABEL.sub("", title)).strip(" ,;:–—-*_").removeprefix(")").removesuffix("(")
    title = title.lstrip("(") if title.count("(") < title.count(")") + 1 and title.startswith("(") else title
    title = re.sub(r"^(?:at|on|by)\s+[,]?\s*", "", title, flags=re.IGNORECASE)
    title = re.sub(
        r"^(?:brings|sees|marks|features|will see|will bring)\s+", "", title
    )  # "[Thursday] brings a vote"
    title = concise(re.sub(r"\(\s*\)", "", title).strip())
    return title[:1].upper() + title[1:] if title else text.strip()[:MAX_TITLE]


MAX_TITLE = 80
_DESCRIPTOR = re.compile(
    r"^(?:the\s+)?(?:[A-Z][\w.'’-]*\s+)?(?:(?:[a-z][\w-]*|L[12]|DeFi|DEX|NFT|AI|RWA)\s+){1,4}"
    r"(?=[A-Z0-9$][\w.&'’$-]*(?:\s+[A-Z0-9][\w.&'’-]*)*\s+(?:will|is|are|has|have|plans|to|shall)\b)"
)
_DESCRIPTOR_WORDS = re.compile(
    r"\b(?:protocol|blockchain|chain|platform|exchange|network|wallet|app|project|layer|rollup|lender"
    r"|lending|marketplace|bridge|dex|stablecoin|issuer|firm|company|startup|service|game|gaming|studio"
    r"|aggregator|oracle|token|mixer|provider|operator|tool|venue|market|l2|l1)\b",
    re.I,
)
_WILL = re.compile(
    r"\b(?:will|shall|is set to|are set to|is scheduled to|are scheduled to|plans to|is due to)\s+"
    r"(?P<adv>(?:also|now|then|officially|fully|formally|finally|reportedly|likely)\s+)?(?P<verb>\w+)"
    r"(?P<next>\s+\w+)?"
)
_IRREGULAR = {"be": "", "go": "goes", "do": "does", "have": "has"}
_TRAILING = re.compile(
    r"(?:,\s*|\s+)(?:which|who|as part of|in order to|so that|amid|following|after which|according to"
    r"|citing|due to|because|while|whereas|as it|as the|as users)\b.*$"
    r"|,\s*(?:with|as|after|giving|allowing|leaving|urging|asking|marking|bringing)\b.*$"
    r"|\s+to (?:allow|let|give|help|enable|ensure|make|bring|support|focus|comply|cut|reduce|lower|save"
    r"|improve|simplify|streamline|consolidate|prepare|boost|attract|expand|address|meet|protect)\b.*$",
    re.I,
)
_SET_A = re.compile(r"\s+and (?:has|have) (?:set|announced|scheduled|named|given) (?:a|an|the) ", re.I)
_DISCOURSE = re.compile(
    r"^(?:(?:in other news|additionally|in addition|separately|finally|meanwhile|also|moreover|elsewhere"
    r"|on the \w+ front|lastly|plus|notably|importantly)\b[,:]?\s*)+",
    re.I,
)


def _plain(m: re.Match[str]) -> str:
    """ "Withdrawals will remain open" -> "Withdrawals remain open" (a plural subject)."""
    adv, verb, nxt = m.group("adv") or "", m.group("verb"), m.group("next") or ""
    if verb.lower() == "be":
        participle = re.fullmatch(r"\s+\w+(?:ed|en)|\s+(?:held|set|shut|made|hit|put|cut|run)", nxt)
        return (adv + nxt.lstrip()) if participle else f"are {adv}".rstrip() + nxt
    return f"{adv}{verb}{nxt}"


def _conjugate(m: re.Match[str]) -> str:
    """ "will also speak" -> "also speaks"; "will be released" -> "released"; "will be the" -> "is the"."""
    adv, verb, nxt = m.group("adv") or "", m.group("verb"), m.group("next") or ""
    if verb.lower() == "be":
        participle = re.fullmatch(r"\s+\w+(?:ed|en)|\s+(?:held|set|shut|made|hit|put|cut|run)", nxt)
        return (adv + nxt.lstrip()) if participle else f"is {adv}".rstrip() + nxt
    return f"{adv}{_third_person(verb)}{nxt}"


def _third_person(verb: str) -> str:
    low = verb.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if re.search(r"(?:s|sh|ch|x|z|o)$", low):
        return verb + "es"
    if re.search(r"[^aeiou]y$", low):
        return verb[:-1] + "ies"
    return verb + "s"


def concise(title: str) -> str:
    """A calendar title from a sentence: no discourse opener, no "Solana lending protocol" before
    the name, "will shut down" -> "shuts down", no trailing purpose or background clause, <= 80
    characters at a word boundary. ("Solana lending protocol Carrot will shut down and has set a
    final withdrawal deadline." -> "Carrot shuts down — final withdrawal deadline")."""
    t = _DISCOURSE.sub("", title.strip())
    m = _DESCRIPTOR.match(t)
    if m and _DESCRIPTOR_WORDS.search(m.group(0)):
        t = t[m.end() :]
    t = re.sub(r",\s*(?:founded|launched|created|established|started)(?:\s+(?:in|on))?\s*,", "", t)
    t = re.sub(r"^(?:is|are)\s+(?:also\s+)?(?=the\b)", "", t)  # "[Friday] is also the last day ..."
    t = re.sub(r"^(?i:the)\s+(?=[A-Z])", "", t)
    t = re.sub(
        r"^([A-Z][^,]{0,40}),\s+(?:the|a|an)\s[^,]{3,90},\s+", r"\1 ", t
    )  # "Mirror, the ... platform,"
    t = _SET_A.sub(" — ", t)
    will = _WILL.search(t)
    if will:
        subject = t[: will.start()].rstrip()
        plural = bool(re.search(r"(?<![su'’])s$|\band\b|\b(?:they|we|users|holders)$", subject, re.I))
        t = t[: will.start()] + (_conjugate(will) if not plural else _plain(will)) + t[will.end() :]
    t = re.sub(r"\b(?:on|at)\s+(?=(?:in|at|on)\b)", "", t)  # "takes place on [date] in Hong Kong"
    t = re.sub(r"\s+", " ", t)
    cut = _TRAILING.search(t)
    if cut and cut.start() > 12:
        t = t[: cut.start()]
    t = t.strip(" ,;:–—-").rstrip(".").strip(" ,;:–—-")
    if len(t) > MAX_TITLE:
        t = t[:MAX_TITLE].rsplit(" ", 1)[0].rstrip(" ,;:–—-") + "…"
    if t.count("(") > t.count(")"):
        t = t[: t.rfind("(")].rstrip() if "(" in t else t
    return t


def blank_out(text: str, cut: list[tuple[int, int]]) -> str:
    """``text`` with the spans in ``cut`` (dates, times) replaced by spaces."""
    chars = list(text)
    for start, end in cut:
        chars[max(0, start) : max(0, end)] = " " * (max(0, end) - max(0, start))
    return "".join(chars)


_CLAUSE_SEP = re.compile(r"[,;]|:(?!\d)")


def release_title(
    span: str, start: int, end: int, cut: list[tuple[int, int]], others: tuple[int, ...] = ()
) -> str:
    """The clause of ``span`` around one release, without its dates and times. When other releases
    (their start offsets in ``others``) share the clause ("China's June CPI and PPI are published"),
    the clause's opening words and this release alone ("China's June PPI")."""
    seps = [m.end() for m in _CLAUSE_SEP.finditer(span, 0, start)]  # not the ':' of "8:30"
    left = seps[-1] if seps else 0
    rights = [i for i in (span.find(sep, end) for sep in ",;") if i >= 0]
    right = min(rights) if rights else len(span)
    shared = sorted(o for o in others if left <= o < right and o != start)
    if shared:
        first = min(shared[0], start)
        lead = span[left:first]
        pieces = [(a - left, b - left) for a, b in cut if left <= a and b <= first]
        return make_title(lead + span[start:end], pieces)
    return make_title(span[left:right], [(a - left, b - left) for a, b in cut if left <= a and b <= right])
