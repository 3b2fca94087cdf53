"""Manager window refresh on a year of data (targets: live refresh under 200 ms; the period
view ≤ 300 ms for 30 days and ≤ 1 s for a year once the closed days are kept).

Measures the live "today" query (`metrics.today_live`, what the timer runs every few seconds)
and one full refresh through the real window (pool thread + signal + table fill), how long the
background fill of the year's closed days takes after the first view, then the period view for
the last 30 days and for a year (charts and tables). With no --db, or a --db FILE that does not
exist yet, simulates a year first (34 windows, 600 citizens a weekday; kept in FILE).

    .venv/bin/python benchmarks/manager_refresh.py [--db FILE] [--days 365]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=timezone.utc)  # 11:00 in the hall: a busy morning


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="")
    parser.add_argument("--days", type=int, default=365)
    args = parser.parse_args()
    from counter.clock import FixedClock
    from counter.config import Config
    from counter.context import AppContext
    from counter.db import reading, upgrade

    path = args.db or str(Path(tempfile.mkdtemp(prefix="manager-bench-")) / "year.sqlite3")
    fresh = not Path(path).exists()  # --db FILE that does not exist yet: simulated once, kept
    url = f"sqlite:///{path}"
    upgrade(url)
    ctx = AppContext.open(Config(database_url=url), clock=FixedClock(NOW))
    from counter import metrics

    if fresh:
        from counter.simulate import SimOptions, simulate

        r = simulate(ctx, SimOptions(days=args.days, visits_per_day=600, windows=34, seed=7))
        print(f"simulated {r.summary()}")
    _ = ctx.station, ctx.catalog
    times = []
    for _ in range(20):
        t0 = time.perf_counter()
        with reading(ctx.sessions) as session:
            today = metrics.today_live(session, ctx.station.id, ctx.clock.now())
        times.append(time.perf_counter() - t0)
    print(f"today_live query: median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms "
          f"({today.tickets} tickets today, {sum(today.waiting.values())} waiting, {len(today.windows)} windows)")

    from counter.ui.app import make_application
    from counter.ui.manager_window import ManagerWindow

    app = make_application()
    window = ManagerWindow(ctx, refresh_ms=3_600_000)
    window.show()

    def wait(predicate, limit=120.0):
        end = time.perf_counter() + limit
        while not predicate() and time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.001)

    wait(lambda: window.today is not None and window.period_metrics is not None)
    rounds = []
    for _ in range(10):
        before = window.today
        t0 = time.perf_counter()
        window.refresh_today()
        wait(lambda before=before: window.today is not before)
        rounds.append(time.perf_counter() - t0)
    print(f"window refresh (worker query + signal + tables): median {statistics.median(rounds) * 1000:.1f} ms, "
          f"max {max(rounds) * 1000:.1f} ms (target < 200 ms); the GUI thread only fills the tables")
    t0 = time.perf_counter()
    wait(lambda: len(window.day_store) >= 360, limit=900.0)  # the year's closed days, filled in the background
    print(f"background fill of the year's closed days ({len(window.day_store)} days): "
          f"{time.perf_counter() - t0:.1f} s after the first view")
    for label, days, goal in (("last 30 days", 30, 300), ("a year", 365, 1000)):
        from datetime import timedelta

        from PySide6.QtCore import QDate

        end = ctx.clock.today()
        start = end - timedelta(days=days - 1)
        window.period_from.setDate(QDate(start.year, start.month, start.day))
        window.period_to.setDate(QDate(end.year, end.month, end.day))
        before = window.period_metrics
        t0 = time.perf_counter()
        window.refresh_period()
        wait(lambda b=before: window.period_metrics is not b, limit=600.0)
        elapsed = (time.perf_counter() - t0) * 1000
        print(f"period view, {label} with charts and tables (worker thread + drawing): {elapsed:.0f} ms "
              f"(goal ≤ {goal} ms; computing {window.last_period_seconds * 1000:.0f} ms)")
    window.close()


if __name__ == "__main__":
    main()
