"""Independent iCalendar parsers, each reduced to the same plain shape for comparison.

Every reader returns ``{"calendar": {...}, "events": [event, ...]}``, each event a dict with
uid, summary, description, status, sequence, allday, start, end, categories, url and alarms
(trigger in seconds). Dates are ``YYYY-MM-DD``, instants ``YYYY-MM-DDTHH:MM:SSZ`` in UTC.

- ical.js (Mozilla's parser, inside Thunderbird) and node-ical through ``parse.cjs`` (node);
- vobject (Python, independent of icalendar);
- libical (C, used by Evolution and KDE) through ctypes;
- icalendar, the library the project itself depends on.

Missing node modules or libical are a failure with instructions, not a skip: ``.ci/run``
installs them.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import json
import os
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
Reading = dict[str, Any]


def _day(value: dt.date) -> str:
    return value.isoformat()


def _instant(value: dt.datetime) -> str:
    assert value.tzinfo is not None, f"parser returned a floating time {value!r}"
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _when(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    return _instant(value) if isinstance(value, dt.datetime) else _day(value)


def trigger_seconds(text: str) -> int:
    from icalendar.prop import vDuration

    return int(vDuration.from_ical(text).total_seconds())


# -- ical.js and node-ical ----------------------------------------------------------------------


def node_ical_text(text: str) -> str:
    r"""What node-ical 0.26.1 reads for a TEXT value we wrote from (cleaned) ``text``.

    node-ical unescapes with four replaces in a row: \, then \; then \n then \\ (see
    node_modules/node-ical/ical.js, lines 214-217). So an escaped backslash followed by "n" is
    misread: the title ``a\nb`` (backslash, letter n) is written ``a\\nb`` and comes back as "a\",
    a newline, "b". Only text with a literal backslash is affected; the other parsers read it right.
    """
    import re

    from tracker.feeds import ical

    value = ical.escape(text).replace("\\,", ",").replace("\\;", ";")
    return re.sub(r"\\[nN]", "\n", value).replace("\\\\", "\\")


def read_js(paths: list[Path]) -> dict[str, dict[str, Reading]]:
    """``{path: {"ical.js": reading, "node-ical": reading}}`` for every file, in one node run."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: install Node.js (>= 18) to run the interop tests")
    if not (HERE / "node_modules" / "ical.js").is_dir() or not (HERE / "node_modules" / "node-ical").is_dir():
        pytest.fail(
            "tests/interop/node_modules is missing: run `cd tests/interop && npm ci` "
            "(.ci/run does this) to install ical.js and node-ical"
        )
    proc = subprocess.run(
        [node, str(HERE / "parse.cjs"), *map(str, paths)],
        capture_output=True,
        env={**os.environ, "TZ": "UTC"},
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    raw: dict[str, dict[str, Reading]] = json.loads(proc.stdout)
    for per_parser in raw.values():
        for name, reading in per_parser.items():
            assert reading["ok"], f"{name} failed: {reading['error']}"
            if name == "node-ical":
                for ev in reading["events"]:
                    ev["alarms"] = [{**a, "trigger": trigger_seconds(a["trigger"])} for a in ev["alarms"]]
    return raw


# -- vobject -----------------------------------------------------------------------------------


def read_vobject(data: bytes) -> Reading:
    import vobject

    cal = vobject.readOne(data.decode("utf-8"))

    def val(comp: Any, name: str) -> Any:
        return comp.contents[name][0].value if name in comp.contents else None

    calendar = {
        "version": val(cal, "version"),
        "prodid": val(cal, "prodid"),
        "method": val(cal, "method"),
        "name": val(cal, "name"),
        "x-wr-calname": val(cal, "x-wr-calname"),
        "refresh-interval": val(cal, "refresh-interval"),
        "x-published-ttl": val(cal, "x-published-ttl"),
    }
    events = []
    for ev in cal.contents.get("vevent", []):
        start = val(ev, "dtstart")
        events.append(
            {
                "uid": val(ev, "uid"),
                "summary": val(ev, "summary"),
                "description": val(ev, "description"),
                "status": val(ev, "status"),
                "sequence": int(val(ev, "sequence")),
                "allday": not isinstance(start, dt.datetime),
                "start": _when(start),
                "end": _when(val(ev, "dtend")),
                "categories": [c for p in ev.contents.get("categories", []) for c in p.value],
                "url": val(ev, "url"),
                "alarms": [
                    {
                        "action": val(a, "action"),
                        "trigger": int(val(a, "trigger").total_seconds()),
                        "description": val(a, "description"),
                    }
                    for a in ev.contents.get("valarm", [])
                ],
            }
        )
    return {"calendar": calendar, "events": events}


# -- libical -----------------------------------------------------------------------------------


class _IcalTime(ctypes.Structure):
    _fields_ = [
        ("year", ctypes.c_int),
        ("month", ctypes.c_int),
        ("day", ctypes.c_int),
        ("hour", ctypes.c_int),
        ("minute", ctypes.c_int),
        ("second", ctypes.c_int),
        ("is_date", ctypes.c_int),
        ("is_daylight", ctypes.c_int),
        ("zone", ctypes.c_void_p),
    ]


@cache
def _libical() -> Any:
    name = ctypes.util.find_library("ical") or "libical.so.3"
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        pytest.fail("libical is not installed: `apt-get install libical3` (.ci/run does this)")
    vp, cp, ci = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    signatures: dict[str, tuple[Any, list[Any]]] = {
        "icalparser_parse_string": (vp, [cp]),
        "icalcomponent_free": (None, [vp]),
        "icalcomponent_get_first_component": (vp, [vp, ci]),
        "icalcomponent_get_next_component": (vp, [vp, ci]),
        "icalcomponent_string_to_kind": (ci, [cp]),
        "icalcomponent_get_uid": (cp, [vp]),
        "icalcomponent_get_summary": (cp, [vp]),
        "icalcomponent_get_description": (cp, [vp]),
        "icalcomponent_get_sequence": (ci, [vp]),
        "icalcomponent_get_status": (ci, [vp]),
        "icalproperty_status_to_string": (cp, [ci]),
        "icalcomponent_get_dtstart": (_IcalTime, [vp]),
        "icalcomponent_get_dtend": (_IcalTime, [vp]),
        "icalcomponent_get_first_property": (vp, [vp, ci]),
        "icalcomponent_get_next_property": (vp, [vp, ci]),
        "icalproperty_string_to_kind": (ci, [cp]),
        "icalproperty_get_value_as_string": (cp, [vp]),
        "icalerror_set_errors_are_fatal": (None, [ci]),
    }
    for fn, (res, args) in signatures.items():
        f = getattr(lib, fn)
        f.restype, f.argtypes = res, args
    lib.icalerror_set_errors_are_fatal(0)
    return lib


def _ical_time(t: _IcalTime) -> str:
    if t.is_date:
        return f"{t.year:04d}-{t.month:02d}-{t.day:02d}"
    assert t.zone, "libical read a floating time"
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d}T{t.hour:02d}:{t.minute:02d}:{t.second:02d}Z"


