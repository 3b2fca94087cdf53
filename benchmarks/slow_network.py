"""A slow, then silent network: do the real windows keep turning?

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/slow_network.py [--delay 0.2] [--outage 10]

A throwaway PostgreSQL (tests/pg_server.py) is reached through a TCP proxy (tests/gap_meter.py:
SlowProxy) adding `--delay` s each way, then holding all traffic for `--outage` s. The real windows
run in this process, each on its own context through the proxy, as the hall's terminals:

- the clerk's MainWindow: F2 through its queue panel; a visit resumed, walked to the review with
  the window's Enter, finished with its Ctrl+Enter action (receipts go to a CUPS_SERVER that does
  not exist, as in tests/conftest.py),
- the KioskWindow: a citizen taps 取号, then queue B (the slip printer drops it),
- the DisplayWindow (chime only): open and polling every 300 ms the whole time,
- ScreenStart (`--display`): the display's start, opening the database through the proxy, measured
  until its `.window` exists (the display's modules are already imported in this process).

A 10 ms QTimer (GapMeter, one per action) records the longest time the event loop did not run
until the action was done: each action alone, then call next + finish + kiosk ticket at once
while the link is silent. Message boxes are read and closed; what the windows show and log is
listed. Afterwards: nothing stored twice (visits per key, call events per ticket, kiosk tickets
per press). Goal: no gap over 50 ms.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def wait_until(app, condition, timeout: float) -> bool:
    """Turn the event loop until `condition()` (or the timeout)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    check = QTimer(interval=5)
    check.timeout.connect(lambda: condition() and loop.quit())
    QTimer.singleShot(int(timeout * 1000), loop.quit)
    check.start()
    if not condition():
        loop.exec()
    check.stop()
    return bool(condition())


