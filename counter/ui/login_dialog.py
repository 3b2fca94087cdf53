"""Log in. In demo mode only, the demo accounts are listed on the dialog."""
from __future__ import annotations

import logging

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from typing import TYPE_CHECKING

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # shown before SQLAlchemy is imported: start-up speed
    from counter.auth import Principal
    from counter.context import AppContext


def hall_settings_of(ctx: AppContext) -> dict | None:
    """The hall's settings read again at each login (counter.hall_settings); None when that read
    fails: the login goes on with the values this terminal has."""
    from counter import hall_settings

    try:
        return hall_settings.stored(ctx)
    except Exception as exc:
        log.warning("hall settings not read at login: %r", exc)
        return None


class LoginDialog(QDialog):
    def __init__(self, ctx: AppContext | None, demo_accounts: list[tuple[str, str, str]] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.tasks = None  # made at the first login attempt (the window shows before the stack loads)
        self.ctx = ctx
        self.principal: Principal | None = None
        self.setWindowTitle(self.tr("一窗通办 — 登录"))
        title = QLabel(self.tr("一窗通办 户政·交管综合窗口"), self)
        title.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setObjectName("login_message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("密码"), self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.message)
        self.demo_label = QLabel(self)
        self.demo_label.setObjectName("demo_accounts")
        self.demo_label.setStyleSheet("background: #fff6d5; padding: 6px;")
        self.demo_label.hide()
        layout.addWidget(self.demo_label)
        layout.addWidget(self.buttons)
        self.set_demo_accounts(demo_accounts)
        self.set_ready(ctx is not None)

    def set_demo_accounts(self, accounts: list[tuple[str, str, str]] | None) -> None:
        if not accounts:
            self.demo_label.hide()
            return
        if self.ctx is not None and self.ctx.config.lang == "en":  # labels are "系统管理员 admin"
            accounts = [(role.split(" ", 1)[-1], user, password) for role, user, password in accounts]
        lines = [self.tr("演示模式 — 演示账号：")] + [self.tr("{0}：{1} / {2}").format(role, user, password)
                                                  for role, user, password in accounts]
        self.demo_label.setText("\n".join(lines))
        self.demo_label.show()

    def set_ready(self, ready: bool) -> None:
        """The window shows before the database is opened; typing waits for it."""
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)
        if not ready:
            self.message.setText(self.tr("正在打开数据库…"))
        elif self.message.text() == self.tr("正在打开数据库…"):
            self.message.clear()

    def attach(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.set_ready(True)
        self.username.setFocus()

    def try_login(self) -> None:
        """Check the password in the background: a database that answers slowly (or not at all)
        never freezes the login; the fields wait meanwhile."""
        if self.ctx is None:
            return
        from counter.auth import sign_in
        from counter.ui.tasks import TaskRunner

        if self.tasks is None:
            self.tasks = TaskRunner(self)
        ctx, name, password = self.ctx, self.username.text(), self.password.text()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.tasks.run(lambda: (sign_in(ctx, name, password), hall_settings_of(ctx)), done=self._signed_in,
                       failed=self._refused, busy=[ok, self.username, self.password],
                       name="login")  # audited: login / failed

    def _signed_in(self, answer: tuple[Principal, dict | None]) -> None:
        principal, hall = answer
        self.principal = principal
        assert self.ctx is not None
        if hall is not None:  # a change made at another terminal since this one started
            from counter import hall_settings

            hall_settings.apply(self.ctx, hall)
        self.ctx.principal = principal
        self.accept()

    def _refused(self, exc: Exception) -> None:
        from counter.auth import AuthError

        assert self.ctx is not None
        if isinstance(exc, AuthError):
            self.message.setText(exc.zh_CN if self.ctx.config.lang != "en" else exc.en)  # one language on screen
        else:  # the database is away: said, never a traceback
            log.warning("login failed: %r", exc)
            self.message.setText(self.tr("无法连接数据库，请稍后重试"))
        self.password.clear()
        self.password.setFocus()
