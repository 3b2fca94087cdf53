"""What the review shows of a visit: every value entered, per page, with the step to go back to.

Plain data (no Qt): the clerk's review page lists it, the tests read it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counter.forms.engine import EMPTY_VALUES, materials_shown
from counter.forms.flow import IDENTITY, MATERIALS, PAGE, VisitFlow
from counter.forms.spec import FieldSpec
from counter.masking import mask_id_number

MATERIAL_STATES = {"received": ("已收", "received"), "missing": ("缺少", "missing")}


@dataclass(frozen=True)
class Section:
    title: str
    step: int  # the flow's step index to go back to
    rows: tuple[tuple[str, str], ...]  # (label, value as shown)


def value_text(spec: FieldSpec, value: Any, lang: str) -> str:
    """A value as the clerk typed or chose it: option labels, 是/否, lists joined; ID numbers masked."""
    zh = lang != "en"
    if spec.type == "yes_no":
        return ("是" if value else "否") if zh else ("yes" if value else "no")
    if spec.options:
        values = value if isinstance(value, list) else [value]
        return ("、" if zh else ", ").join(spec.option_label(str(v), lang) for v in values)
    if isinstance(value, list):
        return ("、" if zh else ", ").join(str(v) for v in value)
    if spec.id.endswith("id_number") and isinstance(value, str):
        return mask_id_number(value)
    return str(value)


def _rows(form, page, lang: str) -> tuple[tuple[str, str], ...]:
    values = form.cleaned()
    return tuple((spec.label(lang), value_text(spec, values[spec.id], lang)) for spec in form.visible_fields(page)
                 if values.get(spec.id) not in EMPTY_VALUES)


def entered_values(flow: VisitFlow, lang: str = "zh_CN") -> list[Section]:
    """One section per page of the visit (applicant, each item's pages, each item's materials)."""
    zh = lang != "en"
    sections = []
    for index, step in enumerate(flow.steps()):
        if step.kind == IDENTITY:
            page = flow.catalog.identity
            sections.append(Section("申请人" if zh else "Applicant", index, _rows(flow.identity, page, lang)))
        elif step.kind == PAGE:
            assert step.item is not None and step.page is not None  # a page step names both
            item = flow.items[step.item]
            page = item.procedure.pages[step.page]
            title = f"{item.procedure.code} {item.procedure.name(lang)} · {page.title(lang)}"
            sections.append(Section(title, index, _rows(item.form, page, lang)))
        elif step.kind == MATERIALS:
            assert step.item is not None  # a materials step names its item
            item = flow.items[step.item]
            rows = tuple((m.name(lang), MATERIAL_STATES[item.materials[m.code]][0 if zh else 1])
                         for m, _needed in materials_shown(item.procedure, item.form.context())
                         if item.materials.get(m.code) in MATERIAL_STATES)
            title = f"{item.procedure.code} {item.procedure.name(lang)} · {'材料' if zh else 'Materials'}"
            sections.append(Section(title, index, rows))
    return sections
