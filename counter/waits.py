"""A predicted wait (预计等候约 N 分钟) per queue, from the hall as it is now.

The estimator: a short deterministic replay of the open windows. Each open window gets its own
recent handling time (the mean length of its last calls in the past 90 minutes: from its call to
the ticket's finish, transfer or no-show), and is free when its current citizen's expected time
is up. The waiting tickets, and the booked appointments whose slot starts in the next two hours
(as priority arrivals at their slot's start, weighted by the share of booked citizens who come),
are then handed to the windows in call-next's own order (priority first, the no-starvation
streak, a ticket sent to a window only there, the issue time), until the asked-for ticket is
called. Why this and not position ÷ throughput: the windows of a hall serve different mixes
(户政 only, 交管 only, 综合 all), clerks differ in speed, priority and booked tickets overtake, and
a window busy with a long case for 20 minutes is not free now; the replay sees all of these from
data the database already holds, at a cost of a few hundred list operations per estimate.

"暂无估计" (None) when no open window serves the queue or none of them has a recent call: a
number from old data would be a guess. The estimate is recomputed whenever it is asked for, so
every call (which changes the queue and the windows) updates it.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from statistics import mean

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.clock import local_day
from counter.models import Appointment, ServiceWindow, Ticket, TicketEvent

RECENT = timedelta(minutes=90)  # the service rates are this recent
HORIZON = timedelta(hours=2)  # appointments due within this are counted
LEGS_PER_WINDOW = 20  # a window's handling time: the mean of at most its last 20 calls
MIN_LEGS = 3  # fewer at a window: the mean of the recent calls of the whole hall is used
SHOW_RATE = 0.85  # share of booked citizens who come, when today's own figure is not known yet
_ENDS = ("finish", "transfer", "no_show", "close")


@dataclass
class _Window:
    id: int
    serves: set[str]
    handle: float  # seconds
    free_at: datetime
    streak: int = 0


@dataclass
class _Waiting:
    id: int | None  # None: an appointment not checked in yet / the hypothetical new ticket
    category: str
    priority: bool
    arrives: datetime  # issued_at, or the slot's start for an appointment due
    target: int | None = None
    weight: float = 1.0  # an appointment due occupies a window only if the citizen comes
    priority_from: datetime | None = None


def recent_handling(session: Session, station_id: int, now: datetime) -> dict[int, list[float]]:
    """Window id -> lengths (seconds) of its calls ended in the past 90 minutes, oldest first."""
    events = session.execute(
        select(TicketEvent.ticket_id, TicketEvent.kind, TicketEvent.at, TicketEvent.window_id)
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .where(Ticket.station_id == station_id, TicketEvent.at >= now - RECENT - timedelta(hours=1),
               TicketEvent.at <= now, TicketEvent.kind.in_(("call", *_ENDS)))
        .order_by(TicketEvent.ticket_id, TicketEvent.id)).all()
    legs: dict[int, list[tuple[datetime, float]]] = {}
    open_call: dict[int, tuple[datetime, int | None]] = {}  # TicketEvent.window_id is nullable
    for ticket_id, kind, at, window_id in events:
        if kind == "call":
            open_call[ticket_id] = (at, window_id)
        elif ticket_id in open_call:
            called, window = open_call.pop(ticket_id)
            if at >= now - RECENT and window is not None:
                legs.setdefault(window, []).append((at, (at - called).total_seconds()))
    return {w: [s for _, s in sorted(items)][-LEGS_PER_WINDOW:] for w, items in legs.items()}


def _windows(session: Session, station_id: int, now: datetime, legs: dict[int, list[float]],
             all_letters: list[str]) -> list[_Window]:
    hall = [s for items in legs.values() for s in items]
    hall_mean = mean(hall) if hall else None
    rows = session.execute(
        select(ServiceWindow, Ticket.last_called_at, Ticket.called_at)
        .outerjoin(Ticket, (Ticket.id == ServiceWindow.current_ticket_id) & Ticket.status.in_(("called", "serving")))
        .where(ServiceWindow.station_id == station_id, ServiceWindow.state == "open")).all()
    out = []
    for w, last_called, first_called in rows:
        own = legs.get(w.id, [])
        handle = mean(own) if len(own) >= MIN_LEGS else hall_mean
        if handle is None:
            continue
        free_at = now
        since = last_called or first_called
        if since is not None:
            # a citizen already past the mean is expected to need a little more, not none
            free_at = now + timedelta(seconds=max(handle - (now - since).total_seconds(), 0.25 * handle))
        out.append(_Window(id=w.id, serves=set(w.serves() or all_letters), handle=handle, free_at=free_at,
                           streak=w.priority_streak or 0))
    return out


def _queue(session: Session, station_id: int, now: datetime) -> list[_Waiting]:
    day = local_day(now)
    rows = session.execute(
        select(Ticket.id, Ticket.category, Ticket.priority, Ticket.issued_at, Ticket.target_window_id,
               Appointment.priority_from)
        .outerjoin(Appointment, Appointment.ticket_id == Ticket.id)
        .where(Ticket.station_id == station_id, Ticket.service_day == day, Ticket.status == "waiting")).all()
    queue = [_Waiting(id=i, category=c, priority=p, arrives=at, target=t, priority_from=pf)
             for i, c, p, at, t, pf in rows]
    due = session.execute(select(Appointment.category, Appointment.slot_start).where(
        Appointment.station_id == station_id, Appointment.status == "booked",
        Appointment.slot_start >= now - timedelta(minutes=15), Appointment.slot_start < now + HORIZON)).all()
    rate = show_rate(session, station_id, now)
    queue += [_Waiting(id=None, category=c, priority=True, arrives=max(start, now), weight=rate)
              for c, start in due]
    return queue


def show_rate(session: Session, station_id: int, now: datetime) -> float:
    """Today's share of due appointments that checked in (the default until 10 have been due)."""
    day_start = now - timedelta(hours=12)
    rows = session.execute(select(Appointment.status).where(
        Appointment.station_id == station_id, Appointment.slot_start >= day_start,
        Appointment.slot_start < now - timedelta(minutes=15), Appointment.status != "cancelled")).scalars().all()
    if len(rows) < 10:
        return SHOW_RATE
    return sum(s == "checked_in" for s in rows) / len(rows)


