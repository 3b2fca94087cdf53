"""Queue tickets: issue, call next (atomic), recall, no-show, transfer, start, finish.

No Qt here: the counter panel, the kiosk, the hall display and the command line all call these.

Concurrency. `call_next` is one transaction that reads the next ticket and marks it called.
On SQLite the engine opens every transaction with `BEGIN IMMEDIATE`, so two terminals' call-next
transactions run one after the other (the second waits on the busy timeout, it never reads the
same row). On PostgreSQL the SELECT takes `FOR UPDATE SKIP LOCKED`: a second terminal pressing
at the same moment skips the row the first one holds and takes the next one.

Transfers re-queue the SAME row (see `transfer`): the citizen keeps the number printed on the
slip when sent to another window, keeps the place in the queue (`issued_at` is never changed),
and every call, recall and transfer stays in `ticket_events`, so each leg's wait is measurable.
Every ticket ends with one outcome: served, no_show, cancelled or closed (end of day); a
transfer is an event, not an end.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Iterable, Iterator

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from counter import categories as _categories
from counter import notify
from counter.clock import local_day
from counter.db import retry_on_disconnect
from counter.models import (
    HallSettings,
    ServiceWindow,
    Ticket,
    TicketEvent,
    TicketOutcome,
    TicketStatus,
)
from counter.numbering import next_number
# the reads the screens use live in queue_reads; re-exported so callers keep `queueing.waiting_counts`
from counter.queue_reads import (
    CallRecord as CallRecord,
    change_version as change_version,
    current_ticket as current_ticket,
    find_window as find_window,
    list_windows as list_windows,
    recent_calls as recent_calls,
    waiting_ahead as waiting_ahead,
    waiting_counts as waiting_counts,
    window_and_current as window_and_current,
)
from counter.statuses import WINDOW_STATE
from counter.statuses import zh_names as state_names
from counter.windows import window_row as _window_row

if TYPE_CHECKING:
    from counter.context import AppContext

WAITING = TicketStatus.WAITING.value
CALLED = TicketStatus.CALLED.value
SERVING = TicketStatus.SERVING.value
DONE = TicketStatus.DONE.value

OPEN, PAUSED, CLOSED = "open", "paused", "closed"


class QueueError(Exception):
    """A queue action that cannot be done now; `zh_CN` and `en` are messages for people."""

    def __init__(self, zh_CN: str, en: str):
        super().__init__(f"{zh_CN} / {en}")
        self.zh_CN, self.en = zh_CN, en


# The hall's queues: one table (counter/categories.py), named here for the queue's callers
CATEGORIES = _categories.CATEGORIES
Category = _categories.Category


def lookup_category(letter: str) -> Category:
    for found in CATEGORIES:
        if found.letter == letter.upper():
            return found
    known = ", ".join(c.letter for c in CATEGORIES)
    raise QueueError(f"没有 {letter} 类号（可用：{known}）", f"no ticket category {letter!r} (known: {known})")


@dataclass(frozen=True)
class IssuedTicket:
    id: int
    code: str
    category: str
    number: int
    priority: bool
    service_day: date
    issued_at: datetime
    waiting_ahead: int
    source: str

    @property
    def label(self) -> Category:
        return lookup_category(self.category)


# --- writing helpers -----------------------------------------------------------------------

def _bump(session: Session, station_id: int, at: datetime) -> None:
    """Tell the listeners, in the caller's transaction (PostgreSQL: heard at commit).

    Pollers need nothing written: the new ticket event (or window version) moves
    `change_version`. No station-wide row is updated, so terminals do not queue on one."""
    notify.publish(session.connection(), station_id)


@contextmanager
def _writing(ctx: AppContext) -> Iterator[Session]:
    """A write transaction, with the station resolved BEFORE it starts: `ctx.station` may have
    to create the row in its own transaction, which would wait forever behind ours (SQLite)."""
    ctx.station  # noqa: B018 - cached after the first call
    with ctx.sessions.begin() as session:
        yield session


def _event(session: Session, ticket: Ticket, kind: str, at: datetime, *, window_id: int | None,
           user_id: int | None = None, detail: str | None = None) -> None:
    session.add(TicketEvent(ticket_id=ticket.id, kind=kind, at=at, window_id=window_id,
                            user_id=user_id, detail=detail))


def _user_id(ctx: AppContext) -> int | None:
    principal = getattr(ctx, "principal", None)
    return principal.user_id if principal is not None else None


def window_row(session: Session, ctx, number: int, *, lock: bool = False) -> ServiceWindow:
    """The station's window by number, created on first use (closed, serving every category)."""
    if not 1 <= number <= 999:  # the hall's numbering; "-1号窗口" must never be stored
        raise QueueError(f"窗口号应为 1–999：{number}", f"window numbers are 1–999: {number}")
    # PostgreSQL: one terminal per window at a time (lock); SQLite holds the write lock already
    return _window_row(session, ctx.station.id, number, lock=lock, state=CLOSED)


