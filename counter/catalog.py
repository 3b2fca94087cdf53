"""The procedure catalogue: one TOML file per procedure in resources/procedures/.

`load_catalog` builds the spec objects; `check_catalog` lints the files and returns one
`Problem` per mistake (file and field named) instead of raising, so `catalog check` can list
them all at once.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from counter.forms.spec import (
    FIELD_TYPES,
    Amount,
    Catalog,
    Condition,
    Duration,
    Fee,
    FeeRule,
    FieldSpec,
    LimitRule,
    Material,
    Option,
    PageSpec,
    Procedure,
    Rule,
    Text,
    TimeLimit,
)
from counter.paths import resources_dir

IDENTITY_FILE = "_identity.toml"
RULE_KINDS = ("check", "in_person", "within_days_before", "requires_material", "date_order", "same_sex_as_id")
AMOUNT_KINDS = ("fine", "late_surcharge")
DATE_TYPES = ("date",)
NUMBER_TYPES = ("number", "amount", "choice")
CATEGORIES = ("hz", "jg")


class CatalogError(Exception):
    pass


@dataclass(frozen=True)
class Problem:
    file: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message}"


def procedures_dir() -> Path:
    return resources_dir() / "procedures"


def load_catalog(folder: Path | None = None) -> Catalog:
    folder = folder or procedures_dir()
    problems = check_catalog(folder)
    if problems:
        raise CatalogError("\n".join(str(p) for p in problems))
    return _build(folder)


def _build(folder: Path) -> Catalog:
    identity_raw = _read(folder / IDENTITY_FILE)
    identity = _page(identity_raw["page"])
    procedures = tuple(
        _procedure(_read(path), path.name) for path in sorted(folder.glob("*.toml"), key=_natural)
        if path.name != IDENTITY_FILE
    )
    return Catalog(identity=identity, procedures=procedures,
                   division_codes_date=str(identity_raw.get("division_codes_date", "")),
                   identity_rules=_rules(identity_raw))


def _natural(path: Path) -> list:
    """JG-C2 before JG-C10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path.stem)]


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _condition(raw: dict[str, Any] | None) -> Condition | None:
    if raw is None:
        return None
    return Condition(
        field=raw.get("field"),
        in_=tuple(raw["in"]) if "in" in raw else None,
        not_in=tuple(raw["not_in"]) if "not_in" in raw else None,
        equals=raw.get("equals"),
        is_set=raw.get("is_set"),
        same_as=raw.get("same_as"),
        sum=tuple(raw.get("sum", ())),
        gte=_decimal(raw.get("gte")),
        lt=_decimal(raw.get("lt")),
        gt=_decimal(raw.get("gt")),
        lte=_decimal(raw.get("lte")),
        matches=raw.get("matches"),
        at_least=Duration.parse(raw["at_least"]) if "at_least" in raw else None,
        at_most=Duration.parse(raw["at_most"]) if "at_most" in raw else None,
        before=raw.get("before"),
        after=raw.get("after"),
        age_at_least=raw.get("age_at_least"),
        age_below=raw.get("age_below"),
        age_on=raw.get("age_on"),
        all=tuple(_condition(c) for c in raw.get("all", ())),
        any=tuple(_condition(c) for c in raw.get("any", ())),
        not_=_condition(raw.get("not")),
    )


def _decimal(raw: Any) -> Decimal | None:
    return None if raw is None else Decimal(str(raw))


def _field(raw: dict[str, Any]) -> FieldSpec:
    return FieldSpec(
        id=raw["id"],
        type=raw.get("type", "text"),
        label=Text.of(raw.get("label")),
        required=bool(raw.get("required", False)),
        help=Text.of(raw.get("help", "")),
        placeholder=Text.of(raw.get("placeholder", "")),
        options=tuple(Option(str(o["value"]), Text.of(o.get("label"))) for o in raw.get("options", ())),
        visible_if=_condition(raw.get("visible_if")),
        required_if=_condition(raw.get("required_if")),
        pattern=raw.get("pattern"),
        pattern_message=Text.of(raw.get("pattern_message", "")),
        min=_decimal(raw.get("min")),
        max=_decimal(raw.get("max")),
        max_length=raw.get("max_length"),
        not_future=bool(raw.get("not_future", False)),
        not_past=bool(raw.get("not_past", False)),
        default=raw.get("default"),
        prefill_from=raw.get("prefill_from"),
        remember=bool(raw.get("remember", True)),
    )


