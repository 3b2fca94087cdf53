"""The clerk's queue panel: waiting counts, the ticket at this window, and the calling keys.

F2 call next · F3 recall · F4 no-show (after a recall) · F6 start the visit · F7 transfer ·
F9 pause/resume. The main window puts `actions()` in its menu; the shortcuts work anywhere in
that window. The panel polls the change marker every second and reloads only when it moved.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from counter.statuses import WINDOW_STATE, label as state_label
from counter import queueing as q
from counter.clock import format_local
from counter.db import reading

log = logging.getLogger(__name__)


@dataclass
class PanelState:
    """What the panel shows, copied out of a read-only session."""

    window_name: str = ""
    window_state: str = q.CLOSED
    ticket_id: int | None = None
    code: str = ""
    status: str = ""
    recalls: int = 0
    called_at: object = None
    counts: dict[str, int] = field(default_factory=dict)


class QueuePanel(QWidget):
    ticket_started = Signal(int)  # the clerk started serving this ticket: link it to a visit

    def __init__(self, ctx, parent: QWidget | None = None, *, poll_ms: int = 1000):
        super().__init__(parent)
        self.ctx = ctx
        self.window_number = ctx.config.window_number
        self.state = PanelState()
        self._version: int | None = None
        self._build()
        self._make_actions()
        self.refresh()
        self._poll = QTimer(self, interval=poll_ms)
        self._poll.timeout.connect(self.poll)
        self._poll.start()

    # -- widgets
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.window_label = QLabel()
        layout.addWidget(self.window_label)
        self.code_label = QLabel("—")
        font = QFont(self.code_label.font())
        font.setPointSize(36)
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.code_label)
        self.detail_label = QLabel()
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.detail_label)
        grid = QGridLayout()
        self.count_labels: dict[str, QLabel] = {}
        for row, cat in enumerate(q.CATEGORIES):
            name = cat.en if self.ctx.config.lang == "en" else cat.zh  # category names are data
            grid.addWidget(QLabel(f"{cat.letter} {name}"), row, 0)
            count = QLabel("0")
            count.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(count, row, 1)
            self.count_labels[cat.letter] = count
        layout.addLayout(grid)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b00020")
        layout.addWidget(self.message_label)
        layout.addStretch(1)

    def _action(self, text: str, key: str, slot, name: str, *, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{text} ({key})")
        action.setCheckable(checkable)
        (action.toggled if checkable else action.triggered).connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.call_action = self._action(self.tr("叫下一号"), "F2", self.call_next, "queue_call_next")
        self.recall_action = self._action(self.tr("重呼"), "F3", self.recall, "queue_recall")
        self.no_show_action = self._action(self.tr("过号"), "F4", self.no_show, "queue_no_show")
        self.start_action = self._action(self.tr("开始办理"), "F6", self.start_visit, "queue_start")
        self.transfer_action = self._action(self.tr("转移…"), "F7", self.transfer, "queue_transfer")
        self.pause_action = self._action(self.tr("暂停叫号"), "F9", self.set_paused, "queue_pause",
                                         checkable=True)
        self._actions = [self.call_action, self.recall_action, self.no_show_action, self.start_action,
                         self.transfer_action, self.pause_action]

    def actions(self) -> list[QAction]:  # noqa: D401 - Qt name; ordered for menus and toolbars
        return list(self._actions)

    # -- loading
    def stop(self) -> None:
        """The window closes: no more polling."""
        self._poll.stop()

    def slow_down(self, interval_ms: int) -> None:
        """A change listener reports changes at once: the own poll is only a safety net."""
        self._poll.setInterval(interval_ms)

    def poll(self) -> None:
        try:
            with reading(self.ctx.sessions) as session:
                version = q.change_version(session, self.ctx.station.id)
        except Exception:  # noqa: BLE001 - try again on the next tick
            log.exception("queue panel poll failed")
            return
        if version != self._version:
            self._refresh_quietly()

    def refresh(self) -> None:
        with reading(self.ctx.sessions) as session:
            self._version = q.change_version(session, self.ctx.station.id)
            self.state = self._load(session)
        self._show()

    def _window_name(self, number: int, name: str) -> str:
        """A window's own name, or "N 号窗口" in the UI language when it has the default name."""
        if name and name != f"{number}号窗口":
            return name
        return self.tr("%1 号窗口").replace("%1", str(number))

    def _load(self, session) -> PanelState:
        state = PanelState(window_name=self.tr("%1 号窗口").replace("%1", str(self.window_number)),
                           counts=q.waiting_counts(session, self.ctx.station.id, self.ctx.clock.today()))
        window = q.find_window(session, self.ctx.station.id, self.window_number)
        if window is None:
            return state
        state.window_name = self._window_name(window.number, window.name)
        state.window_state = window.state
        ticket = q.current_ticket(session, window)
        if ticket is not None:
            state.ticket_id, state.code, state.status = ticket.id, ticket.code, ticket.status
            state.recalls, state.called_at = ticket.recalls, ticket.last_called_at or ticket.called_at
        return state

    def _show(self) -> None:
        s = self.state
        state = state_label(WINDOW_STATE, s.window_state, self.ctx.config.lang)
        self.window_label.setText(f"{s.window_name} · {state}")
        self.code_label.setText(s.code or "—")
        statuses = {q.CALLED: self.tr("已叫号"), q.SERVING: self.tr("办理中")}
        detail = statuses.get(s.status, self.tr("无当前号"))
        if s.code:
            detail += "  " + format_local(s.called_at, "%H:%M:%S")
        if s.recalls:
            detail += "  " + self.tr("重呼 %1 次").replace("%1", str(s.recalls))
        self.detail_label.setText(detail)
        for letter, label in self.count_labels.items():
            label.setText(str(s.counts.get(letter, 0)))
        self._update_actions()

    def _update_actions(self) -> None:
        s = self.state
        called = s.status == q.CALLED
        self.call_action.setEnabled(s.window_state != q.PAUSED)
        self.recall_action.setEnabled(called)
        self.no_show_action.setEnabled(called and s.recalls >= 1)
        self.start_action.setEnabled(called)
        self.transfer_action.setEnabled(s.status in (q.CALLED, q.SERVING))
        self.pause_action.blockSignals(True)  # reflecting the state must not toggle it back
        self.pause_action.setChecked(s.window_state == q.PAUSED)
        self.pause_action.blockSignals(False)

    # -- actions
    def _run(self, operation, *args, **kwargs):
        """Run a queue operation; a refusal is shown in the panel, never a crash."""
        try:
            result = operation(self.ctx, self.window_number, *args, **kwargs)
        except q.QueueError as exc:
            self.message_label.setText(exc.en if self.ctx.config.lang == "en" else exc.zh_CN)
            self._refresh_quietly()
            return None
        except Exception:  # noqa: BLE001 - the database: said in the panel, never a traceback
            log.exception("queue operation %s failed", getattr(operation, "__name__", operation))
            self.message_label.setText(self.tr("数据库暂时无法访问，请稍后重试"))
            return None
        self.message_label.clear()
        self._refresh_quietly()
        return result

    def _refresh_quietly(self) -> None:
        try:
            self.refresh()
        except Exception:  # noqa: BLE001 - the next poll tries again
            log.exception("queue panel refresh failed")

    def call_next(self) -> None:
        if self._run(q.call_next) is None and not self.message_label.text():
            self.message_label.setText(self.tr("没有等候的号"))

    def recall(self) -> None:
        self._run(q.recall)

    def no_show(self) -> None:
        self._run(q.no_show)

    def start_visit(self) -> None:
        ticket = self._run(q.start_service)
        if ticket is not None:
            self.ticket_started.emit(ticket.id)

    def set_paused(self, paused: bool) -> None:
        self._run(q.pause_window if paused else q.resume_window)

    def transfer(self) -> None:
        """Open the transfer dialog (not in a modal loop of its own: the terminal may lock meanwhile)."""
        from counter.ui.transfer_dialog import TransferDialog

        with reading(self.ctx.sessions) as session:
            windows = [(w.number, self._window_name(w.number, w.name))
                       for w in q.list_windows(session, self.ctx.station.id) if w.number != self.window_number]
        self.transfer_dialog = TransferDialog(self.state.code, list(q.CATEGORIES), windows, self,
                                              lang=self.ctx.config.lang)
        self.transfer_dialog.accepted.connect(lambda: self.apply_transfer(self.transfer_dialog.choice()))
        self.transfer_dialog.open()

    def apply_transfer(self, choice: tuple[str | None, int | None]) -> None:
        category, window = choice
        self._run(q.transfer, category=category, to_window=window)
