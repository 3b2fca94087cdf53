"""The procedures added for issue 13, and the ID card hand-out (领证) end to end.

The hand-out runs through `finish_visit` on SQLite and PostgreSQL: an ID application is finished,
marked 待领取, then a hand-out visit with its receipt number marks it 已领取 and records the
collector; a wrong receipt, a collector who may not collect, or a card not yet ready is one clear
error and stores nothing.
"""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from counter import kiosk
from counter.catalog import load_catalog
from counter.catalog_extras import check_extras, decided_by, hands_out
from counter.forms.engine import (
    Form,
    fee_for,
    materials_needed,
    presence_rules,
    procedure_form,
    promise,
)
from counter.forms.flow import VisitFlow
from counter.handout import HandoutError
from counter.models import Collection, Item, Visit
from counter.visits import VisitError, finish_visit
from tests.helpers import TODAY, filled, valid_value

CATALOG = load_catalog()

NEW_HZ = ["HZ-17", "HZ-18", "HZ-19", "HZ-20", "HZ-21", "HZ-22", "HZ-23"]
NEW_JG = ["JG-A5", "JG-A6", "JG-A7", "JG-A8", "JG-A9", "JG-A10", "JG-C12", "JG-C13", "JG-C14",
          "JG-D3", "JG-E2", "JG-F1"]
NEW = NEW_HZ + NEW_JG

APPLICANT = {"name": "张三", "id_number": "11010519491231002X", "sex": "F", "phone": "13812345678",
             "address": "北京市朝阳区建国路1号"}
RELATIVE = ("李四", "110105198001010032")


# ---------------------------------------------------------------- the catalogue files


@pytest.mark.parametrize("code", NEW)
def test_each_new_procedure_loads_with_basis_fee_limit_guide_and_keywords(code):
    procedure = CATALOG.get(code)
    for text in (procedure.name, procedure.legal_basis, procedure.guide, procedure.where):
        assert text.zh_CN.strip() and text.en.strip(), code
    assert procedure.keywords and procedure.materials and procedure.pages
    assert procedure.fee.note.zh_CN or procedure.fee.default == 0, code  # where the amount comes from
    assert procedure.time_limit.note.zh_CN and procedure.time_limit.note.en, code
    assert isinstance(procedure.fee.default, Decimal)


def test_the_catalogue_keys_outside_the_spec_are_valid():
    assert check_extras(set(CATALOG.by_code), CATALOG.procedures) == []
    assert check_extras({"HZ-17"}, (CATALOG.get("HZ-17"),))[0][1:] == ("hands_out", "unknown procedure 'HZ-07'")
    assert hands_out(CATALOG.get("HZ-17")) == ("HZ-07", "HZ-08", "HZ-09", "HZ-10", "HZ-11")
    assert hands_out(CATALOG.get("HZ-08")) == ()


def test_brigade_decisions_are_marked():
    brigade = {p.code for p in CATALOG.procedures if decided_by(p) == "brigade"}
    assert {"JG-C12", "JG-D3", "JG-A5"} <= brigade
    assert "JG-E2" not in brigade and decided_by(CATALOG.get("HZ-01")) == "station"


def test_the_traffic_list_has_the_added_items():
    codes = [p.code for p in CATALOG.procedures]
    assert len([c for c in codes if c.startswith("JG-")]) == 21 + len(NEW_JG)
    assert set(NEW) <= set(codes)


def test_the_licence_cancellation_names_the_death_cancellation():
    guide = CATALOG.get("JG-C14").guide
    assert "HZ-02" in guide.zh_CN and "HZ-02" in guide.en


# ---------------------------------------------------------------- the hand-out, end to end



def flow_for(ctx, clock, code, identity=APPLICANT, proxy=None, identity_ok=True) -> VisitFlow:
    flow = VisitFlow(ctx.catalog, ctx.clock.now, today=ctx.clock.today())
    for key, value in identity.items():
        flow.identity.set(key, value)
    if proxy:
        flow.identity.set("proxy", True)
        flow.identity.set("proxy_name", proxy[0])
        flow.identity.set("proxy_id_number", proxy[1])
    problems = flow.next()
    assert (problems == {}) == identity_ok, problems
    flow.choose([code])
    item = flow.items[0]
    for spec in item.procedure.all_fields():
        if item.form.visible(item.form.field(spec.id)) and item.form.required(spec) and spec.id not in item.form.values:
            item.form.set(spec.id, valid_value(spec))
    item.materials = {m.code: "received" for m in item.procedure.materials}
    clock.advance(minutes=3)
    return flow


