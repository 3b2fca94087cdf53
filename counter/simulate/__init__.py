"""Realistic simulated hall traffic, for demos, reports and benchmarks (`python main.py demo`).

A small discrete-event simulation per day, deterministic for a seed:

- arrivals: a morning peak (about 09:45), a smaller afternoon peak (about 14:45) and a flat
  background between 08:30 and 17:00; Saturdays and Sundays lighter with fewer windows open;
- each citizen brings 1-3 procedures (popular ones more often); service time per item is
  lognormal around the catalogue's `typical_minutes`, plus a couple of minutes for the identity
  page, which a merged window asks for once per visit;
- windows serve first come, first served from the queue(s) they serve; some tickets are
  priority (绿色通道, letter V), some called citizens need a recall, a few never come (no-show
  after a recall), a few give up when the queue looks too long (cancelled), tickets still
  waiting at 18:00 are closed; some visits get a rating (好差评), the low ones with a reason;
- `before`: until that date 户政 (A) and 交管 (B) are served at separate windows, and a citizen
  with both kinds of business takes a second ticket after the first visit and queues again;
  from that date every window serves everything (C), one ticket and one visit per citizen.

Rows are written with bulk Core inserts (one `executemany` per table and chunk of days), never
ORM objects one by one: a year of a 34-window hall takes seconds. The database assigns the
primary keys: on PostgreSQL they are drawn from the tables' own sequences in blocks (so a
terminal working on the same database meanwhile can never get the same id); on SQLite the
chunk's transaction holds the write lock from its start (BEGIN IMMEDIATE), and the ids follow
the table's highest, as SQLite's own rowid allocation would.
A day that is "today" is cut at the clock's now: later tickets do not exist yet, and the ones
being called or served are left in that state, so the live dashboard has something to show.
"""
from __future__ import annotations

import json
import math
import random
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy import func, select, update

from counter import categories
from counter.clock import local_day
from counter.models import (
    Item,
    Rating,
    Receipt,
    Role,
    ServiceWindow,
    Ticket,
    TicketEvent,
    User,
    Visit,
)
from counter.simulate.model import (
    CHUNK_DAYS,
    POPULARITY,
    SimOptions,
    SimResult,
    SimulationError,
    _hz_windows,
    _hz_work_share,
    _LiveState,
    _simulate_day,
)
from counter.simulate.writer import _Ids, _Rows
from counter.windows import window_row
from counter.stepsim import seed_step_events


def simulate(ctx, options: SimOptions, progress: Callable[[int, int], None] | None = None) -> SimResult:
    """Write `options.days` days of traffic ending `options.end` (default today) for ctx's station."""
    import time as _time

    t0 = _time.perf_counter()
    rng = random.Random(options.seed)
    now = ctx.clock.now()
    end = options.end or local_day(now)
    first = end - timedelta(days=options.days - 1)
    station = ctx.station
    procs = list(ctx.catalog.procedures)
    weights = [POPULARITY.get(p.code, 1.0) for p in procs]
    hz = [p for p in procs if p.category == "hz"]
    jg = [p for p in procs if p.category == "jg"]
    hz_w = [POPULARITY.get(p.code, 1.0) for p in hz]
    jg_w = [POPULARITY.get(p.code, 1.0) for p in jg]
    from counter.forms.engine import fee_for, promised_date

    fees = {p.code: fee_for(p, {}) for p in procs}
    materials = {p.code: json.dumps({m.code: "received" for m in p.materials if m.required}) for p in procs}
    merged_from = options.before_after
    result = SimResult(first_day=first, last_day=end)

    with ctx.sessions() as session:
        taken = session.scalar(select(func.count(Ticket.id)).where(
            Ticket.station_id == station.id, Ticket.service_day >= first, Ticket.service_day <= end))
    if taken:
        raise SimulationError(f"{first} – {end} 已有 {taken} 张号，模拟数据只写入空白日期 / "
                              f"{taken} tickets already exist between {first} and {end}: simulate into empty days only")
    if options.hz_work_share is None:
        options = replace(options, hz_work_share=_hz_work_share(options, procs, weights, (hz, hz_w), (jg, jg_w)))
    window_ids, clerk_ids = _prepare_windows_and_clerks(ctx, options, merged_from is None or end >= merged_from)
    state = _LiveState()
    day = first
    while day <= end:
        chunk_end = min(end, day + timedelta(days=CHUNK_DAYS - 1))
        with ctx.sessions.begin() as session:
            ids = _Ids(session, Ticket, TicketEvent, Visit, Item, Rating, Receipt)
            rows = _Rows()
            d = day
            while d <= chunk_end:
                merged = merged_from is None or d >= merged_from
                _simulate_day(rng, d, options, merged, station, window_ids, clerk_ids, procs, weights,
                              (hz, hz_w), (jg, jg_w), fees, materials, promised_date, now, ids, rows, state)
                result.days += 1
                d += timedelta(days=1)
            rows.write(session, station.id)
            result.tickets += len(rows.tickets)
            result.visits += len(rows.visits)
            result.items += len(rows.items)
            result.events += len(rows.events)
            result.ratings += len(rows.ratings)
        if progress:
            progress((chunk_end - first).days + 1, options.days)
        day = chunk_end + timedelta(days=1)
    _finish(ctx, window_ids, state, now)
    if options.page_times:
        seed_step_events(ctx, seed=options.seed)
    result.seconds = _time.perf_counter() - t0
    return result