def _serves(window: ServiceWindow) -> list[str]:
    # a merged (综合) window is configured with every letter; an empty list means "all" too
    return window.serves() or [c.letter for c in CATEGORIES]


def _detached(session: Session, obj):
    """The object, usable after the session ends (every column is loaded or was just set)."""
    session.flush()
    session.expunge(obj)
    return obj


# --- issuing -------------------------------------------------------------------------------

@retry_on_disconnect
def issue_ticket(ctx: AppContext, category_letter: str, *, source: str = "counter",
                 priority: bool | None = None) -> IssuedTicket:
    """A new ticket with the next number of its category for today (Asia/Shanghai)."""
    cat = lookup_category(category_letter)
    now = ctx.clock.now()
    day = local_day(now)
    priority = cat.priority if priority is None else priority
    issued = _issue_in_one(ctx, cat, day, now, priority, source)
    if issued is not None:
        return issued
    with _writing(ctx) as session:
        number = next_number(session, ctx.station.id, f"ticket:{cat.letter}", day)
        ticket = Ticket(station_id=ctx.station.id, category=cat.letter, number=number,
                        service_day=day, priority=priority,
                        source=source, status=WAITING, issued_at=now, recalls=0)
        session.add(ticket)
        session.flush()
        _event(session, ticket, "issue", now, window_id=None, user_id=_user_id(ctx), detail=source)
        _bump(session, ctx.station.id, now)
        ahead = waiting_ahead(session, ticket)
        return IssuedTicket(id=ticket.id, code=ticket.code, category=cat.letter, number=number,
                            priority=ticket.priority, service_day=day, issued_at=now,
                            waiting_ahead=ahead, source=source)


def _issue_in_one(ctx: AppContext, cat: Category, day: date, now: datetime, priority: bool,
                  source: str) -> IssuedTicket | None:
    """PostgreSQL: the whole issue in one statement, one round trip (queue_sql.ISSUE)."""
    if ctx.engine.dialect.name != "postgresql":
        return None
    from counter import queue_sql
    from counter.db import autocommit

    station_id = ctx.station.id
    with autocommit(ctx.engine) as conn:
        ticket, ahead = queue_sql.issue_ticket(conn, station_id=station_id, category=cat.letter, day=day,
                                               now=now, priority=priority, source=source,
                                               user_id=_user_id(ctx), channel=notify.CHANNEL)
    return IssuedTicket(id=ticket.id, code=ticket.code, category=cat.letter, number=ticket.number,
                        priority=ticket.priority, service_day=day, issued_at=now, waiting_ahead=ahead,
                        source=source)


@retry_on_disconnect
def cancel_ticket(ctx: AppContext, ticket_id: int, reason: str | None = None) -> Ticket:
    """A waiting citizen gave up (told the kiosk or a clerk): outcome cancelled."""
    now = ctx.clock.now()
    with _writing(ctx) as session:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None or ticket.status != WAITING:
            raise QueueError("只能取消正在等候的号", "only a waiting ticket can be cancelled")
        _end(ticket, TicketOutcome.CANCELLED, now)
        _event(session, ticket, "cancel", now, window_id=None, user_id=_user_id(ctx), detail=reason)
        _bump(session, ticket.station_id, now)
        return _detached(session, ticket)


# --- calling -------------------------------------------------------------------------------

def _priority_now(now: datetime):
    """A ticket's priority at `now`: its own flag, or a checked-in appointment whose slot has
    started (an early arrival; counter.appointments). The SQL of queue_sql.CALL_NEXT says the same."""
    from counter.models import Appointment

    due = select(Appointment.id).where(Appointment.ticket_id == Ticket.id, Appointment.priority_from <= now)
    # only a checked-in appointment's ticket can have one: the walk-ins skip the lookup
    return or_(Ticket.priority, and_(Ticket.source == "appointment", due.exists()))


