"""Every procedure in the catalogue: a valid filling passes, a missing required field is caught.

Parametrised over the files, so a new catalogue file is tested without touching this file.
"""
from __future__ import annotations


import pytest

from counter.forms.engine import fee_for
from tests.helpers import CATALOG, filled


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