def _page(raw: dict[str, Any]) -> PageSpec:
    return PageSpec(
        id=raw["id"],
        title=Text.of(raw.get("title")),
        fields=tuple(_field(f) for f in raw.get("fields", ())),
        help=Text.of(raw.get("help", "")),
    )


def _rules(raw: dict[str, Any]) -> tuple[Rule, ...]:
    return tuple(
        Rule(kind=r.get("kind", "check"), field=r.get("field"), other=r.get("other"), days=r.get("days"),
             material=r.get("material"), when=_condition(r.get("when")), message=Text.of(r.get("message", "")),
             require=_condition(r.get("require")), severity=r.get("severity", "error"),
             basis=Text.of(r.get("basis", "")), id=str(r.get("id", "")))
        for r in raw.get("rules", ())
    )


def _amounts(raw: dict[str, Any]) -> tuple[Amount, ...]:
    return tuple(
        Amount(id=a["id"], kind=a["kind"], label=Text.of(a.get("label")), field=a.get("field"), of=a.get("of"),
               received=a.get("received"), grace_days=int(a.get("grace_days", 15)),
               percent_per_day=Decimal(str(a.get("percent_per_day", "3"))),
               pause_from=a.get("pause_from"), pause_to=a.get("pause_to"), basis=Text.of(a.get("basis", "")))
        for a in raw.get("amounts", ())
    )


def _procedure(raw: dict[str, Any], filename: str) -> Procedure:
    fee_raw = raw.get("fee", {})
    limit_raw = raw.get("time_limit", {})
    return Procedure(
        code=raw["code"],
        category=raw["category"],
        group=Text.of(raw.get("group", "")),
        name=Text.of(raw["name"]),
        legal_basis=Text.of(raw.get("legal_basis", "")),
        guide=Text.of(raw.get("guide", "")),
        fee=Fee(
            default=Decimal(str(fee_raw.get("default", "0"))),
            rules=tuple(
                FeeRule(_condition(r["when"]), Decimal(str(r["amount"])), Text.of(r.get("note", "")),
                        setting=r.get("setting"), basis=Text.of(r.get("basis", "")))
                for r in fee_raw.get("rules", ())
            ),
            per=fee_raw.get("per"),
            from_field=fee_raw.get("from_field"),
            note=Text.of(fee_raw.get("note", "")),
            setting=fee_raw.get("setting"),
        ),
        time_limit=TimeLimit(
            days=int(limit_raw.get("days", 0)),
            kind=limit_raw.get("kind", "calendar"),
            note=Text.of(limit_raw.get("note", "")),
            rules=tuple(LimitRule(_condition(r["when"]), int(r.get("days", 0)),
                                  r.get("kind", limit_raw.get("kind", "calendar")),
                                  Text.of(r.get("note", ""))) for r in limit_raw.get("rules", ())),
            basis=Text.of(limit_raw.get("basis", "")),
            statutory_days=int(limit_raw["statutory_days"]) if "statutory_days" in limit_raw else None,
            statutory_kind=limit_raw.get("statutory_kind", ""),
        ),
        materials=tuple(
            Material(
                code=m["code"],
                name=Text.of(m["name"]),
                required=bool(m.get("required", True)),
                form=m.get("form", "original"),
                required_if=_condition(m.get("required_if")),
                note=Text.of(m.get("note", "")),
            )
            for m in raw.get("materials", ())
        ),
        pages=tuple(_page(p) for p in raw.get("pages", ())),
        rules=_rules(raw),
        amounts=_amounts(raw),
        typical_minutes=int(raw.get("typical_minutes", 10)),
        standard_minutes=int(raw["standard_minutes"]) if "standard_minutes" in raw else None,
        keywords=tuple(raw.get("keywords", ())),
        where=Text.of(raw.get("where", "")),
        source=filename,
        id_card=bool(raw.get("id_card", False)),
        hands_out=tuple(str(c) for c in raw.get("hands_out", ()) if isinstance(raw.get("hands_out"), list)),
        decided_by=str(raw.get("decided_by", "station")),
    )


