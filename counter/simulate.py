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

import heapq
import json
import math
import random
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Callable

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from counter import categories
from counter.clock import STATION_TZ, UTC, local_day
from counter.models import (
    Counter,
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
from counter.numbering import receipt_number
from counter.windows import window_row

DAY_OPEN = 8 * 3600 + 30 * 60  # 08:30 first tickets
LAST_TICKET = 17 * 3600  # 17:00 last tickets
DAY_CLOSE = 18 * 3600  # 18:00 tickets still waiting are closed
WEEKDAY_LOAD = (1.0, 0.95, 0.95, 0.95, 1.05, 0.5, 0.3)  # Monday .. Sunday
WEEKDAY_WINDOWS = (1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.35)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
         "秀英", "华", "建国", "志强", "桂英", "海燕", "晓东", "文博", "子涵", "浩然", "雨萱", "俊杰", "欣怡")
STREETS = ("建国路", "朝阳路", "光华路", "工体北路", "团结湖路", "劲松路", "双井街", "八里庄街")
LOW_REASONS = ("等候时间太长", "窗口人员态度不好", "材料要求没有一次说清", "系统太慢", "要跑两个窗口，排两次队",
               "叫号听不清", "需要补材料再跑一趟")
# how often a procedure is asked for, relative (unlisted: 1)
POPULARITY = {
    "HZ-07": 6, "HZ-08": 12, "HZ-09": 6, "HZ-10": 3, "HZ-11": 2, "HZ-12": 2, "HZ-13": 2, "HZ-14": 3,
    "HZ-15": 4, "HZ-16": 3, "HZ-03": 1.5, "HZ-04": 1.5,
    "JG-C1": 8, "JG-C2": 3, "JG-C4": 3, "JG-C5": 3, "JG-D1": 9, "JG-D2": 7, "JG-E1": 5, "JG-A2": 2, "JG-B2": 2,
    "JG-A1": 2, "JG-A4": 3,
    # added for issue 13: the hand-out follows the ID applications; the rest are rarer items
    "HZ-17": 8, "HZ-18": 0.5, "HZ-19": 1, "HZ-20": 0.5, "HZ-21": 0.2, "HZ-22": 0.2, "HZ-23": 0.5,
    "JG-A5": 0.3, "JG-A6": 0.5, "JG-A7": 0.5, "JG-A8": 1, "JG-A9": 0.5, "JG-A10": 0.5, "JG-C12": 0.5,
    "JG-C13": 0.3, "JG-C14": 0.3, "JG-D3": 1, "JG-E2": 2, "JG-F1": 1,
}
IDENTITY_MINUTES = 1.5  # the identity page, once per visit
CHUNK_DAYS = 31


@dataclass
class SimOptions:
    days: int = 30
    visits_per_day: int = 120
    windows: int = 6
    seed: int = 1
    end: date | None = None  # the last simulated day (default: today, cut at now)
    before_after: date | None = None  # separate A/B windows before this date, merged from it
    clerks: int | None = None  # default: about 1.25 per window (rotas, days off)
    rating_share: float = 0.35
    priority_share: float = 0.05
    recall_share: float = 0.08
    no_show_share: float = 0.035
    hz_work_share: float | None = None  # before merging: the share of windows for 户政 (default: its work)


class SimulationError(Exception):
    """The simulation cannot run (e.g. the days already hold tickets)."""


@dataclass
class SimResult:
    days: int = 0
    tickets: int = 0
    visits: int = 0
    items: int = 0
    events: int = 0
    ratings: int = 0
    first_day: date | None = None
    last_day: date | None = None
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"{self.days} 天 / days ({self.first_day} – {self.last_day}): {self.tickets} 张号 / tickets, "
                f"{self.visits} 次办件 / visits, {self.items} 项事项 / items, {self.ratings} 条评价 / ratings, "
                f"{self.seconds:.1f} s")


@dataclass
class _Citizen:
    arrival: float
    priority: bool
    procs: list  # Procedure objects, in the order the clerk takes them
    name: str
    id_number: str
    phone: str
    address: str
    patience: float


