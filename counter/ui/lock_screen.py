"""The terminal locks itself after `config.idle_lock_minutes` without input (等级保护: session lock).

- `IdleWatcher` is an event filter on the QApplication: it counts input events (keys, mouse,
  wheel, touch, input method) and notes the time of the last one; a timer compares.
- `LockScreen` is an opaque panel over the whole main window. While it is up, no shortcut of
  the window fires and no key or click reaches anything but the panel, so the visit on screen
  stays exactly as it was (same flow, same page, same typed values, same focus afterwards).
  Dialogs of the window (receipt preview, guide) are hidden while locked, message boxes stay.
- Unlocking takes the same clerk's password (same 5-failure lockout as a login). Another clerk
  may log in instead: the first clerk's open visit is parked in the draft journal
  (`parked=True`, offered back at their next login) and the window starts clean for the new one.
Everything is audited: terminal.locked, terminal.unlocked, draft.parked (and the logins).
"""
from __future__ import annotations

import logging
import time
from typing import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter.auth import AuthError, Principal, unlock
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.InputMethod, QEvent.Type.TabletPress,
})
BLOCKED_WHILE_LOCKED = INPUT_EVENTS | {
    QEvent.Type.KeyRelease, QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.ContextMenu,
}


class IdleWatcher(QObject):
    """Emits `idle` once after `minutes` without any input event anywhere in the application."""

    idle = Signal()

    def __init__(self, minutes: float, parent: QObject | None = None, *, now: Callable[[], float] = time.monotonic,
                 interval_ms: int | None = None):
        super().__init__(parent)
        self.now = now
        self.seconds = max(0.0, float(minutes) * 60)
        self.events = 0
        self.last = now()
        self.fired = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms or int(min(15_000, max(1_000, self.seconds * 100))))
        self.timer.timeout.connect(self.check)
        if self.seconds > 0:  # 0 turns the idle lock off
            self.timer.start()
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() in INPUT_EVENTS:
            self.events += 1
            self.last = self.now()
        return False

    def idle_seconds(self) -> float:
        return self.now() - self.last

    def check(self) -> None:
        if self.seconds > 0 and not self.fired and self.idle_seconds() >= self.seconds:
            self.fired = True
            self.idle.emit()

    def reset(self) -> None:
        self.last = self.now()
        self.fired = False


