"""Where the clerk's time goes: page times, field errors, time against the standard (issue 20).

The visit wizard timestamps every page stay (`step_events`, one row per stay) and records two
kinds of field events (`field_events`): an error shown at a field when "next" was refused, and
the field's value changed after that error (a correction). Nothing is recorded per keystroke.

Definitions (all from those rows, durations in exact seconds):

- a page's time in a visit = the sum of its stays in that visit (the clerk may come back to it);
  median and p90 over the visits that showed the page (percentile_cont, as `counter.metrics`).
- sent back (带错返回) = stays in which "next" was refused at least once (the page was left with
  errors and the clerk was sent back to fix them); the rate is per stay.
- gone back to (返回修改) = stays entered by "back" from the following page.
- per field: errors shown and corrections made.
- time by procedure = an item's `finished_at − started_at` against the procedure's 标准办理时长
  (`standard_minutes` in the catalogue, else `typical_minutes`): median, p90, share over standard.
- by clerk = the visit's handling time against the sum of its items' standard times.

One streamed query per table and period; folded in Python so SQLite and PostgreSQL run the
same code (no dialect-specific percentile SQL).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from counter.forms.spec import Catalog, Procedure
from counter.metrics import Period
from counter.metrics.dist import Dist
from counter.models import FieldEvent, Item, Role, StepEvent, User, Visit

VISIT_PAGES = {"identity": ("身份信息", "Identity"), "procedures": ("选择事项", "Procedures"),
               "review": ("核对办结", "Review")}
SLOWEST = 10


def standard_minutes(procedure: Procedure) -> int:
    """标准办理时长: the catalogue's value, else the typical handling time."""
    return procedure.standard_minutes or procedure.typical_minutes


def field_event_rows(visit_id: int, flow) -> list[FieldEvent]:
    """The flow's field marks as rows of the stored visit (`visits._store_steps`)."""
    return [FieldEvent(visit_id=visit_id, item_position=m.item, page=m.step[:64], field=m.field[:64],
                       kind=m.kind, at=m.at) for m in getattr(flow, "field_marks", ())]


# --- what the view and the sheet show -----------------------------------------------------------

#: a set of durations (seconds) with their count, mean, median and p90: the metrics' own kind
Stats = Dist


@dataclass
class PageTime:
    procedure: str  # "" for the visit's own pages (identity, procedures, review)
    page: str  # the step kind and page number: page/0, materials/0, identity …
    title: str
    time: Stats = field(default_factory=Stats)  # per visit
    stays: int = 0
    sent_back: int = 0
    gone_back: int = 0

    @property
    def sent_back_rate(self) -> float | None:
        return self.sent_back / self.stays if self.stays else None

    @property
    def gone_back_rate(self) -> float | None:
        return self.gone_back / self.stays if self.stays else None


@dataclass
class FieldErrors:
    procedure: str
    field: str
    label: str
    errors: int = 0
    corrections: int = 0


@dataclass
class ProcedureTime:
    procedure: str
    name: str
    standard_minutes: int
    time: Stats = field(default_factory=Stats)
    over: int = 0

    @property
    def over_rate(self) -> float | None:
        return self.over / self.time.count if self.time.count else None


@dataclass
class ClerkTime:
    clerk: str
    time: Stats = field(default_factory=Stats)  # handling seconds per visit
    standard: float = 0.0  # sum of the visits' standard seconds
    over: int = 0
    errors: int = 0

    @property
    def ratio(self) -> float | None:
        """Handling time / standard time (1.0 = exactly the standard)."""
        return sum(self.time.values) / self.standard if self.standard else None


@dataclass
class TimeReport:
    period: Period
    pages: list[PageTime]
    fields: list[FieldErrors]
    procedures: list[ProcedureTime]
    clerks: list[ClerkTime]

    def slowest_pages(self, n: int = SLOWEST) -> list[PageTime]:
        timed = (p for p in self.pages if p.time.count)
        return sorted(timed, key=lambda p: (-(p.time.p50 or 0), p.procedure, p.page))[:n]

    def most_errors(self, n: int = SLOWEST) -> list[FieldErrors]:
        return sorted((f for f in self.fields if f.errors), key=lambda f: (-f.errors, f.procedure, f.field))[:n]

    def page(self, procedure: str, page: str) -> PageTime | None:
        return next((p for p in self.pages if (p.procedure, p.page) == (procedure, page)), None)

    def procedure(self, code: str) -> ProcedureTime | None:
        return next((p for p in self.procedures if p.procedure == code), None)