# ---------------------------------------------------------------- lint


CONDITION_KEYS = {"field", "in", "not_in", "equals", "is_set", "same_as", "sum", "gte", "gt", "lte", "lt", "matches",
                  "at_least",
                  "at_most", "before", "after", "age_at_least", "age_below", "age_on", "all", "any", "not"}


def _is_date_text(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


class _Linter:
    def __init__(self, filename: str):
        self.filename = filename
        self.problems: list[Problem] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.filename, where, message))

    def text(self, raw: Any, where: str, required: bool = True) -> None:
        if raw is None or raw == "":
            if required:
                self.add(where, "missing text (needs zh_CN and en)")
            return
        if not isinstance(raw, dict):
            self.add(where, "text must be a table with zh_CN and en")
            return
        for lang in ("zh_CN", "en"):
            if not str(raw.get(lang, "")).strip():
                self.add(where, f"no {lang} text")

    def condition(self, raw: Any, where: str, field_ids: set[str] | dict[str, dict]) -> None:
        if raw is None:
            return
        if not isinstance(raw, dict):
            self.add(where, "condition must be a table")
            return
        known = field_ids if isinstance(field_ids, dict) else {f: {} for f in field_ids}
        for sub in (*raw.get("all", ()), *raw.get("any", ())):
            self.condition(sub, where, field_ids)
        if raw.get("not") is not None:
            self.condition(raw["not"], where, field_ids)
        unknown_keys = set(raw) - CONDITION_KEYS
        if unknown_keys:
            self.add(where, f"unknown condition test(s): {', '.join(sorted(unknown_keys))}")
        name = raw.get("field")
        if name is None and not (raw.get("all") or raw.get("any") or raw.get("not") or raw.get("sum")):
            self.add(where, "condition names no field")
        elif name is not None and name not in known:
            self.add(where, f"condition names unknown field '{name}'")
            return
        spec = known.get(name, {}) if name else {}
        kind = spec.get("type", "text") if name else None
        for ref_key in ("same_as", "before", "after", "age_on"):
            ref = raw.get(ref_key)
            if ref is not None and ref != "today" and ref not in known:
                self.add(where, f"{ref_key} names unknown field '{ref}'")
            elif ref not in (None, "today") and ref_key != "same_as" and known[ref].get("type") and \
                    known[ref].get("type") not in DATE_TYPES:
                self.add(where, f"{ref_key} compares with '{ref}', which is not a date field")
        for name_in_sum in raw.get("sum", ()):
            if name_in_sum not in known:
                self.add(where, f"sum names unknown field '{name_in_sum}'")
            elif known[name_in_sum].get("type") and known[name_in_sum]["type"] not in NUMBER_TYPES:
                self.add(where, f"sum adds '{name_in_sum}', which is not a number")
        dated = any(k in raw for k in ("before", "after", "at_least", "at_most"))
        if dated:
            if not (raw.get("before") or raw.get("after")):
                self.add(where, "at_least/at_most need before or after (\"today\" or a date field)")
            if raw.get("before") and raw.get("after"):
                self.add(where, "give before or after, not both")
            for key in ("at_least", "at_most"):
                if key in raw:
                    try:
                        Duration.parse(raw[key])
                    except ValueError as exc:
                        self.add(where, str(exc))
            if kind and kind not in DATE_TYPES:
                self.add(where, f"compares '{name}' ({kind}) with a date: only a date field can be")
        if "matches" in raw:
            try:
                re.compile(str(raw["matches"]))
            except re.error as exc:
                self.add(where, f"matches: bad regular expression: {exc}")
        for key in ("gte", "gt", "lte", "lt"):
            if key in raw:
                if isinstance(raw[key], str) and _is_date_text(raw[key]) or kind in DATE_TYPES:
                    self.add(where, f"{key} compares a date with a number")
                else:
                    try:
                        Decimal(str(raw[key]))
                    except (InvalidOperation, ValueError):
                        self.add(where, f"{key}: '{raw[key]}' is not a number")
                if kind and kind not in NUMBER_TYPES and kind not in DATE_TYPES:
                    self.add(where, f"{key} on '{name}' ({kind}), which is not a number")
        for key in ("age_at_least", "age_below"):
            if key in raw:
                if not isinstance(raw[key], int) or isinstance(raw[key], bool):
                    self.add(where, f"{key} must be a whole number of years")
                if kind and kind not in (*DATE_TYPES, "id_number"):
                    self.add(where, f"an age needs a birth date or an ID number, not '{name}' ({kind})")
        options = spec.get("options")
        if options and kind in ("choice", "multi_choice"):
            allowed = {str(o.get("value")) for o in options}
            for key in ("in", "not_in"):
                for value in raw.get(key, ()):
                    if str(value) not in allowed:
                        self.add(where, f"'{value}' is not an option of '{name}'")
            if "equals" in raw and str(raw["equals"]) not in allowed:
                self.add(where, f"'{raw['equals']}' is not an option of '{name}'")

    def fields(self, fields: list[dict[str, Any]], prefix: str, field_ids: set[str]) -> None:
        for f in fields:
            fid = f.get("id", "?")
            where = f"{prefix}.{fid}"
            if f.get("type", "text") not in FIELD_TYPES:
                self.add(where, f"unknown field type '{f.get('type')}'")
            self.text(f.get("label"), f"{where}.label")
            self.text(f.get("help"), f"{where}.help", required=False)
            if f.get("type") in ("choice", "multi_choice") and not f.get("options"):
                self.add(where, "choice field without options")
            for i, option in enumerate(f.get("options", ())):
                self.text(option.get("label"), f"{where}.options[{i}]")
            self.condition(f.get("visible_if"), f"{where}.visible_if", field_ids)
            self.condition(f.get("required_if"), f"{where}.required_if", field_ids)
            if f.get("pattern"):
                try:
                    re.compile(f["pattern"])
                except re.error as exc:
                    self.add(f"{where}.pattern", f"bad regular expression: {exc}")
            for bound in ("min", "max"):
                if bound in f:
                    try:
                        Decimal(str(f[bound]))
                    except (InvalidOperation, ValueError):
                        self.add(f"{where}.{bound}", f"'{f[bound]}' is not a number")
            if f.get("prefill_from") and f["prefill_from"] not in field_ids:
                self.add(where, f"prefill_from names unknown field '{f['prefill_from']}'")


