"""The clerk window with a simulated ID card reader on a pty: F12 fills the identity page."""
from __future__ import annotations

import os
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from counter.idcard.sim import SimulatedReader, demo_cards
from counter.models import Visit
from tests.qt_helpers import type_text

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the simulated reader is a POSIX pseudo-terminal")


@pytest.fixture
def reader(ctx):
    with SimulatedReader(rotate=False) as sim:
        ctx.config = replace(ctx.config, reader_type="serial", reader_port=sim.port)
        yield sim


def page(win):
    return win.wizard.current


def press(qtbot, win, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget() or win, key, modifier)
    qtbot.wait(1)


def read_card(qtbot, win, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(win, Qt.Key.Key_F12, modifier)
    qtbot.waitUntil(lambda: not win.card_reader.reading, timeout=5000)


def finish_with_jg_a2(qtbot, win, clock):
    page(win).editor("phone").setFocus()
    type_text(qtbot, page(win).editor("phone"), "13812345678")
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.flow.step.kind == "procedures", win.wizard.error.text()
    picker = page(win)
    qtbot.keyClicks(picker.filter, "JG-A2")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Down)
    qtbot.keyClick(picker.list, Qt.Key.Key_Space)
    press(qtbot, win, Qt.Key.Key_Return)
    type_text(qtbot, page(win).editor("plate"), "浙F12345")
    qtbot.mouseClick(page(win).editor("reason").group.buttons()[1], Qt.MouseButton.LeftButton)
    press(qtbot, win, Qt.Key.Key_Return)
    for group in page(win).groups.values():
        group.buttons()[0].click()
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.wizard.at_review(), win.wizard.error.text()
    clock.advance(seconds=30)
    press(qtbot, win, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: win.last_receipt is not None)
    assert win.preview is None  # Ctrl+Enter prints; a preview opens only on demand (Ctrl+P)


def test_f12_reads_the_card_into_the_identity_page_and_the_visit_stores_it(qtbot, clerk_window, reader, ctx, clock):
    win = clerk_window
    card = demo_cards()[0]
    read_card(qtbot, win)  # no visit open: F12 starts one
    assert win.flow is not None and win.flow.step.kind == "identity"
    form = page(win)
    assert form.editor("name").value() == "王芳"
    assert form.editor("id_number").value() == card.id_number == "110105198506150241"
    assert form.editor("sex").value() == "F"
    assert form.editor("address").value() == "北京市朝阳区建国路88号院3号楼2单元501室"
    panel = win.card_reader.panel
    assert panel.isVisible()
    assert "汉族" in panel.text() and "出生 1985-06-15" in panel.text()
    assert "有效期 2016-03-01 至 2036-03-01" in panel.text() and "过期" not in panel.text()
    assert QApplication.focusWidget() is form.editor("phone")  # the one field a card does not hold

    finish_with_jg_a2(qtbot, win, clock)
    with ctx.sessions() as session:
        visit = session.scalar(select(Visit))
    assert (visit.applicant_name, visit.applicant_id_number) == ("王芳", card.id_number)
    assert visit.identity_source == "card" and visit.card_expired is False
    assert visit.identity["applicant_card"]["nation"] == "01"
    assert visit.identity["applicant_card"]["valid_until"] == "2036-03-01"
    receipt = session_receipt_data(ctx)
    assert receipt.identity_check == "读卡"  # printed as 证件核验：读卡


def test_an_expired_card_is_warned_about_and_stored_as_expired(qtbot, clerk_window, reader, ctx, clock):
    win = clerk_window
    reader.place(demo_cards()[2])
    read_card(qtbot, win)
    box = win.card_reader.expired_box
    assert box.isVisible() and "2020-01-01" in box.text() and "陈静" in box.text()
    box.accept()
    win.activateWindow()  # offscreen, no window manager gives the focus back
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    assert "证件已过期" in win.card_reader.panel.text()
    finish_with_jg_a2(qtbot, win, clock)
    with ctx.sessions() as session:
        visit = session.scalar(select(Visit))
    assert visit.identity_source == "card" and visit.card_expired is True
    assert session_receipt_data(ctx).identity_check == "读卡（证件已过期）"


def test_shift_f12_reads_the_proxys_card(qtbot, clerk_window, reader, ctx):
    win = clerk_window
    read_card(qtbot, win)
    reader.place(demo_cards()[1])
    read_card(qtbot, win, Qt.KeyboardModifier.ShiftModifier)
    form = page(win)
    assert form.editor("proxy").value() is True
    assert form.editor("proxy_name").isVisible() and form.editor("proxy_name").value() == "李建国"
    assert form.editor("proxy_id_number").value() == demo_cards()[1].id_number
    assert form.editor("name").value() == "王芳"  # the applicant stays
    assert "代办人（读卡）：回族" in win.card_reader.panel.text()


