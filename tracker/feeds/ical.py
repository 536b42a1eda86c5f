"""iCalendar content lines (RFC 5545 3.1, 3.3): cleaning, escaping, folding, value formats.

Why hand-written lines instead of ``icalendar.Event().to_ical()``: icalendar's component
serializer needs about 2.4 s for 10,000 events on this machine, over the whole export budget.
What we write is a handful of fixed property shapes, so each piece here is small and tested
against icalendar, vobject, ical.js, node-ical and libical (tests/feeds, tests/interop).
icalendar still parses the alarm durations users type.

Every TEXT value goes through ``text_value``: raw CR/LF and other control characters can never
reach the output, so hostile text cannot end a line, start a component or forge a property.
"""

from __future__ import annotations

import datetime as dt
import re

CRLF = b"\r\n"

# Line separators become "\n" (escaped as \n); other control characters are dropped.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)])
_SURROGATES = re.compile("[\ud800-\udfff]")
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f\"<>\\^`{|}]+$", re.IGNORECASE)


def clean(text: str, *, one_line: bool = False) -> str:
    """Text safe to escape: newlines normalised to "\\n" (or a space), controls removed."""
    if _UNSAFE.search(text):  # rare: most text has nothing to clean
        text = _LINE_BREAKS.sub("\n", text).translate(_CONTROLS)
        text = _SURROGATES.sub("\ufffd", text)
    if one_line and "\n" in text:
        text = " ".join(text.split("\n"))
    return text


def escape(text: str) -> str:
    """RFC 5545 3.3.11 TEXT escaping of already cleaned text (backslash first)."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def text_value(text: str, *, one_line: bool = False) -> str:
    return escape(clean(text, one_line=one_line))


def text_list(items: list[str]) -> str:
    """A list-valued TEXT property (CATEGORIES): items escaped, joined by unescaped commas."""
    return ",".join(text_value(i, one_line=True) for i in items)


def fold(line: str) -> bytes:
    """One content line as UTF-8 bytes, folded at 75 octets, ending in CRLF.

    Folds fall between characters (never inside a UTF-8 sequence) and never between a
    backslash and the character it escapes (some clients unescape before unfolding).
    """
    data = line.encode("utf-8")
    if len(data) <= 75:
        return data + CRLF
    parts: list[bytes] = []
    start, limit = 0, 75
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # UTF-8 continuation byte: move before its lead byte
            cut -= 1
        run, k = 0, cut - 1
        while k >= start and data[k] == 0x5C:  # segments start on escape boundaries
            run, k = run + 1, k - 1
        if run % 2:
            cut -= 1
        parts.append(data[start:cut])
        start, limit = cut, 74  # continuation lines carry a leading space
    parts.append(data[start:])
    return b"\r\n ".join(parts) + CRLF


def prop(name: str, value: str) -> bytes:
    """``NAME:value`` folded; ``value`` must already be escaped / formatted."""
    return fold(f"{name}:{value}")


def date_value(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def utc_value(instant: dt.datetime) -> str:
    """An aware datetime as a UTC DATE-TIME (``20260516T060000Z``); naive values are bugs."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"naive datetime {instant!r}: feeds need aware datetimes")
    u = instant.astimezone(dt.UTC)
    return f"{date_value(u.date())}T{u.hour:02d}{u.minute:02d}{u.second:02d}Z"


def duration_value(delta: dt.timedelta) -> str:
    """RFC 5545 DURATION of whole seconds: ``-P1D``, ``-PT2H``, ``-P1DT30M``."""
    seconds = int(delta.total_seconds())
    sign, seconds = ("-" if seconds < 0 else ""), abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    out = f"{sign}P" + (f"{days}D" if days else "")
    clock = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + (f"{secs}S" if secs else "")
    if clock:
        out += "T" + clock
    elif not days:
        out += "T0S"
    return out


def is_url(text: str | None) -> bool:
    """An absolute http(s) URL that can be written as a URI value without escaping."""
    return bool(text) and bool(_URL.match(text or ""))