def check_catalog(folder: Path | None = None) -> list[Problem]:
    folder = folder or procedures_dir()
    problems: list[Problem] = []
    identity_path = folder / IDENTITY_FILE
    if not identity_path.exists():
        return [Problem(IDENTITY_FILE, "-", "the shared identity page file is missing")]
    try:
        identity = _read(identity_path)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return [Problem(IDENTITY_FILE, "-", f"not valid TOML: {exc}")]
    identity_fields = identity.get("page", {}).get("fields", [])
    identity_ids = {f.get("id"): f for f in identity_fields}
    lint = _Linter(IDENTITY_FILE)
    lint.fields(identity_fields, "page", identity_ids)
    _check_rules(lint, identity.get("rules", ()), identity_ids, set())
    problems += lint.problems
    codes: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        if path.name == IDENTITY_FILE:
            continue
        problems += _check_file(path, identity_ids, codes)
    if not problems:  # keys that name other procedures: checked once every file loads
        from counter.catalog_extras import check_extras

        catalog = _build(folder)
        problems += [Problem(source, key, message) for source, key, message in
                     check_extras(set(catalog.by_code), catalog.procedures)]
    return problems


def _check_file(path: Path, identity_ids: set[str], codes: dict[str, str]) -> list[Problem]:
    lint = _Linter(path.name)
    try:
        raw = _read(path)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        lint.add("-", f"not valid TOML: {exc}")
        return lint.problems
    code = raw.get("code")
    if not code:
        lint.add("code", "missing")
    elif code in codes:
        lint.add("code", f"'{code}' is also used by {codes[code]}")
    else:
        codes[code] = path.name
    if raw.get("category") not in CATEGORIES:
        lint.add("category", f"must be one of {', '.join(CATEGORIES)}")
    if "hands_out" in raw and (not isinstance(raw["hands_out"], list) or not raw["hands_out"]):
        lint.add("hands_out", "must be a list of procedure codes")
    limit = raw.get("time_limit", {})
    if "statutory_days" in limit and (not isinstance(limit["statutory_days"], int) or limit["statutory_days"] < 0):
        lint.add("time_limit.statutory_days", "must be a whole number of days, 0 or more")
    if "standard_minutes" in raw and (not isinstance(raw["standard_minutes"], int) or raw["standard_minutes"] <= 0):
        lint.add("standard_minutes", "标准办理时长 must be a whole number of minutes, more than 0")
    if limit.get("statutory_kind", "calendar") not in ("calendar", "working"):
        lint.add("time_limit.statutory_kind", "must be calendar or working")
    for key in ("name", "legal_basis", "guide"):
        lint.text(raw.get(key), key)
    _check_fee(lint, raw.get("fee", {}))
    limit = raw.get("time_limit", {})
    if limit.get("kind", "calendar") not in ("calendar", "working"):
        lint.add("time_limit.kind", "must be calendar or working")
    if not isinstance(limit.get("days", 0), int) or limit.get("days", 0) < 0:
        lint.add("time_limit.days", "must be a whole number of days, 0 or more")
    own_fields = [f for p in raw.get("pages", ()) for f in p.get("fields", ())]
    field_ids = {**identity_ids, **{f.get("id"): f for f in own_fields if f.get("id")}}
    seen: set[str] = set()
    for f in own_fields:
        fid = f.get("id")
        if not fid:
            lint.add("pages", "a field has no id")
        elif fid in seen or fid in identity_ids:
            lint.add(f"field {fid}", "id used twice (or clashes with an identity field)")
        seen.add(fid or "")
    for page in raw.get("pages", ()):
        lint.text(page.get("title"), f"page {page.get('id')}.title")
        lint.fields(page.get("fields", []), f"page {page.get('id')}", field_ids)
    materials = raw.get("materials", [])
    if not materials:
        lint.add("materials", "a procedure needs at least one material")
    material_codes = set()
    for m in materials:
        lint.text(m.get("name"), f"material {m.get('code')}.name")
        material_codes.add(m.get("code"))
        if m.get("form", "original") not in ("original", "copy", "original_and_copy"):
            lint.add(f"material {m.get('code')}.form", "must be original, copy or original_and_copy")
        lint.condition(m.get("required_if"), f"material {m.get('code')}.required_if", field_ids)
    _check_rules(lint, raw.get("rules", ()), field_ids, material_codes)
    _check_amounts(lint, raw.get("amounts", ()), field_ids)
    for i, r in enumerate(limit.get("rules", ())):
        lint.condition(r.get("when"), f"time_limit.rules[{i}].when", field_ids)
        if not isinstance(r.get("days", 0), int) or r.get("days", 0) < 0:
            lint.add(f"time_limit.rules[{i}].days", "must be a whole number of days, 0 or more")
        if r.get("kind", "calendar") not in ("calendar", "working"):
            lint.add(f"time_limit.rules[{i}].kind", "must be calendar or working")
    for key in ("per", "from_field"):
        name = raw.get("fee", {}).get(key)
        if name and name not in field_ids:
            lint.add(f"fee.{key}", f"names unknown field '{name}'")
    for i, r in enumerate(raw.get("fee", {}).get("rules", ())):
        lint.condition(r.get("when"), f"fee.rules[{i}].when", field_ids)
    return lint.problems


