"""tracker: turn weekly "key events" digests into a calendar people can rely on."""

__version__ = "0.1.0"
