"""Settings: command-line flags over environment over the settings file over defaults.

The settings file (`settings.toml` in the per-user data folder) holds what an administrator
sets once per terminal; everything shared by the hall lives in the database.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from counter import paths

DEFAULT_STATION = ("DEMO01", "示范派出所综合服务大厅", 1)


@dataclass(frozen=True)
class Config:
    database_url: str
    lang: str = "zh_CN"
    demo: bool = False
    station_code: str = DEFAULT_STATION[0]
    station_name: str = DEFAULT_STATION[1]
    window_number: int = 1
    terminal: str = field(default_factory=lambda: os.uname().nodename if hasattr(os, "uname") else "terminal")
    service_level_minutes: int = 20
    priority_streak_limit: int = 3
    idle_lock_minutes: int = 5


def settings_file() -> Path:
    return paths.data_dir() / "settings.toml"


def load_config(*, database: str | None = None, lang: str | None = None, demo: bool = False,
                window: int | None = None, file: Path | None = None) -> Config:
    stored: dict = {}
    path = file or settings_file()
    if path.exists():
        try:
            stored = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
            stored = {}  # a broken settings file must not stop the hall; defaults apply
    url = database or os.environ.get("COUNTER_DATABASE_URL") or stored.get("database_url")
    if demo and not database and not os.environ.get("COUNTER_DATABASE_URL"):
        url = f"sqlite:///{paths.data_dir() / 'demo.sqlite3'}"
    config = Config(database_url=url or paths.default_database_url(), demo=demo)
    known = {k: v for k, v in stored.items() if k in Config.__dataclass_fields__ and k != "database_url"}
    config = replace(config, **known)
    if lang or os.environ.get("COUNTER_LANG"):
        config = replace(config, lang=lang or os.environ["COUNTER_LANG"])
    if window:
        config = replace(config, window_number=window)
    return config
