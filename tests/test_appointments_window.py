"""The clerk window: a called appointment ticket starts its visit with the booking filled in."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter import appointments as ap
from counter import queueing as q
from tests.qt_helpers import page, press, type_into

ZHANG = "11010519491231002X"


def test_called_appointment_starts_the_visit_with_identity_and_procedures(qtbot, clerk_window, ctx, clock):
    win = clerk_window
    made = ap.book(ctx, {"slot_start": "2026-11-23 10:00", "slot_end": "2026-11-23 10:30",
                         "procedures": ["HZ-08", "JG-C1"], "id_number": ZHANG, "phone": "13812345678",
                         "applicant_name": "张秀英"})
    ticket = ap.check_in(ctx, code=made.code).ticket
    assert q.call_next(ctx, 1).id == ticket.id
    win.queue_panel.refresh()
    win.queue_panel.start_visit()  # F6: the booking is read with the panel's state, in the background
    qtbot.waitUntil(lambda: win.flow is not None)
    assert win.flow.ticket_id == ticket.id
    assert win.flow.step.kind == "identity"
    identity = page(win)
    assert identity.editor("id_number").text() == ZHANG
    assert identity.editor("phone").text() == "13812345678"
    assert identity.editor("name").text() == "张秀英"
    type_into(qtbot, win, "address", "北京市朝阳区建国路88号")  # the platform does not book the address
    press(qtbot, win, Qt.Key.Key_Return)  # the clerk confirms
    assert win.flow.step.kind == "procedures", win.wizard.error.text()
    assert page(win).chosen() == ["HZ-08", "JG-C1"]
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.flow.step.kind == "page" and win.flow.items[0].procedure.code == "HZ-08"
    assert QApplication.focusWidget() is not None


def test_a_walk_in_ticket_starts_an_empty_visit(qtbot, clerk_window, ctx):
    ticket = q.issue_ticket(ctx, "A")
    q.call_next(ctx, 1)
    clerk_window.queue_panel.refresh()
    clerk_window.queue_panel.start_visit()
    qtbot.waitUntil(lambda: clerk_window.flow is not None)
    assert clerk_window.flow.ticket_id == ticket.id
    assert page(clerk_window).editor("id_number").text() == ""
    assert clerk_window.flow.chosen_codes() == []
