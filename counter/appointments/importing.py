"""Importing the provincial booking platform's daily file (the format: counter/appointments/__init__.py)."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from counter.appointments.common import Booking, check_booking, store_booking
from counter.models import Appointment

FIELDS = ("booking_id", "booking_code", "slot_start", "slot_end", "procedures", "applicant_name",
          "id_number", "phone", "proxy_name", "proxy_id_number", "status")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, one line)

    @property
    def ok(self) -> bool:
        return not self.errors


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
            created = store_booking(session, ctx, booking, source="platform", now=now)
            result.created += created
            result.updated += not created
        if result.errors and not skip_bad:
            session.rollback()
            result.created = result.updated = 0
    return result
