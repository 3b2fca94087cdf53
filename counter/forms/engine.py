"""The forms engine: values, visibility, validation and the rules of one form. No Qt.

A `Form` holds what the clerk typed for a set of pages (the identity page, or one procedure's
pages) and answers: which fields are visible, which are required, what is wrong and where.
Values a field type normalises (dates, amounts, ID numbers) are kept normalised; hidden fields
are neither required nor part of `cleaned()`.
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from counter.clock import local_day, utcnow
from counter.forms.checks import Check, fail, ok
from counter.forms.spec import (
    Amount,
    Condition,
    Duration,
    FieldSpec,
    Material,
    PageSpec,
    Procedure,
    Rule,
    Text,
)

EMPTY_VALUES = (None, "", [], ())


def holds(condition: Condition | None, values: Mapping[str, Any], today: date | None = None) -> bool:
    """Evaluate a declared condition; a condition on a missing value is simply false."""
    if condition is None:
        return True
    today = today or _today_of(values)
    if condition.all and not all(holds(c, values, today) for c in condition.all):
        return False
    if condition.any and not any(holds(c, values, today) for c in condition.any):
        return False
    if condition.not_ is not None and holds(condition.not_, values, today):
        return False
    if condition.sum:
        return _number_holds(condition, [values.get(name) for name in condition.sum])
    if condition.field is None:
        return True
    value = values.get(condition.field)
    present = value not in EMPTY_VALUES
    if condition.is_set is not None and present != condition.is_set:
        return False
    candidates = value if isinstance(value, list) else [value]
    if condition.in_ is not None and not any(_same(v, w) for v in candidates for w in condition.in_):
        return False
    if condition.not_in is not None and any(_same(v, w) for v in candidates for w in condition.not_in):
        return False
    if condition.equals is not None and not _same(value, condition.equals):
        return False
    if condition.same_as is not None and (not present or value != values.get(condition.same_as)):
        return False
    if (condition.gte, condition.gt, condition.lte, condition.lt) != (None,) * 4 and \
            not _number_holds(condition, [value]):
        return False
    if condition.matches is not None and (not present or re.search(condition.matches, str(value)) is None):
        return False
    if condition.before or condition.after:
        if not _date_holds(condition, value, values, today):
            return False
    if condition.age_at_least is not None or condition.age_below is not None:
        age = age_of(value, _reference(condition.age_on or "today", values, today))
        if age is None:
            return False
        if condition.age_at_least is not None and age < condition.age_at_least:
            return False
        if condition.age_below is not None and age >= condition.age_below:
            return False
    return True


TODAY_KEY = "__today__"  # conditions read "today" from the values when no date is passed


def _today_of(values: Mapping[str, Any]) -> date:
    found = values.get(TODAY_KEY)
    return found if isinstance(found, date) else local_day(utcnow())


def _same(value: Any, wanted: Any) -> bool:
    """A choice stores text: `in = [12]` and `in = ["12"]` mean the same; booleans stay booleans."""
    if isinstance(value, bool) or isinstance(wanted, bool):
        return value is wanted or value == wanted and type(value) is type(wanted)
    return value == wanted or (value is not None and str(value) == str(wanted))


def _number(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except Exception:
        return None


def _number_holds(condition: Condition, values: list[Any]) -> bool:
    numbers = [_number(v) for v in values if v not in EMPTY_VALUES]
    if not numbers or None in numbers:
        return False
    total = sum(numbers, Decimal("0"))
    if condition.gte is not None and total < condition.gte:
        return False
    if condition.gt is not None and total <= condition.gt:
        return False
    if condition.lte is not None and total > condition.lte:
        return False
    if condition.lt is not None and total >= condition.lt:
        return False
    return True


def as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def _reference(ref: str, values: Mapping[str, Any], today: date) -> date | None:
    return today if ref == "today" else as_date(values.get(ref))


def shift(day: date, duration: Duration, sign: int = 1) -> date:
    """`day` moved by a duration; a month end stays inside the month (01-31 + 1m = 02-28)."""
    if duration.unit == "d":
        return day + timedelta(days=sign * duration.count)
    months = sign * duration.count * (12 if duration.unit == "y" else 1)
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def _date_holds(condition: Condition, value: Any, values: Mapping[str, Any], today: date) -> bool:
    """`at_least`/`at_most` a duration `before`/`after` a reference date (today or a field).

    at_least N after R: value >= R + N;  at_most N after R: value <= R + N;
    at_least N before R: value <= R - N; at_most N before R: value >= R - N;
    without a duration, plain `before`/`after` mean strictly before/after R.
    """
    day = as_date(value)
    ref = _reference(condition.before or condition.after, values, today)
    if day is None or ref is None:
        return False
    after = condition.after is not None
    zero = Duration(0, "d")
    if condition.at_least is None and condition.at_most is None:
        return day > ref if after else day < ref
    sign = 1 if after else -1
    if condition.at_least is not None:
        bound = shift(ref, condition.at_least or zero, sign)
        if (after and day < bound) or (not after and day > bound):
            return False
    if condition.at_most is not None:
        bound = shift(ref, condition.at_most, sign)
        if (after and day > bound) or (not after and day < bound):
            return False
    return True


def birth_date_of(value: Any) -> date | None:
    """A birth date, given one or an ID number (whose digits 7–14 are the birth date)."""
    day = as_date(value)
    if day is not None:
        return day
    if isinstance(value, str) and len(value) == 18:
        from counter.forms.validators import birth_date_from_id

        return birth_date_from_id(value)
    return None


def age_of(value: Any, on: date | None) -> int | None:
    """Completed years (周岁) on a day, from a birth date or an ID number."""
    born = birth_date_of(value)
    if born is None or on is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def id_card_validity(birth: Any, on: date) -> Duration | None:
    """How long a resident ID card issued on `on` is valid (居民身份证法 art 5): under 16 → 5
    years, 16–25 → 10, 26–45 → 20, 46 and over → long-term (None)."""
    age = age_of(birth, on)
    if age is None:
        raise ValueError("no birth date")
    if age < 16:
        return Duration(5, "y")
    if age <= 25:
        return Duration(10, "y")
    if age <= 45:
        return Duration(20, "y")
    return None


def id_card_valid_until(birth: Any, issued: date) -> date | None:
    """The expiry printed on a card issued on `issued`; None = 长期 (long-term)."""
    validity = id_card_validity(birth, issued)
    return None if validity is None else shift(issued, validity)


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


def fee_for(procedure: Procedure, values: Mapping[str, Any],
            settings: Mapping[str, Any] | None = None) -> Decimal:
    """The fee (工本费) for these values. Fines are not fees: see `amount_lines`.

    `settings` are the station's fee settings (name → amount): a rule or default that names a
    `setting` charges the station's amount, or the catalogue's when the station set none."""
    fee, settings = procedure.fee, settings or {}
    if fee.from_field:
        return Decimal(str(values.get(fee.from_field) or "0")).quantize(Decimal("0.01"))
    today = _today_of(values)
    rule = next((r for r in fee.rules if holds(r.when, values, today)), None)
    if rule is not None:
        amount = _setting(settings, rule.setting, rule.amount)
    else:
        amount = _setting(settings, fee.setting, fee.default)
    if fee.per:
        amount *= Decimal(str(values.get(fee.per) or 1))
    return amount.quantize(Decimal("0.01"))


def _setting(settings: Mapping[str, Any], name: str | None, default: Decimal) -> Decimal:
    if not name or settings.get(name) in (None, ""):
        return default
    try:
        return Decimal(str(settings[name]))
    except Exception:
        return default  # a mistyped station setting: the catalogue's amount, never a crash


NOT_A_FEE = Text("罚没款项不计入收费合计，通过银行或电子支付缴纳",
                 "Fines are not fees: paid through the bank or e-payment")


@dataclass(frozen=True)
class AmountLine:
    """One line of money that is not a fee: the fine, its late surcharge."""

    id: str
    kind: str  # fine | late_surcharge
    label: Text
    amount: Decimal
    detail: Text = Text("", "")
    basis: Text = Text("", "")


def amount_row(line: AmountLine) -> dict[str, str]:
    """An amount line as stored on the item (JSON)."""
    return {"id": line.id, "kind": line.kind, "label": line.label.zh_CN, "label_en": line.label.en,
            "amount": str(line.amount), "detail": line.detail.zh_CN, "detail_en": line.detail.en}


def amount_lines(procedure: Procedure, values: Mapping[str, Any], today: date | None = None) -> list[AmountLine]:
    """The fine and its computed late surcharge (行政处罚法 arts 72–73), never typed."""
    today = today or _today_of(values)
    lines: dict[str, AmountLine] = {}
    for spec in procedure.amounts:
        if spec.kind == "fine":
            amount = _number(values.get(spec.field)) if spec.field else None
            if amount is not None:
                lines[spec.id] = AmountLine(spec.id, spec.kind, spec.label, amount.quantize(Decimal("0.01")),
                                            basis=spec.basis)
        elif spec.kind == "late_surcharge" and spec.of in lines:
            line = late_surcharge(spec, lines[spec.of].amount, values, today)
            if line is not None:
                lines[spec.id] = line
    return list(lines.values())


def late_days(received: date, today: date, grace_days: int = 15,
              paused: tuple[date, date] | None = None) -> int:
    """Days late on `today`: the fine is due on day `grace_days` after `received` (the day
    received does not count); each day after that counts, except days inside `paused`."""
    due = received + timedelta(days=grace_days)
    if today <= due:
        return 0
    days = (today - due).days
    if paused is not None:
        start, end = max(paused[0], due + timedelta(days=1)), min(paused[1], today)
        if end >= start:
            days -= (end - start).days + 1
    return max(days, 0)


def late_surcharge(spec: Amount, fine: Decimal, values: Mapping[str, Any], today: date) -> AmountLine | None:
    received = as_date(values.get(spec.received))
    if received is None:
        return None
    paused = None
    pause_from = as_date(values.get(spec.pause_from)) if spec.pause_from else None
    if pause_from is not None:
        paused = (pause_from, as_date(values.get(spec.pause_to)) or today)
    days = late_days(received, today, spec.grace_days, paused)
    if days <= 0:
        return None
    raw = fine * spec.percent_per_day / 100 * days
    amount = min(raw, fine).quantize(Decimal("0.01"))
    capped = raw >= fine
    detail = Text(f"逾期{days}日×{spec.percent_per_day}%" + ("，以罚款数额为限" if capped else ""),
                  f"{days} days late × {spec.percent_per_day}%" + (", capped at the fine" if capped else ""))
    return AmountLine(spec.id, spec.kind, spec.label, amount, detail, spec.basis)


@dataclass(frozen=True)
class Promise:
    """The promised date of an item, the limit it follows, and a warning when the holiday
    calendar of a year on the way was unknown."""

    day: date
    days: int
    kind: str
    note: Text
    warning: Text | None = None


def time_limit_for(procedure: Procedure, values: Mapping[str, Any]):
    """The time limit for these values: the first `time_limit.rules` entry that holds, else the default."""
    limit = procedure.time_limit
    today = _today_of(values)
    for rule in limit.rules:
        if holds(rule.when, values, today):
            return rule.days, rule.kind, rule.note if rule.note.zh_CN else limit.note
    return limit.days, limit.kind, limit.note


def promise(procedure: Procedure, accepted: date, values: Mapping[str, Any] | None = None,
            calendar=None) -> Promise:
    """Working days follow the official holiday and make-up-workday calendar (counter.workdays)."""
    from counter.workdays import default_calendar

    days, kind, note = time_limit_for(procedure, values or {TODAY_KEY: accepted})
    calendar = calendar or default_calendar()
    if kind == "working":
        counted = calendar.add_working_days(accepted, days)
    else:
        counted = calendar.add_calendar_days(accepted, days)
    return Promise(counted.day, days, kind, note, counted.warning())


def promised_date(procedure: Procedure, accepted: date, values: Mapping[str, Any] | None = None) -> date:
    return promise(procedure, accepted, values).day


def presence_rules(procedure: Procedure, values: Mapping[str, Any]) -> list[Rule]:
    """The in-person rules that apply to these values: the applicant must come (no proxy)."""
    today = _today_of(values)
    return [r for r in procedure.rules if r.kind == "in_person" and holds(r.when, values, today)]


def materials_needed(procedure: Procedure, values: Mapping[str, Any]) -> list[tuple[Material, bool]]:
    """Every material with whether it is required for these values."""
    return [(m, m.required or (m.required_if is not None and holds(m.required_if, values)))
            for m in procedure.materials]


PROXY_FIELDS = frozenset({"proxy"})  # 他人代办: the identity page's proxy box


def _mentions(condition: Condition | None, fields: frozenset[str]) -> bool:
    if condition is None:
        return False
    return (condition.field in fields or any(_mentions(c, fields) for c in (*condition.all, *condition.any))
            or _mentions(condition.not_, fields))


def materials_shown(procedure: Procedure, values: Mapping[str, Any]) -> list[tuple[Material, bool]]:
    """The materials the clerk checks: a proxy's material (a letter of authorisation) only when a
    proxy came (他人代办) — otherwise "all received" would tick it and the receipt certify it."""
    return [(m, needed) for m, needed in materials_needed(procedure, values)
            if needed or not _mentions(m.required_if, PROXY_FIELDS)]


def missing_required(procedure: Procedure, values: Mapping[str, Any], received: Mapping[str, str]) -> list[Material]:
    return [m for m, needed in materials_needed(procedure, values)
            if needed and received.get(m.code) != "received"]
