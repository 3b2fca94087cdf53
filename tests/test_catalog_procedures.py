"""Every procedure in the catalogue: a valid filling passes, a missing required field is caught.

Parametrised over the files, so a new catalogue file is tested without touching this file.
"""
from __future__ import annotations

from datetime import date

import pytest

from counter.catalog import load_catalog
from counter.forms.engine import Form, fee_for, procedure_form
from counter.forms.spec import FieldSpec

CATALOG = load_catalog()
TODAY = date(2026, 11, 23)
IDENTITY = {"name": "张三", "id_number": "11010519491231002X", "sex": "F", "phone": "13812345678",
            "address": "北京市朝阳区建国路1号", "proxy": False}
VALID = {
    "text": "测试内容", "name": "阿不都赛买提·木合麦提", "id_number": "11010519491231002X",
    "phone": "13812345678", "plate": "浙A12345", "vin": "LATPAB071W1005301", "address": "浙江省平湖市当湖街道1号",
    "licence_file_number": "330100123456", "licence_classes": "C1", "date": TODAY.isoformat(), "yes_no": True,
}


def valid_value(spec: FieldSpec):
    if spec.pattern and spec.placeholder.zh_CN:
        return spec.placeholder.zh_CN
    if spec.type == "choice":
        return spec.options[0].value
    if spec.type == "multi_choice":
        return [spec.options[0].value]
    if spec.type in ("number", "amount"):
        low = spec.min if spec.min is not None else 1
        return str(max(low, 1) if spec.max is None or spec.max >= 1 else low)
    return VALID[spec.type]


# where the law needs more than "any valid value" (rules-review.md): six months' residence for a
# residence permit; a school bus driver aged 25 to 60 (this one born 1986)
LAWFUL = {"HZ-15": {"living_since": "2026-01-01"}}
LAWFUL_IDENTITY = {"JG-C8": {"id_number": "110105198601010028", "sex": "F"}}


def identity(code: str = "") -> Form:
    form = Form((CATALOG.identity,), today=TODAY)
    for key, value in {**IDENTITY, **LAWFUL_IDENTITY.get(code, {})}.items():
        form.set(key, value)
    return form


def filled(procedure) -> Form:
    form = procedure_form(procedure, identity(procedure.code).values, TODAY)
    for spec in procedure.all_fields():
        if spec.id not in form.raw or spec.default is None:
            form.set(spec.id, LAWFUL.get(procedure.code, {}).get(spec.id) or valid_value(spec))
    return form


@pytest.mark.parametrize("code", [p.code for p in CATALOG.procedures])
def test_a_valid_filling_is_accepted(code):
    procedure = CATALOG.get(code)
    form = filled(procedure)
    assert form.errors() == {}
    assert fee_for(procedure, form.context()) >= 0
    assert set(form.cleaned()) <= {f.id for f in procedure.all_fields()}


@pytest.mark.parametrize("code", [p.code for p in CATALOG.procedures])
def test_each_missing_required_field_is_reported_at_that_field(code):
    procedure = CATALOG.get(code)
    base = filled(procedure)
    required = [f for f in procedure.all_fields() if base.required(f)]
    for spec in required:
        form = filled(procedure)
        form.set(spec.id, "" if spec.type != "multi_choice" else [])
        if spec.type == "yes_no":
            form.set(spec.id, None)
        errors = form.errors()
        assert spec.id in errors, f"{code}: missing {spec.id} not reported"
        assert errors[spec.id].zh_CN and errors[spec.id].en


def test_catalogue_has_every_household_and_33_traffic_items():
    codes = [p.code for p in CATALOG.procedures]
    assert [c for c in codes if c.startswith("HZ-")] == [f"HZ-{n:02d}" for n in range(1, 24)]
    assert len([c for c in codes if c.startswith("JG-")]) == 33  # 21 + 12 added for issue 13
    for procedure in CATALOG.procedures:
        assert procedure.materials and procedure.name.zh_CN and procedure.name.en
        assert procedure.guide.zh_CN and procedure.guide.en


def test_damaged_card_costs_forty_yuan():
    procedure = CATALOG.get("HZ-08")
    form = filled(procedure)
    assert str(fee_for(procedure, form.context())) == "20.00"
    form.set("reason", "damaged")
    assert str(fee_for(procedure, form.context())) == "40.00"
