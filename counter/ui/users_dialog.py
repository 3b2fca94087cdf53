"""Accounts (administrators only): list, create, deactivate/reactivate, reset a password, change a role.

The services check the role again (counter.auth): this dialog only shows what they answer.
Every call to them runs in the background (`self.tasks`): the table and the buttons wait for the
answer, the window does not.
"""
from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter import accounts, auth
from counter.auth import Account, AuthError, Role
from counter.badges import set_badge
from counter.clock import format_local
from counter.context import AppContext
from counter.ui.change_password_dialog import error_text
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

ROLE_LABELS = {"clerk": QT_TRANSLATE_NOOP("UsersDialog", "窗口人员"), "manager": QT_TRANSLATE_NOOP("UsersDialog",
                                                                                               "管理人员"),
               "admin": QT_TRANSLATE_NOOP("UsersDialog", "系统管理员")}


class UsersDialog(QDialog):
    COLUMNS = (QT_TRANSLATE_NOOP("UsersDialog", "用户名"), QT_TRANSLATE_NOOP("UsersDialog", "姓名"),
               QT_TRANSLATE_NOOP("UsersDialog", "角色"), QT_TRANSLATE_NOOP("UsersDialog", "状态"),
               QT_TRANSLATE_NOOP("UsersDialog", "须改密码"), QT_TRANSLATE_NOOP("UsersDialog", "锁定至"))

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = TaskRunner(self)
        self.accounts: list[Account] = []
        self.setWindowTitle(self.tr("账号管理"))
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("accounts")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.message = QLabel(self)
        self.message.setObjectName("users_message")
        self.message.setWordWrap(True)
        actions = QHBoxLayout()
        self.buttons: list[QPushButton] = []  # they wait while a call to the services runs
        for text, slot in ((self.tr("停用/启用"), self.toggle_active), (self.tr("重置密码…"), self.ask_reset),
                           (self.tr("修改角色…"), self.ask_role)):
            button = QPushButton(text, self)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            actions.addWidget(button)
            self.buttons.append(button)
        actions.addStretch(1)
        box = QGroupBox(self.tr("新建账号（首次登录须修改密码）"), self)
        self.new_username = QLineEdit(box)
        self.new_username.setObjectName("new_username")
        self.new_username.setMaxLength(32)
        self.new_display = QLineEdit(box)
        self.new_display.setObjectName("new_display_name")
        self.new_display.setMaxLength(64)
        self.new_role = QComboBox(box)
        self.new_role.setObjectName("new_role")
        for role in Role:
            self.new_role.addItem(self.tr(ROLE_LABELS[role.value]), role.value)
        self.new_password = QLineEdit(box)
        self.new_password.setObjectName("new_password")
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password.setMaxLength(256)
        self.new_badge = QLineEdit(box)
        self.new_badge.setObjectName("new_badge")
        self.new_badge.setMaxLength(16)
        self.new_auxiliary = QCheckBox(self.tr("辅警（回执上注明责任民警）"), box)
        self.new_auxiliary.setObjectName("new_auxiliary")
        self.new_officer = QLineEdit(box)
        self.new_officer.setObjectName("new_officer")
        self.new_officer.setMaxLength(32)
        self.new_officer.setPlaceholderText(self.tr("责任民警的用户名"))
        self.new_officer.setEnabled(False)
        self.new_auxiliary.toggled.connect(self.new_officer.setEnabled)
        create = QPushButton(self.tr("创建"), box)
        create.setAutoDefault(False)
        create.clicked.connect(self.create_from_form)
        self.buttons.append(create)
        form = QFormLayout(box)
        form.addRow(self.tr("用户名"), self.new_username)
        form.addRow(self.tr("姓名"), self.new_display)
        form.addRow(self.tr("角色"), self.new_role)
        form.addRow(self.tr("临时密码"), self.new_password)
        form.addRow(self.tr("警号"), self.new_badge)
        form.addRow("", self.new_auxiliary)
        form.addRow(self.tr("责任民警"), self.new_officer)
        form.addRow("", create)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(box)
        layout.addWidget(self.message)
        self.resize(760, 560)
        self.refresh()

    # -- helpers
    def _show(self, exc: Exception) -> None:
        self.message.setStyleSheet("color: #b00020;")
        if isinstance(exc, AuthError):
            self.message.setText(error_text(exc, self.ctx.config.lang))
        else:  # the database is away: said, never a traceback
            log.warning("accounts: %r", exc)
            self.message.setText(self.tr("无法连接数据库，请稍后重试"))

    def _done(self, text: str) -> None:
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(text)

    def _call(self, fn, *args, then: Callable[[], None] | None = None, **kw) -> bool:
        """`fn` as administrator, then the list again, in the background; `then()` after a success.

        False when a call is still running (the buttons wait for it, so only a script gets here)."""
        ctx = self.ctx

        def call() -> list[Account]:
            accounts.as_administrator(ctx, fn, *args, **kw)
            return accounts.list_accounts(ctx)

        def called(listed: list[Account]) -> None:
            self._fill(listed)
            if then is not None:
                then()

        return self.tasks.run(call, done=called, failed=self._show, busy=[self.table, *self.buttons],
                              name="accounts")

    def refresh(self) -> None:
        ctx = self.ctx
        self.tasks.run(lambda: accounts.list_accounts(ctx), done=self._fill, failed=self._not_listed,
                       busy=[self.table, *self.buttons], name="accounts")

    def _not_listed(self, exc: Exception) -> None:
        self._fill([])
        self._show(exc)

    def _fill(self, listed: list[Account]) -> None:
        self.accounts = listed
        self.table.setRowCount(len(self.accounts))
        for r, a in enumerate(self.accounts):
            values = (a.username, a.display_name, self.tr(ROLE_LABELS.get(a.role, a.role)),
                      self.tr("启用") if a.active else self.tr("已停用"),
                      self.tr("是") if a.must_change_password else "",
                      format_local(a.locked_until) if a.locked_until else "")
            for c, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, cell)

    def selected(self) -> Account | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.accounts):
            return self.accounts[row]
        self._show(AuthError("请先选中一个账号", "Select an account first"))
        return None

    def select(self, username: str) -> None:
        for r, a in enumerate(self.accounts):
            if a.username == username:
                self.table.selectRow(r)
                self.table.setCurrentCell(r, 0)

    # -- operations (callable from tests without the input dialogs; they start a background call)
    def create_account(self, username: str, display_name: str, role: Role, password: str,
                       badge: str = "", auxiliary: bool = False, officer: str = "",
                       then: Callable[[], None] | None = None) -> bool:
        def create(s, c, p, **kw):
            user = auth.admin_create_user(s, c, p, username=username.strip(), display_name=display_name,
                                          role=role, password=password, **kw)
            if badge.strip() or auxiliary:
                set_badge(s, user, badge_number=badge, auxiliary=auxiliary, officer=officer.strip() or None)

        def created() -> None:
            self._done(self.tr("已创建账号 {0}，首次登录须修改密码").format(username.strip()))
            if then is not None:
                then()

        return self._call(create, then=created)

    def create_from_form(self) -> None:
        def clear() -> None:
            for field in (self.new_username, self.new_display, self.new_password, self.new_badge,
                          self.new_officer):
                field.clear()
            self.new_auxiliary.setChecked(False)

        self.create_account(self.new_username.text(), self.new_display.text().strip(),
                            Role(self.new_role.currentData()), self.new_password.text(),
                            self.new_badge.text(), self.new_auxiliary.isChecked(), self.new_officer.text(), then=clear)

    def toggle_active(self) -> None:
        account = self.selected()
        if account is not None:
            self._call(auth.set_active, account.id, not account.active,
                       then=lambda: self._done(self.tr("已更新 {0}").format(account.username)))

    def reset_password(self, account: Account, password: str) -> bool:
        return self._call(auth.reset_password, account.id, password, then=lambda: self._done(
            self.tr("已重置 {0} 的密码，下次登录须修改").format(account.username)))

    def ask_reset(self) -> None:
        account = self.selected()
        if account is None:
            return
        password, ok = QInputDialog.getText(self, self.tr("重置密码"),
                                            self.tr("{0} 的临时密码：").format(account.username),
                                            QLineEdit.EchoMode.Password)
        if ok:
            self.reset_password(account, password)

    def change_role(self, account: Account, role: Role) -> bool:
        return self._call(auth.set_role, account.id, role,
                          then=lambda: self._done(self.tr("已更新 {0}").format(account.username)))

    def ask_role(self) -> None:
        account = self.selected()
        if account is None:
            return
        labels = [self.tr(ROLE_LABELS[r.value]) for r in Role]
        current = [r.value for r in Role].index(account.role) if account.role in ROLE_LABELS else 0
        label, ok = QInputDialog.getItem(self, self.tr("修改角色"), account.username, labels, current, False)
        if ok:
            self.change_role(account, list(Role)[labels.index(label)])
