"""The procedures added for issue 13, and the ID card hand-out (领证) end to end.

The hand-out runs through `finish_visit` on SQLite and PostgreSQL: an ID application is finished,
marked 待领取, then a hand-out visit with its receipt number marks it 已领取 and records the
collector; a wrong receipt, a collector who may not collect, or a card not yet ready is one clear
error and stores nothing.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from counter import kiosk
from counter.catalog import load_catalog
from counter.catalog_extras import check_extras, decided_by, hands_out
from counter.forms.engine import fee_for
from counter.forms.flow import VisitFlow
from counter.handout import HandoutError
from counter.models import Collection, Item, Visit
from counter.visits import finish_visit
from tests.test_catalog_procedures import valid_value

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
    assert hands_out(CATALOG.get("HZ-17")) == ("HZ-07", "HZ-08", "HZ-09", "HZ-10", "HZ-11")
    assert hands_out(CATALOG.get("HZ-08")) == ()


def test_brigade_decisions_are_marked():
    brigade = {p.code for p in CATALOG.procedures if decided_by(p) == "brigade"}
    assert {"JG-C12", "JG-D3", "JG-A7"} <= brigade
    assert "JG-E2" not in brigade and decided_by(CATALOG.get("HZ-01")) == "station"


def test_the_traffic_list_has_the_added_items():
    codes = [p.code for p in CATALOG.procedures]
    assert len([c for c in codes if c.startswith("JG-")]) == 21 + len(NEW_JG)
    assert set(NEW) <= set(codes)


def test_death_cancellation_points_to_the_licence_cancellation():
    assert "JG-C14" in CATALOG.get("HZ-02").guide.zh_CN or "JG-C14" in CATALOG.get("JG-C14").guide.zh_CN


# ---------------------------------------------------------------- the hand-out, end to end



def flow_for(ctx, clock, code, identity=APPLICANT, proxy=None) -> VisitFlow:
    flow = VisitFlow(ctx.catalog, ctx.clock.now, today=ctx.clock.today())
    for key, value in identity.items():
        flow.identity.set(key, value)
    if proxy:
        flow.identity.set("proxy", True)
        flow.identity.set("proxy_name", proxy[0])
        flow.identity.set("proxy_id_number", proxy[1])
    assert flow.next() == {}
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


def handout_flow(ctx, clock, number, proxy=None, relation=None, voucher=True, identity=APPLICANT) -> VisitFlow:
    flow = flow_for(ctx, clock, "HZ-17", identity=identity, proxy=proxy)
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


def refused(ctx, clock, clerk, flow, words: str) -> None:
    before = counts(ctx)
    with pytest.raises(HandoutError) as caught:
        finish_visit(ctx, flow, clerk)
    assert words in caught.value.zh_CN and caught.value.en
    assert "\n" not in caught.value.zh_CN  # one line
    assert counts(ctx) == before  # nothing stored


@pytest.mark.both_engines
def test_a_wrong_receipt_number_is_refused_and_nothing_is_stored(ctx, clock, clerk):
    number = applied_and_ready(ctx, clock, clerk)
    wrong = number[:-1] + ("1" if number[-1] != "1" else "2")
    refused(ctx, clock, clerk, handout_flow(ctx, clock, wrong), "不存在")
    assert application_item(ctx, number).status == "ready"


def test_a_collector_who_is_not_a_relative_is_refused(ctx, clock, clerk):
    number = applied_and_ready(ctx, clock, clerk)
    refused(ctx, clock, clerk, handout_flow(ctx, clock, number, proxy=RELATIVE, relation="other"), "亲属")
    assert application_item(ctx, number).status == "ready"


def test_a_relative_without_the_voucher_is_refused(ctx, clock, clerk):
    number = applied_and_ready(ctx, clock, clerk)
    refused(ctx, clock, clerk, handout_flow(ctx, clock, number, proxy=RELATIVE, relation="parent", voucher=False),
            "领取凭证")


def test_a_proxy_with_the_applicants_own_id_number_is_refused(ctx, clock, clerk):
    number = applied_and_ready(ctx, clock, clerk)
    refused(ctx, clock, clerk, handout_flow(ctx, clock, number, proxy=("张三", APPLICANT["id_number"]),
                                            relation="spouse"), "不能与申请人相同")


def test_someone_elses_receipt_is_refused(ctx, clock, clerk):
    number = applied_and_ready(ctx, clock, clerk)
    other = {**APPLICANT, "name": "王五", "id_number": "110105198001010032", "sex": "M"}
    refused(ctx, clock, clerk, handout_flow(ctx, clock, number, identity=other), "不一致")


def test_a_card_not_yet_ready_is_refused(ctx, clock, clerk):
    flow = flow_for(ctx, clock, "HZ-09")
    number = finish_visit(ctx, flow, clerk).receipt_number
    refused(ctx, clock, clerk, handout_flow(ctx, clock, number), "尚未制作完成")


def test_a_card_collected_twice_is_refused(ctx, clock, clerk):
    number = applied_and_ready(ctx, clock, clerk)
    finish_visit(ctx, handout_flow(ctx, clock, number), clerk)
    refused(ctx, clock, clerk, handout_flow(ctx, clock, number), "已于")


def test_a_receipt_without_an_id_card_is_refused(ctx, clock, clerk):
    flow = flow_for(ctx, clock, "HZ-12")
    number = finish_visit(ctx, flow, clerk).receipt_number
    refused(ctx, clock, clerk, handout_flow(ctx, clock, number), "没有可在此领取的证件")


def test_the_hand_out_is_free_and_on_the_spot():
    procedure = CATALOG.get("HZ-17")
    assert fee_for(procedure, {}) == Decimal("0.00") and procedure.time_limit.days == 0