def _check_rules(lint: _Linter, rules: Any, field_ids: dict[str, dict], material_codes: set) -> None:
    for i, rule in enumerate(rules):
        where = f"rules[{i}]"
        kind = rule.get("kind", "check")
        if kind not in RULE_KINDS:
            lint.add(where, f"unknown rule kind '{kind}'")
        for key in ("field", "other"):
            if rule.get(key) and rule[key] not in field_ids:
                lint.add(where, f"{key} names unknown field '{rule[key]}'")
        if kind == "check" and not rule.get("field"):
            lint.add(where, "a check rule names the field its message is shown at")
        if kind == "requires_material" and rule.get("material") not in material_codes:
            lint.add(where, f"names unknown material '{rule.get('material')}'")
        if rule.get("severity", "error") not in ("error", "warning"):
            lint.add(f"{where}.severity", "must be error or warning")
        lint.condition(rule.get("when"), f"{where}.when", field_ids)
        lint.condition(rule.get("require"), f"{where}.require", field_ids)
        lint.text(rule.get("message"), f"{where}.message")
        if kind in ("check", "in_person"):
            lint.text(rule.get("basis"), f"{where}.basis")
        if kind == "date_order":
            for key in ("field", "other"):
                name = rule.get(key)
                if name in field_ids and field_ids[name].get("type") not in DATE_TYPES:
                    lint.add(where, f"date_order compares '{name}', which is not a date")
        if kind == "within_days_before" and rule.get("field") in field_ids and \
                field_ids[rule["field"]].get("type") not in DATE_TYPES:
            lint.add(where, f"within_days_before compares '{rule['field']}', which is not a date, with today")