@dataclass(order=True)
class _Arrival:
    at: float
    seq: int
    citizen: _Citizen = field(compare=False)
    procs: list = field(compare=False)  # the procedures of this ticket
    letter: str = field(compare=False)
    pool: str = field(compare=False)
    rest: list = field(compare=False, default_factory=list)  # a second ticket after this visit
    leg: int = field(compare=False, default=0)


class _Ids:
    """Primary keys for bulk inserts, assigned by the database before the rows are written
    (rows reference each other: events and visits their ticket, items their visit)."""

    BLOCK = 2000  # ids drawn from a sequence per round trip

    def __init__(self, session, *models):
        self.session = session
        self.postgres = session.bind.dialect.name == "postgresql"
        self.free: dict = {m: [] for m in models}
        self.next: dict = {}
        if not self.postgres:
            # SQLite: this transaction began IMMEDIATE, so no other writer can insert until it
            # commits; the next rowids are the ones SQLite itself would pick
            self.next = {m: (session.scalar(select(func.max(m.id))) or 0) + 1 for m in models}

    def take(self, model) -> int:
        if not self.postgres:
            value = self.next[model]
            self.next[model] = value + 1
            return value
        free = self.free[model]
        if not free:
            table = model.__tablename__
            free.extend(reversed(self.session.scalars(text(
                "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"),
                {"table": table, "n": self.BLOCK}).all()))
        return free.pop()


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
    result.seconds = _time.perf_counter() - t0
    return result


def _hz_work_share(options, procs, weights, hz, jg) -> float:
    """The share of the counter time that 户政 takes, from a sample of citizens (fixed seed)."""
    rng = random.Random(0)
    work = {"hz": 0.0, "jg": 0.0}
    for _ in range(3000):
        c = _citizen(rng, options, procs, weights, hz, jg)
        for kind in {p.category for p in c.procs}:
            work[kind] += IDENTITY_MINUTES
        for p in c.procs:
            work[p.category] += p.typical_minutes
    return work["hz"] / (work["hz"] + work["jg"])


def _hz_windows(n_windows: int, share: float) -> int:
    if n_windows < 2:
        return 1
    return min(n_windows - 1, max(1, round(n_windows * share)))


# --- accounts and windows ------------------------------------------------------------------

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


# --- one day -------------------------------------------------------------------------------

COLUMNS = {  # column order of the row tuples; times are whole seconds since the epoch (UTC)
    Ticket: ("id", "station_id", "category", "number", "service_day", "priority", "source", "status", "outcome",
             "window_id", "target_window_id", "issued_at", "called_at", "last_called_at", "answered_at", "recalls",
             "started_at", "finished_at", "no_show_at", "transferred_from_id"),
    TicketEvent: ("id", "ticket_id", "kind", "at", "window_id", "user_id", "detail"),
    Visit: ("id", "station_id", "key", "ticket_id", "window_id", "clerk_id", "status", "applicant_name",
            "applicant_id_number", "applicant_phone", "applicant_address", "proxy_name", "proxy_id_number",
            "identity", "started_at", "finished_at", "cancel_reason"),
    Item: ("id", "visit_id", "position", "procedure_code", "category", "values", "materials", "fee", "status",
           "status_reason", "promised_date", "started_at", "finished_at", "status_changed_at", "status_changed_by"),
    Receipt: ("id", "station_id", "number", "visit_id", "issued_at", "reprints"),
    Rating: ("id", "visit_id", "level", "reason", "source", "rated_at"),
}
_HMS = [f" {h:02d}:{m:02d}:{s:02d}.000000" for h in range(24) for m in range(60) for s in range(60)]
_EPOCH_DAY = date(1970, 1, 1).toordinal()


