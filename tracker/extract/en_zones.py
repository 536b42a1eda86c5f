"""Time zones as English digests state them. Pure.

Public:

- ``find_zone(text)``     -> (label, offset) of the first zone ``text`` names ("8:30 a.m. ET"), or None
- ``section_zone(line)``  -> the zone a line sets for what follows ("All times UTC"), or None
- ``document_zone(text)`` -> (label, offset) of the one zone stated beside the digest's clock
  times ("12:00 UK time"), or None when there is none or there are several
"""

from __future__ import annotations

import re

from tracker.extract.en_dates import find_times
from tracker.extract.zones import normalise_zone

_ZONE = re.compile(
    r"\b(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?(?!\d)"
    r"|\b(?:Beijing|Hong Kong|Singapore|Kyiv|Kiev|Moscow|London|New York|Tokyo|Seoul|Berlin|Paris|UK)"
    r"\s+time\b"
    r"|(?<![A-Za-z])(?:UTC|GMT|ET|EST|EDT|CT|CST|CDT|PT|PST|PDT|CET|CEST|BST|JST|KST|HKT|SGT|MSK)(?![A-Za-z])"
)
_SECTION_ZONE = re.compile(
    r"\b(?:(?i:all)\s+)?(?i:times?)\s*\(?\s*(?:(?i:are|shown)\s+)?(?:(?:(?i:given)\s+)?(?i:in)\s+)?"
    r"(?P<z>[A-Z][A-Za-z]*(?:\s*[+-]\s*\d{1,2})?(?:\s+time)?)\b",
)


def find_zone(text: str) -> tuple[str, int] | None:
    for m in _ZONE.finditer(text):
        label = normalise_zone(m.group(0))
        if label:
            return label, m.start()
    return None


def section_zone(line: str) -> str | None:
    """The zone of a line such as "All times UTC" or "(times in Beijing time)"."""
    if len(line) > 80 or "time" not in line.lower():
        return None
    m = _SECTION_ZONE.search(line)
    return normalise_zone(m.group("z")) if m else None


def document_zone(text: str) -> tuple[str, int] | None:
    """The one zone a digest states next to its clock times ("12:00 UK time", "8:30 ET") and where
    it is first stated, when every such statement names the same zone; None when none or several."""
    zones: dict[str, int] = {}
    for t in find_times(text):
        near = text[t.end : t.end + 16]
        z = _ZONE.match(near.lstrip(" \t(（")) if near.strip() else None
        label = normalise_zone(z.group(0)) if z else None
        if label:
            zones.setdefault(label, t.start)
            if len(zones) > 1:
                return None
    return next(iter(zones.items()), None)
