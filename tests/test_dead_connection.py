"""A pooled PostgreSQL connection that died while idle (server restart, ended session): no
pre-ping round trip, yet no error for the clerk, and nothing stored twice (counter/db.py)."""
from __future__ import annotations

import os
import socket

import psycopg
import pytest
from sqlalchemy import func, select

from counter import db
from counter import queueing as q
from counter.config import Config
from counter.context import AppContext
from counter.models import Ticket
from counter.notify import libpq_conninfo

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_ctx(pg_url, clock):
    ctx = AppContext.open(Config(database_url=pg_url), clock=clock)
    yield ctx
    ctx.close()


def end_other_sessions(url: str) -> int:
    with psycopg.connect(libpq_conninfo(url), autocommit=True) as conn:
        # with a timeout (PostgreSQL 14+) the call returns once each backend has exited, i.e. after it
        # wrote its FATAL message to the terminal's socket: no sleep needed
        ended = conn.execute("SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
                             "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchone()[0]
    return ended


def tickets(ctx) -> int:
    with ctx.sessions() as s:
        return s.scalar(select(func.count()).select_from(Ticket))


def test_engine_sends_no_pre_ping(pg_ctx):
    assert pg_ctx.engine.pool._pre_ping is False


def test_connection_ended_while_idle_is_replaced_at_checkout(pg_ctx, pg_url):
    q.issue_ticket(pg_ctx, "A")
    q.call_next(pg_ctx, 1)
    assert end_other_sessions(pg_url) >= 1
    assert q.issue_ticket(pg_ctx, "A").code == "A002"  # no error: the dead one was not used
    assert q.call_next(pg_ctx, 1).code == "A002"
    assert tickets(pg_ctx) == 2


def test_transaction_failing_on_a_dead_connection_runs_again_once(pg_ctx, pg_url, monkeypatch):
    q.issue_ticket(pg_ctx, "A")
    q.call_next(pg_ctx, 1)
    monkeypatch.setattr(db, "_socket_says_dead", lambda _conn: False)  # as if the socket said nothing
    end_other_sessions(pg_url)
    assert q.pause_window(pg_ctx, 1).state == "paused"  # a transaction: failed on first use, ran again
    assert q.window_state(pg_ctx, 1).version == 1  # once


def test_statement_refused_by_a_server_that_ended_the_session_runs_again(pg_ctx, pg_url, monkeypatch):
    q.issue_ticket(pg_ctx, "A")
    monkeypatch.setattr(db, "_socket_says_dead", lambda _conn: False)
    end_other_sessions(pg_url)  # the answer to the next statement is "terminating connection" (57P01)
    assert q.issue_ticket(pg_ctx, "A").code == "A002"  # one statement, not applied: ran again
    assert tickets(pg_ctx) == 2


def test_pooled_connection_found_closed_is_replaced_before_anything_is_sent(pg_ctx, monkeypatch):
    q.issue_ticket(pg_ctx, "A")
    q.call_next(pg_ctx, 1)
    monkeypatch.setattr(db, "_socket_says_dead", lambda _conn: False)
    pg_ctx.engine.dispose()
    with pg_ctx.engine.connect() as conn:
        idle = conn.connection.dbapi_connection
    idle.pgconn.finish()  # closed while in the pool
    assert q.issue_ticket(pg_ctx, "A").code == "A002"
    assert tickets(pg_ctx) == 2


def test_single_statement_whose_connection_broke_is_not_repeated(pg_ctx, monkeypatch):
    q.issue_ticket(pg_ctx, "A")
    q.issue_ticket(pg_ctx, "A")
    q.call_next(pg_ctx, 1)
    monkeypatch.setattr(db, "_socket_says_dead", lambda _conn: False)
    pg_ctx.engine.dispose()  # one pooled connection from here: the one broken below
    with pg_ctx.engine.connect() as conn:
        idle = conn.connection.dbapi_connection
    # back in the pool, its link breaks without a word from the server
    socket.socket(fileno=os.dup(idle.pgconn.socket)).shutdown(socket.SHUT_RDWR)
    with pytest.raises(Exception) as failed:  # it may have been applied: the caller decides
        q.call_next(pg_ctx, 1)
    assert db.is_connection_error(failed.value)
    assert q.call_next(pg_ctx, 1).code == "A002"  # the next press works, and called once
