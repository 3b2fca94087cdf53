"""Driving the real windows as a clerk does: typing (ASCII through key clicks, Chinese through the
input method), keys, and the clerk window's first steps."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from tests.helpers import ID_NUMBER


def type_text(qtbot, widget, text: str) -> None:
    """QTest.keyClicks only knows ASCII; Chinese arrives from an IME as a committed string."""
    run = ""
    for ch in text:
        if ch.isascii():
            run += ch
            continue
        if run:
            qtbot.keyClicks(widget, run)
            run = ""
        event = QInputMethodEvent()
        event.setCommitString(ch)
        QApplication.sendEvent(widget, event)
    if run:
        qtbot.keyClicks(widget, run)


def page(win):
    return win.wizard.current


def type_into(qtbot, win, field_id, text):
    editor = page(win).editor(field_id)
    editor.setFocus()
    type_text(qtbot, editor, text)


def press(qtbot, win, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget() or win, key, modifier)
    qtbot.wait(1)  # let the new page lay out before it is clicked


def fill_identity(qtbot, win, clock):
    press(qtbot, win, Qt.Key.Key_F5)
    assert win.flow is not None and win.flow.step.kind == "identity"
    type_into(qtbot, win, "name", "张三")
    type_into(qtbot, win, "id_number", ID_NUMBER.lower())
    type_into(qtbot, win, "phone", "13812345678")
    type_into(qtbot, win, "address", "北京市朝阳区建国路1号")
    clock.advance(seconds=40)
    press(qtbot, win, Qt.Key.Key_Return)


def choose(qtbot, win, *codes):
    picker = page(win)
    for code in codes:
        picker.filter.setFocus()
        picker.filter.clear()
        qtbot.keyClicks(picker.filter, code)
        qtbot.keyClick(picker.filter, Qt.Key.Key_Down)
        qtbot.keyClick(picker.list, Qt.Key.Key_Space)
    assert picker.chosen() == list(codes)


def read_next_box(seen: dict) -> None:
    """When the next modal message box shows, put its text in `seen["text"]` and close it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    def read_and_close():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen["text"] = box.text()
            box.close()
        else:
            QTimer.singleShot(50, read_and_close)

    QTimer.singleShot(50, read_and_close)
