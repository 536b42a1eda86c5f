"""Economic releases named in English text, and who publishes them. Pure.

One line of a calendar often names several releases ("initial jobless claims, May PPI"): each
publisher's release is one event, while parts of one release stay together ("non-farm payrolls,
followed by the unemployment rate"; "FED Rate, FOMC Statement, Powell Press").

Public:

- ``find_releases(text)`` -> list[Release]: the releases in ``text``, adjacent parts of one
  publisher's release merged, each with its span and publisher
- ``country_bank(text)``  -> the central bank of the first country named, or None
- ``named_bank(text)``    -> the central bank ``text`` names explicitly, or None
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_COUNTRIES: list[tuple[str, str]] = [
    ("US", r"U\.S\.|\bUS\b|\bUSA\b|United States|\bAmerican?\b|\bUSD\b"),
    ("CN", r"\bChina\b|\bChinese\b|\bCNY\b|\bRMB\b"),
    ("EU", r"[Ee]uro ?zone|[Ee]uro area|\bEUR\b|\bEU\b"),
    ("UK", r"\bUK\b|U\.K\.|Britain|British|\bGBP\b|United Kingdom"),
    ("JP", r"\bJapan(?:ese)?\b|\bJPY\b"),
    ("CA", r"\bCanad(?:a|ian)\b|\bCAD\b"),
    ("AU", r"\bAustralian?\b|\bAUD\b"),
    ("DE", r"\bGerman[y]?\b"),
    ("SE", r"\bSwed(?:en|ish)\b|\bSEK\b"),
    ("BR", r"\bBrazil(?:ian)?\b|\bBRL\b"),
    ("CH", r"\bSwi(?:ss|tzerland)\b|\bCHF\b"),
    ("NZ", r"New Zealand|\bNZD\b"),
    ("NO", r"\bNorw(?:ay|egian)\b"),
    ("TR", r"\bTurk(?:ey|iye|ish)\b"),
    ("IN", r"\bInd(?:ia|ian)\b|\bINR\b"),
    ("KR", r"\bKorea\b|\bKRW\b"),
]
# Every country name starts at a word boundary: checking it once up front keeps the scan fast.
_COUNTRY = re.compile(
    r"\b(?:" + "|".join(f"(?P<{code}>{rx.replace(chr(92) + 'b', '', 1)})" for code, rx in _COUNTRIES) + ")"
)

_BANKS = {
    "US": "Federal Reserve",
    "CN": "People's Bank of China",
    "EU": "European Central Bank",
    "UK": "Bank of England",
    "JP": "Bank of Japan",
    "CA": "Bank of Canada",
    "AU": "Reserve Bank of Australia",
    "SE": "Sveriges Riksbank",
    "BR": "Banco Central do Brasil",
    "CH": "Swiss National Bank",
    "NZ": "Reserve Bank of New Zealand",
    "NO": "Norges Bank",
    "TR": "Central Bank of Turkey",
    "IN": "Reserve Bank of India",
    "KR": "Bank of Korea",
    "DE": "European Central Bank",
}
_STATS = {
    "US": "U.S. Bureau of Labor Statistics",
    "CN": "National Bureau of Statistics of China",
    "EU": "Eurostat",
    "UK": "UK Office for National Statistics",
    "JP": "Statistics Bureau of Japan",
    "CA": "Statistics Canada",
    "AU": "Australian Bureau of Statistics",
    "DE": "Destatis",
}
_EXPLICIT_BANK = re.compile(
    r"(?P<Federal_Reserve>\bFED\b|\bFed\b|\bFOMC\b|Federal Reserve|\bPowell\b)"
    r"|(?P<Bank_of_Canada>\bBOC\b|\bBoC\b|Bank of Canada)|(?P<Bank_of_Japan>\bBOJ\b|\bBoJ\b|Bank of Japan)"
    r"|(?P<European_Central_Bank>\bECB\b|European Central Bank|\bLagarde\b)"
    r"|(?P<Bank_of_England>\bBOE\b|\bBoE\b|Bank of England)|(?P<Reserve_Bank_of_Australia>\bRBA\b)"
    r"|(?P<Swiss_National_Bank>\bSNB\b)|(?P<Reserve_Bank_of_New_Zealand>\bRBNZ\b)"
)

# (pattern, publisher rule): a rule is a fixed name, "@stats" (national statistics office),
# "@bank" (central bank), or "@join" (part of the release before it).
_RELEASES: list[tuple[str, str]] = [
    (
        r"New York Fed[^,;.]{0,30}inflation expectations?|NY Fed[^,;.]{0,30}inflation expectations?",
        "Federal Reserve Bank of New York",
    ),
    (
        r"University of Michigan[^,;.]{0,40}|UMich[^,;.]{0,40}|consumer sentiment(?: index)?"
        r"|\d-year inflation (?:rate|expectations?)|inflation expectations?",
        "University of Michigan",
    ),
    (r"consumer confidence", "The Conference Board"),
    (r"NFIB[^,;.()]{0,40}|small business optimism(?: index)?", "NFIB"),
    (r"ZEW(?: economic)?(?: sentiment)?", "ZEW"),
    (r"ISM (?:Manufacturing|Services|Non-Manufacturing)(?: PMI)?|ISM PMI", "ISM"),
    (r"(?:(?:Manufacturing|Services|Composite) )?PMI", "S&P Global"),
    (r"ADP(?: employment| jobs| non-?farm)?(?: numbers| report| change)?", "ADP"),
    (r"JOLTS(?: job openings)?|job openings", "U.S. Bureau of Labor Statistics"),
    (r"(?:initial |continuing )?(?:jobless|unemployment) claims|initial claims", "U.S. Department of Labor"),
    (
        r"non-?farm payrolls?|\bNFP\b|unemployment rate"
        r"|average hourly earnings|jobs report|employment report",
        "@stats",
    ),
    (r"(?:core )?(?:CPI|consumer price index)|inflation (?:figures|data|rate|report)", "@stats"),
    (r"(?:core )?(?:PPI|producer price index)(?:/Core PPI)?", "@stats"),
    (r"(?:core )?PCE(?: price index)?", "U.S. Bureau of Economic Analysis"),
    (r"GDP", "@gdp"),
    (r"retail sales", "@retail"),
    (r"industrial (?:production|output)", "@industry"),
    (r"wholesale (?:sales|inventories)", "U.S. Census Bureau"),
    (
        r"durable goods(?: orders)?|factory orders|housing starts|building permits|new home sales",
        "U.S. Census Bureau",
    ),
    (r"(?:existing|pending) home sales", "National Association of Realtors"),
    (r"(?:flash )?HICP", "@stats"),
    (r"(?:import|export|foreign trade) prices", "U.S. Bureau of Labor Statistics"),
    (r"trade (?:balance|data|figures)", "@stats"),
    (r"labou?r cost(?: index| indicator)?", "@stats"),
    (
        r"(?:EIA )?(?:crude oil|oil|Cushing crude oil"
        r"|strategic petroleum reserve|natural gas) (?:inventor(?:y|ies)|stocks)"
        r"|(?:EIA )?oil inventories",
        "U.S. EIA",
    ),
    (r"(?:monthly )?(?:federal )?budget statement|Treasury budget", "U.S. Treasury"),
    (r"Beige Book|FOMC minutes|Fed minutes|minutes of the FOMC", "Federal Reserve"),
    (r"manufacturing survey|Empire State|Philly Fed|Philadelphia Fed", "Federal Reserve"),
    (
        r"(?:interest )?rate decision|monetary policy (?:decision|report|statement)s?|policy decision"
        r"|\b(?:FED|Fed|BOC|BoC|BOJ|BoJ|ECB|BOE|BoE|RBA|SNB) Rate\b|FOMC Statement",
        "@bank",
    ),
    (r"Powell Press|press conference", "@join"),
]
# Headline releases that are separate events even from one publisher ("June CPI and PPI": two).
_HEADLINE = frozenset(
    i
    for i, (rx, _) in enumerate(_RELEASES)
    if rx.startswith(("(?:core )?(?:CPI", "(?:core )?(?:PPI", "(?:core )?PCE", "GDP"))
)
_RELEASE = re.compile(
    r"\b(?:" + "|".join(f"(?P<r{i}>{rx})" for i, (rx, _) in enumerate(_RELEASES)) + ")", re.IGNORECASE
)
_CASE_SENSITIVE = {"GDP", "PMI", "ADP", "CPI", "PPI", "PCE", "NFP", "JOLTS", "HICP"}
_SPECIAL = {
    "@gdp": {"US": "U.S. Bureau of Economic Analysis"},
    "@retail": {"US": "U.S. Census Bureau"},
    "@industry": {"US": "Federal Reserve", "JP": "Japan METI"},
}


@dataclass(frozen=True)
class Release:
    start: int
    end: int
    publisher: str


def _country_before(text: str, pos: int) -> str:
    """The last country named shortly before ``pos``, else the first shortly after (default US)."""
    code = ""
    for m in _COUNTRY.finditer(text, max(0, pos - 120), pos):
        code = m.lastgroup or code
    if not code:
        after = _COUNTRY.search(text, pos, pos + 60)
        code = (after.lastgroup or "") if after else ""
    return code or "US"


def named_bank(text: str) -> str | None:
    """The central bank ``text`` names ("the Fed", "BoJ Governor Ueda", "ECB President"), if any."""
    m = _EXPLICIT_BANK.search(text)
    return m.lastgroup.replace("_", " ") if m and m.lastgroup else None


def country_bank(text: str) -> str | None:
    m = _COUNTRY.search(text)
    return _BANKS.get(m.lastgroup or "") if m else None


def _publisher(rule: str, text: str, m: re.Match[str]) -> str:
    if not rule.startswith("@"):
        return rule
    if rule == "@bank":
        inside = _EXPLICIT_BANK.search(text, m.start(), m.end())
        before = list(_EXPLICIT_BANK.finditer(text, max(0, m.start() - 40), m.start()))
        explicit = inside or (before[-1] if before else None)
        if explicit and explicit.lastgroup:
            return explicit.lastgroup.replace("_", " ")
        return _BANKS.get(_country_before(text, m.start()), "central bank")
    country = _country_before(text, m.start())
    special = _SPECIAL.get(rule, {})
    return special.get(country) or _STATS.get(country, "national statistics office")


def _matches(text: str) -> list[tuple[int, int, str, int]]:
    """(start, end, publisher, rule index) of every release word in ``text``."""
    out: list[tuple[int, int, str, int]] = []
    for m in _RELEASE.finditer(text):
        word = m.group(0).strip()
        if word.upper() in _CASE_SENSITIVE and word != word.upper():
            continue
        index = int((m.lastgroup or "r0")[1:])
        rule = _RELEASES[index][1]
        out.append((m.start(), m.end(), rule if rule == "@join" else _publisher(rule, text, m), index))
    return out


def _split_banks(text: str, release: Release, after: int) -> list[Release]:
    """'Sweden and Brazil will announce their decisions', 'BoJ, BoE and SNB rate decisions': one each."""
    if release.publisher not in _BANKS.values() and release.publisher != "central bank":
        return [release]
    window = text[max(after, release.start - 80) : release.end]
    named = [m.lastgroup.replace("_", " ") for m in _EXPLICIT_BANK.finditer(window) if m.lastgroup]
    named += [_BANKS.get(m.lastgroup or "", "") for m in _COUNTRY.finditer(window)]
    banks = [b for b in dict.fromkeys(named) if b]
    if len(banks) < 2 or not re.search(r"\band\b|,", window):
        return [release]
    return [Release(release.start, release.end, bank) for bank in banks]


def find_releases(text: str) -> list[Release]:
    """Releases in ``text`` in order; neighbouring parts of one publisher's release merged."""
    return list(_find_releases(text))


@functools.lru_cache(maxsize=4096)
def _find_releases(text: str) -> tuple[Release, ...]:
    merged: list[Release] = []
    last_rule = -1
    for start, end, publisher, rule in _matches(text):
        own_release = rule in _HEADLINE and last_rule in _HEADLINE and rule != last_rule  # "CPI and PPI"
        last_rule = rule if publisher != "@join" else last_rule
        if merged and (publisher == "@join" or (publisher == merged[-1].publisher and not own_release)):
            last = merged[-1]
            merged[-1] = Release(last.start, end, last.publisher)
        elif publisher != "@join":
            merged.append(Release(start, end, publisher))
    out: list[Release] = []
    after = 0
    for release in merged:
        out += _split_banks(text, release, after)
        after = release.end
    return tuple(out)