class _Rows:
    """Row tuples per table, written with one executemany per table (no ORM, no per-row types)."""

    def __init__(self):
        self.by_model = {model: [] for model in COLUMNS}
        self.counters = []
        self.tickets, self.events = self.by_model[Ticket], self.by_model[TicketEvent]
        self.visits, self.items = self.by_model[Visit], self.by_model[Item]
        self.receipts, self.ratings = self.by_model[Receipt], self.by_model[Rating]

    def write(self, session, station_id: int) -> None:
        dialect = session.bind.dialect.name
        conn = session.connection()
        day_text: dict[int, str] = {}
        for model, rows in self.by_model.items():
            if not rows:
                continue
            table = model.__table__
            cols = COLUMNS[model]
            kinds = [_kind(table.c[name].type) for name in cols]
            if dialect == "sqlite":
                # the driver's own executemany with values already in SQLAlchemy's SQLite storage
                # format ("YYYY-MM-DD HH:MM:SS.ffffff" UTC, ISO dates, JSON text): no per-row type work
                sql = (f'INSERT INTO {table.name} ({", ".join(chr(34) + c + chr(34) for c in cols)}) '
                       f'VALUES ({", ".join("?" * len(cols))})')
                conn.exec_driver_sql(sql, list(map(_sqlite_row(kinds, day_text), rows)))
            else:  # PostgreSQL & co: Core executemany with proper Python values
                convert = [_python_converter(kind) for kind in kinds]
                for start in range(0, len(rows), 20000):
                    conn.execute(insert(table), [
                        {c: (None if v is None else f(v) if f else v) for c, f, v in zip(cols, convert, row)}
                        for row in rows[start:start + 20000]])
        if self.counters:
            ins = postgresql.insert if dialect == "postgresql" else sqlite.insert
            stmt = ins(Counter)
            bigger = func.max if dialect == "sqlite" else func.greatest
            stmt = stmt.on_conflict_do_update(
                index_elements=[Counter.station_id, Counter.key, Counter.day],
                set_={"value": bigger(Counter.value, stmt.excluded.value)})
            session.execute(stmt, [{"station_id": station_id, "key": k, "day": d, "value": v}
                                   for k, d, v in self.counters])


def _kind(sqltype) -> str:
    from counter.models import UtcDateTime

    if isinstance(sqltype, UtcDateTime):
        return "datetime"
    name = type(sqltype).__name__
    return {"Date": "date", "Boolean": "bool", "JSON": "json", "Numeric": "decimal"}.get(name, "")


def _sqlite_row(kinds: list[str], day_text: dict[int, str]):
    """One function turning a row tuple into the driver's values, built for the table's columns."""
    converters = [(i, _sqlite_converter(kind, day_text)) for i, kind in enumerate(kinds) if kind]

    def row(r: tuple) -> tuple:
        out = list(r)
        for i, convert in converters:
            value = out[i]
            if value is not None:
                out[i] = convert(value)
        return tuple(out)

    return row


def _sqlite_converter(kind: str, day_text: dict[int, str]):
    import json

    if kind == "datetime":
        def dt(seconds: int) -> str:
            d, r = divmod(seconds, 86400)
            prefix = day_text.get(d)
            if prefix is None:
                prefix = day_text[d] = date.fromordinal(_EPOCH_DAY + d).isoformat()
            return prefix + _HMS[r]
        return dt
    if kind == "date":
        return date.isoformat
    if kind == "bool":
        return int
    if kind == "json":
        return lambda v: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
    if kind == "decimal":
        return float
    return None


def _python_converter(kind: str):
    import json

    if kind == "datetime":
        return lambda s: datetime.fromtimestamp(s, UTC)
    if kind == "json":
        return lambda v: json.loads(v) if isinstance(v, str) else v
    return None


class _LiveState:
    """What the cut at `now` leaves open today: window -> (ticket id, status)."""

    def __init__(self):
        self.current: dict[int, int] = {}
        self.open_windows: set[int] = set()
        self.today = False


def _arrival_seconds(rng: random.Random, category: str) -> float:
    """Traffic business peaks in the morning, household registration more in the afternoon."""
    u = rng.random()
    morning = 0.62 if category == "jg" else 0.42
    if u < morning:
        s = rng.gauss(9.75 * 3600, 55 * 60)
    elif u < 0.82:
        s = rng.gauss(14.75 * 3600, 65 * 60)
    else:
        s = rng.uniform(DAY_OPEN, LAST_TICKET)
    return min(max(s, DAY_OPEN), LAST_TICKET)


