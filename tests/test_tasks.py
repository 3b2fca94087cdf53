"""Background tasks (counter/ui/tasks.py): the GUI thread never waits for the database."""
from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from counter import queueing as q
from counter.ui.queue_panel import QueuePanel
from counter.ui.tasks import TaskRunner
from tests.gap_meter import GapMeter


def test_result_and_errors_arrive_on_the_gui_thread_and_the_action_is_busy_meanwhile(qtbot):
    runner = TaskRunner()
    action = QAction("call")
    release, seen = threading.Event(), {}
    gui = QApplication.instance().thread()

    def done(value):
        seen["done"] = (value, QThread.currentThread() is gui or QThread.currentThread() == gui)

    assert runner.run(lambda: release.wait(5) and 42, done=done, busy=[action], name="queue")
    assert not action.isEnabled() and runner.busy
    assert not runner.run(lambda: 0, name="queue")  # pressed again while it runs: not started twice
    release.set()
    qtbot.waitUntil(lambda: "done" in seen, timeout=5000)
    assert seen["done"] == (42, True) and action.isEnabled() and not runner.busy

    def boom():
        raise RuntimeError("network")

    runner.run(boom, failed=lambda exc: seen.setdefault("failed", str(exc)))
    qtbot.waitUntil(lambda: "failed" in seen, timeout=5000)
    assert seen["failed"] == "network"


def test_progress_arrives_on_the_gui_thread_in_order_before_done(qtbot):
    runner = TaskRunner()
    gui = QApplication.instance().thread()
    seen = []

    def work(report):
        for step in range(1, 4):
            report(step, 3)
        return "written"

    def progress(done, total):
        seen.append((done, total, QThread.currentThread() == gui))

    assert runner.run(work, done=seen.append, progress=progress, name="export")
    qtbot.waitUntil(lambda: "written" in seen, timeout=5000)
    assert seen == [(1, 3, True), (2, 3, True), (3, 3, True), "written"]
    assert runner.run(lambda: 7, done=seen.append)  # without progress: called with no argument
    qtbot.waitUntil(lambda: seen[-1] == 7, timeout=5000)


def test_closed_runner_drops_late_results(qtbot):
    runner = TaskRunner()
    seen = []
    runner.run(lambda: time.sleep(0.2) or 1, done=seen.append)
    runner.close()
    assert runner.wait(5000)
    qtbot.wait(50)
    assert seen == [] and not runner.run(lambda: 2)


@pytest.mark.both_engines
def test_slow_call_next_keeps_the_event_loop_turning(qtbot, ctx, monkeypatch):
    """F2 on a database that takes 1.5 s to answer: the window keeps repainting meanwhile."""
    real = q.call_next

    def slow_call_next(*args, **kwargs):
        time.sleep(1.5)  # the network (benchmarks/slow_network.py measures the real thing)
        return real(*args, **kwargs)

    q.issue_ticket(ctx, "A")
    panel = QueuePanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: not panel.tasks.busy, timeout=10000)
    monkeypatch.setattr(q, "call_next", slow_call_next)
    meter = GapMeter()
    meter.start()
    panel.call_action.trigger()
    assert not panel.call_action.isEnabled() and not panel.recall_action.isEnabled()  # busy
    panel.call_action.trigger()  # pressed again meanwhile: ignored
    qtbot.waitUntil(lambda: panel.code_label.text() == "A001", timeout=10000)
    meter.stop()
    assert panel.recall_action.isEnabled()
    with ctx.sessions() as s:  # one call, not two
        assert s.query(q.TicketEvent).filter_by(kind="call").count() == 1
    # 1.5 s without an answer; the event loop ran all along. The bound leaves room for a loaded
    # CI machine; the benchmark reports the figure (goal: no gap over 50 ms).
    assert meter.ticks >= 50 and meter.longest_ms < 500, (meter.ticks, meter.longest_ms)
