"""The settings dialog's group "本大厅（所有终端）" (counter.hall_settings through the task helper):
read-only for a clerk, a manager's to change (this terminal's own settings stay the
administrator's), saved in the database; the login and the manager's window."""
from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from counter import hall_settings
from counter.auth import create_user
from counter.config import Config, read_settings, save_settings, settings_file
from counter.context import AppContext
from counter.models import AuditEntry, Role
from counter.ui.settings_dialog import SettingsDialog
from tests.helpers import principal


def opened(qtbot, ctx) -> SettingsDialog:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.tasks.running("load_hall"))  # read in the background
    return dialog


def test_a_clerk_sees_the_halls_settings_read_only(qtbot, ctx):
    hall_settings.save(ctx, principal(ctx, "boss", Role.MANAGER), priority_streak_limit=2)
    ctx.principal = principal(ctx, "li", Role.CLERK)
    dialog = opened(qtbot, ctx)
    assert dialog.streak.value() == 2  # the hall's value, from the database
    assert not any(widget.isEnabled() for widget in dialog.hall_fields + dialog.terminal_fields)
    assert "管理人员或系统管理员" in dialog.hall_note.text()
    dialog.streak.setValue(5)  # even so: nothing is saved
    assert not dialog.save() and "administrator" in dialog.message.text()
    qtbot.wait(50)
    assert hall_settings.stored(ctx)["priority_streak_limit"] == 2 and not settings_file().exists()


def test_a_manager_changes_the_streak_limit_for_the_hall(qtbot, ctx):
    save_settings({"database_url": "postgresql+psycopg://counter:secret@hall-server/counter"})
    ctx.principal = principal(ctx, "boss", Role.MANAGER)
    dialog = opened(qtbot, ctx)
    assert dialog.hall_group.title() == "本大厅（所有终端）"
    assert all(widget.isEnabled() for widget in dialog.hall_fields)
    assert not any(widget.isEnabled() for widget in dialog.terminal_fields)  # the administrator's
    assert "secret" not in dialog.database_url.text()  # a manager never sees the database password
    assert "尚未统一保存" in dialog.hall_note.text()  # nothing stored yet: this terminal's values shown
    dialog.streak.setValue(1)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        assert dialog.save()
    assert hall_settings.stored(ctx)["priority_streak_limit"] == 1
    assert set(hall_settings.stored(ctx)) == set(hall_settings.NAMES)  # the first save: all of them
    assert ctx.config.priority_streak_limit == 1  # this terminal at once
    assert "priority_streak_limit" not in read_settings()  # not the terminal's file
    with ctx.sessions() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "hall.settings"))
        assert entry.username == "boss" and "priority_streak_limit: 3→1" in entry.detail
        assert session.scalar(select(AuditEntry).where(AuditEntry.action == "setting.changed")) is None
    again = opened(qtbot, ctx)
    assert again.streak.value() == 1 and "大厅所有终端共用" in again.hall_note.text()
    assert again.save() and again.result() == 1  # nothing changed: closed, nothing written
    assert not again.tasks.busy


def test_a_refused_value_is_said_and_nothing_is_written(qtbot, ctx):
    ctx.principal = principal(ctx, "root", Role.ADMIN)
    dialog = opened(qtbot, ctx)
    dialog.window_number.setValue(6)
    dialog.complaints_phone.setText("call us")
    assert not dialog.save()
    assert "监督电话" in dialog.message.text()
    qtbot.wait(50)
    assert not settings_file().exists() and hall_settings.stored(ctx) == {}


def test_an_administrator_saves_both_parts(qtbot, ctx):
    ctx.principal = principal(ctx, "root", Role.ADMIN)
    dialog = opened(qtbot, ctx)
    dialog.window_number.setValue(6)
    dialog.pickup_place.setText(" 一楼东侧 ")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save()
    assert read_settings()["window_number"] == 6 and "pickup_place" not in read_settings()
    assert hall_settings.stored(ctx)["pickup_place"] == "一楼东侧"


def test_the_hall_unread_is_left_alone_and_the_terminals_file_still_saves(qtbot, ctx, monkeypatch):
    def away(_ctx):
        raise OperationalError("SELECT", {}, Exception("server closed the connection"))

    ctx.principal = principal(ctx, "root", Role.ADMIN)
    monkeypatch.setattr(hall_settings, "stored", away)
    dialog = opened(qtbot, ctx)
    assert "无法读取" in dialog.hall_note.text()
    assert not any(widget.isEnabled() for widget in dialog.hall_fields)
    dialog.window_number.setValue(8)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save()
    assert read_settings()["window_number"] == 8


