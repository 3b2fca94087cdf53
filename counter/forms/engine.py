"""The forms engine: values, visibility, validation and the rules of one form. No Qt.

A `Form` holds what the clerk typed for a set of pages (the identity page, or one procedure's
pages) and answers: which fields are visible, which are required, what is wrong and where.
Values a field type normalises (dates, amounts, ID numbers) are kept normalised; hidden fields
are neither required nor part of `cleaned()`.

When a condition holds is `conditions.py`; what a procedure costs, promises and asks for is
`terms.py`; both are re-exported here, the forms' one public face.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from counter.clock import local_day, utcnow
from counter.forms.checks import Check, fail, ok
from counter.forms.conditions import (
    EMPTY_VALUES,
    TODAY_KEY,
    age_of,
    as_date,
    as_number,
    birth_date_of,
    holds,
    id_card_valid_until,
    id_card_validity,
    shift,
    today_of,
)
from counter.forms.spec import (
    FieldSpec,
    PageSpec,
    Procedure,
    Rule,
    Text,
)
from counter.forms.terms import (
    NOT_A_FEE,
    PROXY_FIELDS,
    AmountLine,
    Promise,
    amount_lines,
    amount_row,
    fee_for,
    late_days,
    late_surcharge,
    materials_needed,
    materials_shown,
    missing_required,
    presence_rules,
    promise,
    promised_date,
    time_limit_for,
)


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
        return {**self.shared, **self.values, TODAY_KEY: self.today}

    # -- visibility and requirement
    def visible(self, spec: FieldSpec) -> bool:
        return holds(spec.visible_if, self.context(), self.today)

    def required(self, spec: FieldSpec) -> bool:
        if not self.visible(spec):
            return False
        return spec.required or (spec.required_if is not None and holds(spec.required_if, self.context(), self.today))

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
        if not self.visible(spec):
            return None
        raw = self.raw.get(spec.id)
        if raw not in EMPTY_VALUES:
            warning = check_value(spec, raw, self.today).warning
            if warning is not None:
                return warning
        return next((m for rule, m in self.rule_messages() if not rule.blocking and rule_field(rule) == spec.id), None)

    def page_errors(self, page: PageSpec) -> dict[str, Text]:
        errors = {f.id: e for f in page.fields if (e := self.field_error(f)) is not None}
        ids = {f.id for f in page.fields if self.visible(f)}
        for rule, message in self.rule_messages():
            where = rule_field(rule)
            if rule.blocking and where in ids and where not in errors:
                errors[where] = message
        return errors

    def errors(self) -> dict[str, Text]:
        found: dict[str, Text] = {}
        for page in self.pages:
            found.update(self.page_errors(page))
        return found

    def rule_messages(self) -> list[tuple[Rule, Text]]:
        """Every rule that fires on these values, with its message (errors and warnings)."""
        found = []
        for rule in self.rules:
            message = self.rule_error(rule)
            if message is not None:
                found.append((rule, message))
        return found

    def rule_error(self, rule: Rule) -> Text | None:
        values = self.context()
        if not holds(rule.when, values, self.today) or rule.kind == "requires_material":
            return None
        if rule.kind == "check":
            return rule.message if rule.require is None or not holds(rule.require, values, self.today) else None
        if rule.kind == "in_person":
            return rule.message if values.get("proxy") is True else None
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


def rule_field(rule: Rule) -> str | None:
    """Where a rule's message is shown: its field; an in-person rule at the proxy box."""
    return rule.field or ("proxy" if rule.kind == "in_person" else None)


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


__all__ = [
    "AmountLine",
    "EMPTY_VALUES",
    "Form",
    "NOT_A_FEE",
    "PROXY_FIELDS",
    "Promise",
    "TODAY_KEY",
    "age_of",
    "amount_lines",
    "amount_row",
    "as_date",
    "birth_date_of",
    "check_value",
    "fee_for",
    "holds",
    "id_card_valid_until",
    "id_card_validity",
    "late_days",
    "late_surcharge",
    "materials_needed",
    "materials_shown",
    "missing_required",
    "as_number",
    "presence_rules",
    "procedure_form",
    "promise",
    "promised_date",
    "rule_field",
    "shift",
    "time_limit_for",
    "today_of",
]
