"""The kiosk window driven by touch (clicks) and a barcode scanner (key clicks ending in Enter)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QWidget,
)
from sqlalchemy import select

from counter import kiosk
from counter.models import KioskAttempt, Rating, Ticket
from counter.ui.kiosk_window import KioskWindow
from counter.ui.rating_pad import RatingPadWindow, touch_px
from tests.helpers import ID_NUMBER, PHONE, login_clerk, make_visit, print_code

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def printed():
    return []


@pytest.fixture
def settings(tmp_path):
    return kiosk.KioskSettings.load(tmp_path / "settings.toml")


def open_kiosk(qtbot, ctx, printed, settings, **kw) -> KioskWindow:
    win = KioskWindow(ctx, printer=lambda pdf, name: printed.append((name, pdf)), settings=settings, **kw)
    qtbot.addWidget(win, before_close_func=lambda w: w.unlock())
    win.resize(1280, 1024)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def win(qtbot, ctx, printed, settings):
    return open_kiosk(qtbot, ctx, printed, settings)


def settle(qtbot, widget: QWidget) -> None:
    """The kiosk's flows run in background tasks: wait until the window has none running."""
    tasks = getattr(widget.window(), "tasks", None)
    if tasks is not None:
        qtbot.waitUntil(lambda: not tasks.busy, timeout=10000)


def tap(qtbot, widget: QWidget) -> None:
    assert widget.isVisible(), f"{widget!r} is not on screen"
    qtbot.mouseClick(widget, LEFT)
    qtbot.wait(1)
    settle(qtbot, widget)


def all_texts(win: QWidget) -> list[str]:
    """Every text a citizen could see or a screen reader could read, in every child widget."""
    texts = [win.windowTitle()]
    for w in win.findChildren(QWidget):
        texts += [w.toolTip(), w.accessibleName(), w.windowTitle()]
        if isinstance(w, QLabel):
            texts.append(w.text())
        elif isinstance(w, QLineEdit):
            texts += [w.text(), w.placeholderText(), w.displayText()]
        elif isinstance(w, QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QListWidget):
            texts += [w.item(i).text() for i in range(w.count())]
    return texts


def scan(qtbot, widget: QWidget, digits: str) -> None:
    """A barcode scanner: the digits typed fast, then Enter."""
    qtbot.keyClicks(widget, digits)
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    qtbot.wait(1)
    settle(qtbot, widget)


# --------------------------------------------------------------------------- the four flows

def test_home_has_five_big_choices(win):
    assert win.pages.currentWidget() is win.home_page
    titles = [tile.title.text() for tile in win.home_page.tiles.values()]
    assert titles == ["取号", "预约签到", "办事指南", "进度查询", "评价"]
    minimum = touch_px(win)
    assert minimum >= 90  # 15 mm at the offscreen screen's 96 dpi is 57 px: the 90 px floor holds
    for tile in win.home_page.tiles.values():
        assert tile.height() >= 3 * minimum and tile.width() >= 3 * minimum
    assert win.windowFlags() & Qt.WindowType.FramelessWindowHint


def test_take_a_ticket(qtbot, win, ctx, printed):
    tap(qtbot, win.home_page.tiles["ticket"])
    assert win.pages.currentWidget() is win.ticket_page
    assert "70岁以上" in win.ticket_page.buttons["V"].sub.text()  # who qualifies for the priority lane
    for button in win.ticket_page.buttons.values():
        assert button.height() >= touch_px(win)
    tap(qtbot, win.ticket_page.buttons["B"])
    assert win.pages.currentWidget() is win.ticket_done_page
    assert win.ticket_done_page.code.text() == "B001"
    assert win.ticket_done_page.ahead.text() == "前面还有 0 人等候"
    assert win.ticket_done_page.wait.text() == "暂无估计"  # no service today yet: no number
    assert [name for name, _ in printed] == ["ticket-B001"]
    assert printed[0][1].startswith(b"%PDF")
    with ctx.sessions() as session:
        ticket = session.scalar(select(Ticket))
    assert (ticket.category, ticket.number, ticket.source) == ("B", 1, "kiosk")
    # a second citizen sees one waiting ahead
    tap(qtbot, win.home_button)
    tap(qtbot, win.home_page.tiles["ticket"])
    tap(qtbot, win.ticket_page.buttons["B"])
    assert win.ticket_done_page.code.text() == "B002" and "1 人" in win.ticket_done_page.ahead.text()