def read_libical(data: bytes) -> Reading:
    lib = _libical()
    kind = lib.icalcomponent_string_to_kind
    pkind = lib.icalproperty_string_to_kind
    vevent, valarm = kind(b"VEVENT"), kind(b"VALARM")
    root = lib.icalparser_parse_string(data)
    assert root, "libical could not parse the feed"

    def props(comp: int, name: bytes) -> list[str]:
        out, k = [], pkind(name)
        p = lib.icalcomponent_get_first_property(comp, k)
        while p:
            out.append(lib.icalproperty_get_value_as_string(p).decode("utf-8"))
            p = lib.icalcomponent_get_next_property(comp, k)
        return out

    try:
        events = []
        ev = lib.icalcomponent_get_first_component(root, vevent)
        while ev:
            start = lib.icalcomponent_get_dtstart(ev)
            alarms = []
            a = lib.icalcomponent_get_first_component(ev, valarm)
            while a:
                alarms.append(
                    {
                        "action": props(a, b"ACTION")[0],
                        "trigger": trigger_seconds(props(a, b"TRIGGER")[0]),
                        "description": lib.icalcomponent_get_description(a).decode("utf-8"),
                    }
                )
                a = lib.icalcomponent_get_next_component(ev, valarm)
            events.append(
                {
                    "uid": lib.icalcomponent_get_uid(ev).decode("utf-8"),
                    "summary": lib.icalcomponent_get_summary(ev).decode("utf-8"),
                    "description": lib.icalcomponent_get_description(ev).decode("utf-8"),
                    "status": lib.icalproperty_status_to_string(lib.icalcomponent_get_status(ev)).decode(),
                    "sequence": lib.icalcomponent_get_sequence(ev),
                    "allday": bool(start.is_date),
                    "start": _ical_time(start),
                    "end": _ical_time(lib.icalcomponent_get_dtend(ev)) if props(ev, b"DTEND") else None,
                    "categories": [c for v in props(ev, b"CATEGORIES") for c in v.split(",")],
                    "url": (props(ev, b"URL") or [None])[0],
                    "alarms": alarms,
                }
            )
            ev = lib.icalcomponent_get_next_component(root, vevent)
        return {"calendar": {}, "events": events}
    finally:
        lib.icalcomponent_free(root)


# -- icalendar ---------------------------------------------------------------------------------


def read_icalendar(data: bytes) -> Reading:
    import icalendar

    cal = icalendar.Calendar.from_ical(data)
    events = []
    for ev in cal.walk("VEVENT"):
        start = ev.decoded("DTSTART")
        events.append(
            {
                "uid": str(ev["UID"]),
                "summary": str(ev["SUMMARY"]),
                "description": str(ev["DESCRIPTION"]),
                "status": str(ev["STATUS"]),
                "sequence": int(ev["SEQUENCE"]),
                "allday": not isinstance(start, dt.datetime),
                "start": _when(start),
                "end": _when(ev.decoded("DTEND")) if "DTEND" in ev else None,
                "categories": [str(c) for c in ev["CATEGORIES"].cats],
                "url": str(ev["URL"]) if "URL" in ev else None,
                "alarms": [
                    {
                        "action": str(a["ACTION"]),
                        "trigger": int(a.decoded("TRIGGER").total_seconds()),
                        "description": str(a["DESCRIPTION"]),
                    }
                    for a in ev.walk("VALARM")
                ],
            }
        )
    calendar = {k.lower(): str(cal[k]) for k in ("VERSION", "PRODID", "METHOD", "NAME", "X-WR-CALNAME")}
    return {"calendar": calendar, "events": events}
