"""Idle lock: the visit on screen stays untouched, the same clerk unlocks, another clerk parks the draft."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from counter.auth import create_user, login
from counter.models import AuditEntry, Role
from counter.ui.main_window import MainWindow
from tests.helpers import ID_NUMBER
from tests.qt_helpers import fill_identity


class Ticker:
    """A monotonic clock the test moves."""

    def __init__(self):
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def window(qtbot, ctx):
    with ctx.sessions.begin() as session:
        for username, name in (("li", "李警官"), ("wang", "王辅警")):
            create_user(session, ctx.clock, station_id=ctx.station.id, username=username, display_name=name,
                        role=Role.CLERK, password="Clerk@2026", must_change=False)
    with ctx.sessions() as session:
        ctx.principal = login(session, ctx.clock, "li", "Clerk@2026")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    ticker = Ticker()
    watcher = win.security.lock.watcher
    watcher.now, watcher.last = ticker, ticker()
    win.ticker = ticker
    return win


def go_idle(win, minutes=5):
    win.ticker.t += minutes * 60
    win.security.lock.watcher.check()


def actions(ctx):
    with ctx.sessions() as session:
        return [(e.username, e.action) for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_input_events_are_counted_and_postpone_the_lock(qtbot, window):
    watcher = window.security.lock.watcher
    before = watcher.events
    window.ticker.t += 4 * 60
    qtbot.keyClick(window, Qt.Key.Key_Shift)
    assert watcher.events > before and watcher.last == window.ticker.t
    go_idle(window, minutes=4)  # 4 idle minutes since the key: not yet
    assert not window.security.lock.locked
    go_idle(window, minutes=1)
    assert window.security.lock.locked


def test_idle_lock_keeps_the_visit_untouched_and_the_same_clerk_unlocks(qtbot, window, ctx, clock):
    fill_identity(qtbot, window, clock)  # identity done; now on the procedure list
    flow, step = window.flow, window.flow.index
    values = dict(flow.identity.values)
    go_idle(window)
    lock = window.security.lock
    assert lock.locked and lock.screen.isVisible()
    assert lock.screen.geometry() == window.rect()
    assert QApplication.focusWidget() is lock.screen.password
    # keys meant for the visit do nothing: Esc (back), F5 (new), Enter (next), Ctrl+W (cancel)
    for key, mod in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                     (Qt.Key.Key_F5, Qt.KeyboardModifier.NoModifier),
                     (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)):
        qtbot.keyClick(lock.screen.password, key, mod)
    qtbot.keyClick(lock.screen.password, Qt.Key.Key_Return)  # empty password: refused, still locked
    qtbot.waitUntil(lambda: not lock.tasks.busy)  # the password is checked in the background
    # a click or typing aimed at the wizard underneath is swallowed
    picker = window.wizard.current
    qtbot.keyClicks(picker.filter, "JG")
    qtbot.mouseClick(picker.filter, Qt.MouseButton.LeftButton)
    assert picker.filter.text() == ""
    assert lock.locked and window.flow is flow and window.flow.index == step
    assert dict(window.flow.identity.values) == values
    qtbot.keyClicks(lock.screen.password, "Wrong@2026")
    qtbot.keyClick(lock.screen.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lock.tasks.busy)  # the password is checked in the background
    assert lock.locked and "Wrong" in lock.screen.message.text()
    qtbot.keyClicks(lock.screen.password, "Clerk@2026")
    qtbot.keyClick(lock.screen.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lock.tasks.busy)  # the password is checked in the background
    assert not lock.locked and not lock.screen.isVisible()
    assert window.flow is flow and window.flow.index == step and dict(window.flow.identity.values) == values
    assert ctx.principal.username == "li"
    assert window.flow.identity.values["id_number"] == ID_NUMBER
    seen = actions(ctx)
    assert ("li", "terminal.locked") in seen and seen[-1] == ("li", "terminal.unlocked")
    # and the wizard takes keys again
    qtbot.keyClicks(picker.filter, "JG")
    assert picker.filter.text() == "JG"


def test_another_clerk_parks_the_first_clerks_draft_and_starts_clean(qtbot, window, ctx, clock):
    fill_identity(qtbot, window, clock)
    key = window.flow.key
    go_idle(window)
    lock = window.security.lock
    lock.screen.username.clear()
    qtbot.keyClicks(lock.screen.username, "wang")
    qtbot.keyClick(lock.screen.username, Qt.Key.Key_Return)  # on to the password
    qtbot.keyClicks(lock.screen.password, "Clerk@2026")
    qtbot.keyClick(lock.screen.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lock.tasks.busy)  # the password is checked in the background
    assert not lock.locked and ctx.principal.username == "wang"
    assert window.flow is None and window.new_visit_action.isEnabled()
    assert "wang" in window.operator_label.text()
    parked = window.journal.pending("li")
    assert [d["key"] for d in parked] == [key] and parked[0]["identity"]["name"] == "张三"
    with window.journal._connect() as conn:
        assert conn.execute("SELECT parked FROM drafts WHERE key = ?", (key,)).fetchone() == (1,)
    assert window.journal.pending("wang") == []
    assert ("wang", "draft.parked") in actions(ctx)


def test_a_locked_terminal_refuses_a_wrong_other_login(qtbot, window, ctx, clock):
    fill_identity(qtbot, window, clock)
    flow = window.flow
    go_idle(window)
    lock = window.security.lock
    lock.try_unlock("wang", "Nope@2026")
    qtbot.waitUntil(lambda: not lock.tasks.busy)
    assert lock.locked and window.flow is flow and ctx.principal.username == "li"


def test_lock_by_hand_and_dialogs_hide_while_locked(qtbot, window, ctx):
    window.security.search()
    dialog = window.security.dialog
    assert dialog.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    lock = window.security.lock
    if not lock.locked:  # the open dialog had the focus: lock from the menu instead
        window.security.lock_action.trigger()
    assert lock.locked and not dialog.isVisible()
    lock.try_unlock("li", "Clerk@2026")
    qtbot.waitUntil(lambda: not lock.tasks.busy)
    assert not lock.locked and dialog.isVisible()


def test_zero_minutes_turns_the_idle_lock_off(qtbot, window):
    from counter.ui.lock_screen import IdleWatcher

    watcher = IdleWatcher(0, window, now=window.ticker)
    window.ticker.t += 10_000
    fired = []
    watcher.idle.connect(lambda: fired.append(1))
    watcher.check()
    assert fired == []


def test_a_cancel_question_is_hidden_while_locked_and_still_open_after(qtbot, window, ctx):
    window.new_visit()
    window.cancel_action.trigger()
    question = window.cancel_question
    assert question.isVisible()
    lock = window.security.lock
    window.security.lock_action.trigger()
    assert lock.locked and not question.isVisible()  # nobody passing by can answer it
    lock.try_unlock("li", "Clerk@2026")
    qtbot.waitUntil(lambda: not lock.tasks.busy)
    assert not lock.locked and question.isVisible() and window.flow is not None
    question.button(QMessageBox.StandardButton.No).click()
    assert window.flow is not None  # "No" keeps the visit
