"""Call-next latency (median, p99) with 1 caller and with N concurrent processes; tickets/s.

    .venv/bin/python benchmarks/call_next.py [--tickets 1500] [--processes 8] [--database URL]

Without --database a fresh SQLite file in a temp folder is used (WAL, BEGIN IMMEDIATE, as the
application runs it). Each run issues the tickets first (issue latency is reported too), then
calls them all. Target: median under 10 ms with one caller.
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

from counter import queueing as q
from counter.config import Config
from counter.context import AppContext
from counter.db import upgrade

LETTERS = "AAABBBCV"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def issue(url: str, count: int) -> list[float]:
    ctx = AppContext.open(Config(database_url=url))
    ctx.station  # noqa: B018 - created outside the timing
    timings = []
    for i in range(count):
        t0 = time.perf_counter()
        q.issue_ticket(ctx, LETTERS[i % len(LETTERS)])
        timings.append(time.perf_counter() - t0)
    ctx.close()
    return timings


def caller(url: str, window: int, start, results) -> None:
    ctx = AppContext.open(Config(database_url=url, window_number=window))
    ctx.station  # noqa: B018
    q.call_next(ctx, window)  # warm up: connection, window row, statement cache
    timings, errors = [], 0
    start.wait()
    while True:
        t0 = time.perf_counter()
        try:
            ticket = q.call_next(ctx, window)
        except Exception:
            errors += 1
            continue
        timings.append(time.perf_counter() - t0)
        if ticket is None:
            break
    results.put((timings, errors, time.perf_counter()))
    ctx.close()


def run_callers(url: str, processes: int) -> tuple[list[float], int, float]:
    spawn = mp.get_context("spawn")
    start, results = spawn.Event(), spawn.Queue()
    procs = [spawn.Process(target=caller, args=(url, n + 1, start, results)) for n in range(processes)]
    for p in procs:
        p.start()
    time.sleep(3)  # let every process import and warm up before the race
    began = time.perf_counter()
    start.set()
    outcomes = [results.get(timeout=600) for _ in procs]
    for p in procs:
        p.join()
    timings = [t for ts, _, _ in outcomes for t in ts]
    errors = sum(e for _, e, _ in outcomes)
    wall = max(end for _, _, end in outcomes) - began  # perf_counter is system-wide on Linux
    return timings, errors, wall


def fresh_sqlite(folder: Path, name: str) -> str:
    url = f"sqlite:///{folder / name}"
    upgrade(url)
    return url


def row(label: str, timings: list[float], calls: int, wall: float | None, errors: int) -> str:
    med, p99 = statistics.median(timings) * 1000, percentile(timings, 0.99) * 1000
    rate = f"{calls / wall:8.0f}" if wall else "       —"
    return f"| {label:<28} | {len(timings):6d} | {med:7.2f} | {p99:7.2f} | {rate} | {errors:6d} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1500)
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--database", help="an empty, migrated database URL (default: temp SQLite)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url1 = args.database or fresh_sqlite(folder, "one.sqlite3")
        issued = issue(url1, args.tickets)
        single, errors1, wall1 = run_callers(url1, 1)
        if args.database:
            print("(the same database is used for both runs: tickets are issued again)")
        url8 = args.database or fresh_sqlite(folder, "many.sqlite3")
        issue(url8, args.tickets)
        many, errors8, wall8 = run_callers(url8, args.processes)

    backend = (args.database or "sqlite").split(":")[0]
    print(f"\ncall_next on {backend}, {args.tickets} tickets per run (latency in ms)\n")
    print("| run                          |  calls |  median |     p99 | calls/s  | errors |")
    print("|------------------------------|--------|---------|---------|----------|--------|")
    print(row("issue_ticket, 1 process", issued, len(issued), None, 0))
    print(row("call_next, 1 caller", single, args.tickets, wall1, errors1))
    print(row(f"call_next, {args.processes} processes", many, args.tickets, wall8, errors8))


if __name__ == "__main__":
    main()
