"""Issue 19 through the real windows: the clerk's journey menu and dialogs, the manager's
follow-ups, the notice sender's timer; the table models read without a view."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from counter.journey import arrivals, followups
from counter.models import Delivery, FollowUp, Role
from tests.journey_fixtures import (
    items_of,
    local_sms_server,
    principal,
    rate,
    user,
    visit,
)

pytestmark = pytest.mark.both_engines
ID_CARD = ("HZ-07", "accepted", {"pickup": "station"})


@pytest.fixture
def sms_server():
    yield from local_sms_server()


def scan(qtbot, widget, number: str) -> None:
    qtbot.keyClicks(widget, number)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_arrivals_are_scanned_and_registered_from_the_clerk_window(qtbot, clerk_window, ctx, clerk):
    good = visit(ctx, clerk.user_id, [ID_CARD])
    clerk_window.journey.arrivals_action.trigger()
    dialog = clerk_window.journey.dialog
    qtbot.addWidget(dialog)
    scan(qtbot, dialog.scan, good)
    scan(qtbot, dialog.scan, "12345")
    scan(qtbot, dialog.scan, good)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    model = dialog.model
    assert [model.index(r, 2).data() for r in range(model.rowCount())] == ["可登记", "回执号不存在", "本批重复扫描"]
    assert dialog.register_button.isEnabled()
    qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert items_of(ctx, good)[0].status == "ready"
    assert model.index(0, 2).data() == "已登记，待领取" and "到证 1 件" in dialog.message.text()
    assert not dialog.register_button.isEnabled()


def test_a_post_item_is_addressed_and_sent_in_the_delivery_dialog(qtbot, clerk_window, ctx, clerk):
    number = visit(ctx, clerk.user_id, [("HZ-07", "accepted", {"pickup": "post", "post_address": "朝阳区建国路88号"})])
    arrivals.register(ctx, [number])
    clerk_window.journey.delivery_action.trigger()
    dialog = clerk_window.journey.dialog
    qtbot.addWidget(dialog)
    scan(qtbot, dialog.number, number)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert "朝阳区建国路88号" in dialog.summary.text() and dialog.phone.text() == "13800138000"
    dialog.province.setCurrentIndex(dialog.province.findText("北京市"))
    dialog.city.setCurrentIndex(dialog.city.findText("市辖区"))
    dialog.district.setCurrentIndex(dialog.district.findText("朝阳区"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert dialog.message.text() == "请填写街道、门牌号（2–150字）"
    dialog.street.setText("建国路88号")  # QTest types Latin-1 only
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert dialog.message.text() == "邮寄地址已保存"
    qtbot.keyClicks(dialog.tracking, "SF1234567890")
    qtbot.mouseClick(dialog.sent_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert items_of(ctx, number)[0].status == "posted"
    with ctx.sessions() as session:
        row = session.scalar(select(Delivery))
        assert (row.division_code, row.address, row.tracking_number) == ("110105", "建国路88号", "SF1234567890")
    assert "已寄出" in dialog.summary.text()


def test_the_uncollected_model_and_dialog(qtbot, clerk_window, ctx, clerk):
    from counter.ui.uncollected_dialog import UncollectedModel

    old = visit(ctx, clerk.user_id, [ID_CARD], name="王五")
    arrivals.register(ctx, [old], arrived_on=date(2026, 7, 1))
    arrivals.register(ctx, [visit(ctx, clerk.user_id, [ID_CARD])])
    model = UncollectedModel()
    model.load(ctx)
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(7)] == [old, "HZ-07", "王*", "138****8000", "2026-07-01",
                                                            "145", "0"]
    model.load(ctx, days=0)
    assert model.rowCount() == 1  # the other arrived today: 0 days, not more than 0
    clerk_window.journey.uncollected_action.trigger()
    dialog = clerk_window.journey.dialog
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert not dialog.remind_button.isEnabled()
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.remind_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert dialog.message.text() == "提醒短信已排队"
    dialog.note.setText("已电话联系，下周来领")
    qtbot.mouseClick(dialog.note_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert dialog.model.index(0, 8).data() == "已电话联系，下周来领"
    assert dialog.model.index(0, 7).data() != ""


def test_the_notice_sender_sends_through_the_file_gateway(qtbot, clerk_window, ctx, clerk):
    from counter.journey import settings
    from counter.journey.gateways import FileGateway

    who, ctx.principal = ctx.principal, None
    settings.save(ctx, sms_gateway="file")
    ctx.principal = who
    arrivals.register(ctx, [visit(ctx, clerk.user_id, [ID_CARD])])
    sender = clerk_window.journey.sender
    with qtbot.waitSignal(sender.sent, timeout=10_000) as blocker:
        sender.send_now()
    assert blocker.args[0].sent == 1
    assert [m["to"] for m in FileGateway().sent()] == ["13800138000"]
    assert "已发送 1" in clerk_window.statusBar().currentMessage()


def test_the_manager_answers_a_bad_rating(qtbot, ctx, clock):
    from counter.ui.followups_dialog import FollowUpsModel
    from counter.ui.manager_window import ManagerWindow

    clerk_id = user(ctx)
    zhang, zhao = user(ctx, "zhang", Role.MANAGER), user(ctx, "zhao", Role.MANAGER)
    ctx.principal = principal(ctx, zhang)
    rate(ctx, visit(ctx, clerk_id, [ID_CARD]), 2, "材料要求不清楚")
    number = visit(ctx, clerk_id, [ID_CARD])
    rate(ctx, number, 1, "服务态度不好")
    clock.advance(days=4)  # past both deadlines (Thursday the 26th)
    model = FollowUpsModel()
    model.load(ctx)
    assert model.rowCount() == 2 and model.index(0, 6).data() == "逾期未回访"
    assert model.index(0, 6).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"

    window = ManagerWindow(ctx, refresh_ms=60000)
    qtbot.addWidget(window)
    window.followups_action.trigger()
    dialog = window.followups_dialog
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert dialog.count.text() == "共 2 件，逾期 2 件"
    dialog.table.selectRow(1)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert "整改措施" in dialog.message.text()
    dialog.said.setPlainText("窗口人员语气生硬")
    dialog.changes.setPlainText("已批评教育并调整岗位")
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert dialog.message.text() == "回访已办结" and dialog.count.text() == "共 1 件，逾期 1 件"
    dialog.table.selectRow(0)
    dialog.assignee.setCurrentIndex(dialog.assignee.findData(zhao))
    qtbot.mouseClick(dialog.reassign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    with ctx.sessions() as session:
        cases = {c.rating_id: c for c in session.scalars(select(FollowUp))}
        assert sorted((c.closed_at is not None, c.assignee_id) for c in cases.values()) == [(False, zhao), (True, None)]
    assert [c.id for c in followups.overdue(ctx)] == [next(c.id for c in cases.values() if c.closed_at is None)]


def test_a_manager_sets_the_gateway_and_the_postage(qtbot, ctx):
    from decimal import Decimal

    from PySide6.QtGui import QAction

    from counter.journey import settings
    from counter.ui.manager_window import ManagerWindow

    ctx.principal = principal(ctx, user(ctx, "zhang", Role.MANAGER))
    window = ManagerWindow(ctx, refresh_ms=60000)
    qtbot.addWidget(window)
    window.findChild(QAction, "journey_settings").trigger()
    dialog = window.journey_settings_dialog
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert dialog.uncollected.value() == 90  # the stored values are shown
    dialog.gateway.setCurrentIndex(dialog.gateway.findData("http"))
    qtbot.keyClicks(dialog.url, "ftp://sms")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert dialog.message.text() == "短信网关地址应以 http:// 或 https:// 开头" and dialog.isVisible()
    dialog.url.setText("https://sms.example/api")
    qtbot.keyClicks(dialog.token, "t0ken")
    dialog.postage.setText("15")
    dialog.followup.setValue(5)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert not dialog.isVisible()
    saved = settings.load(ctx)
    assert (saved.sms_gateway, saved.sms_url, saved.sms_token, saved.postage, saved.followup_working_days) == (
        "http", "https://sms.example/api", "t0ken", Decimal("15.00"), 5)


def test_a_refused_notice_is_sent_again_from_the_outbox(qtbot, clerk_window, ctx, clerk, sms_server):
    from counter.journey import settings

    url, handler = sms_server
    who, ctx.principal = ctx.principal, None
    settings.save(ctx, sms_gateway="http", sms_url=url)
    ctx.principal = who
    arrivals.register(ctx, [visit(ctx, clerk.user_id, [ID_CARD])])
    handler.answers[:] = [403]
    clerk_window.journey.outbox_action.trigger()
    dialog = clerk_window.journey.dialog
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(clerk_window.journey.sender.sent, timeout=10_000):
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    model = dialog.model
    assert [model.index(0, c).data() for c in (1, 2, 3, 4, 6)] == ["可领取", "138****8000", "失败", "1",
                                                                 "HTTP 403 Forbidden"]
    dialog.filter.setCurrentIndex(dialog.filter.findData("failed"))
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert model.rowCount() == 1
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert dialog.message.text() == "已重新排队" and model.rowCount() == 0
    dialog.filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    with qtbot.waitSignal(clerk_window.journey.sender.sent, timeout=10_000):
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert model.index(0, 3).data() == "已发送" and dialog.message.text() == "已发送 1，待重试 0，失败 0"
    assert len(handler.received) == 2
