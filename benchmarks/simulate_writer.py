"""The simulator's SQLite writer: values in SQLAlchemy's storage format through the driver's
executemany, against SQLAlchemy Core's executemany with ordinary Python values (what PostgreSQL
uses). The same simulated hall both ways, on fresh SQLite files.

    .venv/bin/python benchmarks/simulate_writer.py [--days 60] [--visits 300] [--windows 10]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from counter.config import Config
from counter.context import AppContext
from counter.db import upgrade
from counter.simulate import SimOptions, simulate
from counter.simulate.writer import _Rows


def run(storage_format: bool, options: SimOptions) -> float:
    _Rows.sqlite_storage_format = storage_format
    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='sim-writer-')) / 'hall.sqlite3'}"
    upgrade(url)
    ctx = AppContext.open(Config(database_url=url))
    try:
        started = time.perf_counter()
        result = simulate(ctx, options)
        return time.perf_counter() - started if result.tickets else float("nan")
    finally:
        ctx.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--visits", type=int, default=300)
    parser.add_argument("--windows", type=int, default=10)
    args = parser.parse_args()
    options = SimOptions(days=args.days, visits_per_day=args.visits, windows=args.windows, end=date(2026, 11, 20))
    for storage_format in (True, False, True, False):
        seconds = run(storage_format, options)
        print(f"{'storage format' if storage_format else 'Core executemany'}: {seconds:.2f} s "
              f"({args.days} days x {args.visits} visits)")


if __name__ == "__main__":
    main()
