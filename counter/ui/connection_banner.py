"""The "database connection lost" banner: shown instead of an error box, retries with back-off.

When the database cannot be reached while the clerk finishes a visit, the window keeps every
value on screen, this banner appears (数据库连接中断，正在重连…), and the pending action is tried
again after 0.5, 1, 2, 4, 8, then every 15 seconds (or at once with "立即重试"). When it goes
through, the banner hides and the window carries on as if the first attempt had worked. The
action is idempotent (a visit is stored under its key once), so a retry after an attempt whose
commit reached the server but whose answer did not is harmless.

Each attempt runs as a background task (`counter/ui/tasks.py`): a silent network holds a
worker thread up to the connect timeout, never the window. "立即重试" while an attempt is
under way does not start a second one.
"""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMainWindow, QPushButton, QToolBar, QWidget

from counter.db import is_connection_error
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)



def pin_finish_time(flow, at: datetime) -> None:
    """The visit ends when the clerk pressed "finish", not when the server came back."""
    original = flow.now
    flow.now = lambda: at
    try:
        flow.close("finish")
    finally:
        flow.now = original


class ConnectionBanner(QFrame):
    reconnected = Signal()
    DELAYS_MS = (500, 1000, 2000, 4000, 8000, 15000)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("connection_banner")
        self.setStyleSheet("#connection_banner { background: #b71c1c; } "
                           "#connection_banner QLabel { color: white; font-weight: bold; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        self.message = QLabel(self.tr("数据库连接中断，正在重连…"), self)
        self.detail = QLabel("", self)
        self.retry_button = QPushButton(self.tr("立即重试"), self)
        self.retry_button.clicked.connect(self.retry_now)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.detail)
        layout.addWidget(self.retry_button)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._attempt)
        self._pending: tuple[Callable[[], Any], Callable[[Any], None], Callable[[Exception], None] | None] | None = None
        self.attempts = 0
        self.tasks = TaskRunner(self, max_threads=1)
        self._held = 0  # + 1 per hold/finish: an attempt answering for an older hold is dropped
        self._toolbar: QToolBar | None = None
        self._set_visible(False)

    @classmethod
    def install(cls, window: QMainWindow) -> ConnectionBanner:
        """A full-width strip above the window's content, hidden until needed."""
        banner = cls(window)
        bar = QToolBar(window)
        bar.setObjectName("connection_bar")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.toggleViewAction().setVisible(False)
        bar.addWidget(banner)
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        banner.setVisible(True)
        banner._toolbar = bar
        banner._set_visible(False)
        return banner

    @property
    def pending(self) -> bool:
        return self._pending is not None

    def shown(self) -> bool:
        strip = self._toolbar if self._toolbar is not None else self
        return strip.isVisibleTo(self.window()) if strip is not self.window() else strip.isVisible()

    def _set_visible(self, visible: bool) -> None:
        if self._toolbar is not None:  # inside a toolbar the strip itself stays visible
            self._toolbar.setVisible(visible)
        else:
            self.setVisible(visible)

    def hold(self, action: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[Exception], None] | None = None) -> None:
        """Show the banner and run `action` again until the connection is back."""
        self._pending = (action, on_done, on_error)
        self._held += 1
        self.attempts = 0
        self._set_visible(True)
        self._schedule()

    def _schedule(self) -> None:
        delay = self.DELAYS_MS[min(self.attempts, len(self.DELAYS_MS) - 1)]
        self.detail.setText(self.tr("{0} 秒后重试").format(f"{delay / 1000:g}"))
        self._timer.start(delay)

    def abandon(self) -> None:
        """Stop retrying (the window closes; the draft on disk keeps the visit)."""
        self._finish()

    def retry_now(self) -> None:
        if self._pending is not None:
            self._timer.stop()
            self._attempt()

    @property
    def attempting(self) -> bool:
        """An attempt is under way (in a background task)."""
        return self.tasks.running("attempt")

    def _attempt(self) -> None:
        if self._pending is None or self.attempting:
            return
        action, on_done, on_error = self._pending
        held = self._held
        self.attempts += 1
        self.detail.setText(self.tr("正在重试…"))

        def done(result):
            if held != self._held:  # abandoned or held again meanwhile
                return
            self._finish()
            self.reconnected.emit()
            on_done(result)

        def failed(exc):
            if held != self._held:
                return
            if is_connection_error(exc):
                log.info("still no database (attempt %d): %s", self.attempts, exc.__class__.__name__)
                self._schedule()
                return
            self._finish()
            if on_error is None:
                log.error("database action failed after reconnecting: %r", exc)
                return
            on_error(exc)

        self.tasks.run(action, done=done, failed=failed, name="attempt")

    def _finish(self) -> None:
        self._timer.stop()
        self._pending = None
        self._held += 1
        self._set_visible(False)
