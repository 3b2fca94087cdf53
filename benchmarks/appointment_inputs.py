"""Inputs an appointment saves the clerk (issue 19), through the real clerk window.

The clerk-scenario benchmark's six citizens (benchmarks/scenarios.py), each served twice by the
same scripted fast clerk, one visit with every item:
  walk-in  F5 starts an empty visit: identity typed, procedures picked;
  booked   the citizen booked those procedures (ID number, name, phone) and checked in; the
           called ticket starts the visit with them filled in, the clerk confirms (Enter) and
           types only what the booking does not hold (the address, the items' own pages).
Prints keystrokes + clicks per scenario and the saving.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/appointment_inputs.py
"""
from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["COUNTER_DATA_DIR"] = tempfile.mkdtemp()

from PySide6.QtCore import Qt

from benchmarks.scenarios import SCENARIOS, Counts, QtDriver, ScriptedClerk
from counter import appointments as ap
from counter import queueing as q
from counter.auth import login
from counter.clock import FixedClock
from counter.config import Config
from counter.context import AppContext
from counter.db import upgrade
from counter.demo import seed_accounts
from counter.ui.app import make_application
from counter.ui.main_window import MainWindow


class BookedClerk(ScriptedClerk):
    """The same clerk; the visit is started by the called appointment ticket instead of F5."""

    def __init__(self, qtbot, window, ticket_id: int):
        super().__init__(qtbot, window)
        self.ticket_id = ticket_id

    def key(self, key, modifier=Qt.KeyboardModifier.NoModifier, widget=None) -> float:
        if key == Qt.Key.Key_F5 and self.ticket_id is not None:
            # the queue panel's "start" for the called ticket begins the visit: the click the
            # walk-in visit needs too (there it is F5), so it is counted the same
            self.counts.keystrokes += 1
            self.window.new_visit_for_ticket(self.ticket_id)
            self.ticket_id = None
            return 0.0
        return super().key(key, modifier, widget)

    def choose(self, codes: list[str]) -> None:
        picker = self.window.wizard.current
        super().choose([c for c in codes if c not in picker.chosen()])


def serve(qtbot, window, clerk: ScriptedClerk, scenario) -> Counts:
    counts = clerk.serve(scenario.identity, scenario.items)
    window.wizard.step_changed.disconnect(clerk._page_shown)
    return counts


def booked_ticket(ctx, scenario, n: int) -> int:
    start = ctx.clock.now()
    made = ap.book(ctx, {"slot_start": start.isoformat(), "slot_end": (start + timedelta(minutes=30)).isoformat(),
                         "procedures": [b.code for b in scenario.items], "id_number": scenario.identity["id_number"],
                         "phone": scenario.identity["phone"], "applicant_name": scenario.identity["name"],
                         "booking_code": f"BENCH{n:03d}"})
    ticket = ap.check_in(ctx, code=made.code).ticket
    assert q.call_next(ctx, 1).id == ticket.id
    return ticket.id


def main() -> None:
    app = make_application("zh_CN")
    url = f"sqlite:///{os.environ['COUNTER_DATA_DIR']}/appointments.sqlite3"
    upgrade(url)
    ctx = AppContext.open(Config(database_url=url, appointment_capacity=""),
                          clock=FixedClock(datetime(2026, 11, 23, 2, tzinfo=UTC)))
    seed_accounts(ctx)
    with ctx.sessions() as session:
        ctx.principal = login(session, ctx.clock, "li", "Clerk@2026")
    window = MainWindow(ctx)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    qtbot = QtDriver()
    print(f"{'scenario':<40} {'walk-in':>8} {'booked':>7} {'saved':>6}")
    walk_total = booked_total = 0
    for n, scenario in enumerate(SCENARIOS):
        walk = serve(qtbot, window, ScriptedClerk(qtbot, window), scenario).inputs
        booked = serve(qtbot, window, BookedClerk(qtbot, window, booked_ticket(ctx, scenario, n)), scenario).inputs
        walk_total, booked_total = walk_total + walk, booked_total + booked
        print(f"{scenario.name[:38]:<40} {walk:>8} {booked:>7} {walk - booked:>6}")
    print(f"all: walk-in {walk_total} inputs, booked {booked_total}: {walk_total - booked_total} saved "
          f"({1 - booked_total / walk_total:.0%}), {(walk_total - booked_total) / len(SCENARIOS):.0f} per visit")
    window.close()
    ctx.close()
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