def test_the_hall_not_saved_is_said_after_the_terminals_file_was(qtbot, ctx, monkeypatch):
    def away(*_args, **_kwargs):
        raise OperationalError("UPDATE", {}, Exception("server closed the connection"))

    ctx.principal = principal(ctx, "root", Role.ADMIN)
    dialog = opened(qtbot, ctx)
    monkeypatch.setattr(hall_settings, "save", away)
    dialog.window_number.setValue(9)
    dialog.streak.setValue(4)
    assert dialog.save()
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert "本机设置已保存；本大厅的设置未能保存" in dialog.message.text() and "无法连接数据库" in dialog.message.text()
    assert dialog.isVisible() and read_settings()["window_number"] == 9


def test_a_login_reads_the_halls_settings_again(qtbot, ctx, db_url, clock):
    from counter.ui.login_dialog import LoginDialog

    with ctx.sessions.begin() as session:
        create_user(session, ctx.clock, station_id=ctx.station.id, username="li", display_name="li",
                    role=Role.CLERK, password="Clerk@2026", must_change=False)
    assert ctx.config.priority_streak_limit == 3
    elsewhere = AppContext.open(Config(database_url=db_url, window_number=7), clock=clock)
    try:
        hall_settings.save(elsewhere, principal(elsewhere, "boss", Role.MANAGER), priority_streak_limit=1)
    finally:
        elsewhere.close()
    assert ctx.config.priority_streak_limit == 3  # this terminal has not read it yet
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "li")
    qtbot.keyClicks(dialog.password, "Clerk@2026")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert ctx.principal.username == "li" and ctx.config.priority_streak_limit == 1


def test_the_managers_window_opens_the_settings(qtbot, ctx):
    from counter.ui.manager_window import ManagerWindow

    ctx.principal = principal(ctx, "boss", Role.MANAGER)
    window = ManagerWindow(ctx, refresh_ms=60_000)
    qtbot.addWidget(window)
    window.settings_action.trigger()
    dialog = window.settings_dialog
    qtbot.waitUntil(lambda: not dialog.tasks.running("load_hall"))
    assert dialog.isVisible() and dialog.streak.isEnabled() and not dialog.station_name.isEnabled()
    dialog.reject()
    window.wait()


def test_the_dialog_fits_a_1366x768_screen_and_a_manager_starts_on_the_hall_page(qtbot, ctx):
    ctx.principal = principal(ctx, "root", Role.ADMIN)
    admin = opened(qtbot, ctx)
    assert admin.pages.currentWidget() is not admin.hall_group  # the administrator: this terminal first
    assert admin.sizeHint().height() <= 700 and admin.height() <= 700  # 768 less a taskbar and a title bar
    ctx.principal = principal(ctx, "boss", Role.MANAGER)
    manager = opened(qtbot, ctx)
    assert manager.pages.currentWidget() is manager.hall_group
    assert manager.pages.tabText(1) == "本大厅"


def test_a_running_terminal_follows_a_save_at_another_at_once(qtbot, pg_url, clock):
    """PostgreSQL: the save is announced (NOTIFY hall:settings); a running kiosk, display or clerk
    window's listener reads the hall's settings again, without a restart or a login."""
    from counter.ui.change_listener import ChangeListener

    saving = AppContext.open(Config(database_url=pg_url, window_number=1), clock=clock)
    running = AppContext.open(Config(database_url=pg_url, window_number=2, appointment_grace_minutes=15), clock=clock)
    listener = ChangeListener(running)
    listener.start()
    try:
        qtbot.waitUntil(lambda: listener.listening, timeout=10000)
        hall_settings.save(saving, principal(saving, "boss", Role.MANAGER), appointment_grace_minutes=5,
                           pickup_place="二楼证件领取窗口")
        qtbot.waitUntil(lambda: running.config.appointment_grace_minutes == 5, timeout=10000)
        assert running.config.pickup_place == "二楼证件领取窗口"
    finally:
        listener.stop(wait=2.0)
        saving.close()
        running.close()
