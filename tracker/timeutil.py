"""Zones, instants and durations. Pure: nothing here reads the clock.

Zone labels are what extraction stores in ``tz``: ``UTC``, fixed offsets written ``UTC+8`` /
``UTC-5:30``, or IANA names (``America/New_York``). ``zone()`` turns any of them into a tzinfo.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import pendulum

from tracker.errors import InputError

_OFFSET = re.compile(r"^(?:UTC|GMT)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)
_DURATION = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


@lru_cache(maxsize=256)
def zone(label: str) -> dt.tzinfo:
    """The tzinfo for a zone label; raises InputError naming the label when unknown."""
    text = label.strip()
    if text.upper() in {"UTC", "GMT", "Z"}:
        return dt.UTC
    m = _OFFSET.match(text)
    if m:
        sign, hours, minutes = m.group(1), int(m.group(2)), int(m.group(3) or 0)
        if hours > 14 or minutes >= 60:
            raise InputError(f"zone offset out of range: {label!r}")
        delta = dt.timedelta(hours=hours, minutes=minutes)
        return dt.timezone(-delta if sign == "-" else delta, normalise_offset(text))
    try:
        return pendulum.timezone(text)
    except Exception as exc:  # pendulum raises its own InvalidTimezone
        raise InputError(
            f"unknown time zone {label!r}: use an IANA name such as Europe/Berlin, or UTC+8"
        ) from exc


def normalise_offset(label: str) -> str:
    """'GMT+8' / 'utc +08:00' -> 'UTC+8'; 'UTC-5:30' keeps its minutes."""
    m = _OFFSET.match(label.strip())
    if not m:
        return label.strip()
    sign, hours, minutes = m.group(1), int(m.group(2)), int(m.group(3) or 0)
    return f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


def is_valid_zone(label: str) -> bool:
    try:
        zone(label)
    except InputError:
        return False
    return True


def to_utc(day: dt.date, time: dt.time, tz: str) -> dt.datetime:
    """The UTC instant of a wall-clock time on a day in a zone (DST resolved the pendulum way)."""
    info = zone(tz)
    if isinstance(info, dt.timezone):
        local = dt.datetime.combine(day, time, tzinfo=info)
    else:
        local = pendulum.datetime(day.year, day.month, day.day, time.hour, time.minute, time.second, tz=info)
    return local.astimezone(dt.UTC)


def start_of_day_utc(day: dt.date, tz: str) -> dt.datetime:
    return to_utc(day, dt.time(0, 0), tz)


def as_utc(value: dt.datetime) -> dt.datetime:
    """An aware datetime in UTC; refuses naive values (they are bugs, not input)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r}: every datetime in tracker is aware")
    return value.astimezone(dt.UTC)


def parse_duration(text: str) -> dt.timedelta:
    """'7d', '2h', '15m', '30s', '1w' -> timedelta; InputError otherwise."""
    m = _DURATION.match(text)
    if not m:
        raise InputError(f"bad duration {text!r}: write a number and a unit s, m, h, d or w, e.g. 7d or 2h")
    return dt.timedelta(seconds=int(m.group(1)) * _UNIT_SECONDS[m.group(2).lower()])


def parse_user_date(text: str) -> dt.date:
    """A date typed by the user on the command line: YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise InputError(f"bad date {text!r}: write it as YYYY-MM-DD, e.g. 2026-05-12") from exc


def parse_user_time(text: str) -> dt.time:
    """A time typed by the user: HH:MM (24-hour)."""
    m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text)
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise InputError(f"bad time {text!r}: write it as HH:MM on a 24-hour clock, e.g. 14:30")
    return dt.time(int(m.group(1)), int(m.group(2)))


def humanize(target: dt.datetime, now: dt.datetime) -> str:
    """'in 2 days', '3 hours ago', 'now' for ``target`` seen from ``now`` (both aware)."""
    seconds = (as_utc(target) - as_utc(now)).total_seconds()
    size = abs(seconds)
    for unit, span in (("week", 604800), ("day", 86400), ("hour", 3600), ("minute", 60)):
        if size >= span:
            count = int(size // span)
            text = f"{count} {unit}" + ("s" if count != 1 else "")
            return f"in {text}" if seconds > 0 else f"{text} ago"
    return "now"
