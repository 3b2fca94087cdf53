"""KPIs from the timestamps, as DESIGN.md defines them (screen, Excel and tests use this module).

Definitions (durations are exact seconds between aware UTC timestamps, never SQL MINUTE()):

- wait (等候时长) = the answered call − ticket `issued_at`. The answered call is the last call
  or recall before service first started, stored once as `tickets.answered_at` when service
  starts (queueing; a transfer after the start does not move it). For a ticket never served: its first
  call − issued (a no-show), else the moment it left the queue (cancelled, closed at the end of
  the day) − issued, else — still waiting — now or the end of its service day, whichever is first.
- handling (办理时长) = visit `finished_at` − `started_at`.
- time in hall per visit (单次办事时长) = visit `finished_at` − its ticket's `issued_at`.
- time in hall per citizen (办事总时长, the citizen's figure) = from the citizen's first ticket to
  the end of the citizen's last visit on that service day (the same applicant ID number). For a
  citizen with one visit this equals the per-visit figure; a citizen who had to queue twice at
  separate 户政 and 交管 windows counts both queues, which is what merging the windows saves.
- service level (服务达标率) = share of tickets whose wait ≤ the target (default 20 min).
- no-show rate (过号率) = tickets marked no-show / tickets called.
- items per visit (人均事项) = items / visits.
- visits per clerk-hour (人时办件量) = visits / clerk-hours; a clerk's hours on a day run from the
  start of the clerk's first visit to the end of the last (there is no shift log).
- window utilisation (窗口利用率) = serving time / open time; a window counts as open from the
  start of its first visit of the day to the end of its last; serving = the sum of handling times.

Every figure is available for the whole period and grouped by day, hour of day, weekday,
weekday × hour, category (ticket letter), window, clerk, procedure and item category, with the
mean, p50 and p90 (percentile_cont: linear interpolation, like PostgreSQL's).

How it is computed: one streamed query per period (tickets ⟕ visits ⟕ items ⟕ ratings, and
walk-in visits) whose rows are exactly the rows of the Excel "明细 Raw" sheet, folded into all
groupings in one pass in Python. The same code path runs on SQLite and PostgreSQL (no
dialect-specific SQL); percentiles are exact (values kept in compact float arrays).
"""
from __future__ import annotations

import heapq
from array import array
from collections import Counter as Tally
from dataclasses import dataclass, field
from decimal import Decimal
from datetime import date, datetime, time, timedelta
from typing import Callable, Iterable, Iterator, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from counter import categories
from counter.clock import STATION_TZ, UTC, local
from counter.masking import mask_id_number
from counter.models import (
    Item,
    Rating,
    ServiceWindow,
    Ticket,
    TicketEvent,
    User,
    Visit,
)

DEFAULT_TARGET_MINUTES = 20
WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
CATEGORY_ZH = categories.zh_names()  # the ticket categories (counter/categories.py), "" = 无号
ITEM_CATEGORY_ZH = {"hz": "户政", "jg": "交管"}
OUTCOME_ZH = {"served": "已办理", "no_show": "过号", "cancelled": "取消", "closed": "日终关闭",
              "transferred": "已转移", None: "未结束", "": "未结束"}


# --- periods ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    """Local service days `start` .. `end`, both included (Asia/Shanghai)."""

    start: date
    end: date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def utc_bounds(self) -> tuple[datetime, datetime]:
        lo = datetime.combine(self.start, time(0), STATION_TZ).astimezone(UTC)
        hi = datetime.combine(self.end + timedelta(days=1), time(0), STATION_TZ).astimezone(UTC)
        return lo, hi

    def label(self) -> str:
        return f"{self.start:%Y-%m-%d} – {self.end:%Y-%m-%d}"


def period_preset(name: str, today: date) -> Period:
    """today | yesterday | this_week | last_week | this_month | last_month | this_year | last_30_days."""
    if name == "today":
        return Period(today, today)
    if name == "yesterday":
        return Period(today - timedelta(days=1), today - timedelta(days=1))
    if name == "this_week":
        return Period(today - timedelta(days=today.weekday()), today)
    if name == "last_week":
        monday = today - timedelta(days=today.weekday() + 7)
        return Period(monday, monday + timedelta(days=6))
    if name == "this_month":
        return Period(today.replace(day=1), today)
    if name == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return Period(last.replace(day=1), last)
    if name == "this_year":
        return Period(today.replace(month=1, day=1), today)
    if name == "last_30_days":
        return Period(today - timedelta(days=29), today)
    raise ValueError(f"unknown period preset {name!r}")


