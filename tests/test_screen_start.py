"""The kiosk's and the display's start: a "connecting" page at once, the database opened in the
background (the event loop keeps turning), then the screen; a database that cannot open is said."""
from __future__ import annotations

import argparse
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from counter.ui import app as app_module
from counter.ui.app import ScreenStart
from tests.qt_helpers import read_next_box


def args(url: str, *, kiosk: bool) -> argparse.Namespace:
    return argparse.Namespace(database=url, lang=None, demo=False, window=None, kiosk=kiosk, display=not kiosk,
                              self_test=False)


def close_screen(start: ScreenStart) -> None:
    for widget in (start.window, start.waiting):
        if widget is not None:
            widget.close()


@pytest.mark.parametrize("kiosk", [True, False], ids=["kiosk", "display"])
def test_the_screen_shows_while_a_slow_database_opens(qtbot, tmp_path, monkeypatch, kiosk):
    real_open = app_module.open_context

    def slow_open(config):
        time.sleep(0.4)  # a server far away
        return real_open(config)

    monkeypatch.setattr(app_module, "open_context", slow_open)
    start = ScreenStart(QApplication.instance(), args(f"sqlite:///{tmp_path / 'hall.sqlite3'}", kiosk=kiosk))
    gaps, last = [], [time.monotonic()]

    def tick():
        if start.window is not None:
            return  # building the screen's widgets is the GUI's own work; measured: the opening
        now = time.monotonic()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    timer = QTimer(interval=10)
    timer.timeout.connect(tick)
    timer.start()
    try:
        start.start()
        assert start.waiting.isVisible() and "连接数据库" in start.waiting.text()
        qtbot.waitUntil(lambda: start.window is not None, timeout=30000)
        timer.stop()
        expected = "KioskWindow" if kiosk else "DisplayWindow"
        assert type(start.window).__name__ == expected
        assert start.window.isVisible() and not start.waiting.isVisible()
        assert len(gaps) > 20 and max(gaps) < 500  # turning while the database opened (loaded CI: 500)
    finally:
        close_screen(start)


def test_a_database_that_cannot_open_is_said_and_the_screen_exits(qtbot, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    start = ScreenStart(QApplication.instance(), args(f"sqlite:///{blocker / 'db.sqlite3'}", kiosk=True))
    codes, seen = [], {}
    start.exit = codes.append

    read_next_box(seen)
    try:
        start.start()
        qtbot.waitUntil(lambda: codes == [2], timeout=30000)
        assert "无法打开数据库" in seen["text"] and "not-a-folder" in seen["text"]
        assert start.window is None and not start.waiting.isVisible()
    finally:
        close_screen(start)
