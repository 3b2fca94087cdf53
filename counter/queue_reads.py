"""The queue as the screens read it: counts, recent calls, windows and their current ticket.

Read-only queries, each in the caller's session (`counter.hall_state` opens them); the writes
are `counter.queueing`'s, which re-exports these names.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from counter import notify
from counter.categories import CATEGORIES
from counter.models import ServiceWindow, Ticket, TicketEvent, TicketStatus

WAITING = TicketStatus.WAITING.value
CALLED = TicketStatus.CALLED.value
SERVING = TicketStatus.SERVING.value


@dataclass(frozen=True)
class CallRecord:
    """One call or recall as the hall display shows it."""

    event_id: int
    ticket_id: int
    code: str
    window_number: int
    window_name: str
    at: datetime
    recall: bool


# --- reading -------------------------------------------------------------------------------

def change_version(session: Session, station_id: int) -> int:
    """What pollers compare (`notify.change_version`): moves on every change, no hot row."""
    return notify.change_version(session.connection(), station_id)


def waiting_counts(session: Session, station_id: int, day: date | None = None) -> dict[str, int]:
    """Waiting tickets per category (every configured category present, zeros included)."""
    stmt = (select(Ticket.category, func.count())
            .where(Ticket.station_id == station_id, Ticket.status == WAITING)
            .group_by(Ticket.category))
    if day is not None:
        stmt = stmt.where(Ticket.service_day == day)
    counts = {c.letter: 0 for c in CATEGORIES}
    counts.update({letter: n for letter, n in session.execute(stmt)})
    return counts


def waiting_ahead(session: Session, ticket: Ticket) -> int:
    """Tickets of the same queue issued earlier and still waiting: the figure on the slip.

    "The same queue" is the target window for a ticket sent to one, else the category. It is an
    estimate: a priority ticket issued later may still go first.
    """
    same_queue = (Ticket.target_window_id == ticket.target_window_id if ticket.target_window_id
                  else and_(Ticket.category == ticket.category, Ticket.target_window_id.is_(None)))
    earlier = or_(Ticket.issued_at < ticket.issued_at,
                  and_(Ticket.issued_at == ticket.issued_at, Ticket.id < ticket.id))
    stmt = select(func.count()).where(
        Ticket.station_id == ticket.station_id, Ticket.service_day == ticket.service_day,
        Ticket.status == WAITING, same_queue, earlier)
    return session.scalar(stmt) or 0


def recent_calls(session: Session, station_id: int, limit: int = 8) -> list[CallRecord]:
    """The latest calls and recalls, newest first (the display keeps one line per ticket)."""
    stmt = (select(TicketEvent, Ticket, ServiceWindow)
            .join(Ticket, Ticket.id == TicketEvent.ticket_id)
            .join(ServiceWindow, ServiceWindow.id == TicketEvent.window_id)
            .where(Ticket.station_id == station_id, TicketEvent.kind.in_(("call", "recall")))
            .order_by(TicketEvent.id.desc())
            .limit(limit))
    return [CallRecord(event_id=e.id, ticket_id=t.id, code=t.code, window_number=w.number,
                       window_name=w.name, at=e.at, recall=e.kind == "recall")
            for e, t, w in session.execute(stmt)]


def find_window(session: Session, station_id: int, number: int) -> ServiceWindow | None:
    return session.scalar(select(ServiceWindow).where(
        ServiceWindow.station_id == station_id, ServiceWindow.number == number))


def list_windows(session: Session, station_id: int) -> list[ServiceWindow]:
    return list(session.scalars(select(ServiceWindow).where(ServiceWindow.station_id == station_id)
                                .order_by(ServiceWindow.number)))


def window_and_current(session: Session, station_id: int, number: int) -> tuple[ServiceWindow, Ticket | None] | None:
    """The window and its current (called or serving) ticket in one query; None: no such window."""
    row = session.execute(
        select(ServiceWindow, Ticket)
        .outerjoin(Ticket, and_(Ticket.id == ServiceWindow.current_ticket_id, Ticket.status.in_((CALLED, SERVING))))
        .where(ServiceWindow.station_id == station_id, ServiceWindow.number == number)).first()
    return None if row is None else (row[0], row[1])


def current_ticket(session: Session, window: ServiceWindow) -> Ticket | None:
    if window.current_ticket_id is None:
        return None
    ticket = session.get(Ticket, window.current_ticket_id)
    return ticket if ticket is not None and ticket.status in (CALLED, SERVING) else None