def _check_amounts(lint: _Linter, amounts: Any, field_ids: dict[str, dict]) -> None:
    ids: set[str] = set()
    for i, a in enumerate(amounts):
        where = f"amounts[{i}]"
        if a.get("kind") not in AMOUNT_KINDS:
            lint.add(where, f"kind must be one of {', '.join(AMOUNT_KINDS)}")
        if not a.get("id"):
            lint.add(where, "an amount needs an id")
        lint.text(a.get("label"), f"{where}.label")
        if a.get("kind") == "fine":
            f = field_ids.get(a.get("field"))
            if f is None:
                lint.add(where, f"field names unknown field '{a.get('field')}'")
            elif f.get("type") != "amount":
                lint.add(where, f"a fine is typed in an amount field, not '{a['field']}' ({f.get('type')})")
        if a.get("kind") == "late_surcharge":
            if a.get("of") not in ids:
                lint.add(where, f"of names no earlier amount '{a.get('of')}'")
            for key in ("received", "pause_from", "pause_to"):
                name = a.get(key)
                if name is None and key != "received":
                    continue
                if name not in field_ids:
                    lint.add(where, f"{key} names unknown field '{name}'")
                elif field_ids[name].get("type") not in DATE_TYPES:
                    lint.add(where, f"{key} names '{name}', which is not a date")
            try:
                Decimal(str(a.get("percent_per_day", "3")))
            except (InvalidOperation, ValueError):
                lint.add(where, "percent_per_day is not a number")
            lint.text(a.get("basis"), f"{where}.basis")
        ids.add(a.get("id"))


def _check_fee(lint: _Linter, fee: dict[str, Any]) -> None:
    amounts = [("fee.default", fee.get("default", "0"))]
    amounts += [(f"fee.rules[{i}].amount", r.get("amount")) for i, r in enumerate(fee.get("rules", ()))]
    for where, amount in amounts:
        if isinstance(amount, float):
            lint.add(where, "write money as a string (\"20.00\"), never a float")
            continue
        try:
            value = Decimal(str(amount))
        except (InvalidOperation, TypeError):
            lint.add(where, f"'{amount}' is not an amount")
            continue
        if value < 0 or value != value.quantize(Decimal("0.01")):
            lint.add(where, f"'{amount}' is not an amount in yuan with at most two decimals")
