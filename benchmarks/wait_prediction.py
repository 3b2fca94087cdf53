"""How good is the predicted wait? Simulated hall days through the real queue functions (issue 19).

Every ticket's predicted wait at issue (counter.waits, the replay of the open windows) and the
naive one (position × the hall's mean handling ÷ open windows serving the queue) against its
actual wait (first call − issue). Median and p90 absolute error for both, and the share of
tickets that got "暂无估计".

The hall model (written here; counter/simulate.py writes rows in bulk and does not go through
call-next, so it cannot be asked for predictions on the way):
- arrivals 08:30–16:45, a non-homogeneous Poisson stream: a flat background, a morning peak
  around 09:45, a smaller afternoon peak around 14:45, and a lunch dip (12:00–13:30 at 40 %);
- categories A 户政 42 %, B 交管 40 %, C 综合 12 %, V 绿色通道 6 %;
- six windows: 1–2 serve A, 3–4 serve B, 5–6 serve everything; 2 and 4 close for lunch
  12:00–13:30 (staggered lunch), 6 opens at 09:00 and closes at 16:00; each clerk has their own
  speed (× 0.8–1.25); handling lognormal (σ 0.5) around A 7, B 6, C 11, V 7 minutes;
- walk-ins, plus about 40 appointments in 30-minute slots booked at the counter, checked in at
  arrival: 70 % around the slot's start (−15…+10 min), 12 % early (15–40 min), 8 % late (20–40
  min, so walk-ins), 10 % never come;
- transfers: 7 % of served A/B citizens are sent on to the other queue after part of their time;
  4 % of called citizens do not come (recall after a minute, no-show after two);
- idle windows press "next" every 20 seconds (call-next itself makes an early appointment a
  priority ticket once its slot has started).

Run: .venv/bin/python benchmarks/wait_prediction.py [days] [seed]
"""
from __future__ import annotations

import heapq
import math
import os
import random
import sys
import tempfile
import time as wall
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("COUNTER_DATA_DIR", tempfile.mkdtemp())

from sqlalchemy import select

from counter import appointments as ap
from counter import queueing as q
from counter import waits
from counter.clock import STATION_TZ, FixedClock, as_utc
from counter.config import Config
from counter.context import AppContext
from counter.db import reading, upgrade
from counter.models import Ticket

MIX = (("A", 0.42), ("B", 0.40), ("C", 0.12), ("V", 0.06))
MEAN_MINUTES = {"A": 7.0, "B": 6.0, "C": 11.0, "V": 7.0}
WINDOWS = {1: "A", 2: "A", 3: "B", 4: "B", 5: "A,B,C,V", 6: "A,B,C,V"}
SHIFTS = {2: [("12:00", "close"), ("13:30", "open")], 4: [("12:00", "close"), ("13:30", "open")],
          6: [("08:30", "close"), ("09:00", "open"), ("16:00", "close")]}
PROCEDURES = {"A": ["HZ-08"], "B": ["JG-C1"], "C": ["HZ-08", "JG-C1"]}
POLL = timedelta(seconds=20)


def at(day: date, hhmm: str) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return as_utc(datetime.combine(day, time(h, m), tzinfo=STATION_TZ))


def intensity(minute_of_day: float) -> float:
    """Arrivals per minute at a local time (minutes since midnight)."""
    rate = 0.45 + 0.75 * math.exp(-((minute_of_day - 585) / 50) ** 2 / 2) \
        + 0.40 * math.exp(-((minute_of_day - 885) / 60) ** 2 / 2)
    return rate * (0.4 if 720 <= minute_of_day < 810 else 1.0)


def arrivals(rng: random.Random, day: date) -> list[datetime]:
    """Thinning (Lewis–Shedler) of a Poisson stream with the intensity above."""
    out, minute, top = [], 510.0, 1.5
    while True:
        minute += rng.expovariate(top)
        if minute >= 1005:
            return out
        if rng.random() < intensity(minute) / top:
            out.append(at(day, "00:00") + timedelta(minutes=minute))


