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

The package, a module per job: common (states, AppointmentError, Booking, check_booking, the row
stored), importing (the platform's file), booking (counter/phone, capacity, cancel, the day's
list), checkin, prefill (the visit of an appointment ticket), report (figures and the sheet),
demo. Every name is importable from `counter.appointments` as before.
"""
from counter.appointments.booking import (
    book,
    booked_count,
    cancel,
    capacities,
    due_in,
    on_day,
    valid_capacity,
)
from counter.appointments.checkin import CheckIn, arrival_of, check_in, find_for_check_in
from counter.appointments.common import (
    BOOKED,
    CANCELLED,
    CHECKED_IN,
    EARLY,
    LATE,
    ON_TIME,
    AppointmentError,
    Booking,
    category_of,
    check_booking,
    day_bounds,
    store_booking,
)
from counter.appointments.demo import seed_demo
from counter.appointments.importing import FIELDS, ImportResult, import_file, read_rows
from counter.appointments.prefill import Prefill, apply_prefill, prefill_for_ticket
from counter.appointments.report import AppointmentReport, report, write_sheet

__all__ = [
    "BOOKED", "CANCELLED", "CHECKED_IN", "EARLY", "FIELDS", "LATE", "ON_TIME", "AppointmentError",
    "AppointmentReport", "Booking", "CheckIn", "ImportResult", "Prefill", "apply_prefill", "arrival_of", "book",
    "booked_count", "cancel", "capacities", "category_of", "check_booking", "check_in", "day_bounds", "due_in",
    "find_for_check_in", "import_file", "on_day", "prefill_for_ticket", "read_rows", "report",
    "seed_demo", "store_booking", "valid_capacity", "write_sheet",
]