# --- distributions -----------------------------------------------------------------------------

def percentile_cont(sorted_values, fraction: float) -> float | None:
    """PostgreSQL's percentile_cont on an ascending sequence: linear interpolation."""
    n = len(sorted_values)
    if n == 0:
        return None
    pos = fraction * (n - 1)
    lo = int(pos)
    hi = min(lo + 1, n - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


class Dist:
    """Durations in seconds; every value is kept (8 bytes each) so percentiles are exact."""

    __slots__ = ("values", "add", "_sorted_len")

    def __init__(self):
        self.values = array("d")
        self.add = self.values.append  # the hot path: one C call per value
        self._sorted_len = -1

    @property
    def count(self) -> int:
        return len(self.values)

    @property
    def total(self) -> float:
        return sum(self.values)

    @property
    def max(self) -> float | None:
        return max(self.values) if self.values else None

    @property
    def mean(self) -> float | None:
        return sum(self.values) / len(self.values) if self.values else None

    def sorted(self) -> array:
        """The values in ascending order, sorted in place once (kept compact: 8 bytes a value)."""
        if self._sorted_len != len(self.values):
            self.values = array("d", sorted(self.values))
            self.add = self.values.append
            self._sorted_len = len(self.values)
        return self.values

    def percentile(self, fraction: float) -> float | None:
        return percentile_cont(self.sorted(), fraction)

    @property
    def p50(self) -> float | None:
        return self.percentile(0.5)

    @property
    def p90(self) -> float | None:
        return self.percentile(0.9)


@dataclass
class Group:
    """Every KPI's ingredients for one group (the whole period, one day, one clerk ...)."""

    tickets: int = 0
    called: int = 0
    served_tickets: int = 0
    no_shows: int = 0
    cancelled: int = 0
    closed: int = 0
    within_target: int = 0
    waited: int = 0  # tickets with a wait figure (all tickets)
    visits: int = 0
    items: int = 0
    fees: Decimal = Decimal("0")  # money stays Decimal; the Excel cell is the only float
    wait: Dist = field(default_factory=Dist)
    handling: Dist = field(default_factory=Dist)
    hall: Dist = field(default_factory=Dist)
    citizen: Dist = field(default_factory=Dist)
    item_time: Dist = field(default_factory=Dist)
    serving_seconds: float = 0.0
    open_seconds: float = 0.0
    clerk_seconds: float = 0.0
    rated: int = 0
    rating_sum: int = 0
    levels: Tally = field(default_factory=Tally)

    # -- the KPIs
    @property
    def service_level(self) -> float | None:
        return self.within_target / self.waited if self.waited else None

    @property
    def no_show_rate(self) -> float | None:
        return self.no_shows / self.called if self.called else None

    @property
    def items_per_visit(self) -> float | None:
        return self.items / self.visits if self.visits else None

    @property
    def visits_per_clerk_hour(self) -> float | None:
        return self.visits / (self.clerk_seconds / 3600) if self.clerk_seconds else None

    @property
    def utilisation(self) -> float | None:
        return self.serving_seconds / self.open_seconds if self.open_seconds else None

    @property
    def rating_mean(self) -> float | None:
        return self.rating_sum / self.rated if self.rated else None

    @property
    def satisfaction(self) -> float | None:
        """Share of ratings 4 or 5 (好评率)."""
        return (self.levels[4] + self.levels[5]) / self.rated if self.rated else None


# --- the KPI list (Summary sheet, comparison, dashboard) --------------------------------------

@dataclass(frozen=True)
class Kpi:
    key: str
    zh: str
    en: str
    unit: str  # "min" | "%" | "" | "count" | "per_h"
    get: Callable[[Group], float | None]
    lower_is_better: bool = True


def _minutes(value: float | None) -> float | None:
    return None if value is None else value / 60


KPIS: tuple[Kpi, ...] = (
    Kpi("tickets", "取号数", "Tickets issued", "count", lambda g: g.tickets, False),
    Kpi("visits", "办件数", "Visits", "count", lambda g: g.visits, False),
    Kpi("items", "办理事项数", "Items", "count", lambda g: g.items, False),
    Kpi("wait_mean", "平均等候时长", "Average wait", "min", lambda g: _minutes(g.wait.mean)),
    Kpi("wait_p50", "等候时长中位数 P50", "Wait p50", "min", lambda g: _minutes(g.wait.p50)),
    Kpi("wait_p90", "等候时长 P90", "Wait p90", "min", lambda g: _minutes(g.wait.p90)),
    Kpi("wait_max", "最长等候", "Longest wait", "min", lambda g: _minutes(g.wait.max)),
    Kpi("service_level", "服务达标率（等候≤目标）", "Service level (wait ≤ target)", "%",
        lambda g: g.service_level, False),
    Kpi("no_show_rate", "过号率", "No-show rate", "%", lambda g: g.no_show_rate),
    Kpi("handling_mean", "平均办理时长", "Average handling time", "min", lambda g: _minutes(g.handling.mean)),
    Kpi("handling_p50", "办理时长中位数 P50", "Handling p50", "min", lambda g: _minutes(g.handling.p50)),
    Kpi("handling_p90", "办理时长 P90", "Handling p90", "min", lambda g: _minutes(g.handling.p90)),
    Kpi("citizen_mean", "平均办事总时长（按人）", "Time in hall per citizen, average", "min",
        lambda g: _minutes(g.citizen.mean)),
    Kpi("citizen_p50", "办事总时长中位数 P50（按人）", "Time in hall per citizen p50", "min",
        lambda g: _minutes(g.citizen.p50)),
    Kpi("citizen_p90", "办事总时长 P90（按人）", "Time in hall per citizen p90", "min",
        lambda g: _minutes(g.citizen.p90)),
    Kpi("hall_mean", "平均单次办事时长（按号）", "Time in hall per visit, average", "min",
        lambda g: _minutes(g.hall.mean)),
    Kpi("hall_p50", "单次办事时长中位数 P50", "Time in hall per visit p50", "min", lambda g: _minutes(g.hall.p50)),
    Kpi("hall_p90", "单次办事时长 P90", "Time in hall per visit p90", "min", lambda g: _minutes(g.hall.p90)),
    Kpi("items_per_visit", "人均办理事项", "Items per visit", "", lambda g: g.items_per_visit, False),
    Kpi("visits_per_clerk_hour", "人时办件量", "Visits per clerk-hour", "per_h",
        lambda g: g.visits_per_clerk_hour, False),
    Kpi("utilisation", "窗口利用率", "Window utilisation", "%", lambda g: g.utilisation, False),
    Kpi("rating_mean", "平均评价（1–5）", "Average rating (1–5)", "", lambda g: g.rating_mean, False),
    Kpi("satisfaction", "好评率（4–5分）", "Satisfied (4–5)", "%", lambda g: g.satisfaction, False),
)
KPI_BY_KEY = {k.key: k for k in KPIS}


@dataclass(frozen=True)
class Change:
    kpi: Kpi
    baseline: float | None
    current: float | None

    @property
    def delta(self) -> float | None:
        if self.baseline is None or self.current is None:
            return None
        return self.current - self.baseline

    @property
    def percent(self) -> float | None:
        """(current − baseline) / baseline, as a fraction (−0.4 = 40% less)."""
        if self.delta is None or not self.baseline:
            return None
        return self.delta / self.baseline

    @property
    def better(self) -> bool | None:
        if not self.delta:
            return None
        return (self.delta < 0) == self.kpi.lower_is_better


def compare(baseline: Metrics, current: Metrics) -> list[Change]:
    return [Change(k, k.get(baseline.total), k.get(current.total)) for k in KPIS]


# --- the rows: one per item (and per ticket or visit without items) ---------------------------

class RawRow(NamedTuple):
    service_day: date
    ticket_id: int | None
    ticket_code: str
    category: str
    priority: bool
    outcome: str | None
    issued_at: datetime | None
    first_call_at: datetime | None
    answered_at: datetime | None
    recalls: int
    transfers: int
    wait_seconds: float | None
    window_id: int | None
    window_name: str
    clerk_id: int | None
    clerk_name: str
    visit_id: int | None
    visit_status: str | None
    visit_started_at: datetime | None
    visit_finished_at: datetime | None
    handling_seconds: float | None
    hall_seconds: float | None
    citizen_no: int | None
    id_number_masked: str
    items_in_visit: int
    position: int | None
    procedure_code: str
    procedure_name: str
    item_category: str
    item_status: str
    item_started_at: datetime | None
    item_finished_at: datetime | None
    item_seconds: float | None
    fee: Decimal
    rating: int | None
    rating_reason: str | None
    first_of_ticket: bool
    first_of_visit: bool


def _seconds(a: datetime | None, b: datetime | None) -> float | None:
    if a is None or b is None:
        return None
    return (b - a).total_seconds()


def _ticket_query(station_id: int, period: Period):
    rated = aliased(Rating)
    return (select(Ticket.id, Ticket.category, Ticket.number, Ticket.service_day, Ticket.priority, Ticket.outcome,
                   Ticket.status, Ticket.issued_at, Ticket.called_at, Ticket.answered_at, Ticket.recalls,
                   Ticket.started_at, Ticket.finished_at, Ticket.window_id,
                   Visit.id, Visit.status, Visit.window_id, Visit.clerk_id, Visit.applicant_id_number,
                   Visit.started_at, Visit.finished_at,
                   Item.position, Item.procedure_code, Item.category, Item.status, Item.started_at,
                   Item.finished_at, Item.fee, rated.level, rated.reason)
            .select_from(Ticket)
            .outerjoin(Visit, Visit.ticket_id == Ticket.id)
            .outerjoin(Item, Item.visit_id == Visit.id)
            .outerjoin(rated, rated.visit_id == Visit.id)
            .where(Ticket.station_id == station_id, Ticket.service_day >= period.start,
                   Ticket.service_day <= period.end)
            .order_by(Ticket.service_day, Ticket.issued_at, Ticket.id, Visit.id, Item.position))


def _walk_in_query(station_id: int, period: Period):
    lo, hi = period.utc_bounds()
    rated = aliased(Rating)
    return (select(Visit.id, Visit.status, Visit.window_id, Visit.clerk_id, Visit.applicant_id_number,
                   Visit.started_at, Visit.finished_at,
                   Item.position, Item.procedure_code, Item.category, Item.status, Item.started_at,
                   Item.finished_at, Item.fee, rated.level, rated.reason)
            .select_from(Visit)
            .outerjoin(Item, Item.visit_id == Visit.id)
            .outerjoin(rated, rated.visit_id == Visit.id)
            .where(Visit.station_id == station_id, Visit.ticket_id.is_(None), Visit.started_at >= lo,
                   Visit.started_at < hi)
            .order_by(Visit.started_at, Visit.id, Item.position))


def wait_end(*, answered: datetime | None, first_call: datetime | None, ended: datetime | None,
             day_end: datetime, now: datetime) -> datetime:
    """Where a ticket's wait stops (DESIGN.md): the call that was answered; for a ticket never
    served, its first call, else when it was cancelled or closed, but never past the end of its day."""
    if answered is not None:
        return answered
    return first_call or min(ended or now, day_end)


def local_day_end(day: date) -> datetime:
    """Midnight after `day` in the station's time zone, as UTC."""
    return datetime.combine(day + timedelta(days=1), time(0), STATION_TZ).astimezone(UTC)


def _transfer_counts(session: Session, station_id: int, period: Period) -> dict[int, int]:
    stmt = (select(TicketEvent.ticket_id, func.count())
            .join(Ticket, Ticket.id == TicketEvent.ticket_id)
            .where(Ticket.station_id == station_id, Ticket.service_day >= period.start,
                   Ticket.service_day <= period.end, TicketEvent.kind == "transfer")
            .group_by(TicketEvent.ticket_id))
    return dict(session.execute(stmt).all())


def count_raw_rows(session: Session, station_id: int, period: Period) -> int:
    """About how many rows `raw_rows` yields (for a progress bar)."""
    tickets = session.scalar(select(func.count()).select_from(Ticket).where(
        Ticket.station_id == station_id, Ticket.service_day >= period.start, Ticket.service_day <= period.end))
    items = session.scalar(select(func.count()).select_from(Item).join(Visit, Visit.id == Item.visit_id)
                           .join(Ticket, Ticket.id == Visit.ticket_id).where(
        Ticket.station_id == station_id, Ticket.service_day >= period.start, Ticket.service_day <= period.end))
    return max(tickets or 0, items or 0)


def raw_rows(session: Session, station_id: int, period: Period, *, now: datetime | None = None,
             catalog=None, batch: int = 5000) -> Iterator[RawRow]:
    """Every row of the period, streamed in service-day order (the Raw sheet and all KPIs)."""
    now = now or datetime.now(UTC)
    names = {}
    if catalog is not None:
        names = {p.code: p.name.zh_CN for p in catalog.procedures}
    windows = {w.id: w.name for w in session.scalars(select(ServiceWindow).where(
        ServiceWindow.station_id == station_id))}
    clerks = dict(session.execute(select(User.id, User.display_name)).all())
    transfers = _transfer_counts(session, station_id, period)
    day_end_cache: dict[date, datetime] = {}
    citizens: dict[tuple[date, str], int] = {}
    serial = [0]

    def day_end(day: date) -> datetime:
        found = day_end_cache.get(day)
        if found is None:
            found = day_end_cache[day] = local_day_end(day)
        return found

    def citizen_no(day: date, id_number: str | None, visit_id: int) -> int:
        key = (day, id_number) if id_number else (day, f"visit:{visit_id}")
        found = citizens.get(key)
        if found is None:
            serial[0] += 1
            found = citizens[key] = serial[0]
        return found

    def ticket_rows() -> Iterator[tuple]:
        result = session.execute(_ticket_query(station_id, period).execution_options(yield_per=batch))
        last_ticket = last_visit = None
        current_day = None
        for r in result:
            (tid, cat, number, day, priority, outcome, status, issued, first_call, answered_at, recalls, t_started,
             t_finished, t_window, vid, vstatus, vwindow, clerk, id_number, vstart, vfinish,
             pos, code, icat, istatus, istart, ifinish, fee, level, reason) = r
            if day != current_day:
                citizens.clear()
                current_day = day
            first_t = tid != last_ticket
            first_v = first_t or vid != last_visit
            last_ticket, last_visit = tid, vid
            answered = (answered_at or t_started) if t_started is not None else None
            ends = wait_end(answered=answered, first_call=first_call, ended=t_finished, day_end=day_end(day), now=now)
            window_id = vwindow if vid is not None else t_window
            yield (day, issued, RawRow(
                day, tid, f"{cat}{number:03d}", cat, bool(priority), outcome,
                issued, first_call, answered, recalls or 0, transfers.get(tid, 0), _seconds(issued, ends),
                window_id, windows.get(window_id, ""), clerk, clerks.get(clerk, "") if clerk else "",
                vid, vstatus, vstart, vfinish, _seconds(vstart, vfinish),
                _seconds(issued, vfinish) if vid is not None else None,
                citizen_no(day, id_number, vid) if vid is not None else None,
                mask_id_number(id_number) if id_number else "", 0,
                pos, code or "", names.get(code, code or ""), icat or "", istatus or "", istart, ifinish,
                _seconds(istart, ifinish), Decimal(fee or 0), level, reason, first_t, first_v))

    def walk_in_rows() -> Iterator[tuple]:
        result = session.execute(_walk_in_query(station_id, period).execution_options(yield_per=batch))
        last_visit = None
        for r in result:
            (vid, vstatus, vwindow, clerk, id_number, vstart, vfinish,
             pos, code, icat, istatus, istart, ifinish, fee, level, reason) = r
            first_v = vid != last_visit
            last_visit = vid
            day = local(vstart).date()
            yield (day, vstart, RawRow(
                day, None, "", "", False, None, None, None, None, 0, 0, None,
                vwindow, windows.get(vwindow, ""), clerk, clerks.get(clerk, ""),
                vid, vstatus, vstart, vfinish, _seconds(vstart, vfinish), None, None,
                mask_id_number(id_number) if id_number else "", 0,
                pos, code or "", names.get(code, code or ""), icat or "", istatus or "", istart, ifinish,
                _seconds(istart, ifinish), Decimal(fee or 0), level, reason, False, first_v))

    # items per visit need the whole visit: hold one visit's rows back
    pending: list[RawRow] = []
    for _day, _at, row in heapq.merge(ticket_rows(), walk_in_rows(), key=lambda t: (t[0], t[1])):
        if row.first_of_ticket or row.first_of_visit or row.visit_id is None:
            yield from _with_item_count(pending)
            pending = []
        pending.append(row)
    yield from _with_item_count(pending)


def _with_item_count(rows: list[RawRow]) -> list[RawRow]:
    if not rows:
        return rows
    n = sum(1 for r in rows if r.position is not None)
    return [r._replace(items_in_visit=n) for r in rows]


# --- folding rows into groups -------------------------------------------------------------------

DIMENSIONS = ("day", "hour", "weekday", "weekday_hour", "category", "window", "clerk", "procedure",
              "item_category")


@dataclass
class Metrics:
    period: Period
    target_minutes: float
    total: Group
    by: dict[str, dict] = field(default_factory=dict)
    rating_rows: list = field(default_factory=list)  # (day, ticket, clerk, window, level, reason) for 1–2

    def group(self, dimension: str, key) -> Group:
        table = self.by.get(dimension)
        if table is None:
            table = self.by[dimension] = {}
        found = table.get(key)
        if found is None:
            found = table[key] = Group()
        return found

    def table(self, dimension: str) -> list[tuple[object, Group]]:
        return sorted(self.by.get(dimension, {}).items(), key=lambda kv: (kv[0] is None, kv[0]))


class Accumulator:
    """Feed it RawRows (any order within a day, days in order); `result()` gives the Metrics."""

    def __init__(self, period: Period, target_minutes: float = DEFAULT_TARGET_MINUTES):
        self.metrics = Metrics(period, target_minutes, Group())
        self.target = target_minutes * 60
        self._day: date | None = None
        self._citizens: dict[int, list] = {}  # citizen no -> [first issued, last finished, hour]
        self._spans: dict[tuple[str, int], list] = {}  # (window|clerk, id) -> [first, last, serving]

    def add(self, row: RawRow) -> None:
        m = self.metrics
        if row.service_day != self._day:
            self._flush_day()
            self._day = row.service_day
        if not (row.first_of_ticket or row.first_of_visit):  # a visit's second or third item
            self._add_item(row)
            return
        stamp = row.issued_at or row.visit_started_at
        lt = local(stamp)
        keys = (("day", row.service_day), ("hour", lt.hour), ("weekday", lt.weekday()),
                ("weekday_hour", (lt.weekday(), lt.hour)), ("category", row.category))
        groups = [m.total] + [m.group(d, k) for d, k in keys]
        if row.window_id is not None:
            groups.append(m.group("window", row.window_id))
        if row.first_of_ticket:
            for g in groups:
                g.tickets += 1
                if row.first_call_at is not None:
                    g.called += 1
                if row.outcome == "no_show":
                    g.no_shows += 1
                elif row.outcome == "cancelled":
                    g.cancelled += 1
                elif row.outcome == "closed":
                    g.closed += 1
                if row.answered_at is not None:
                    g.served_tickets += 1
                if row.wait_seconds is not None:
                    g.waited += 1
                    g.wait.add(row.wait_seconds)
                    if row.first_call_at is not None and row.wait_seconds <= self.target:
                        g.within_target += 1  # called within the target; never called is never within
        if row.visit_id is None:
            return
        if row.clerk_id is not None:
            groups.append(m.group("clerk", row.clerk_id))
        if row.first_of_visit:
            for g in groups:
                g.visits += 1
                g.items += row.items_in_visit
                if row.handling_seconds is not None:
                    g.handling.add(row.handling_seconds)
                if row.hall_seconds is not None:
                    g.hall.add(row.hall_seconds)
                if row.rating is not None:
                    g.rated += 1
                    g.rating_sum += row.rating
                    g.levels[row.rating] += 1
            if row.rating is not None and row.rating <= 2:
                m.rating_rows.append(row)
            if row.visit_finished_at is not None:
                if row.citizen_no is not None and row.issued_at is not None:
                    c = self._citizens.get(row.citizen_no)
                    if c is None:
                        self._citizens[row.citizen_no] = [row.issued_at, row.visit_finished_at, lt.hour,
                                                          lt.weekday()]
                    else:
                        c[0] = min(c[0], row.issued_at)
                        c[1] = max(c[1], row.visit_finished_at)
                for kind, ident in (("window", row.window_id), ("clerk", row.clerk_id)):
                    if ident is None:
                        continue
                    start = row.visit_started_at
                    span = self._spans.get((kind, ident))
                    if span is None:
                        self._spans[(kind, ident)] = [start, row.visit_finished_at, row.handling_seconds or 0.0]
                    else:
                        span[0] = min(span[0], start)
                        span[1] = max(span[1], row.visit_finished_at)
                        span[2] += row.handling_seconds or 0.0
        self._add_item(row)

    def _add_item(self, row: RawRow) -> None:
        m = self.metrics
        if row.position is not None:
            item_groups = (m.group("procedure", row.procedure_code), m.group("item_category", row.item_category))
            for g in item_groups:
                g.items += 1
                g.fees += row.fee
                if row.item_seconds is not None:
                    g.item_time.add(row.item_seconds)
            m.total.fees += row.fee
            if row.item_seconds is not None:
                m.total.item_time.add(row.item_seconds)

    def _flush_day(self) -> None:
        m = self.metrics
        if self._day is None:
            return
        day_group = m.group("day", self._day)
        for first, last, hour, weekday in self._citizens.values():
            seconds = (last - first).total_seconds()
            for g in (m.total, day_group, m.group("hour", hour), m.group("weekday", weekday),
                      m.group("weekday_hour", (weekday, hour))):
                g.citizen.add(seconds)
        for (kind, ident), (first, last, serving) in self._spans.items():
            seconds = max(0.0, (last - first).total_seconds())
            g = m.group(kind, ident)
            if kind == "window":
                for target in (g, m.total, day_group):
                    target.open_seconds += seconds
                    target.serving_seconds += serving
            else:
                for target in (g, m.total, day_group):
                    target.clerk_seconds += seconds
        self._citizens.clear()
        self._spans.clear()

    def result(self) -> Metrics:
        self._flush_day()
        self._day = None
        return self.metrics


def compute(ctx, period: Period, *, target_minutes: float | None = None,
            rows: Iterable[RawRow] | None = None) -> Metrics:
    """Every KPI of the period for ctx's station (read-only session of its own)."""
    from counter.db import reading

    target = target_minutes if target_minutes is not None else getattr(ctx.config, "service_level_minutes",
                                                                        DEFAULT_TARGET_MINUTES)
    acc = Accumulator(period, target)
    if rows is not None:
        for row in rows:
            acc.add(row)
        return acc.result()
    with reading(ctx.sessions) as session:
        for row in raw_rows(session, ctx.station.id, period, now=ctx.clock.now(), catalog=ctx.catalog):
            acc.add(row)
    return acc.result()


# --- today, live (the manager's dashboard) ------------------------------------------------------

@dataclass
class WindowNow:
    number: int
    name: str
    state: str
    ticket: str | None
    ticket_status: str | None
    since: datetime | None
    clerk: str
    visits: int


@dataclass
class Today:
    at: datetime
    waiting: dict[str, int]
    longest_wait_seconds: float | None
    longest_wait_ticket: str | None
    tickets: int
    visits: int
    no_shows: int
    wait: Dist
    handling: Dist
    service_level: float | None
    windows: list[WindowNow]
    clerks: list[tuple[str, int, float | None]]  # name, visits, mean handling seconds


def today_live(session: Session, station_id: int, now: datetime,
               target_minutes: float = DEFAULT_TARGET_MINUTES) -> Today:
    """The live figures of the day: small indexed queries (today's tickets and visits only)."""
    from counter.categories import CATEGORIES

    day = local(now).date()
    lo = datetime.combine(day, time(0), STATION_TZ).astimezone(UTC)
    waiting = {c.letter: 0 for c in CATEGORIES}
    longest, longest_code = None, None
    wait, handling = Dist(), Dist()
    tickets = no_shows = within = 0
    codes: dict[int, str] = {}
    rows = session.execute(select(Ticket.id, Ticket.category, Ticket.number, Ticket.status, Ticket.outcome,
                                  Ticket.issued_at, Ticket.called_at, Ticket.answered_at, Ticket.started_at,
                                  Ticket.finished_at)
                           .where(Ticket.station_id == station_id, Ticket.service_day == day))
    end_of_day = local_day_end(day)
    for tid, cat, number, status, outcome, issued, first_call, answered_at, started, finished in rows:
        tickets += 1
        codes[tid] = f"{cat}{number:03d}"
        if status == "waiting":
            waiting[cat] = waiting.get(cat, 0) + 1
            seconds = (now - issued).total_seconds()
            if longest is None or seconds > longest:
                longest, longest_code = seconds, codes[tid]
        if outcome == "no_show":
            no_shows += 1
        answered = (answered_at or started) if started is not None else None
        end = wait_end(answered=answered, first_call=first_call, ended=finished, day_end=end_of_day, now=now)
        w = (end - issued).total_seconds()
        wait.add(w)  # the same rule as the reports: the screen and the Excel file agree
        within += first_call is not None and w <= target_minutes * 60
    per_clerk: dict[int, Dist] = {}
    per_window: dict[int, int] = {}
    last_clerk: dict[int, int] = {}
    visits = 0
    vrows = session.execute(select(Visit.window_id, Visit.clerk_id, Visit.started_at, Visit.finished_at)
                            .where(Visit.station_id == station_id, Visit.started_at >= lo,
                                   Visit.started_at < lo + timedelta(days=1))
                            .order_by(Visit.started_at))
    for window_id, clerk_id, started, finished in vrows:
        visits += 1
        seconds = _seconds(started, finished)
        d = per_clerk.setdefault(clerk_id, Dist())
        if seconds is not None:
            handling.add(seconds)
            d.add(seconds)
        else:
            d.add(0.0)  # counted, no time
        per_window[window_id] = per_window.get(window_id, 0) + 1
        last_clerk[window_id] = clerk_id
    names = dict(session.execute(select(User.id, User.display_name)).all())
    windows = []
    current_ids = {}
    for w in session.scalars(select(ServiceWindow).where(ServiceWindow.station_id == station_id)
                             .order_by(ServiceWindow.number)):
        current_ids[w.id] = w.current_ticket_id
        windows.append(w)
    current = {}
    ids = [i for i in current_ids.values() if i]
    if ids:
        for t in session.execute(select(Ticket.id, Ticket.category, Ticket.number, Ticket.status,
                                        Ticket.last_called_at, Ticket.started_at).where(Ticket.id.in_(ids))):
            current[t[0]] = t
    window_rows = []
    for w in windows:
        t = current.get(w.current_ticket_id)
        active = t is not None and t[3] in ("called", "serving")
        window_rows.append(WindowNow(
            number=w.number, name=w.name, state=w.state,
            ticket=f"{t[1]}{t[2]:03d}" if active else None, ticket_status=t[3] if active else None,
            since=(t[5] or t[4]) if active else None, clerk=names.get(last_clerk.get(w.id), ""),
            visits=per_window.get(w.id, 0)))
    clerks = sorted(((names.get(cid, str(cid)), d.count, d.mean) for cid, d in per_clerk.items()),
                    key=lambda c: (-c[1], c[0]))
    waited = wait.count
    return Today(at=now, waiting=waiting, longest_wait_seconds=longest, longest_wait_ticket=longest_code,
                 tickets=tickets, visits=visits, no_shows=no_shows, wait=wait, handling=handling,
                 service_level=within / waited if waited else None, windows=window_rows, clerks=clerks)


def minutes_text(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


__all__ = [
    "Accumulator", "Change", "DIMENSIONS", "Dist", "Group", "KPIS", "KPI_BY_KEY", "Kpi", "Metrics", "Period",
    "RawRow", "Today", "WindowNow", "compare", "compute", "count_raw_rows", "minutes_text", "percentile_cont",
    "period_preset", "raw_rows", "today_live",
]