def test_typing_over_the_cards_number_makes_the_identity_typed(qtbot, clerk_window, reader, ctx):
    from counter.idcard.visit import identity_source

    win = clerk_window
    read_card(qtbot, win)
    assert identity_source(win.flow) == ("card", False)
    editor = page(win).editor("id_number")
    editor.clear()
    win.card_reader.now = iter(x * 0.2 for x in range(100)).__next__  # a hand's pace: 200 ms a key
    type_text(qtbot, editor, "11010519491231002X")
    assert identity_source(win.flow) == ("typed", None)
    assert not win.card_reader.panel.isVisible() or "读卡" not in win.card_reader.panel.text()


def test_a_wedge_reader_typing_the_number_is_recognised(qtbot, clerk_window, ctx):
    from counter.idcard.visit import identity_source

    win = clerk_window
    qtbot.keyClick(win, Qt.Key.Key_F5)
    win.card_reader.now = iter(x * 0.005 for x in range(100)).__next__  # 5 ms a key
    type_text(qtbot, page(win).editor("id_number"), "11010519491231002X")
    assert identity_source(win.flow) == ("wedge", None)
    assert "由阅读器输入" in win.card_reader.panel.text()


def test_no_card_and_no_reader_are_one_line_in_the_status_bar(qtbot, clerk_window, reader, ctx):
    win = clerk_window
    reader.remove()
    read_card(qtbot, win)
    assert "未检测到身份证" in win.statusBar().currentMessage()
    assert win.flow is None
    ctx.config = replace(ctx.config, reader_type="none")
    read_card(qtbot, win)
    assert "未设置身份证阅读器" in win.statusBar().currentMessage()


def test_the_reader_settings_are_saved_and_read_back(qtbot, ctx):
    from counter.auth import Principal
    from counter.config import load_config, read_settings
    from counter.models import Role
    from counter.ui.settings_dialog import SettingsDialog

    ctx.principal = Principal(user_id=1, username="boss", display_name="Boss", role=Role.ADMIN.value,
                              station_id=ctx.station.id, must_change_password=False)
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.reader_type.setCurrentIndex(dialog.reader_type.findData("serial"))
    dialog.reader_port.setText(" /dev/ttyUSB0 ")
    dialog.reader_baudrate.setCurrentIndex(dialog.reader_baudrate.findData(9600))
    assert dialog.save()
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    stored = read_settings()
    assert (stored["reader_type"], stored["reader_port"], stored["reader_baudrate"]) == ("serial", "/dev/ttyUSB0", 9600)
    config = load_config(database="sqlite://")
    assert (config.reader_type, config.reader_port, config.reader_baudrate) == ("serial", "/dev/ttyUSB0", 9600)


def test_self_test_line_says_whether_a_reader_answers():
    from argparse import Namespace

    from counter.idcard.errors import ReaderError
    from counter.ui.card_reader import self_test_line

    assert "simulated reader: SAM module on" in self_test_line(Namespace(reader_sim=True), {})
    assert "no ID card reader to ask" in self_test_line(Namespace(reader_sim=False), {})
    with SimulatedReader() as sim:
        line = self_test_line(Namespace(reader_sim=False), {"reader_type": "serial", "reader_port": sim.port})
    assert line == f"SAM module on {sim.port} answers (status 90)"
    with pytest.raises(ReaderError):
        self_test_line(Namespace(reader_sim=False), {"reader_type": "serial", "reader_port": "/dev/no-such-reader"})


def test_reader_sim_flag_makes_the_simulated_reader_this_terminals_reader():
    from counter.cli import build_parser
    from counter.config import Config
    from counter.idcard import make_reader
    from counter.ui.card_reader import start_simulated_reader

    assert build_parser().parse_args(["--demo", "--reader-sim"]).reader_sim
    config = start_simulated_reader(Config(database_url="sqlite://"))
    assert config.reader_type == "serial" and config.reader_port.startswith("/dev/")
    names = {make_reader(config).read_card().name for _ in range(4)}
    assert names == {c.name for c in demo_cards()}  # a new demo person on every read


def test_a_decoded_photo_is_shown_and_a_wlt_one_is_not(qtbot, clerk_window, reader):
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    win = clerk_window
    read_card(qtbot, win)  # the serial reader: WLT only, no decoder here
    assert not win.card_reader.photo.isVisible()
    image = QImage(102, 126, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "BMP")
    card = replace(demo_cards()[3], photo_bmp=bytes(data))
    win.card_reader.card_read(card, False)  # as the vendor SDK delivers it (zp.bmp)
    assert win.card_reader.photo.isVisible()
    assert win.card_reader.photo.pixmap().width() == 102


def session_receipt_data(ctx):
    from counter.models import Receipt
    from counter.visits import receipt_data

    with ctx.sessions() as session:
        number = session.scalar(select(Receipt.number))
        return receipt_data(session, ctx.catalog, number, settings=ctx.config)
