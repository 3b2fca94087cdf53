"""The kiosk's and the hall display's start: a full-screen "connecting" page at once, the database
opened in the background, then the screen itself.

Nobody sits at a kiosk or a display: after a power cut they often boot before the hall's server
answers. So a failure is said on the page (why, and when the next try is) and tried again with
growing pauses — never a message box nobody will click, never an exit that leaves the hall's
screen dark until someone restarts it. The screen comes up by itself once the server answers (or
once the administrator has run `init-db`).
"""
from __future__ import annotations

import argparse
import logging

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from counter.safetext import one_line
from counter.ui.app import open_context, terminal_config
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

RETRY_SECONDS = (5, 10, 20, 30)  # then every 30 s


def failure_text(config, exc: Exception) -> str:
    """Why the database did not open, in one line (the URL without its password)."""
    from counter.db import DatabaseError, safe_url

    reason = str(exc) if isinstance(exc, DatabaseError) else \
        f"{safe_url(config.database_url)}: {exc.__class__.__name__}: {exc}"
    return one_line(reason, 300)


class ScreenStart:
    """Shows the page, opens the database (again and again if it must), then the kiosk or display."""

    def __init__(self, app: QApplication, args: argparse.Namespace, *,
                 retry_seconds: tuple[float, ...] = RETRY_SECONDS):
        self.app, self.args, self.retry_seconds = app, args, retry_seconds
        self.window = None
        self.waiting: QLabel | None = None
        self.failures = 0

    def start(self) -> None:
        self.waiting = QLabel(QCoreApplication.translate("ScreenStart", "正在连接数据库…"))
        self.waiting.setObjectName("screen_start")
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.waiting.setWordWrap(True)
        self.waiting.setStyleSheet("background: #0b2545; color: white; font-size: 36px; padding: 60px;")
        self.waiting.showFullScreen()
        self.config = terminal_config(self.args)
        self.tasks = TaskRunner(self.waiting)
        self._retry = QTimer(self.waiting, singleShot=True)
        self._retry.timeout.connect(self._attempt)
        self._attempt()

    def _attempt(self) -> None:
        config, display = self.config, self.args.display

        def work():
            import importlib

            # the screen's modules too (about half a second of imports): the page keeps turning
            importlib.import_module("counter.ui.display_window" if display else "counter.ui.kiosk_window")
            return open_context(config)

        self.tasks.run(work, done=self._opened, failed=self._failed, name="open")

    def _failed(self, exc: Exception) -> None:
        self.failures += 1
        pause = self.retry_seconds[min(self.failures, len(self.retry_seconds)) - 1]
        reason = failure_text(self.config, exc)
        log.warning("database not opened (try %d), again in %g s: %s", self.failures, pause, reason)
        said = QCoreApplication.translate("ScreenStart", "无法连接数据库，{0} 秒后自动重试").format(f"{pause:g}")
        self.waiting.setText(said + "\n\n" + reason)
        self._retry.start(int(pause * 1000))

    def _opened(self, ctx) -> None:
        if self.args.display:
            from counter.ui.display_window import DisplayWindow

            self.window = DisplayWindow(ctx)
        else:
            from counter.ui.kiosk_window import KioskWindow

            self.window = KioskWindow(ctx)
        self.window.showFullScreen()
        self.waiting.close()