def _citizen(rng, options, procs, weights, hz, jg) -> _Citizen:
    n_items = rng.choices((1, 2, 3), (0.6, 0.3, 0.1))[0]
    first = rng.choices(procs, weights)[0]
    chosen = [first]
    while len(chosen) < n_items:
        same = rng.random() < 0.55
        pool, w = (hz if first.category == "hz" else jg) if same else (jg if first.category == "hz" else hz)
        pick = rng.choices(pool, w)[0]
        if pick not in chosen:
            chosen.append(pick)
    chosen.sort(key=lambda p: p.category != first.category)  # one kind, then the other
    birth = date(rng.randint(1950, 2006), rng.randint(1, 12), rng.randint(1, 28))
    from counter.demo import demo_id_number

    return _Citizen(
        arrival=_arrival_seconds(rng, first.category), priority=rng.random() < options.priority_share, procs=chosen,
        name=rng.choice(SURNAMES) + rng.choice(GIVEN), id_number=demo_id_number(rng, birth, rng.random() < 0.5),
        phone=f"13{rng.randint(100000000, 999999999)}",
        address=f"北京市朝阳区{rng.choice(STREETS)}{rng.randint(1, 300)}号",
        patience=rng.lognormvariate(math.log(150 * 60), 0.4))


def _simulate_day(rng, day, options, merged, station, window_ids, clerk_ids, procs, weights, hz, jg, fees,
                  materials, promised_date, now, ids, rows, state) -> None:
    weekday = day.weekday()
    n_citizens = max(0, round(rng.gauss(options.visits_per_day * WEEKDAY_LOAD[weekday],
                                        math.sqrt(options.visits_per_day))))
    n_windows = max(1, min(len(window_ids), round(len(window_ids) * WEEKDAY_WINDOWS[weekday])))
    open_windows = window_ids[:n_windows]
    offset = (day.toordinal() * 3) % len(clerk_ids)
    clerk_of = {w: clerk_ids[(i + offset) % len(clerk_ids)] for i, w in enumerate(open_windows)}
    base = int(datetime.combine(day, time(0), STATION_TZ).timestamp())  # local midnight, epoch seconds
    now_s = int(now.timestamp())
    cut = now_s - base if local_day(now) == day else None
    if cut is not None:
        state.today = True
    sid = station.id

    # pools: one merged pool, or A windows and B windows
    if merged:
        pools = {"C": [(DAY_OPEN - 600 + i, w) for i, w in enumerate(open_windows)]}
    else:
        # windows shared out by each kind's expected work, as a station would plan it
        half = _hz_windows(n_windows, options.hz_work_share)
        a, b = open_windows[:half], open_windows[half:] or open_windows[:half]
        pools = {"A": [(DAY_OPEN - 600 + i, w) for i, w in enumerate(a)],
                 "B": [(DAY_OPEN - 600 + i, w) for i, w in enumerate(b)]}
    for heap in pools.values():
        heapq.heapify(heap)

    arrivals: list[_Arrival] = []
    seq = 0
    for _ in range(n_citizens):
        c = _citizen(rng, options, procs, weights, hz, jg)
        if merged:
            legs = [("C", c.procs)]
        else:
            legs = []
            for p in c.procs:
                letter = "A" if p.category == "hz" else "B"
                if not legs or legs[-1][0] != letter:
                    legs.append((letter, []))
                legs[-1][1].append(p)
        pool, leg_procs = legs[0]
        seq += 1
        arrivals.append(_Arrival(c.arrival, seq, c, leg_procs, "V" if c.priority else pool, pool, legs[1:]))
    heapq.heapify(arrivals)

    numbers: dict[str, int] = {}
    receipts = 0
    uniform = rng.uniform
    while arrivals:
        arr = heapq.heappop(arrivals)
        c = arr.citizen
        issued = arr.at
        if cut is not None and issued > cut:
            continue  # not issued yet
        letter = arr.letter
        numbers[letter] = number = numbers.get(letter, 0) + 1
        tid = ids.take(Ticket)
        heap = pools[arr.pool]
        free_at, window_id = heap[0]
        call = max(issued + uniform(5, 40), free_at + uniform(3, 25))
        if letter == "V":  # the priority lane goes first: a short wait whatever the queue
            call = min(call, issued + uniform(30, 300))
        # [status, outcome, window, called, last_called, recalls, started, finished, no_show] as seconds
        t = _T(issued)
        events = [("issue", issued, None, None, "kiosk")]
        clerk = clerk_of[window_id]
        if call - issued > c.patience and letter != "V":
            gone = issued + c.patience
            if gone > DAY_CLOSE:
                t.outcome, t.finished = "closed", max(DAY_CLOSE, issued)
                events.append(("close", t.finished, None, None, None))
            else:
                t.outcome, t.finished = "cancelled", gone
                events.append(("cancel", gone, None, None, "gave up"))
            _emit(rows, ids, sid, tid, letter, number, day, t, events, base, cut, state)
            continue
        if call > DAY_CLOSE + 1800:
            t.outcome, t.finished = "closed", DAY_CLOSE + 1800
            events.append(("close", t.finished, None, None, None))
            _emit(rows, ids, sid, tid, letter, number, day, t, events, base, cut, state)
            continue
        t.window, t.called = window_id, call
        events.append(("call", call, window_id, clerk, None))
        answered = call
        r = rng.random()
        if r < options.no_show_share:
            recall_t = call + uniform(60, 150)
            gone = recall_t + uniform(60, 150)
            t.recalls = 1
            events.append(("recall", recall_t, window_id, clerk, "1"))
            events.append(("no_show", gone, window_id, clerk, None))
            t.outcome, t.no_show, t.finished = "no_show", gone, gone
            heapq.heapreplace(heap, (gone, window_id))
            _emit(rows, ids, sid, tid, letter, number, day, t, events, base, cut, state)
            continue
        if r < options.no_show_share + options.recall_share:
            answered = call + uniform(45, 120)
            t.recalls = 1
            events.append(("recall", answered, window_id, clerk, "1"))
        start = answered + uniform(15, 60)
        moment = start + IDENTITY_MINUTES * 60 * rng.lognormvariate(0, 0.3)
        item_rows = []
        for position, p in enumerate(arr.procs):
            item_end = moment + p.typical_minutes * 60 * rng.lognormvariate(-0.02, 0.4)
            item_rows.append((position, p, moment, item_end))
            moment = item_end
        finish = moment + uniform(10, 40)  # receipt printed, goodbye
        heapq.heapreplace(heap, (finish, window_id))
        t.last_called, t.started, t.finished, t.outcome = answered, start, finish, "served"
        events.append(("start", start, window_id, clerk, None))
        events.append(("finish", finish, window_id, None, None))
        _emit(rows, ids, sid, tid, letter, number, day, t, events, base, cut, state)
        if cut is not None and finish > cut:
            continue  # still at the window: the visit is stored when it is finished
        vid = ids.take(Visit)
        start_s, finish_s = base + round(start), base + round(finish)
        rows.visits.append((vid, sid, f"sim-{sid}-{vid:010d}", tid, window_id, clerk, "finished", c.name, c.id_number,
                            c.phone, c.address, None, None, "{}", start_s, finish_s, None))
        age = (now_s - finish_s) // 86400
        for position, p, a, b in item_rows:
            status, reason = _item_status(rng, p, age)
            rows.items.append((ids.take(Item), vid, position, p.code, p.category, "{}", materials[p.code],
                               0 if status == "rejected" else fees[p.code], status, reason,
                               promised_date(p, day), base + round(a), base + round(b), None, None))
        receipts += 1
        rows.receipts.append((ids.take(Receipt), sid, receipt_number(station.number, day, receipts), vid,
                              finish_s, 0))
        if rng.random() < options.rating_share:
            rated = finish + uniform(20, 120)
            if cut is None or rated <= cut:
                level = _rating_level(rng, (answered - issued) / 60, bool(arr.rest) or arr.leg > 0)
                rows.ratings.append((ids.take(Rating), vid, level,
                                     rng.choice(LOW_REASONS) if level <= 2 else None, "kiosk", base + round(rated)))
        if arr.rest:  # separate windows: take a ticket for the other kind of business, queue again
            pool, leg_procs = arr.rest[0]
            seq += 1
            heapq.heappush(arrivals, _Arrival(finish + uniform(30, 120), seq, c, leg_procs,
                                              "V" if c.priority else pool, pool, arr.rest[1:], arr.leg + 1))
    for letter, value in numbers.items():
        rows.counters.append((f"ticket:{letter}", day, value))
    if receipts:
        rows.counters.append(("receipt", day, receipts))


