"""The migrations and the ORM models describe the same schema, on SQLite and on PostgreSQL.

A column added to `counter/models.py` without a migration (or the other way round) fails here,
before a terminal meets it as "no such column".
"""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from counter.db import make_engine
from counter.models import Base


def _differences(url: str) -> list:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": False})
            diffs = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    # alembic_version is the migrations' own table, never a model
    return [d for d in diffs if "alembic_version" not in repr(d)]


def test_migrated_schema_matches_the_models(engine_url):
    assert _differences(engine_url) == []


def test_shipped_alembic_ini_steps_a_database_back_and_forward(tmp_path, monkeypatch):
    """An administrator's `alembic -c counter/alembic.ini downgrade -1` works on a real file."""
    from pathlib import Path

    from alembic import command
    from alembic.config import Config as AlembicConfig
    from sqlalchemy import text

    import counter

    ini = Path(counter.__file__).parent / "alembic.ini"
    url = f"sqlite:///{tmp_path / 'admin.sqlite3'}"
    monkeypatch.setenv("COUNTER_DATABASE_URL", url)
    cfg = AlembicConfig(str(ini))
    command.upgrade(cfg, "head")
    command.downgrade(cfg, "-1")
    engine = make_engine(url)
    with engine.connect() as conn:
        stepped_back = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    command.upgrade(cfg, "head")
    with engine.connect() as conn:
        at_head = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()
    assert stepped_back != at_head
    assert at_head == _head()


def _head() -> str:
    from counter.db import head_revision

    return head_revision()
