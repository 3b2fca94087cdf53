"""The visit service on SQLite and PostgreSQL: stored once, cancelled kept, receipts."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from counter.auth import PermissionDenied
from counter.forms.flow import VisitFlow
from counter.models import Item, Receipt, StepEvent, Visit
from counter.forms.trial import fill_examples
from counter.visits import cancel_visit, finish_visit, receipt_data

pytestmark = pytest.mark.both_engines  # the same tests on SQLite and PostgreSQL

IDENTITY = {"name": "张三", "id_number": "11010519491231002X", "sex": "F", "phone": "13812345678",
            "address": "北京市朝阳区建国路1号"}


def flow_for(ctx, clock, *codes) -> VisitFlow:
    flow = VisitFlow(ctx.catalog, ctx.clock.now, today=ctx.clock.today())
    for key, value in IDENTITY.items():
        flow.identity.set(key, value)
    flow.next()
    flow.choose(list(codes))
    for item in flow.items:
        fill_examples(item.form, flow.today)  # finish_visit re-checks every page
    clock.advance(minutes=3)
    return flow


def test_finished_twice_is_stored_once_with_one_receipt(ctx, clock, clerk):
    flow = flow_for(ctx, clock, "HZ-12", "JG-E1")
    for item in flow.items:
        item.materials = {m.code: "received" for m in item.procedure.materials}
    first = finish_visit(ctx, flow, clerk)
    again = finish_visit(ctx, flow, clerk)  # a retried save after a lost answer
    assert again.already_stored and again.receipt_number == first.receipt_number
    with ctx.sessions() as session:
        assert session.scalar(select(func.count(Visit.id))) == 1
        assert session.scalar(select(func.count(Item.id))) == 2
        assert session.scalar(select(func.count(Receipt.id))) == 1
        assert session.scalar(select(func.count(StepEvent.id))) >= 2


def test_cancelled_visit_is_kept_with_its_times_and_no_receipt(ctx, clock, clerk):
    flow = flow_for(ctx, clock, "HZ-08")
    visit_id = cancel_visit(ctx, flow, clerk, reason="citizen left")
    with ctx.sessions() as session:
        visit = session.get(Visit, visit_id)
        assert visit.status == "cancelled" and visit.finished_at > visit.started_at
        assert [i.status for i in visit.items] == ["cancelled"] and visit.items[0].fee == Decimal("0.00")
        assert visit.receipt is None


def test_only_required_missing_materials_make_the_receipt_say_correction_needed(ctx, clock, clerk):
    flow = flow_for(ctx, clock, "HZ-08")
    flow.items[0].form.set("reason", "damaged")
    flow.items[0].materials = {"hukou_booklet": "missing", "old_card": "received", "authorisation": "missing"}
    done = finish_visit(ctx, flow, clerk)
    with ctx.sessions() as session:
        data = receipt_data(session, ctx.catalog, done.receipt_number)
        item = session.scalar(select(Item))
    assert item.status == "needs_materials" and item.fee == Decimal("40.00")
    assert data.lines[0].materials_missing == ("居民户口簿",)  # the optional letter is not 需补正
    assert data.id_number_masked == "110105************"  # the last four are the kiosk's secret


def test_finishing_needs_the_clerk_role(ctx, clock):
    flow = flow_for(ctx, clock, "HZ-12")
    with pytest.raises(PermissionDenied):
        finish_visit(ctx, flow, None)


def test_a_visit_with_a_failing_page_is_refused_and_nothing_is_stored(ctx, clock, clerk):
    from counter.visits import VisitError

    flow = flow_for(ctx, clock, "JG-C2")
    flow.items[0].form.set("seized", True)  # a seized licence: the rule blocks, whatever the window did
    flow.items[0].materials = {m.code: "received" for m in flow.items[0].procedure.materials}
    with pytest.raises(VisitError) as caught:
        finish_visit(ctx, flow, clerk)
    assert "seized" in caught.value.zh_CN and "扣押" in caught.value.zh_CN
    empty = flow_for(ctx, clock, "HZ-12")
    empty.items[0].form.set("circumstance", "")  # a required field emptied after the page was left
    with pytest.raises(VisitError):
        finish_visit(ctx, empty, clerk)
    with ctx.sessions() as session:
        assert session.scalar(select(func.count(Visit.id))) == 0
        assert session.scalar(select(func.count(Receipt.id))) == 0


def test_fines_are_stored_apart_from_the_fee(ctx, clock, clerk):
    flow = flow_for(ctx, clock, "JG-D2")
    form = flow.items[0].form
    received = ctx.clock.today().toordinal() - 20  # 20 days ago: 5 days late
    from datetime import date

    form.set("decision_date", date.fromordinal(received).isoformat())
    form.set("fine_amount", "200")
    flow.items[0].materials = {m.code: "received" for m in flow.items[0].procedure.materials}
    finish_visit(ctx, flow, clerk)
    with ctx.sessions() as session:
        item = session.scalar(select(Item))
    assert item.fee == Decimal("0.00")
    assert [(a["kind"], a["amount"]) for a in item.amounts] == [("fine", "200.00"), ("late_surcharge", "30.00")]


def test_the_stations_fee_setting_is_charged(ctx, clock, clerk):
    from counter.fees import set_station_fee

    set_station_fee(ctx, "hukou_booklet_reissue", "8.00")
    flow = flow_for(ctx, clock, "HZ-13")
    flow.items[0].form.set("reason", "lost")
    flow.items[0].materials = {m.code: "received" for m in flow.items[0].procedure.materials}
    finish_visit(ctx, flow, clerk)
    with ctx.sessions() as session:
        assert session.scalar(select(Item)).fee == Decimal("8.00")
