"""Checking a booked citizen in: the appointment claimed once, the ticket issued with its priority."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from counter.appointments.common import (
    BOOKED,
    CHECKED_IN,
    EARLY,
    LATE,
    ON_TIME,
    AppointmentError,
    day_bounds,
)
from counter.clock import local, local_day
from counter.models import Appointment

@dataclass(frozen=True)
class CheckIn:
    appointment_id: int
    code: str
    arrival: str  # early | on_time | late
    ticket: Any  # queueing.IssuedTicket
    priority_from: datetime | None
    zh_CN: str  # what the citizen is told
    en: str


def find_for_check_in(session: Session, station_id: int, now: datetime, *, code: str | None = None,
                      id_last4: str | None = None, phone_last4: str | None = None) -> Appointment:
    """Today's booked appointment by its code, or by the ID number's and phone's last 4."""
    start, end = day_bounds(local_day(now))
    stmt = select(Appointment).where(Appointment.station_id == station_id,
                                     Appointment.slot_start >= start, Appointment.slot_start < end)
    if code:
        stmt = stmt.where(Appointment.code == code.strip())
    elif id_last4 and phone_last4:
        id4, phone4 = id_last4.strip().upper(), phone_last4.strip()
        if len(id4) != 4 or len(phone4) != 4:
            raise AppointmentError("请输入身份号码和手机号码的后 4 位",
                                   "type the last 4 of the ID number and of the phone")
        stmt = stmt.where(Appointment.applicant_id_number.like(f"%{id4}"),
                          Appointment.applicant_phone.like(f"%{phone4}"))
    else:
        raise AppointmentError("请扫描预约码，或输入身份号码和手机号码的后 4 位",
                               "scan the booking code, or type the ID's and the phone's last 4")
    found = list(session.scalars(stmt.order_by(Appointment.slot_start)))
    booked = [a for a in found if a.status == BOOKED]
    if booked:
        return booked[0]  # the earliest slot still to come today
    if any(a.status == CHECKED_IN for a in found):
        raise AppointmentError("该预约已签到，请按号票等候",
                               "this appointment has already checked in: wait for your ticket")
    raise AppointmentError("今天没有找到这个预约", "no appointment found for today")


def arrival_of(appointment: Appointment, now: datetime, grace_minutes: int) -> str:
    if now < appointment.slot_start:
        return EARLY
    return ON_TIME if now <= appointment.slot_start + timedelta(minutes=grace_minutes) else LATE


def check_in(ctx, *, code: str | None = None, id_last4: str | None = None,
             phone_last4: str | None = None, source: str = "counter") -> CheckIn:
    """Check a booked citizen in and issue their ticket (see the module's note on priority).

    The appointment is claimed first (booked -> checked_in, a conditional update): two kiosks
    checking the same booking in at once give one ticket; the loser is told it is checked in.
    """
    from counter import queueing

    now = ctx.clock.now()
    grace = ctx.config.appointment_grace_minutes
    ctx.station  # noqa: B018
    with ctx.sessions.begin() as session:
        found = find_for_check_in(session, ctx.station.id, now, code=code, id_last4=id_last4,
                                  phone_last4=phone_last4)
        arrival = arrival_of(found, now, grace)
        claimed = session.execute(update(Appointment).where(
            Appointment.id == found.id, Appointment.status == BOOKED).values(
            status=CHECKED_IN, arrival=arrival, checked_in_at=now, updated_at=now))
        if claimed.rowcount != 1:
            raise AppointmentError("该预约已签到，请按号票等候",
                                   "this appointment has already checked in: wait for your ticket")
        appointment_id, booking_code, category = found.id, found.code, found.category
        slot_start = found.slot_start
    try:
        ticket = queueing.issue_ticket(ctx, category, source="appointment" if arrival != LATE else source,
                                       priority=arrival == ON_TIME)
    except Exception:
        with ctx.sessions.begin() as session:  # no ticket: the booking stays bookable
            session.execute(update(Appointment).where(Appointment.id == appointment_id).values(
                status=BOOKED, arrival=None, checked_in_at=None))
        raise
    priority_from = slot_start if arrival == EARLY else None
    with ctx.sessions.begin() as session:
        session.execute(update(Appointment).where(Appointment.id == appointment_id).values(
            ticket_id=ticket.id, priority_from=priority_from))
    zh, en = _told(arrival, slot_start, grace)
    return CheckIn(appointment_id=appointment_id, code=booking_code, arrival=arrival, ticket=ticket,
                   priority_from=priority_from, zh_CN=zh, en=en)


def _told(arrival: str, slot_start: datetime, grace: int) -> tuple[str, str]:
    at = f"{local(slot_start):%H:%M}"
    if arrival == EARLY:
        return (f"预约签到成功。您的时段 {at} 开始，届时优先叫号",
                f"Checked in. Your slot starts at {at}; from then on you are called first")
    if arrival == ON_TIME:
        return "预约签到成功，优先叫号", "Checked in: you will be called first"
    return (f"已超过预约时段 {at} 的 {grace} 分钟宽限，按现场取号排队",
            f"More than {grace} minutes after your {at} slot: you queue as a walk-in")
