"""Manager window refresh on a year of data (targets: live refresh under 200 ms; the period
view ≤ 300 ms for 30 days and ≤ 1 s for a year once the closed days are kept).

Measures the live "today" query (`metrics.today_live`, what the timer runs every few seconds)
and one full refresh through the real window (pool thread + signal + table fill), how long the
background fill of the year's closed days takes after the first view, then the period view for
the last 30 days and for a year (charts and tables). With no --db, or a --db FILE that does not
exist yet, simulates a year first (34 windows, 600 citizens a weekday; kept in FILE).

Then a restart (the program opened again the next morning, counter/day_cache.py): the first
year view of a new `DayAggregates` with this terminal's cache file (read, checked with one
grouped statement, decoded) and without it (every closed day computed from the raw rows, as
before the file), the check's statement alone, the file's size and write time, and a new
window's first view and year view. The cache file goes to a temp data folder unless
COUNTER_DATA_DIR is set.

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
    parser.add_argument("--restart", choices=RESTARTS, default="")
    args = parser.parse_args()
    own_data = ""
    if not os.environ.get("COUNTER_DATA_DIR"):  # the cache file: not in the user's data folder
        own_data = os.environ["COUNTER_DATA_DIR"] = tempfile.mkdtemp(prefix="manager-bench-data-")
    from counter.clock import FixedClock
    from counter.config import Config
    from counter.context import AppContext
    from counter.db import reading, upgrade

    path = args.db or str(Path(tempfile.mkdtemp(prefix="manager-bench-")) / "year.sqlite3")
    fresh = not Path(path).exists()  # --db FILE that does not exist yet: simulated once, kept
    url = f"sqlite:///{path}"
    upgrade(url)
    ctx = AppContext.open(Config(database_url=url), clock=FixedClock(NOW))
    if args.restart:
        restart(ctx, args.restart)
        return
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
    wait(lambda: not window.period_view.tasks.running("warm"), limit=120.0)  # then it writes the cache file
    print(f"  and the cache file written: {time.perf_counter() - t0:.1f} s after the first view")
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
              f"(goal ≤ {goal} ms; computing {window.period_view.last_period_seconds * 1000:.0f} ms)")
    window.close()
    restart_all(path)
    if own_data:
        import shutil

        shutil.rmtree(own_data, ignore_errors=True)


RESTARTS = ("store-cache", "store-none", "window", "window-later")


def restart_all(db: str) -> None:
    """Each restart in a new process, as the program is started again (its heap its own)."""
    import subprocess

    from counter import day_cache

    path = day_cache.default_file()
    print(f"restart: the cache file {path.stat().st_size / 1e6:.1f} MB")
    for mode in RESTARTS:
        done = subprocess.run([sys.executable, __file__, "--db", db, "--restart", mode], capture_output=True,
                              text=True, timeout=900)
        lines = [line for line in done.stdout.splitlines() if line.startswith("restart")]
        print("\n".join(lines) if done.returncode == 0 else f"restart {mode} failed:\n{done.stderr[-2000:]}")


def restart(ctx, mode: str) -> None:
    """One restart: a new store's first year view with the file (or without it), or a new
    window's first view and then the year (at once, or once the background fill has ended)."""
    from datetime import timedelta

    from counter import day_cache
    from counter.day_aggregates import MANAGER_DIMENSIONS, DayAggregates
    from counter.db import reading
    from counter.metrics import Period

    _ = ctx.station, ctx.catalog
    today = ctx.clock.today()
    year = Period(today - timedelta(days=364), today)
    if mode.startswith("store"):
        if mode == "store-cache":
            t0 = time.perf_counter()
            with reading(ctx.sessions) as session:
                prints = day_cache.day_prints(session, ctx.station.id, year)
            print(f"restart: the check's grouped statement over the year ({len(prints)} days): "
                  f"{(time.perf_counter() - t0) * 1000:.0f} ms")
        store = DayAggregates(cache=day_cache.default_file() if mode == "store-cache" else None)
        t0 = time.perf_counter()
        m = store.metrics(ctx, year, dimensions=MANAGER_DIMENSIONS)
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        store.metrics(ctx, year, dimensions=MANAGER_DIMENSIONS)
        warm = time.perf_counter() - t0
        label = "with the cache file" if mode == "store-cache" else "without it (every closed day computed)"
        loaded = (f"; the file read and checked in {store.last_load['seconds'] * 1000:.0f} ms, "
                  f"{store.last_load['days']:.0f} days" if store.last_load else "")
        print(f"restart, first year view {label}: {first:.2f} s (the next one: {warm:.2f} s; "
              f"{m.total.visits} visits{loaded})")
        if mode == "store-cache":
            store.fill(ctx, year)
            store._dirty = True  # written again as it is: what a save costs
            t0 = time.perf_counter()
            store.save(ctx)
            print(f"restart: writing the file ({len(store)} days): {(time.perf_counter() - t0) * 1000:.0f} ms")
        return
    from PySide6.QtCore import QDate

    from counter.ui.app import make_application
    from counter.ui.manager_window import ManagerWindow

    app = make_application()

    def wait(predicate, limit=600.0):
        end = time.perf_counter() + limit
        while not predicate() and time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.001)

    window = ManagerWindow(ctx, refresh_ms=3_600_000)  # the window opened again
    t0 = time.perf_counter()
    window.show()
    wait(lambda: window.period_metrics is not None)
    print(f"restart, the window's first view (last 30 days; the file read in its task): "
          f"{(time.perf_counter() - t0) * 1000:.0f} ms ({window.day_store.last_load['days']:.0f} days, "
          f"{window.day_store.last_load['seconds'] * 1000:.0f} ms)")
    if mode == "window-later":
        t0 = time.perf_counter()
        wait(lambda: not window.period_view.tasks.running("warm"))
        print(f"restart: the background fill (decoding the file's other days) ended "
              f"{(time.perf_counter() - t0) * 1000:.0f} ms later")
    window.period_from.setDate(QDate(year.start.year, year.start.month, year.start.day))
    window.period_to.setDate(QDate(today.year, today.month, today.day))
    wait(lambda: not window.period_view.tasks.running("period"))
    before = window.period_metrics
    t0 = time.perf_counter()
    window.refresh_period()
    wait(lambda: window.period_metrics is not before)
    when = "once the fill has ended" if mode == "window-later" else "right after the first view"
    print(f"restart, the year view {when}, with charts and tables: {(time.perf_counter() - t0) * 1000:.0f} ms "
          f"(computing {window.period_view.last_period_seconds * 1000:.0f} ms)")
    wait(lambda: not window.period_view.tasks.busy)
    window.close()


if __name__ == "__main__":
    main()
