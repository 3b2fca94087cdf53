"""A visit as a wizard: identity → procedures → each item's pages and materials → review.

`VisitFlow` knows the steps, moves between them, refuses "next" while the current step has
errors, and records when every step was entered and left. It is plain data (no Qt, no
database) so that a draft can be saved and restored with every typed value.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Callable

from counter.clock import local_day
from counter.forms.engine import (
    Form,
    amount_lines,
    fee_for,
    id_card_valid_until,
    materials_needed,
    missing_required,
    procedure_form,
    promise,
    rule_field,
)
from counter.forms.spec import Catalog, PageSpec, Procedure, Text

IDENTITY, PROCEDURES, PAGE, MATERIALS, REVIEW = "identity", "procedures", "page", "materials", "review"


@dataclass(frozen=True)
class Step:
    kind: str
    item: int | None = None  # index into the chosen procedures
    page: int | None = None

    @property
    def key(self) -> str:
        """A stable name for step events: `identity`, `procedures`, `0/page/1` (item 0, its second
        page), `0/materials/0`, `review`."""
        return self.kind if self.item is None else f"{self.item}/{self.kind}/{self.page or 0}"


@dataclass(frozen=True)
class Problem:
    """One message of the whole-visit check: where (item, field) and whether it blocks."""

    item: int | None  # None: the identity page
    code: str
    field: str
    message: Text
    blocking: bool
    on_identity: bool  # shown on the identity page (or, for an item's rule, at the procedure choice)


@dataclass
class StepVisit:
    step: str
    item: int | None
    entered_at: datetime
    left_at: datetime | None = None
    how_left: str | None = None
    refused: int = 0  # "next" pressed and refused with errors during this stay


@dataclass
class FieldMark:
    """A field-level event (counter.steptimes): an error shown on "next", or a value changed after one."""

    step: str
    item: int | None
    field: str
    kind: str  # error | corrected
    at: datetime


@dataclass
class ItemDraft:
    procedure: Procedure
    form: Form
    materials: dict[str, str] = field(default_factory=dict)  # code -> received | missing
    started_at: datetime | None = None
    finished_at: datetime | None = None

    def missing(self) -> list:
        return missing_required(self.procedure, self.form.context(), self.materials)

    @property
    def status(self) -> str:
        return "needs_materials" if self.missing() else "accepted"


def id_card_validity_text(id_number, issued: date, lang: str = "zh_CN") -> str:
    """"2026-11-28 至 2036-11-28" or "长期" for a card issued on `issued` (居民身份证法 art 5)."""
    try:
        until = id_card_valid_until(id_number, issued)
    except ValueError:
        return ""
    if until is None:
        return "Long-term" if lang == "en" else "长期"
    return f"{issued:%Y.%m.%d}–{until:%Y.%m.%d}" if lang == "en" else f"{issued:%Y.%m.%d}-{until:%Y.%m.%d}"


def item_problems(index: int, item: ItemDraft) -> list[Problem]:
    form, procedure = item.form, item.procedure
    own = {f.id for f in procedure.all_fields()}
    code = procedure.code
    found = [Problem(index, code, f, m, True, False) for f, m in form.errors().items()]
    seen = {p.field for p in found}
    for rule, message in form.rule_messages():
        where = rule_field(rule) or ""
        if where in own:
            if not rule.blocking:
                found.append(Problem(index, code, where, message, False, False))
            continue  # a blocking rule at an own field is in form.errors() (when the field is visible)
        if where in seen and rule.blocking:
            continue
        found.append(Problem(index, code, where, Text(f"{code}：{message.zh_CN}", f"{code}: {message.en}"),
                             rule.blocking, True))
    return found


class VisitFlow:
    fee_settings: dict = {}  # the station's fee settings (name -> amount), set by the window

    def __init__(self, catalog: Catalog, now: Callable[[], datetime], today: date | None = None,
                 key: str | None = None, lang: str = "zh_CN"):
        self.catalog = catalog
        self.now = now
        self.today = today or local_day(now())
        self.key = key or str(uuid.uuid4())
        self.lang = lang
        self.identity = Form((catalog.identity,), rules=catalog.identity_rules, today=self.today)
        self.items: list[ItemDraft] = []
        self.index = 0
        self.started_at = now()
        self.history: list[StepVisit] = []
        self.field_marks: list[FieldMark] = []
        self._flagged: dict[tuple[str, str], Any] = {}  # (step, field) -> the value the error was shown on
        self.ticket_id: int | None = None
        self.remembered: dict[str, dict[str, Any]] = {}  # code -> choices this clerk made last time
        self.card_reads: dict[str, dict[str, Any]] = {}  # applicant/proxy -> what the ID card said (idcard.visit)
        self._enter()

    # -- steps
    def steps(self) -> list[Step]:
        steps = [Step(IDENTITY), Step(PROCEDURES)]
        for i, item in enumerate(self.items):
            steps += [Step(PAGE, i, p) for p in range(len(item.procedure.pages))]
            steps.append(Step(MATERIALS, i))
        steps.append(Step(REVIEW))
        return steps

    @property
    def step(self) -> Step:
        return self.steps()[self.index]

    def page_spec(self, step: Step | None = None) -> PageSpec | None:
        step = step or self.step
        if step.kind == IDENTITY:
            return self.catalog.identity
        if step.kind == PAGE:
            return self.items[step.item].procedure.pages[step.page]
        return None

    def form_of(self, step: Step | None = None) -> Form | None:
        step = step or self.step
        if step.kind == IDENTITY:
            return self.identity
        if step.kind in (PAGE, MATERIALS):
            return self.items[step.item].form
        return None

    # -- procedures chosen
    def choose(self, codes: list[str]) -> None:
        """Set the visit's procedures, keeping what was typed for those already chosen."""
        kept = {item.procedure.code: item for item in self.items}
        shared = self.identity.values
        self.items = [kept.get(code) or ItemDraft(self.catalog.get(code),
                                                 procedure_form(self.catalog.get(code), shared, self.today))
                      for code in dict.fromkeys(codes)]

    def chosen_codes(self) -> list[str]:
        return [item.procedure.code for item in self.items]

    # -- validation of the current step
    def errors(self) -> dict[str, Text]:
        step = self.step
        if step.kind in (IDENTITY, PAGE):
            return self.form_of(step).page_errors(self.page_spec(step))
        if step.kind == PROCEDURES and not self.items:
            return {"procedures": Text("请至少选择一个事项", "Choose at least one procedure")}
        if step.kind == PROCEDURES:
            # rules on the identity page (in person only, ages): said before the item is typed
            return {f"{p.code}.{p.field}": p.message for p in self.problems()
                    if p.blocking and p.item is not None and p.on_identity}
        if step.kind == MATERIALS:
            item = self.items[step.item]
            unmarked = [m for m, needed in materials_needed(item.procedure, item.form.context())
                        if needed and item.materials.get(m.code) not in ("received", "missing")]
            if unmarked:
                return {m.code: Text("请勾选“已收”或标记“缺少”", "Tick received or mark missing")
                        for m in unmarked}
        if step.kind == REVIEW and not self.items:
            return {"procedures": Text("请至少选择一个事项", "Choose at least one procedure")}
        return {}

    # -- navigation
    def next(self) -> dict[str, Text]:
        """Move on if the current step is complete; otherwise return its errors."""
        problems = self.errors()
        self._mark_fields(problems)
        if problems:
            return problems
        if self.step.kind == IDENTITY:
            self._share_identity()
        if self.index < len(self.steps()) - 1:
            self._leave("next")
            self.index += 1
            self._enter()
        return {}

    def back(self) -> bool:
        if self.index == 0:
            return False
        self._leave("back")
        self.index -= 1
        self._enter()
        return True

    # -- field events: only on "next" (cheap: nothing per keystroke)
    def _field_value(self, name: str) -> Any:
        step = self.step
        if step.kind == MATERIALS:
            return self.items[step.item].materials.get(name)
        form = self.form_of(step)
        return None if form is None else form.raw.get(name)

    def _mark_fields(self, problems: dict[str, Text]) -> None:
        """Errors shown now, and fields whose value changed since their error was shown."""
        step, now = self.step, self.now()
        key = step.key
        for (where, name), before in list(self._flagged.items()):
            if where == key and self._field_value(name) != before:
                self.field_marks.append(FieldMark(key, step.item, name, "corrected", now))
                del self._flagged[(where, name)]
        for name in problems:
            if (key, name) in self._flagged:
                continue  # the same error on the same value: shown again, not a new one
            value = self._field_value(name)
            self._flagged[(key, name)] = value
            self.field_marks.append(FieldMark(key, step.item, name, "error", now))
        if problems and self.history and self.history[-1].left_at is None:
            self.history[-1].refused += 1

    def _share_identity(self) -> None:
        for item in self.items:
            item.form.shared = self.identity.values
            item.form.prefill()

    def _enter(self) -> None:
        step, now = self.step, self.now()
        self.history.append(StepVisit(step.key, step.item, now))
        if step.item is not None and self.items[step.item].started_at is None:
            self.items[step.item].started_at = now
            self._carry_over(step.item)

    def _carry_over(self, index: int) -> None:
        """One window, one applicant: what an earlier item of this visit already asked (a plate, a
        licence file number) starts the same field of a later item, so it is not typed twice.
        A choice that has a default (pick-up, payment) starts at what this clerk chose last time
        instead; choices without a default (the reason) are always the clerk's to make."""
        form = self.items[index].form
        procedure = self.items[index].procedure
        for field_id, value in self.remembered.get(procedure.code, {}).items():
            spec = procedure.field(field_id)
            if spec is not None and spec.remember and spec.type in ("choice", "yes_no") and spec.default is not None \
                    and form.raw.get(field_id) == spec.default:
                form.set(field_id, value)
        for earlier in self.items[:index]:
            known = earlier.form.cleaned()
            for spec in self.items[index].procedure.all_fields():
                other = earlier.procedure.field(spec.id)
                if (spec.id in known and other is not None and other.type == spec.type
                        and form.raw.get(spec.id) in (None, "", [])
                        and spec.type not in ("choice", "multi_choice", "yes_no")):
                    form.set(spec.id, known[spec.id])

    def _leave(self, how: str) -> None:
        step, now = self.step, self.now()
        if self.history and self.history[-1].left_at is None:
            self.history[-1].left_at, self.history[-1].how_left = now, how
        if step.kind == MATERIALS and how == "next":
            self.items[step.item].finished_at = now

    def close(self, how: str) -> datetime:
        """End the flow (finish or cancel): the last step is left now."""
        self._leave(how)
        return self.history[-1].left_at

    def choices_made(self) -> dict[str, dict[str, Any]]:
        """Per procedure, the choice answers of this visit: remembered for the clerk's next one."""
        made = {}
        for item in self.items:
            values = item.form.cleaned()
            made[item.procedure.code] = {f.id: values[f.id] for f in item.procedure.all_fields()
                                         if f.type in ("choice", "yes_no") and f.id in values and f.remember}
        return made

    # -- what the review page and the receipt show
    def summary(self) -> list[dict[str, Any]]:
        rows = []
        for item in self.items:
            values = item.form.context()
            promised = promise(item.procedure, self.today, values)
            rows.append({
                "code": item.procedure.code,
                "name": item.procedure.name(self.lang),
                "fee": fee_for(item.procedure, values, self.fee_settings),
                "promised": promised.day,
                "promise": promised,
                "amounts": amount_lines(item.procedure, values, self.today),
                "status": item.status,
                "missing": [m.name(self.lang) for m in item.missing()],
            })
            if item.procedure.id_card:
                rows[-1]["id_card_validity"] = id_card_validity_text(values.get("id_number"), self.today, self.lang)
        return rows

    def problems(self) -> list[Problem]:
        """Everything wrong or worth a warning in the whole visit, on every page: what the
        review shows and what `finish_visit` checks again before storing."""
        found = [Problem(None, "", f, m, True, True)
                 for f, m in self.identity.page_errors(self.catalog.identity).items()]
        found += [Problem(None, "", r.field or "", m, False, True)
                  for r, m in self.identity.rule_messages() if not r.blocking]
        for index, item in enumerate(self.items):
            found += item_problems(index, item)
        return found

    def warnings(self) -> list[Problem]:
        """The non-blocking messages of the visit, the unknown holiday calendar included."""
        found = [p for p in self.problems() if not p.blocking]
        for index, item in enumerate(self.items):
            warning = promise(item.procedure, self.today, item.form.context()).warning
            if warning is not None:
                found.append(Problem(index, item.procedure.code, "", warning, False, False))
        return found

    def identity_complete(self) -> bool:
        return not self.identity.page_errors(self.catalog.identity)

    # -- drafts
    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "started_at": self.started_at.isoformat(),
            "today": self.today.isoformat(),
            "index": self.index,
            "ticket_id": self.ticket_id,
            "identity": self.identity.raw,
            "card_reads": self.card_reads,
            "lang": self.lang,
            "items": [{"code": i.procedure.code, "raw": i.form.raw, "materials": i.materials,
                       "started_at": i.started_at.isoformat() if i.started_at else None,
                       "finished_at": i.finished_at.isoformat() if i.finished_at else None}
                      for i in self.items],
            "history": [[h.step, h.item, h.entered_at.isoformat(),
                         h.left_at.isoformat() if h.left_at else None, h.how_left, h.refused] for h in self.history],
            "field_marks": [[m.step, m.item, m.field, m.kind, m.at.isoformat()] for m in self.field_marks],
        }

    @classmethod
    def from_dict(cls, catalog: Catalog, data: dict[str, Any], now: Callable[[], datetime]) -> VisitFlow:
        flow = cls.__new__(cls)
        flow.catalog, flow.now, flow.lang = catalog, now, data.get("lang", "zh_CN")
        flow.key = data["key"]
        flow.today = date.fromisoformat(data["today"])
        flow.started_at = datetime.fromisoformat(data["started_at"])
        flow.ticket_id = data.get("ticket_id")
        flow.card_reads = data.get("card_reads", {})
        flow.identity = Form((catalog.identity,), rules=catalog.identity_rules, today=flow.today)
        for field_id, raw in data["identity"].items():
            flow.identity.set(field_id, raw)
        flow.items = []
        for saved in data["items"]:
            if saved["code"] not in catalog.by_code:
                continue  # a procedure removed from the catalogue since; the rest survives
            procedure = catalog.get(saved["code"])
            form = Form(procedure.pages, shared=flow.identity.values, rules=procedure.rules, today=flow.today)
            for field_id, raw in saved["raw"].items():
                if field_id in {f.id for f in procedure.all_fields()}:
                    form.set(field_id, raw)
            started, finished = saved.get("started_at"), saved.get("finished_at")
            flow.items.append(ItemDraft(procedure, form, dict(saved["materials"]),
                                        datetime.fromisoformat(started) if started else None,
                                        datetime.fromisoformat(finished) if finished else None))
        flow.history = [StepVisit(h[0], h[1], datetime.fromisoformat(h[2]),
                                  datetime.fromisoformat(h[3]) if h[3] else None, h[4], h[5] if len(h) > 5 else 0)
                        for h in data.get("history", [])]
        flow.field_marks = [FieldMark(s, i, f, k, datetime.fromisoformat(at))
                            for s, i, f, k, at in data.get("field_marks", [])]
        flow._flagged = {}
        flow.index = min(data.get("index", 0), len(flow.steps()) - 1)
        if flow.history and flow.history[-1].left_at is None:
            flow.history[-1].left_at, flow.history[-1].how_left = now(), "restored"
        flow._enter()
        return flow
