"""The forms engine: values, visibility, validation and the rules of one form. No Qt.

A `Form` holds what the clerk typed for a set of pages (the identity page, or one procedure's
pages) and answers: which fields are visible, which are required, what is wrong and where.
Values a field type normalises (dates, amounts, ID numbers) are kept normalised; hidden fields
are neither required nor part of `cleaned()`.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from counter.clock import local_day, utcnow
from counter.forms.checks import Check, fail, ok
from counter.forms.spec import Condition, FieldSpec, Material, PageSpec, Procedure, Rule, Text

EMPTY_VALUES = (None, "", [], ())


def holds(condition: Condition | None, values: Mapping[str, Any]) -> bool:
    """Evaluate a declared condition; a condition on a missing value is simply false."""
    if condition is None:
        return True
    if condition.all and not all(holds(c, values) for c in condition.all):
        return False
    if condition.any and not any(holds(c, values) for c in condition.any):
        return False
    if condition.field is None:
        return True
    value = values.get(condition.field)
    present = value not in EMPTY_VALUES
    if condition.is_set is not None and present != condition.is_set:
        return False
    candidates = value if isinstance(value, list) else [value]
    if condition.in_ is not None and not any(v in condition.in_ for v in candidates):
        return False
    if condition.not_in is not None and any(v in condition.not_in for v in candidates):
        return False
    if condition.equals is not None and value != condition.equals:
        return False
    return True


def check_value(spec: FieldSpec, raw: Any, today: date) -> Check:
    """Check one field's raw value by its type; never raises."""
    try:
        return _check_value(spec, raw, today)
    except Exception:  # a validator bug must not reach the clerk as a traceback
        return fail("无法识别的输入", "Input not understood")


def _check_value(spec: FieldSpec, raw: Any, today: date) -> Check:
    from counter.forms import validators

    if spec.type == "yes_no":
        return ok(bool(raw))
    if spec.type == "choice":
        allowed = {o.value for o in spec.options}
        return ok(raw) if raw in allowed else fail("请从列表中选择", "Choose from the list")
    if spec.type == "multi_choice":
        chosen = list(raw or [])
        allowed = {o.value for o in spec.options}
        return ok(chosen) if set(chosen) <= allowed else fail("请从列表中选择", "Choose from the list")
    text = str(raw)
    if spec.type == "date":
        return validators.check_date(text, not_future=spec.not_future, not_past=spec.not_past, today=today)
    if spec.type == "amount":
        return validators.check_amount(text, min=spec.min, max=spec.max)
    if spec.type == "number":
        return validators.check_number(text, min=spec.min, max=spec.max)
    if spec.type == "text":
        result = validators.check_text(text, max_length=spec.max_length)
    else:
        result = validators.VALIDATORS.get(spec.type, validators.check_text)(text)
    if result.ok and spec.pattern:
        import re

        if not re.fullmatch(spec.pattern, str(result.value)):
            return Check(error=spec.pattern_message if spec.pattern_message.zh_CN else
                         Text("格式不正确", "Wrong format"))
    return result


