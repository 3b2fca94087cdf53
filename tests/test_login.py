"""Logging in, the first administrator, demo accounts, and a database that cannot be opened."""
from __future__ import annotations

import argparse

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sqlalchemy import select

from counter.auth import create_user
from counter.models import Role, User
from counter.ui.app import ClerkStart
from counter.ui.opening import open_context, terminal_config
from counter.ui.create_admin_dialog import CreateAdminDialog
from counter.ui.login_dialog import LoginDialog
from tests.qt_helpers import type_text


def args(url: str, demo: bool = False) -> argparse.Namespace:
    return argparse.Namespace(database=url, lang=None, demo=demo, window=None, kiosk=False, display=False,
                              self_test=False)


def add_clerk(ctx):
    with ctx.sessions.begin() as session:
        create_user(session, ctx.clock, station_id=ctx.station.id, username="li", display_name="李警官",
                    role=Role.CLERK, password="Clerk@2026", must_change=False)


def test_login_with_the_right_password(qtbot, ctx):
    add_clerk(ctx)
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "li")
    qtbot.keyClicks(dialog.password, "Clerk@2026")
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert ctx.principal.username == "li" and ctx.principal.role == "clerk"


def test_wrong_password_is_said_plainly_and_five_lock_the_account(qtbot, ctx):
    add_clerk(ctx)
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "li")
    for _ in range(5):
        qtbot.keyClicks(dialog.password, "wrong-Pass1")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.tasks.busy)  # checked in the background
    assert "锁定" in dialog.message.text() and dialog.result() == 0
    qtbot.keyClicks(dialog.password, "Clerk@2026")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert "锁定" in dialog.message.text() and ctx.principal is None
    with ctx.sessions() as session:
        assert session.scalar(select(User.locked_until)) is not None


def test_a_slow_database_never_freezes_the_login(qtbot, ctx, monkeypatch):
    """The password is checked in the background: the event loop keeps turning meanwhile."""
    import time

    from PySide6.QtCore import QElapsedTimer

    import counter.auth

    add_clerk(ctx)
    signed_in = counter.auth.sign_in

    def slow(*args):
        time.sleep(1.0)
        return signed_in(*args)

    monkeypatch.setattr(counter.auth, "sign_in", slow)
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("li")
    dialog.password.setText("Clerk@2026")
    gaps, clock = [], QElapsedTimer()
    clock.start()
    ticker = QTimer(interval=10)
    ticker.timeout.connect(lambda: gaps.append(clock.restart()))
    ticker.start()
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.try_login()
        assert not dialog.password.isEnabled()  # the fields wait for the answer
    ticker.stop()
    assert ctx.principal.username == "li" and len(gaps) > 30 and max(gaps) < 500


def test_demo_accounts_are_shown_only_in_demo_mode(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTER_DATA_DIR", str(tmp_path))
    shown = {}
    for demo in (True, False):
        dialog = LoginDialog(None)
        qtbot.addWidget(dialog)
        url = f"sqlite:///{tmp_path / f'db-{demo}.sqlite3'}"
        if not demo:  # a real database with one account: no demo list
            ctx = open_context(terminal_config(args(url)))
            add_clerk(ctx)
        start = ClerkStart(QApplication.instance(), args(url, demo=demo), dialog)
        start.open_database()
        qtbot.waitUntil(lambda s=start: s.ctx is not None, timeout=60000)  # opened in the background
        shown[demo] = dialog.demo_label.isVisibleTo(dialog), dialog.demo_label.text()
    assert shown[True][0] and "li / Clerk@2026" in shown[True][1]
    assert not shown[False][0]


def test_first_administrator_on_an_empty_database(qtbot, ctx):
    dialog = CreateAdminDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.display_name, "赵管理")
    qtbot.keyClicks(dialog.password, "weak")
    qtbot.keyClicks(dialog.again, "weak")
    dialog.create()
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert "8" in dialog.message.text() and dialog.result() == 0
    dialog.password.setText("Admin@2026")
    dialog.again.setText("Admin@2026")
    dialog.create()
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert dialog.result() == 1 and ctx.principal.role == "admin"
    with ctx.sessions() as session:
        admin = session.scalar(select(User))
    assert (admin.username, admin.display_name, admin.role) == ("admin", "赵管理", "admin")


def test_a_database_that_cannot_be_opened_is_said_and_tried_again(qtbot, tmp_path):
    blocker = tmp_path / "hall"
    blocker.write_text("x")  # where the database's folder should be: a file (a server not up yet)
    url = f"sqlite:///{blocker / 'db.sqlite3'}"
    dialog = LoginDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    start = ClerkStart(QApplication.instance(), args(url), dialog)
    start.open_database()
    start.opening.retry_seconds = (0.3,)
    qtbot.waitUntil(lambda: start.opening.failures >= 1, timeout=30000)
    assert "无法连接数据库" in dialog.message.text() and "hall" in dialog.message.text()
    assert dialog.isVisible() and start.ctx is None  # no box to click, no exit: the window waits
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    asked = []
    start._create_admin = lambda: asked.append(True)  # a new, empty database: the first administrator
    blocker.unlink()
    blocker.mkdir()  # the server answers now
    qtbot.waitUntil(lambda: start.ctx is not None, timeout=30000)
    assert asked == [True] and dialog.message.text() == ""
