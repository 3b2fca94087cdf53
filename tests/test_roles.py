"""Roles are enforced in the services: called directly without the right, they refuse."""
from __future__ import annotations

import csv
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from counter import kiosk, privacy
from counter.auth import PermissionDenied, Principal, list_accounts, login, require
from counter.models import AuditEntry, Item, Role, Visit
from counter.visits import cancel_visit, finish_visit
from tests.helpers import ID_NUMBER, principal, visit_flow

pytestmark = pytest.mark.both_engines  # the same tests on SQLite and PostgreSQL







def audit_count(ctx, action: str) -> int:
    with ctx.sessions() as session:
        return session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == action))


def test_role_order():
    p = Principal(1, "x", "x", "manager", 1)
    assert p.has(Role.CLERK) and p.has(Role.MANAGER) and not p.has(Role.ADMIN)
    with pytest.raises(PermissionDenied) as exc:
        require(p, Role.ADMIN)
    assert "administrator" in exc.value.en and "系统管理员" in exc.value.zh_CN
    with pytest.raises(PermissionDenied):
        require(None, Role.CLERK)


def test_nobody_logged_in_cannot_serve(ctx):
    with pytest.raises(PermissionDenied):
        finish_visit(ctx, visit_flow(ctx), None)
    with pytest.raises(PermissionDenied):
        cancel_visit(ctx, visit_flow(ctx), None)
    with ctx.sessions() as session:
        assert session.scalar(select(func.count(Visit.id))) == 0


def test_a_clerk_serves_and_marks_items_and_the_finish_is_audited(ctx, people):
    clerk = people[Role.CLERK]
    done = finish_visit(ctx, visit_flow(ctx), clerk)
    assert audit_count(ctx, "visit.finished") == 1
    with ctx.sessions() as session:
        item_id = session.scalar(select(Item.id))
    with pytest.raises(PermissionDenied):
        kiosk.mark_ready(ctx, item_id, None)
    assert kiosk.mark_ready(ctx, item_id, clerk).status == "ready"
    assert done.receipt_number


def test_only_admins_manage_accounts(ctx, people):
    for role in (Role.CLERK, Role.MANAGER):
        with ctx.sessions() as session, pytest.raises(PermissionDenied):
            list_accounts(session, people[role])
    with ctx.sessions() as session:
        assert len(list_accounts(session, people[Role.ADMIN])) == 3


def test_search_is_audited_and_masked_for_clerks_only(ctx, people):
    number = finish_visit(ctx, visit_flow(ctx), people[Role.CLERK]).receipt_number
    with pytest.raises(PermissionDenied):
        privacy.search_visits(ctx, None, ID_NUMBER)
    seen = privacy.search_visits(ctx, people[Role.CLERK], ID_NUMBER.lower())
    assert len(seen) == 1 and seen[0].masked
    assert seen[0].id_number == "110105********002X" and seen[0].phone == "138****5678"
    assert seen[0].address == "" and seen[0].applicant_name == "张三" and seen[0].receipt_number == number
    by_receipt = privacy.search_visits(ctx, people[Role.CLERK], f" {number} ")
    assert [r.visit_id for r in by_receipt] == [seen[0].visit_id]
    full = privacy.search_visits(ctx, people[Role.MANAGER], ID_NUMBER)
    assert full[0].id_number == ID_NUMBER and not full[0].masked and full[0].address
    assert privacy.visit_detail(ctx, people[Role.CLERK], seen[0].visit_id).masked
    assert not privacy.visit_detail(ctx, people[Role.ADMIN], seen[0].visit_id).masked
    assert audit_count(ctx, "citizen.search") == 3 and audit_count(ctx, "citizen.view") == 2
    with ctx.sessions() as session:
        details = session.scalars(select(AuditEntry.detail).where(AuditEntry.action == "citizen.search")).all()
    assert all(ID_NUMBER not in d for d in details)  # the trail itself holds no full ID number