def _next_query(window: ServiceWindow, day: date, normal_first: bool, postgres: bool, now: datetime):
    callable_here = or_(
        Ticket.target_window_id == window.id,  # sent to this window: called here, whatever its category
        and_(Ticket.target_window_id.is_(None), Ticket.category.in_(_serves(window))))
    # priority DESC puts priority tickets first; ASC lets the longest-waiting normal one through
    priority = _priority_now(now)
    order = priority.asc() if normal_first else priority.desc()
    stmt = (select(Ticket, priority.label("priority_now"))
            .where(Ticket.station_id == window.station_id, Ticket.service_day == day,
                   Ticket.status == WAITING, callable_here)
            .order_by(order, Ticket.issued_at, Ticket.id)
            .limit(1))
    if postgres:
        # another terminal holding a row makes us take the next one instead of waiting for it
        stmt = stmt.with_for_update(of=Ticket, skip_locked=True)
    return stmt


def _open_for_calling(window: ServiceWindow, now: datetime) -> None:
    if window.state == PAUSED:
        raise QueueError(f"{window.name}已暂停叫号，请先恢复", f"window {window.number} is paused: resume it first")
    if window.state != OPEN:  # the first call of the day opens a closed window
        window.state, window.opened_at, window.priority_streak = OPEN, now, 0


def _settle_current(session: Session, window: ServiceWindow, now: datetime) -> None:
    """Calling the next ticket ends the one still at the window as served.

    A hardware caller has only a "next" button, so the clerk moving on means the citizen was
    attended. A citizen who did not come is marked no-show (after a recall) before calling next.
    """
    ticket = current_ticket(session, window)
    if ticket is None:
        return
    _answered(ticket, now)
    _end(ticket, TicketOutcome.SERVED, now)
    _event(session, ticket, "finish", now, window_id=window.id, detail="next called")


@retry_on_disconnect
def call_next(ctx: AppContext, window_number: int, *, limit: int | None = None) -> Ticket | None:
    """Call the next ticket to this window, atomically; None when nobody it serves is waiting.

    PostgreSQL: one statement, one round trip (`queue_sql.call_next`); the ORM code below is the
    same rule, for SQLite and for a window's first use (its row is created here).

    The priority streak limit is the hall's, read as the call is made (every window follows the
    same rule, whenever a manager changed it); `limit` overrides it (tests, simulations)."""
    hall_rule = limit is None
    limit = ctx.config.priority_streak_limit if limit is None else limit
    now = ctx.clock.now()
    postgres = ctx.engine.dialect.name == "postgresql"
    if postgres:
        done = _call_next_in_one(ctx, window_number, limit, now, hall_rule)
        if done is not None:
            return done[0]
    with _writing(ctx) as session:
        window = window_row(session, ctx, window_number, lock=True)
        if hall_rule:
            limit = _hall_streak_limit(session, window.station_id, limit)
        _open_for_calling(window, now)
        _settle_current(session, window, now)
        normal_first = limit > 0 and window.priority_streak >= limit
        picked = session.execute(_next_query(window, local_day(now), normal_first, postgres, now)).first()
        ticket = None if picked is None else picked[0]
        window.current_ticket_id = None if ticket is None else ticket.id
        if picked is None or ticket is None:  # (ticket is None exactly when picked is)
            _bump(session, window.station_id, now)  # the settled ticket changed the hall
            return None
        ticket.priority = bool(picked[1])  # an early appointment whose slot started is one now
        window.priority_streak = window.priority_streak + 1 if ticket.priority else 0
        ticket.status, ticket.window_id, ticket.target_window_id = CALLED, window.id, None
        ticket.called_at = ticket.called_at or now  # first call ever: the never-served wait
        ticket.last_called_at = now
        _event(session, ticket, "call", now, window_id=window.id, user_id=_user_id(ctx))
        _bump(session, window.station_id, now)
        return _detached(session, ticket)


def _hall_streak_limit(session: Session, station_id: int, fallback: int) -> int:
    stored = session.scalar(select(HallSettings.priority_streak_limit).where(HallSettings.station_id == station_id))
    return fallback if stored is None else stored