def split_step(step: str) -> tuple[int | None, str]:
    """`0/page/1` -> (0, "page/1"); `identity` -> (None, "identity")."""
    parts = step.split("/")
    if len(parts) == 3 and parts[0].isdigit():
        return int(parts[0]), f"{parts[1]}/{parts[2]}"
    return None, step


def page_title(catalog: Catalog, code: str, page: str, lang: str = "zh_CN") -> str:
    if not code:
        zh, en = VISIT_PAGES.get(page, (page, page))
        return en if lang == "en" else zh
    procedure = catalog.by_code.get(code)
    kind, _, number = page.partition("/")
    if kind == "materials":
        return "Materials" if lang == "en" else "材料"
    if procedure is not None and number.isdigit() and int(number) < len(procedure.pages):
        return procedure.pages[int(number)].title(lang)
    return page


def _field_label(catalog: Catalog, code: str, field_id: str, lang: str) -> str:
    procedure = catalog.by_code.get(code)
    spec = procedure.field(field_id) if procedure is not None else None
    if spec is None:
        spec = next((f for f in catalog.identity.fields if f.id == field_id), None)
    if spec is None and procedure is not None:
        material = next((m for m in procedure.materials if m.code == field_id), None)
        if material is not None:
            return material.name(lang)
    return spec.label(lang) if spec is not None else field_id


def clerk_names(session: Session, principal, show_names: bool | None = None) -> dict[int, str]:
    """Names for the manager role only; everyone else sees 人员1, 人员2 … (stable by user id).
    `show_names` overrides (the console export, run by the audited operating-system user)."""
    ids = [uid for (uid,) in session.execute(select(User.id).order_by(User.id))]
    if show_names if show_names is not None else (principal is not None and principal.has(Role.MANAGER)):
        return dict(session.execute(select(User.id, User.display_name)).all())
    return {uid: f"人员{i}" for i, uid in enumerate(ids, start=1)}


def _visits_in(station_id: int, period: Period):
    lo, hi = period.utc_bounds()
    return and_(Visit.station_id == station_id, Visit.started_at >= lo, Visit.started_at < hi)


