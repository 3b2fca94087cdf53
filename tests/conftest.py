"""Shared fixtures: a migrated database per test, an application context, a movable clock.

Both engines. `db_url` is a fresh migrated SQLite file; a test module marked
`pytest.mark.both_engines` gets `db_url` (and so `ctx`) parametrised over SQLite AND PostgreSQL.
`engine_url` / `any_db` are the same two-engine fixture asked for by name.

PostgreSQL is a real server started by this test session (tests/pg_server.py: initdb + pg_ctl
in a temp folder as the `postgres` user when run as root, a free port, a unix socket in the temp
folder, stopped at the end whatever happens). It starts only when a test needs it. With CI=true a
missing server fails those tests; elsewhere they are skipped with the reason.
"""
from __future__ import annotations

import itertools
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from counter.clock import FixedClock
from counter.config import Config
from counter.context import AppContext

# 10:00 in Shanghai on a Monday
START = datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc)
ENGINES = ("sqlite", "postgresql")
PG_TEMPLATE = "counter_template"
PG_SHARED = "counter_test"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def pytest_configure(config):
    config.addinivalue_line("markers", "both_engines: run the module's db_url/ctx tests on SQLite and PostgreSQL")
    config.addinivalue_line("markers", "postgres: needs a real PostgreSQL server (started by the test session)")


def pytest_generate_tests(metafunc):
    if metafunc.definition.get_closest_marker("both_engines") and "db_url" in metafunc.fixturenames:
        metafunc.parametrize("db_url", ENGINES, indirect=True)


def pytest_collection_modifyitems(config, items):
    for item in items:  # `-m postgres` selects every test that touches the server
        callspec = getattr(item, "callspec", None)
        if callspec and "postgresql" in callspec.params.values():
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    """Settings, drafts and default databases go to a temp folder, never the user's."""
    monkeypatch.setenv("COUNTER_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("COUNTER_DATABASE_URL", raising=False)
    from PySide6.QtCore import QSettings  # per-terminal preferences too: one fresh folder per test

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path_factory.mktemp("qsettings")))


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory) -> Path:
    from counter.db import upgrade

    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    upgrade(f"sqlite:///{path}")
    return path


def _sqlite_url(migrated_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "counter.sqlite3"
    shutil.copy(migrated_template, path)
    return f"sqlite:///{path}"


@pytest.fixture(autouse=True)
def _no_real_printer(tmp_path_factory, monkeypatch):
    """Printing goes to no spooler unless a test asks for the throwaway CUPS (`cups`): finishing a
    visit prints, and a developer's own default printer must not get the test receipts."""
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path_factory.getbasetemp() / "no-cups.sock"))


@pytest.fixture(scope="session")
def cups_server():
    """A CUPS scheduler with a cups-pdf queue (tests/cups_server.py), started once, stopped at the end."""
    from tests.cups_server import CupsServer, ServerMissing

    try:
        server = CupsServer.start()
    except ServerMissing as exc:
        if in_ci():
            pytest.fail(f"CI=true and no CUPS for the printing tests: {exc}", pytrace=False)
        pytest.skip(f"no CUPS on this machine ({exc}); CI runs these tests")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def cups(cups_server, monkeypatch):
    """The test's `lp` (and Qt) talk to the throwaway scheduler."""
    for key, value in cups_server.env().items():
        monkeypatch.setenv(key, value)
    return cups_server


# ------------------------------------------------------------------ PostgreSQL


@pytest.fixture(scope="session")
def pg_cluster():
    """The session's throwaway server (started on first use, stopped at the end)."""
    from tests.pg_server import Cluster, ServerMissing

    try:
        cluster = Cluster.create()
    except ServerMissing as exc:
        if in_ci():
            pytest.fail(f"CI=true and no PostgreSQL server: {exc}", pytrace=False)
        pytest.skip(f"no PostgreSQL server on this machine ({exc}); CI runs these tests")
    except Exception as exc:
        if in_ci():
            pytest.fail(f"CI=true and the PostgreSQL test server did not start: {exc}", pytrace=False)
        pytest.skip(f"PostgreSQL test server did not start: {exc}")
    try:
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture(scope="session")
def pg_template(pg_cluster) -> str:
    """A database migrated to head once; every test's database is a copy of it."""
    from counter.db import upgrade

    url = pg_cluster.create_database(PG_TEMPLATE)
    upgrade(url)
    return PG_TEMPLATE


_serial = itertools.count(1)


