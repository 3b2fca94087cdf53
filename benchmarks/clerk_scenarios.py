"""The one-window saving, measured through the real clerk window (issue 9).

Six citizens with several pieces of business, each served twice by a scripted fast clerk:
  one       one visit with every item, identity typed once;
  separate  one visit per item, identity typed each time (how it was before merging).
Prints keystrokes, clicks, pages, validation round-trips and the program's own time per
scenario and mode, and the overall saving. Targets: >= 40% fewer inputs; no page
transition above 50 ms of program time.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/clerk_scenarios.py
"""
from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["COUNTER_DATA_DIR"] = tempfile.mkdtemp()

from benchmarks.scenarios import SCENARIOS, Counts, QtDriver, run_scenario
from counter.auth import login
from counter.clock import FixedClock
from counter.config import Config
from counter.context import AppContext
from counter.db import upgrade
from counter.demo import seed_accounts
from counter.ui.app import make_application
from counter.ui.main_window import MainWindow


def main() -> None:
    app = make_application("zh_CN")
    url = f"sqlite:///{os.environ['COUNTER_DATA_DIR']}/scenarios.sqlite3"
    upgrade(url)
    # the scenarios' dates (renewal windows) are written for this day
    ctx = AppContext.open(Config(database_url=url), clock=FixedClock(datetime(2026, 11, 23, 2, tzinfo=timezone.utc)))
    seed_accounts(ctx)
    with ctx.sessions() as session:
        ctx.principal = login(session, ctx.clock, "li", "Clerk@2026")
    window = MainWindow(ctx)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    qtbot = QtDriver()
    header = (f"{'scenario':<34} {'mode':<9} {'keys':>5} {'clicks':>6} {'inputs':>6} {'pages':>5} {'rounds':>6} "
              f"{'cpu ms':>7} {'wall ms':>7} {'max page cpu ms':>15}")
    print(header)
    print("-" * len(header))
    totals = {"one": Counts(), "separate": Counts()}
    for scenario in SCENARIOS:
        for mode in ("one", "separate"):
            counts = run_scenario(qtbot, window, scenario, mode)
            totals[mode].add(counts)
            print(f"{scenario.name[:32]:<34} {mode:<9} {counts.keystrokes:>5} {counts.clicks:>6} {counts.inputs:>6} "
                  f"{counts.pages:>5} {counts.validation_rounds:>6} {counts.handler_cpu * 1000:>7.0f} "
                  f"{counts.handler_wall * 1000:>7.0f} {max(counts.page_transitions):>15.1f}")
    one, separate = totals["one"], totals["separate"]
    print("-" * len(header))
    saving = 1 - one.inputs / separate.inputs
    pages = 1 - one.pages / separate.pages
    worst = max(one.page_transitions + separate.page_transitions)
    print(f"all scenarios: one window {one.inputs} inputs, {one.pages} pages; "
          f"separate windows {separate.inputs} inputs, {separate.pages} pages")
    print(f"saving: {saving:.0%} fewer inputs (target >= 40%), {pages:.0%} fewer pages")
    print(f"slowest page transition: {worst:.1f} ms of program (CPU) time (target <= 50 ms)")
    window.close()
    ctx.close()
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
