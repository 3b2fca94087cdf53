"""The clerk's queue panel: waiting counts, the ticket at this window, and the calling keys.

F2 call next · F3 recall · F4 no-show (after a recall) · F6 start the visit · F7 transfer ·
F9 pause/resume. The main window puts `actions()` in its menu; the shortcuts work anywhere in
that window. The panel polls `change_version` every second and reloads only when it moved.

Nothing here waits on the database in the GUI thread: every action, poll and reload runs as a
background task (`counter/ui/tasks.py`). While a queue action runs, the queue actions are
disabled (F2 pressed twice on a slow network calls one ticket); its result, the panel's new
state and any error are applied in the GUI thread when it ends.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from counter.statuses import WINDOW_STATE, label as state_label
from counter import queueing as q
from counter.clock import format_local
from counter.hall_state import PanelState, other_windows, panel_state
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


def minutes_seconds(seconds: float, lang: str = "zh_CN") -> str:
    """A duration the clerk reads at a glance: "12 分 05 秒" (not a clock time)."""
    minutes, secs = divmod(max(0, int(seconds)), 60)
    return f"{minutes} min {secs:02d} s" if lang == "en" else f"{minutes} 分 {secs:02d} 秒"


class QueuePanel(QWidget):
    ticket_started = Signal(int)  # the clerk started serving this ticket: link it to a visit
    state_shown = Signal()  # the panel shows a new state: the window's prompt line follows

    def __init__(self, ctx, parent: QWidget | None = None, *, poll_ms: int = 1000):
        super().__init__(parent)
        self.ctx = ctx
        self.window_number = ctx.config.window_number
        self.state = PanelState(window_number=self.window_number)
        self._version: int | None = None
        self._generation = 0  # + 1 per action or direct refresh: a load begun before it is stale
        self.tasks = TaskRunner(self)
        self._build()
        self._make_actions()
        self._make_buttons()
        self._show()
        self.reload()
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
        self.times_label = QLabel()  # how long this citizen waited, and has been served
        self.times_label.setObjectName("queue_times")
        self.times_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.times_label)
        self.buttons = QGridLayout()  # the queue keys as buttons too: not only menu and F-keys
        layout.addLayout(self.buttons)
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

    def _make_buttons(self) -> None:
        for i, action in enumerate(self._actions):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setObjectName(action.objectName() + "_button")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            action.setIconText(f"{action.text()} {action.shortcut().toString()}")  # buttons show the key
            self.buttons.addWidget(button, i // 2, i % 2)

    def actions(self) -> list[QAction]:  # noqa: D401 - Qt name; ordered for menus and toolbars
        return list(self._actions)

    # -- loading
    def stop(self) -> None:
        """The window closes: no more polling, no results applied to it."""
        self._poll.stop()
        self.tasks.close()

    def slow_down(self, interval_ms: int) -> None:
        """A change listener reports changes at once: the own poll is only a safety net."""
        self._poll.setInterval(interval_ms)

    def poll(self) -> None:
        """Reload in the background when `change_version` moved (at most one poll at a time)."""
        ctx, known = self.ctx, self._version

        self._load_in_background(lambda: panel_state(ctx, self.window_number, known), "poll")

    def reload(self) -> None:
        """Read the panel's state again, in the background."""
        ctx = self.ctx
        self._load_in_background(lambda: panel_state(ctx, self.window_number), "load")

    def _load_in_background(self, work, name: str) -> None:
        started = self._generation

        def apply(loaded):
            if loaded is not None and started == self._generation:  # else an action's state is newer
                self._version, self.state = loaded
                self._show()

        self.tasks.run(work, done=apply, failed=lambda exc: log.warning("queue panel %s failed: %r", name, exc),
                       name=name)

    def refresh(self) -> None:
        """Read the state now, in the calling thread (tests; the panel itself uses `reload`)."""
        self._generation += 1
        self._version, self.state = panel_state(self.ctx, self.window_number)
        self._show()

    def _window_name(self, number: int, name: str) -> str:
        """A window's own name, or "N 号窗口" in the UI language when it has the default name."""
        if name and name != f"{number}号窗口":
            return name
        return self.tr("%1 号窗口").replace("%1", str(number))

    def _show(self) -> None:
        s = self.state
        state = state_label(WINDOW_STATE, s.window_state, self.ctx.config.lang)
        name = self._window_name(s.window_number, s.window_name)
        self.window_label.setText(f"{name} · {state}")
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
        self.show_times()
        self._update_actions()
        self.state_shown.emit()

    def show_times(self, now=None) -> None:
        """Waited (issue → call or start) and served (start → now); the window ticks it every second."""
        s, now = self.state, now or self.ctx.clock.now()
        lang = self.ctx.config.lang
        parts = []
        if s.code and s.issued_at is not None:
            waited_until = s.started_at or s.called_at or now
            parts.append(self.tr("已等候 %1").replace(
                "%1", minutes_seconds((waited_until - s.issued_at).total_seconds(), lang)))
        if s.code and s.started_at is not None:
            parts.append(self.tr("已办理 %1").replace(
                "%1", minutes_seconds((now - s.started_at).total_seconds(), lang)))
        self.times_label.setText("\n".join(parts))

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
    def _run(self, operation, *args, then=None, **kwargs) -> bool:
        """Run a queue operation in the background, then show the panel's new state.

        A refusal (QueueError) or an unreachable database is said in the panel, never a crash;
        `then(result)` runs in the GUI thread after a success. False: another queue action is
        still running (its keys are disabled meanwhile) and nothing was started."""
        ctx, number = self.ctx, self.window_number

        def work():
            try:
                result = operation(ctx, number, *args, **kwargs)
            except q.QueueError as exc:
                result = exc  # refused: still show the state as it is now
            return (result, *panel_state(ctx, number))

        def done(outcome):
            result, self._version, self.state = outcome
            self._show()
            if isinstance(result, q.QueueError):
                self.message_label.setText(result.en if ctx.config.lang == "en" else result.zh_CN)
                return
            self.message_label.clear()
            if then is not None:
                then(result)

        def failed(exc):  # the database: said in the panel, never a traceback
            log.warning("queue operation %s failed: %r", getattr(operation, "__name__", operation), exc)
            self.message_label.setText(self.tr("数据库暂时无法访问，请稍后重试"))
            self._update_actions()

        self._generation += 1
        return self.tasks.run(work, done=done, failed=failed, busy=self._actions, name="queue")

    def call_next(self) -> None:
        def said(ticket):
            if ticket is None:
                self.message_label.setText(self.tr("没有等候的号"))

        self._run(q.call_next, then=said)

    def recall(self) -> None:
        self._run(q.recall)

    def no_show(self) -> None:
        self._run(q.no_show)

    def start_visit(self) -> None:
        self._run(q.start_service, then=lambda ticket: self.ticket_started.emit(ticket.id))

    def set_paused(self, paused: bool) -> None:
        self._run(q.pause_window if paused else q.resume_window)

    def transfer(self) -> None:
        """Open the transfer dialog once the other windows are read (in the background; not in a
        modal loop of its own: the terminal may lock meanwhile)."""
        ctx, own = self.ctx, self.window_number

        def work():
            return other_windows(ctx, own)

        def show(found):
            from counter.ui.transfer_dialog import TransferDialog

            windows = [(number, self._window_name(number, name)) for number, name in found]
            self.transfer_dialog = TransferDialog(self.state.code, list(q.CATEGORIES), windows, self,
                                                  lang=ctx.config.lang)
            self.transfer_dialog.accepted.connect(lambda: self.apply_transfer(self.transfer_dialog.choice()))
            self.transfer_dialog.open()

        def failed(exc):
            log.warning("reading windows for a transfer failed: %r", exc)
            self.message_label.setText(self.tr("数据库暂时无法访问，请稍后重试"))

        self.tasks.run(work, done=show, failed=failed, busy=[self.transfer_action], name="windows")

    def apply_transfer(self, choice: tuple[str | None, int | None]) -> None:
        category, window = choice
        self._run(q.transfer, category=category, to_window=window)