def _call_next_in_one(ctx: AppContext, window_number: int, limit: int, now: datetime,
                      hall_rule: bool) -> tuple[Ticket | None] | None:
    """(ticket or None) from the one-statement call-next; None when the window has no row yet."""
    from counter import queue_sql
    from counter.db import autocommit

    station_id = ctx.station.id
    with autocommit(ctx.engine) as conn:
        result = queue_sql.call_next(conn, station_id=station_id, number=window_number, now=now,
                                     day=local_day(now), streak_limit=limit, user_id=_user_id(ctx),
                                     channel=notify.CHANNEL, hall_rule=hall_rule)
    if not result.found_window:
        return None
    if result.paused:
        raise QueueError(f"{result.window_name}已暂停叫号，请先恢复",
                         f"window {window_number} is paused: resume it first")
    return (result.ticket,)


def _in_one(ctx: AppContext, statement: str, window_number: int, now: datetime,
            statuses: tuple[str, ...]) -> Ticket | None:
    """PostgreSQL: recall / no-show / start in one statement (`queue_sql`). None: take the ORM
    path (SQLite; a window without a row yet; a start pressed again while serving)."""
    if ctx.engine.dialect.name != "postgresql":
        return None
    from counter import queue_sql
    from counter.db import autocommit

    with autocommit(ctx.engine) as conn:
        result = queue_sql.window_action(conn, getattr(queue_sql, statement), station_id=ctx.station.id,
                                         number=window_number, now=now, user_id=_user_id(ctx),
                                         channel=notify.CHANNEL)
    if result is None or result.ticket is not None:
        return None if result is None else result.ticket
    if result.current_status == SERVING and statement == "START":
        return None  # already serving: the ORM path returns it unchanged
    if result.current_status not in statuses:
        raise QueueError(f"{result.window_name}当前没有已叫的号", f"window {window_number} has no called ticket")
    raise QueueError("请先重呼一次，再标记过号", "recall the ticket at least once before marking a no-show")


def _current_or_fail(session: Session, window: ServiceWindow, *statuses: str) -> Ticket:
    ticket = current_ticket(session, window)
    if ticket is None or ticket.status not in statuses:
        raise QueueError(f"{window.name}当前没有已叫的号", f"window {window.number} has no called ticket")
    return ticket


@retry_on_disconnect
def recall(ctx: AppContext, window_number: int) -> Ticket:
    """Call the window's current ticket again (counted; the display and voice repeat it)."""
    now = ctx.clock.now()
    done = _in_one(ctx, "RECALL", window_number, now, (CALLED,))
    if done is not None:
        return done
    with _writing(ctx) as session:
        window = window_row(session, ctx, window_number, lock=True)
        ticket = _current_or_fail(session, window, CALLED)
        ticket.recalls += 1
        ticket.last_called_at = now
        _event(session, ticket, "recall", now, window_id=window.id, user_id=_user_id(ctx),
               detail=str(ticket.recalls))
        _bump(session, window.station_id, now)
        return _detached(session, ticket)


@retry_on_disconnect
def no_show(ctx: AppContext, window_number: int) -> Ticket:
    """The called citizen did not come, even after a recall: outcome no_show."""
    now = ctx.clock.now()
    done = _in_one(ctx, "NO_SHOW", window_number, now, (CALLED,))
    if done is not None:
        return done
    with _writing(ctx) as session:
        window = window_row(session, ctx, window_number, lock=True)
        ticket = _current_or_fail(session, window, CALLED)
        if ticket.recalls < 1:
            raise QueueError("请先重呼一次，再标记过号", "recall the ticket at least once before marking a no-show")
        ticket.no_show_at = now
        ticket.last_called_at = None  # no call was answered
        _end(ticket, TicketOutcome.NO_SHOW, now)
        window.current_ticket_id = None
        _event(session, ticket, "no_show", now, window_id=window.id, user_id=_user_id(ctx))
        _bump(session, window.station_id, now)
        return _detached(session, ticket)


