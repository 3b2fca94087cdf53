"""The shared engine: migrations, visits, numbering and the server's clock on SQLite AND PostgreSQL.

Every test here runs against a real PostgreSQL server started by the test session (see
conftest.py); with CI=true a missing server fails them instead of skipping.
"""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, inspect, select, text

from counter import db
from counter import queueing as q
from counter.clock import Clock, FixedClock, as_utc, utcnow
from counter.config import Config
from counter.context import AppContext
from counter.models import Item, Receipt, Ticket, Visit
from counter.visits import finish_visit
from tests.helpers import login_clerk, make_flow



# ------------------------------------------------------------------ helpers





def empty_database(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    cluster = request.getfixturevalue("pg_cluster")
    name = f"counter_empty_{abs(hash(request.node.nodeid)) % 10**8}"
    cluster.drop_database(name)
    url = cluster.create_database(name)
    request.addfinalizer(lambda: cluster.drop_database(name))
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path) -> str:
    return empty_database(request, tmp_path)


# ------------------------------------------------------------------ migrations


def test_alembic_upgrade_from_empty_to_head_and_down_one_step(empty_url):
    head = db.head_revision()
    db.upgrade(empty_url)
    engine = db.make_engine(empty_url)
    try:
        assert db.current_revision(engine) == head
        tables = set(inspect(engine).get_table_names())
        assert {"stations", "tickets", "visits", "items", "receipts", "change_markers"} <= tables

        from alembic.script import ScriptDirectory

        previous = ScriptDirectory.from_config(db.alembic_config(empty_url)).get_revision(head).down_revision
        db.downgrade(empty_url, "-1")
        engine.dispose()
        assert db.current_revision(engine) == previous
        db.upgrade(empty_url)  # and back up again: the downgrade left a consistent schema
        engine.dispose()
        assert db.current_revision(engine) == head
    finally:
        engine.dispose()


# ------------------------------------------------------------------ visits and numbering


def test_finish_visit_stores_once_on_both_engines(any_db, clock):
    ctx = any_db
    principal = login_clerk(ctx)
    flow = make_flow(ctx)
    clock.advance(minutes=3)
    first = finish_visit(ctx, flow, principal)
    second = finish_visit(ctx, flow, principal)  # a retry after an unclear outcome
    assert second.already_stored and second.visit_id == first.visit_id
    assert second.receipt_number == first.receipt_number
    with ctx.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Visit)) == 1
        assert s.scalar(select(func.count()).select_from(Item)) == 2
        visit = s.scalar(select(Visit))
        assert as_utc(visit.finished_at) == clock.now()
        assert as_utc(visit.started_at) == clock.now() - timedelta(minutes=3)


def test_receipt_numbers_are_sequential_and_unique(any_db, clock):
    ctx = any_db
    principal = login_clerk(ctx)
    numbers = []
    for _ in range(3):
        clock.advance(minutes=1)
        numbers.append(finish_visit(ctx, make_flow(ctx, codes=("HZ-08",)), principal).receipt_number)
    assert len(set(numbers)) == 3 and numbers == sorted(numbers)
    with ctx.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Receipt)) == 3


def test_ticket_call_start_finish_on_both_engines(any_db, clock):
    ctx = any_db
    principal = login_clerk(ctx)
    issued = q.issue_ticket(ctx, "C")
    clock.advance(minutes=5)
    called = q.call_next(ctx, 1)
    assert called.id == issued.id
    clock.advance(minutes=1)
    flow = make_flow(ctx, ticket_id=issued.id)
    clock.advance(minutes=4)
    finish_visit(ctx, flow, principal)
    with ctx.sessions() as s:
        ticket = s.get(Ticket, issued.id)
        assert ticket.status == q.DONE and ticket.outcome == "served"
        assert as_utc(ticket.called_at) - as_utc(ticket.issued_at) == timedelta(minutes=5)
    with db.reading(ctx.sessions) as s:
        assert q.change_version(s, ctx.station.id) >= 3  # issue, call, finish


# ------------------------------------------------------------------ the server's clock


def test_server_clock_ignores_a_terminal_clock_an_hour_wrong(pg_url):
    wrong = Clock(source=lambda: utcnow() + timedelta(hours=1))
    ctx = AppContext.open(Config(database_url=pg_url), clock=wrong)
    try:
        assert isinstance(ctx.clock, db.ServerClock)
        assert abs(ctx.clock.offset + timedelta(hours=1)) < timedelta(seconds=2)
        with ctx.engine.connect() as conn:
            server = as_utc(conn.execute(text("SELECT clock_timestamp()")).scalar())
        assert abs(ctx.clock.now() - server) < timedelta(seconds=2)
        issued = q.issue_ticket(ctx, "A")
        assert abs(issued.issued_at - server) < timedelta(seconds=5)
    finally:
        ctx.close()


def test_server_clock_survives_a_terminal_clock_changed_while_running(pg_url):
    jump = {"by": timedelta()}
    engine = db.make_engine(pg_url)
    try:
        clock = db.server_clock(engine, source=lambda: utcnow() + jump["by"])
        before = clock.now()
        jump["by"] = timedelta(hours=-1)  # someone sets the terminal's clock back an hour
        assert timedelta() <= clock.now() - before < timedelta(seconds=2)
    finally:
        engine.dispose()


def test_sqlite_and_fixed_clocks_are_left_alone(db_url, pg_url):
    fixed = FixedClock(utcnow())
    ctx = AppContext.open(Config(database_url=pg_url), clock=fixed)
    assert ctx.clock is fixed  # a test's own time is kept
    ctx.close()
    ctx = AppContext.open(Config(database_url=db_url))
    assert type(ctx.clock) is Clock  # SQLite: this terminal is the server
    ctx.close()


def test_unreachable_server_falls_back_to_the_terminal_clock(pg_cluster):
    engine = db.make_engine(f"postgresql+psycopg://postgres@127.0.0.1:{pg_cluster.port + 1}/none?connect_timeout=2")
    try:
        clock = db.server_clock(engine)
        assert abs(clock.now() - utcnow()) < timedelta(seconds=2)
    finally:
        engine.dispose()


# ------------------------------------------------------------------ test connection


def test_connection_check_names_server_and_schema(pg_url, pg_cluster, db_url):
    ok, message = db.test_connection(pg_url)
    assert ok and "PostgreSQL" in message and db.head_revision() in message
    ok, message = db.test_connection(db_url)
    assert ok and "SQLite" in message

    pg_cluster.drop_database("counter_blank")
    blank = pg_cluster.create_database("counter_blank")
    ok, message = db.test_connection(blank)
    assert ok and "init-db" in message
    pg_cluster.drop_database("counter_blank")

    secret = f"postgresql+psycopg://postgres:s3cret@127.0.0.1:{pg_cluster.port + 1}/x"
    ok, message = db.test_connection(secret, timeout=2)
    assert not ok and "s3cret" not in message and "连接失败" in message
    assert db.test_connection("not a url")[0] is False
