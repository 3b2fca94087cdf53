"""Engine, sessions and migrations.

SQLite: WAL, foreign keys, a busy timeout, and every transaction opened with
`BEGIN IMMEDIATE` so that a read-then-write (call next, numbering) can never interleave with
another terminal's (the default lazy `BEGIN` let two processes call one ticket). PostgreSQL:
row locks (`FOR UPDATE SKIP LOCKED`) in the services that need them.
"""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable, Iterator

from sqlalchemy import create_engine, event, select, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from counter.clock import Clock, as_utc, utcnow

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_SECOND = timedelta(seconds=1)


class DatabaseError(Exception):
    """The database cannot be opened or used; `str()` is a message for people."""


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str, *, echo: bool = False) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, echo)
    engine = create_engine(url, echo=echo, pool_pre_ping=False, future=True,
                           connect_args=_network_args(parsed))
    if engine.dialect.name == "postgresql":
        _watch_dead_connections(engine)
    return engine


# Dead pooled connections, without pool_pre_ping (a `SELECT 1` round trip before every unit of
# work; on a one-statement call-next it doubled the round trips):
# - at checkout, a look at the socket without sending anything: a server that restarted or
#   ended the session has said so (FATAL / EOF), the socket is readable; libpq reads it and the
#   connection is replaced before use (the pool retries the checkout on DisconnectionError);
# - a connection that breaks silently (cable, NAT) fails on its first statement instead; a
#   transaction that fails on a disconnect before COMMIT stored nothing and is run again once
#   (`retry_on_disconnect`). A single autocommit statement (PostgreSQL call-next) or a COMMIT
#   that fails is not: it may have been applied, so the error reaches the caller (the window
#   shows its banner and reloads the true state) — unless the server's answer was that it had
#   ended the session (SQLSTATE 57P0x): then nothing was applied and it runs again once.
def _watch_dead_connections(engine: Engine) -> None:
    from sqlalchemy import exc as sa_exc

    @event.listens_for(engine, "checkout")
    def _checkout(dbapi_conn, _record, _proxy):
        if _socket_says_dead(dbapi_conn):
            raise sa_exc.DisconnectionError("the server closed the connection")

    @event.listens_for(engine, "handle_error")
    def _mark(context):
        wrapped = context.sqlalchemy_exception
        if wrapped is None or not context.is_disconnect:
            return
        conn = context.connection
        autocommit = conn is not None and conn.get_execution_options().get("isolation_level") == "AUTOCOMMIT"
        # statement None: the failure was COMMIT/ROLLBACK itself, whose outcome is unknown.
        # SQLSTATE 57P0x: the server said it ended the session (shutdown, restart, terminated
        # backend) instead of answering; a statement it had completed would have been answered
        # first, so even a single autocommit statement did not happen and may run again.
        ended_by_server = str(getattr(context.original_exception, "sqlstate", "") or "").startswith("57P0")
        wrapped.retry_safe = ended_by_server or (context.statement is not None and not autocommit)


def _socket_says_dead(dbapi_conn) -> bool:
    import select

    pgconn = getattr(dbapi_conn, "pgconn", None)
    if pgconn is None:
        return False
    try:
        readable, _, _ = select.select([pgconn.socket], [], [], 0)
        # an idle pooled connection (no LISTEN on it) has nothing to say unless the server is
        # hanging up (a FATAL message, then EOF): replace it; a rare false alarm costs a reconnect
        return bool(readable) or pgconn.status != 0  # 0: psycopg.pq.ConnStatus.OK
    except Exception:
        return True


