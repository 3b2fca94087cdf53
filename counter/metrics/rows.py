"""The rows: one per item (and per ticket or visit without items), the Excel \"明细 Raw\" sheet."""
from __future__ import annotations

import heapq
from decimal import Decimal
from datetime import date, datetime, time, timedelta
from typing import Iterator, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from counter.clock import STATION_TZ, UTC, local
from counter.masking import mask_id_number
from counter.models import (
    Item,
    Rating,
    ServiceWindow,
    Ticket,
    TicketEvent,
    User,
    Visit,
)
from counter.metrics.periods import Period


# --- the rows: one per item (and per ticket or visit without items) ---------------------------

class RawRow(NamedTuple):
    service_day: date
    ticket_id: int | None
    ticket_code: str
    category: str
    priority: bool
    outcome: str | None
    issued_at: datetime | None
    first_call_at: datetime | None
    answered_at: datetime | None
    recalls: int
    transfers: int
    wait_seconds: float | None
    window_id: int | None
    window_name: str
    clerk_id: int | None
    clerk_name: str
    visit_id: int | None
    visit_status: str | None
    visit_started_at: datetime | None
    visit_finished_at: datetime | None
    handling_seconds: float | None
    hall_seconds: float | None
    citizen_no: int | None
    id_number_masked: str
    items_in_visit: int
    position: int | None
    procedure_code: str
    procedure_name: str
    item_category: str
    item_status: str
    item_started_at: datetime | None
    item_finished_at: datetime | None
    item_seconds: float | None
    fee: Decimal
    rating: int | None
    rating_reason: str | None
    first_of_ticket: bool
    first_of_visit: bool


def seconds_between(a: datetime | None, b: datetime | None) -> float | None:
    if a is None or b is None:
        return None
    return (b - a).total_seconds()


def _ticket_query(station_id: int, period: Period):
    rated = aliased(Rating)
    return (select(Ticket.id, Ticket.category, Ticket.number, Ticket.service_day, Ticket.priority, Ticket.outcome,
                   Ticket.status, Ticket.issued_at, Ticket.called_at, Ticket.answered_at, Ticket.recalls,
                   Ticket.started_at, Ticket.finished_at, Ticket.window_id,
                   Visit.id, Visit.status, Visit.window_id, Visit.clerk_id, Visit.applicant_id_number,
                   Visit.started_at, Visit.finished_at,
                   Item.position, Item.procedure_code, Item.category, Item.status, Item.started_at,
                   Item.finished_at, Item.fee, rated.level, rated.reason)
            .select_from(Ticket)
            .outerjoin(Visit, Visit.ticket_id == Ticket.id)
            .outerjoin(Item, Item.visit_id == Visit.id)
            .outerjoin(rated, rated.visit_id == Visit.id)
            .where(Ticket.station_id == station_id, Ticket.service_day >= period.start,
                   Ticket.service_day <= period.end)
            .order_by(Ticket.service_day, Ticket.issued_at, Ticket.id, Visit.id, Item.position))


def _walk_in_query(station_id: int, period: Period):
    lo, hi = period.utc_bounds()
    rated = aliased(Rating)
    return (select(Visit.id, Visit.status, Visit.window_id, Visit.clerk_id, Visit.applicant_id_number,
                   Visit.started_at, Visit.finished_at,
                   Item.position, Item.procedure_code, Item.category, Item.status, Item.started_at,
                   Item.finished_at, Item.fee, rated.level, rated.reason)
            .select_from(Visit)
            .outerjoin(Item, Item.visit_id == Visit.id)
            .outerjoin(rated, rated.visit_id == Visit.id)
            .where(Visit.station_id == station_id, Visit.ticket_id.is_(None), Visit.started_at >= lo,
                   Visit.started_at < hi)
            .order_by(Visit.started_at, Visit.id, Item.position))


def wait_end(*, answered: datetime | None, first_call: datetime | None, ended: datetime | None,
             day_end: datetime, now: datetime) -> datetime:
    """Where a ticket's wait stops (DESIGN.md): the call that was answered; for a ticket never
    served, its first call, else when it was cancelled or closed, but never past the end of its day."""
    if answered is not None:
        return answered
    return first_call or min(ended or now, day_end)


def local_day_end(day: date) -> datetime:
    """Midnight after `day` in the station's time zone, as UTC."""
    return datetime.combine(day + timedelta(days=1), time(0), STATION_TZ).astimezone(UTC)


def _transfer_counts(session: Session, station_id: int, period: Period) -> dict[int, int]:
    stmt = (select(TicketEvent.ticket_id, func.count())
            .join(Ticket, Ticket.id == TicketEvent.ticket_id)
            .where(Ticket.station_id == station_id, Ticket.service_day >= period.start,
                   Ticket.service_day <= period.end, TicketEvent.kind == "transfer")
            .group_by(TicketEvent.ticket_id))
    return dict(session.execute(stmt).all())


