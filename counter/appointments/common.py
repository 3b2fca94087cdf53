"""What every appointment job shares: the states, the error, a booking checked, its row stored."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.clock import STATION_TZ, as_utc
from counter.models import Appointment

BOOKED, CHECKED_IN, CANCELLED = "booked", "checked_in", "cancelled"
EARLY, ON_TIME, LATE = "early", "on_time", "late"


class AppointmentError(Exception):
    """An appointment action refused; `zh_CN` and `en` are one line each for people."""

    def __init__(self, zh_CN: str, en: str):
        super().__init__(f"{zh_CN} / {en}")
        self.zh_CN, self.en = zh_CN, en


@dataclass(frozen=True)
class Booking:
    """One booking as typed in the dialog or read from the platform's file (checked)."""

    booking_id: str
    code: str
    slot_start: datetime
    slot_end: datetime
    procedures: tuple[str, ...]
    id_number: str
    phone: str
    applicant_name: str = ""
    proxy_name: str | None = None
    proxy_id_number: str | None = None
    status: str = BOOKED


def category_of(catalog, codes: Iterable[str]) -> str:
    """The queue letter of a booking: 户政 only A, 交管 only B, both C (the combined window)."""
    kinds = {catalog.get(code).category for code in codes}
    return "C" if len(kinds) > 1 else ("A" if kinds == {"hz"} else "B")


# --- checking one booking ------------------------------------------------------------------

def _time(raw: Any, what: str) -> datetime:
    text = str(raw or "").strip()
    if not text:
        raise ValueError(f"缺少{what} / {what} missing")
    try:
        moment = datetime.fromisoformat(text.replace("/", "-"))
    except ValueError:
        raise ValueError(f"{what}不是时间（例 2026-11-23 09:30）/ {what} is not a time: {text[:40]!r}") from None
    if moment.tzinfo is None:  # the platform's local time is the station's
        moment = moment.replace(tzinfo=STATION_TZ)
    return as_utc(moment)


def _codes(raw: Any, catalog) -> tuple[str, ...]:
    items = raw if isinstance(raw, list) else str(raw or "").replace("|", ";").replace(",", ";").split(";")
    codes = tuple(str(c).strip().upper() for c in items if str(c).strip())
    if not codes:
        raise ValueError("缺少办理事项 / no procedures")
    unknown = [c for c in codes if c not in catalog.by_code]
    if unknown:
        raise ValueError(f"未知事项代码 {', '.join(unknown)} / unknown procedure codes {', '.join(unknown)}")
    return codes


def check_booking(raw: dict[str, Any], catalog, *, today: date | None = None) -> Booking:
    """A platform row or a dialog's values as a Booking, or ValueError with one bilingual line."""
    from counter.forms.validators import check_id_number, check_name, check_phone

    def text(key: str) -> str:
        value = raw.get(key)
        return "" if value is None else str(value).strip()

    booking_id = text("booking_id")
    if not booking_id or len(booking_id) > 40:
        raise ValueError("预约编号应为 1–40 个字符 / booking_id must be 1–40 characters")
    code = text("booking_code") or booking_id
    if len(code) > 16:
        raise ValueError("预约码最多 16 个字符 / booking_code is at most 16 characters")
    start, end = _time(raw.get("slot_start"), "slot_start"), _time(raw.get("slot_end"), "slot_end")
    if end <= start:
        raise ValueError("时段结束应晚于开始 / slot_end must be after slot_start")
    checked = {}
    for key, check in (("id_number", lambda v: check_id_number(v, today=today)), ("phone", check_phone)):
        result = check(text(key))
        if result.error is not None:  # i.e. not result.ok, spelled so the type narrows
            raise ValueError(f"{key}: {result.error.zh_CN} / {result.error.en}")
        checked[key] = result.value
    name = text("applicant_name")
    name_error = check_name(name).error if name else None
    if name_error is not None:
        raise ValueError(f"applicant_name: {name_error.zh_CN} / {name_error.en}")
    proxy_name, proxy_id = text("proxy_name") or None, text("proxy_id_number") or None
    if (proxy_name is None) != (proxy_id is None):
        raise ValueError("代办人姓名与身份号码须同时填写 / proxy_name and proxy_id_number go together")
    if proxy_id is not None:
        result = check_id_number(proxy_id, today=today)
        if result.error is not None:
            raise ValueError(f"proxy_id_number: {result.error.zh_CN} / {result.error.en}")
        proxy_id = result.value
    status = text("status").lower() or BOOKED
    if status not in (BOOKED, CANCELLED):
        raise ValueError(f"status 应为 booked 或 cancelled / status must be booked or cancelled: {status[:20]!r}")
    return Booking(booking_id=booking_id, code=code, slot_start=start, slot_end=end,
                   procedures=_codes(raw.get("procedures"), catalog), id_number=checked["id_number"],
                   phone=checked["phone"], applicant_name=name, proxy_name=proxy_name,
                   proxy_id_number=proxy_id, status=status)


def store_booking(session: Session, ctx, booking: Booking, *, source: str, now: datetime) -> bool:
    """Insert or update the booking's row (by booking_id); True when it was created. A checked-in
    appointment is left as it is."""
    row = session.scalar(select(Appointment).where(Appointment.station_id == ctx.station.id,
                                                   Appointment.booking_id == booking.booking_id))
    created = row is None
    if row is None:
        row = Appointment(station_id=ctx.station.id, booking_id=booking.booking_id, source=source,
                          status=BOOKED, created_at=now)
        session.add(row)
    if row.status == CHECKED_IN:  # the citizen is in the hall: the platform's later copy changes nothing
        return created
    row.code, row.procedures = booking.code, list(booking.procedures)
    row.category = category_of(ctx.catalog, booking.procedures)
    row.slot_start, row.slot_end = booking.slot_start, booking.slot_end
    row.applicant_name, row.applicant_id_number = booking.applicant_name, booking.id_number
    row.applicant_phone = booking.phone
    row.proxy_name, row.proxy_id_number = booking.proxy_name, booking.proxy_id_number
    row.status, row.updated_at = booking.status, now
    session.flush()
    return created


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = as_utc(datetime.combine(day, time(0), tzinfo=STATION_TZ))
    return start, start + timedelta(days=1)
