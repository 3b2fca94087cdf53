"""The clerk window's security pieces: terminal lock, citizen search, own password, accounts, raw export.

`install_security(window)` adds the menu actions to the window's 系统 menu and the idle lock.
Actions an administrator alone may use are hidden for others; the services refuse anyway, and a
refusal is shown plainly.
"""
from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QDate, QObject
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
)

from counter.auth import AuthError, PermissionDenied, Role, require
from counter.clock import STATION_TZ


class Security(QObject):
    def __init__(self, window):
        super().__init__(window)
        from counter.ui.lock_screen import TerminalLock

        self.window = window
        self.ctx = window.ctx
        w = window
        self.lock_action = w._action(self.tr("锁定终端"), "Ctrl+L", self.lock_now, "lock_terminal")
        self.search_action = w._action(self.tr("查询群众办件…"), "Ctrl+Shift+F", self.search, "citizen_search")
        self.password_action = w._action(self.tr("修改密码…"), "Ctrl+Shift+P", self.change_password, "change_password")
        self.users_action = w._action(self.tr("账号管理…"), "Ctrl+Shift+U", self.users, "manage_users")
        self.raw_export_action = w._action(self.tr("导出完整个人信息…"), "Ctrl+Shift+E", self.raw_export, "raw_export")
        self.settings_action = w._action(self.tr("本机与大厅设置…"), "Ctrl+Shift+S", self.settings, "terminal_settings")
        menu = getattr(w, "session_menu", None)
        if menu is not None:
            before = getattr(w, "logout_action", None)
            for action in (self.search_action, self.lock_action, self.password_action, self.users_action,
                           self.raw_export_action, self.settings_action):
                menu.insertAction(before, action)
            menu.insertSeparator(before)
        self.lock = TerminalLock(window)
        self.lock.principal_changed.connect(self.principal_changed)
        self.dialog = None
        self.refresh()

    def refresh(self) -> None:
        principal = self.ctx.principal
        admin = principal is not None and principal.has(Role.ADMIN)
        self.users_action.setVisible(admin)
        self.raw_export_action.setVisible(admin)
        # a manager changes the hall's settings there (this terminal's own stay the administrator's)
        self.settings_action.setVisible(principal is not None and principal.has(Role.MANAGER))

    def principal_changed(self, principal) -> None:
        label = getattr(self.window, "operator_label", None)
        if label is not None:
            who = self.tr("{0}（{1}）").format(principal.display_name, principal.username)
            label.setText(self.tr("操作员：") + who)
        self.refresh()
        if principal.must_change_password and not self.force_password_change():
            self.window.logout_requested.emit()

    def force_password_change(self) -> bool:
        from counter.ui.change_password_dialog import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.ctx, self.ctx.principal, forced=True, parent=self.window)
        return bool(dialog.exec())

    # -- actions
    def lock_now(self) -> None:
        self.lock.lock()

    def search(self) -> None:
        from counter.ui.citizen_search_dialog import CitizenSearchDialog

        self.dialog = CitizenSearchDialog(self.ctx, self.window)
        self.dialog.open()

    def change_password(self) -> None:
        from counter.ui.change_password_dialog import ChangePasswordDialog

        if self.ctx.principal is None:
            return
        self.dialog = ChangePasswordDialog(self.ctx, self.ctx.principal, parent=self.window)
        self.dialog.open()

    def _allowed(self, role: Role) -> bool:
        try:
            require(self.ctx.principal, role)
        except PermissionDenied as exc:
            self.window._warn(exc)
            return False
        return True

    def users(self) -> None:
        from counter.ui.users_dialog import UsersDialog

        if self._allowed(Role.ADMIN):
            self.dialog = UsersDialog(self.ctx, self.window)
            self.dialog.open()

    def settings(self) -> None:
        from counter.ui.settings_dialog import SettingsDialog

        if self._allowed(Role.MANAGER):
            self.dialog = SettingsDialog(self.ctx, self.window)
            self.dialog.open()

    def raw_export(self) -> None:
        if self._allowed(Role.ADMIN):
            self.dialog = RawExportDialog(self.ctx, self.window)
            self.dialog.open()


class RawExportDialog(QDialog):
    """Full ID numbers for a period: an administrator types why; the export is audited."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("导出完整个人信息"))
        warning = QLabel(
            self.tr("导出文件含完整身份证号、电话、住址，仅限依法履职需要。事由、时段和导出人将记入审计日志。"), self)
        warning.setWordWrap(True)
        today = QDate.currentDate()
        self.start = QDateEdit(today.addDays(-7), self)
        self.start.setCalendarPopup(True)
        self.end = QDateEdit(today, self)
        self.end.setCalendarPopup(True)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("raw_export_reason")
        self.reason.setMaxLength(500)
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("起始日期"), self.start)
        form.addRow(self.tr("截止日期（含）"), self.end)
        form.addRow(self.tr("事由"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.choose_file)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def period(self) -> tuple[datetime, datetime]:
        start = datetime.combine(self.start.date().toPython(), time(), STATION_TZ)
        end = datetime.combine(self.end.date().toPython() + timedelta(days=1), time(), STATION_TZ)
        return start, end

    def choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存为"), "visits-raw.csv", "CSV (*.csv)")
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> bool:
        from counter.privacy import raw_export

        start, end = self.period()
        try:
            count = raw_export(self.ctx, self.ctx.principal, self.reason.text(), start, end, path)
        except AuthError as exc:
            lang = self.ctx.config.lang
            self.message.setText(exc.en if lang == "en" else f"{exc.zh_CN}\n{exc.en}")
            return False
        except OSError as exc:
            self.message.setText(f"{path}: {exc}")
            return False
        QMessageBox.information(self, self.tr("已导出"), self.tr("已导出 {0} 条办件记录。").format(count))
        self.accept()
        return True


def install_security(window) -> Security:
    return Security(window)
