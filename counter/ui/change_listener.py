"""A Qt signal for database changes: LISTEN/NOTIFY on PostgreSQL, polling on SQLite.

    listener = ChangeListener(ctx, parent=self)
    listener.attach(self.queue_panel)   # calls its poll() at once when something changed
    listener.start()

The watching runs in a Python thread (`counter.notify.ChangeWatcher`); `changed` is emitted
from that thread and delivered in the GUI thread (a queued connection, since the listener
object lives there). Widgets keep their own slow poll timer as a safety net.
"""
from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from counter import hall_settings
from counter.notify import Change, ChangeWatcher

log = logging.getLogger(__name__)


class ChangeListener(QObject):
    changed = Signal(int, str)  # station id, kind (queue, visit:finished, poll, reconnected)

    def __init__(self, ctx, parent: QObject | None = None, *, poll_interval: float = 1.0):
        super().__init__(parent)
        self.ctx = ctx
        self.watcher = ChangeWatcher(ctx.config.database_url, ctx.station.id, poll_interval=poll_interval)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.destroyed.connect(self._stop.set)

    @property
    def listening(self) -> bool:
        """True while PostgreSQL notifications arrive (False on SQLite: polling)."""
        return self.watcher.listening.is_set()

    def attach(self, widget) -> None:
        """Make `widget.poll()` run as soon as anything changes."""
        self.changed.connect(lambda *_: widget.poll())

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="change-listener", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self.watcher.run(self._emit, self._stop)
        except Exception:
            log.exception("change listener stopped")

    def _emit(self, change: Change) -> None:  # the watcher's thread
        if change.kind in (hall_settings.CHANGED, "reconnected") and not self._stop.is_set():
            try:  # another terminal saved the hall's settings (or a notice may have been missed)
                hall_settings.refresh(self.ctx)
            except Exception as exc:  # the next start or login reads them again
                log.warning("hall settings not read again: %r", exc)
        if not self._stop.is_set():
            try:
                self.changed.emit(change.station_id, change.kind)
            except RuntimeError:  # the Qt object is gone (window closed): stop quietly
                self._stop.set()

    def stop(self, wait: float = 0.0) -> None:
        """Tell the watcher to stop. A closing window does not wait for it (the thread notices
        within half a second, or when a connect attempt times out, and emits nothing after);
        `wait` seconds for the tests that want it gone."""
        self._stop.set()
        if self._thread is not None:
            if wait:
                self._thread.join(wait)
            self._thread = None


def listen_for_changes(ctx, widget) -> ChangeListener | None:
    """Start a listener whose changes run `widget.poll()` (if it has one; the widget's own poll
    timer stays as backup) and keep the hall's settings current (`hall_settings.CHANGED`)."""
    try:
        listener = ChangeListener(ctx, widget)
        if hasattr(widget, "poll"):
            listener.attach(widget)
        listener.start()
        return listener
    except Exception:
        log.exception("change listener not started")
        return None
