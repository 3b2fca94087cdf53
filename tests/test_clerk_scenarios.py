"""One scenario through the real window in both modes: the same items, identity typed once."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from benchmarks.scenarios import SCENARIOS, run_scenario
from counter.models import Item, Receipt, Visit


@pytest.fixture
def window(clerk_window):
    return clerk_window


def stored(ctx, receipts):
    with ctx.sessions() as session:
        rows = session.execute(select(Item.procedure_code, Item.values, Item.fee, Item.status,
                                      Visit.applicant_id_number)
                               .join(Visit).join(Receipt).where(Receipt.number.in_(receipts))).all()
    return sorted((code, sorted(values.items()), str(fee), status, idn) for code, values, fee, status, idn in rows)


@pytest.mark.parametrize("index", [4])  # plate replacement + vehicle licence + fine: values carry over
def test_both_modes_store_the_same_items_and_one_window_types_identity_once(qtbot, window, ctx, index):
    scenario = SCENARIOS[index]
    one = run_scenario(qtbot, window, scenario, "one")
    first = stored(ctx, one.receipts)
    separate = run_scenario(qtbot, window, scenario, "separate")
    assert stored(ctx, separate.receipts) == first
    assert len(first) == len(scenario.items)
    assert one.identity_typed == 1 and separate.identity_typed == len(scenario.items)
    assert len(one.receipts) == 1 and len(separate.receipts) == len(scenario.items)
    assert one.inputs < separate.inputs and one.pages < separate.pages