class LockScreen(QFrame):
    """The panel over the main window: who locked it, a password, or another clerk's login."""

    attempt = Signal(str, str)  # user name, password

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.main = window
        self.setObjectName("lock_screen")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#lock_screen { background: #20364d; } #lock_screen QLabel { color: white; }"
                           " #lock_title { font-size: 26px; font-weight: bold; }")
        self.title = QLabel(self.tr("终端已锁定"), self)
        self.title.setObjectName("lock_title")
        self.who = QLabel(self)
        self.who.setObjectName("lock_who")
        self.hint = QLabel(
            self.tr("输入本人密码解锁，办理中的业务保持不变。其他人员登录时，原操作员的未完成办件将被挂起保存。"), self)
        self.hint.setWordWrap(True)
        self.username = QLineEdit(self)
        self.username.setObjectName("lock_username")
        self.username.setMaxLength(64)
        self.password = QLineEdit(self)
        self.password.setObjectName("lock_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(256)
        self.password.returnPressed.connect(self._submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.button = QPushButton(self.tr("解锁"), self)
        self.button.setObjectName("lock_unlock")
        self.button.clicked.connect(self._submit)
        self.message = QLabel(self)
        self.message.setObjectName("lock_message")
        self.message.setStyleSheet("color: #ffb4b4;")
        self.message.setWordWrap(True)
        box = QWidget(self)
        box.setMaximumWidth(460)
        form = QFormLayout()
        form.addRow(self._white(self.tr("用户名")), self.username)
        form.addRow(self._white(self.tr("密码")), self.password)
        inner = QVBoxLayout(box)
        for widget in (self.title, self.who, self.hint):
            inner.addWidget(widget)
        inner.addLayout(form)
        inner.addWidget(self.button)
        inner.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.hide()
        window.installEventFilter(self)

    def _white(self, text: str) -> QLabel:
        return QLabel(text, self)

    def show_for(self, principal: Principal) -> None:
        self.who.setText(self.tr("操作员：{0}（{1}）").format(principal.display_name, principal.username))
        self.username.setText(principal.username)
        self.password.clear()
        self.message.clear()
        self.setGeometry(self.main.rect())
        self.show()
        self.raise_()
        QApplication.instance().installEventFilter(self)
        self.password.setFocus()

    def dismiss(self) -> None:
        QApplication.instance().removeEventFilter(self)
        self.password.clear()
        self.hide()

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.password.clear()
        self.password.setFocus()

    def _submit(self) -> None:
        self.attempt.emit(self.username.text(), self.password.text())

    def focusNextPrevChild(self, next: bool) -> bool:
        order = [self.username, self.password, self.button]
        current = QApplication.focusWidget()
        index = order.index(current) if current in order else -1
        order[(index + (1 if next else -1)) % len(order)].setFocus()
        return True

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if obj is self.main:
            if kind == QEvent.Type.Resize and self.isVisible():
                self.setGeometry(self.main.rect())
            return False
        if not self.isVisible() or not isinstance(obj, QWidget):
            return False
        if obj.window() is not self.main:
            return False  # other windows (a message box) behave normally
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # no shortcut of the locked window fires; the key goes on as a plain key press
            return True
        if kind in BLOCKED_WHILE_LOCKED and obj is not self and not self.isAncestorOf(obj):
            return True  # nothing under the panel gets a key or a click
        return False


class TerminalLock(QObject):
    """Locks `window` (a MainWindow) when idle or asked; unlocks or switches clerks."""

    locked_changed = Signal(bool)
    principal_changed = Signal(object)

    def __init__(self, window, minutes: float | None = None, *, now: Callable[[], float] = time.monotonic):
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.screen = LockScreen(window)
        self.screen.attempt.connect(self.try_unlock)
        self.tasks = TaskRunner(self)  # the password is checked off the GUI thread
        self.watcher = IdleWatcher(self.ctx.config.idle_lock_minutes if minutes is None else minutes, self, now=now)
        self.watcher.idle.connect(self.lock)
        self.locked_principal: Principal | None = None
        self._hidden: list[QWidget] = []
        self._focus: QWidget | None = None

    @property
    def locked(self) -> bool:
        return self.locked_principal is not None

    def _audit(self, action: str, detail: str | None = None, principal: Principal | None = None) -> None:
        """Written in the background: a database that is away must not hold the lock or the unlock."""
        from counter import audit

        ctx, who = self.ctx, principal or self.ctx.principal
        self.tasks.run(lambda: audit.log_action(ctx, action, detail, principal=who),
                       failed=lambda exc: log.warning("audit %s not written: %r", action, exc))

    def lock(self) -> None:
        principal = self.ctx.principal
        if self.locked or principal is None:
            return
        self.locked_principal = principal
        self._focus = QApplication.focusWidget()
        try:
            self.window.save_draft()  # on disk too, whatever happens while locked
        except Exception:
            log.exception("draft not saved at lock")
        # the clerk window's dialogs are opened with open(), never exec(): hiding one here does
        # not end a modal loop, and it comes back untouched at unlock
        self._hidden = [w for w in QApplication.topLevelWidgets()
                        if w.isVisible() and w is not self.window and _belongs_to(w, self.window)
                        and not (isinstance(w, QMessageBox)  # an exec'd box would be answered by hiding
                                 and w.windowModality() == Qt.WindowModality.ApplicationModal)]
        for widget in self._hidden:
            widget.hide()
        self.screen.show_for(principal)
        self.locked_changed.emit(True)
        self._audit("terminal.locked", f"idle {self.watcher.idle_seconds():.0f}s", principal)

    def try_unlock(self, username: str, password: str) -> None:
        """Check the password in the background: a slow database never freezes the lock screen."""
        locked = self.locked_principal
        if locked is None:
            return
        ctx = self.ctx

        def done(other: Principal | None) -> None:
            if self.locked_principal is not locked:  # unlocked meanwhile
                return
            if other is None:
                self._audit("terminal.unlocked", None, locked)
                self._finish(restore=True)
            else:
                self.switch_to(other)

        def failed(exc: Exception) -> None:
            if isinstance(exc, AuthError):
                lang = ctx.config.lang
                self.screen.show_error(exc.en if lang == "en" else f"{exc.zh_CN}\n{exc.en}")
                return
            log.warning("unlock failed: %r", exc)  # the database is away: say so, stay locked
            self.screen.show_error(self.tr("无法连接数据库，暂不能解锁") + f"\n{exc.__class__.__name__}")

        self.tasks.run(lambda: unlock(ctx, locked, username, password), done=done, failed=failed, name="unlock")

    def switch_to(self, other: Principal) -> None:
        """Another clerk logged in on the locked terminal: park the first one's visit, start clean."""
        first, window = self.locked_principal, self.window
        if window.flow is not None:
            key = window.flow.key
            window.journal.save(first.username, window.flow.to_dict(), parked=True)
            window.flow = None
            window.wizard.clear()
            window._update_actions()
            self._audit("draft.parked", f"visit key={key} of {first.username} parked; {other.username} logged in",
                        other)
        for widget in self._hidden:  # the first clerk's dialogs are not the new clerk's business
            widget.close()
        self._hidden = []
        self.ctx.principal = other
        self._finish(restore=False)
        self.principal_changed.emit(other)

    def _finish(self, *, restore: bool) -> None:
        self.locked_principal = None
        try:
            self.screen.dismiss()
            if restore:
                for widget in self._hidden:
                    if shiboken6.isValid(widget):
                        widget.show()
                if self._focus is not None and shiboken6.isValid(self._focus):
                    self._focus.setFocus()
        finally:  # whatever went away meanwhile, the idle lock must keep working
            self._hidden, self._focus = [], None
            self.watcher.reset()
            self.locked_changed.emit(False)


def _belongs_to(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if parent is window:
            return True
        parent = parent.parentWidget()
    return False
