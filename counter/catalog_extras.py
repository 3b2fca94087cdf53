"""Catalogue keys the spec objects do not carry (yet): `hands_out` and `decided_by`.

They are read from the procedure's own TOML file (`Procedure.source`), so that a hand-out
procedure or a brigade decision is data in the catalogue like everything else, while
`counter/catalog.py` and `counter/forms/spec.py` stay untouched (the rule language is being
extended there in parallel). When those keys move into `Procedure`, these helpers shrink to
attribute reads.

- `hands_out = ["HZ-07", …]`: this procedure hands out the documents applied for under those
  codes (领证, the second visit of an application); see `counter.handout`.
- `decided_by = "brigade"`: the county traffic police brigade (交警大队) decides; the station
  window only accepts and forwards. `"station"` (the default): decided at the window.
"""
from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from counter.forms.spec import Procedure
from counter.paths import resources_dir

DECIDERS = {
    "station": ("派出所窗口", "the station window"),
    "brigade": ("县(市、区)公安局交警大队", "the county traffic police brigade"),
}


def _folder() -> Path:
    return resources_dir() / "procedures"


@cache
def _raw(folder: Path, source: str) -> dict[str, Any]:
    path = folder / source
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}


def extras(procedure: Procedure, folder: Path | None = None) -> dict[str, Any]:
    if not procedure.source:
        return {}
    return _raw(folder or _folder(), procedure.source)


def hands_out(procedure: Procedure, folder: Path | None = None) -> tuple[str, ...]:
    """The procedure codes whose documents this procedure hands out (empty: not a hand-out)."""
    value = extras(procedure, folder).get("hands_out", ())
    return tuple(str(code) for code in value) if isinstance(value, list) else ()


def decided_by(procedure: Procedure, folder: Path | None = None) -> str:
    """`station` or `brigade`: who takes the decision on an item of this procedure."""
    value = extras(procedure, folder).get("decided_by", "station")
    return value if value in DECIDERS else "station"


def decider_text(procedure: Procedure, lang: str = "zh_CN") -> str:
    zh, en = DECIDERS[decided_by(procedure)]
    return en if lang == "en" else zh


def check_extras(catalog_codes: set[str], procedures: tuple[Procedure, ...],
                 folder: Path | None = None) -> list[str]:
    """Mistakes in these keys, one line each (named file and key): a test runs it."""
    problems = []
    for procedure in procedures:
        raw = extras(procedure, folder)
        if "hands_out" in raw:
            codes = raw["hands_out"]
            if not isinstance(codes, list) or not codes:
                problems.append(f"{procedure.source}: hands_out: must be a list of procedure codes")
            else:
                problems += [f"{procedure.source}: hands_out: unknown procedure '{c}'"
                             for c in codes if c not in catalog_codes]
            if procedure.field("receipt_number") is None:
                problems.append(f"{procedure.source}: hands_out: needs a field 'receipt_number'")
        if raw.get("decided_by", "station") not in DECIDERS:
            problems.append(f"{procedure.source}: decided_by: must be one of {', '.join(DECIDERS)}")
    return problems
