"""Round trips to PostgreSQL per action, counted at the protocol level (libpq's trace).

    .venv/bin/python benchmarks/round_trips.py [--pg-url URL]

Every pooled connection of the engine writes libpq's trace (`PGconn.trace`) to a file; a round
trip is a message after which the client waits for the server: `Sync` (extended protocol: one
per statement sent with parameters) or `Query` (simple protocol: BEGIN, COMMIT, ROLLBACK). The
count does not depend on the machine: it is the figure to compare, the milliseconds are not.

Counted for call-next, recall, start, no-show, finishing a visit and issuing a kiosk ticket,
with the one-statement PostgreSQL path and, for comparison, the ORM path (`--orm`, what the
program did before: pre-ping, BEGIN, one statement per step, COMMIT).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))



class Tracer:
    """libpq trace of every connection of an engine, into one file; `count()` round trips."""

    def __init__(self, engine):
        from sqlalchemy import event

        fd, self.path = tempfile.mkstemp(prefix="pgtrace-", suffix=".txt")
        os.close(fd)
        self.file = open(self.path, "w+b", buffering=0)
        self.traced = set()
        event.listen(engine, "checkout", self._trace)
        engine.dispose()  # connections made from now on are traced at checkout

    def _trace(self, dbapi_conn, _record, _proxy):
        from psycopg import pq

        if id(dbapi_conn) in self.traced:
            return
        self.traced.add(id(dbapi_conn))
        dbapi_conn.pgconn.trace(self.file.fileno())
        dbapi_conn.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS | pq.Trace.REGRESS_MODE)

    @contextmanager
    def counting(self, into: dict, key: str):
        start = self.file.seek(0, os.SEEK_END)
        yield
        self.file.seek(start)
        lines = self.file.read().decode("utf-8", "replace").splitlines()
        into[key] = sum(1 for line in lines
                        if line.startswith("F\t") and (line.split("\t")[2:3] in (["Sync"], ["Query"])))
        if os.environ.get("ROUND_TRIPS_VERBOSE"):
            print(f"--- {key}", file=sys.stderr)
            for line in lines:
                if line.startswith("F\t") and line.split("\t")[2:3] in (["Parse"], ["Query"]):
                    print("   ", line[:160], file=sys.stderr)


def measure(url: str, *, orm: bool = False) -> dict:

    from counter import queueing as q
    from counter.auth import create_user, login
    from counter.config import Config
    from counter.context import AppContext
    from counter.models import Role
    from counter.visits import finish_visit
    from tests.helpers import make_flow

    if orm:  # what the program did before: the ORM path and a pre-ping per checkout
        q._call_next_in_one = lambda *a, **k: None
        q._in_one = lambda *a, **k: None
        q._issue_in_one = lambda *a, **k: None
        q._finish_ticket_in_one = None
    ctx = AppContext.open(Config(database_url=url, window_number=1))
    if orm:
        ctx.engine.pool._pre_ping = True
        import counter.queueing as queueing

        original_finish = queueing.finish_ticket

        def finish_ticket_orm(session, ticket_id, at):  # the ORM branch of finish_ticket
            dialect = session.bind.dialect
            name, dialect.name = dialect.name, "orm"
            try:
                return original_finish(session, ticket_id, at)
            finally:
                dialect.name = name

        queueing.finish_ticket = finish_ticket_orm
    with ctx.sessions.begin() as session:
        create_user(session, ctx.clock, station_id=ctx.station.id, username="rt", display_name="RT",
                    role=Role.CLERK, password="Bench@2026", must_change=False)
    with ctx.sessions() as session:
        ctx.principal = login(session, ctx.clock, "rt", "Bench@2026")
    for _ in range(6):
        q.issue_ticket(ctx, "A")
    q.call_next(ctx, 1)  # the window's row exists from here on
    tracer = Tracer(ctx.engine)
    q.issue_ticket(ctx, "A")  # warm: a traced connection in the pool
    counts: dict[str, int] = {}
    with tracer.counting(counts, "call next"):
        q.call_next(ctx, 1)
    with tracer.counting(counts, "recall"):
        q.recall(ctx, 1)
    with tracer.counting(counts, "no-show"):
        q.no_show(ctx, 1)
    ticket = q.call_next(ctx, 1)
    with tracer.counting(counts, "start"):
        q.start_service(ctx, 1)
    flow = make_flow(ctx, codes=("HZ-08",), ticket_id=ticket.id)  # every page filled as the catalogue asks
    with tracer.counting(counts, "finish visit (whole visit)"):
        finish_visit(ctx, flow, ctx.principal)
    with tracer.counting(counts, "issue ticket (kiosk)"):
        q.issue_ticket(ctx, "B", source="kiosk")
    ctx.close()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-url", help="an empty PostgreSQL database URL (else a throwaway cluster)")
    args = parser.parse_args()
    from counter.db import upgrade

    cluster = None
    try:
        rows = {}
        for orm in (True, False):
            if args.pg_url:
                url = args.pg_url
            else:
                from tests.pg_server import Cluster

                cluster = cluster or Cluster.create(prefix="counter-rt-")
                name = "rt_orm" if orm else "rt_one"
                url = cluster.create_database(name)
            upgrade(url)
            # a fresh interpreter state per path would be cleaner; the ORM run patches, so it goes first
            rows["before (ORM path, pre-ping)" if orm else "now"] = measure(url, orm=orm)
            if orm:
                _unpatch()
    finally:
        if cluster is not None:
            cluster.destroy()
    keys = list(next(iter(rows.values())))
    print("\nround trips to PostgreSQL per action (libpq trace: Sync + Query messages)\n")
    print("| action | " + " | ".join(rows) + " |")
    print("|---|" + "---|" * len(rows))
    for key in keys:
        print(f"| {key} | " + " | ".join(str(r[key]) for r in rows.values()) + " |")


def _unpatch() -> None:
    import importlib

    import counter.queueing

    importlib.reload(counter.queueing)


if __name__ == "__main__":
    main()
