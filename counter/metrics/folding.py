"""Folding the rows into every grouping in one pass: `Metrics`, `compute`."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Iterable


from counter.clock import local
from counter.metrics.dist import Group
from counter.metrics.names import DEFAULT_TARGET_MINUTES
from counter.metrics.periods import Period
from counter.metrics.rows import RawRow, raw_rows

if TYPE_CHECKING:
    from counter.context import AppContext


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


def compute(ctx: AppContext, period: Period, *, target_minutes: float | None = None,
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
