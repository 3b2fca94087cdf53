"""Engine, sessions and migrations.

SQLite: WAL, foreign keys, a busy timeout, and every transaction opened with
`BEGIN IMMEDIATE` so that a read-then-write (call next, numbering) can never interleave with
another terminal's (the default lazy `BEGIN` let two processes call one ticket). PostgreSQL:
row locks (`FOR UPDATE SKIP LOCKED`) in the services that need them.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, select, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class DatabaseError(Exception):
    """The database cannot be opened or used; `str()` is a message for people."""


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str, *, echo: bool = False) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, echo)
    return create_engine(url, echo=echo, pool_pre_ping=True, future=True)


def _sqlite_engine(url: str, echo: bool) -> Engine:
    path = make_url(url).database
    if path and path != ":memory:":
        Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, echo=echo, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        deferred = conn.get_execution_options().get("read_only", False)
        conn.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def reading(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session that only reads: on SQLite it takes no write lock (polls, reports)."""
    with factory() as session:
        session.connection(execution_options={"read_only": True})
        try:
            yield session
        finally:
            session.rollback()


def alembic_config(url: str):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(url), revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except Exception:
            return None


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def check_reachable(url: str) -> None:
    """Open a connection or raise DatabaseError naming the URL and the reason."""
    try:
        engine = make_engine(url)
        with engine.connect() as conn:
            conn.execute(select(1))
        engine.dispose()
    except Exception as exc:  # the driver's own message is the useful part
        raise DatabaseError(f"{safe_url(url)}: {exc.__class__.__name__}: {exc}") from exc


def safe_url(url: str) -> str:
    """The URL without its password, fit for a dialog or a log."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<invalid database URL>"
