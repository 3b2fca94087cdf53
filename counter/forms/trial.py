"""A dry run of one visit's items without the GUI (`catalog try`), and a procedure as data
(`catalog show`): what a catalogue author checks a rule with.

The values go through the same `VisitFlow` and `Form` objects as the clerk's window, so a rule
that holds here holds at the counter.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from decimal import Decimal
from typing import Any

from counter.forms.engine import amount_lines, fee_for, presence_rules, promise
from counter.forms.flow import Problem, VisitFlow
from counter.forms.spec import Catalog, Condition, FieldSpec, Procedure, Rule, Text


class TrialError(ValueError):
    """Bad arguments (unknown procedure or field): the CLI exits 2."""

    def __init__(self, zh_CN: str, en: str):
        super().__init__(en)
        self.zh_CN, self.en = zh_CN, en

    def __str__(self) -> str:
        return f"{self.zh_CN} / {self.en}"


@dataclass
class ItemResult:
    code: str
    name: Text
    fee: Decimal
    amounts: list = field(default_factory=list)
    promised: date | None = None
    time_limit: str = ""
    must_be_present: bool = False
    presence_basis: list[Text] = field(default_factory=list)
    calendar_warning: Text | None = None


@dataclass
class TrialResult:
    items: list[ItemResult]
    errors: list[Problem]
    warnings: list[Problem]

    @property
    def acceptable(self) -> bool:
        return not self.errors

    def to_json(self) -> dict[str, Any]:
        def problem(p: Problem) -> dict[str, Any]:
            return {"code": p.code or None, "field": p.field or None, "zh_CN": p.message.zh_CN, "en": p.message.en}

        return {
            "acceptable": self.acceptable,
            "errors": [problem(p) for p in self.errors],
            "warnings": [problem(p) for p in self.warnings],
            "items": [{
                "code": i.code, "name": i.name.zh_CN, "name_en": i.name.en, "fee": str(i.fee),
                "fines": [{"id": a.id, "kind": a.kind, "label": a.label.zh_CN, "amount": str(a.amount),
                           "detail": a.detail.zh_CN, "basis": a.basis.zh_CN} for a in i.amounts],
                "promised_date": i.promised.isoformat() if i.promised else None,
                "time_limit": i.time_limit,
                "calendar_known": i.calendar_warning is None,
                "must_be_present": i.must_be_present,
                "presence_basis": [b.zh_CN for b in i.presence_basis],
            } for i in self.items],
            "fee_total": str(sum((i.fee for i in self.items), Decimal("0.00"))),
            "fine_total": str(sum((a.amount for i in self.items for a in i.amounts), Decimal("0.00"))),
        }


def _parse_value(spec: FieldSpec, raw: str) -> Any:
    if spec.type == "yes_no":
        lowered = raw.strip().lower()
        if lowered in ("yes", "true", "1", "y", "是"):
            return True
        if lowered in ("no", "false", "0", "n", "否", ""):
            return False
        raise TrialError(f"{spec.id} 是是/否项：写 yes 或 no", f"{spec.id} is yes/no: write yes or no")
    if spec.type == "multi_choice":
        return [v for v in raw.split(",") if v]
    return raw


def try_visit(catalog: Catalog, codes: list[str], today: date, values: dict[str, str],
              fee_settings: dict[str, Any] | None = None) -> TrialResult:
    """Evaluate one visit: identity values and every item's values, as the forms engine does."""
    unknown = [c for c in codes if c.upper() not in catalog.by_code]
    if not codes or unknown:
        raise TrialError(f"未知事项编号：{', '.join(unknown) or '（无）'}",
                         f"unknown procedure code: {', '.join(unknown) or '(none)'}")
    moment = datetime.combine(today, time(2, 0), tzinfo=timezone.utc)
    flow = VisitFlow(catalog, now=lambda: moment, today=today)
    flow.fee_settings = dict(fee_settings or {})
    flow.choose([c.upper() for c in codes])
    identity_ids = {f.id: f for f in catalog.identity.fields}
    placed: set[str] = set()
    for name, raw in values.items():
        if name in identity_ids:
            flow.identity.set(name, _parse_value(identity_ids[name], raw))
            flow.identity.derive(name)
            placed.add(name)
    flow._share_identity()
    for name, raw in values.items():
        for item in flow.items:
            spec = item.procedure.field(name)
            if spec is not None:
                item.form.set(name, _parse_value(spec, raw))
                placed.add(name)
    missing = sorted(set(values) - placed)
    if missing:
        raise TrialError(f"这些事项和申请人页都没有字段：{', '.join(missing)}",
                         f"no such field in these procedures or the identity page: {', '.join(missing)}")
    for item in flow.items:  # materials: what a clerk ticks; the dry run assumes all were brought
        item.materials = {m.code: "received" for m in item.procedure.materials}
    problems = flow.problems()
    items = []
    for item in flow.items:
        context = item.form.context()
        promised = promise(item.procedure, today, context)
        present = presence_rules(item.procedure, context)
        items.append(ItemResult(
            code=item.procedure.code, name=item.procedure.name,
            fee=fee_for(item.procedure, context, flow.fee_settings),
            amounts=amount_lines(item.procedure, context, today),
            promised=promised.day,
            time_limit=limit_text(promised.days, promised.kind),
            must_be_present=bool(present), presence_basis=[r.basis for r in present],
            calendar_warning=promised.warning,
        ))
    return TrialResult(items, [p for p in problems if p.blocking], flow.warnings())


