"""Alembic environment: the same scripts migrate SQLite and PostgreSQL."""
import os

from alembic import context

from counter.db import make_engine
from counter.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is not None:
        _run(connectable)
        return
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("COUNTER_DATABASE_URL", "")
    if not url:
        raise SystemExit("set COUNTER_DATABASE_URL to the database to migrate / "
                         "请用 COUNTER_DATABASE_URL 指定要迁移的数据库")
    engine = make_engine(url)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
