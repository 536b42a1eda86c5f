"""Delivery of one message through one channel. The only module that talks to apprise.

Channels are apprise URLs (mailto://, tgram://, slack://, discord://, ntfy://, json://, ...) plus
``stdout://``, handled here without apprise: the message is printed on standard output.

De-duplication: every message carries its stable reminder id. E-mail gets it as the Message-ID
(``<rid@tracker>``, so a re-sent reminder is recognisably the same mail), and every
channel with custom headers (e-mail, json://, form://, xml://) gets ``X-Tracker-Reminder-Id``.

Channel URLs may contain passwords and tokens: they are never logged or put in error messages;
``Channel.label`` is what gets printed.
"""

from __future__ import annotations

import contextvars
import sys
from collections.abc import Callable
from typing import Any, TextIO

from tracker.errors import DeliveryError
from tracker.reminders import Channel, Message

MESSAGE_ID_DOMAIN = "tracker"
_message_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("tracker_message_id", default=None)
_installed = False


def message_id(rid: str) -> str:
    return f"<{rid}@{MESSAGE_ID_DOMAIN}>"


def send(ch: Channel, msg: Message, stream: TextIO | None = None) -> None:
    """Deliver ``msg`` through ``ch``; DeliveryError (secret-free text) when the channel refuses it."""
    if ch.url.lower().startswith("stdout://"):
        _print(msg, stream or sys.stdout)
        return
    plugin = _plugin(ch)
    headers = getattr(plugin, "headers", None)
    if isinstance(headers, dict):
        headers["X-Tracker-Reminder-Id"] = msg.rid
    apprise = _load()

    token = _message_id.set(message_id(msg.rid))
    try:
        with apprise.LogCapture(level=30, fmt="%(message)s") as log:
            ok = plugin.notify(body=msg.body, title=msg.title)
            logged = log.getvalue()
    finally:
        _message_id.reset(token)
    if not ok:
        raise DeliveryError(f"{ch.label} refused the message: {_clean(logged, ch) or 'no reason given'}")


def check(ch: Channel) -> None:
    """InputError-like DeliveryError when apprise does not understand the URL (nothing is sent)."""
    if not ch.url.lower().startswith("stdout://"):
        _plugin(ch)


def _plugin(ch: Channel) -> Any:
    apprise = _load()
    asset = apprise.AppriseAsset(storage_mode="memory")
    plugin = apprise.Apprise.instantiate(ch.url, asset=asset)
    if plugin is None:
        raise DeliveryError(
            f"{ch.label}: apprise does not understand this URL; check it against "
            "https://github.com/caronc/apprise/wiki (the URL itself is not shown: it may hold secrets)"
        )
    return plugin


def _load() -> Any:
    """Import apprise once. Its e-mail plugin imports the stdlib ``imghdr``, which warns of its
    removal in Python 3.13; that warning is apprise's to fix, so it is silenced here only."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        import apprise
        import apprise.plugins.email.base  # noqa: F401

        _install_message_id()
    return apprise


def _install_message_id() -> None:
    """Make apprise's e-mail plugin use our stable Message-ID while we send.

    apprise builds each mail with ``make_msgid()`` from ``email.utils``, looked up in its module at
    send time; we wrap it so that, inside ``send``, it returns the reminder's id (and outside it,
    apprise's own). This keeps exactly one Message-ID header per mail.
    """
    global _installed
    if _installed:
        return
    from apprise.plugins.email import base as email_base

    base: Any = email_base

    original: Callable[..., str] = base.make_msgid

    def make_msgid(*args: Any, **kwargs: Any) -> str:
        return _message_id.get() or original(*args, **kwargs)

    base.make_msgid = make_msgid
    _installed = True


def _clean(logged: str, ch: Channel) -> str:
    """The last line apprise logged, with anything from the URL that could be secret removed."""
    lines = [line.strip() for line in logged.splitlines() if line.strip()]
    text = lines[-1] if lines else ""
    for part in _secret_parts(ch.url):
        text = text.replace(part, "…")
    return text[:300]


def _secret_parts(url: str) -> list[str]:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    pieces = [url, parts.netloc, parts.path, parts.query, parts.username or "", parts.password or ""]
    pieces += parts.path.split("/") + parts.query.replace("&", "=").split("=")
    return sorted({p for p in pieces if len(p) >= 4}, key=len, reverse=True)


def _print(msg: Message, stream: TextIO) -> None:
    stream.write(f"== {msg.title}\n{msg.body}")
    stream.flush()
