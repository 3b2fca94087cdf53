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

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QLabel

from counter.ui.opening import DatabaseOpening, RETRY_SECONDS, open_context, terminal_config



class ScreenStart:
    """Shows the page, opens the database (again and again if it must), then the kiosk or display."""

    def __init__(self, app: QApplication, args: argparse.Namespace, *,
                 retry_seconds: tuple[float, ...] = RETRY_SECONDS):
        self.app, self.args, self.retry_seconds = app, args, retry_seconds
        self.window = None
        self.waiting: QLabel | None = None

    def start(self) -> None:
        self.waiting = QLabel(QCoreApplication.translate("ScreenStart", "正在连接数据库…"))
        self.waiting.setObjectName("screen_start")
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.waiting.setWordWrap(True)
        self.waiting.setStyleSheet("background: #0b2545; color: white; font-size: 36px; padding: 60px;")
        self.waiting.showFullScreen()
        config, display = terminal_config(self.args), self.args.display

        def work():
            import importlib

            # the screen's modules too (about half a second of imports): the page keeps turning
            importlib.import_module("counter.ui.display_window" if display else "counter.ui.kiosk_window")
            return open_context(config)

        self.opening = DatabaseOpening(self.waiting, config, work, opened=self._opened, said=self.waiting.setText,
                                       retry_seconds=self.retry_seconds)
        self.opening.start()

    @property
    def failures(self) -> int:
        return self.opening.failures

    def _opened(self, ctx) -> None:
        if self.args.display:
            from counter.ui.display_window import DisplayWindow

            self.window = DisplayWindow(ctx)
        else:
            from counter.ui.kiosk_window import KioskWindow

            self.window = KioskWindow(ctx)
        self.window.showFullScreen()
        self.waiting.close()
