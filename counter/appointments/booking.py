"""Booking at the counter or by phone, the capacity per slot (a setting), cancelling, the day's list."""
from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from counter.appointments.common import (
    BOOKED,
    CANCELLED,
    CHECKED_IN,
    AppointmentError,
    category_of,
    check_booking,
    day_bounds,
    store_booking,
)
from counter.clock import local
from counter.models import Appointment, Station

# --- settings ------------------------------------------------------------------------------

def capacities(setting: str) -> dict[str, int]:
    """"A:6,B:6,C:3" -> {"A": 6, ...}; a letter left out has no limit."""
    out = {}
    for part in setting.split(","):
        letter, _, number = part.partition(":")
        if letter.strip() and number.strip().isdigit():
            out[letter.strip().upper()] = int(number)
    return out


def valid_capacity(setting: str) -> bool:
    """Empty (no limit), or letter:number pairs of known queue letters separated by commas."""
    from counter.queueing import CATEGORIES

    letters = {c.letter for c in CATEGORIES}
    parts = [p.strip() for p in setting.split(",") if p.strip()]
    return all(len(p.split(":")) == 2 and p.split(":")[0].strip().upper() in letters
               and p.split(":")[1].strip().isdigit() for p in parts)


def _lock_station(session: Session, station_id: int) -> None:
    """Two clerks booking the last place of a slot: the second waits and then sees it taken
    (SQLite's BEGIN IMMEDIATE already serialises writers)."""
    if session.get_bind().dialect.name == "postgresql":
        session.scalar(select(Station.id).where(Station.id == station_id).with_for_update())


def booked_count(session: Session, station_id: int, category: str, slot_start: datetime) -> int:
    return session.scalar(select(func.count()).select_from(Appointment).where(
        Appointment.station_id == station_id, Appointment.category == category,
        Appointment.slot_start == slot_start, Appointment.status.in_((BOOKED, CHECKED_IN)))) or 0


def book(ctx, values: dict[str, Any], *, source: str = "counter") -> Appointment:
    """A booking made at the counter or by phone (the dialog's values, same keys as the file).

    Refused when the slot already holds the category's capacity (a setting).
    """
    code = values.get("booking_code") or _new_code()
    raw = {**values, "booking_id": values.get("booking_id") or f"CTR-{code}", "booking_code": code}
    try:
        booking = check_booking(raw, ctx.catalog, today=ctx.clock.today())
    except ValueError as exc:
        zh, _, en = str(exc).partition(" / ")
        raise AppointmentError(zh, en or zh) from None
    if booking.slot_end <= ctx.clock.now():
        raise AppointmentError("该时段已结束", "this slot has already ended")
    category = category_of(ctx.catalog, booking.procedures)
    limit = capacities(ctx.config.appointment_capacity).get(category)
    now = ctx.clock.now()
    ctx.station  # noqa: B018
    with ctx.sessions.begin() as session:
        _lock_station(session, ctx.station.id)
        if limit is not None and booked_count(session, ctx.station.id, category, booking.slot_start) >= limit:
            slot = f"{local(booking.slot_start):%m-%d %H:%M}"
            raise AppointmentError(f"{slot} 时段{category}类预约已满（{limit} 个），请选择其他时段",
                                   f"the {slot} slot is full for queue {category} ({limit}): choose another slot")
        taken = session.scalar(select(Appointment.booking_id).where(
            Appointment.station_id == ctx.station.id, Appointment.code == booking.code,
            Appointment.booking_id != booking.booking_id))
        if taken is not None:  # a code typed by hand, or (one in 10^8 a day) a drawn one, is in use
            raise AppointmentError(f"预约码 {booking.code} 已被使用，请重试",
                                   f"booking code {booking.code} is taken: try again")
        store_booking(session, ctx, booking, source=source, now=now)
        row = session.scalar(select(Appointment).where(Appointment.station_id == ctx.station.id,
                                                       Appointment.booking_id == booking.booking_id))
        session.flush()
        session.expunge(row)
        return row


def _new_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(8))


def cancel(ctx, code: str) -> None:
    with ctx.sessions.begin() as session:
        done = session.execute(update(Appointment).where(
            Appointment.station_id == ctx.station.id, Appointment.code == code.strip(),
            Appointment.status == BOOKED).values(status=CANCELLED, updated_at=ctx.clock.now()))
        if done.rowcount != 1:
            raise AppointmentError(f"没有可取消的预约 {code}", f"no booked appointment {code} to cancel")


def on_day(session: Session, station_id: int, day: date) -> list[Appointment]:
    start, end = day_bounds(day)
    return list(session.scalars(select(Appointment).where(
        Appointment.station_id == station_id, Appointment.slot_start >= start, Appointment.slot_start < end)
        .order_by(Appointment.slot_start, Appointment.id)))


def due_in(session: Session, station_id: int, category: str, start: datetime, end: datetime) -> int:
    """Booked (not yet checked-in) appointments of a queue whose slot starts in [start, end):
    they will join the queue ahead of the walk-ins (the predicted wait counts them)."""
    return session.scalar(select(func.count()).select_from(Appointment).where(
        Appointment.station_id == station_id, Appointment.category == category,
        Appointment.status == BOOKED, Appointment.slot_start >= start, Appointment.slot_start < end)) or 0