def limit_text(days: int, kind: str, lang: str = "zh_CN") -> str:
    if not days:
        return "当场办结" if lang != "en" else "on the spot"
    if lang == "en":
        return f"{days} {'working ' if kind == 'working' else ''}days"
    return f"{days}个{'工作日' if kind == 'working' else '自然日'}"


# ------------------------------------------------------------------ show


def _text(t: Text) -> dict[str, str]:
    return {"zh_CN": t.zh_CN, "en": t.en}


def condition_data(c: Condition | None) -> dict[str, Any] | None:
    """A condition as the catalogue file writes it."""
    if c is None:
        return None
    out: dict[str, Any] = {}
    for key, value in (("field", c.field), ("in", c.in_), ("not_in", c.not_in), ("equals", c.equals),
                       ("is_set", c.is_set), ("same_as", c.same_as), ("before", c.before), ("after", c.after),
                       ("age_at_least", c.age_at_least), ("age_below", c.age_below), ("age_on", c.age_on)):
        if value is not None:
            out[key] = list(value) if isinstance(value, tuple) else value
    if c.matches is not None:
        out["matches"] = c.matches
    for key, value in (("gte", c.gte), ("gt", c.gt), ("lte", c.lte), ("lt", c.lt), ("at_least", c.at_least),
                       ("at_most", c.at_most)):
        if value is not None:
            out[key] = str(value)
    if c.sum:
        out["sum"] = list(c.sum)
    if c.all:
        out["all"] = [condition_data(s) for s in c.all]
    if c.any:
        out["any"] = [condition_data(s) for s in c.any]
    if c.not_ is not None:
        out["not"] = condition_data(c.not_)
    return out


def _rule(r: Rule, inherited: Text | None = None) -> dict[str, Any]:
    """A rule as data; a rule without its own basis rests on the procedure's (said so)."""
    own = bool(r.basis.zh_CN)
    basis = r.basis if own or inherited is None else inherited
    return {"id": r.id or None, "kind": r.kind, "field": r.field, "severity": r.severity,
            "when": condition_data(r.when), "require": condition_data(r.require),
            "material": r.material, "days": r.days, "other": r.other,
            "message": _text(r.message), "basis": _text(basis), "basis_inherited": not own}


def procedure_data(procedure: Procedure, catalog: Catalog) -> dict[str, Any]:
    """`catalog show CODE --json`: fields, rules with their legal basis, fees, limits, amounts."""
    def field_data(f: FieldSpec, page: str) -> dict[str, Any]:
        return {"id": f.id, "page": page, "type": f.type, "label": _text(f.label), "required": f.required,
                "required_if": condition_data(f.required_if), "visible_if": condition_data(f.visible_if),
                "choices": [{"value": o.value, "label": _text(o.label)} for o in f.options] or None,
                "default": f.default, "help": _text(f.help) if f.help.zh_CN else None}

    limit = procedure.time_limit
    return {
        "code": procedure.code, "category": procedure.category, "name": _text(procedure.name),
        "legal_basis": _text(procedure.legal_basis),
        "identity_fields": [field_data(f, "identity") for f in catalog.identity.fields],
        "fields": [field_data(f, p.id) for p in procedure.pages for f in p.fields],
        "rules": [_rule(r, procedure.legal_basis) for r in procedure.rules],
        "identity_rules": [_rule(r) for r in catalog.identity_rules],
        "fee": {"default": str(procedure.fee.default), "setting": procedure.fee.setting,
                "note": _text(procedure.fee.note),
                "rules": [{"when": condition_data(r.when), "amount": str(r.amount), "setting": r.setting,
                           "note": _text(r.note), "basis": _text(r.basis)} for r in procedure.fee.rules]},
        "amounts": [{"id": a.id, "kind": a.kind, "label": _text(a.label), "field": a.field, "of": a.of,
                     "received": a.received, "grace_days": a.grace_days, "percent_per_day": str(a.percent_per_day),
                     "pause_from": a.pause_from, "pause_to": a.pause_to, "basis": _text(a.basis)}
                    for a in procedure.amounts],
        "time_limit": {"days": limit.days, "kind": limit.kind, "note": _text(limit.note), "basis": _text(limit.basis),
                       "rules": [{"when": condition_data(r.when), "days": r.days, "kind": r.kind, "note": _text(r.note)}
                                 for r in limit.rules]},
        "materials": [{"code": m.code, "name": _text(m.name), "required": m.required,
                       "required_if": condition_data(m.required_if), "form": m.form} for m in procedure.materials],
    }


# ------------------------------------------------------------------ examples

EXAMPLES = {
    "text": "示例", "name": "李四", "number": "1", "amount": "100.00", "id_number": "11010519491231002X",
    "phone": "13812345678", "plate": "京A12345", "vin": "LATPAB071W1005301", "address": "北京市朝阳区建国路1号",
    "licence_file_number": "110100123456", "licence_classes": "C1",
}


def fill_examples(form, today: date) -> None:
    """Fill every visible required field that is still empty with a valid example (the
    application's self-test and the tests: a complete form, not a legal case)."""
    for _ in range(4):  # a filled choice may show further fields
        changed = False
        for page in form.pages:
            for spec in page.fields:
                if not form.required(spec) or form.raw.get(spec.id) not in (None, "", []):
                    continue
                if spec.type in ("choice", "multi_choice"):
                    value = spec.default or spec.options[0].value
                    value = [value] if spec.type == "multi_choice" else value
                elif spec.type == "yes_no":
                    value = False
                elif spec.type == "date":
                    value = today.isoformat()
                elif spec.type in ("number", "amount") and spec.min is not None:
                    value = str(spec.min)
                else:
                    value = EXAMPLES.get(spec.type, "示例")
                form.set(spec.id, value)
                changed = True
        if not changed:
            return
