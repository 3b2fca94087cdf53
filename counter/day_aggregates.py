"""The manager's period view from per-day aggregates: closed days are computed once and kept.

`metrics.compute` walks every raw row of the period (about 100 µs a row: a year of a 34-window
hall is ~260,000 rows, tens of seconds). Every figure of a day depends on that day's rows only
(citizens and window spans are per day), and every part of a `metrics.Group` adds up (counts,
sums, the kept durations), so the metrics of a period are the merged metrics of its days.
`DayAggregates` keeps each closed day's `Metrics` (one pass over the raw rows computes all
missing days of a range), recomputes the recent days every time (a rating or a retried finish
may still land there), drops a kept day when a rating for it arrives later, and merges.

Kept across restarts (the manager window: `DayAggregates(cache=day_cache.default_file)`): the
closed days are loaded from the terminal's cache file at the first `fill` or `metrics` and
written back at the end of a `fill` that changed them (or by `save`), both on the caller's
thread — the window's background tasks, never the GUI thread. Each kept day carries the
fingerprint of its rows (counts and highest ids, `day_cache.day_prints`) taken just before it
was computed; when the file is loaded, one grouped statement over the cached days drops every
day whose rows changed since. The whole file is ignored when the figures' code, the database
(a random number stored with the station) or the format differ, when it is damaged or foreign,
or when the database's ratings end below the file's rating mark (a restore); a day is kept per
service-level target. Nothing here raises for the cache: a file that cannot be read or written
is logged and the days are computed (counter/day_cache.py, docs/day-cache.md).
Without `cache` (the default) everything stays in memory.

No Qt; new functions beside `metrics` (its internals are not changed here).
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import fields
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from counter.metrics import Accumulator, Group, Metrics, Period, raw_rows

if TYPE_CHECKING:
    from counter.day_cache import Names

log = logging.getLogger(__name__)

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


Key = tuple[int, float, date]  # station, target minutes, day


class DayAggregates:
    """Per-day metrics of one station, kept for closed days (thread-safe: the window's pool).

    `cache`: the file to keep them in across restarts (a path, or a callable giving it, called
    on first use — `day_cache.default_file` touches the data folder); None: memory only."""

    def __init__(self, cache: Path | Callable[[], Path] | None = None):
        self._days: dict[Key, Metrics] = {}
        self._packed: dict[Key, Any] = {}  # as read from the file: decoded when first needed
        self._prints: dict[Key, tuple] = {}  # what the day's rows were (with a file only)
        self._names: Names | None = None  # the names the file's rating rows get
        self._rating_mark: int | None = None
        self._lock = threading.Lock()
        self._save_lock = threading.Lock()
        self._stopped = threading.Event()
        self._cache = cache
        self._loaded = cache is None  # nothing to load without a file
        self._dirty = False  # days kept or dropped since the file was read or written
        self.last_load: dict[str, float] = {}  # what the load found and cost (logs, benchmarks)

    def stop(self) -> None:
        """The window closes: a running `fill` ends after its current chunk (and saves)."""
        self._stopped.set()

    def __len__(self) -> int:
        return len(self._days) + sum(1 for key in self._packed if key not in self._days)

    @property
    def dirty(self) -> bool:
        """Kept days not in the cache file yet (a plain flag: cheap on any thread)."""
        return self._dirty and self._cache is not None

    def _kept(self, key: Key) -> bool:
        return key in self._days or key in self._packed

    def _drop(self, key: Key) -> None:
        self._days.pop(key, None)
        self._packed.pop(key, None)
        self._prints.pop(key, None)
        self._dirty = True

    def _unpack(self, keys: Iterable[Key]) -> None:
        """Decode the file's days among `keys` (under the lock); one that fails is dropped (and
        computed by the caller)."""
        from counter import day_cache

        keys = [key for key in keys if key in self._packed and key not in self._days]
        if not keys:
            return
        assert self._names is not None  # set with the packed days
        with day_cache.paused_gc():
            for key in keys:
                try:
                    self._days[key] = day_cache.decode_day(self._packed[key], key[2], key[1], self._names)
                except Exception:
                    log.warning("a day of the day cache could not be decoded: computed again", exc_info=True)
                    self._drop(key)

    def _path(self) -> Path:
        cache = self._cache
        assert cache is not None
        return Path(cache()) if callable(cache) else Path(cache)

    def _load(self, ctx) -> None:
        """The cache file's valid days, once (under the lock). Never raises."""
        if self._loaded:
            return
        self._loaded = True
        import time

        from counter import day_cache

        started = time.perf_counter()
        try:
            loaded = day_cache.load(ctx, self._path())
        except day_cache.Unusable as exc:
            log.info("day cache not used: %s", exc)
            self._dirty = True  # written again at the next save
            return
        except Exception:
            log.warning("day cache could not be loaded; the days are computed", exc_info=True)
            self._dirty = True
            return
        if loaded is None:
            return
        station = ctx.station.id
        self._names = loaded.names
        for target, day, print_, data in loaded.entries:
            key = (station, target, day)
            if not self._kept(key):
                self._packed[key], self._prints[key] = data, print_
        self._rating_mark = loaded.rating_mark
        if loaded.dropped:
            self._dirty = True
        self.last_load = {"days": len(loaded.entries), "dropped": loaded.dropped,
                          "seconds": time.perf_counter() - started}
        log.info("day cache: %d days loaded, %d dropped (their rows changed) in %.2f s",
                 len(loaded.entries), loaded.dropped, self.last_load["seconds"])

    def save(self, ctx) -> bool:
        """Write the kept days of ctx's station to the cache file if they changed. Never raises:
        a failure is logged (the days stay in memory; the next save tries again)."""
        if self._cache is None:
            return False
        from counter import day_cache

        with self._save_lock:
            with self._lock:
                if not self._dirty or self._rating_mark is None:
                    return False
                station = ctx.station.id
                keys = [key for key in {**self._packed, **self._days} if key[0] == station and key in self._prints]
                entries = [(key[1], key[2], self._prints[key], self._packed.get(key) or self._days[key])
                           for key in keys]  # a day read from the file is written as it was read
                mark = self._rating_mark
                self._dirty = False
            try:  # outside the lock: kept days are only read (merge copies their values)
                size = day_cache.save(ctx, self._path(), entries, mark)
            except Exception:
                log.warning("day cache could not be written", exc_info=True)
                self._dirty = True
                return False
        log.info("day cache: %d days written (%.1f MB)", len(entries), size / 1e6)
        return True

    def _forget_rated_late(self, ctx) -> None:
        """A rating that arrived after its day was kept: that day is computed again. Ratings that
        end below the mark (the database was restored): every kept day is."""
        from counter.db import reading
        from counter.models import Rating, Visit

        with reading(ctx.sessions) as session:
            newest = session.scalar(select(func.max(Rating.id))) or 0
            if self._rating_mark is not None and newest < self._rating_mark:
                for key in [*self._days, *self._packed]:
                    self._drop(key)
            elif self._rating_mark is not None and newest > self._rating_mark:
                stale = {started for (started,) in session.execute(
                    select(Visit.started_at).join(Rating, Rating.visit_id == Visit.id)
                    .where(Rating.id > self._rating_mark, Visit.station_id == ctx.station.id))}
                from counter.clock import local

                days = {local(s).date() for s in stale if s is not None}
                for key in [k for k in [*self._days, *self._packed] if k[2] in days]:
                    self._drop(key)
        self._rating_mark = newest

    def _compute(self, ctx, block: Period, target: float, keep_until: date) -> dict[date, Metrics]:
        """The days of `block`; those up to `keep_until` kept (with their fingerprint, taken first:
        a change while they are computed shows as a changed day at the next load)."""
        prints: dict[date, tuple] | None = None
        if self._cache is not None and block.start <= keep_until:
            from counter import day_cache
            from counter.db import reading

            with reading(ctx.sessions) as session:
                prints = day_cache.day_prints(session, ctx.station.id, block)
        days = compute_days(ctx, block, target)
        station = ctx.station.id
        for day, m in days.items():
            if day <= keep_until:
                key = (station, target, day)
                self._days[key] = m
                if prints is not None:
                    self._prints[key] = prints.get(day, ())
                    self._dirty = True
        return days

    def fill(self, ctx, period: Period, *, chunk_days: int = 14, target_minutes: float | None = None) -> int:
        """Compute and keep the closed days of `period` not kept yet, newest first, a few days at a
        time (the lock is let go between chunks: a view asked for meanwhile waits seconds, not
        the whole fill; days read from the cache file are decoded the same way), then write the
        cache file if one is kept and anything changed. Returns the number of days computed."""
        target = float(target_minutes if target_minutes is not None else ctx.config.service_level_minutes)
        station = ctx.station.id
        last_closed = min(period.end, ctx.clock.today() - timedelta(days=VOLATILE_DAYS))
        with self._lock:
            self._load(ctx)
            self._forget_rated_late(ctx)  # the mark is set before any day is computed
        done = 0
        end = last_closed
        while end >= period.start and not self._stopped.is_set():
            start = max(period.start, end - timedelta(days=chunk_days - 1))
            with self._lock:
                keys = [(station, target, start + timedelta(days=i)) for i in range((end - start).days + 1)]
                self._unpack(keys)
                for block in _ranges([key[2] for key in keys if not self._kept(key)]):
                    done += len(self._compute(ctx, block, target, last_closed))
            end = start - timedelta(days=1)
        self.save(ctx)
        return done

    def metrics(self, ctx, period: Period, *, target_minutes: float | None = None,
                dimensions: tuple[str, ...] = VIEW_DIMENSIONS) -> Metrics:
        target = float(target_minutes if target_minutes is not None else ctx.config.service_level_minutes)
        station = ctx.station.id
        volatile_from = ctx.clock.today() - timedelta(days=VOLATILE_DAYS - 1)
        with self._lock:
            self._load(ctx)
            self._forget_rated_late(ctx)
            wanted = [period.start + timedelta(days=i) for i in range(period.days)]
            self._unpack((station, target, d) for d in wanted if d < volatile_from)
            missing = [d for d in wanted if d >= volatile_from or (station, target, d) not in self._days]
            fresh: dict[date, Metrics] = {}
            for block in _ranges(missing):
                fresh.update(self._compute(ctx, block, target, volatile_from - timedelta(days=1)))
            parts = [fresh.get(d) or self._days[(station, target, d)] for d in wanted]
        return merge(period, target, parts, dimensions)
