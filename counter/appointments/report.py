"""The appointments' figures of a period and the workbook's 预约 Appointments sheet."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.appointments.common import BOOKED, CANCELLED, CHECKED_IN, EARLY, LATE, ON_TIME, day_bounds
from counter.models import Appointment, Ticket

# --- report ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AppointmentReport:
    """Local days start..end. Booked visits are tickets of citizens checked in on time or early
    (a late one queued as a walk-in); their wait counts from the later of check-in and slot start."""

    due: int  # appointments whose slot was in the period (not cancelled)
    checked_in: int
    early: int
    on_time: int
    late: int
    no_shows: int  # slot ended, never checked in
    cancelled: int
    served: int  # served tickets in the period
    served_booked: int
    wait_booked: float | None  # mean minutes to the first call
    wait_walk_in: float | None
    by_source: dict[str, int]

    @property
    def booked_share(self) -> float | None:
        return self.served_booked / self.served if self.served else None

    @property
    def punctuality(self) -> float | None:
        return (self.early + self.on_time) / self.checked_in if self.checked_in else None

    @property
    def no_show_rate(self) -> float | None:
        ended = self.checked_in + self.no_shows
        return self.no_shows / ended if ended else None


def report(session: Session, station_id: int, start: date, end: date, now: datetime) -> AppointmentReport:
    first, _ = day_bounds(start)
    _, last = day_bounds(end)
    rows = session.scalars(select(Appointment).where(
        Appointment.station_id == station_id, Appointment.slot_start >= first, Appointment.slot_start < last)).all()
    live = [a for a in rows if a.status != CANCELLED]
    arrivals = [a.arrival for a in live if a.status == CHECKED_IN]
    booked_by_ticket = {a.ticket_id: a for a in live if a.ticket_id is not None and a.arrival in (EARLY, ON_TIME)}
    tickets = session.execute(select(Ticket.id, Ticket.issued_at, Ticket.called_at).where(
        Ticket.station_id == station_id, Ticket.service_day >= start, Ticket.service_day <= end,
        Ticket.outcome == "served", Ticket.called_at.is_not(None))).all()
    booked_waits, walk_waits = [], []
    for ticket_id, issued, called in tickets:
        assert called is not None  # the query keeps called tickets only
        appointment = booked_by_ticket.get(ticket_id)
        if appointment is not None:
            booked_waits.append(max((called - max(issued, appointment.slot_start)).total_seconds(), 0) / 60)
        else:
            walk_waits.append((called - issued).total_seconds() / 60)
    sources: dict[str, int] = {}
    for a in live:
        sources[a.source] = sources.get(a.source, 0) + 1
    return AppointmentReport(
        due=len(live), checked_in=len(arrivals), early=arrivals.count(EARLY), on_time=arrivals.count(ON_TIME),
        late=arrivals.count(LATE), no_shows=sum(a.status == BOOKED and a.slot_end < now for a in live),
        cancelled=len(rows) - len(live), served=len(tickets), served_booked=len(booked_waits),
        wait_booked=sum(booked_waits) / len(booked_waits) if booked_waits else None,
        wait_walk_in=sum(walk_waits) / len(walk_waits) if walk_waits else None, by_source=sources)


def write_sheet(ws, fmt, result: AppointmentReport) -> None:
    """The workbook's 预约 Appointments sheet (xlsxwriter, rows written in order)."""
    ws.set_column(0, 0, 42)
    ws.set_column(1, 1, 14)
    ws.write(0, 0, "预约 Appointments", fmt.title)
    ws.write_row(2, 0, ("指标 Measure", "数值 Value"), fmt.header)
    lines = (
        ("预约到期数 Appointments due", result.due, fmt.integer),
        ("已签到 Checked in", result.checked_in, fmt.integer),
        ("  提前到达 Early", result.early, fmt.integer),
        ("  准时（宽限内）On time (within grace)", result.on_time, fmt.integer),
        ("  迟到转现场 Late (walk-in)", result.late, fmt.integer),
        ("准时率 Punctuality", result.punctuality, fmt.percent),
        ("爽约 No-shows", result.no_shows, fmt.integer),
        ("爽约率 No-show rate", result.no_show_rate, fmt.percent),
        ("已取消 Cancelled", result.cancelled, fmt.integer),
        ("办结号数 Tickets served", result.served, fmt.integer),
        ("其中预约 Of them booked", result.served_booked, fmt.integer),
        ("预约占比 Share of visits booked", result.booked_share, fmt.percent),
        ("预约平均等候（分钟）Mean wait, booked (min)", result.wait_booked, fmt.minutes),
        ("现场平均等候（分钟）Mean wait, walk-in (min)", result.wait_walk_in, fmt.minutes),
    )
    row = 3
    for label, value, cell in lines:
        ws.write(row, 0, label)
        if value is None:
            ws.write(row, 1, "–")
        else:
            ws.write(row, 1, value, cell)
        row += 1
    row += 1
    ws.write_row(row, 0, ("来源 Source", "预约数 Appointments"), fmt.header)
    for source, n in sorted(result.by_source.items()):
        row += 1
        ws.write(row, 0, {"platform": "预约平台 Platform", "counter": "窗口 Counter",
                          "phone": "电话 Phone"}.get(source, source))
        ws.write(row, 1, n, fmt.integer)
