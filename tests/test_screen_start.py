"""The kiosk's and the display's start: a "connecting" page at once, the database opened in the
background (the event loop keeps turning), then the screen; a database that cannot open is said
on the page and tried again until it opens (nobody is there to answer a message box)."""
from __future__ import annotations

import argparse
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from counter.ui import screen_start
from counter.ui.screen_start import ScreenStart


def args(url: str, *, kiosk: bool) -> argparse.Namespace:
    return argparse.Namespace(database=url, lang=None, demo=False, window=None, kiosk=kiosk, display=not kiosk,
                              self_test=False)


def close_screen(start: ScreenStart) -> None:
    for widget in (start.window, start.waiting):
        if widget is not None:
            widget.close()


@pytest.mark.parametrize("kiosk", [True, False], ids=["kiosk", "display"])
def test_the_screen_shows_while_a_slow_database_opens(qtbot, tmp_path, monkeypatch, kiosk):
    real_open = screen_start.open_context

    def slow_open(config):
        time.sleep(0.4)  # a server far away
        return real_open(config)

    monkeypatch.setattr(screen_start, "open_context", slow_open)
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


def test_a_database_that_cannot_open_is_said_and_tried_again_until_it_opens(qtbot, tmp_path):
    blocker = tmp_path / "hall"
    blocker.write_text("x")  # where the database's folder should be: a file (a server not up yet)
    start = ScreenStart(QApplication.instance(), args(f"sqlite:///{blocker / 'db.sqlite3'}", kiosk=False),
                        retry_seconds=(0.3, 0.6))
    try:
        start.start()
        qtbot.waitUntil(lambda: start.failures >= 2, timeout=30000)
        text = start.waiting.text()
        assert "无法连接数据库，0.6 秒后自动重试" in text and "hall" in text and "\n" not in text.split("\n\n")[1]
        assert start.window is None and start.waiting.isVisible()  # no box to click, no exit
        blocker.unlink()
        blocker.mkdir()  # the server answers now
        qtbot.waitUntil(lambda: start.window is not None, timeout=30000)
        assert type(start.window).__name__ == "DisplayWindow" and not start.waiting.isVisible()
    finally:
        close_screen(start)
