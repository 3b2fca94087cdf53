"""PostgreSQL vs SQLite with 1, 8 and 32 terminals: call next and finish a visit (median, p99, per s).

    .venv/bin/python benchmarks/pg_vs_sqlite.py [--terminals 1 8 32] [--pg-url URL] [--quick] [--engines …]

Also counted: duplicates (a ticket called by two terminals: must be 0), errors, and the round
trips per action (benchmarks/round_trips.py, libpq's trace: the machine-independent figure).

Each terminal is a real process (spawn) with its own AppContext, as in the hall. Per engine and
terminal count: a fresh migrated database, tickets issued beforehand, then every terminal
presses "call next" until the queue is empty (phase 1), then finishes visits (phase 2: a
walk-in with one household and one traffic procedure, identity, materials, step events and a
receipt, as `finish_visit` stores it). The phases start on a barrier once every process has
imported and warmed up; throughput is operations / wall time of the phase.

PostgreSQL: `--pg-url` (an empty server database the script may create databases on: it uses
`CREATE DATABASE`), else a throwaway cluster like the tests' (tests/pg_server.py) with fsync ON,
so commits cost what they cost on a real server. SQLite: a temp file in WAL mode, BEGIN IMMEDIATE.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LETTERS = "AAABBBCV"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def prepare(url: str, tickets: int) -> None:
    from sqlalchemy import select

    from counter import queueing as q
    from counter.auth import create_user
    from counter.config import Config
    from counter.context import AppContext
    from counter.db import upgrade
    from counter.models import Role, User

    upgrade(url)
    ctx = AppContext.open(Config(database_url=url))
    station = ctx.station.id
    with ctx.sessions.begin() as session:
        if session.scalar(select(User).where(User.username == "bench")) is None:
            create_user(session, ctx.clock, station_id=station, username="bench", display_name="Bench",
                        role=Role.CLERK, password="Bench@2026", must_change=False)
    for i in range(tickets):
        q.issue_ticket(ctx, LETTERS[i % len(LETTERS)])
    ctx.close()


def terminal(url: str, window: int, visits: int, barrier, results, pace: float = 0.0) -> None:
    from counter import queueing as q
    from counter.auth import login
    from counter.config import Config
    from counter.context import AppContext
    from counter.forms.flow import VisitFlow
    from tests.helpers import make_flow
    from counter.visits import finish_visit

    ctx = AppContext.open(Config(database_url=url, window_number=window))
    ctx.station  # noqa: B018
    with ctx.sessions() as session:
        principal = login(session, ctx.clock, "bench", "Bench@2026")

    def flow() -> VisitFlow:
        return make_flow(ctx, codes=("HZ-08", "JG-A2"))  # every page filled as the catalogue asks

    flows = [flow() for _ in range(visits)]  # built outside the timing: form work is not the database's
    calls, finishes, errors, called = [], [], 0, []
    barrier.wait()
    began = time.perf_counter()
    misses = 0
    while misses < 2:
        t0 = time.perf_counter()
        try:
            ticket = q.call_next(ctx, window)
        except Exception:
            errors += 1
            continue
        took = time.perf_counter() - t0
        calls.append(took)
        misses = misses + 1 if ticket is None else 0
        if pace and took < pace:  # a clerk presses F2 now and then, not back to back
            time.sleep(pace - took)
        if ticket is not None:
            called.append(ticket.id)
    call_end = time.perf_counter()
    barrier.wait()
    finish_began = time.perf_counter()
    for f in flows:
        t0 = time.perf_counter()
        try:
            finish_visit(ctx, f, principal)
        except Exception:
            errors += 1
            continue
        finishes.append(time.perf_counter() - t0)
    finish_end = time.perf_counter()
    ctx.close()
    results.put((calls, finishes, errors, began, call_end, finish_began, finish_end, called))


def run(url: str, terminals: int, tickets: int, visits_each: int, pace: float = 0.0) -> dict:
    prepare(url, tickets)
    spawn = mp.get_context("spawn")
    barrier, results = spawn.Barrier(terminals), spawn.Queue()
    procs = [spawn.Process(target=terminal, args=(url, n + 1, visits_each, barrier, results, pace))
             for n in range(terminals)]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=1800) for _ in procs]
    for p in procs:
        p.join()
    calls = [t for o in outcomes for t in o[0]]
    finishes = [t for o in outcomes for t in o[1]]
    call_wall = max(o[4] for o in outcomes) - min(o[3] for o in outcomes)
    finish_wall = max(o[6] for o in outcomes) - min(o[5] for o in outcomes)
    called = [t for o in outcomes for t in o[7]]
    return {"calls": calls, "finishes": finishes, "errors": sum(o[2] for o in outcomes),
            "duplicates": len(called) - len(set(called)), "called": len(called),
            "call_rate": tickets / call_wall, "finish_rate": len(finishes) / finish_wall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terminals", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--pg-url", help="a PostgreSQL server URL to create the benchmark databases on")
    parser.add_argument("--quick", action="store_true", help="fewer tickets and visits (a smoke run)")
    parser.add_argument("--engines", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--pace", type=float, default=0.0,
                        help="seconds between one terminal's call-next presses (default 0: back to back, saturating)")
    args = parser.parse_args()

    cluster = None
    if args.pg_url:
        admin_url = args.pg_url
    else:
        from tests.pg_server import Cluster

        cluster = Cluster.create(prefix="counter-bench-", durable=True)
        admin_url = cluster.url("postgres")
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for n in args.terminals:
                tickets = (100 if args.quick else 300) + 20 * n
                visits_each = max(3 if args.quick else 5, (80 if args.quick else 240) // n)
                for engine in args.engines:
                    if engine == "sqlite":
                        url = f"sqlite:///{Path(tmp) / f'bench{n}.sqlite3'}"
                    else:
                        url = _pg_database(admin_url, f"counter_bench_{n}")
                    result = run(url, n, tickets, visits_each, args.pace)
                    rows.append((engine, n, result))
                    print(f"  {engine:<10} {n:>2} terminals: done", file=sys.stderr, flush=True)
        if "postgresql" in args.engines:
            from benchmarks.round_trips import measure
            from counter.db import upgrade

            trips_url = _pg_database(admin_url, "counter_bench_trips")
            upgrade(trips_url)
            trips = measure(trips_url)
    finally:
        if cluster is not None:
            cluster.destroy()

    import os

    print(f"\nmachine: {os.cpu_count()} CPUs (shared), {sys.platform}, Python {sys.version.split()[0]}")
    pace = f", each terminal pressing call-next every {args.pace * 1000:g} ms" if args.pace else ", back to back"
    print(f"\ncall next and finish a visit, N terminal processes at once{pace} (latency in ms)\n")
    print("| engine     |  N | call next median | p99    | calls/s "
          "| finish median | p99    | visits/s | dup | errors |")
    print("|------------|----|------------------|--------|---------|---------------|--------|----------|-----|--------|")
    for engine, n, r in rows:
        c, f = r["calls"], r["finishes"]
        print(f"| {engine:<10} | {n:>2} | {statistics.median(c) * 1000:16.2f} | {percentile(c, .99) * 1000:6.1f} "
              f"| {r['call_rate']:7.0f} | {statistics.median(f) * 1000:13.2f} | {percentile(f, .99) * 1000:6.1f} "
              f"| {r['finish_rate']:8.1f} | {r['duplicates']:3d} | {r['errors']:6d} |")
    if "postgresql" in args.engines:
        print("\nround trips to PostgreSQL per action (libpq trace)\n")
        for action, n in trips.items():
            print(f"- {action}: {n}")


def _pg_database(admin_url: str, name: str) -> str:
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(admin_url)
    conninfo = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return parsed.set(database=name).render_as_string(hide_password=False)


if __name__ == "__main__":
    main()
