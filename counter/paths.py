"""Where the program's own files and the per-user files live."""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "yichuang-counter"


def resources_dir() -> Path:
    """The shipped resources: beside the package in a checkout, inside the bundle when frozen."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    from platformdirs import user_data_dir  # imported late: start-up speed

    override = os.environ.get("COUNTER_DATA_DIR")
    path = Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'counter.sqlite3'}"
