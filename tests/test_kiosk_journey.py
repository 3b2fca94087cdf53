"""The kiosk's part of the citizen's journey, driven by touch and a scanner: appointment check-in,
the predicted wait on the ticket page and its slip, status that says where and by when, the ticket
page going home after 10 s, and a failed task told as "busy" (every flow runs in a background task)."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from sqlalchemy import select

from counter import appointments as ap
from counter import kiosk
from counter import queueing as q
from counter.models import Appointment, Ticket
from counter.ui.kiosk.ticket import RETURN_MS
from tests.helpers import login_clerk, make_visit
from tests.test_kiosk import open_kiosk, scan, settle, tap

ZHANG = "11010519491231002X"


@pytest.fixture
def printed():
    return []


@pytest.fixture
def settings(tmp_path):
    return kiosk.KioskSettings.load(tmp_path / "settings.toml")


@pytest.fixture
def win(qtbot, ctx, printed, settings):
    return open_kiosk(qtbot, ctx, printed, settings)


def booking(**kw):
    values = {"slot_start": "2026-11-23 10:00", "slot_end": "2026-11-23 10:30", "procedures": ["HZ-08"],
              "id_number": ZHANG, "phone": "13812345678", "applicant_name": "张秀英"}
    values.update(kw)
    return values


def pdf_text(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def appointment(ctx, code: str) -> Appointment:
    with ctx.sessions() as session:
        return session.scalar(select(Appointment).where(Appointment.code == code))


def test_check_in_by_scanning_the_booking_code(qtbot, win, ctx, printed):
    made = ap.book(ctx, booking())
    tap(qtbot, win.home_page.tiles["checkin"])
    assert win.pages.currentWidget() is win.check_in_page
    scan(qtbot, win.check_in_page.code, made.code)
    assert win.pages.currentWidget() is win.ticket_done_page
    page = win.ticket_done_page
    assert page.told.text() == "预约签到成功，优先叫号" and page.code.text() == "A001"
    assert [name for name, _ in printed] == ["ticket-A001"]
    assert "A001" in pdf_text(printed[0][1])
    found = appointment(ctx, made.code)
    assert found.status == ap.CHECKED_IN and found.ticket_id is not None
    with ctx.sessions() as session:
        ticket = session.get(Ticket, found.ticket_id)
    assert (ticket.source, ticket.priority) == ("appointment", True)


def test_check_in_with_the_last_fours_on_the_keypad(qtbot, win, ctx):
    made = ap.book(ctx, booking())
    tap(qtbot, win.home_page.tiles["checkin"])
    keys = {b.text(): b for b in win.check_in_page.keypad.findChildren(QPushButton)}
    win.check_in_page.id4.setFocus()
    for ch in "002X5678":  # the ID's last four, then the keypad moves on to the phone's
        tap(qtbot, keys[ch])
    assert (win.check_in_page.id4.text(), win.check_in_page.phone4.text()) == ("002X", "5678")
    tap(qtbot, win.check_in_page.submit)
    assert win.pages.currentWidget() is win.ticket_done_page
    assert appointment(ctx, made.code).status == ap.CHECKED_IN
    tap(qtbot, win.ticket_done_page.done)  # 完成: home at once
    assert win.pages.currentWidget() is win.home_page


def test_a_booking_not_found_or_checked_in_twice_is_told(qtbot, win, ctx):
    made = ap.book(ctx, booking())
    tap(qtbot, win.home_page.tiles["checkin"])
    scan(qtbot, win.check_in_page.code, "99999999")
    assert win.pages.currentWidget() is win.check_in_page
    assert win.check_in_page.error.text() == "今天没有找到这个预约"
    scan(qtbot, win.check_in_page.code, made.code)
    tap(qtbot, win.home_button)
    tap(qtbot, win.home_page.tiles["checkin"])
    scan(qtbot, win.check_in_page.code, made.code)
    assert "已签到" in win.check_in_page.error.text()
    tap(qtbot, win.lang_button)
    assert "already checked in" in win.check_in_page.error.text()


def test_a_booking_code_scanned_on_the_home_screen_checks_in(qtbot, win, ctx):
    made = ap.book(ctx, booking())
    win.activateWindow()
    qtbot.keyClicks(win, made.code[0])  # the scanner's first digit opens a page; the rest follow
    qtbot.keyClicks(QApplication.focusWidget(), made.code[1:])
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    settle(qtbot, win)
    assert win.pages.currentWidget() is win.ticket_done_page
    assert appointment(ctx, made.code).status == ap.CHECKED_IN


def serve_three(ctx, clock):
    for _ in range(3):
        q.issue_ticket(ctx, "A")
    q.call_next(ctx, 1)
    for _ in range(3):
        clock.advance(minutes=5)
        q.call_next(ctx, 1)


def test_the_predicted_wait_on_the_page_and_the_slip(qtbot, win, ctx, clock, printed):
    with ctx.sessions.begin() as s:
        q.window_row(s, ctx, 1).categories = "A"
    serve_three(ctx, clock)
    q.issue_ticket(ctx, "A")  # one waiting ahead
    tap(qtbot, win.home_page.tiles["ticket"])
    tap(qtbot, win.ticket_page.buttons["A"])
    page = win.ticket_done_page
    assert re.fullmatch(r"预计等候约 \d+ 分钟", page.wait.text())
    assert re.sub(r"\s", "", page.wait.text()) in pdf_text(printed[0][1])  # the same figure on the slip
    data = kiosk.slip_data(ctx, page.ticket, wait=page.issued.wait)
    assert data.predicted_wait.startswith(page.wait.text()) and "min wait" in data.predicted_wait
    tap(qtbot, win.lang_button)
    assert re.fullmatch(r"about \d+ min wait", page.wait.text())


def test_no_estimate_without_recent_service(qtbot, win, printed):
    tap(qtbot, win.home_page.tiles["ticket"])
    tap(qtbot, win.ticket_page.buttons["B"])
    assert win.ticket_done_page.wait.text() == "暂无估计"
    assert "暂无估计" in pdf_text(printed[0][1])


def test_the_ticket_page_goes_home_after_ten_seconds(qtbot, ctx, printed, settings):
    win = open_kiosk(qtbot, ctx, printed, settings)
    assert win.ticket_done_page.back_home.interval() == RETURN_MS == 10_000
    tap(qtbot, win.home_page.tiles["ticket"])
    tap(qtbot, win.ticket_page.buttons["B"])
    assert win.ticket_done_page.back_home.isActive()
    quick = open_kiosk(qtbot, ctx, printed, settings, ticket_return_ms=200)
    tap(qtbot, quick.home_page.tiles["ticket"])
    tap(qtbot, quick.ticket_page.buttons["B"])
    assert quick.pages.currentWidget() is quick.ticket_done_page and quick.ticket_done_page.code.text() == "B002"
    qtbot.waitUntil(lambda: quick.pages.currentWidget() is quick.home_page, timeout=3000)
    assert quick.ticket_done_page.code.text() == ""  # the next citizen does not see the number


def test_a_failing_service_says_busy_and_nothing_hangs(qtbot, win, monkeypatch):
    def down(ctx, category):
        raise ConnectionError("server closed the connection unexpectedly")

    monkeypatch.setattr(kiosk, "issue_at_kiosk", down)
    tap(qtbot, win.home_page.tiles["ticket"])
    tap(qtbot, win.ticket_page.buttons["A"])
    assert win.pages.currentWidget() is win.ticket_page
    assert win.ticket_page.error.text() == "系统繁忙，请稍后再试"
    assert all(b.isEnabled() for b in win.ticket_page.buttons.values())  # the busy state ended
    tap(qtbot, win.lang_button)
    assert win.ticket_page.error.text() == "The system is busy, please try again"


def test_a_slow_ticket_says_it_is_coming_and_the_tiles_wait(qtbot, win, monkeypatch):
    import time

    from PySide6.QtCore import Qt

    real = kiosk.issue_at_kiosk

    def slow(ctx, category):
        time.sleep(0.6)  # a far server
        return real(ctx, category)

    monkeypatch.setattr(kiosk, "issue_at_kiosk", slow)
    tap(qtbot, win.home_page.tiles["ticket"])
    qtbot.mouseClick(win.ticket_page.buttons["A"], Qt.MouseButton.LeftButton)
    assert win.ticket_page.error.text() == "正在取号，请稍候…" and win.ticket_page.error.objectName() == "subtitle"
    assert not any(b.isEnabled() for b in win.ticket_page.buttons.values())  # a second tap takes no second number
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.ticket_done_page, timeout=10000)
    assert win.ticket_done_page.code.text() == "A001"


def test_a_slow_status_lookup_says_it_is_looking(qtbot, win, ctx, monkeypatch):
    import time

    number = make_visit(ctx, codes=("HZ-08",))
    real = kiosk.lookup_status

    def slow(*args, **kwargs):
        time.sleep(0.6)  # a far server
        return real(*args, **kwargs)

    monkeypatch.setattr(kiosk, "lookup_status", slow)
    tap(qtbot, win.home_page.tiles["status"])
    scan(qtbot, win.status_page.receipt, number)
    qtbot.keyClicks(win.status_page.proof, "002X")
    qtbot.keyClick(win.status_page.proof, Qt.Key.Key_Return)
    assert win.status_page.error.text() == "正在查询，请稍候…" and win.status_page.error.objectName() == "subtitle"
    qtbot.mouseClick(win.lang_button, Qt.MouseButton.LeftButton)  # the note follows the language too
    assert win.status_page.error.text() == "Looking it up, please wait…"
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.status_result_page, timeout=10000)
    assert win.status_page.error.text() == "" and win.status_page.error.objectName() == "error"


def test_status_says_where_to_collect_and_what_is_missing_by_when(qtbot, win, ctx):
    required = [m for m in ctx.catalog.get("JG-A2").materials if m.required][:1]
    number = make_visit(ctx, codes=("HZ-08", "JG-A2"), missing={"JG-A2": [m.code for m in required]})
    principal = login_clerk(ctx)
    first = kiosk.receipt_items(ctx, number).items[0]
    kiosk.mark_ready(ctx, first.id, principal)
    tap(qtbot, win.home_page.tiles["status"])
    scan(qtbot, win.status_page.receipt, number)
    scan(qtbot, win.status_page.proof, "002X")
    assert win.pages.currentWidget() is win.status_result_page
    view = win.status_result_page.view
    ready, missing = view.items
    assert ready.collect_where == ctx.station.name and "身份证件" in ready.collect_bring.zh_CN
    assert missing.submit_place.startswith(ctx.station.name)
    assert (missing.missing_deadline - view.accepted_on).days == ctx.config.missing_materials_days
    cards = " ".join(w.text() for w in win.status_result_page.items.findChildren(QLabel))
    deadline = missing.missing_deadline
    assert "可领取" in cards and f"领取地点：{ctx.station.name}" in cards and "请携带：受理回执" in cards
    assert f"需补正材料：{required[0].name.zh_CN}" in cards
    assert f"送交地点：{missing.submit_place}" in cards
    assert f"请在此日期前补齐：{deadline.year}年{deadline.month}月{deadline.day}日" in cards
    tap(qtbot, win.lang_button)
    cards = " ".join(w.text() for w in win.status_result_page.items.findChildren(QLabel))
    assert "Ready for collection" in cards and f"Bring them by: {deadline.isoformat()}" in cards
