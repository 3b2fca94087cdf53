"""Dialogs call the services in the background (issue 15): while a slow database answers, the
event loop keeps turning (a 10 ms timer keeps ticking) and the answer still arrives."""
from __future__ import annotations

import time
from contextlib import contextmanager

from PySide6.QtCore import QElapsedTimer, QTimer

from counter.models import Role
from tests.helpers import principal


def slowly(monkeypatch, module, name: str, seconds: float = 1.0) -> None:
    """`module.name` sleeps, then does its real work (in the worker thread, never on the GUI's)."""
    real = getattr(module, name)

    def slow(*args, **kwargs):
        time.sleep(seconds)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, slow)


@contextmanager
def ticking(qtbot, tasks):
    """Runs the block, waits until `tasks` is idle, and checks a 10 ms timer never stalled meanwhile."""
    gaps, clock = [], QElapsedTimer()
    clock.start()
    ticker = QTimer(interval=10)
    ticker.timeout.connect(lambda: gaps.append(clock.restart()))
    ticker.start()
    yield
    assert tasks.busy  # the block started a task that is still running: nothing waited for it
    qtbot.waitUntil(lambda: not tasks.busy, timeout=10000)
    ticker.stop()
    assert len(gaps) > 30 and max(gaps) < 500


def test_changing_the_password_on_a_slow_database(qtbot, ctx, monkeypatch):
    import counter.ui.change_password_dialog as module

    ctx.principal = principal(ctx, "fresh", Role.CLERK)
    slowly(monkeypatch, module, "change_own_password")
    dialog = module.ChangePasswordDialog(ctx, ctx.principal)
    qtbot.addWidget(dialog)
    dialog.old.setText("Passw0rd!")
    dialog.new.setText("Better#2026")
    dialog.again.setText("Better#2026")
    with ticking(qtbot, dialog.tasks):
        dialog.submit()
        assert not dialog.new.isEnabled()  # the fields wait for the answer
    assert dialog.result() == 1 and dialog.new.isEnabled()


def test_searching_a_citizen_on_a_slow_database(qtbot, ctx, monkeypatch):
    import counter.ui.citizen_search_dialog as module
    from counter.visits import finish_visit
    from tests.helpers import ID_NUMBER, visit_flow

    ctx.principal = principal(ctx, "li", Role.CLERK)
    finish_visit(ctx, visit_flow(ctx), ctx.principal)
    slowly(monkeypatch, module, "search_visits")
    dialog = module.CitizenSearchDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.query.setText(ID_NUMBER)
    with ticking(qtbot, dialog.tasks):
        dialog.search()
        assert not dialog.search_button.isEnabled()
    assert dialog.table.rowCount() == 1 and dialog.search_button.isEnabled()


def test_reading_and_marking_a_receipt_on_a_slow_database(qtbot, ctx, monkeypatch):
    import counter.kiosk as kiosk
    from counter.ui.item_status_dialog import ItemStatusDialog
    from counter.visits import finish_visit
    from tests.helpers import visit_flow

    ctx.principal = principal(ctx, "li", Role.CLERK)
    number = finish_visit(ctx, visit_flow(ctx), ctx.principal).receipt_number
    slowly(monkeypatch, kiosk, "receipt_items")
    slowly(monkeypatch, kiosk, "mark_ready")
    dialog = ItemStatusDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.number.setText(number)
    with ticking(qtbot, dialog.tasks):
        dialog.load()
        assert not dialog.find_button.isEnabled()
    assert dialog.table.rowCount() >= 1 and dialog.ready_button.isEnabled()
    with ticking(qtbot, dialog.tasks):
        dialog.mark_ready()
        assert not dialog.ready_button.isEnabled() and not dialog.table.isEnabled()
    assert dialog.receipt.items[0].status == "ready" and dialog.table.isEnabled()
    assert not dialog.ready_button.isEnabled() and dialog.collected_button.isEnabled()


def test_managing_accounts_on_a_slow_database(qtbot, ctx, monkeypatch):
    from counter import accounts
    from counter.ui.users_dialog import UsersDialog

    ctx.principal = principal(ctx, "root", Role.ADMIN)
    slowly(monkeypatch, accounts, "list_accounts")
    dialog = UsersDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.tasks.busy, timeout=10000)
    with ticking(qtbot, dialog.tasks):
        dialog.create_account("new1", "新人", Role.CLERK, "Temp@2026")
        assert not dialog.table.isEnabled() and not any(b.isEnabled() for b in dialog.buttons)
    assert "new1" in {a.username for a in dialog.accounts}
    assert "new1" in dialog.message.text() and dialog.table.isEnabled()