def test_a_failed_print_still_shows_the_number(qtbot, ctx, settings):
    def broken(pdf, name):
        raise OSError("paper out")

    win = KioskWindow(ctx, printer=broken, settings=settings)
    qtbot.addWidget(win, before_close_func=lambda w: w.unlock())
    win.resize(1280, 1024)
    win.show()
    tap(qtbot, win.home_page.tiles["ticket"])
    tap(qtbot, win.ticket_page.buttons["A"])
    assert win.pages.currentWidget() is win.ticket_done_page
    assert win.ticket_done_page.code.text() == "A001"
    assert "打印失败" in win.ticket_done_page.hint.text()


def test_guide_browse_by_group_and_print(qtbot, win, printed):
    tap(qtbot, win.home_page.tiles["guide"])
    assert win.pages.currentWidget() is win.guide_page
    everything = win.guide_page.list.count()
    assert everything >= 30
    traffic = [b for b in win.guide_page.group_buttons.buttons() if b.text() == "交管业务"][0]
    tap(qtbot, traffic)
    assert 0 < win.guide_page.list.count() < everything
    assert not win.guide_page.findChildren(QLineEdit)  # no keyboard at the kiosk: browse, no search
    tap(qtbot, [b for b in win.guide_page.group_buttons.buttons() if b.text() == "户政业务"][0])
    names = [win.guide_page.list.item(i).text() for i in range(win.guide_page.list.count())]
    assert any(n.startswith("居民身份证换领") for n in names)
    row = next(i for i, n in enumerate(names) if n.startswith("居民身份证换领"))
    win.guide_page.list.scrollToItem(win.guide_page.list.item(row))
    rect = win.guide_page.list.visualItemRect(win.guide_page.list.item(row))
    qtbot.mouseClick(win.guide_page.list.viewport(), LEFT, pos=rect.center())
    assert win.pages.currentWidget() is win.guide_detail_page
    assert win.guide_detail_page.proc_title.text() == "居民身份证换领"
    assert "¥20.00" in win.guide_detail_page.facts.text() and "办理时限" in win.guide_detail_page.facts.text()
    assert "居民户口簿" in win.guide_detail_page.materials.text()
    tap(qtbot, win.guide_detail_page.print_button)
    assert [name for name, _ in printed] == ["guide-HZ-08"] and printed[0][1].startswith(b"%PDF")
    assert "已打印" in win.guide_detail_page.printed.text()


def test_status_by_scanner_shows_masked_items(qtbot, win, ctx):
    missing = [m.code for m in ctx.catalog.get("JG-A2").materials if m.required][:1]
    number = make_visit(ctx, codes=("HZ-08", "JG-A2"), missing={"JG-A2": missing})
    tap(qtbot, win.home_page.tiles["status"])
    assert win.pages.currentWidget() is win.status_page
    assert QApplication.focusWidget() is win.status_page.receipt
    scan(qtbot, win.status_page.receipt, number)
    assert QApplication.focusWidget() is win.status_page.proof  # Enter moved on to the ID confirmation
    qtbot.keyClicks(win.status_page.proof, "002X")
    qtbot.keyClick(win.status_page.proof, Qt.Key.Key_Return)
    settle(qtbot, win)
    assert win.pages.currentWidget() is win.status_result_page
    summary = win.status_result_page.summary.text()
    assert number in summary and "欧***" in summary
    cards = " ".join(label.text() for label in win.status_result_page.items.findChildren(QLabel))
    assert "居民身份证换领" in cards and "受理" in cards and "承诺办结" in cards
    assert "需补正" in cards and ctx.catalog.get("JG-A2").materials[0].name.zh_CN in cards
    # privacy: nowhere in the window the full ID number, the phone or the full name
    for text in all_texts(win):
        assert ID_NUMBER not in text.upper() and PHONE not in text and "欧阳娜娜" not in text, text
    assert win.status_page.proof.text() == ""


def test_status_with_the_on_screen_keypad(qtbot, win, ctx):
    number = make_visit(ctx, name="张三")
    tap(qtbot, win.home_page.tiles["status"])
    keys = {b.text(): b for b in win.status_page.keypad.findChildren(QPushButton)}
    for ch in number:
        tap(qtbot, keys[ch])
    win.status_page.proof.setFocus()
    for ch in "002X":
        tap(qtbot, keys[ch])
    assert win.status_page.receipt.text() == number and win.status_page.proof.text() == "002X"
    tap(qtbot, win.status_page.query_button)
    assert "张*" in win.status_result_page.summary.text()


