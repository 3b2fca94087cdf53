"""Periods: a date range, the presets (today, this week, last month …)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta


from counter.clock import STATION_TZ, UTC


# --- periods ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    """Local service days `start` .. `end`, both included (Asia/Shanghai)."""

    start: date
    end: date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def utc_bounds(self) -> tuple[datetime, datetime]:
        lo = datetime.combine(self.start, time(0), STATION_TZ).astimezone(UTC)
        hi = datetime.combine(self.end + timedelta(days=1), time(0), STATION_TZ).astimezone(UTC)
        return lo, hi

    def label(self) -> str:
        return f"{self.start:%Y-%m-%d} – {self.end:%Y-%m-%d}"


def period_preset(name: str, today: date) -> Period:
    """today | yesterday | this_week | last_week | this_month | last_month | this_year | last_30_days."""
    if name == "today":
        return Period(today, today)
    if name == "yesterday":
        return Period(today - timedelta(days=1), today - timedelta(days=1))
    if name == "this_week":
        return Period(today - timedelta(days=today.weekday()), today)
    if name == "last_week":
        monday = today - timedelta(days=today.weekday() + 7)
        return Period(monday, monday + timedelta(days=6))
    if name == "this_month":
        return Period(today.replace(day=1), today)
    if name == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return Period(last.replace(day=1), last)
    if name == "this_year":
        return Period(today.replace(month=1, day=1), today)
    if name == "last_30_days":
        return Period(today - timedelta(days=29), today)
    raise ValueError(f"unknown period preset {name!r}")
