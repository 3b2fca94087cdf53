"""A slow, then silent network: does the clerk's window keep turning?

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/slow_network.py [--delay 0.2] [--outage 10]

A throwaway PostgreSQL cluster (tests/pg_server.py) is reached through a TCP proxy
(tests/gap_meter.py: SlowProxy) that adds `--delay` seconds each way, then holds all traffic for
`--outage` seconds (a link dropping packets: TCP delivers them after it). A 10 ms QTimer
(GapMeter) records the longest time the Qt event loop did not run while:

1. the queue panel calls next (F2; a background task, counter/ui/tasks.py),
2. a visit is finished and 3. the kiosk issues a ticket — each once on the GUI thread, as
   main_window.finish and kiosk_window.take_ticket still do, and once as a background task,
4. then, during the outage, all three at once as background tasks.

Afterwards: nothing stored twice (one visit per key, one call event per call, one ticket per
kiosk press). Goal: no gap over 50 ms for what runs as a background task.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ID_NUMBER = "11010519491231002X"


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


def make_flow(ctx):
    from counter.forms.flow import VisitFlow

    flow = VisitFlow(ctx.catalog, ctx.clock.now, today=ctx.clock.today())
    for field, value in {"name": "张三", "id_number": ID_NUMBER, "sex": "F", "phone": "13812345678",
                         "address": "北京市朝阳区建国路1号"}.items():
        flow.identity.set(field, value)
    flow.choose(["HZ-08"])
    for draft in flow.items:
        draft.materials = {m.code: "received" for m in draft.procedure.materials}
    return flow


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.2, help="seconds added each way")
    parser.add_argument("--outage", type=float, default=10.0, help="seconds all traffic is held")
    args = parser.parse_args()

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import func, select

    from counter import kiosk
    from counter import queueing as q
    from counter.auth import create_user, login
    from counter.config import Config
    from counter.context import AppContext
    from counter.db import upgrade
    from counter.models import Role, TicketEvent, Visit
    from counter.db import is_connection_error
    from counter.ui.connection_banner import ConnectionBanner
    from counter.ui.queue_panel import QueuePanel
    from counter.ui.tasks import TaskRunner
    from counter.visits import finish_visit
    from tests.gap_meter import GapMeter, SlowProxy
    from tests.pg_server import Cluster

    app = QApplication.instance() or QApplication(sys.argv)
    cluster = Cluster.create(prefix="counter-slow-")
    rows: list[tuple[str, float, int, str]] = []
    proxy = None
    try:
        direct = cluster.create_database("slow")
        upgrade(direct)
        setup = AppContext.open(Config(database_url=direct, window_number=1))
        with setup.sessions.begin() as session:
            create_user(session, setup.clock, station_id=setup.station.id, username="li", display_name="李",
                        role=Role.CLERK, password="Clerk@2026", must_change=False)
        for letter in "AAAAAA":
            q.issue_ticket(setup, letter)
        setup.close()

        proxy = SlowProxy("127.0.0.1", cluster.port, delay=args.delay)
        url = f"postgresql+psycopg://postgres@127.0.0.1:{proxy.port}/slow"
        ctx = AppContext.open(Config(database_url=url, window_number=1))
        with ctx.sessions() as session:
            ctx.principal = login(session, ctx.clock, "li", "Clerk@2026")
        panel = QueuePanel(ctx)
        wait_until(app, lambda: not panel.tasks.busy, 60)
        runner = TaskRunner(max_threads=3)
        meter = GapMeter()
        flows = []

        def measure(name: str, start, done, timeout: float = 120) -> None:
            meter.start()
            t0 = time.perf_counter()
            start()
            ok = wait_until(app, done, timeout)
            gap = meter.stop()
            rows.append((name, time.perf_counter() - t0, gap, "ok" if ok else "did not finish"))
            print(f"  {name}: {rows[-1][1]:.2f} s, longest gap {gap} ms", file=sys.stderr, flush=True)

        # 1. call next from the queue panel
        before = panel.state.code
        measure("call next (queue panel, background task)", panel.call_action.trigger,
                lambda: not panel.tasks.busy and panel.state.code != before)

        # 2. finish a visit: GUI thread as today, then as a background task
        box: dict = {}

        def finish_on_gui():
            flow = make_flow(ctx)
            flows.append(flow)
            box["gui"] = finish_visit(ctx, flow, ctx.principal)

        measure("finish a visit on the GUI thread (main_window today)",
                lambda: QTimer.singleShot(0, finish_on_gui), lambda: "gui" in box)

        banner = ConnectionBanner()  # what main_window shows: retries in the background
        banner.DELAYS_MS = (500, 1000, 2000)
        said: list[str] = []

        def finish_in_task(key):
            flow = make_flow(ctx)
            flows.append(flow)

            def attempt():
                return finish_visit(ctx, flow, ctx.principal)

            def failed(exc):
                if is_connection_error(exc):  # as main_window does: the banner, retries, stored once
                    said.append(f"{key}: banner after {type(exc).__name__}")
                    banner.hold(attempt, lambda r: box.setdefault(key, r), lambda e: box.setdefault(key, e))
                else:
                    box.setdefault(key, exc)

            runner.run(attempt, done=lambda r: box.setdefault(key, r), failed=failed)

        measure("finish a visit as a background task", lambda: finish_in_task("task"), lambda: "task" in box)

        # 3. the kiosk issues a ticket
        measure("kiosk ticket on the GUI thread (kiosk_window today)",
                lambda: QTimer.singleShot(0, lambda: box.setdefault("kiosk gui", kiosk.take_ticket(ctx, "B"))),
                lambda: "kiosk gui" in box)
        measure("kiosk ticket as a background task",
                lambda: runner.run(lambda: kiosk.take_ticket(ctx, "B"), done=lambda r: box.setdefault("kiosk task", r),
                                   failed=lambda e: box.setdefault("kiosk task", e)),
                lambda: "kiosk task" in box)

        # 4. the network goes silent: all three at once, as background tasks
        before = panel.state.code

        def during_outage():
            proxy.outage(args.outage)
            panel.call_action.trigger()
            finish_in_task("outage finish")
            runner.run(lambda: kiosk.take_ticket(ctx, "B"), done=lambda r: box.setdefault("outage kiosk", r),
                       failed=lambda e: box.setdefault("outage kiosk", e))

        measure(f"{args.outage:g} s outage: call next + finish + kiosk, background tasks", during_outage,
                lambda: not panel.tasks.busy and "outage finish" in box and "outage kiosk" in box,
                timeout=args.outage + 120)
        errors = [f"{k}: {v!r}" for k, v in box.items() if isinstance(v, Exception)]
        if panel.message_label.text():
            said.append(f"queue panel: {panel.message_label.text()}")
        panel.stop()
        runner.close()
        ctx.close()

        check = AppContext.open(Config(database_url=direct))
        with check.sessions() as session:
            keys = [f.key for f in flows]
            stored = session.scalar(select(func.count()).select_from(Visit).where(Visit.key.in_(keys)))
            calls = session.execute(select(TicketEvent.ticket_id, func.count()).where(TicketEvent.kind == "call")
                                    .group_by(TicketEvent.ticket_id)).all()
            kiosk_tickets = session.scalar(select(func.count()).select_from(q.Ticket).where(q.Ticket.source == "kiosk"))
        check.close()
        twice = [t for t, n in calls if n > 1]
    finally:
        if proxy is not None:
            proxy.close()
        cluster.destroy()

    print(f"\nslow network: {args.delay * 1000:.0f} ms each way, then {args.outage:g} s of silence; "
          f"{os.cpu_count()} CPUs (shared)\n")
    print("| action | took (s) | longest event-loop gap (ms) | result |")
    print("|---|---|---|---|")
    for name, took, gap, result in rows:
        print(f"| {name} | {took:.2f} | {gap} | {result} |")
    print(f"\nstored: {stored} visits for {len(flows)} finishes, {kiosk_tickets} kiosk tickets for 3 presses, "
          f"tickets called twice: {len(twice)}, errors: {errors or 'none'}")
    for line in said:
        print(f"- {line}")


if __name__ == "__main__":
    main()