def _effective_priority(t: _Waiting, at: datetime) -> bool:
    return t.priority or (t.priority_from is not None and t.priority_from <= at)


def _issue_order(t: _Waiting) -> tuple:
    # a ticket not in the database yet comes after every real one issued at the same moment
    return (t.arrives, t.id if t.id is not None else float("inf"))


def _replay(windows: list[_Window], queue: list[_Waiting], target: _Waiting, limit: int) -> datetime | None:
    """When `target` is called, handing the queue to the windows in call-next's order."""
    pending = sorted(queue, key=_issue_order)
    for _ in range(3 * (len(pending) + len(windows)) + 3):  # each step calls one or moves a clock on
        if not pending or not windows:
            return None
        window = min(windows, key=lambda w: (w.free_at, w.id))
        at = window.free_at
        here = [t for t in pending if (t.target == window.id) or (t.target is None and t.category in window.serves)]
        if not here:
            windows.remove(window)  # nobody it can serve will ever come: it no longer matters
            continue
        ready = [t for t in here if t.arrives <= at]
        if not ready:
            window.free_at = min(t.arrives for t in here)
            continue
        normal_first = limit > 0 and window.streak >= limit
        chosen = min(ready, key=lambda t: (_effective_priority(t, at) == normal_first, *_issue_order(t)))
        pending.remove(chosen)
        if chosen is target:
            return at
        window.streak = window.streak + 1 if _effective_priority(chosen, at) else 0
        window.free_at = at + timedelta(seconds=window.handle * chosen.weight)
    return None


@dataclass(frozen=True)
class Prediction:
    minutes: int | None  # None: 暂无估计

    @property
    def zh_CN(self) -> str:
        return "暂无估计" if self.minutes is None else f"预计等候约 {self.minutes} 分钟"

    @property
    def en(self) -> str:
        return "no estimate yet" if self.minutes is None else f"about {self.minutes} min wait"


@dataclass
class HallNow:
    """What the replay needs, read once: several queues' estimates share it (the display)."""

    windows: list[_Window]
    queue: list[_Waiting]
    now: datetime