def applied_and_ready(ctx, clock, clerk, code="HZ-09") -> str:
    """An ID card application, finished and later marked 待领取: its receipt number."""
    flow = flow_for(ctx, clock, code)
    assert flow.items[0].form.errors() == {}
    done = finish_visit(ctx, flow, clerk)
    with ctx.sessions() as session:
        item_id = session.scalar(select(Item.id).join(Visit).where(Visit.id == done.visit_id))
    clock.advance(days=10)
    kiosk.mark_ready(ctx, item_id, clerk)
    return done.receipt_number


def handout_flow(ctx, clock, number, proxy=None, relation=None, voucher=True, identity=APPLICANT,
                 identity_ok=True) -> VisitFlow:
    flow = flow_for(ctx, clock, "HZ-17", identity=identity, proxy=proxy, identity_ok=identity_ok)
    form = flow.items[0].form
    assert form.set("receipt_number", number).ok
    if relation:
        form.set("collector_relation", relation)
    if not voucher:
        flow.items[0].materials["pickup_voucher"] = "missing"
    return flow


def counts(ctx) -> tuple[int, int]:
    with ctx.sessions() as session:
        return session.scalar(select(func.count(Visit.id))), session.scalar(select(func.count(Collection.id)))


def application_item(ctx, number) -> Item:
    from counter.models import Receipt

    with ctx.sessions() as session:
        receipt = session.scalar(select(Receipt).where(Receipt.number == number))
        item = receipt.visit.items[0]
        session.expunge(item)
        return item


@pytest.mark.both_engines
def test_hand_out_in_person_marks_the_card_collected(ctx, clock, clerk):
    number = applied_and_ready(ctx, clock, clerk)
    done = finish_visit(ctx, handout_flow(ctx, clock, number), clerk)
    assert application_item(ctx, number).status == "collected"
    with ctx.sessions() as session:
        row = session.scalar(select(Collection))
        visit = session.get(Visit, done.visit_id)
        assert (row.collector_name, row.collector_id_number, row.by_proxy, row.relation) == (
            "张三", "11010519491231002X", False, None)
        assert row.handout_visit_id == done.visit_id and row.clerk_id == clerk.user_id
        assert [i.status for i in visit.items] == ["collected"]  # the hand-out item itself is done
    assert done.receipt_number and done.receipt_number != number


@pytest.mark.both_engines
def test_a_relative_with_the_voucher_may_collect(ctx, clock, clerk):
    number = applied_and_ready(ctx, clock, clerk)
    finish_visit(ctx, handout_flow(ctx, clock, number, proxy=RELATIVE, relation="spouse"), clerk)
    assert application_item(ctx, number).status == "collected"
    with ctx.sessions() as session:
        row = session.scalar(select(Collection))
    assert (row.collector_name, row.collector_id_number, row.by_proxy, row.relation) == (
        "李四", "110105198001010032", True, "spouse")


def check_refused(ctx, clock, clerk, flow, words: str, error=HandoutError) -> None:
    before = counts(ctx)
    with pytest.raises(error) as caught:
        finish_visit(ctx, flow, clerk)
    assert words in caught.value.zh_CN and caught.value.en
    assert "\n" not in caught.value.zh_CN  # one line
    assert counts(ctx) == before  # nothing stored


@pytest.mark.both_engines
def test_a_wrong_receipt_number_is_refused_and_nothing_is_stored(ctx, clock, clerk):
    number = applied_and_ready(ctx, clock, clerk)
    wrong = number[:-1] + ("1" if number[-1] != "1" else "2")
    check_refused(ctx, clock, clerk, handout_flow(ctx, clock, wrong), "不存在")
    assert application_item(ctx, number).status == "ready"


def test_a_collector_who_is_not_a_relative_is_refused(ctx, clock, clerk):
    number = applied_and_ready(ctx, clock, clerk)
    check_refused(ctx, clock, clerk, handout_flow(ctx, clock, number, proxy=RELATIVE, relation="other"), "亲属")
    assert application_item(ctx, number).status == "ready"


def test_a_relative_without_the_voucher_is_refused(ctx, clock, clerk):
    number = applied_and_ready(ctx, clock, clerk)
    check_refused(ctx, clock, clerk, handout_flow(ctx, clock, number, proxy=RELATIVE, relation="parent", voucher=False),
            "领取凭证")


def test_a_proxy_with_the_applicants_own_id_number_is_refused(ctx, clock, clerk):
    number = applied_and_ready(ctx, clock, clerk)
    # the identity page already refuses it; finishing anyway (a script) is refused too, storing nothing
    flow = handout_flow(ctx, clock, number, proxy=("张三", APPLICANT["id_number"]), relation="spouse",
                        identity_ok=False)
    check_refused(ctx, clock, clerk, flow, "代办人", error=VisitError)