def pick(rng: random.Random, mix) -> str:
    r, acc = rng.random(), 0.0
    for letter, share in mix:
        acc += share
        if r < acc:
            return letter
    return mix[-1][0]


@dataclass
class Record:
    ticket_id: int
    kind: str  # walk_in | appointment
    predicted: float | None
    naive: float | None


class Hall:
    def __init__(self, ctx: AppContext, clock: FixedClock, rng: random.Random):
        self.ctx, self.clock, self.rng = ctx, clock, rng
        self.speed = {n: rng.uniform(0.8, 1.25) for n in WINDOWS}
        self.events: list = []
        self.seq = 0
        self.records: list[Record] = []

    def push(self, moment: datetime, action, *args) -> None:
        self.seq += 1
        heapq.heappush(self.events, (moment, self.seq, action, args))

    def run(self, until: datetime) -> None:
        while self.events and self.events[0][0] <= until:
            moment, _, action, args = heapq.heappop(self.events)
            self.clock.moment = moment
            action(*args)

    # -- citizens
    def walk_in(self) -> None:
        letter = pick(self.rng, MIX)
        ticket = q.issue_ticket(self.ctx, letter, source="kiosk")
        self.record(ticket, "walk_in")

    def appointment(self, code: str) -> None:
        done = ap.check_in(self.ctx, code=code, source="kiosk")
        self.record(done.ticket, "appointment" if done.arrival != "late" else "walk_in")

    def record(self, ticket, kind: str) -> None:
        now = self.clock.now()
        with reading(self.ctx.sessions) as s:
            predicted = waits.predicted_wait_seconds(s, self.ctx.station.id, ticket.category, now,
                                                     ticket_id=ticket.id)
            naive = waits.naive_wait_seconds(s, self.ctx.station.id, ticket.category, now, ticket.waiting_ahead)
        self.records.append(Record(ticket.id, kind, predicted, naive))

    # -- windows
    def next_at(self, number: int) -> None:
        window = q.window_state(self.ctx, number)
        if window.state != q.OPEN:
            return
        ticket = q.call_next(self.ctx, number)
        if ticket is None:
            self.push(self.clock.now() + POLL, self.next_at, number)
            return
        if self.rng.random() < 0.04:  # the citizen does not come
            self.push(self.clock.now() + timedelta(minutes=1), q.recall, self.ctx, number)
            self.push(self.clock.now() + timedelta(minutes=2), self.no_show, number)
            return
        minutes = MEAN_MINUTES[ticket.category] * self.speed[number] * self.rng.lognormvariate(-0.125, 0.5)
        if ticket.category in "AB" and self.rng.random() < 0.07:
            other = "B" if ticket.category == "A" else "A"
            self.push(self.clock.now() + timedelta(minutes=minutes * 0.5), self.transfer, number, other)
            return
        self.push(self.clock.now() + timedelta(minutes=minutes), self.next_at, number)

    def no_show(self, number: int) -> None:
        q.no_show(self.ctx, number)
        self.next_at(number)

    def transfer(self, number: int, category: str) -> None:
        q.transfer(self.ctx, number, category=category)
        self.next_at(number)

    def shift(self, number: int, what: str) -> None:
        if what == "open":
            q.open_window(self.ctx, number)
            self.next_at(number)
        else:
            if q.window_state(self.ctx, number).current_ticket_id is not None:
                # the clerk finishes the citizen at the window first
                self.push(self.clock.now() + timedelta(minutes=1), self.shift, number, what)
                return
            q.close_window(self.ctx, number)


