"""feeds commands."""

from __future__ import annotations

from tracker.cli.app import app  # noqa: F401