def test_scan_on_the_home_screen_opens_status(qtbot, win, ctx):
    number = make_visit(ctx)
    win.activateWindow()
    for key in [*number, "\r"]:  # a real scanner types into whatever has the focus
        target = QApplication.focusWidget() or win
        if key == "\r":
            qtbot.keyClick(target, Qt.Key.Key_Return)
        else:
            qtbot.keyClick(target, key)
    assert win.pages.currentWidget() is win.status_page
    assert win.status_page.receipt.text() == number
    assert QApplication.focusWidget() is win.status_page.proof


def test_a_qr_scanned_on_the_home_screen_shows_the_status(qtbot, win, ctx):
    number = make_visit(ctx)
    code = print_code(ctx, number)
    win.activateWindow()
    for key in [*f"{number}-{code}", "\r"]:  # the QR's NUMBER-CODE, typed by the scanner
        target = QApplication.focusWidget() or win
        if key == "\r":
            qtbot.keyClick(target, Qt.Key.Key_Return)
        else:
            qtbot.keyClick(target, key)
    settle(qtbot, win)
    assert win.pages.currentWidget() is win.status_result_page
    assert number in win.status_result_page.summary.text()


def test_rate_a_visit(qtbot, win, ctx):
    number = make_visit(ctx)
    tap(qtbot, win.home_page.tiles["rate"])
    assert win.pages.currentWidget() is win.rate_page
    scan(qtbot, win.rate_page.receipt, number)
    assert win.pages.currentWidget() is win.rate_page  # a number alone proves nothing
    assert QApplication.focusWidget() is win.rate_page.proof
    scan(qtbot, win.rate_page.proof, "002X")
    assert win.pages.currentWidget() is win.rate_levels_page
    assert win.rate_page.proof.text() == ""
    assert [b.text() for b in win.rate_levels_page.rating.level_buttons.values()] == [
        "非常满意", "满意", "基本满意", "不满意", "非常不满意"]
    tap(qtbot, win.rate_levels_page.rating.level_buttons[5])
    assert win.rate_levels_page.rating.thanked and win.rate_levels_page.rating.thanks.text() == "感谢您的评价！"
    with ctx.sessions() as session:
        ratings = session.scalars(select(Rating)).all()
    assert [(r.level, r.reason, r.source) for r in ratings] == [(5, None, "kiosk")]
    # one rating per visit
    tap(qtbot, win.home_button)
    tap(qtbot, win.home_page.tiles["rate"])
    scan(qtbot, win.rate_page.receipt, number)
    scan(qtbot, win.rate_page.proof, "002X")
    assert win.pages.currentWidget() is win.rate_page
    assert "已经评价" in win.rate_page.error.text()


def test_a_bad_rating_needs_a_reason(qtbot, win, ctx):
    number = make_visit(ctx)
    tap(qtbot, win.home_page.tiles["rate"])
    scan(qtbot, win.rate_page.receipt, number)
    scan(qtbot, win.rate_page.proof, "002X")
    tap(qtbot, win.rate_levels_page.rating.level_buttons[1])
    assert not win.rate_levels_page.rating.thanked and win.rate_levels_page.rating.reason_box.isVisible()
    tap(qtbot, win.rate_levels_page.rating.submit)
    assert "原因" in win.rate_levels_page.rating.error.text()
    with ctx.sessions() as session:
        assert session.scalar(select(Rating)) is None
    assert not win.rate_levels_page.findChildren(QLineEdit)  # reasons are choices only: no keyboard
    tap(qtbot, win.rate_levels_page.rating.reason_buttons[0])
    tap(qtbot, win.rate_levels_page.rating.reason_buttons[2])
    tap(qtbot, win.rate_levels_page.rating.submit)
    assert win.rate_levels_page.rating.thanked
    with ctx.sessions() as session:
        rating = session.scalar(select(Rating))
    assert rating.level == 1 and rating.reason == "等候时间太长；服务态度不好"


def test_unknown_receipt_for_rating_reads_like_a_wrong_proof(qtbot, win, ctx):
    number = make_visit(ctx)
    tap(qtbot, win.home_page.tiles["rate"])
    scan(qtbot, win.rate_page.receipt, "1234567890123")
    scan(qtbot, win.rate_page.proof, "1234")
    missing = win.rate_page.error.text()
    win.rate_page.receipt.clear()
    scan(qtbot, win.rate_page.receipt, number)
    scan(qtbot, win.rate_page.proof, "1234")
    assert missing == win.rate_page.error.text() and "还可尝试 4 次" in missing
    assert win.pages.currentWidget() is win.rate_page