def hall_now(session: Session, station_id: int, now: datetime, all_letters: list[str] | None = None) -> HallNow:
    from counter.queueing import CATEGORIES

    letters = all_letters or [c.letter for c in CATEGORIES]
    legs = recent_handling(session, station_id, now)
    return HallNow(_windows(session, station_id, now, legs, letters), _queue(session, station_id, now), now)


def estimate(hall: HallNow, category: str, *, ticket_id: int | None = None, streak_limit: int = 3) -> float | None:
    """Seconds until a ticket is called: `ticket_id` (waiting), or a new walk-in of `category`."""
    windows = [replace(w, serves=set(w.serves)) for w in hall.windows]  # the replay moves their clocks
    if not any(category in w.serves for w in windows):
        return None
    queue = [replace(t) for t in hall.queue]
    target = next((t for t in queue if ticket_id is not None and t.id == ticket_id), None)
    if target is None:
        target = _Waiting(id=None, category=category, priority=False, arrives=hall.now)
        queue.append(target)
    target.arrives = min(target.arrives, hall.now)
    called = _replay(windows, queue, target, streak_limit)
    return None if called is None else max((called - hall.now).total_seconds(), 0.0)


def predicted_wait_seconds(session: Session, station_id: int, category: str, now: datetime, *,
                           ticket_id: int | None = None, streak_limit: int = 3,
                           all_letters: list[str] | None = None) -> float | None:
    """Seconds until a ticket is called: `ticket_id` (waiting), or a new walk-in of `category`."""
    return estimate(hall_now(session, station_id, now, all_letters), category, ticket_id=ticket_id,
                    streak_limit=streak_limit)


def predicted_wait(ctx, category: str, now: datetime | None = None, *, ticket_id: int | None = None) -> Prediction:
    """The figure for the ticket slip, the kiosk and the display (minutes, rounded up to whole)."""
    from counter.db import reading

    now = now or ctx.clock.now()
    with reading(ctx.sessions) as session:
        seconds = predicted_wait_seconds(session, ctx.station.id, category, now, ticket_id=ticket_id,
                                         streak_limit=ctx.config.priority_streak_limit)
    return Prediction(None if seconds is None else max(1, round(seconds / 60)))


def predicted_waits(ctx, now: datetime | None = None, session: Session | None = None) -> dict[str, Prediction]:
    """Every queue's figure for a new walk-in: what the hall display shows (in the caller's
    read session when given)."""
    from counter.db import reading
    from counter.queueing import CATEGORIES

    now = now or ctx.clock.now()
    if session is None:
        with reading(ctx.sessions) as own:
            return predicted_waits(ctx, now, own)
    hall = hall_now(session, ctx.station.id, now)  # read once for every queue
    out = {}
    for c in CATEGORIES:
        seconds = estimate(hall, c.letter, streak_limit=ctx.config.priority_streak_limit)
        out[c.letter] = Prediction(None if seconds is None else max(1, round(seconds / 60)))
    return out


def wait_text(prediction: Prediction | None, lang: str = "zh_CN") -> str:
    """The display's line beside a queue's waiting count."""
    if prediction is None:
        return ""
    return prediction.en if lang == "en" else prediction.zh_CN


def short_wait_text(prediction: Prediction | None, lang: str = "zh_CN") -> str:
    """Beside a count on the hall display, where four queues share one line: "约12分"."""
    if prediction is None:
        return ""
    if prediction.minutes is None:
        return "no estimate" if lang == "en" else "暂无估计"
    return f"~{prediction.minutes} min" if lang == "en" else f"约{prediction.minutes}分"


def naive_wait_seconds(session: Session, station_id: int, category: str, now: datetime,
                       waiting_ahead: int) -> float | None:
    """The benchmark's yardstick: position × the hall's mean handling ÷ open windows serving it."""
    from counter.queueing import CATEGORIES

    letters = [c.letter for c in CATEGORIES]
    legs = recent_handling(session, station_id, now)
    hall = [s for items in legs.values() for s in items]
    windows = [w for w in session.scalars(select(ServiceWindow).where(
        ServiceWindow.station_id == station_id, ServiceWindow.state == "open")) if category in (w.serves() or letters)]
    if not hall or not windows:
        return None
    return waiting_ahead * mean(hall) / len(windows)
