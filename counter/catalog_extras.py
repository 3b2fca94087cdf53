"""Catalogue keys that name other procedures or other offices: `hands_out` and `decided_by`.

- `hands_out = ["HZ-07", …]`: this procedure hands out the documents applied for under those
  codes (领证, the second visit of an application); see `counter.handout`.
- `decided_by = "brigade"`: the county traffic police brigade (交警大队) decides; the station
  window only accepts and forwards (printed on the receipt). `"station"` (the default): decided
  at the window.
"""
from __future__ import annotations

from counter.forms.spec import Procedure

DECIDERS = {
    "station": ("派出所窗口", "the station window"),
    "brigade": ("县(市、区)公安局交警大队", "the county traffic police brigade"),
}


def hands_out(procedure: Procedure) -> tuple[str, ...]:
    """The procedure codes whose documents this procedure hands out (empty: not a hand-out)."""
    return procedure.hands_out


def decided_by(procedure: Procedure) -> str:
    """`station` or `brigade`: who takes the decision on an item of this procedure."""
    return procedure.decided_by if procedure.decided_by in DECIDERS else "station"


def decider_text(procedure: Procedure, lang: str = "zh_CN") -> str:
    zh, en = DECIDERS[decided_by(procedure)]
    return en if lang == "en" else zh


def check_extras(catalog_codes: set[str], procedures: tuple[Procedure, ...]) -> list[tuple[str, str, str]]:
    """Mistakes in these keys as (file, key, message): `catalog check` reports them."""
    problems = []
    for procedure in procedures:
        if procedure.hands_out:
            problems += [(procedure.source, "hands_out", f"unknown procedure '{c}'")
                         for c in procedure.hands_out if c not in catalog_codes]
            if procedure.field("receipt_number") is None:
                problems.append((procedure.source, "hands_out", "needs a field 'receipt_number'"))
        if procedure.decided_by not in DECIDERS:
            problems.append((procedure.source, "decided_by", f"must be one of {', '.join(DECIDERS)}"))
    return problems
