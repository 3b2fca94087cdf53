"""A busy hall for a year: `demo` time, then the whole-year Excel export against a bare dump.

34 windows, 600 citizens a weekday, 365 days (SQLite file in a temp folder). Prints:
- demo (simulator) seconds and row counts (target: under 60 s);
- metrics.compute for the year (seconds);
- export-report for the year (seconds, peak memory) and a bare dump of the same raw rows with
  the same writer (XlsxWriter constant_memory, one plain sheet), and the ratio (target ≤ 1.3);
- peak memory of each step, measured in a child process (ru_maxrss; target under 300 MB).

    .venv/bin/python benchmarks/report_year.py [--days 365] [--visits 600] [--windows 34] [--db FILE]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)  # 17:00 in the hall: a whole last day


def _ctx(path: str):
    from counter.clock import FixedClock
    from counter.config import Config
    from counter.context import AppContext

    return AppContext.open(Config(database_url=f"sqlite:///{path}"), clock=FixedClock(NOW))


def step(name: str, db: str, days: int, visits: int, windows: int, out: str) -> dict:
    """One measured step, run in its own process so its peak memory is its own."""
    from counter.metrics import Period

    ctx = _ctx(db)
    end = NOW.astimezone(timezone(timedelta(hours=8))).date()
    period = Period(end - timedelta(days=days - 1), end)
    _ = ctx.catalog, ctx.station
    t0 = time.perf_counter()
    info: dict = {}
    if name == "demo":
        from counter.simulate import SimOptions, simulate

        r = simulate(ctx, SimOptions(days=days, visits_per_day=visits, windows=windows, seed=2026,
                                     before_after=end - timedelta(days=days // 2)))
        info = {"tickets": r.tickets, "visits": r.visits, "items": r.items, "events": r.events}
    elif name == "metrics":
        from counter.metrics import compute

        m = compute(ctx, period)
        info = {"visits": m.total.visits}
    elif name == "export":
        from counter.reports import export_report

        r = export_report(ctx, period, out)
        info = {"rows": r.rows, "bytes": os.path.getsize(out)}
    elif name == "dump":
        from counter.reports import bare_dump

        info = {"rows": bare_dump(ctx, period, out), "bytes": os.path.getsize(out)}
    info["seconds"] = time.perf_counter() - t0
    info["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return info


def run_child(name: str, args, out: str = "") -> dict:
    cmd = [sys.executable, __file__, "--child", name, "--db", args.db, "--days", str(args.days),
           "--visits", str(args.visits), "--windows", str(args.windows), "--out", out]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--visits", type=int, default=600)
    parser.add_argument("--windows", type=int, default=34)
    parser.add_argument("--db", default="")
    parser.add_argument("--out", default="")
    parser.add_argument("--child", default="")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(step(args.child, args.db, args.days, args.visits, args.windows, args.out)))
        return
    folder = Path(tempfile.mkdtemp(prefix="report-bench-"))
    fresh = not args.db
    if fresh:
        args.db = str(folder / "year.sqlite3")
        from counter.db import upgrade

        upgrade(f"sqlite:///{args.db}")
        demo = run_child("demo", args)
        print(f"demo: {args.days} days × {args.visits}/day × {args.windows} windows: {demo['seconds']:.1f} s "
              f"(target < 60 s), {demo['tickets']} tickets, {demo['visits']} visits, {demo['items']} items, "
              f"{demo['events']} events, peak {demo['peak_mb']:.0f} MB")
    m = run_child("metrics", args)
    print(f"metrics.compute for the period: {m['seconds']:.1f} s, peak {m['peak_mb']:.0f} MB")
    dump = run_child("dump", args, str(folder / "dump.xlsx"))
    print(f"bare dump (same raw rows, XlsxWriter constant_memory, no KPIs): {dump['seconds']:.1f} s, "
          f"{dump['rows']} rows, {dump['bytes'] / 1e6:.1f} MB file, peak {dump['peak_mb']:.0f} MB")
    export = run_child("export", args, str(folder / "report.xlsx"))
    print(f"export-report (8 sheets, KPIs, charts): {export['seconds']:.1f} s, {export['rows']} rows, "
          f"{export['bytes'] / 1e6:.1f} MB file, peak {export['peak_mb']:.0f} MB (target < 300 MB)")
    print(f"ratio export / bare dump: {export['seconds'] / dump['seconds']:.2f} (target ≤ 1.3)")
    print(f"files in {folder}")


if __name__ == "__main__":
    main()
