"""PostgreSQL's one-statement call-next (counter/queue_sql.py) against the ORM rule.

The same scenario — a priority streak with its limit, two windows with different queues, a
transfer to a window, an empty queue, a paused window, a closed window opened by its first call —
runs on SQLite (the ORM path) and on PostgreSQL (one statement per call-next); the tickets,
events and windows stored must be the same (finishing a visit's ticket too), field by field.
"""
from __future__ import annotations

import pytest
from sqlalchemy import event, select

from counter import queueing as q
from counter.clock import FixedClock
from counter.config import Config
from counter.context import AppContext
from counter.models import ServiceWindow, Ticket, TicketEvent
from tests.conftest import START, _sqlite_url

pytestmark = pytest.mark.postgres


def scenario(ctx, clock) -> list:
    """Returns what each action answered (codes or errors), in order."""
    said = []

    def step(action, *args, **kw):
        clock.advance(seconds=17)
        try:
            result = action(ctx, *args, **kw)
        except q.QueueError as exc:
            said.append(("error", exc.en))
            return None
        said.append(getattr(result, "code", None) or getattr(result, "state", result))
        return result

    with ctx.sessions.begin() as s:  # window 1 serves everything, window 2 only B
        q.window_row(s, ctx, 1)
        q.window_row(s, ctx, 2).categories = "B"
    for letter in "VVVAABVB":
        issued = step(q.issue_ticket, letter)
        said.append(("ahead", issued.waiting_ahead, issued.priority, issued.number))
    for _ in range(4):  # streak limit 2: V V A V
        step(q.call_next, 1, limit=2)
    step(q.call_next, 2, limit=2)  # B001 at window 2
    step(q.start_service, 2)
    step(q.recall, 1)
    step(q.transfer, 1, to_window=2)  # the V at window 1 goes to window 2 (any category there)
    step(q.call_next, 2, limit=2)  # settles B001 as served, takes the transferred V
    step(q.pause_window, 2)
    step(q.call_next, 2, limit=2)  # paused: refused
    step(q.resume_window, 2)
    current = step(q.call_next, 1, limit=2)
    step(q.start_service, 1)
    with ctx.sessions.begin() as s:  # the visit is finished (one statement on PostgreSQL)
        said.append(q.finish_ticket(s, current.id, clock.advance(seconds=60)).outcome)
        said.append(q.finish_ticket(s, current.id, clock.advance(seconds=1)).outcome)  # again: no change
    step(q.recall, 1)  # nothing called at window 1 now: refused
    step(q.call_next, 1, limit=2)
    step(q.no_show, 1)  # not recalled yet: refused
    step(q.recall, 1)
    step(q.no_show, 1)
    step(q.no_show, 1)  # gone: refused
    step(q.call_next, 1, limit=2)
    step(q.start_service, 1)
    step(q.start_service, 1)  # again while serving: unchanged
    for _ in range(4):
        step(q.call_next, 1, limit=2)
    step(q.call_next, 1, limit=2)  # empty: settles the last one, None
    step(q.call_next, 2, limit=2)
    step(q.call_next, 2, limit=2)
    return said


def snapshot(ctx) -> dict:
    with ctx.sessions() as s:
        windows = {w.id: w.number for w in s.scalars(select(ServiceWindow))}
        codes = {t.id: t.code for t in s.scalars(select(Ticket))}
        tickets = [(t.code, t.status, t.outcome, windows.get(t.window_id), windows.get(t.target_window_id),
                    t.issued_at, t.called_at, t.last_called_at, t.answered_at, t.started_at, t.finished_at,
                    t.recalls, t.priority)
                   for t in s.scalars(select(Ticket).order_by(Ticket.id))]
        events = [(codes[e.ticket_id], e.kind, e.at, windows.get(e.window_id), e.detail)
                  for e in s.scalars(select(TicketEvent).order_by(TicketEvent.id))]
        wins = [(w.number, w.state, w.priority_streak, codes.get(w.current_ticket_id), w.opened_at, w.version)
                for w in s.scalars(select(ServiceWindow).order_by(ServiceWindow.number))]
    return {"tickets": tickets, "events": events, "windows": wins}


def run(url: str) -> tuple[list, dict]:
    clock = FixedClock(START)
    ctx = AppContext.open(Config(database_url=url), clock=clock)
    try:
        return scenario(ctx, clock), snapshot(ctx)
    finally:
        ctx.close()


def test_one_statement_call_next_stores_what_the_orm_path_stores(migrated_template, tmp_path, pg_url):
    said_sqlite, sqlite = run(_sqlite_url(migrated_template, tmp_path))
    said_pg, pg = run(pg_url)
    assert said_pg == said_sqlite
    assert ("error", "window 2 is paused: resume it first") in said_pg and None in said_pg
    assert pg["windows"] == sqlite["windows"]
    assert pg["tickets"] == sqlite["tickets"]
    assert pg["events"] == sqlite["events"]


def test_call_next_on_postgresql_is_one_statement(pg_url, clock):
    ctx = AppContext.open(Config(database_url=pg_url), clock=clock)
    try:
        q.issue_ticket(ctx, "A")
        q.issue_ticket(ctx, "A")
        q.call_next(ctx, 1)  # first use creates the window (ORM path)
        statements = []
        event.listen(ctx.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        ticket = q.call_next(ctx, 1)
        assert ticket.code == "A002" and ticket.status == "called"
        assert len(statements) == 1 and statements[0].lstrip().startswith("WITH")
    finally:
        ctx.close()


def test_scenario_meets_every_refusal(migrated_template, tmp_path):
    said, _ = run(_sqlite_url(migrated_template, tmp_path))
    errors = [s[1] for s in said if isinstance(s, tuple) and s[0] == "error"]
    assert errors == ["window 2 is paused: resume it first", "window 1 has no called ticket",
                      "recall the ticket at least once before marking a no-show", "window 1 has no called ticket"]


def test_issuing_a_ticket_on_postgresql_is_one_statement(pg_url, clock):
    ctx = AppContext.open(Config(database_url=pg_url), clock=clock)
    try:
        q.issue_ticket(ctx, "A")
        statements = []
        event.listen(ctx.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        issued = q.issue_ticket(ctx, "A", source="kiosk")
        assert (issued.code, issued.waiting_ahead, issued.source) == ("A002", 1, "kiosk")
        assert len(statements) == 1 and statements[0].lstrip().startswith("WITH")
    finally:
        ctx.close()


def test_finishing_a_ticket_on_postgresql_is_one_statement(pg_url, clock):
    ctx = AppContext.open(Config(database_url=pg_url), clock=clock)
    try:
        q.issue_ticket(ctx, "A")
        ticket = q.call_next(ctx, 1)
        statements = []
        event.listen(ctx.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        with ctx.sessions.begin() as s:
            assert q.finish_ticket(s, ticket.id, clock.now()).outcome == "served"
        assert len(statements) == 1 and statements[0].lstrip().startswith("WITH")
    finally:
        ctx.close()
