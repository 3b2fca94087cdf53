"""The hall display (TV): who goes to which window, waiting counts, the time; calls spoken aloud.

It polls the station's change marker every 300 ms (one primary-key read), so a call made on any
terminal or process shows and is announced within a second; only a changed version reloads.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from counter import queueing as q
from counter.clock import local
from counter.hall_state import HallView, hall_view
from counter.ui.announcer import Announcer
from counter.ui.fullscreen import fill_screen, free_minimum
from counter.ui.tasks import TaskRunner
from counter.waits import short_wait_text

log = logging.getLogger(__name__)

HISTORY = 3  # earlier calls listed under the newest one, each line ≥ 8% of the screen's height
FLASHES = 6  # a new call blinks the newest panel this many times (on/off), then stays lit
STYLE = """
DisplayWindow { background: #0b1a2e; }
QLabel { color: #e8eef7; }
QLabel#header { color: #ffffff; }
QLabel#clock { color: #9fc3ff; }
QFrame#newest { background: #ffcc33; border-radius: 24px; }
QFrame#newest[flash="true"] { background: #ffffff; }
QFrame#newest QLabel { color: #0b1a2e; }
QLabel#recall_mark { color: #ffcc33; }
QFrame#serving_cell { background: #1c3a60; border-radius: 10px; }
QLabel#serving_code { color: #ffcc33; }
QFrame#panel { background: #132a47; border-radius: 18px; }
QLabel#muted { color: #8aa2c0; }
QLabel#count { color: #ffcc33; }
QLabel#history_code { color: #ffffff; }
QLabel#status_warning { background: #b3261e; color: #ffffff; border-radius: 8px; padding: 4px 12px; }
"""


class DisplayWindow(QWidget):
    """Dark, large type, 16:9; `showFullScreen()` on the hall TV (`open_display`)."""

    def __init__(self, ctx, parent: QWidget | None = None, *, announcer: Announcer | None = None,
                 poll_ms: int = 300):
        super().__init__(parent)
        self.ctx = ctx
        self.announcer = announcer if announcer is not None else Announcer(self)
        self._version: int | None = None
        self._last_event_id: int | None = None  # calls up to here were already on screen
        self._scaled: list[tuple[QLabel, float, bool]] = []  # label, share of height, bold
        self._windows: list[tuple[int, str | None]] = []  # the now-serving grid as shown
        self._flashes_left = 0
        self._flash = QTimer(self, interval=350)
        self._flash.timeout.connect(self._flash_step)
        self.setObjectName("DisplayWindow")
        self.setWindowTitle(self.tr("叫号显示屏"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self._build()
        free_minimum(self)  # type follows the size: the layout must not hold the window large
        self._show_voice_warning(getattr(self.announcer, "warning", ""))
        if hasattr(self.announcer, "warning_changed"):
            self.announcer.warning_changed.connect(self._show_voice_warning)
        self._poll = QTimer(self, interval=poll_ms)
        self._poll.timeout.connect(self.poll)
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._show_time)
        self.tasks = TaskRunner(self)
        self.poll()  # the first read too runs in the background: the screen shows at once
        self._show_time()
        self._poll.start()
        self._tick.start()
        from counter.ui.change_listener import listen_for_changes

        self.change_listener = listen_for_changes(ctx, self)  # PostgreSQL NOTIFY: at once

    # -- layout
    def _label(self, text: str = "", *, size: float, bold: bool = False, name: str = "",
               align=Qt.AlignmentFlag.AlignCenter) -> QLabel:
        label = QLabel(text)
        label.setAlignment(align)
        if name:
            label.setObjectName(name)
        self._scaled.append((label, size, bold))
        return label

    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(40, 24, 40, 24)
        root.setSpacing(20)
        root.addLayout(self._header())
        body = QHBoxLayout()
        body.setSpacing(28)
        body.addLayout(self._calls_column(), 64)
        body.addWidget(self._waiting_panel(), 36)
        root.addLayout(body, 1)
        self.hint_label = self._label(self.tr("请留意叫号，听到号码后到对应窗口办理 · Please go to the window when your number is called"),
                                      size=0.026, name="muted")
        root.addWidget(self.hint_label)
        # the status line, in the hint's place: what the administrator must fix (a silent hall
        # is otherwise unnoticed)
        self.status_warning = self._label("", size=0.024, name="status_warning")
        self.status_warning.setWordWrap(True)
        self.status_warning.hide()
        root.addWidget(self.status_warning)

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        row.addWidget(self._label(self.ctx.station.name, size=0.042, bold=True, name="header", align=left), 1)
        self.clock_label = self._label("", size=0.042, bold=True, name="clock", align=right)
        row.addWidget(self.clock_label)
        return row

    def _calls_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(16)
        newest = QFrame(objectName="newest")
        box = QVBoxLayout(newest)
        box.setContentsMargins(30, 16, 30, 20)
        self.newest = newest
        self.newest_title = self._label(self.tr("正在叫号 Now calling"), size=0.032)
        # the number and "→ 3 号窗口" the same size: the window is half of what the citizen needs
        self.newest_code = self._label("—", size=0.12, bold=True)
        self.newest_window = self._label("", size=0.12, bold=True)
        for label in (self.newest_title, self.newest_code, self.newest_window):
            box.addWidget(label)
        column.addWidget(newest, 5)
        history = QFrame(objectName="panel")
        grid = QGridLayout(history)
        grid.setContentsMargins(30, 14, 30, 14)
        grid.addWidget(self._label(self.tr("已叫号码 Called"), size=0.03, name="muted"), 0, 0)
        grid.addWidget(self._label(self.tr("窗口 Window"), size=0.03, name="muted"), 0, 1)
        self.history_rows = []
        for i in range(HISTORY):
            code = self._label("", size=0.08, bold=True, name="history_code")
            window = self._label("", size=0.08)
            grid.addWidget(code, i + 1, 0)
            grid.addWidget(window, i + 1, 1)
            self.history_rows.append((code, window))
        column.addWidget(history, 4)
        return column

    def _waiting_panel(self) -> QFrame:
        """Now serving, window by window (who is where), and one line of waiting counts."""
        panel = QFrame(objectName="panel")
        box = QVBoxLayout(panel)
        box.setContentsMargins(24, 16, 24, 16)
        box.addWidget(self._label(self.tr("正在办理 Now serving"), size=0.036, bold=True))
        self.serving_grid = QGridLayout()
        self.serving_grid.setSpacing(10)
        self.serving_cells: dict[int, tuple[QLabel, QLabel]] = {}
        box.addLayout(self.serving_grid, 1)
        counts = QHBoxLayout()
        counts.addWidget(self._label(self.tr("等候 Waiting"), size=0.03, name="muted"))
        self.count_labels: dict[str, QLabel] = {}
        self.wait_labels: dict[str, QLabel] = {}
        for cat in q.CATEGORIES:
            letter = self._label(cat.letter, size=0.03, name="muted",
                                 align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            count = self._label("0", size=0.036, bold=True, name="count",
                                align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            counts.addWidget(letter)
            counts.addWidget(count)
            wait = self._label("", size=0.024, name="muted",  # 预计等候 (counter.waits), short
                               align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            counts.addWidget(wait)
            self.wait_labels[cat.letter] = wait
            self.count_labels[cat.letter] = count
        box.addLayout(counts)
        return panel

    def _show_serving(self, windows: list[tuple[int, str | None]]) -> None:
        """One cell per open window: its number and the ticket at it ("—" when free)."""
        if windows == self._windows:
            return
        self._windows = windows
        if [n for n, _ in windows] != sorted(self.serving_cells):
            while self.serving_grid.count():
                item = self.serving_grid.takeAt(0)
                if item.widget() is not None:
                    item.widget().deleteLater()
            self._scaled = [s for s in self._scaled if s[0] not in
                            {label for cell in self.serving_cells.values() for label in cell}]
            self.serving_cells = {}
            columns = 2 if len(windows) <= 12 else 3 if len(windows) <= 27 else 4
            rows = max(1, -(-len(windows) // columns))
            share = min(0.05, 0.6 / rows / 1.6)
            for i, (number, _code) in enumerate(windows):
                cell = QFrame(objectName="serving_cell")
                line = QHBoxLayout(cell)
                line.setContentsMargins(12, 2, 12, 2)
                name = self._label(self.tr("%1 号").replace("%1", str(number)), size=share,
                                   align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                code = self._label("", size=share, bold=True, name="serving_code",
                                   align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                line.addWidget(name)
                line.addWidget(code)
                self.serving_grid.addWidget(cell, i // columns, i % columns)
                self.serving_cells[number] = (name, code)
            self._rescale()
        for number, code in windows:
            self.serving_cells[number][1].setText(code or "—")

    def showFullScreen(self) -> None:  # noqa: N802 - Qt API; also what app.py calls
        # no title bar or border: a minimal window manager frames a framed window even in full screen
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        super().showFullScreen()
        fill_screen(self)  # when the window manager ignores full screen, take the screen ourselves

    def type_height(self, width: int, height: int) -> int:
        """The height the type is sized from: the screen's, or a 16:9 share of its width when the
        screen is narrower than 16:9 (portrait), so no line is wider than the screen."""
        return max(min(height, width * 9 // 16), 200)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        # type sized from the height, so a 1080p TV and a 720p monitor both fill the screen
        self._rescale(event.size().width(), event.size().height())
        super().resizeEvent(event)

    def _rescale(self, width: int | None = None, height: int | None = None) -> None:
        height = self.type_height(width or self.width(), height or self.height())
        for label, share, bold in self._scaled:
            font = QFont(label.font())
            font.setPixelSize(max(10, int(height * share)))
            font.setBold(bold)
            label.setFont(font)

    # -- data
    def _show_time(self) -> None:
        now = local(self.ctx.clock.now())
        self.clock_label.setText(now.strftime("%Y-%m-%d  %H:%M:%S"))

    def poll(self) -> None:
        """Reload in the background (the timer's tick): the screen keeps turning whatever the
        network does; a poll still running is not started twice."""
        version = self._version
        self.tasks.run(lambda: hall_view(self.ctx, version), done=self._apply, failed=self._poll_failed,
                       name="poll")

    def refresh(self) -> None:
        """Reload now, on this thread (tests; the window itself reads in the background)."""
        try:
            view = hall_view(self.ctx, self._version)
        except Exception as exc:  # noqa: BLE001 - a locked or unreachable database: try again next tick
            self._poll_failed(exc)
            return
        self._apply(view)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._poll.stop()
        self._tick.stop()
        self.tasks.close()  # a read still in flight is dropped, never applied to a closed screen
        if self.change_listener is not None:
            self.change_listener.stop()
        super().closeEvent(event)

    def _poll_failed(self, exc: Exception) -> None:
        log.warning("display poll failed: %r", exc)

    def _apply(self, view: HallView | None) -> None:
        if view is None:  # nothing moved since the last look
            return
        self._version = view.version
        self._estimates = view.estimates
        self._show_calls(view.calls)
        self._show_counts(view.counts)
        self._show_serving(view.serving)
        self._announce_new(view.calls)

    def _show_calls(self, calls: list[q.CallRecord]) -> None:
        latest: list[q.CallRecord] = []
        for call in calls:  # newest first; one line per ticket
            if all(c.ticket_id != call.ticket_id for c in latest):
                latest.append(call)
        newest = latest[0] if latest else None
        self.newest_code.setText(newest.code if newest else "—")
        self.newest_window.setText(self._window_text(newest) if newest else self.tr("请稍候"))
        recall = newest is not None and newest.recall
        self.newest_title.setText(self.tr("重呼 Calling again") if recall else self.tr("正在叫号 Now calling"))
        for i, (code, window) in enumerate(self.history_rows):
            call = latest[i + 1] if i + 1 < len(latest) else None
            code.setText(call.code if call else "")
            window.setText((self._window_text(call) + (self.tr(" 重呼") if call.recall else "")) if call else "")

    def _window_text(self, call: q.CallRecord) -> str:
        return self.tr("→ %1 号窗口").replace("%1", str(call.window_number))

    def flash(self) -> None:
        """A new call: the newest panel blinks for about two seconds (eyes follow movement)."""
        self._flashes_left = FLASHES
        self._flash.start()

    def _flash_step(self) -> None:
        self._flashes_left -= 1
        on = self._flashes_left > 0 and self._flashes_left % 2 == 1
        self.newest.setProperty("flash", on)
        self.newest.style().unpolish(self.newest)
        self.newest.style().polish(self.newest)
        if self._flashes_left <= 0:
            self._flash.stop()

    def flashing(self) -> bool:
        return self._flash.isActive()

    def _show_counts(self, counts: dict[str, int]) -> None:
        for letter, label in self.count_labels.items():
            label.setText(str(counts.get(letter, 0)))
            self.wait_labels[letter].setText(short_wait_text(getattr(self, "_estimates", {}).get(letter),
                                                             getattr(self.ctx.config, "lang", "zh_CN")))

    def _announce_new(self, calls: list[q.CallRecord]) -> None:
        if self._last_event_id is None:  # first load: what was called before we started is old news
            self._last_event_id = calls[0].event_id if calls else 0
            return
        fresh = [c for c in reversed(calls) if c.event_id > self._last_event_id]
        for call in fresh:  # oldest first, so the hall hears them in the order they were made
            self.announcer.announce_call(call.code, call.window_number)
        if fresh:
            self._last_event_id = fresh[-1].event_id
            self.flash()

    def _show_voice_warning(self, text: str) -> None:
        self.status_warning.setText(text)
        self.status_warning.setVisible(bool(text))
        self.hint_label.setVisible(not text)  # one bottom line either way: the layout still fits

    # -- for tests and the status bar
    def newest_text(self) -> str:
        return f"{self.newest_code.text()} {self.newest_window.text()}"


def open_display(ctx, *, fullscreen: bool = True) -> DisplayWindow:
    window = DisplayWindow(ctx)
    window.resize(1920, 1080)
    if fullscreen:
        window.showFullScreen()
    else:
        window.show()
    return window
