"""The one exception tree of tracker.

    TrackerError                 user-fixable: the message says what to do next (exit 1)
    ├── InputError               a digest, date, zone or option value we cannot read
    │   └── DecodeError          bytes that are not text in a known encoding
    ├── NotFoundError            an event UID, feed or file that does not exist
    ├── StoreError               the database cannot be opened, migrated or written
    │   └── LockedError          another process holds what we need (e.g. a second daemon on SQLite)
    ├── ConfigError              a configuration file or environment value is wrong
    └── DeliveryError            a notification channel refused a message

Anything else is a bug and is not caught: ``--debug`` shows its traceback.
"""

from __future__ import annotations


class TrackerError(Exception):
    """A problem the user can fix; ``str(err)`` is one line saying what to do."""


class InputError(TrackerError):
    """Input we cannot read: a malformed date, an unknown zone, an unreadable file."""


class DecodeError(InputError):
    """Bytes that are not text in a known encoding."""


class NotFoundError(TrackerError):
    """Something named by the user does not exist."""


class StoreError(TrackerError):
    """The database cannot be opened, migrated or written."""


class LockedError(StoreError):
    """Another process holds a resource we need."""


class ConfigError(TrackerError):
    """A configuration value is wrong."""


class DeliveryError(TrackerError):
    """A notification channel refused a message."""