def test_the_first_administrator_on_a_slow_database(qtbot, ctx, monkeypatch):
    import counter.ui.create_admin_dialog as module

    slowly(monkeypatch, module, "create_first_admin")
    dialog = module.CreateAdminDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.display_name.setText("赵管理")
    dialog.password.setText("Admin@2026")
    dialog.again.setText("Admin@2026")
    with ticking(qtbot, dialog.tasks):
        dialog.create()
        assert not dialog.password.isEnabled()
    assert dialog.result() == 1 and ctx.principal.role == "admin"


def test_settings_save_and_test_the_connection_on_a_slow_database(qtbot, ctx, monkeypatch, db_url):
    import counter.db
    import counter.ui.settings_dialog as module
    from counter.config import read_settings

    ctx.principal = principal(ctx, "boss", Role.ADMIN)
    slowly(monkeypatch, counter.db, "test_connection")  # as a server that takes its time to answer
    slowly(monkeypatch, module, "save_terminal_settings")
    dialog = module.SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.database_url.setText(db_url)
    with ticking(qtbot, dialog.tasks):
        dialog.test_connection()
        assert not dialog.test_button.isEnabled()
    assert dialog.connection_ok and "SQLite" in dialog.connection_result.text()
    dialog.window_number.setValue(7)
    with ticking(qtbot, dialog.tasks):
        assert dialog.save()
        dialog.reject()  # Escape while saving: the save finishes first
        assert dialog.isVisible()
    assert dialog.result() == 1 and not dialog.isVisible() and read_settings()["window_number"] == 7


def test_the_clerks_rating_pad_on_a_slow_database(qtbot, ctx, monkeypatch):
    from sqlalchemy import select

    import counter.kiosk as kiosk
    from counter.models import Rating
    from counter.ui.rating_pad import RatingPadWindow
    from counter.visits import finish_visit
    from tests.helpers import visit_flow

    ctx.principal = principal(ctx, "li", Role.CLERK)
    number = finish_visit(ctx, visit_flow(ctx), ctx.principal).receipt_number
    slowly(monkeypatch, kiosk, "rate_visit")
    pad = RatingPadWindow(ctx, number, close_after_ms=-1)
    qtbot.addWidget(pad)
    pad.show()
    with ticking(qtbot, pad.tasks):
        pad.panel.choose(5)
        assert not pad.panel.level_buttons[4].isEnabled()  # no second rating while the first is stored
    assert pad.panel.thanked
    with ctx.sessions() as session:
        assert session.scalar(select(Rating.level)) == 5


def _away(*args, **kwargs):
    from sqlalchemy.exc import OperationalError

    raise OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused"))


def test_a_database_away_is_one_plain_line(qtbot, ctx, monkeypatch):
    """Not a refusal of the domain: the dialogs say the database cannot be reached, no traceback."""
    import counter.kiosk as kiosk
    import counter.ui.change_password_dialog as password_module
    import counter.ui.citizen_search_dialog as search_module
    import counter.ui.create_admin_dialog as admin_module
    from counter import accounts
    from counter.ui.item_status_dialog import ItemStatusDialog
    from counter.ui.users_dialog import UsersDialog

    ctx.principal = principal(ctx, "root", Role.ADMIN)
    for module, name in ((password_module, "change_own_password"), (search_module, "search_visits"),
                         (admin_module, "create_first_admin"), (accounts, "list_accounts"),
                         (kiosk, "receipt_items")):
        monkeypatch.setattr(module, name, _away)
    password = password_module.ChangePasswordDialog(ctx, ctx.principal)
    search = search_module.CitizenSearchDialog(ctx)
    admin = admin_module.CreateAdminDialog(ctx)
    users = UsersDialog(ctx)
    status = ItemStatusDialog(ctx, receipt_number="1234567890123")
    for dialog in (password, search, admin, users, status):
        qtbot.addWidget(dialog)
    password.new.setText("Better#2026")
    password.again.setText("Better#2026")
    password.submit()
    search.query.setText("110105199001010021")
    search.search()
    admin.password.setText("Admin@2026")
    admin.again.setText("Admin@2026")
    admin.create()
    for dialog in (password, search, admin, users, status):
        qtbot.waitUntil(lambda d=dialog: not d.tasks.busy)
    for shown in (password.message, search.notice, admin.message, users.message, status.message):
        assert shown.text() == "无法连接数据库，请稍后重试"
    assert password.result() == 0 and admin.result() == 0 and search.table.rowCount() == 0


