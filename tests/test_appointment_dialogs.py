"""The counter's appointment dialogs, driven with qtbot: booking (capacity refusal) and check-in."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from sqlalchemy import select

from counter import appointments as ap
from counter.db import reading
from counter.models import Appointment, Ticket
from counter.ui.appointment_dialog import BookingDialog, CheckInDialog

ZHANG = "11010519491231002X"


def fill(qtbot, dialog, *, phone="13812345678", proxy=False):
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.start.setDateTime(QDateTime(QDate(2026, 11, 23), QTime(10, 30)))  # station time
    dialog.end.setTime(QTime(11, 0))
    qtbot.keyClicks(dialog.filter, "HZ-08")
    visible = [dialog.procedures.item(r) for r in range(dialog.procedures.count())
               if not dialog.procedures.item(r).isHidden()]
    assert len(visible) == 1
    visible[0].setCheckState(Qt.CheckState.Checked)
    dialog.name.clear()
    dialog.name.setText("张秀英")  # Chinese comes through the input method, not key clicks
    dialog.id_number.clear()
    qtbot.keyClicks(dialog.id_number, ZHANG)
    dialog.phone.clear()
    qtbot.keyClicks(dialog.phone, phone)
    if proxy:
        dialog.proxy.setFocus()
        qtbot.keyClick(dialog.proxy, Qt.Key.Key_Space)
        dialog.proxy_name.setText("李强")
        qtbot.keyClicks(dialog.proxy_id, "650102198805061237")


def test_booking_dialog_books_and_refuses_a_full_slot(qtbot, ctx, clerk):
    ctx.config = replace(ctx.config, appointment_capacity="A:1")
    dialog = BookingDialog(ctx)
    qtbot.addWidget(dialog)
    fill(qtbot, dialog, proxy=True)
    dialog.source.setCurrentIndex(1)  # by phone
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert dialog.booked is not None, dialog.result_label.text()
    assert dialog.booked.code in dialog.result_label.text() and "10:30–11:00" in dialog.result_label.text()
    with reading(ctx.sessions) as s:
        row = s.scalar(select(Appointment))
        assert (row.source, row.procedures, row.proxy_id_number, row.slot_start.hour, row.slot_start.minute) == \
            ("phone", ["HZ-08"], "650102198805061237", 2, 30)
    again = BookingDialog(ctx)
    qtbot.addWidget(again)
    fill(qtbot, again, phone="13700000000")
    qtbot.mouseClick(again.book_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not again.tasks.busy)
    assert again.booked is None and "已满" in again.result_label.text()


def test_check_in_dialog_issues_the_ticket_and_says_the_wait(qtbot, ctx, clerk):
    made = ap.book(ctx, {"slot_start": "2026-11-23 10:00", "slot_end": "2026-11-23 10:30", "procedures": ["JG-C1"],
                         "id_number": ZHANG, "phone": "13812345678"})
    dialog = CheckInDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.id_last4, "002X")
    qtbot.keyClicks(dialog.phone_last4, "5678")
    qtbot.mouseClick(dialog.check_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert dialog.done_check_in is not None and dialog.done_check_in.code == made.code
    text = dialog.result_label.text()
    assert text.startswith("B001") and "优先叫号" in text and "暂无估计" in text
    with reading(ctx.sessions) as s:
        assert s.scalar(select(Ticket.priority)) is True
    qtbot.keyClicks(dialog.code, made.code)
    qtbot.mouseClick(dialog.check_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert "已签到" in dialog.result_label.text()


def test_clerk_window_has_the_appointment_actions(clerk_window):
    names = {a.objectName() for a in clerk_window.queue_menu.actions()}
    assert {"book_appointment", "appointment_check_in"} <= names


def test_settings_dialog_sets_the_grace_period_and_the_capacity(qtbot, ctx):
    from counter import hall_settings
    from counter.config import load_config, read_settings
    from counter.context import AppContext
    from counter.models import Role
    from counter.ui.settings_dialog import SettingsDialog
    from tests.helpers import principal

    ctx.principal = principal(ctx, "boss", Role.ADMIN)
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.hall_loaded is not None)  # the hall's settings, read from the database
    assert dialog.grace.value() == 15 and dialog.capacity.text() == "A:6,B:6,C:3"
    dialog.capacity.setText("A:x")
    assert not dialog.save() and "A:6,B:6,C:3" in dialog.message.text()
    dialog.capacity.setText("a:4, b:2")
    dialog.grace.setValue(10)
    assert dialog.save()
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    # the hall's settings (counter.hall_settings): in the database for every terminal, not in the file
    assert "appointment_capacity" not in read_settings()
    hall = hall_settings.stored(ctx)
    assert (hall["appointment_grace_minutes"], hall["appointment_capacity"]) == (10, "A:4,B:2")
    other = AppContext.open(load_config(database=ctx.config.database_url))  # a terminal starting
    try:
        assert other.station.id == ctx.station.id  # loading its station reads the hall's settings
        config = other.config
        assert (config.appointment_grace_minutes, ap.capacities(config.appointment_capacity)) == (10, {"A": 4, "B": 2})
    finally:
        other.close()
