"""Many terminals pressing "call next" at once: every ticket called exactly once, none lost.

Real processes (multiprocessing 'spawn', like separate terminals), one database. Uses the
`db_url` fixture only, so a PostgreSQL parametrisation of that fixture runs it unchanged.
"""
from __future__ import annotations

import multiprocessing as mp
from collections import Counter as Tally

import pytest
from sqlalchemy import func, select

from counter import queueing as q
from counter.config import Config
from counter.context import AppContext
from counter.models import Ticket, TicketEvent

PROCESSES = 8
TICKETS = 300


def caller(url: str, window: int, start, results) -> None:
    """One terminal: call next until nobody is waiting; count every error instead of dying."""
    ctx = AppContext.open(Config(database_url=url, window_number=window))
    called, errors, misses = [], [], 0
    ctx.station  # noqa: B018 - resolve the station before the race starts
    start.wait()
    while misses < 3:  # a few empty answers in a row: the queue is really empty
        try:
            ticket = q.call_next(ctx, window)
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
            if len(errors) > 50:
                break
            continue
        if ticket is None:
            misses += 1
        else:
            misses = 0
            called.append(ticket.id)
    ctx.close()
    results.put((window, called, errors))


@pytest.mark.slow
def test_parallel_call_next_calls_every_ticket_once(db_url):
    ctx = AppContext.open(Config(database_url=db_url))
    letters = "AAABBBCV"
    issued = [q.issue_ticket(ctx, letters[i % len(letters)]).id for i in range(TICKETS)]

    spawn = mp.get_context("spawn")
    start, results = spawn.Event(), spawn.Queue()
    procs = [spawn.Process(target=caller, args=(db_url, n + 1, start, results)) for n in range(PROCESSES)]
    for p in procs:
        p.start()
    start.set()
    outcomes = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0

    errors = [e for _, _, errs in outcomes for e in errs]
    assert errors == []  # in particular no "database is locked" escaped
    called = [t for _, ids, _ in outcomes for t in ids]
    duplicates = [t for t, n in Tally(called).items() if n > 1]
    assert duplicates == []
    assert sorted(called) == sorted(issued)
    assert sum(1 for _, ids, _ in outcomes if ids) >= 2  # the race really was run in parallel

    with ctx.sessions() as s:
        calls = s.scalar(select(func.count()).select_from(TicketEvent).where(TicketEvent.kind == "call"))
        waiting = s.scalar(select(func.count()).select_from(Ticket).where(Ticket.status == "waiting"))
    assert (calls, waiting) == (TICKETS, 0)
    ctx.close()