def test_scanning_and_registering_arrivals_on_a_slow_database(qtbot, ctx, monkeypatch):
    from counter.journey import arrivals
    from counter.ui.arrivals_dialog import ArrivalsDialog
    from tests.journey_fixtures import items_of, visit

    ctx.principal = principal(ctx, "li", Role.CLERK)
    number = visit(ctx, ctx.principal.user_id, [("HZ-07", "accepted", {"pickup": "station"})])
    slowly(monkeypatch, arrivals, "check")
    slowly(monkeypatch, arrivals, "register")
    dialog = ArrivalsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.scan.setText(number)
    with ticking(qtbot, dialog.tasks):
        dialog.add_scanned()
        assert dialog.scan.isEnabled()  # the next receipt can be scanned meanwhile
    assert dialog.model.rows[0].ok and dialog.register_button.isEnabled()
    with ticking(qtbot, dialog.tasks):
        dialog.register()
        assert not dialog.register_button.isEnabled() and not dialog.scan.isEnabled()
    assert items_of(ctx, number)[0].status == "ready" and dialog.scan.isEnabled()


def test_the_outbox_on_a_slow_database(qtbot, ctx, monkeypatch):
    from counter.journey import arrivals, notices
    from counter.ui.outbox_dialog import OutboxDialog
    from tests.journey_fixtures import visit

    ctx.principal = principal(ctx, "li", Role.CLERK)
    arrivals.register(ctx, [visit(ctx, ctx.principal.user_id, [("HZ-07", "accepted", {"pickup": "station"})])])
    slowly(monkeypatch, notices, "outbox")
    dialog = OutboxDialog(ctx)
    qtbot.addWidget(dialog)
    with ticking(qtbot, dialog.tasks):
        assert not dialog.refresh_button.isEnabled()  # the first read started with the dialog
    assert dialog.model.rowCount() == 1 and dialog.refresh_button.isEnabled()
    with ticking(qtbot, dialog.tasks):
        dialog.filter.setCurrentIndex(dialog.filter.findData("failed"))
    assert dialog.model.rowCount() == 0


def test_the_uncollected_list_on_a_slow_database(qtbot, ctx, monkeypatch):
    from datetime import date

    from counter.journey import arrivals, uncollected
    from counter.ui.uncollected_dialog import UncollectedDialog
    from tests.journey_fixtures import visit

    ctx.principal = principal(ctx, "li", Role.CLERK)
    arrivals.register(ctx, [visit(ctx, ctx.principal.user_id, [("HZ-07", "accepted", {"pickup": "station"})])],
                      arrived_on=date(2026, 7, 1))
    slowly(monkeypatch, uncollected, "list_items")
    slowly(monkeypatch, uncollected, "note")
    dialog = UncollectedDialog(ctx)
    qtbot.addWidget(dialog)
    with ticking(qtbot, dialog.tasks):
        assert not dialog.days.isEnabled()  # the first read started with the dialog
    assert dialog.model.rowCount() == 1 and dialog.days.value() == 90
    dialog.table.selectRow(0)
    dialog.note.setText("已电话联系")
    with ticking(qtbot, dialog.tasks):
        dialog.save_note()
        assert not dialog.note_button.isEnabled() and not dialog.table.isEnabled()
    assert dialog.model.index(0, 8).data() == "已电话联系" and dialog.message.text() == "情况已记录"


def test_the_follow_ups_on_a_slow_database(qtbot, ctx, monkeypatch):
    from counter.journey import followups
    from counter.ui.followups_dialog import FollowUpsDialog
    from tests.journey_fixtures import rate, visit

    clerk = principal(ctx, "li", Role.CLERK)
    ctx.principal = principal(ctx, "zhang", Role.MANAGER)
    rate(ctx, visit(ctx, clerk.user_id, [("HZ-07", "accepted", {"pickup": "station"})]), 1, "服务态度不好")
    slowly(monkeypatch, followups, "cases")
    slowly(monkeypatch, followups, "close")
    dialog = FollowUpsDialog(ctx)
    qtbot.addWidget(dialog)
    with ticking(qtbot, dialog.tasks):
        assert not dialog.table.isEnabled()  # the first read started with the dialog
    assert dialog.model.rowCount() == 1 and dialog.assignee.count() == 1
    dialog.table.selectRow(0)
    dialog.said.setPlainText("窗口人员语气生硬")
    dialog.changes.setPlainText("已批评教育")
    with ticking(qtbot, dialog.tasks):
        dialog.close_case()
        assert not dialog.close_button.isEnabled() and not dialog.said.isEnabled()
    assert dialog.message.text() == "回访已办结" and dialog.model.rowCount() == 0


def test_a_post_item_on_a_slow_database(qtbot, ctx, monkeypatch):
    from counter.journey import arrivals, delivery
    from counter.ui.delivery_dialog import DeliveryDialog
    from tests.journey_fixtures import visit

    ctx.principal = principal(ctx, "li", Role.CLERK)
    number = visit(ctx, ctx.principal.user_id, [("HZ-07", "accepted", {"pickup": "post"})])
    arrivals.register(ctx, [number])
    slowly(monkeypatch, delivery, "view")
    slowly(monkeypatch, delivery, "record_address")
    dialog = DeliveryDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.number.setText(number)
    with ticking(qtbot, dialog.tasks):
        dialog.load()
        assert not dialog.find_button.isEnabled()
    assert dialog.view is not None and dialog.save_button.isEnabled()
    dialog.select_district("110105")
    dialog.street.setText("建国路88号")
    with ticking(qtbot, dialog.tasks):
        dialog.save_address()
        assert not dialog.save_button.isEnabled() and not dialog.street.isEnabled()
    assert dialog.message.text() == "邮寄地址已保存" and dialog.street.isEnabled()