def book_day(ctx: AppContext, clock: FixedClock, rng: random.Random, day: date) -> list[tuple[datetime, str]]:
    """About 40 bookings made the day before; returns (arrival time, code) of those who come."""
    clock.moment = at(day, "00:00") - timedelta(hours=12)
    comes = []
    for n in range(40):
        slot = at(day, "09:00") + timedelta(minutes=30 * rng.randrange(15))
        letter = pick(rng, (("A", 0.45), ("B", 0.4), ("C", 0.15)))
        made = ap.book(ctx, {"slot_start": slot.isoformat(), "slot_end": (slot + timedelta(minutes=30)).isoformat(),
                             "procedures": PROCEDURES[letter], "id_number": "11010519491231002X",
                             "phone": f"138{day.day:02d}{n:06d}"}, source="phone")
        r = rng.random()
        if r < 0.70:
            comes.append((slot + timedelta(minutes=rng.uniform(-15, 10)), made.code))
        elif r < 0.82:
            comes.append((slot - timedelta(minutes=rng.uniform(15, 40)), made.code))
        elif r < 0.90:
            comes.append((slot + timedelta(minutes=rng.uniform(20, 40)), made.code))
    return comes


def simulate_day(ctx: AppContext, clock: FixedClock, rng: random.Random, day: date) -> list[Record]:
    comes = book_day(ctx, clock, rng, day)
    hall = Hall(ctx, clock, rng)
    clock.moment = at(day, "08:30")
    for number in WINDOWS:
        q.open_window(ctx, number)
        hall.push(at(day, "08:30"), hall.next_at, number)
    for number, changes in SHIFTS.items():
        for hhmm, what in changes:
            hall.push(at(day, hhmm), hall.shift, number, what)
    for moment in arrivals(rng, day):
        hall.push(moment, hall.walk_in)
    for moment, code in comes:
        hall.push(max(moment, at(day, "08:30")), hall.appointment, code)
    hall.run(at(day, "18:00"))
    clock.moment = at(day, "18:00")
    q.close_day(ctx, day)
    return hall.records


def actual_waits(ctx: AppContext) -> dict[int, float]:
    with reading(ctx.sessions) as s:
        return {t.id: (t.called_at - t.issued_at).total_seconds()
                for t in s.scalars(select(Ticket).where(Ticket.called_at.is_not(None)))}


def stats(errors: list[float]) -> str:
    if not errors:
        return "   –      –"
    ordered = sorted(errors)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return f"{median(ordered) / 60:6.1f} {p90 / 60:6.1f}"


def main() -> None:
    days = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 19
    url = f"sqlite:///{os.environ['COUNTER_DATA_DIR']}/waits.sqlite3"
    upgrade(url)
    clock = FixedClock(datetime(2026, 11, 23, 0, 0, tzinfo=STATION_TZ))
    ctx = AppContext.open(Config(database_url=url), clock=clock)
    ctx.config = replace(ctx.config, appointment_capacity="")
    rng = random.Random(seed)
    started = wall.perf_counter()
    records: list[Record] = []
    first = date(2026, 11, 23)
    for n in range(days):
        records += simulate_day(ctx, clock, rng, first + timedelta(days=n))
    actual = actual_waits(ctx)
    measured = [r for r in records if r.ticket_id in actual]
    print(f"{days} simulated days (seed {seed}), {len(records)} tickets, {len(measured)} called; "
          f"{wall.perf_counter() - started:.0f} s")
    print(f"mean actual wait {sum(actual[r.ticket_id] for r in measured) / len(measured) / 60:.1f} min, "
          f"median {median(actual[r.ticket_id] for r in measured) / 60:.1f} min")
    print(f"{'tickets':<14} {'n':>5} {'no est.':>7}   {'replay med/p90 (min)':>20}   {'naive med/p90 (min)':>20}")
    for label, chosen in (("all", measured), ("walk-ins", [r for r in measured if r.kind == "walk_in"]),
                          ("appointments", [r for r in measured if r.kind == "appointment"])):
        both = [r for r in chosen if r.predicted is not None and r.naive is not None]
        none = sum(r.predicted is None for r in chosen)
        replay = [abs(r.predicted - actual[r.ticket_id]) for r in both]
        naive = [abs(r.naive - actual[r.ticket_id]) for r in both]
        print(f"{label:<14} {len(chosen):>5} {none:>7}   {stats(replay):>20}   {stats(naive):>20}")


if __name__ == "__main__":
    main()
