"""Change notification: NOTIFY at commit on PostgreSQL, the marker poll on SQLite, a Qt signal."""
from __future__ import annotations

import queue
import threading

import pytest

from counter import queueing as q
from counter.notify import Change, ChangeWatcher
from tests.helpers import login_clerk, make_flow


class _Ticks(threading.Event):
    """The watcher's stop flag; it also tells when the poll loop has read the marker once
    (the loop waits on it between polls), so a test starts changing things after that."""

    def __init__(self):
        super().__init__()
        self.polled = threading.Event()

    def wait(self, timeout=None):
        self.polled.set()
        return super().wait(timeout)


def watch(ctx, engine_url):
    changes: queue.Queue[Change] = queue.Queue()
    stop = _Ticks()
    watcher = ChangeWatcher(engine_url, ctx.station.id, poll_interval=0.1)
    thread = threading.Thread(target=watcher.run, args=(changes.put, stop), daemon=True)
    thread.start()
    if watcher.postgres:
        assert watcher.listening.wait(10)
    else:
        assert stop.polled.wait(10)  # the first poll has read the starting version
    return watcher, changes, stop, thread


def next_change(changes, timeout=5.0) -> Change:
    return changes.get(timeout=timeout)


def test_calls_and_walk_in_visits_are_heard(any_db, engine_url, clock):
    ctx = any_db
    principal = login_clerk(ctx)
    watcher, changes, stop, thread = watch(ctx, engine_url)
    try:
        q.issue_ticket(ctx, "A")
        change = next_change(changes)
        assert change.station_id == ctx.station.id
        if watcher.postgres:  # how fast: benchmarks/notify_latency.py
            assert change.kind == "queue"
        q.call_next(ctx, 1)
        next_change(changes)
        while not changes.empty():
            changes.get_nowait()
        from counter.visits import finish_visit

        finish_visit(ctx, make_flow(ctx), principal)  # a walk-in: no ticket
        kinds = {next_change(changes).kind}
        if watcher.postgres:
            while "visit:finished" not in kinds:  # each wait ends at the next change (5 s at most)
                kinds.add(next_change(changes).kind)
    finally:
        stop.set()
        thread.join(5)


@pytest.mark.postgres
def test_a_rolled_back_change_is_not_announced(pg_url, clock):
    from counter.config import Config
    from counter.context import AppContext

    ctx = AppContext.open(Config(database_url=pg_url), clock=clock)
    try:
        watcher, changes, stop, thread = watch(ctx, pg_url)
        with ctx.sessions() as session:
            q._bump(session, ctx.station.id, clock.now())
            session.rollback()
        with pytest.raises(queue.Empty):
            changes.get(timeout=0.7)
        stop.set()
        thread.join(5)
    finally:
        ctx.close()


def test_qt_listener_emits_in_the_gui_thread(qtbot, any_db):
    from PySide6.QtCore import QThread

    from counter.ui.change_listener import ChangeListener

    ctx = any_db
    listener = ChangeListener(ctx, poll_interval=0.1)
    seen = []

    class Poller:
        def poll(self):
            seen.append(QThread.currentThread())

    listener.attach(Poller())
    listener.start()
    try:
        if listener.watcher.postgres:
            qtbot.waitUntil(lambda: listener.listening, timeout=10000)
        else:
            qtbot.wait(300)
        with qtbot.waitSignal(listener.changed, timeout=5000) as signal:
            q.issue_ticket(ctx, "B")
        assert signal.args[0] == ctx.station.id
        qtbot.waitUntil(lambda: bool(seen), timeout=2000)
        from PySide6.QtWidgets import QApplication

        assert seen[0] is QApplication.instance().thread() or seen[0] == QApplication.instance().thread()
    finally:
        listener.stop()