def test_the_journey_settings_on_a_slow_database(qtbot, ctx, monkeypatch):
    from counter.journey import settings
    from counter.ui.journey_settings_dialog import JourneySettingsDialog

    ctx.principal = principal(ctx, "zhang", Role.MANAGER)
    slowly(monkeypatch, settings, "load")
    slowly(monkeypatch, settings, "save")
    dialog = JourneySettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    with ticking(qtbot, dialog.tasks):
        assert not dialog.postage.isEnabled() and not dialog.save_button.isEnabled()
    assert dialog.uncollected.value() == 90 and dialog.postage.isEnabled()
    dialog.followup.setValue(5)
    with ticking(qtbot, dialog.tasks):
        dialog.save()
        dialog.reject()  # Escape while saving: the save finishes first
        assert dialog.isVisible() and not dialog.followup.isEnabled()
    assert dialog.result() == 1 and not dialog.isVisible()
    monkeypatch.undo()
    assert settings.load(ctx).followup_working_days == 5


def test_booking_and_checking_in_on_a_slow_database(qtbot, ctx, monkeypatch):
    from counter import appointments as ap
    from counter.ui.appointment_dialog import BookingDialog, CheckInDialog

    ctx.principal = principal(ctx, "li", Role.CLERK)
    made = ap.book(ctx, {"slot_start": "2026-11-23 10:00", "slot_end": "2026-11-23 10:30", "procedures": ["JG-C1"],
                         "id_number": "11010519491231002X", "phone": "13812345678"})
    slowly(monkeypatch, ap, "check_in")
    slowly(monkeypatch, ap, "book")
    dialog = CheckInDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.code.setText(made.code)
    with ticking(qtbot, dialog.tasks):
        dialog.check_in()
        assert not dialog.check_in_button.isEnabled() and not dialog.code.isEnabled()
    assert dialog.done_check_in is not None and dialog.code.text() == "" and dialog.check_in_button.isEnabled()
    booking = BookingDialog(ctx)
    qtbot.addWidget(booking)
    with ticking(qtbot, booking.tasks):
        booking.book()  # nothing chosen: the refusal still comes from the service, in the background
        assert not booking.book_button.isEnabled()
    assert booking.booked is None and booking.book_button.isEnabled()
    assert booking.result_label.text() and "无法连接" not in booking.result_label.text()


def test_the_journey_and_appointment_dialogs_say_a_database_away_in_one_line(qtbot, ctx, monkeypatch):
    from counter import appointments as ap
    from counter.journey import arrivals, delivery, followups, notices, settings
    from counter.ui.appointment_dialog import CheckInDialog
    from counter.ui.arrivals_dialog import ArrivalsDialog
    from counter.ui.delivery_dialog import DeliveryDialog
    from counter.ui.followups_dialog import FollowUpsDialog
    from counter.ui.journey_settings_dialog import JourneySettingsDialog
    from counter.ui.outbox_dialog import OutboxDialog
    from counter.ui.uncollected_dialog import UncollectedDialog

    ctx.principal = principal(ctx, "zhang", Role.MANAGER)
    for module, name in ((arrivals, "check"), (notices, "outbox"), (settings, "load"), (followups, "managers"),
                         (delivery, "view"), (ap, "check_in")):
        monkeypatch.setattr(module, name, _away)
    scanned = ArrivalsDialog(ctx)
    scanned.scan.setText("2611030010001")
    scanned.add_scanned()
    checked_in = CheckInDialog(ctx)
    checked_in.code.setText("ABC123")
    checked_in.check_in()
    dialogs = (scanned, OutboxDialog(ctx), UncollectedDialog(ctx), FollowUpsDialog(ctx),
               DeliveryDialog(ctx, receipt_number="2611030010001"), JourneySettingsDialog(ctx), checked_in)
    for dialog in dialogs:
        qtbot.addWidget(dialog)
    for dialog in dialogs:
        qtbot.waitUntil(lambda d=dialog: not d.tasks.busy)
    for dialog in dialogs:
        shown = dialog.result_label if dialog is checked_in else dialog.message
        assert shown.text() == "无法连接数据库，请稍后重试", type(dialog).__name__
    assert not dialogs[5].save_button.isEnabled()  # the settings were not read: nothing to save