@retry_on_disconnect
def start_service(ctx: AppContext, window_number: int) -> Ticket:
    """The called citizen is at the window: status serving; the answered call is fixed."""
    now = ctx.clock.now()
    done = _in_one(ctx, "START", window_number, now, (CALLED,))
    if done is not None:
        return done
    with _writing(ctx) as session:
        window = window_row(session, ctx, window_number, lock=True)
        ticket = _current_or_fail(session, window, CALLED, SERVING)
        if ticket.status == CALLED:
            # wait = the answered call − issued_at: fixed at the FIRST service, so a ticket
            # transferred after being served keeps the citizen's real wait, not the second leg
            _answered(ticket, now, start=now)
            ticket.status = SERVING
            _event(session, ticket, "start", now, window_id=window.id, user_id=_user_id(ctx))
            _bump(session, window.station_id, now)
        return _detached(session, ticket)


@retry_on_disconnect
def transfer(ctx: AppContext, window_number: int, *, category: str | None = None,
             to_window: int | None = None) -> Ticket:
    """Send the window's current ticket to another category's queue or to one window.

    The same row goes back to waiting with its original `issued_at`, so it is called before
    anyone who arrived later. A category change takes the next number of that category today
    (the ticket number encodes the category, and numbers are unique per category and day), so
    the clerk prints a new slip; a transfer to a window keeps the number. The event records
    the old code and the destination.
    """
    if category is None and to_window is None:
        raise QueueError("请选择转往的类别或窗口", "choose a category or a window to transfer to")
    now = ctx.clock.now()
    with _writing(ctx) as session:
        window = window_row(session, ctx, window_number, lock=True)
        ticket = _current_or_fail(session, window, CALLED, SERVING)
        old_code = ticket.code
        target = _transfer_target(session, ctx, window, to_window)
        new = lookup_category(category) if category is not None else None
        if new is not None and new.letter != ticket.category:
            # number first: setting the letter alone would briefly collide with a real B001
            number = next_number(session, ticket.station_id, f"ticket:{new.letter}", ticket.service_day)
            ticket.category, ticket.number = new.letter, number
        ticket.status, ticket.window_id = WAITING, None
        ticket.target_window_id = target.id if target else None
        if ticket.started_at is None:
            ticket.last_called_at = None  # not answered here; the next window's call will be
        window.current_ticket_id = None
        detail = f"{old_code}->{ticket.code}" + (f" window {target.number}" if target else "")
        _event(session, ticket, "transfer", now, window_id=window.id, user_id=_user_id(ctx), detail=detail)
        _bump(session, window.station_id, now)
        return _detached(session, ticket)


def _transfer_target(session: Session, ctx, window: ServiceWindow, number: int | None) -> ServiceWindow | None:
    if number is None:
        return None
    target = find_window(session, ctx.station.id, number)
    if target is None:
        raise QueueError(f"没有 {number} 号窗口", f"there is no window {number}")
    if target.id == window.id:
        raise QueueError("不能转给本窗口", "cannot transfer a ticket to its own window")
    return target


def _answered(ticket: Ticket, now: datetime, *, start: datetime | None = None) -> None:
    """Service starts (or ends without an explicit start): the answered call is fixed, once.

    `answered_at` is the wait rule's end (metrics): the latest call before service first
    started. A ticket transferred after its service started keeps it; its next call does not
    move it. Without an explicit start, service is taken to start at the answered call."""
    if ticket.started_at is not None:
        return
    ticket.answered_at = ticket.answered_at or ticket.last_called_at or start or now
    ticket.started_at = start or ticket.last_called_at or now


def _end(ticket: Ticket, outcome: TicketOutcome, at: datetime) -> None:
    ticket.status, ticket.outcome, ticket.finished_at = DONE, outcome.value, at


def finish_ticket(session: Session, ticket_id: int, at: datetime) -> Ticket | None:
    """The visit of this ticket is finished: outcome served (inside the caller's transaction).

    Only a ticket still at a window is ended: one the clerk transferred during the visit is
    waiting for its next window and must stay in the queue. The window row is locked before the
    ticket, in the same order as call_next, so the two can never deadlock on PostgreSQL.
    PostgreSQL: one statement (`queue_sql.finish_ticket`), one round trip.
    """
    if session.get_bind().dialect.name == "postgresql":
        return _finish_ticket_in_one(session, ticket_id, at)
    window_id = session.scalar(select(Ticket.window_id).where(Ticket.id == ticket_id))
    if window_id is not None:
        session.scalar(select(ServiceWindow).where(ServiceWindow.id == window_id).with_for_update())
    ticket = session.get(Ticket, ticket_id)
    if ticket is None or ticket.status in (DONE, WAITING):
        return ticket  # finishing twice (a retried save) changes nothing; a transferred one waits
    _answered(ticket, at)
    _end(ticket, TicketOutcome.SERVED, at)
    session.execute(update(ServiceWindow).where(ServiceWindow.current_ticket_id == ticket.id)
                    .values(current_ticket_id=None))
    _event(session, ticket, "finish", at, window_id=ticket.window_id)
    _bump(session, ticket.station_id, at)
    return ticket


