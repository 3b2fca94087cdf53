"""Counter windows in the hall: the one place a `ServiceWindow` row is created.

A window row appears the first time a terminal uses its number (the queue), when the settings
name it, or when the demo seeds the hall; all three come here, so a new window is always
closed (`未开放`) and serves every category unless told otherwise.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter import categories as cats
from counter.models import ServiceWindow


def default_name(number: int) -> str:
    return f"{number}号窗口"


def window_row(session: Session, station_id: int, number: int, *, lock: bool = False,
               categories: str | None = None, name: str | None = None, state: str = "closed") -> ServiceWindow:
    """The station's window by number, created on first use (`state`, serving `categories` or all).

    `lock`: PostgreSQL row lock, one terminal per window at a time (SQLite holds the write lock already).
    """
    stmt = select(ServiceWindow).where(ServiceWindow.station_id == station_id, ServiceWindow.number == number)
    if lock:
        stmt = stmt.with_for_update()
    found = session.scalar(stmt)
    if found is None:
        found = ServiceWindow(station_id=station_id, number=number, name=name or default_name(number),
                              categories=categories or cats.ALL, state=state, priority_streak=0)
        session.add(found)
        session.flush()
    return found
