"""Appointments (预约): imported from the provincial booking platform, or made at the counter.

No Qt here: the counter's dialogs, the command line and (after the kiosk split) the kiosk call
these functions.

Priority. A checked-in appointment gets an ordinary queue ticket of its category. Its priority
is the ticket's own `priority` column, the one call-next already orders by, so the no-starvation
rule (`priority_streak_limit`) holds for booked citizens exactly as for the 绿色通道:
- on time (slot start … start + grace): the ticket is issued with priority;
- early: issued without priority, and `priority_from` = the slot's start; call-next counts the
  ticket as a priority one from then on (queueing._priority_now, queue_sql.PRIORITY_NOW: in the
  same statement, no extra round trip) and stores the flag on the ticket it calls;
- late (beyond the grace period, a setting, default 15 min): a walk-in ticket, and it says so.

Import format (the platform's daily export; CSV with a header row, UTF-8 with or without BOM, or
JSON: a list of objects or {"bookings": [...]}). Keys / columns:
  booking_id      the platform's id (required; re-importing updates the row with this id)
  booking_code    what the citizen shows at check-in (default: booking_id)
  slot_start      2026-11-23T09:30+08:00, or 2026-11-23 09:30 (station time)
  slot_end        same forms; after slot_start
  procedures      catalogue codes: "HZ-08;JG-C1" in CSV, a list in JSON
  applicant_name  optional
  id_number       the applicant's 18-character ID number (checksum checked)
  phone           the applicant's mobile number
  proxy_name, proxy_id_number   optional, both or neither
  status          booked (default) | cancelled
"""
from __future__ import annotations

import csv
import io
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from counter.clock import STATION_TZ, as_utc, local, local_day
from counter.models import Appointment, Station, Ticket

BOOKED, CHECKED_IN, CANCELLED = "booked", "checked_in", "cancelled"
EARLY, ON_TIME, LATE = "early", "on_time", "late"
FIELDS = ("booking_id", "booking_code", "slot_start", "slot_end", "procedures", "applicant_name",
          "id_number", "phone", "proxy_name", "proxy_id_number", "status")


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


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, one line)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class CheckIn:
    appointment_id: int
    code: str
    arrival: str  # early | on_time | late
    ticket: Any  # queueing.IssuedTicket
    priority_from: datetime | None
    zh_CN: str  # what the citizen is told
    en: str


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


# --- reading the platform's file ------------------------------------------------------------

def read_rows(path: str | Path) -> list[tuple[int, dict[str, Any]]]:
    """(row number, raw row) for a CSV (row 2 is the first after the header) or a JSON file."""
    data = Path(path).read_bytes().decode("utf-8-sig")
    if Path(path).suffix.lower() == ".json" or data.lstrip().startswith(("[", "{")):
        parsed = json.loads(data)
        rows = parsed.get("bookings") if isinstance(parsed, dict) else parsed
        if not isinstance(rows, list):
            raise ValueError("JSON 应为预约列表或 {\"bookings\": [...]} / JSON must be a list or {\"bookings\": [...]}")
        return [(n, row if isinstance(row, dict) else {}) for n, row in enumerate(rows, 1)]
    reader = csv.DictReader(io.StringIO(data))
    missing = [k for k in ("booking_id", "slot_start", "slot_end", "procedures", "id_number", "phone")
               if k not in (reader.fieldnames or ())]
    if missing:
        raise ValueError(f"CSV 缺少列 {', '.join(missing)} / CSV lacks columns {', '.join(missing)}")
    return [(n, row) for n, row in enumerate(reader, 2)]


def import_file(ctx, path: str | Path, *, skip_bad: bool = False) -> ImportResult:
    """Import the platform's file, idempotent by booking_id, in ONE transaction.

    A bad row is reported with its row number; then nothing is imported, unless `skip_bad`
    (the good rows go in, the bad ones are listed). Platform bookings are not held to the
    counter's capacity: the platform allots its own share of the slots.
    """
    result = ImportResult()
    bookings: list[tuple[int, Booking]] = []
    seen: dict[str, int] = {}  # booking_id -> its first row number
    for number, raw in read_rows(path):
        try:
            booking = check_booking(raw, ctx.catalog, today=ctx.clock.today())
        except (ValueError, TypeError) as exc:
            result.errors.append((number, str(exc)))
            continue
        if booking.booking_id in seen:
            first = seen[booking.booking_id]
            result.errors.append((number, f"预约编号与第 {first} 行重复 / booking_id repeats row {first}"))
            continue
        seen[booking.booking_id] = number
        bookings.append((number, booking))
    if result.errors and not skip_bad:
        return result
    now = ctx.clock.now()
    ctx.station  # noqa: B018 - resolved before the write transaction
    with ctx.sessions.begin() as session:
        for number, booking in bookings:
            clash = session.scalar(select(Appointment.booking_id).where(
                Appointment.station_id == ctx.station.id, Appointment.code == booking.code,
                Appointment.booking_id != booking.booking_id))
            if clash is not None:
                told = (f"预约码 {booking.code} 已属于预约 {clash} / "
                        f"booking code {booking.code} belongs to booking {clash}")
                result.errors.append((number, told))
                continue
            created = _upsert(session, ctx, booking, source="platform", now=now)
            result.created += created
            result.updated += not created
        if result.errors and not skip_bad:
            session.rollback()
            result.created = result.updated = 0
    return result


