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
class Duration:
    """`90d`, `3m`, `1y`: a count of calendar days, months or years."""

    count: int
    unit: str  # d | m | y

    @classmethod
    def parse(cls, raw: Any) -> Duration:
        text = str(raw).strip().lower()
        if len(text) < 2 or text[-1] not in "dmy" or not text[:-1].isdigit():
            raise ValueError(f"'{raw}' is not a duration like 90d, 3m or 1y")
        return cls(int(text[:-1]), text[-1])

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"

    def text(self, lang: str = "zh_CN") -> str:
        if lang == "en":
            unit = {"d": "day", "m": "month", "y": "year"}[self.unit]
            return f"{self.count} {unit}{'s' if self.count != 1 else ''}"
        return f"{self.count}{ {'d': '日', 'm': '个月', 'y': '年'}[self.unit]}"


@dataclass(frozen=True)
class Condition:
    """A test on the values, declared as data (never code).

    `{field = "reason", in = ["lost"]}`; also `equals`, `not_in`, `is_set`, `same_as` (another
    field's value), `matches` (a regular expression found in the text); numbers: `gte`, `gt`,
    `lte`, `lt` (with `field`, or `sum` of several fields); dates:
    `at_least`/`at_most` a duration `before`/`after` "today" or another date field; ages:
    `age_at_least`/`age_below` years, of a birth-date or ID-number field, on `age_on` (today or a
    date field); `all`/`any` nest, `not` negates.
    """

    field: str | None = None
    in_: tuple[Any, ...] | None = None
    not_in: tuple[Any, ...] | None = None
    equals: Any = None
    is_set: bool | None = None
    same_as: str | None = None
    sum: tuple[str, ...] = ()
    gte: Decimal | None = None
    gt: Decimal | None = None
    lte: Decimal | None = None
    lt: Decimal | None = None
    matches: str | None = None  # a regular expression searched in the text value
    at_least: Duration | None = None
    at_most: Duration | None = None
    before: str | None = None  # "today" or a date field
    after: str | None = None
    age_at_least: int | None = None
    age_below: int | None = None
    age_on: str | None = None  # "today" (default) or a date field
    all: tuple[Condition, ...] = ()
    any: tuple[Condition, ...] = ()
    not_: Condition | None = None

    def fields(self) -> set[str]:
        names = {self.field} if self.field else set()
        names |= set(self.sum)
        for ref in (self.same_as, self.before, self.after, self.age_on):
            if ref and ref != "today":
                names.add(ref)
        for sub in (*self.all, *self.any, *((self.not_,) if self.not_ else ())):
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
    remember: bool = True  # False: a fact about this applicant (低保, seized licence) never carries to the next

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
    """A rule, declared as data, with its legal basis.

    kinds: `check` (the default: when `when` holds and `require` does not, the message is
    shown at `field`: an error that blocks, or a warning with `severity = "warning"`),
    `in_person` (the applicant must come in person when `when` holds: a proxy is refused),
    `within_days_before` (field's date is at most `days` ahead of today: renewal windows),
    `requires_material` (when `when` holds, material `material` must be received),
    `date_order` (field <= other), `same_sex_as_id` (the sex field agrees with the ID number).
    """

    kind: str
    field: str | None = None
    other: str | None = None
    days: int | None = None
    material: str | None = None
    when: Condition | None = None
    message: Text = EMPTY
    require: Condition | None = None
    severity: str = "error"  # error | warning
    basis: Text = EMPTY
    id: str = ""

    @property
    def blocking(self) -> bool:
        return self.severity != "warning"


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
    setting: str | None = None  # a station fee setting that replaces `amount` (the catalogue default)
    basis: Text = EMPTY


@dataclass(frozen=True)
class Fee:
    default: Decimal = Decimal("0")
    rules: tuple[FeeRule, ...] = ()
    per: str | None = None  # a number field the amount is multiplied by (e.g. pairs of plates)
    from_field: str | None = None  # the fee is what the applicant pays in this amount field
    note: Text = EMPTY
    setting: str | None = None  # a station fee setting that replaces `default`


@dataclass(frozen=True)
class Amount:
    """A fine or a computed late surcharge: money that is not a fee (罚缴分离), listed apart.

    `fine`: the amount typed from the penalty decision (`field`). `late_surcharge` (行政处罚法
    art 72): from day `grace_days + 1` after the date in `received`, `percent_per_day` of the
    fine `of` names for every day, at most the fine itself; days between `pause_from` and
    `pause_to` (or today, while the appeal is pending) do not count.
    """

    id: str
    kind: str  # fine | late_surcharge
    label: Text
    field: str | None = None
    of: str | None = None
    received: str | None = None
    grace_days: int = 15
    percent_per_day: Decimal = Decimal("3")
    pause_from: str | None = None
    pause_to: str | None = None
    basis: Text = EMPTY


@dataclass(frozen=True)
class LimitRule:
    when: Condition
    days: int
    kind: str = "calendar"
    note: Text = EMPTY


@dataclass(frozen=True)
class TimeLimit:
    days: int = 0  # 0 = done on the spot
    kind: str = "calendar"  # calendar | working
    note: Text = EMPTY
    rules: tuple[LimitRule, ...] = ()  # a limit that depends on a choice: the first that holds
    basis: Text = EMPTY
    statutory_days: int | None = None  # the law's own limit when the station promises less (法定)
    statutory_kind: str = ""  # calendar | working; empty: as `kind`


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
    amounts: tuple[Amount, ...] = ()
    typical_minutes: int = 10
    standard_minutes: int | None = None  # 标准办理时长 (counter.steptimes); None: typical_minutes
    keywords: tuple[str, ...] = ()
    where: Text = EMPTY
    source: str = ""
    id_card: bool = False  # issues a resident ID card: its validity follows the applicant's age (art 5)
    hands_out: tuple[str, ...] = ()  # a hand-out (领证): the procedures whose documents it hands out
    decided_by: str = "station"  # station | brigade (the county traffic brigade decides; counter.catalog_extras)

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
