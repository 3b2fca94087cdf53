"""Background tasks for windows: the database and the network never run on the GUI thread.

    self.tasks = TaskRunner(self)
    self.tasks.run(lambda: q.call_next(ctx, 1), done=self._called, failed=self._say_error,
                   busy=[self.call_action], name="queue")

`run` hands the callable to a QThreadPool (modelled on git-cola's `RunTask` and Anki's
`CollectionOp`: one helper, one way). While it runs, the `busy` actions and widgets are
disabled (a second press cannot start it twice) and `busy_changed` says so; when it ends, the
actions get their previous state back, then `done(result)` or `failed(exception)` runs ON THE
GUI THREAD (a queued signal from the worker), so callbacks may touch widgets. A task with the
same `name` as one still running is not started (`run` returns False): pressing F2 twice while
the network is slow calls one ticket.

A long task may report how far it is: with `progress=callback`, `fn` is called with one
argument, `report(done, total)`, which it may call from the worker as often as it likes;
`callback(done, total)` runs on the GUI thread, in order, before `done`/`failed` (the Excel
export's progress dialog). Cancelling is the task's own business (a `threading.Event` it reads).

What runs in the task must not touch widgets; it takes the context and returns plain values
(the services open and commit their own transactions). A runner whose owner is closed drops
the results still in flight (`close`), it never calls back into a deleted window.
"""
from __future__ import annotations

import logging
from typing import Any, Callable, Iterable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], runner: TaskRunner, serial: int, reports: bool):
        super().__init__()
        self.fn, self.runner, self.serial, self.reports = fn, runner, serial, reports
        self.setAutoDelete(True)

    def report(self, done: int, total: int) -> None:  # worker thread
        try:
            self.runner._progressed.emit(self.serial, done, total)
        except RuntimeError:  # the runner is gone
            pass

    def run(self) -> None:  # worker thread
        try:
            result = self.fn(self.report) if self.reports else self.fn()
        except Exception as exc:
            outcome = (False, exc)
        else:
            outcome = (True, result)
        try:  # the runner lives in the GUI thread: Qt queues the call to its slot there
            self.runner._finished.emit(self.serial, outcome)
        except RuntimeError:  # the runner (its window) is gone: nobody wants the result
            pass


class TaskRunner(QObject):
    """Runs callables on a thread pool; callbacks and busy states on the GUI thread."""

    busy_changed = Signal(bool)
    _finished = Signal(int, object)  # emitted by workers, delivered (queued) in the GUI thread
    _progressed = Signal(int, int, int)  # serial, done, total: likewise

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._running: dict[int, tuple[str | None, list[tuple[Any, bool]], Callable | None, Callable | None]] = {}
        self._progress: dict[int, Callable[[int, int], None]] = {}
        self._serial = 0
        self._closed = False
        self._finished.connect(self._settle, Qt.ConnectionType.QueuedConnection)
        self._progressed.connect(self._report, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def running(self, name: str) -> bool:
        return any(entry[0] == name for entry in self._running.values())

    def run(self, fn: Callable[[], Any], *, done: Callable[[Any], None] | None = None,
            failed: Callable[[Exception], None] | None = None, busy: Iterable[Any] = (),
            name: str | None = None, progress: Callable[[int, int], None] | None = None) -> bool:
        """Start `fn` in the pool; False (and nothing started) when `name` is running already.

        With `progress`, `fn(report)` is called instead of `fn()` (see the module's docstring)."""
        if self._closed or (name is not None and self.running(name)):
            return False
        self._serial += 1
        serial = self._serial
        disabled = [(thing, thing.isEnabled()) for thing in busy]
        for thing, _was in disabled:
            thing.setEnabled(False)
        was_busy = self.busy
        self._running[serial] = (name, disabled, done, failed)
        if progress is not None:
            self._progress[serial] = progress
        if not was_busy:
            self.busy_changed.emit(True)
        self.pool.start(_Job(fn, self, serial, progress is not None))
        return True

    @Slot(int, int, int)
    def _report(self, serial: int, done: int, total: int) -> None:
        callback = self._progress.get(serial)
        if callback is not None and not self._closed:
            callback(done, total)

    @Slot(int, object)
    def _settle(self, serial: int, outcome: tuple[bool, Any]) -> None:
        self._progress.pop(serial, None)
        entry = self._running.pop(serial, None)
        if entry is None or self._closed:
            return
        name, disabled, done, failed = entry
        ok, value = outcome
        callback = done if ok else failed
        for thing, was in disabled:
            try:
                thing.setEnabled(was)
            except RuntimeError:  # the widget went away meanwhile
                pass
        if not self._running:
            self.busy_changed.emit(False)
        if callback is not None:
            callback(value)
        elif not ok:
            log.error("background task %s failed: %r", name or serial, value)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the pool is idle (tests, shutdown); True when it is."""
        return self.pool.waitForDone(msecs)

    def close(self) -> None:
        """The owner closes: results still in flight are dropped, no new task starts."""
        self._closed = True
        self._running.clear()
        self._progress.clear()