def test_rate_with_the_query_code_on_the_keypad(qtbot, win, ctx):
    number = make_visit(ctx)
    code = print_code(ctx, number)
    tap(qtbot, win.home_page.tiles["rate"])
    keys = {b.text(): b for b in win.rate_page.keypad.findChildren(QPushButton)}
    for ch in number:
        tap(qtbot, keys[ch])
    win.rate_page.proof.setFocus()
    for ch in code:
        tap(qtbot, keys[ch])
    assert win.rate_page.receipt.text() == number and win.rate_page.proof.text() == code
    assert win.rate_page.proof.displayText() != code  # hidden as typed, like the last 4
    tap(qtbot, win.rate_page.next)
    assert win.pages.currentWidget() is win.rate_levels_page
    tap(qtbot, win.rate_levels_page.rating.level_buttons[2])
    tap(qtbot, win.rate_levels_page.rating.reason_buttons[1])
    tap(qtbot, win.rate_levels_page.rating.submit)
    assert win.rate_levels_page.rating.thanked
    with ctx.sessions() as session:
        rating = session.scalar(select(Rating))
        outcomes = session.scalars(select(KioskAttempt.outcome).order_by(KioskAttempt.id)).all()
    assert (rating.level, rating.reason, rating.source) == (2, "办事效率低", "kiosk")
    assert outcomes == ["ok", "ok"]  # the proof on "next", and again when the rating is stored
    tap(qtbot, win.home_button)
    rating = win.rate_levels_page.rating
    assert rating.proof is None and rating.receipt_number is None  # nothing kept


def test_a_number_alone_never_reaches_the_levels(qtbot, win, ctx):
    number = make_visit(ctx)
    tap(qtbot, win.home_page.tiles["rate"])
    scan(qtbot, win.rate_page.receipt, number)
    tap(qtbot, win.rate_page.next)  # no proof typed: stays, asks for it, counts nothing
    assert win.pages.currentWidget() is win.rate_page
    assert QApplication.focusWidget() is win.rate_page.proof
    with ctx.sessions() as session:
        assert session.scalar(select(KioskAttempt)) is None and session.scalar(select(Rating)) is None


def test_a_scanned_qr_with_the_code_rates_and_shows_status_at_once(qtbot, win, ctx):
    number = make_visit(ctx)
    code = print_code(ctx, number)
    tap(qtbot, win.home_page.tiles["status"])
    scan(qtbot, win.status_page.receipt, f"{number}-{code}")
    assert win.pages.currentWidget() is win.status_result_page
    assert number in win.status_result_page.summary.text() and win.status_page.receipt.text() == number
    tap(qtbot, win.home_button)
    tap(qtbot, win.home_page.tiles["rate"])
    scan(qtbot, win.rate_page.receipt, f"{number}-{code}")
    assert win.pages.currentWidget() is win.rate_levels_page
    tap(qtbot, win.rate_levels_page.rating.level_buttons[5])
    assert win.rate_levels_page.rating.thanked


def test_status_with_the_query_code(qtbot, win, ctx):
    number = make_visit(ctx, name="张三")
    code = print_code(ctx, number)
    tap(qtbot, win.home_page.tiles["status"])
    scan(qtbot, win.status_page.receipt, number)
    scan(qtbot, win.status_page.proof, code)
    assert win.pages.currentWidget() is win.status_result_page and "张*" in win.status_result_page.summary.text()


# --------------------------------------------------------------------------- idle, lock-down, lockout

def test_idle_goes_home_and_clears_the_status(qtbot, ctx, printed, settings):
    number = make_visit(ctx)
    win = open_kiosk(qtbot, ctx, printed, settings, idle_ms=300)
    tap(qtbot, win.home_page.tiles["status"])
    scan(qtbot, win.status_page.receipt, number)
    scan(qtbot, win.status_page.proof, "002X")
    assert win.pages.currentWidget() is win.status_result_page
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.home_page, timeout=3000)
    assert win.status_result_page.view is None and win.status_result_page.summary.text() == ""
    assert win.status_page.receipt.text() == "" and win.status_page.proof.text() == ""
    assert not [lb for lb in win.status_result_page.items.findChildren(QLabel) if lb.text() and lb.isVisibleTo(win)]
    for text in all_texts(win):
        assert number not in text and "欧***" not in text