CLERK_NAMES = ("刘警官", "陈警官", "杨辅警", "黄警官", "赵辅警", "吴警官", "周辅警", "徐警官", "孙辅警", "马警官",
               "朱辅警", "胡警官", "郭辅警", "何警官", "高辅警", "林警官", "罗辅警", "郑警官", "梁辅警", "谢警官")


def _prepare_windows_and_clerks(ctx, options: SimOptions, merged_now: bool) -> tuple[list[int], list[int]]:
    """Windows 1..W (created if missing) and enough active clerks (existing ones first)."""
    from counter.auth import hash_password

    station = ctx.station
    need_clerks = options.clerks or max(options.windows, math.ceil(options.windows * 1.25))
    half = _hz_windows(options.windows, options.hz_work_share)
    with ctx.sessions.begin() as session:
        windows = {w.number: w for w in session.scalars(
            select(ServiceWindow).where(ServiceWindow.station_id == station.id))}
        window_ids = []
        for number in range(1, options.windows + 1):
            cats = categories.ALL if merged_now else ("A,V" if number <= half else "B,V")
            found = windows.get(number)
            if found is None:
                name = f"{number}号综合窗口" if merged_now else f"{number}号{'户政' if number <= half else '交管'}窗口"
                found = window_row(session, station.id, number, categories=cats, name=name)
            window_ids.append(found.id)
        clerks = list(session.scalars(select(User.id).where(
            User.station_id == station.id, User.role == Role.CLERK.value, User.active.is_(True)).order_by(User.id)))
        if len(clerks) < need_clerks:
            taken = set(session.scalars(select(User.username)))
            password = hash_password("Clerk@2026")  # one hash for every simulated clerk: hashing is slow
            n = 0
            while len(clerks) < need_clerks:
                n += 1
                username = f"sim{n:02d}"
                if username in taken:
                    continue
                name = CLERK_NAMES[(n - 1) % len(CLERK_NAMES)] + ("" if n <= len(CLERK_NAMES) else str(n))
                user = User(station_id=station.id, username=username, display_name=name, role=Role.CLERK.value,
                            password_hash=password, must_change_password=False, failed_logins=0, active=True,
                            created_at=ctx.clock.now())
                session.add(user)
                session.flush()
                clerks.append(user.id)
    return window_ids, clerks[:need_clerks]


def _finish(ctx, window_ids: list[int], state: _LiveState, now: datetime) -> None:
    """Window states after the run (today's open windows and their current tickets)."""
    with ctx.sessions.begin() as session:
        session.execute(update(ServiceWindow).where(ServiceWindow.id.in_(window_ids))
                        .values(state="closed", current_ticket_id=None, priority_streak=0))
        for window_id in state.open_windows:
            session.execute(update(ServiceWindow).where(ServiceWindow.id == window_id)
                            .values(state="open", opened_at=now, current_ticket_id=state.current.get(window_id)))