def _finish_ticket_in_one(session: Session, ticket_id: int, at: datetime) -> Ticket | None:
    from counter import queue_sql

    loaded = session.identity_map.get(session.identity_key(Ticket, ticket_id))
    if loaded is not None:
        session.flush()
    finished = queue_sql.finish_ticket(session.connection(), ticket_id=ticket_id, now=at, channel=notify.CHANNEL)
    if loaded is not None:
        session.expire(loaded)  # the statement changed the row behind the session's back
    if finished is None:  # done already (a retried save), transferred, or unknown: as it is
        return session.get(Ticket, ticket_id)
    return finished


# --- windows -------------------------------------------------------------------------------

@retry_on_disconnect
def _set_state(ctx: AppContext, window_number: int, state: str, allowed_from: Iterable[str]) -> ServiceWindow:
    now = ctx.clock.now()
    with _writing(ctx) as session:
        window = window_row(session, ctx, window_number, lock=True)
        if window.state not in allowed_from:
            raise QueueError(f"{window.name}当前状态为「{_STATE_ZH[window.state]}」，不能改为「{_STATE_ZH[state]}」",
                             f"window {window.number} is {window.state}: cannot become {state}")
        if state == OPEN and window.state == CLOSED:
            window.opened_at, window.priority_streak = now, 0
        window.state = state
        window.version = (window.version or 0) + 1  # pollers see the change (change_version)
        _bump(session, window.station_id, now)
        return _detached(session, window)


_STATE_ZH = state_names(WINDOW_STATE)  # 开放 / 暂停 / 未开放, as on every screen


def open_window(ctx: AppContext, window_number: int) -> ServiceWindow:
    return _set_state(ctx, window_number, OPEN, (CLOSED, OPEN))


def pause_window(ctx: AppContext, window_number: int) -> ServiceWindow:
    return _set_state(ctx, window_number, PAUSED, (OPEN, PAUSED, CLOSED))


def resume_window(ctx: AppContext, window_number: int) -> ServiceWindow:
    return _set_state(ctx, window_number, OPEN, (PAUSED, OPEN))


def close_window(ctx: AppContext, window_number: int) -> ServiceWindow:
    return _set_state(ctx, window_number, CLOSED, (OPEN, PAUSED, CLOSED))


def window_state(ctx: AppContext, window_number: int) -> ServiceWindow:
    with _writing(ctx) as session:
        return _detached(session, window_row(session, ctx, window_number))


# --- end of day ----------------------------------------------------------------------------

@retry_on_disconnect
def close_day(ctx: AppContext, day: date) -> int:
    """Tickets of `day` (and before) left waiting or called get outcome closed. Never deletes.

    Windows are closed and their priority streak reset so tomorrow starts clean. Returns how
    many tickets were closed.
    """
    now = ctx.clock.now()
    with _writing(ctx) as session:
        left = session.scalars(select(Ticket).where(
            Ticket.station_id == ctx.station.id, Ticket.service_day <= day,
            Ticket.status.in_((WAITING, CALLED)))).all()
        for ticket in left:
            _end(ticket, TicketOutcome.CLOSED, now)
            _event(session, ticket, "close", now, window_id=ticket.window_id, user_id=_user_id(ctx))
        closed_ids = [t.id for t in left]
        windows = update(ServiceWindow).where(ServiceWindow.station_id == ctx.station.id)
        session.execute(windows.values(state=CLOSED, priority_streak=0, version=ServiceWindow.version + 1))
        if closed_ids:  # a ticket still being served keeps its window link for its visit
            session.execute(windows.where(ServiceWindow.current_ticket_id.in_(closed_ids))
                            .values(current_ticket_id=None))
        _bump(session, ctx.station.id, now)
        return len(left)
