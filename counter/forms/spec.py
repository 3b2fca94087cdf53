"""What a guided form is made of, as plain data (loaded from the catalogue's TOML files).

Nothing here runs code from the files: conditions are data (`visible_if`, `required_if`,
fee rules) evaluated by `conditions.holds`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

LANGS = ("zh_CN", "en")

FIELD_TYPES = (
    "text",
    "name",
    "number",
    "amount",
    "date",
    "choice",
    "multi_choice",
    "yes_no",
    "id_number",
    "phone",
    "plate",
    "vin",
    "address",
    "licence_file_number",
    "licence_classes",
)


@dataclass(frozen=True)
class Text:
    """A text in every UI language."""

    zh_CN: str
    en: str

    def __call__(self, lang: str = "zh_CN") -> str:
        return self.en if lang == "en" else self.zh_CN

    @classmethod
    def of(cls, raw: Any) -> Text:
        if isinstance(raw, Text):
            return raw
        if isinstance(raw, str):
            return cls(raw, raw)
        if isinstance(raw, dict):
            return cls(str(raw.get("zh_CN", "")), str(raw.get("en", "")))
        return cls("", "")

    def missing_langs(self) -> list[str]:
        return [lang for lang in LANGS if not getattr(self, lang).strip()]


EMPTY = Text("", "")


@dataclass(frozen=True)
class Condition:
    """`{field = "reason", in = ["lost"]}`; also `equals`, `not_in`, `is_set`; `all`/`any` nest."""

    field: str | None = None
    in_: tuple[Any, ...] | None = None
    not_in: tuple[Any, ...] | None = None
    equals: Any = None
    is_set: bool | None = None
    all: tuple[Condition, ...] = ()
    any: tuple[Condition, ...] = ()

    def fields(self) -> set[str]:
        names = {self.field} if self.field else set()
        for sub in (*self.all, *self.any):
            names |= sub.fields()
        return names


@dataclass(frozen=True)
class Option:
    value: str
    label: Text


@dataclass(frozen=True)
class FieldSpec:
    id: str
    type: str
    label: Text
    required: bool = False
    help: Text = EMPTY
    placeholder: Text = EMPTY
    options: tuple[Option, ...] = ()
    visible_if: Condition | None = None
    required_if: Condition | None = None
    pattern: str | None = None
    pattern_message: Text = EMPTY
    min: Decimal | None = None
    max: Decimal | None = None
    max_length: int | None = None
    not_future: bool = False
    not_past: bool = False
    default: Any = None
    prefill_from: str | None = None  # an identity field whose value starts this one

    def option_label(self, value: str, lang: str = "zh_CN") -> str:
        for option in self.options:
            if option.value == value:
                return option.label(lang)
        return value


@dataclass(frozen=True)
class PageSpec:
    id: str
    title: Text
    fields: tuple[FieldSpec, ...]
    help: Text = EMPTY


@dataclass(frozen=True)
class Rule:
    """A cross-field rule, declared as data.

    kinds: `within_days_before` (field's date is at most `days` ahead of today: renewal
    windows), `requires_material` (when `when` holds, material `material` must be received),
    `date_order` (field <= other), `same_sex_as_id` (the sex field agrees with the ID number).
    """

    kind: str
    field: str | None = None
    other: str | None = None
    days: int | None = None
    material: str | None = None
    when: Condition | None = None
    message: Text = EMPTY


@dataclass(frozen=True)
class Material:
    code: str
    name: Text
    required: bool = True
    form: str = "original"  # original | copy | original_and_copy
    required_if: Condition | None = None
    note: Text = EMPTY


@dataclass(frozen=True)
class FeeRule:
    when: Condition
    amount: Decimal
    note: Text = EMPTY


@dataclass(frozen=True)
class Fee:
    default: Decimal = Decimal("0")
    rules: tuple[FeeRule, ...] = ()
    per: str | None = None  # a number field the amount is multiplied by (e.g. pairs of plates)
    from_field: str | None = None  # the fee is what the applicant pays in this amount field
    note: Text = EMPTY


@dataclass(frozen=True)
class TimeLimit:
    days: int = 0  # 0 = done on the spot
    kind: str = "calendar"  # calendar | working
    note: Text = EMPTY


@dataclass(frozen=True)
class Procedure:
    code: str
    category: str  # hz (户政) | jg (交管)
    group: Text
    name: Text
    legal_basis: Text
    guide: Text
    fee: Fee
    time_limit: TimeLimit
    materials: tuple[Material, ...]
    pages: tuple[PageSpec, ...]
    rules: tuple[Rule, ...] = ()
    typical_minutes: int = 10
    keywords: tuple[str, ...] = ()
    where: Text = EMPTY
    source: str = ""

    def field(self, field_id: str) -> FieldSpec | None:
        for page in self.pages:
            for spec in page.fields:
                if spec.id == field_id:
                    return spec
        return None

    def all_fields(self) -> list[FieldSpec]:
        return [spec for page in self.pages for spec in page.fields]


@dataclass(frozen=True)
class Catalog:
    identity: PageSpec
    procedures: tuple[Procedure, ...]
    division_codes_date: str = ""
    identity_rules: tuple[Rule, ...] = ()
    by_code: dict[str, Procedure] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        self.by_code.update({p.code: p for p in self.procedures})

    def get(self, code: str) -> Procedure:
        return self.by_code[code]
