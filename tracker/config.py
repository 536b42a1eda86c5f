"""Settings from the environment and the config file (read at the edges, passed inward).

Precedence: command-line option > environment variable > config file > default.

Config file: ``$TRACKER_CONFIG`` or ``<user config dir>/tracker/config.toml``::

    db = "sqlite:////home/me/tracker.db"
    tz = "Europe/Berlin"          # display zone and zone of zone-less times
    notify = ["mailtos://user@example.com", "ntfy://tracker-alerts"]
    remind = ["7d", "3d", "1d", "2h"]
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.errors import ConfigError

DEFAULT_REMIND = ("7d", "3d", "1d", "2h")


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(os.environ.get("TRACKER_HOME") or user_data_dir("tracker", appauthor=False))


def config_path() -> Path:
    from platformdirs import user_config_dir

    explicit = os.environ.get("TRACKER_CONFIG")
    return Path(explicit) if explicit else Path(user_config_dir("tracker", appauthor=False)) / "config.toml"


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'tracker.db'}"


@dataclass(frozen=True)
class Settings:
    db_url: str
    tz: str = "UTC"  # display zone, and the zone assumed for times the text gives without one
    notify: tuple[str, ...] = ()
    remind: tuple[str, ...] = DEFAULT_REMIND
    remind_categories: dict[str, tuple[str, ...]] = field(default_factory=dict)
    debug: bool = False


def _read_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix or remove the file") from exc


def _list(value: Any, name: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(v.strip() for v in value.replace(" ", ",").split(",") if v.strip())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"config value {name!r} must be a string or a list of strings")


def load_settings(db: str | None = None, tz: str | None = None, debug: bool = False) -> Settings:
    """Resolve settings from options, environment and the config file."""
    env = os.environ
    conf = _read_file(config_path())
    notify = _list(env.get("TRACKER_NOTIFY") or conf.get("notify") or [], "notify")
    remind = _list(env.get("TRACKER_REMIND") or conf.get("remind") or list(DEFAULT_REMIND), "remind")
    categories = {
        str(k): _list(v, f"remind_categories.{k}") for k, v in dict(conf.get("remind_categories", {})).items()
    }
    return Settings(
        db_url=db or env.get("TRACKER_DB") or str(conf.get("db") or "") or default_db_url(),
        tz=tz or env.get("TRACKER_TZ") or str(conf.get("tz") or "") or "UTC",
        notify=notify,
        remind=remind,
        remind_categories=categories,
        debug=debug or bool(env.get("TRACKER_DEBUG")),
    )