def compute(session: Session, station_id: int, period: Period, catalog: Catalog, *,
            principal=None, lang: str = "zh_CN", show_names: bool | None = None) -> TimeReport:
    """Everything the tab and the sheet show, for one period."""
    in_period = _visits_in(station_id, period)
    codes: dict[tuple[int, int], str] = {}
    procedures: dict[str, ProcedureTime] = {}
    standard_of_visit: dict[int, float] = defaultdict(float)
    for visit_id, position, code, started, finished in session.execute(
            select(Item.visit_id, Item.position, Item.procedure_code, Item.started_at, Item.finished_at)
            .join(Visit, Visit.id == Item.visit_id).where(in_period)):
        codes[(visit_id, position)] = code
        procedure = catalog.by_code.get(code)
        minutes = standard_minutes(procedure) if procedure is not None else 10
        standard_of_visit[visit_id] += minutes * 60
        pt = procedures.get(code)
        if pt is None:
            pt = procedures[code] = ProcedureTime(code, procedure.name(lang) if procedure else code, minutes)
        if started is not None and finished is not None:
            seconds = (finished - started).total_seconds()
            pt.time.add(seconds)
            pt.over += seconds > minutes * 60

    pages: dict[tuple[str, str], PageTime] = {}
    per_visit: dict[tuple[int, str, str], float] = defaultdict(float)
    last_how: dict[int, str | None] = {}  # how the visit's previous stay was left
    for visit_id, step, entered, left, how, refused in session.execute(
            select(StepEvent.visit_id, StepEvent.page, StepEvent.entered_at, StepEvent.left_at,
                   StepEvent.how_left, StepEvent.refused)
            .join(Visit, Visit.id == StepEvent.visit_id).where(in_period)
            .order_by(StepEvent.visit_id, StepEvent.entered_at, StepEvent.id)):
        item, page = split_step(step)
        key = (codes.get((visit_id, item), "") if item is not None else "", page)
        pt = pages.get(key)
        if pt is None:
            pt = pages[key] = PageTime(*key, page_title(catalog, *key, lang))
        pt.stays += 1
        pt.sent_back += bool(refused)
        pt.gone_back += last_how.get(visit_id) == "back"
        last_how[visit_id] = how
        if left is not None:
            per_visit[(visit_id, *key)] += (left - entered).total_seconds()
    for (_visit, code, page), seconds in per_visit.items():
        pages[(code, page)].time.add(seconds)

    fields: dict[tuple[str, str], FieldErrors] = {}
    errors_of_visit: dict[int, int] = defaultdict(int)
    for visit_id, position, _page, name, kind in session.execute(
            select(FieldEvent.visit_id, FieldEvent.item_position, FieldEvent.page, FieldEvent.field, FieldEvent.kind)
            .join(Visit, Visit.id == FieldEvent.visit_id).where(in_period)):
        code = codes.get((visit_id, position), "") if position is not None else ""
        fe = fields.get((code, name))
        if fe is None:
            fe = fields[(code, name)] = FieldErrors(code, name, _field_label(catalog, code, name, lang))
        if kind == "error":
            fe.errors += 1
            errors_of_visit[visit_id] += 1
        else:
            fe.corrections += 1

    names = clerk_names(session, principal, show_names)
    clerks: dict[int, ClerkTime] = {}
    for visit_id, clerk_id, started, finished in session.execute(
            select(Visit.id, Visit.clerk_id, Visit.started_at, Visit.finished_at).where(in_period)):
        ct = clerks.get(clerk_id)
        if ct is None:
            ct = clerks[clerk_id] = ClerkTime(names.get(clerk_id, str(clerk_id)))
        ct.errors += errors_of_visit.get(visit_id, 0)
        if finished is None or visit_id not in standard_of_visit:
            continue
        seconds = (finished - started).total_seconds()
        ct.time.add(seconds)
        ct.standard += standard_of_visit[visit_id]
        ct.over += seconds > standard_of_visit[visit_id]
    return TimeReport(period, sorted(pages.values(), key=lambda p: (p.procedure, p.page)),
                      sorted(fields.values(), key=lambda f: (f.procedure, f.field)),
                      sorted(procedures.values(), key=lambda p: p.procedure),
                      sorted(clerks.values(), key=lambda c: c.clerk))


# --- before / after ----------------------------------------------------------------------------

@dataclass(frozen=True)
class TimeChange:
    label: str
    baseline: float | None  # seconds (p50)
    current: float | None

    @property
    def percent(self) -> float | None:
        if self.baseline is None or self.current is None or not self.baseline:
            return None
        return (self.current - self.baseline) / self.baseline


def compare(baseline: TimeReport, current: TimeReport) -> list[TimeChange]:
    """Median page and procedure times of two periods, for what either period shows."""
    changes = []
    keys = sorted({(p.procedure, p.page) for p in baseline.pages + current.pages})
    for code, page in keys:
        b, c = baseline.page(code, page), current.page(code, page)
        title = (c or b).title
        changes.append(TimeChange(f"{code} {title}".strip(), b.time.p50 if b else None, c.time.p50 if c else None))
    for code in sorted({p.procedure for p in baseline.procedures + current.procedures}):
        b, c = baseline.procedure(code), current.procedure(code)
        changes.append(TimeChange(f"{code} {(c or b).name}", b.time.p50 if b else None, c.time.p50 if c else None))
    return changes


def report(ctx, period: Period, *, lang: str | None = None, show_names: bool | None = None) -> TimeReport:
    """For ctx's station, in a read-only session of its own (the tab's worker, the Excel sheet)."""
    from counter.db import reading

    with reading(ctx.sessions) as session:
        return compute(session, ctx.station.id, period, ctx.catalog, principal=ctx.principal,
                       lang=lang or getattr(ctx.config, "lang", "zh_CN"), show_names=show_names)


def minutes(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / 60


__all__ = ["ClerkTime", "FieldErrors", "PageTime", "ProcedureTime", "Stats", "TimeChange", "TimeReport",
           "clerk_names", "compare", "compute", "field_event_rows", "page_title", "report", "split_step",
           "standard_minutes"]

