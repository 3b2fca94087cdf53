"""Numbers handed out per station, key and day: ticket numbers, receipt numbers.

One `INSERT … ON CONFLICT DO UPDATE … RETURNING` statement on both SQLite and PostgreSQL, so
two terminals can never be handed the same number, and yesterday's rows are never touched
(numbering resets by starting a new day's row, not by deleting anything).
"""
from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from counter.db import upsert_insert
from counter.models import Counter


def next_number(session: Session, station_id: int, key: str, day: date) -> int:
    stmt = upsert_insert(session.bind)(Counter).values(station_id=station_id, key=key, day=day, value=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=[Counter.station_id, Counter.key, Counter.day],
        set_={"value": Counter.value + 1},
    ).returning(Counter.value)
    return session.execute(stmt).scalar_one()


def receipt_number(station_number: int, day: date, sequence: int) -> str:
    """13 digits (YYMMDD + station + sequence): easy to type on a kiosk, Code128-friendly."""
    return f"{day:%y%m%d}{station_number:03d}{sequence:04d}"
