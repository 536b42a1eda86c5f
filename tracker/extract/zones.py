"""Zone labels as extraction stores them in ``tz``. Pure, shared by every language.

Public:

- ``normalise_zone(label)`` -> "UTC+8", "UTC", "America/New_York", "Europe/Kyiv"... or None
  when the label is not a zone we know. "GMT+8", "UTC +08:00", "Beijing time", 北京时间 all
  become "UTC+8"; "ET"/"EST"/"EDT" become "America/New_York".
"""

from __future__ import annotations

import re

from tracker.timeutil import normalise_offset

_NAMED = {
    "utc": "UTC",
    "gmt": "UTC",
    "z": "UTC",
    "et": "America/New_York",
    "est": "America/New_York",
    "edt": "America/New_York",
    "eastern": "America/New_York",
    "new york": "America/New_York",
    "ct": "America/Chicago",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "pt": "America/Los_Angeles",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "beijing": "UTC+8",
    "hong kong": "UTC+8",
    "hkt": "UTC+8",
    "singapore": "UTC+8",
    "sgt": "UTC+8",
    "北京": "UTC+8",
    "kyiv": "Europe/Kyiv",
    "kiev": "Europe/Kyiv",
    "moscow": "Europe/Moscow",
    "msk": "Europe/Moscow",
    "london": "Europe/London",
    "uk": "Europe/London",
    "bst": "Europe/London",
    "cet": "Europe/Berlin",
    "cest": "Europe/Berlin",
    "berlin": "Europe/Berlin",
    "paris": "Europe/Paris",
    "tokyo": "Asia/Tokyo",
    "jst": "Asia/Tokyo",
    "seoul": "Asia/Seoul",
    "kst": "Asia/Seoul",
    "sydney": "Australia/Sydney",
    "aest": "Australia/Sydney",
    "ist": "Asia/Kolkata",
}
_OFFSET = re.compile(r"^(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)
_SUFFIX = re.compile(r"\s*(?:time|standard time|时间)$", re.IGNORECASE)


def normalise_zone(label: str) -> str | None:
    """The stored label for a zone as written, or None when unknown."""
    text = label.strip().strip("()（）").strip()
    m = _OFFSET.match(text)
    if m:
        if int(m.group(2)) > 14:
            return None
        return normalise_offset(f"UTC{m.group(1)}{m.group(2)}" + (f":{m.group(3)}" if m.group(3) else ""))
    key = _SUFFIX.sub("", text).strip().lower()
    return _NAMED.get(key)