class Notes(logging.Handler):
    """What the windows showed (message boxes, the banner, error lines) and what the program logged."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.seen: dict[str, None] = {}  # in order of first appearance
        self.boxes: list[str] = []
        self.logged: dict[str, list] = {}  # message template -> [count, the first message]

    def see(self, what: str, text: str) -> None:
        if text.strip():
            self.seen.setdefault(f"{what}: {' / '.join(filter(None, map(str.strip, text.splitlines())))}", None)

    def close_boxes(self) -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox

        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):  # read it, then close it as a user would
            self.boxes.append(" / ".join(box.text().split()))
            self.see("message box", box.text())
            box.close()

    def emit(self, record: logging.LogRecord) -> None:
        self.logged.setdefault(f"{record.name}: {record.msg}", [0, " ".join(record.getMessage().split())[:160]])[0] += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.2, help="seconds added each way")
    parser.add_argument("--outage", type=float, default=10.0, help="seconds all traffic is held")
    args = parser.parse_args()

    scratch = tempfile.TemporaryDirectory(prefix="counter-slow-")  # drafts, settings: never the user's
    os.environ["COUNTER_DATA_DIR"] = scratch.name
    os.environ["CUPS_SERVER"] = str(Path(scratch.name) / "no-cups.sock")  # receipts go nowhere (tests' way)

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import func, select

    from counter import queueing as q
    from counter.config import Config
    from counter.context import AppContext
    from counter.db import upgrade
    from counter.models import TicketEvent, Visit
    from counter.ui.announcer import Announcer
    from counter.ui.screen_start import ScreenStart
    from counter.ui.display_window import DisplayWindow
    from counter.ui.kiosk_window import KioskWindow
    from counter.ui.main_window import MainWindow
    from tests.gap_meter import GapMeter, SlowProxy
    from tests.helpers import login_clerk, make_flow
    from tests.pg_server import Cluster

    class OpeningMeter(GapMeter):
        """Gaps only until the screen's window exists: building its widgets is the GUI's own work."""

        built_ms = None  # the gap while ScreenStart built the window (not the opening's)

        def _tick(self) -> None:
            if screen is None or screen.window is None:
                super()._tick()
            elif self.built_ms is None:
                self.built_ms = self.clock.elapsed() - self.last

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch.name)
    app = QApplication.instance() or QApplication(sys.argv)
    notes = Notes()
    logging.getLogger("counter").addHandler(notes)
    rows: list[tuple[str, float, int, str]] = []
    flows, presses = [], []
    proxy = screen = None
    cluster = Cluster.create(prefix="counter-slow-")
    try:
        direct = cluster.create_database("slow")
        upgrade(direct)
        setup = AppContext.open(Config(database_url=direct))
        login_clerk(setup)  # creates clerk `li`
        for _ in range(6):
            q.issue_ticket(setup, "A")
        setup.close()

        proxy = SlowProxy("127.0.0.1", cluster.port, delay=args.delay)
        url = f"postgresql+psycopg://postgres@127.0.0.1:{proxy.port}/slow"

        contexts = [AppContext.open(Config(database_url=url, window_number=1)) for _ in range(3)]  # 3 terminals
        clerk_ctx, kiosk_ctx, display_ctx = contexts
        clerk_ctx.principal = login_clerk(clerk_ctx)
        clerk = MainWindow(clerk_ctx)
        kiosk_win = KioskWindow(kiosk_ctx, printer=lambda pdf, name: None)
        kiosk_win.resize(1280, 1024)
        display = DisplayWindow(display_ctx, announcer=Announcer(engine=None, chime_ms=5))
        for window in (clerk, kiosk_win, display):
            window.show()
        panel = clerk.queue_panel
        wait_until(app, lambda: not panel.tasks.busy and not display.tasks.busy, 60)

        def observe() -> None:
            notes.close_boxes()
            if clerk.connection_banner.shown():
                notes.see("clerk window's banner", clerk.connection_banner.message.text())
            notes.see("clerk window's queue panel", panel.message_label.text())
            notes.see("kiosk's ticket page", kiosk_win.ticket_page.error.text())

        def measure(start, actions, timeout: float = 120) -> None:
            """`actions`: (name, done, result, meter or None); all started by `start()` at once."""
            meters = [meter or GapMeter() for _, _, _, meter in actions]
            for meter in meters:
                meter.start()
            t0, took = time.perf_counter(), {}
            start()
            started_ms = (time.perf_counter() - t0) * 1000  # pressing is GUI work too: in the first gap
            if started_ms > 20:
                notes.see(f"{actions[0][0].split(':')[0]}: pressing took (GUI thread)", f"{started_ms:.0f} ms")

            def check() -> bool:
                observe()
                for (name, done, _, _), meter in zip(actions, meters):
                    if name not in took and done():
                        took[name] = (time.perf_counter() - t0, meter.stop())
                return len(took) == len(actions)

            wait_until(app, check, timeout)
            for (name, _, result, _), meter in zip(actions, meters):
                spent, gap = took.get(name) or (time.perf_counter() - t0, meter.stop())
                rows.append((name, spent, gap, result() if name in took else "did not finish"))
                print(f"  {name}: {spent:.2f} s, longest gap {gap} ms, {rows[-1][3]}", file=sys.stderr, flush=True)

        # -- the three actions, each as the clerk or the citizen does it
        def call_next():
            panel.call_action.trigger()  # F2 (MainWindow.call_next: no visit open, so it calls)

        def call_action(name):
            return (name, lambda: not panel.tasks.running("queue"),
                    lambda: panel.message_label.text() or f"ok (called {panel.state.code})", None)

        before: dict = {}

        def open_visit(walk: bool) -> None:
            """A visit at its review: walked with the window's Enter (`walk`), or the flow moved on
            first and resumed at the review (one page built: F2 needs no visit open, so during the
            outage the visit opens after the call)."""
            flow = make_flow(clerk_ctx, codes=("HZ-08",))
            flows.append(flow)
            while not walk and flow.step.kind != "review" and not flow.next():
                pass
            clerk.resume(flow)
            while not clerk.wizard.at_review() and clerk.next_action.isEnabled():
                clerk.next_action.trigger()  # Enter, page after page
            if not clerk.wizard.at_review():
                raise RuntimeError(f"stuck before the review: {clerk.wizard.error.text()}")

        def finish() -> None:
            before.update(receipt=clerk.last_receipt, boxes=len(notes.boxes))
            clerk.finish_action.trigger()  # Ctrl+Enter

        def finish_action(name):
            def told():  # a message box, nothing left running or waiting for the database
                return len(notes.boxes) > before["boxes"] and not clerk.tasks.running("finish") \
                    and not clerk.connection_banner.pending
            return (name, lambda: clerk.last_receipt is not before["receipt"] or told(),
                    lambda: notes.boxes[-1] if clerk.last_receipt is before["receipt"]
                    else f"ok (receipt {clerk.last_receipt[0]})", None)

        def kiosk_ticket():
            kiosk_win.go_home()
            QTest.mouseClick(kiosk_win.home_page.tiles["ticket"], Qt.MouseButton.LeftButton)  # 取号
            QTest.mouseClick(kiosk_win.ticket_page.buttons["B"], Qt.MouseButton.LeftButton)  # queue B
            presses.append(None)

        def kiosk_action(name):
            def result():
                if kiosk_win.pages.currentWidget() is not kiosk_win.ticket_done_page:
                    return kiosk_win.ticket_page.error.text() or "nothing shown"
                presses[-1] = kiosk_win.ticket_done_page.code.text()
                return f"ok ({presses[-1]})"
            return name, lambda: not kiosk_win.tasks.running("ticket"), result, None

        print(f"slow network: {args.delay * 1000:.0f} ms each way", file=sys.stderr, flush=True)
        t_whole = time.perf_counter()
        measure(call_next, [call_action("call next (clerk window, F2)")])
        open_visit(walk=True)
        measure(finish, [finish_action("finish a visit (clerk window, Ctrl+Enter)")])
        measure(kiosk_ticket, [kiosk_action("kiosk ticket (取号 → B)")])

        # -- the hall display's start: "connecting" page, the database opened in the background
        screen = ScreenStart(app, argparse.Namespace(database=url, lang=None, demo=False, window=None, kiosk=False,
                                                     display=True, self_test=False))
        exits: list[int] = []
        opening = OpeningMeter()
        screen.exit = exits.append
        measure(screen.start, [("display start until its window exists (ScreenStart)",
                                lambda: screen.window is not None or bool(exits),
                                lambda: f"ok (then {opening.built_ms} ms building the window)" if screen.window
                                else (notes.boxes or ["failed"])[-1],
                                opening)])
        t0 = time.perf_counter()
        for widget in (screen.window, screen.waiting):
            if widget is not None:
                widget.close()
        notes.see("GUI thread blocked while the started display closed", f"{(time.perf_counter() - t0) * 1000:.0f} ms")

        # -- the network goes silent: all three at once
        def during_outage():
            proxy.outage(args.outage)
            call_next()
            open_visit(walk=False)
            finish()
            kiosk_ticket()

        print(f"{args.outage:g} s outage", file=sys.stderr, flush=True)
        measure(during_outage, [call_action(f"{args.outage:g} s outage: call next"),
                                finish_action(f"{args.outage:g} s outage: finish a visit"),
                                kiosk_action(f"{args.outage:g} s outage: kiosk ticket")], timeout=args.outage + 120)
        wait_until(app, lambda: not display.tasks.busy, 30)
        failed_polls = sum(n for key, (n, _) in notes.logged.items() if "display poll failed" in key)
        rows.append(("hall display, polling throughout (same event loop: the longest gap above)",
                     time.perf_counter() - t_whole, max(gap for _, _, gap, _ in rows),
                     f"ok (showing {display.newest_code.text()}, last called {panel.state.code}; "
                     f"{failed_polls} polls failed)"))
        kiosk_win.unlock()  # the administrator's exit: a kiosk does not close otherwise
        for window in (clerk, kiosk_win, display):
            window.close()
        for ctx in [*contexts, *([screen.window.ctx] if screen.window else [])]:
            ctx.close()

        check = AppContext.open(Config(database_url=direct))
        with check.sessions() as session:
            visits = session.execute(select(Visit.key, func.count()).where(Visit.key.in_([f.key for f in flows]))
                                     .group_by(Visit.key)).all()
            calls = session.execute(select(TicketEvent.ticket_id, func.count()).where(TicketEvent.kind == "call")
                                    .group_by(TicketEvent.ticket_id)).all()
            stored_codes = sorted(t.code for t in session.scalars(select(q.Ticket).where(q.Ticket.source == "kiosk")))
        check.close()
    finally:
        if proxy is not None:
            proxy.close()
        cluster.destroy()
        scratch.cleanup()

    print(f"\nslow network: {args.delay * 1000:.0f} ms each way, then {args.outage:g} s of silence; "
          f"{os.cpu_count()} CPUs (shared)\n")
    print("| action | took (s) | longest event-loop gap (ms) | result |")
    print("|---|---|---|---|")
    for name, took, gap, result in rows:
        print(f"| {name} | {took:.2f} | {gap} | {result} |")
    twice = [key for key, n in visits if n > 1] + [t for t, n in calls if n > 1]
    print(f"\nstored: {sum(n for _, n in visits)} visits for {len(flows)} finishes ({len(visits)} keys), "
          f"{len(calls)} tickets called ({sum(n for _, n in calls)} call events), "
          f"{len(stored_codes)} kiosk tickets {stored_codes} for {len(presses)} presses "
          f"(shown: {[p for p in presses if p]}); stored twice: {twice or 'nothing'}")
    for line in notes.seen:
        print(f"- {line}")
    for n, first in notes.logged.values():
        print(f"- logged {n}×: {first}")


if __name__ == "__main__":
    main()