def _upsert(session: Session, ctx, booking: Booking, *, source: str, now: datetime) -> bool:
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


# --- booking at the counter / by phone -------------------------------------------------------

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
        _upsert(session, ctx, booking, source=source, now=now)
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
    start, end = _day_bounds(day)
    return list(session.scalars(select(Appointment).where(
        Appointment.station_id == station_id, Appointment.slot_start >= start, Appointment.slot_start < end)
        .order_by(Appointment.slot_start, Appointment.id)))


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = as_utc(datetime.combine(day, time(0), tzinfo=STATION_TZ))
    return start, start + timedelta(days=1)


# --- check-in --------------------------------------------------------------------------------

def find_for_check_in(session: Session, station_id: int, now: datetime, *, code: str | None = None,
                      id_last4: str | None = None, phone_last4: str | None = None) -> Appointment:
    """Today's booked appointment by its code, or by the ID number's and phone's last 4."""
    start, end = _day_bounds(local_day(now))
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


# --- the visit of an appointment ticket -------------------------------------------------------

@dataclass(frozen=True)
class Prefill:
    """What the booking already says: the clerk's visit starts with it, the clerk confirms."""

    identity: dict[str, Any]
    procedures: tuple[str, ...]
    code: str


def prefill_for_ticket(session: Session, ticket_id: int | None) -> Prefill | None:
    if ticket_id is None:
        return None
    row = session.scalar(select(Appointment).where(Appointment.ticket_id == ticket_id))
    if row is None:
        return None
    from counter.forms.validators import sex_from_id

    # sex as the identity page derives it from the ID number when one is typed
    identity: dict[str, Any] = {"id_number": row.applicant_id_number, "sex": sex_from_id(row.applicant_id_number),
                                "phone": row.applicant_phone}
    if row.applicant_name:
        identity["name"] = row.applicant_name
    if row.proxy_id_number:
        identity.update(proxy=True, proxy_name=row.proxy_name, proxy_id_number=row.proxy_id_number)
    return Prefill(identity=identity, procedures=tuple(row.procedures or ()), code=row.code)


def apply_prefill(flow, prefill: Prefill | None) -> int:
    """Fill a new visit (counter.forms.flow.VisitFlow) from the booking; returns fields filled."""
    if prefill is None:
        return 0
    for field_id, value in prefill.identity.items():
        flow.identity.set(field_id, value)
    known = [c for c in prefill.procedures if c in flow.catalog.by_code]
    if known:
        flow.choose(known)
    return len(prefill.identity) + len(known)


def prefill_visit(ctx, flow, ticket_id: int | None) -> int:
    """The clerk window's one call when a visit starts for a called ticket."""
    if ticket_id is None:
        return 0
    from counter.db import reading

    with reading(ctx.sessions) as session:
        return apply_prefill(flow, prefill_for_ticket(session, ticket_id))


def due_in(session: Session, station_id: int, category: str, start: datetime, end: datetime) -> int:
    """Booked (not yet checked-in) appointments of a queue whose slot starts in [start, end):
    they will join the queue ahead of the walk-ins (the predicted wait counts them)."""
    return session.scalar(select(func.count()).select_from(Appointment).where(
        Appointment.station_id == station_id, Appointment.category == category,
        Appointment.status == BOOKED, Appointment.slot_start >= start, Appointment.slot_start < end)) or 0





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
    first, _ = _day_bounds(start)
    _, last = _day_bounds(end)
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


def seed_demo(ctx, *, seed: int = 7, per_day: int = 12) -> int:
    """Demo bookings as the platform's file would bring them: today's and tomorrow's slots
    (09:00–16:30, half-hourly), the demo people's ID numbers; today's past ones are no-shows
    until someone checks them in. Returns how many were written (none when some exist)."""
    import random

    from counter.demo import GIVEN, SURNAMES
    from counter.simulate.model import demo_id_number  # moved there from counter.demo

    rng = random.Random(seed)
    now = ctx.clock.now()
    ctx.station  # noqa: B018
    with ctx.sessions.begin() as session:
        if session.scalar(select(func.count()).select_from(Appointment)
                          .where(Appointment.station_id == ctx.station.id)):
            return 0
        written = 0
        for offset in (0, 1):
            day = ctx.clock.today() + timedelta(days=offset)
            for n in range(per_day):
                start = (as_utc(datetime.combine(day, time(9), tzinfo=STATION_TZ))
                         + timedelta(minutes=30 * rng.randrange(16)))
                birth = date(rng.randint(1950, 2004), rng.randint(1, 12), rng.randint(1, 28))
                codes = rng.choice((["HZ-08"], ["JG-C1"], ["HZ-08", "JG-C1"], ["HZ-13"], ["JG-A3"]))
                booking = Booking(booking_id=f"DEMO-{day:%Y%m%d}-{n:03d}", code=f"{day:%m%d}{n:04d}",
                                  slot_start=start, slot_end=start + timedelta(minutes=30), procedures=tuple(codes),
                                  id_number=demo_id_number(rng, birth, rng.random() < 0.5),
                                  phone=f"139{rng.randint(0, 99999999):08d}",
                                  applicant_name=rng.choice(SURNAMES) + rng.choice(GIVEN))
                _upsert(session, ctx, booking, source=rng.choice(("platform", "platform", "phone")), now=now)
                written += 1
    return written
