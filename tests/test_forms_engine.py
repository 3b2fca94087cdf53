"""The forms engine and the visit flow without Qt: visibility, requirement, rules, navigation."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from counter.catalog import load_catalog
from counter.forms.engine import Form, holds, procedure_form, promised_date
from counter.forms.flow import VisitFlow
from counter.forms.spec import Condition, FieldSpec, Option, PageSpec, Text

CATALOG = load_catalog()
TODAY = date(2026, 11, 23)


class Ticking:
    """A clock that moves a minute per reading, so every step has its own time."""

    def __init__(self):
        self.moment = datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc)

    def __call__(self):
        self.moment += timedelta(minutes=1)
        return self.moment


def page(*fields):
    return PageSpec("p", Text("页", "Page"), tuple(fields))


REASON = FieldSpec("reason", "choice", Text("原因", "Reason"), required=True,
                   options=(Option("lost", Text("丢失", "Lost")), Option("damaged", Text("损坏", "Damaged"))))
REPORT = FieldSpec("report_no", "text", Text("报失号", "Report no."), required=True,
                   visible_if=Condition(field="reason", in_=("lost",)))


def test_conditions_are_data():
    assert holds(Condition(field="a", in_=("x",)), {"a": "x"})
    assert not holds(Condition(field="a", in_=("x",)), {})
    assert holds(Condition(field="a", not_in=("x",)), {"a": "y"})
    assert holds(Condition(field="a", equals=True), {"a": True})
    assert holds(Condition(field="a", is_set=False), {"a": ""})
    assert holds(Condition(all=(Condition(field="a", equals=1), Condition(field="b", equals=2))), {"a": 1, "b": 2})
    assert not holds(Condition(any=(Condition(field="a", equals=1), Condition(field="b", equals=2))), {"a": 3})
    assert holds(Condition(field="tags", in_=("x",)), {"tags": ["y", "x"]})


def test_hidden_fields_are_neither_required_nor_stored():
    form = Form((page(REASON, REPORT),), today=TODAY)
    form.set("reason", "damaged")
    form.set("report_no", "R-1")
    assert not form.visible(REPORT) and form.errors() == {}
    assert form.cleaned() == {"reason": "damaged"}
    form.set("reason", "lost")
    assert form.cleaned() == {"reason": "lost", "report_no": "R-1"}


def test_required_visible_field_is_reported_at_that_field():
    form = Form((page(REASON, REPORT),), today=TODAY)
    assert set(form.errors()) == {"reason"}
    form.set("reason", "lost")
    assert form.errors()["report_no"].zh_CN == "此项必填"


def test_choice_outside_the_options_is_refused():
    form = Form((page(REASON),), today=TODAY)
    form.set("reason", "invented")
    assert "reason" in form.errors()


def test_validators_run_per_field_type():
    form = Form((CATALOG.identity,), today=TODAY)
    form.set("id_number", "110105194912310021")
    form.set("phone", "12345")
    errors = form.errors()
    assert {"id_number", "phone", "name", "address"} <= set(errors)
    form.set("id_number", "11010519491231002x")
    assert form.values["id_number"] == "11010519491231002X"


def test_a_complete_id_number_fills_sex():
    form = Form((CATALOG.identity,), today=TODAY)
    form.set("id_number", "11010519491231002X")
    assert form.derive("id_number") == ["sex"]
    assert form.values["sex"] == "F"


def test_renewal_window_rule_names_the_earliest_date():
    form = procedure_form(CATALOG.get("HZ-08"), {}, TODAY)
    form.set("reason", "expiry")
    form.set("card_expiry", "2027-06-30")
    assert "2027-04-01" in form.errors()["card_expiry"].zh_CN
    form.set("card_expiry", "2027-01-30")
    assert "card_expiry" not in form.errors()


def test_prefill_from_identity():
    form = procedure_form(CATALOG.get("HZ-08"), {"address": "北京市朝阳区建国路1号"}, TODAY)
    assert form.raw["post_address"] == "北京市朝阳区建国路1号"


def test_working_days_skip_weekends():
    procedure = CATALOG.get("HZ-06")
    assert procedure.time_limit.kind == "working"
    assert promised_date(procedure, date(2026, 11, 27)) == date(2026, 12, 11)  # Friday + 10 working days


def start_flow() -> VisitFlow:
    flow = VisitFlow(CATALOG, Ticking(), today=TODAY)
    for key, value in {"name": "张三", "id_number": "11010519491231002X", "sex": "F",
                       "phone": "13812345678", "address": "北京市朝阳区建国路1号"}.items():
        flow.identity.set(key, value)
    return flow


def test_navigation_blocks_on_errors_and_walks_every_step():
    flow = VisitFlow(CATALOG, Ticking(), today=TODAY)
    assert flow.next() and flow.step.kind == "identity"
    flow = start_flow()
    assert flow.next() == {} and flow.step.kind == "procedures"
    assert "procedures" in flow.next()
    flow.choose(["HZ-12", "JG-E1"])
    kinds = [s.kind for s in flow.steps()]
    assert kinds[:2] == ["identity", "procedures"] and kinds[-1] == "review"
    assert kinds.count("materials") == 2
    assert flow.back() and flow.step.kind == "identity"


def test_materials_must_be_marked_and_missing_ones_need_correction():
    flow = start_flow()
    flow.next()
    flow.choose(["HZ-08"])
    flow.next()
    flow.items[0].form.set("reason", "damaged")
    flow.next()
    assert flow.step.kind == "materials"
    assert set(flow.next()) == {"hukou_booklet", "old_card"}
    flow.items[0].materials.update(hukou_booklet="received", old_card="missing")
    assert flow.next() == {} and flow.step.kind == "review"
    row = flow.summary()[0]
    assert row["status"] == "needs_materials" and str(row["fee"]) == "40.00"


def test_step_history_has_ordered_times_and_item_times():
    flow = start_flow()
    flow.next()
    flow.choose(["JG-E1"])
    while flow.step.kind != "review":
        if flow.step.kind == "materials":
            for material in flow.items[0].procedure.materials:
                flow.items[0].materials[material.code] = "received"
        for spec in flow.items[0].procedure.all_fields():
            if spec.type in ("choice", "multi_choice") and spec.id not in flow.items[0].form.raw:
                first = spec.options[0].value
                flow.items[0].form.set(spec.id, first if spec.type == "choice" else [first])
        assert flow.next() == {}, flow.step
    item = flow.items[0]
    assert flow.started_at < item.started_at < item.finished_at
    entered = [h.entered_at for h in flow.history]
    assert entered == sorted(entered)
    assert all(h.left_at for h in flow.history[:-1])


def test_a_draft_restores_every_typed_value():
    flow = start_flow()
    flow.next()
    flow.choose(["HZ-08", "JG-A2"])
    flow.next()
    flow.items[0].form.set("reason", "expiry")
    flow.items[0].form.set("card_expiry", "20270110")
    saved = flow.to_dict()
    restored = VisitFlow.from_dict(CATALOG, saved, Ticking())
    assert restored.key == flow.key and restored.index == flow.index
    assert restored.identity.values == flow.identity.values
    assert restored.chosen_codes() == ["HZ-08", "JG-A2"]
    assert restored.items[0].form.values["card_expiry"] == "2027-01-10"
    flow.items[0].finished_at = flow.now()
    assert VisitFlow.from_dict(CATALOG, flow.to_dict(), Ticking()).items[0].finished_at == flow.items[0].finished_at


@pytest.mark.parametrize("text", ["", "\x00\x01", "😀" * 50, "a" * 10000, "'; DROP TABLE visits; --"])
def test_hostile_input_gives_messages_not_exceptions(text):
    form = Form((CATALOG.identity,), today=TODAY)
    for spec in CATALOG.identity.fields:
        form.set(spec.id, text)
    assert isinstance(form.errors(), dict)


def test_a_later_item_starts_with_what_an_earlier_item_asked():
    flow = start_flow()
    flow.next()
    flow.choose(["JG-A1", "JG-A2"])
    flow.next()
    flow.items[0].form.set("plate", "浙F12345")
    flow.items[0].form.set("vin", "LATPAB071W1005301")
    flow.items[0].form.set("reason", "damaged")
    flow.next()
    flow.items[0].materials.update(owner_id="received", old_plates="received")
    assert flow.next() == {}
    assert flow.items[1].form.values["plate"] == "浙F12345"
    assert flow.items[1].form.values["vin"] == "LATPAB071W1005301"
    assert "reason" not in flow.items[1].form.raw  # choices are the clerk's to make each time


def test_sex_must_agree_with_the_id_number():
    flow = start_flow()
    flow.identity.set("sex", "M")  # the number says female
    errors = flow.next()
    assert flow.step.kind == "identity" and "sex" in errors
    flow.identity.set("sex", "F")
    assert flow.next() == {}


def test_a_clerks_last_choice_replaces_a_default_but_never_fills_a_reason():
    flow = start_flow()
    flow.remembered = {"HZ-08": {"pickup": "post", "reason": "damaged"}}
    flow.next()
    flow.choose(["HZ-08"])
    flow.next()
    form = flow.items[0].form
    assert form.values["pickup"] == "post"  # default "station" replaced by the clerk's habit
    assert "reason" not in form.raw  # no default: still the clerk's to choose
    form.set("reason", "damaged")
    assert flow.choices_made() == {"HZ-08": {"reason": "damaged", "pickup": "post"}}