class Form:
    """The values of some pages, and what is wrong with them."""

    def __init__(self, pages: tuple[PageSpec, ...], *, shared: Mapping[str, Any] | None = None,
                 rules: tuple[Rule, ...] = (), today: date | None = None):
        self.pages = pages
        self.rules = rules
        self.shared = shared if shared is not None else {}
        self.today = today or local_day(utcnow())
        self.raw: dict[str, Any] = {}
        self.values: dict[str, Any] = {}
        self._fields = {f.id: f for page in pages for f in page.fields}
        for spec in self._fields.values():
            if spec.default is not None:
                self.set(spec.id, spec.default)

    # -- values
    def field(self, field_id: str) -> FieldSpec:
        return self._fields[field_id]

    def set(self, field_id: str, raw: Any) -> Check:
        spec = self._fields[field_id]
        self.raw[field_id] = raw
        if raw in EMPTY_VALUES:
            self.values.pop(field_id, None)
            return ok(None)
        result = check_value(spec, raw, self.today)
        if result.ok:
            self.values[field_id] = result.value
        else:
            self.values.pop(field_id, None)
        return result

    def derive(self, field_id: str) -> list[str]:
        """Fill what a complete ID number tells (sex, birth date) into empty fields; returns their ids."""
        spec = self._fields.get(field_id)
        value = self.values.get(field_id)
        if spec is None or spec.type != "id_number" or not value:
            return []
        from counter.forms.validators import birth_date_from_id, sex_from_id

        derived = {"sex": sex_from_id(value), "birth_date": birth_date_from_id(value)}
        if field_id != "id_number":  # a second person's ID (proxy, parent): their own fields only
            return []
        filled = []
        for target, found in derived.items():
            if target in self._fields and found and self.raw.get(target) in EMPTY_VALUES:
                self.set(target, found.isoformat() if isinstance(found, date) else found)
                filled.append(target)
        return filled

    def prefill(self) -> None:
        """Start empty fields from the identity values they name (`prefill_from`)."""
        for spec in self._fields.values():
            source = spec.prefill_from
            if source and self.raw.get(spec.id) in EMPTY_VALUES and self.shared.get(source) not in EMPTY_VALUES:
                self.set(spec.id, self.shared[source])

    def context(self) -> dict[str, Any]:
        """What conditions see: the shared identity values, then this form's own."""
        return {**self.shared, **self.values}

    # -- visibility and requirement
    def visible(self, spec: FieldSpec) -> bool:
        return holds(spec.visible_if, self.context())

    def required(self, spec: FieldSpec) -> bool:
        if not self.visible(spec):
            return False
        return spec.required or (spec.required_if is not None and holds(spec.required_if, self.context()))

    def visible_fields(self, page: PageSpec) -> list[FieldSpec]:
        return [f for f in page.fields if self.visible(f)]

    # -- validation
    def field_error(self, spec: FieldSpec) -> Text | None:
        if not self.visible(spec):
            return None
        raw = self.raw.get(spec.id)
        if raw in EMPTY_VALUES or (spec.type == "yes_no" and raw is None):
            return Text("此项必填", "Required") if self.required(spec) else None
        return check_value(spec, raw, self.today).error

    def field_warning(self, spec: FieldSpec) -> Text | None:
        raw = self.raw.get(spec.id)
        if not self.visible(spec) or raw in EMPTY_VALUES:
            return None
        return check_value(spec, raw, self.today).warning

    def page_errors(self, page: PageSpec) -> dict[str, Text]:
        errors = {f.id: e for f in page.fields if (e := self.field_error(f)) is not None}
        ids = {f.id for f in page.fields}
        for rule in self.rules:
            if rule.field in ids and rule.field not in errors:
                message = self.rule_error(rule)
                if message is not None:
                    errors[rule.field] = message
        return errors

    def errors(self) -> dict[str, Text]:
        found: dict[str, Text] = {}
        for page in self.pages:
            found.update(self.page_errors(page))
        return found

    def rule_error(self, rule: Rule) -> Text | None:
        values = self.context()
        if not holds(rule.when, values) or rule.kind == "requires_material":
            return None
        if rule.kind == "within_days_before":
            return _within_days_before(rule, values.get(rule.field), self.today)
        if rule.kind == "date_order":
            first, second = values.get(rule.field), values.get(rule.other)
            if first and second and str(first) > str(second):
                return rule.message
        if rule.kind == "same_sex_as_id":
            from counter.forms.validators import check_sex_matches_id

            result = check_sex_matches_id(values.get("id_number", ""), values.get(rule.field, ""))
            return result.error
        return None

    def cleaned(self) -> dict[str, Any]:
        """The stored values: visible fields only, normalised, JSON-ready."""
        out = {}
        for spec in self._fields.values():
            if self.visible(spec) and spec.id in self.values:
                value = self.values[spec.id]
                out[spec.id] = str(value) if isinstance(value, (Decimal, date)) else value
        return out


def _within_days_before(rule: Rule, value: Any, today: date) -> Text | None:
    if not value:
        return None
    target = date.fromisoformat(str(value))
    earliest = target - timedelta(days=rule.days or 0)
    if today < earliest:
        return Text(f"{rule.message.zh_CN}；最早可于 {earliest:%Y-%m-%d} 申请",
                    f"{rule.message.en}; the earliest date is {earliest:%Y-%m-%d}")
    return None


# ------------------------------------------------------------- procedures


def procedure_form(procedure: Procedure, shared: Mapping[str, Any], today: date) -> Form:
    form = Form(procedure.pages, shared=shared, rules=procedure.rules, today=today)
    form.prefill()
    return form


def fee_for(procedure: Procedure, values: Mapping[str, Any]) -> Decimal:
    fee = procedure.fee
    if fee.from_field:
        return Decimal(str(values.get(fee.from_field) or "0")).quantize(Decimal("0.01"))
    amount = next((r.amount for r in fee.rules if holds(r.when, values)), fee.default)
    if fee.per:
        amount *= Decimal(str(values.get(fee.per) or 1))
    return amount.quantize(Decimal("0.01"))


def promised_date(procedure: Procedure, accepted: date) -> date:
    """The date the citizen is promised; working days skip weekends (not public holidays)."""
    days = procedure.time_limit.days
    if procedure.time_limit.kind != "working":
        return accepted + timedelta(days=days)
    current = accepted
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def materials_needed(procedure: Procedure, values: Mapping[str, Any]) -> list[tuple[Material, bool]]:
    """Every material with whether it is required for these values."""
    return [(m, m.required or (m.required_if is not None and holds(m.required_if, values)))
            for m in procedure.materials]


def missing_required(procedure: Procedure, values: Mapping[str, Any], received: Mapping[str, str]) -> list[Material]:
    return [m for m, needed in materials_needed(procedure, values)
            if needed and received.get(m.code) != "received"]