class _T:
    """A ticket's fate in seconds after local midnight."""

    __slots__ = ("issued", "outcome", "window", "called", "last_called", "recalls", "started", "finished",
                 "no_show")

    def __init__(self, issued: float):
        self.issued = issued
        self.outcome = self.window = self.called = self.last_called = None
        self.started = self.finished = self.no_show = None
        self.recalls = 0


def _rating_level(rng, wait_minutes: float, queued_twice: bool) -> int:
    bad = 0.02 + min(0.25, max(0.0, wait_minutes - 20) / 200) + (0.08 if queued_twice else 0.0)
    u = rng.random()
    if u < bad * 0.4:
        return 1
    if u < bad:
        return 2
    if u < bad + 0.06:
        return 3
    if u < bad + 0.2:
        return 4
    return 5


def _item_status(rng, procedure, age_days: int) -> tuple[str, str | None]:
    u = rng.random()
    if u < 0.015:
        return "rejected", "不符合受理条件"
    if u < 0.05:
        return "needs_materials", "材料不全，需补正"
    if procedure.time_limit.days == 0:
        return "collected" if procedure.fee.default else "accepted", None
    if age_days < procedure.time_limit.days:
        return "in_progress", None
    return ("collected" if rng.random() < 0.8 else "ready"), None