def test_someone_elses_receipt_is_refused(ctx, clock, clerk):
    number = applied_and_ready(ctx, clock, clerk)
    other = {**APPLICANT, "name": "王五", "id_number": "110105198001010032", "sex": "M"}
    check_refused(ctx, clock, clerk, handout_flow(ctx, clock, number, identity=other), "不一致")


def test_a_card_not_yet_ready_is_refused(ctx, clock, clerk):
    flow = flow_for(ctx, clock, "HZ-09")
    number = finish_visit(ctx, flow, clerk).receipt_number
    check_refused(ctx, clock, clerk, handout_flow(ctx, clock, number), "尚未制作完成")


def test_a_card_collected_twice_is_refused(ctx, clock, clerk):
    number = applied_and_ready(ctx, clock, clerk)
    finish_visit(ctx, handout_flow(ctx, clock, number), clerk)
    check_refused(ctx, clock, clerk, handout_flow(ctx, clock, number), "已于")


def test_a_receipt_without_an_id_card_is_refused(ctx, clock, clerk):
    flow = flow_for(ctx, clock, "HZ-12")
    number = finish_visit(ctx, flow, clerk).receipt_number
    check_refused(ctx, clock, clerk, handout_flow(ctx, clock, number), "没有可在此领取的证件")


def test_the_hand_out_is_free_and_on_the_spot():
    procedure = CATALOG.get("HZ-17")
    assert fee_for(procedure, {}) == Decimal("0.00") and procedure.time_limit.days == 0


# ---------------------------------------------------------------- the new files' rules, at their boundaries


PROXY = {"proxy": True, "proxy_name": "李四", "proxy_id_number": "110105198001010032"}


def form_of(code: str, proxy: bool = False, **values) -> Form:
    procedure = CATALOG.get(code)
    if proxy:
        identity = Form((CATALOG.identity,), today=TODAY)
        for key, value in {**APPLICANT, **PROXY}.items():
            identity.set(key, value)
        form = procedure_form(procedure, identity.values, TODAY)
        for spec in procedure.all_fields():
            if spec.id not in form.raw or spec.default is None:
                form.set(spec.id, valid_value(spec))
    else:
        form = filled(procedure)
    for key, value in values.items():
        form.set(key, value)
    return form


def fired(form: Form) -> set[str]:
    """The ids of the rules that fire (errors and warnings)."""
    return {rule.id or rule.kind for rule, _ in form.rule_messages()}


def days(n: int) -> str:
    return (TODAY + timedelta(days=n)).isoformat()


def test_restoring_the_licence_is_refused_two_years_after_cancellation():
    assert "cancelled_on" not in form_of("JG-C12", cancelled_on="2024-11-24").errors()
    assert "cancelled_on" in form_of("JG-C12", cancelled_on="2024-11-23").errors()


def test_restoring_needs_a_restorable_reason_and_the_driver_in_person():
    assert "cancel_reason" in form_of("JG-C12", cancel_reason="other").errors()
    assert "cancel_reason" not in form_of("JG-C12", cancel_reason="not_renewed").errors()
    procedure = CATALOG.get("JG-C12")
    assert presence_rules(procedure, {"proxy": True})
    assert "in_person" in fired(form_of("JG-C12", proxy=True)) and "in_person" not in fired(form_of("JG-C12"))


@pytest.mark.parametrize("code", ["HZ-18", "JG-E2"])
def test_in_person_procedures_refuse_a_proxy(code):
    assert "in_person" in fired(form_of(code, proxy=True))
    assert form_of(code).errors() == {}


def test_quick_settlement_refuses_accidents_with_injuries():
    assert "injuries" in form_of("JG-F1", injuries=True).errors()
    assert "excluded_case" in form_of("JG-F1", excluded_case=True).errors()
    assert form_of("JG-F1", injuries=False, other_plate="浙B54321").errors() == {}


def test_temporary_plates_at_most_thirty_days():
    assert "valid_to" not in form_of("JG-A7", valid_from=days(0), valid_to=days(29)).errors()
    assert "valid_to" in form_of("JG-A7", valid_from=days(0), valid_to=days(30)).errors()
    local = form_of("JG-A7", purpose="unregistered", valid_from=days(0), valid_to=days(15))
    assert "over_15_days_local" in fired(local) and "valid_to" not in local.errors()  # a warning only
    assert "over_15_days_local" not in fired(form_of("JG-A7", purpose="unregistered", valid_from=days(0),
                                                     valid_to=days(14)))
    procedure = CATALOG.get("JG-A7")
    assert fee_for(procedure, form_of("JG-A7", plate_count="2").context()) == Decimal("10.00")