def test_raw_export_only_for_an_admin_with_a_reason(ctx, people, tmp_path):
    finish_visit(ctx, visit_flow(ctx), people[Role.CLERK])
    start, end = ctx.clock.now() - timedelta(days=1), ctx.clock.now() + timedelta(days=1)
    out = tmp_path / "raw.csv"
    for role in (Role.CLERK, Role.MANAGER):
        with pytest.raises(PermissionDenied):
            privacy.raw_export(ctx, people[role], "案件协查需要", start, end, out)
    with pytest.raises(PermissionDenied, match="reason"):
        privacy.raw_export(ctx, people[Role.ADMIN], "  \x00 ", start, end, out)
    assert not out.exists() and audit_count(ctx, "export.raw") == 0
    assert privacy.raw_export(ctx, people[Role.ADMIN], "公安部门案件协查 2026-118号", start, end, out) == 1
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows[0]["applicant_id_number"] == ID_NUMBER
    with ctx.sessions() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "export.raw"))
    assert "协查" in entry.detail and entry.username == "admin1" and "rows=1" in entry.detail


def test_receipt_reprint_is_audited(ctx, people):
    from counter.visits import render_receipt_pdf

    number = finish_visit(ctx, visit_flow(ctx), people[Role.CLERK]).receipt_number
    ctx.principal = people[Role.CLERK]
    render_receipt_pdf(ctx, number, reprint=True)
    with ctx.sessions() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "receipt.reprint"))
    assert entry.username == "clerk1" and number in entry.detail and "reprint=1" in entry.detail


# ------------------------------------------------------------------ the dialogs show refusals plainly


def test_users_dialog_for_an_admin_and_a_plain_refusal_for_a_clerk(qtbot, ctx, people):
    from counter.ui.users_dialog import UsersDialog

    ctx.principal = people[Role.CLERK]
    refused = UsersDialog(ctx)
    qtbot.addWidget(refused)
    qtbot.waitUntil(lambda: not refused.tasks.busy)
    assert refused.table.rowCount() == 0 and "administrator" in refused.message.text()
    ctx.principal = people[Role.ADMIN]
    dialog = UsersDialog(ctx)
    qtbot.addWidget(dialog)

    def answered():
        qtbot.waitUntil(lambda: not dialog.tasks.busy)
        return dialog.message.text()

    answered()
    assert dialog.table.rowCount() == 3
    dialog.create_account("new1", "新人", Role.CLERK, "weak")
    assert "8-256" in answered() and dialog.table.rowCount() == 3
    dialog.create_account("new1", "新人", Role.CLERK, "Temp@2026")
    assert "new1" in answered() and dialog.table.rowCount() == 4
    account = next(a for a in dialog.accounts if a.username == "new1")
    dialog.reset_password(account, "Reset@2026")
    assert "new1" in answered()
    dialog.change_role(account, Role.MANAGER)
    answered()
    dialog.select("new1")
    dialog.toggle_active()
    answered()
    account = next(a for a in dialog.accounts if a.username == "new1")
    assert account.role == "manager" and not account.active and account.must_change_password


def test_forced_password_change_dialog(qtbot, ctx):
    from counter.ui.change_password_dialog import ChangePasswordDialog

    principal(ctx, "fresh", Role.CLERK)
    with ctx.sessions.begin() as session:
        from counter.models import User

        session.scalar(select(User).where(User.username == "fresh")).must_change_password = True
    with ctx.sessions() as session:
        first = login(session, ctx.clock, "fresh", "Passw0rd!")
    ctx.principal = first
    dialog = ChangePasswordDialog(ctx, first, forced=True)
    qtbot.addWidget(dialog)
    dialog.old.setText("Passw0rd!")
    dialog.new.setText("Better#2026")
    dialog.again.setText("Better#2027")
    dialog.submit()
    assert "不一致" in dialog.message.text() and dialog.result() == 0
    dialog.again.setText("Better#2026")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert dialog.result() == 1 and not ctx.principal.must_change_password


def test_citizen_search_dialog_masks_for_a_clerk(qtbot, ctx, people):
    from counter.ui.citizen_search_dialog import CitizenSearchDialog

    finish_visit(ctx, visit_flow(ctx), people[Role.CLERK])
    ctx.principal = people[Role.CLERK]
    dialog = CitizenSearchDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.query, ID_NUMBER)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 3).text() == "110105********002X"
    dialog.query.setText("'; DROP TABLE visits; --")
    dialog.search()
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert dialog.table.rowCount() == 0
    ctx.principal = None
    dialog.search()
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert "clerk" in dialog.notice.text()