def retry_on_disconnect(fn: Callable) -> Callable:
    """Run a unit of work once more when its connection turned out dead before anything was
    committed (see `_watch_dead_connections`); any other error is the caller's."""
    import functools

    @functools.wraps(fn)
    def run(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            if not getattr(exc, "retry_safe", False):
                raise
            return fn(*args, **kwargs)

    return run


# A pulled cable must become an error within seconds, not minutes: the clerk window then shows
# its "reconnecting" banner instead of freezing. Values in the URL's query win.
NETWORK_DEFAULTS = {"connect_timeout": 5, "keepalives": 1, "keepalives_idle": 10,
                    "keepalives_interval": 5, "keepalives_count": 3}


def _network_args(parsed) -> dict:
    if parsed.get_backend_name() != "postgresql":
        return {}
    return {k: v for k, v in NETWORK_DEFAULTS.items() if k not in parsed.query}


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


@contextmanager
def autocommit(engine: Engine) -> Iterator:
    """A pooled connection on which each statement is its own transaction (no BEGIN/COMMIT
    round trips): for single-statement services (PostgreSQL call-next)."""
    for attempt in (1, 2):
        conn = engine.connect()
        try:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        except Exception as exc:  # a pooled connection found closed: nothing was sent, take another
            conn.invalidate()
            conn.close()
            if attempt == 2 or not is_connection_error(exc):
                raise
            continue
        break
    with conn:
        yield conn


def upsert_insert(bind):
    """The dialect's INSERT that knows ON CONFLICT (SQLite and PostgreSQL spell it alike)."""
    from sqlalchemy.dialects import postgresql, sqlite

    return postgresql.insert if bind.dialect.name == "postgresql" else sqlite.insert


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions on `engine`. The change notifications for stored visits are registered by whoever
    opens the application (`AppContext.open` calls `notify.register`): db does not import notify."""
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


@contextmanager
def quick_read(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session for small polls: on PostgreSQL each statement is its own transaction (no BEGIN
    and ROLLBACK round trips; statements may see different moments, fine for a screen that polls
    again); on SQLite the same as `reading`. Not for server-side cursors (yield_per) or reports."""
    with factory() as session:
        if session.get_bind().dialect.name == "postgresql":
            session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        else:
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


def test_connection(url: str, timeout: float = 5) -> tuple[bool, str]:
    """What the settings dialog's "test connection" button shows: (ok, message for people).

    Opens a connection with a short timeout, names the server and says whether the schema is
    current (`init-db` still to run is a success with a hint, not a failure).
    """
    url = (url or "").strip()
    try:
        parsed = make_url(url)
    except Exception:
        return False, "数据库地址格式不正确 / invalid database URL"
    engine = None
    try:
        if parsed.get_backend_name() == "postgresql":
            engine = create_engine(url, pool_pre_ping=False, poolclass=_null_pool(),
                                   connect_args={**_network_args(parsed), "connect_timeout": max(1, int(timeout))})
        else:
            engine = make_engine(url)
        with engine.connect() as conn:
            if engine.dialect.name == "postgresql":
                server = "PostgreSQL " + str(conn.execute(text("SHOW server_version")).scalar()).split()[0]
            else:
                server = "SQLite " + str(conn.execute(text("select sqlite_version()")).scalar())
        revision, head = current_revision(engine), head_revision()
    except Exception as exc:  # the driver's message is what the administrator needs
        said = str(getattr(exc, "orig", None) or exc).strip()
        reason = said.splitlines()[0] if said and str(exc).strip() else type(exc).__name__
        return False, f"连接失败 / connection failed: {safe_url(url)}: {reason}"
    finally:
        if engine is not None:
            engine.dispose()
    if revision == head:
        return True, f"连接成功 / connected: {server}, 数据库结构为最新 / schema up to date ({revision})"
    if revision is None:
        return True, f"连接成功 / connected: {server}; 数据库为空，请运行 init-db / empty database: run init-db"
    return True, (f"连接成功 / connected: {server}; 数据库结构 {revision} 需升级到 {head}，请运行 init-db / "
                  f"schema {revision} is behind {head}: run init-db")


def _null_pool():
    from sqlalchemy.pool import NullPool

    return NullPool


class ServerClock(Clock):
    """The database server's time, for a shared database (a wrong terminal clock changes nothing).

    At open, and again every `refresh_every` seconds (in a background thread, so the window never
    waits on the network), the server's `clock_timestamp()` is read; between readings time runs
    on the terminal's monotonic clock from that reading. Setting the terminal's wall clock, even
    while the program runs, cannot move the times written. `offset` is the measured difference
    server minus terminal (what an administrator wants to see). If the server has never answered,
    the terminal's clock is used until it does.
    """

    def __init__(self, engine: Engine, source: Callable[[], datetime] = utcnow, refresh_every: float = 60.0):
        super().__init__(source=source)
        self.engine, self.refresh_every = engine, refresh_every
        self._anchor: tuple[datetime, float] | None = None  # (server time, monotonic time) of a reading
        self._tried_at = float("-inf")
        self._lock = threading.Lock()
        self._refreshing = False

    def refresh(self) -> bool:
        """Read the server's clock now (blocking); False when it cannot be reached."""
        self._tried_at = time.monotonic()
        try:
            with self.engine.connect() as conn:
                before_wall, before = as_utc(self.source()), time.monotonic()
                server = as_utc(conn.execute(text("SELECT clock_timestamp()")).scalar())
                after = time.monotonic()
                conn.rollback()
        except Exception:  # unreachable: keep the last reading, try again later
            return False
        middle = before + (after - before) / 2
        with self._lock:
            self._anchor = (server, middle)
            self.offset = server - (before_wall + (middle - before) * _SECOND)
        return True

    def _refresh_in_background(self) -> None:
        with self._lock:
            if self._refreshing:
                return
            self._refreshing = True
            self._tried_at = time.monotonic()

        def run():
            try:
                self.refresh()
            finally:
                self._refreshing = False

        threading.Thread(target=run, name="server-clock", daemon=True).start()

    def now(self) -> datetime:
        if time.monotonic() - self._tried_at > self.refresh_every:
            self._refresh_in_background()
        anchor = self._anchor
        if anchor is None:
            return as_utc(self.source()) + self.offset
        server, at = anchor
        return server + (time.monotonic() - at) * _SECOND


def server_clock(engine: Engine, *, source: Callable[[], datetime] = utcnow, refresh_every: float = 60.0) -> Clock:
    """A clock following the database server's (PostgreSQL); SQLite's server is this terminal."""
    if is_sqlite(engine):
        return Clock(source=source)
    clock = ServerClock(engine, source=source, refresh_every=refresh_every)
    clock.refresh()
    return clock


def is_connection_error(exc: BaseException) -> bool:
    """The database could not be reached or the connection broke (retry later), as opposed to
    a refusal of the statement itself (a constraint, a bug: retrying cannot help)."""
    from sqlalchemy import exc as sa_exc

    if isinstance(exc, (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.DisconnectionError,
                        sa_exc.TimeoutError)):
        return True
    try:  # the driver's own, where SQLAlchemy did not wrap it (setting up a pooled connection)
        import psycopg

        if isinstance(exc, (psycopg.OperationalError, psycopg.InterfaceError)):
            return True
    except ImportError:
        pass
    return isinstance(exc, sa_exc.DBAPIError) and bool(exc.connection_invalidated)


def safe_url(url: str) -> str:
    """The URL without its password, fit for a dialog or a log."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<invalid database URL>"
