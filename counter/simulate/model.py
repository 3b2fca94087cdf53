"""The traffic model: who comes when, for what, how long it takes, how they rate it."""
from __future__ import annotations

import heapq
import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time

from counter.clock import STATION_TZ, local_day
from counter.models import (
    Item,
    Rating,
    Receipt,
    Ticket,
    Visit,
)
from counter.numbering import receipt_number
from counter.simulate.writer import _emit
from counter.stepsim import clerk_speed

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


def demo_id_number(rng: random.Random, birth: date, male: bool) -> str:
    """A valid (check digit) Beijing ID number for a simulated citizen."""
    first = f"110105{birth:%Y%m%d}{rng.randint(0, 49) * 2 + (1 if male else 0):03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first + "10X98765432"[sum(int(d) * w for d, w in zip(first, weights)) % 11]


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
    page_times: bool = True  # page stays and field errors of every visit (counter.stepsim, issue 20)


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
            item_end = moment + p.typical_minutes * 60 * rng.lognormvariate(-0.02, 0.4) * clerk_speed(clerk)
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
