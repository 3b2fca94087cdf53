"""What a procedure costs, promises and asks for, from its values: fees and amounts (fines and
late surcharges apart), the promised date, presence rules and the materials needed. No Qt."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from counter.forms.conditions import (
    TODAY_KEY,
    as_date,
    as_number,
    holds,
    today_of,
)
from counter.forms.spec import (
    Amount,
    Condition,
    Material,
    Procedure,
    Rule,
    Text,
)


def fee_for(procedure: Procedure, values: Mapping[str, Any],
            settings: Mapping[str, Any] | None = None) -> Decimal:
    """The fee (工本费) for these values. Fines are not fees: see `amount_lines`.

    `settings` are the station's fee settings (name → amount): a rule or default that names a
    `setting` charges the station's amount, or the catalogue's when the station set none."""
    fee, settings = procedure.fee, settings or {}
    if fee.from_field:
        return Decimal(str(values.get(fee.from_field) or "0")).quantize(Decimal("0.01"))
    today = today_of(values)
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
    today = today or today_of(values)
    lines: dict[str, AmountLine] = {}
    for spec in procedure.amounts:
        if spec.kind == "fine":
            amount = as_number(values.get(spec.field)) if spec.field else None
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
    received = as_date(values.get(spec.received)) if spec.received else None
    if received is None:
        return None
    paused = None
    pause_from = as_date(values.get(spec.pause_from)) if spec.pause_from else None
    if pause_from is not None:
        paused = (pause_from, (as_date(values.get(spec.pause_to)) if spec.pause_to else None) or today)
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
    today = today_of(values)
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
    today = today_of(values)
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