def count_raw_rows(session: Session, station_id: int, period: Period) -> int:
    """About how many rows `raw_rows` yields (for a progress bar)."""
    tickets = session.scalar(select(func.count()).select_from(Ticket).where(
        Ticket.station_id == station_id, Ticket.service_day >= period.start, Ticket.service_day <= period.end))
    items = session.scalar(select(func.count()).select_from(Item).join(Visit, Visit.id == Item.visit_id)
                           .join(Ticket, Ticket.id == Visit.ticket_id).where(
        Ticket.station_id == station_id, Ticket.service_day >= period.start, Ticket.service_day <= period.end))
    return max(tickets or 0, items or 0)


def raw_rows(session: Session, station_id: int, period: Period, *, now: datetime | None = None,
             catalog=None, batch: int = 5000) -> Iterator[RawRow]:
    """Every row of the period, streamed in service-day order (the Raw sheet and all KPIs)."""
    now = now or datetime.now(UTC)
    names = {}
    if catalog is not None:
        names = {p.code: p.name.zh_CN for p in catalog.procedures}
    windows = {w.id: w.name for w in session.scalars(select(ServiceWindow).where(
        ServiceWindow.station_id == station_id))}
    clerks = dict(session.execute(select(User.id, User.display_name)).all())
    transfers = _transfer_counts(session, station_id, period)
    day_end_cache: dict[date, datetime] = {}
    citizens: dict[tuple[date, str], int] = {}
    serial = [0]

    def day_end(day: date) -> datetime:
        found = day_end_cache.get(day)
        if found is None:
            found = day_end_cache[day] = local_day_end(day)
        return found

    def citizen_no(day: date, id_number: str | None, visit_id: int) -> int:
        key = (day, id_number) if id_number else (day, f"visit:{visit_id}")
        found = citizens.get(key)
        if found is None:
            serial[0] += 1
            found = citizens[key] = serial[0]
        return found

    def ticket_rows() -> Iterator[tuple]:
        result = session.execute(_ticket_query(station_id, period).execution_options(yield_per=batch))
        last_ticket = last_visit = None
        current_day = None
        for r in result:
            (tid, cat, number, day, priority, outcome, status, issued, first_call, answered_at, recalls, t_started,
             t_finished, t_window, vid, vstatus, vwindow, clerk, id_number, vstart, vfinish,
             pos, code, icat, istatus, istart, ifinish, fee, level, reason) = r
            if day != current_day:
                citizens.clear()
                current_day = day
            first_t = tid != last_ticket
            first_v = first_t or vid != last_visit
            last_ticket, last_visit = tid, vid
            answered = (answered_at or t_started) if t_started is not None else None
            ends = wait_end(answered=answered, first_call=first_call, ended=t_finished, day_end=day_end(day), now=now)
            window_id = vwindow if vid is not None else t_window
            yield (day, issued, RawRow(
                day, tid, f"{cat}{number:03d}", cat, bool(priority), outcome,
                issued, first_call, answered, recalls or 0, transfers.get(tid, 0), seconds_between(issued, ends),
                window_id, windows.get(window_id, ""), clerk, clerks.get(clerk, "") if clerk else "",
                vid, vstatus, vstart, vfinish, seconds_between(vstart, vfinish),
                seconds_between(issued, vfinish) if vid is not None else None,
                citizen_no(day, id_number, vid) if vid is not None else None,
                mask_id_number(id_number) if id_number else "", 0,
                pos, code or "", names.get(code, code or ""), icat or "", istatus or "", istart, ifinish,
                seconds_between(istart, ifinish), Decimal(fee or 0), level, reason, first_t, first_v))

    def walk_in_rows() -> Iterator[tuple]:
        result = session.execute(_walk_in_query(station_id, period).execution_options(yield_per=batch))
        last_visit = None
        for r in result:
            (vid, vstatus, vwindow, clerk, id_number, vstart, vfinish,
             pos, code, icat, istatus, istart, ifinish, fee, level, reason) = r
            first_v = vid != last_visit
            last_visit = vid
            day = local(vstart).date()
            yield (day, vstart, RawRow(
                day, None, "", "", False, None, None, None, None, 0, 0, None,
                vwindow, windows.get(vwindow, ""), clerk, clerks.get(clerk, ""),
                vid, vstatus, vstart, vfinish, seconds_between(vstart, vfinish), None, None,
                mask_id_number(id_number) if id_number else "", 0,
                pos, code or "", names.get(code, code or ""), icat or "", istatus or "", istart, ifinish,
                seconds_between(istart, ifinish), Decimal(fee or 0), level, reason, False, first_v))

    # items per visit need the whole visit: hold one visit's rows back
    pending: list[RawRow] = []
    for _day, _at, row in heapq.merge(ticket_rows(), walk_in_rows(), key=lambda t: (t[0], t[1])):
        if row.first_of_ticket or row.first_of_visit or row.visit_id is None:
            yield from _with_item_count(pending)
            pending = []
        pending.append(row)
    yield from _with_item_count(pending)


def _with_item_count(rows: list[RawRow]) -> list[RawRow]:
    if not rows:
        return rows
    n = sum(1 for r in rows if r.position is not None)
    return [r._replace(items_in_visit=n) for r in rows]