def test_enlistment_is_declared_by_the_citizen_or_the_head_of_household():
    assert "declarant" in form_of("HZ-22", proxy=True, declarant="self").errors()
    assert "declarant" not in form_of("HZ-22", proxy=True, declarant="head").errors()


def test_household_history_only_by_the_person_or_a_guardian():
    assert "guardian_of_applicant" in form_of("HZ-23", proxy=True, guardian_of_applicant=False).errors()
    assert form_of("HZ-23", proxy=True, guardian_of_applicant=True).errors() == {}


def test_household_history_from_the_archive_takes_five_working_days():
    procedure = CATALOG.get("HZ-23")
    assert promise(procedure, TODAY, {**form_of("HZ-23").context()}).day == TODAY
    searched = form_of("HZ-23", archive_search=True).context()
    assert promise(procedure, TODAY, searched).day == date(2026, 11, 30)  # Monday + 5 working days


def test_newborn_bundle_warns_after_a_month_and_asks_for_paternity_proof():
    assert "declared_late" in fired(form_of("HZ-19", birth_date="2026-10-23"))
    assert "declared_late" not in fired(form_of("HZ-19", birth_date="2026-10-24"))
    assert form_of("HZ-19", birth_date="2026-10-23").errors() == {}  # late is still registered
    procedure = CATALOG.get("HZ-19")
    needed = {m.code: n for m, n in materials_needed(procedure, form_of("HZ-19", married=False,
                                                                               follows="father").context())}
    assert needed["paternity_report"] and needed["non_marital_statement"] and not needed["marriage_certificate"]
    needed = {m.code: n for m, n in materials_needed(procedure, form_of("HZ-19", married=False,
                                                                               follows="mother").context())}
    assert not needed["paternity_report"]


def test_changes_that_belong_elsewhere_are_refused():
    assert "same_city" in form_of("HZ-20", same_city=False).errors()
    assert "change" in form_of("JG-A6", change="address_out").errors()
    assert "change" not in form_of("JG-A6", change="address_within").errors()
    assert "already_processed" in form_of("JG-D3", already_processed=True).errors()


def test_a_health_downgrade_is_due_within_thirty_days():
    assert "health_within_30_days" not in fired(form_of("JG-C13", reason="health", health_changed_on=days(-30)))
    assert "health_within_30_days" in fired(form_of("JG-C13", reason="health", health_changed_on=days(-31)))


# ---------------------------------------------------------------- migration 0009

def test_migration_0009_matches_the_model_and_goes_down_and_up(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import inspect

    from counter import db
    from counter.models import Base

    engine = db.make_engine(db_url)
    try:
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert [d for d in diff if "collections" in repr(d)] == []
        db.downgrade(db_url, "0008")
        engine.dispose()
        assert "collections" not in inspect(engine).get_table_names()
        db.upgrade(db_url)
        engine.dispose()
        columns = {c["name"] for c in inspect(engine).get_columns("collections")}
        assert {"item_id", "collector_id_number", "by_proxy", "relation", "handout_visit_id"} <= columns
    finally:
        engine.dispose()


# ---------------------------------------------------------------- the hand-out at the clerk window

def test_the_clerk_window_hands_out_a_card_and_says_a_wrong_receipt(qtbot, clerk_window, ctx, clock, clerk):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from tests.qt_helpers import choose, fill_identity, page, press, type_into

    number = applied_and_ready(ctx, clock, clerk)  # the same applicant as fill_identity types
    win = clerk_window
    fill_identity(qtbot, win, clock)
    choose(qtbot, win, "HZ-17")
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.flow.step.kind == "page"
    wrong = number[:-1] + ("1" if number[-1] != "1" else "2")
    type_into(qtbot, win, "receipt_number", wrong)
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.flow.step.kind == "materials"
    for group in page(win).groups.values():
        group.buttons()[0].click()
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.wizard.at_review()

    said = []

    def read_and_close():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            said.append(box.text())
            box.accept()

    QTimer.singleShot(50, read_and_close)
    press(qtbot, win, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(said))
    assert "不存在" in said[0] and win.flow is not None  # the visit stays open to be corrected
    assert application_item(ctx, number).status == "ready"

    win.flow.items[0].form.set("receipt_number", number)  # the clerk scans the right receipt
    QTimer.singleShot(50, read_and_close)  # in case it is refused again: the test shows why
    win.finish()  # the finish action again (Ctrl+Return once focus is back on the review)
    qtbot.waitUntil(lambda: win.last_receipt is not None or len(said) > 1)
    assert len(said) == 1, said[-1]
    assert win.preview is None  # printed directly; a preview only on Ctrl+P
    assert application_item(ctx, number).status == "collected"
    with ctx.sessions() as session:
        assert session.scalar(select(func.count(Collection.id))) == 1