class _PgDatabases:
    """Fresh migrated databases: the shared test database emptied (about 2 ms), or a new copy
    of the template (about 0.5 s) when emptying is not possible or a test wants its own."""

    def __init__(self, cluster, template: str):
        self.cluster, self.template = cluster, template
        self.shared_ready = False

    def copy(self) -> tuple[str, str]:
        name = f"counter_t{os.getpid()}_{next(_serial)}"
        return name, self.cluster.create_database(name, self.template)

    def fresh_shared(self) -> str:
        import psycopg

        if not self.shared_ready:
            self.cluster.drop_database(PG_SHARED)
            self.cluster.create_database(PG_SHARED, self.template)
            self.shared_ready = True
            return self.cluster.url(PG_SHARED)
        try:
            with psycopg.connect(host=str(self.cluster.socket_dir), port=self.cluster.port, user="postgres",
                                 dbname=PG_SHARED, connect_timeout=10) as conn:
                conn.execute("SET lock_timeout = '3s'")
                tables = [r[0] for r in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'")]
                seqs = [r[0] for r in conn.execute("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")]
                conn.execute("SET session_replication_role = replica")  # no FK order to respect
                for table in tables:
                    conn.execute(f'DELETE FROM "{table}"')
                for seq in seqs:
                    conn.execute(f"SELECT setval('\"{seq}\"', 1, false)")
                conn.execute("SET session_replication_role = DEFAULT")
        except psycopg.Error:  # a connection a test leaked holds a lock: start from a new copy
            self.shared_ready = False
            return self.fresh_shared()
        return self.cluster.url(PG_SHARED)


@pytest.fixture(scope="session")
def pg_databases(pg_cluster, pg_template) -> _PgDatabases:
    return _PgDatabases(pg_cluster, pg_template)


@pytest.fixture
def pg_url(pg_databases) -> str:
    """A fresh migrated PostgreSQL database for this test."""
    return pg_databases.fresh_shared()


@pytest.fixture
def pg_own_url(pg_databases):
    """A migrated PostgreSQL database of this test's own (a copy of the template), dropped after."""
    name, url = pg_databases.copy()
    yield url
    pg_databases.cluster.drop_database(name)


# ------------------------------------------------------------------ both engines


@pytest.fixture
def db_url(request, migrated_template, tmp_path) -> str:
    """A fresh migrated database: SQLite, or PostgreSQL under `both_engines`."""
    if getattr(request, "param", "sqlite") == "postgresql":
        return request.getfixturevalue("pg_url")
    return _sqlite_url(migrated_template, tmp_path)


@pytest.fixture(params=ENGINES)
def engine_url(request, migrated_template, tmp_path) -> str:
    """A fresh migrated database per test, once on SQLite and once on PostgreSQL."""
    if request.param == "postgresql":
        return request.getfixturevalue("pg_url")
    return _sqlite_url(migrated_template, tmp_path)


@pytest.fixture
def any_db(engine_url, clock):
    """An application context on `engine_url` (both engines), with the movable clock."""
    context = AppContext.open(Config(database_url=engine_url), clock=clock)
    yield context
    context.close()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def ctx(db_url, clock):
    context = AppContext.open(Config(database_url=db_url), clock=clock)
    yield context
    context.close()


@pytest.fixture
def clerk(ctx):
    """Clerk `li` exists and is logged in on this context; returns the principal."""
    from tests.helpers import login_clerk

    ctx.principal = login_clerk(ctx)
    return ctx.principal


@pytest.fixture
def clerk_window(qtbot, ctx, clerk):
    """The real clerk window, shown, for the logged-in clerk."""
    from counter.ui.main_window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def people(ctx):
    """One logged-in principal per role (users `clerk1`, `manager1`, `admin1`, …)."""
    from counter.models import Role
    from tests.helpers import principal

    return {role: principal(ctx, role.value + "1", role) for role in Role}


# The windows' synchronous helpers that only tests call (the windows themselves read in the
# background), and the station row a test's context loads lazily (a terminal loads it on open).
_GUI_THREAD_ALLOWED = {("queue_panel.py", "refresh"), ("display_window.py", "refresh"),
                       ("followups_dialog.py", "load"), ("uncollected_dialog.py", "load"),
                       ("opening.py", "open_context"), ("context.py", "station")}


def _gui_thread_caller() -> str | None:
    """'file:line function' of the outermost counter/ui/ frame when a statement runs on the GUI
    thread from a window, unless it is one of the allowed test helpers; else None."""
    import sys
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None
    frame, outermost = sys._getframe(2), None
    while frame is not None:
        path = frame.f_code.co_filename.replace("\\", "/")
        name = (path.rsplit("/", 1)[-1], frame.f_code.co_name)
        if "/counter/" in path and name in _GUI_THREAD_ALLOWED:
            return None
        if "/counter/ui/" in path:
            outermost = f"{name[0]}:{frame.f_lineno} {name[1]}"
        frame = frame.f_back
    return outermost


@pytest.fixture(autouse=True)
def no_database_on_the_gui_thread(request):
    """Windows never wait on the database (issue 15): a statement run on the GUI thread from
    counter/ui/ fails the test that caused it."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    seen: list[str] = []

    def check(conn, cursor, statement, parameters, context, executemany):
        caller = _gui_thread_caller()
        if caller is not None:
            seen.append(f"{caller}: {statement.split(chr(10))[0][:80]}")

    event.listen(Engine, "before_cursor_execute", check)
    try:
        yield
    finally:
        event.remove(Engine, "before_cursor_execute", check)
    assert not seen, "database statements on the GUI thread:\n" + "\n".join(dict.fromkeys(seen))
