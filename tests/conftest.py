"""Shared fixtures: a migrated database per test, an application context, a movable clock."""
from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from counter.clock import FixedClock  # noqa: E402
from counter.config import Config  # noqa: E402
from counter.context import AppContext  # noqa: E402

# 10:00 in Shanghai on a Monday
START = datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    """Settings, drafts and default databases go to a temp folder, never the user's."""
    monkeypatch.setenv("COUNTER_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("COUNTER_DATABASE_URL", raising=False)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory) -> Path:
    from counter.db import upgrade

    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def db_url(migrated_template, tmp_path) -> str:
    path = tmp_path / "counter.sqlite3"
    shutil.copy(migrated_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def ctx(db_url, clock):
    context = AppContext.open(Config(database_url=db_url), clock=clock)
    yield context
    context.close()
