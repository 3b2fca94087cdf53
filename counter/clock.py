"""Time: stored as aware UTC, shown in the station's local time.

With a shared database the database server's clock is the truth (a terminal with a wrong
clock must not corrupt waiting times); a `Clock` hides where "now" comes from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Callable
from zoneinfo import ZoneInfo

UTC = timezone.utc
STATION_TZ = ZoneInfo("Asia/Shanghai")


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def local(moment: datetime, tz: ZoneInfo = STATION_TZ) -> datetime:
    return as_utc(moment).astimezone(tz)


def local_day(moment: datetime, tz: ZoneInfo = STATION_TZ) -> date:
    return local(moment, tz).date()


def format_local(moment: datetime | None, fmt: str = "%Y-%m-%d %H:%M:%S") -> str:
    return "" if moment is None else local(moment).strftime(fmt)


@dataclass
class Clock:
    """`now()` from a source; the offset corrects a terminal clock against the server's."""

    source: Callable[[], datetime] = utcnow
    offset: timedelta = field(default_factory=timedelta)

    def now(self) -> datetime:
        return as_utc(self.source()) + self.offset

    def today(self) -> date:
        return local_day(self.now())


class FixedClock(Clock):
    """A clock tests can move by hand."""

    def __init__(self, start: datetime):
        super().__init__()
        self.moment = as_utc(start)

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> datetime:
        self.moment += timedelta(**delta)
        return self.moment
