"""Identity by the ID card reader vs typed, through the real clerk window (issue 20).

The six clerk scenarios (benchmarks/scenarios.py), each served as one visit twice by the
scripted fast clerk: `typed` types the identity; `card` presses F12 with the citizen's card on
a simulated reader (a pty speaking the SAM protocol, read by the real serial code) and types
only what a card does not hold (the phone). Prints inputs and pages per scenario and mode,
the saving, and the reader's wall time per read (pty, no radio: a real reader adds ~1 s).
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/idcard_reader.py
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["COUNTER_DATA_DIR"] = tempfile.mkdtemp()

from PySide6.QtCore import Qt

from benchmarks.scenarios import SCENARIOS, Counts, QtDriver, ScriptedClerk
from counter.auth import login
from counter.clock import FixedClock
from counter.config import Config
from counter.context import AppContext
from counter.db import upgrade
from counter.demo import seed_accounts
from counter.forms.validators import birth_date_from_id
from counter.idcard.card import CardData
from counter.idcard.sim import SimulatedReader
from counter.ui.app import make_application
from counter.ui.main_window import MainWindow

READS: list[float] = []


def card_of(identity: dict) -> CardData:
    number = identity["id_number"]
    return CardData(name=identity["name"], sex_code="1" if int(number[16]) % 2 else "2", nation_code="01",
                    birth=birth_date_from_id(number), address=identity["address"], id_number=number,
                    authority="北京市公安局朝阳分局", valid_from=date(2020, 1, 1), valid_until=date(2040, 1, 1))


class CardClerk(ScriptedClerk):
    """Puts the card on the reader and presses F12 instead of typing name, number and address."""

    def fill_identity(self, identity: dict) -> None:
        self.counts.identity_typed += 1
        started = time.perf_counter()
        self.key(Qt.Key.Key_F12, widget=self.window)
        self.qtbot.waitUntil(lambda: not self.window.card_reader.reading and self.window.flow is not None
                             and self.window.flow.identity.raw.get("id_number") == identity["id_number"])
        READS.append(time.perf_counter() - started)
        self.fill_form_page(identity)


def main() -> None:
    app = make_application("zh_CN")
    url = f"sqlite:///{os.environ['COUNTER_DATA_DIR']}/idcard.sqlite3"
    upgrade(url)
    sim = SimulatedReader([], rotate=False).start()
    config = Config(database_url=url, reader_type="serial", reader_port=sim.port)
    ctx = AppContext.open(config, clock=FixedClock(datetime(2026, 11, 23, 2, tzinfo=timezone.utc)))
    seed_accounts(ctx)
    with ctx.sessions() as session:
        ctx.principal = login(session, ctx.clock, "li", "Clerk@2026")
    window = MainWindow(ctx)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    qtbot = QtDriver()
    header = f"{'scenario':<34} {'mode':<6} {'keys':>5} {'clicks':>6} {'inputs':>6} {'pages':>5}"
    print(header)
    print("-" * len(header))
    totals = {"typed": Counts(), "card": Counts()}
    for scenario in SCENARIOS:
        for mode, clerk_class in (("typed", ScriptedClerk), ("card", CardClerk)):
            sim.place(card_of(scenario.identity))
            clerk = clerk_class(qtbot, window)
            counts = clerk.serve(scenario.identity, scenario.items)
            window.wizard.step_changed.disconnect(clerk._page_shown)
            totals[mode].add(counts)
            print(f"{scenario.name[:32]:<34} {mode:<6} {counts.keystrokes:>5} {counts.clicks:>6} "
                  f"{counts.inputs:>6} {counts.pages:>5}")
    typed, card = totals["typed"], totals["card"]
    print("-" * len(header))
    print(f"all scenarios: typed {typed.inputs} inputs, {typed.pages} pages; "
          f"card {card.inputs} inputs, {card.pages} pages")
    print(f"the reader saves {typed.inputs - card.inputs} inputs ({1 - card.inputs / typed.inputs:.0%}), "
          f"{(typed.inputs - card.inputs) / len(SCENARIOS):.0f} per visit")
    print(f"F12 to filled page (simulated reader, real protocol code): median "
          f"{sorted(READS)[len(READS) // 2] * 1000:.1f} ms, max {max(READS) * 1000:.1f} ms")
    window.close()
    ctx.close()
    sim.stop()
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
