"""The manager's period view from per-day aggregates: closed days are computed once and kept.

`metrics.compute` walks every raw row of the period (about 100 µs a row: a year of a 34-window
hall is ~260,000 rows, tens of seconds). Every figure of a day depends on that day's rows only
(citizens and window spans are per day), and every part of a `metrics.Group` adds up (counts,
sums, the kept durations), so the metrics of a period are the merged metrics of its days.
`DayAggregates` keeps each closed day's `Metrics` (in memory; one pass over the raw rows computes
all missing days of a range), recomputes the recent days every time (a rating or a retried
finish may still land there), drops a kept day when a rating for it arrives later, and merges.

No Qt; new functions beside `metrics` (its internals are not changed here).
"""
from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import fields
from datetime import date, timedelta

from sqlalchemy import func, select

from counter.metrics import Accumulator, Group, Metrics, Period, raw_rows

VOLATILE_DAYS = 3  # today and the two days before: always recomputed
VIEW_DIMENSIONS = ("day", "hour", "weekday", "weekday_hour", "category", "window", "clerk", "procedure",
                   "item_category")
MANAGER_DIMENSIONS = ("day", "hour", "window", "clerk", "procedure")  # what the manager window shows
_MERGED = frozenset({"tickets", "called", "served_tickets", "no_shows", "cancelled", "closed", "within_target",
                     "waited", "visits", "items", "fees", "wait", "handling", "hall", "citizen", "item_time",
                     "serving_seconds", "open_seconds", "clerk_seconds", "rated", "rating_sum", "levels"})
assert _MERGED == {f.name for f in fields(Group)}, "metrics.Group changed: update merge_group"


def merge_group(into: Group, part: Group) -> None:
    """Add `part` into `into` (spelled out: this runs ~50,000 times for a year)."""
    into.tickets += part.tickets
    into.called += part.called
    into.served_tickets += part.served_tickets
    into.no_shows += part.no_shows
    into.cancelled += part.cancelled
    into.closed += part.closed
    into.within_target += part.within_target
    into.waited += part.waited
    into.visits += part.visits
    into.items += part.items
    into.fees += part.fees
    into.serving_seconds += part.serving_seconds
    into.open_seconds += part.open_seconds
    into.clerk_seconds += part.clerk_seconds
    into.rated += part.rated
    into.rating_sum += part.rating_sum
    for mine, theirs in ((into.wait, part.wait), (into.handling, part.handling), (into.hall, part.hall),
                         (into.citizen, part.citizen), (into.item_time, part.item_time)):
        if theirs.values:
            mine.values.extend(theirs.values)
            mine.add = mine.values.append
    if part.levels:
        into.levels.update(part.levels)


def merge(period: Period, target_minutes: float, parts: Iterable[Metrics],
          dimensions: tuple[str, ...] = VIEW_DIMENSIONS) -> Metrics:
    """The metrics of `period` from its days' metrics (the same figures `metrics.compute` gives)."""
    out = Metrics(period, target_minutes, Group())
    for part in parts:
        merge_group(out.total, part.total)
        for dimension in dimensions:
            table = part.by.get(dimension)
            if not table:
                continue
            mine = out.by.setdefault(dimension, {})
            for key, group in table.items():
                found = mine.get(key)
                if found is None:
                    found = mine[key] = Group()
                merge_group(found, group)
        out.rating_rows.extend(part.rating_rows)
    return out


def compute_days(ctx, period: Period, target_minutes: float) -> dict[date, Metrics]:
    """Each day of `period` on its own, from one pass over the raw rows (in service-day order)."""
    from counter.db import reading

    days: dict[date, Metrics] = {}
    acc: Accumulator | None = None
    current: date | None = None
    with reading(ctx.sessions) as session:
        for row in raw_rows(session, ctx.station.id, period, now=ctx.clock.now(), catalog=ctx.catalog):
            if acc is None or row.service_day != current:  # acc is None only before the first row
                if acc is not None and current is not None:
                    days[current] = acc.result()
                current, acc = row.service_day, Accumulator(Period(row.service_day, row.service_day),
                                                            target_minutes)
            acc.add(row)
    if acc is not None and current is not None:  # set together
        days[current] = acc.result()
    day = period.start
    while day <= period.end:  # a day without rows is an empty day, kept as such
        days.setdefault(day, Metrics(Period(day, day), target_minutes, Group()))
        day += timedelta(days=1)
    return days