def test_touches_keep_the_page_open(qtbot, ctx, printed, settings):
    win = open_kiosk(qtbot, ctx, printed, settings, idle_ms=400)
    tap(qtbot, win.home_page.tiles["guide"])
    traffic = [b for b in win.guide_page.group_buttons.buttons() if b.text() == "交管业务"][0]
    for _ in range(4):
        qtbot.wait(200)
        qtbot.mouseClick(traffic, LEFT)
    assert win.pages.currentWidget() is win.guide_page
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.home_page, timeout=3000)
    assert win.guide_page.group == "all"


def test_escape_keys_and_close_do_nothing(qtbot, win):
    tap(qtbot, win.home_page.tiles["guide"])
    qtbot.keyClick(win.guide_page.list, Qt.Key.Key_Escape)
    qtbot.keyClick(win, Qt.Key.Key_Escape)
    qtbot.keyClick(win, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(win, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert win.close() is False
    qtbot.wait(10)
    assert win.isVisible()
    assert win.pages.currentWidget() is win.guide_page


def test_five_wrong_id_confirmations_lock_the_receipt(qtbot, win, ctx, clock):
    number = make_visit(ctx)
    tap(qtbot, win.home_page.tiles["status"])
    scan(qtbot, win.status_page.receipt, number)
    for left in (4, 3, 2, 1):
        scan(qtbot, win.status_page.proof, "1234")
        assert f"还可尝试 {left} 次" in win.status_page.error.text()
        assert win.pages.currentWidget() is win.status_page
    scan(qtbot, win.status_page.proof, "1234")
    assert "已锁定" in win.status_page.error.text() and "15 分钟" in win.status_page.error.text()
    scan(qtbot, win.status_page.proof, "002X")  # the right answer is refused while locked
    assert "已锁定" in win.status_page.error.text()
    assert win.pages.currentWidget() is win.status_page
    with ctx.sessions() as session:
        outcomes = session.scalars(select(KioskAttempt.outcome).order_by(KioskAttempt.id)).all()
    assert outcomes == ["wrong"] * 5 + ["locked"]
    clock.advance(minutes=15, seconds=1)
    scan(qtbot, win.status_page.proof, "002X")
    assert win.pages.currentWidget() is win.status_result_page


# --------------------------------------------------------------------------- language, administrator

def test_english_in_one_tap_in_place(qtbot, win, ctx):
    number = make_visit(ctx, codes=("HZ-08",))
    tap(qtbot, win.home_page.tiles["status"])
    scan(qtbot, win.status_page.receipt, number)
    scan(qtbot, win.status_page.proof, "002X")
    tap(qtbot, win.lang_button)
    assert win.pages.currentWidget() is win.status_result_page  # still there, now in English
    cards = " ".join(label.text() for label in win.status_result_page.items.findChildren(QLabel))
    assert "Accepted" in cards and "Promised by" in cards
    assert "Applicant" in win.status_result_page.summary.text()
    assert win.lang_button.text() == "中文" and win.home_button.text() == "Home"
    tap(qtbot, win.home_button)
    assert [t.title.text() for t in win.home_page.tiles.values()] == [
        "Take a ticket", "Appointment check-in", "Guide", "Check status", "Rate our service"]
    tap(qtbot, win.lang_button)
    assert win.home_page.tiles["ticket"].title.text() == "取号"


def test_hidden_corner_then_pin_opens_settings_and_exit(qtbot, win, settings):
    for _ in range(4):
        tap(qtbot, win.corner)
    assert win.pages.currentWidget() is win.home_page
    tap(qtbot, win.corner)
    assert win.pages.currentWidget() is win.pin_page
    qtbot.keyClicks(win.pin_page.pin_edit, "000000")
    qtbot.keyClick(win.pin_page.pin_edit, Qt.Key.Key_Return)
    assert win.pages.currentWidget() is win.pin_page and win.pin_page.error.text() == "PIN 不正确"
    qtbot.keyClicks(win.pin_page.pin_edit, "123456")
    qtbot.keyClick(win.pin_page.pin_edit, Qt.Key.Key_Return)
    assert win.pages.currentWidget() is win.settings_page
    qtbot.keyClicks(win.settings_page.new_pin, "2468")
    win.settings_page.idle_seconds.setValue(90)
    save = [b for b in win.settings_page.findChildren(QPushButton) if b.text() == "保存"][0]
    tap(qtbot, save)
    assert win.settings_page.message.text() == "已保存"
    stored = kiosk.KioskSettings.load(settings.path)
    assert stored.check_pin("2468") and stored.idle_seconds == 90 and win.idle.interval() == 90_000
    assert "2468" not in settings.path.read_text()
    tap(qtbot, win.settings_page.exit_button)
    assert not win.isVisible()


def test_slow_corner_taps_do_not_open(qtbot, ctx, printed, settings):
    moments = iter([0.0, 1.0, 2.0, 3.5, 4.0, 4.5, 5.0])
    win = open_kiosk(qtbot, ctx, printed, settings, now=lambda: next(moments))
    for _ in range(6):  # never five within 3 s
        tap(qtbot, win.corner)
    assert win.pages.currentWidget() is win.home_page
    tap(qtbot, win.corner)  # 2.0, 3.5, 4.0, 4.5 and 5.0: five within 3 s
    assert win.pages.currentWidget() is win.pin_page


# --------------------------------------------------------------------------- the clerk's rating pad

def test_rating_pad_on_the_customer_screen(qtbot, ctx):
    number = make_visit(ctx)
    ctx.principal = login_clerk(ctx)  # the clerk at the window is the proof: no code asked on the pad
    pad = RatingPadWindow(ctx, number, close_after_ms=-1)
    qtbot.addWidget(pad)
    screen = QApplication.primaryScreen()
    assert pad.show_on_customer_screen(lambda: [screen, screen]) is True
    assert pad.isFullScreen()
    tap(qtbot, pad.panel.level_buttons[4])
    with ctx.sessions() as session:
        rating = session.scalar(select(Rating))
    assert (rating.level, rating.source) == (4, "pad")
    pad2 = RatingPadWindow(ctx, number, close_after_ms=-1)
    qtbot.addWidget(pad2)
    assert pad2.show_on_customer_screen(lambda: [screen]) is False
    tap(qtbot, pad2.panel.level_buttons[3])
    assert "已经评价" in pad2.panel.error.text()
    assert pad2.panel.level_buttons[3].height() >= touch_px(pad2)
    with ctx.sessions() as session:
        assert session.scalar(select(KioskAttempt)) is None  # the pad is no kiosk lookup


def test_a_pad_opened_without_a_clerk_stores_nothing(qtbot, ctx):
    number = make_visit(ctx)
    ctx.principal = None
    pad = RatingPadWindow(ctx, number, close_after_ms=-1)
    qtbot.addWidget(pad)
    pad.show()
    tap(qtbot, pad.panel.level_buttons[5])
    assert not pad.panel.thanked and "工作人员" in pad.panel.error.text()
    with ctx.sessions() as session:
        assert session.scalar(select(Rating)) is None


# --------------------------------------------------------------------------- the clerk's item status dialog

def test_clerk_marks_items_ready_then_collected(qtbot, ctx, clock):
    from counter.ui.item_status_dialog import ItemStatusDialog

    number = make_visit(ctx, codes=("HZ-08", "JG-A2"))
    ctx.principal = login_clerk(ctx)
    dialog = ItemStatusDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    scan(qtbot, dialog.number, number)
    assert dialog.table.rowCount() == 2 and "欧***" in dialog.summary.text()
    assert dialog.table.item(0, 1).text() == "受理"
    assert dialog.ready_button.isEnabled() and not dialog.collected_button.isEnabled()
    clock.advance(days=3)
    tap(qtbot, dialog.ready_button)
    assert dialog.table.item(0, 1).text() == "待领取" and "李警官" in dialog.table.item(0, 3).text()
    assert dialog.collected_button.isEnabled() and not dialog.ready_button.isEnabled()
    tap(qtbot, dialog.collected_button)
    assert dialog.table.item(0, 1).text() == "已领取"
    assert dialog.table.item(1, 1).text() == "受理"  # the other item is untouched
    items = kiosk.receipt_items(ctx, number).items
    assert items[0].status == "collected" and items[0].changed_by == "李警官"
    assert items[0].changed_at == clock.now()
    for text in all_texts(dialog):
        assert ID_NUMBER not in text and PHONE not in text


def test_clerk_dialog_unknown_receipt(qtbot, ctx):
    from counter.ui.item_status_dialog import ItemStatusDialog

    ctx.principal = login_clerk(ctx)
    dialog = ItemStatusDialog(ctx)
    qtbot.addWidget(dialog)
    scan(qtbot, dialog.number, "1234567890123")
    assert "不存在" in dialog.message.text() or "没有找到" in dialog.message.text()
    assert not dialog.ready_button.isEnabled()