def _emit(rows, ids, sid, tid, letter, number, day, t: _T, events, base, cut, state) -> None:
    """Append the ticket and its events; today, only what happened before `now`."""
    status = "done"
    if cut is not None:
        events = [e for e in events if e[1] <= cut]
        last = events[-1][0]
        if last == "issue":
            status, t.outcome, t.window, t.called = "waiting", None, None, None
            t.last_called = t.started = t.finished = t.no_show = None
            t.recalls = 0
        elif last in ("call", "recall"):
            status, t.outcome, t.started, t.finished, t.no_show = "called", None, None, None, None
            t.recalls = sum(1 for e in events if e[0] == "recall")
            t.last_called = events[-1][1]
            state.current[t.window] = tid
        elif last == "start":
            status, t.outcome, t.finished = "serving", None, None
            state.current[t.window] = tid
        if t.window is not None:
            state.open_windows.add(t.window)

    def at(v):
        return None if v is None else base + round(v)

    rows.tickets.append((tid, sid, letter, number, day, letter == "V", "kiosk", status, t.outcome, t.window, None,
                         at(t.issued), at(t.called), at(t.last_called),
                         at(t.last_called) if t.started is not None else None,  # answered when service started
                         t.recalls, at(t.started), at(t.finished),
                         at(t.no_show), None))
    take = ids.take
    for kind, moment, window, user, detail in events:
        rows.events.append((take(TicketEvent), tid, kind, base + round(moment), window, user, detail))


def _finish(ctx, window_ids: list[int], state: _LiveState, now: datetime) -> None:
    """Window states after the run (today's open windows and their current tickets)."""
    with ctx.sessions.begin() as session:
        session.execute(update(ServiceWindow).where(ServiceWindow.id.in_(window_ids))
                        .values(state="closed", current_ticket_id=None, priority_streak=0))
        for window_id in state.open_windows:
            session.execute(update(ServiceWindow).where(ServiceWindow.id == window_id)
                            .values(state="open", opened_at=now, current_ticket_id=state.current.get(window_id)))