def _ranges(days: list[date]) -> list[Period]:
    """Consecutive days as periods: one pass over the raw rows each."""
    out: list[Period] = []
    for day in sorted(days):
        if out and out[-1].end + timedelta(days=1) == day:
            out[-1] = Period(out[-1].start, day)
        else:
            out.append(Period(day, day))
    return out


class DayAggregates:
    """Per-day metrics of one station, kept for closed days (thread-safe: the window's pool)."""

    def __init__(self):
        self._days: dict[tuple[int, float, date], Metrics] = {}
        self._rating_mark: int | None = None
        self._lock = threading.Lock()
        self._stopped = threading.Event()

    def stop(self) -> None:
        """The window closes: a running `fill` ends after its current chunk."""
        self._stopped.set()

    def __len__(self) -> int:
        return len(self._days)

    def _forget_rated_late(self, ctx) -> None:
        """A rating that arrived after its day was kept: that day is computed again."""
        from counter.db import reading
        from counter.models import Rating, Visit

        with reading(ctx.sessions) as session:
            newest = session.scalar(select(func.max(Rating.id))) or 0
            if self._rating_mark is not None and newest > self._rating_mark:
                stale = {started for (started,) in session.execute(
                    select(Visit.started_at).join(Rating, Rating.visit_id == Visit.id)
                    .where(Rating.id > self._rating_mark, Visit.station_id == ctx.station.id))}
                from counter.clock import local

                days = {local(s).date() for s in stale if s is not None}
                for key in [k for k in self._days if k[2] in days]:
                    del self._days[key]
        self._rating_mark = newest

    def fill(self, ctx, period: Period, *, chunk_days: int = 14, target_minutes: float | None = None) -> int:
        """Compute and keep the closed days of `period` not kept yet, newest first, a few days at a
        time (the lock is let go between chunks: a view asked for meanwhile waits seconds, not
        the whole fill). Returns the number of days computed."""
        target = float(target_minutes if target_minutes is not None else ctx.config.service_level_minutes)
        station = ctx.station.id
        last_closed = min(period.end, ctx.clock.today() - timedelta(days=VOLATILE_DAYS))
        done = 0
        end = last_closed
        while end >= period.start and not self._stopped.is_set():
            start = max(period.start, end - timedelta(days=chunk_days - 1))
            with self._lock:
                missing = [start + timedelta(days=i) for i in range((end - start).days + 1)
                           if (station, target, start + timedelta(days=i)) not in self._days]
                for block in _ranges(missing):
                    for day, m in compute_days(ctx, block, target).items():
                        self._days[(station, target, day)] = m
                        done += 1
            end = start - timedelta(days=1)
        return done

    def metrics(self, ctx, period: Period, *, target_minutes: float | None = None,
                dimensions: tuple[str, ...] = VIEW_DIMENSIONS) -> Metrics:
        target = float(target_minutes if target_minutes is not None else ctx.config.service_level_minutes)
        station = ctx.station.id
        volatile_from = ctx.clock.today() - timedelta(days=VOLATILE_DAYS - 1)
        with self._lock:
            self._forget_rated_late(ctx)
            wanted = [period.start + timedelta(days=i) for i in range(period.days)]
            missing = [d for d in wanted if d >= volatile_from or (station, target, d) not in self._days]
            fresh: dict[date, Metrics] = {}
            for block in _ranges(missing):
                fresh.update(compute_days(ctx, block, target))
            for day, m in fresh.items():
                if day < volatile_from:
                    self._days[(station, target, day)] = m
            parts = [fresh.get(d) or self._days[(station, target, d)] for d in wanted]
        return merge(period, target, parts, dimensions)

