"""A new, empty database: create the first administrator instead of logging in."""
from __future__ import annotations

import logging

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from counter.accounts import create_first_admin
from counter.auth import AuthError, Principal
from counter.context import AppContext
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class CreateAdminDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = TaskRunner(self)
        self.setWindowTitle(self.tr("创建系统管理员"))
        intro = QLabel(self.tr("这是一个新的数据库。请先创建系统管理员账号，之后由管理员创建窗口人员账号。"), self)
        intro.setWordWrap(True)
        self.username = QLineEdit("admin", self)
        self.username.setObjectName("admin_username")
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("admin_display_name")
        self.password = QLineEdit(self)
        self.password.setObjectName("admin_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit(self)
        self.again.setObjectName("admin_password_again")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setObjectName("admin_message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("姓名"), self.display_name)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("再次输入密码"), self.again)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons = buttons
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def create(self) -> None:
        """Create the administrator in the background: a slow database never freezes the dialog."""
        if self.password.text() != self.again.text():
            self.message.setText(self.tr("两次输入的密码不一致"))
            return
        ctx, name, display, password = (self.ctx, self.username.text().strip(), self.display_name.text().strip(),
                                        self.password.text())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.tasks.run(lambda: create_first_admin(ctx, name, display, password), done=self._created,
                       failed=self._refused, busy=[ok, self.username, self.display_name, self.password, self.again],
                       name="create_admin")

    def _created(self, admin: Principal) -> None:
        self.ctx.principal = admin
        self.accept()

    def _refused(self, exc: Exception) -> None:
        if isinstance(exc, AuthError):
            self.message.setText(f"{exc.zh_CN}\n{exc.en}")
        else:  # the database is away: said, never a traceback
            log.warning("creating the first administrator failed: %r", exc)
            self.message.setText(self.tr("无法连接数据库，请稍后重试"))
