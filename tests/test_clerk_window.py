"""The real clerk window driven by keyboard and mouse through whole visits."""
from __future__ import annotations

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from counter.models import Item, Receipt, StepEvent, Visit
from tests.helpers import ID_NUMBER
from tests.qt_helpers import choose, fill_identity, page, press, type_into



@pytest.fixture
def window(clerk_window):
    return clerk_window



def test_whole_visit_with_a_household_and_a_traffic_item(qtbot, window, ctx, clock):
    win = window
    fill_identity(qtbot, win, clock)
    # sex came from the ID number; the identity page was accepted
    assert win.flow.identity.values["sex"] == "F"
    assert win.flow.identity.raw["id_number"] == ID_NUMBER  # typed with a lower-case x, shown upper
    assert win.flow.step.kind == "procedures"
    choose(qtbot, win, "HZ-08", "JG-A2")
    clock.advance(seconds=20)
    press(qtbot, win, Qt.Key.Key_Return)

    # HZ-08: renewal on expiry, inside the 90-day window
    assert win.flow.step.kind == "page" and win.flow.items[0].procedure.code == "HZ-08"
    qtbot.mouseClick(page(win).editor("reason").group.buttons()[0], Qt.MouseButton.LeftButton)
    type_into(qtbot, win, "card_expiry", "20270110")
    clock.advance(seconds=60)
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.flow.step.kind == "materials"
    for code in ("hukou_booklet", "old_card"):
        qtbot.mouseClick(page(win).groups[code].buttons()[0], Qt.MouseButton.LeftButton)
    clock.advance(seconds=30)
    press(qtbot, win, Qt.Key.Key_Return)

    assert win.flow.step.kind == "page", (win.wizard.error.text(), win.flow.items[0].materials)
    # JG-A2: damaged vehicle licence; the old licence is missing -> 需补正
    assert win.flow.items[1].procedure.code == "JG-A2"
    type_into(qtbot, win, "plate", "浙f12345")
    qtbot.mouseClick(page(win).editor("reason").group.buttons()[1], Qt.MouseButton.LeftButton)
    clock.advance(seconds=45)
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.flow.step.kind == "materials"
    materials = page(win)
    materials.groups["owner_id"].buttons()[0].click()
    materials.groups["old_licence"].buttons()[1].click()
    clock.advance(seconds=15)
    press(qtbot, win, Qt.Key.Key_Return)

    assert win.wizard.at_review()
    assert "30.00" in page(win).total_label.text()
    clock.advance(seconds=10)
    press(qtbot, win, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: win.last_receipt is not None)
    number, pdf = win.last_receipt
    assert win.preview is None  # Ctrl+Enter printed: no second dialog to confirm
    win.printer.wait()  # no spooler in this test: one clear line, the receipt kept for a reprint
    qtbot.waitUntil(lambda: "未打印" in win.print_status.text())
    assert number in win.print_status.text() and "CUPS" in win.print_status.text()
    press(qtbot, win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # the preview on demand
    assert win.preview is not None and win.preview.isVisible() and win.preview.page_count() >= 1
    win.preview.close()

    with ctx.sessions() as session:
        visit = session.scalar(select(Visit))
        items = session.scalars(select(Item).order_by(Item.position)).all()
        steps = session.scalars(select(StepEvent).order_by(StepEvent.id)).all()
        receipt = session.scalar(select(Receipt))
    assert visit.status == "finished" and visit.applicant_id_number == ID_NUMBER
    assert visit.identity["sex"] == "F"
    assert [i.procedure_code for i in items] == ["HZ-08", "JG-A2"]
    assert [i.fee for i in items] == [Decimal("20.00"), Decimal("10.00")]
    assert [i.status for i in items] == ["accepted", "needs_materials"]
    assert items[1].values["plate"] == "浙F12345"
    assert items[1].materials == {"owner_id": "received", "old_licence": "missing"}
    assert str(items[0].promised_date) == "2027-01-07"  # 45 calendar days
    # timestamps in order: visit start <= item 1 <= item 2 <= visit end
    assert visit.started_at < items[0].started_at < items[0].finished_at <= items[1].started_at
    assert items[1].finished_at < visit.finished_at
    assert receipt.number == number and receipt.issued_at == visit.finished_at
    assert [s.page for s in steps][:2] == ["identity", "procedures"]
    assert all(s.left_at is not None and s.left_at >= s.entered_at for s in steps)

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert number in text
    assert "110105************" in text and "002X" not in text  # the last four are the kiosk secret
    assert "居民身份证换领" in text and "补/换领机动车行驶证" in text
    assert "需补正" in text

    win.reprint_number(number)  # Ctrl+R: rendered in the background, then straight to the printer
    qtbot.waitUntil(lambda: win.last_printed is not None and "补打回执" in win.last_printed[0])
    with ctx.sessions() as session:
        assert session.scalar(select(Receipt)).reprints == 1


def test_invalid_id_number_is_shown_at_its_field_and_blocks_next(qtbot, window, clock):
    win = window
    press(qtbot, win, Qt.Key.Key_F5)
    type_into(qtbot, win, "name", "张三")
    type_into(qtbot, win, "id_number", "110105194912310021")  # wrong check character
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.flow.step.kind == "identity"
    assert "校验" in page(win).message_text("id_number")
    assert page(win).message_text("phone") == "此项必填"
    assert page(win).rows["id_number"].message.isVisible()


def test_impossible_date_blocks_next(qtbot, window, clock):
    win = window
    fill_identity(qtbot, win, clock)
    choose(qtbot, win, "HZ-08")
    press(qtbot, win, Qt.Key.Key_Return)
    qtbot.mouseClick(page(win).editor("reason").group.buttons()[0], Qt.MouseButton.LeftButton)
    type_into(qtbot, win, "card_expiry", "20270230")
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.flow.step.kind == "page"
    assert page(win).message_text("card_expiry")


def test_renewal_too_early_names_the_earliest_date(qtbot, window, clock):
    win = window
    fill_identity(qtbot, win, clock)
    choose(qtbot, win, "HZ-08")
    press(qtbot, win, Qt.Key.Key_Return)
    qtbot.mouseClick(page(win).editor("reason").group.buttons()[0], Qt.MouseButton.LeftButton)
    type_into(qtbot, win, "card_expiry", "2027-06-30")
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.flow.step.kind == "page"
    assert "2027-04-01" in page(win).message_text("card_expiry")


def test_escape_goes_back_keeping_values(qtbot, window, clock):
    win = window
    fill_identity(qtbot, win, clock)
    press(qtbot, win, Qt.Key.Key_Escape)
    assert win.flow.step.kind == "identity"
    assert page(win).editor("name").text() == "张三"
    assert page(win).editor("sex").value() == "F"


def test_cancel_asks_and_keeps_the_cancelled_visit(qtbot, window, ctx, clock):
    win = window
    fill_identity(qtbot, win, clock)
    choose(qtbot, win, "JG-A2")

    def answer_yes():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(50, answer_yes)
    press(qtbot, win, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: win.flow is None)
    with ctx.sessions() as session:
        visit = session.scalar(select(Visit))
        receipts = session.scalars(select(Receipt)).all()
    assert visit.status == "cancelled"
    assert visit.started_at < visit.finished_at
    assert receipts == []


def test_actions_have_shortcuts_in_tooltips(window):
    assert "F5" in window.new_visit_action.toolTip()
    assert window.new_visit_action.isEnabled() and not window.finish_action.isEnabled()


def test_f1_opens_the_guide_of_the_highlighted_procedure(qtbot, window, clock):
    win = window
    fill_identity(qtbot, win, clock)
    picker = page(win)
    qtbot.keyClicks(picker.filter, "sfz")
    codes = picker.visible_codes()
    assert codes[0] == "HZ-07" and "HZ-08" in codes and not any(c.startswith("JG") for c in codes)
    qtbot.keyClick(picker.filter, Qt.Key.Key_Down)
    qtbot.keyClick(picker.list, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(win, "guide", None) is not None and win.guide.isVisible())
    text = win.guide.browser.toPlainText()
    # the first card is free since 2018-04-01 (rules-review finding 1): the guide says so, no 20.00
    assert "居民身份证首次申领" in text and "免费" in text and "20.00" not in text and "居民户口簿" in text
    win.guide.close()


def test_f8_and_rating_pad_are_reachable_from_the_clerk_window(qtbot, window):
    win = window
    qtbot.keyClick(win, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: getattr(win, "item_status_dialog", None) is not None)
    assert win.item_status_dialog.isVisible()
    win.item_status_dialog.close()
    qtbot.keyClick(win, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert getattr(win, "rating_pad", None) is None  # nothing finished yet: a hint, not a pad
    assert "办结" in win.statusBar().currentMessage()


def test_the_clerks_pickup_choice_is_remembered_for_the_next_visit(qtbot, window, clock):
    win = window
    fill_identity(qtbot, win, clock)
    choose(qtbot, win, "HZ-08")
    press(qtbot, win, Qt.Key.Key_Return)
    editor = page(win).editor("reason")
    qtbot.mouseClick(editor.group.buttons()[2], Qt.MouseButton.LeftButton)  # damaged
    qtbot.mouseClick(page(win).editor("pickup").group.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page(win).editor("pickup").group.buttons()[1], Qt.MouseButton.LeftButton)  # post
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.flow.step.kind == "materials"
    page(win).mark_all_received()
    press(qtbot, win, Qt.Key.Key_Return)
    press(qtbot, win, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: win.flow is None)
    win.activateWindow()  # a window manager hands focus back after the preview closes
    qtbot.waitUntil(win.isActiveWindow)
    fill_identity(qtbot, win, clock)
    choose(qtbot, win, "HZ-08")
    press(qtbot, win, Qt.Key.Key_Return)
    assert page(win).editor("pickup").value() == "post"
    assert page(win).editor("reason").value() is None


def test_an_id_card_for_someone_else_is_refused_at_the_procedure_choice(qtbot, window, clock):
    """Photo and fingerprints need the applicant (居民身份证法 art 3): a proxy is refused before
    the item is typed, with the rule's message in the banner."""
    win = window
    press(qtbot, win, Qt.Key.Key_F5)
    type_into(qtbot, win, "name", "张三")
    type_into(qtbot, win, "id_number", ID_NUMBER)
    type_into(qtbot, win, "phone", "13812345678")
    type_into(qtbot, win, "address", "北京市朝阳区建国路1号")
    for field, value in (("proxy", True), ("proxy_name", "李四"), ("proxy_id_number", "110105197001010134")):
        win.flow.identity.set(field, value)
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.flow.step.kind == "procedures"
    choose(qtbot, win, "HZ-07")
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.flow.step.kind == "procedures"
    assert "本人到场" in win.wizard.error.text()
    page(win).set_chosen(["HZ-12"])  # a household item a proxy may do
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.flow.step.kind == "page"


def test_no_two_actions_of_the_clerk_window_share_a_key(window):
    """A key bound twice in one window triggers neither (Qt: ambiguous shortcut)."""
    from collections import Counter

    from PySide6.QtGui import QAction

    keys = Counter(seq.toString() for action in window.findChildren(QAction)
                   for seq in action.shortcuts() if not seq.isEmpty())
    assert [key for key, n in keys.items() if n > 1] == []


def test_f2_while_a_finish_is_being_stored_waits_for_it(qtbot, window, ctx, monkeypatch):
    """A slow network: the visit is being stored when the clerk presses F2. Nothing is called and no
    park question is asked; the finish completes for the visit it stored (receipt, no draft left)."""
    import time

    from counter import queueing as q
    from counter.ui import main_window as module
    from tests.helpers import make_flow

    real = module.finish_visit

    def slow_finish(*args, **kwargs):
        time.sleep(0.8)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "finish_visit", slow_finish)
    waiting = q.issue_ticket(ctx, "A")
    flow = make_flow(ctx, codes=("HZ-08",))
    window.resume(flow)
    while not window.wizard.at_review() and window.next_action.isEnabled():
        window.next_action.trigger()
    assert window.wizard.at_review()
    window.finish_action.trigger()
    assert window.storing() and "正在保存" in window.statusBar().currentMessage()
    window.queue_panel.call_action.trigger()  # F2
    assert getattr(window, "call_question", None) is None and "保存完成后再叫号" in window.statusBar().currentMessage()
    window.park_and_call()  # a question answered late must not park the visit being stored either
    qtbot.waitUntil(lambda: not window.storing(), timeout=10000)
    assert window.flow is None and window.last_receipt is not None
    assert window.journal.pending(ctx.principal.username) == []
    with ctx.sessions() as session:
        assert session.scalar(select(Visit.status).where(Visit.key == flow.key)) == "finished"
        assert session.get(q.Ticket, waiting.id).status == "waiting"  # F2 called nobody
