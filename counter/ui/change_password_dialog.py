"""Change one's own password; forced at the first login (and after an administrator's reset)."""
from __future__ import annotations

import logging

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from counter.auth import AuthError, Principal, change_own_password
from counter.context import AppContext
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


def error_text(exc: AuthError, lang: str) -> str:
    return exc.en if lang == "en" else f"{exc.zh_CN}\n{exc.en}"


class ChangePasswordDialog(QDialog):
    def __init__(self, ctx: AppContext, principal: Principal, *, forced: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.principal, self.forced = ctx, principal, forced
        self.tasks = TaskRunner(self)
        self.setWindowTitle(self.tr("修改密码"))
        intro = QLabel(self.tr("首次登录或密码被重置后，须先设置自己的新密码。") if forced else
                       self.tr("请输入原密码和新密码。"), self)
        intro.setWordWrap(True)
        rules = QLabel(self.tr("密码须为8-256位，且包含大写字母、小写字母、数字、符号中的三种。"), self)
        rules.setWordWrap(True)
        self.old = self._password_field("old_password")
        self.new = self._password_field("new_password")
        self.again = self._password_field("new_password_again")
        self.message = QLabel(self)
        self.message.setObjectName("change_password_message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("用户名"), QLabel(principal.username, self))
        form.addRow(self.tr("原密码"), self.old)
        form.addRow(self.tr("新密码"), self.new)
        form.addRow(self.tr("再次输入新密码"), self.again)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons = buttons
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("修改密码"))
        if forced:
            buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("注销"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(rules)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _password_field(self, name: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setMaxLength(256)
        return field

    def submit(self) -> None:
        """Change the password in the background: a slow database never freezes the dialog."""
        if self.new.text() != self.again.text():
            self.message.setText(self.tr("两次输入的新密码不一致"))
            return
        ctx, principal, old, new = self.ctx, self.principal, self.old.text(), self.new.text()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.tasks.run(lambda: change_own_password(ctx, principal, old, new), done=self._changed,
                       failed=self._refused, busy=[ok, self.old, self.new, self.again], name="change_password")

    def _changed(self, updated: Principal) -> None:
        self.principal = updated
        if self.ctx.principal is not None and self.ctx.principal.user_id == updated.user_id:
            self.ctx.principal = updated
        self.accept()

    def _refused(self, exc: Exception) -> None:
        if isinstance(exc, AuthError):
            self.message.setText(error_text(exc, self.ctx.config.lang))
        else:  # the database is away: said, never a traceback
            log.warning("changing the password failed: %r", exc)
            self.message.setText(self.tr("无法连接数据库，请稍后重试"))
