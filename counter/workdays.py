"""Working days (工作日) from the official holiday calendar, never weekends only.

The State Council publishes each year's holidays and make-up working days (调休) around
November; the `chinesecalendar` library carries them for the years it knows. The station's
calendar files (resources/calendar/*.toml, and `calendar/*.toml` in the data folder) add a
year the library lacks or correct one. For a year neither knows, weekends are skipped and the
answer says the calendar was unknown, so the clerk is told instead of a silent guess.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from counter.forms.spec import Text
from counter.paths import resources_dir


@dataclass(frozen=True)
class StationYear:
    holidays: frozenset[date]
    workdays: frozenset[date]


@dataclass(frozen=True)
class Counted:
    """A date counted forward, and the years whose calendar was not known on the way."""

    day: date
    unknown_years: tuple[int, ...] = ()

    @property
    def known(self) -> bool:
        return not self.unknown_years

    def warning(self) -> Text | None:
        if self.known:
            return None
        years = "、".join(str(y) for y in self.unknown_years)
        years_en = ", ".join(str(y) for y in self.unknown_years)
        return Text(f"{years}年节假日安排未知（仅按周末计算），请管理员补充节假日日历",
                    f"The {years_en} holiday calendar is unknown (weekends only were skipped); "
                    "ask the administrator to add it")


@dataclass
class WorkCalendar:
    station: dict[int, StationYear] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def known(self, year: int) -> bool:
        return year in self.station or _library_knows(year)

    def is_workday(self, day: date) -> bool:
        """A working day; for an unknown year, Monday to Friday."""
        entry = self.station.get(day.year)
        if entry is not None:
            if day in entry.workdays:
                return True
            return day.weekday() < 5 and day not in entry.holidays
        if _library_knows(day.year):
            import chinese_calendar

            return chinese_calendar.is_workday(day)
        return day.weekday() < 5

    def add_working_days(self, start: date, days: int) -> Counted:
        """`days` working days after `start` (the day of acceptance does not count)."""
        current, unknown = start, set()
        while days > 0:
            current += timedelta(days=1)
            if not self.known(current.year):
                unknown.add(current.year)
            if self.is_workday(current):
                days -= 1
        return Counted(current, tuple(sorted(unknown)))

    def add_calendar_days(self, start: date, days: int) -> Counted:
        return Counted(start + timedelta(days=days))


@lru_cache(maxsize=None)
def _library_knows(year: int) -> bool:
    import chinese_calendar

    try:
        chinese_calendar.is_holiday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def calendar_folders() -> list[Path]:
    folders = [resources_dir() / "calendar"]
    try:
        from counter.paths import data_dir

        folders.append(data_dir() / "calendar")
    except Exception:  # no writable data folder (read-only test runs): the shipped files only
        pass
    return folders


def load_calendar(folders: list[Path] | None = None) -> WorkCalendar:
    """Read the station files; a broken entry becomes a problem (shown by `catalog check`)."""
    calendar = WorkCalendar()
    for folder in folders if folders is not None else calendar_folders():
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else ():
            _read_file(calendar, path)
    return calendar


def _read_file(calendar: WorkCalendar, path: Path) -> None:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        calendar.problems.append(f"{path.name}: not valid TOML: {exc}")
        return
    for key, table in raw.items():
        if not (str(key).isdigit() and isinstance(table, dict)):
            calendar.problems.append(f"{path.name}: [{key}]: a year's table is [2027] with holidays and workdays")
            continue
        year = int(key)
        days: dict[str, set[date]] = {"holidays": set(), "workdays": set()}
        for kind in days:
            for text in table.get(kind, ()):
                try:
                    day = date.fromisoformat(str(text))
                except ValueError:
                    calendar.problems.append(f"{path.name}: [{key}].{kind}: '{text}' is not a date")
                    continue
                if day.year != year:
                    calendar.problems.append(f"{path.name}: [{key}].{kind}: {day} is not in {year}")
                    continue
                days[kind].add(day)
        for day in sorted(days["workdays"]):
            if day.weekday() < 5:
                calendar.problems.append(
                    f"{path.name}: [{key}].workdays: {day} is a weekday (list only weekend make-up days)")
        calendar.station[year] = StationYear(frozenset(days["holidays"]), frozenset(days["workdays"]))


@lru_cache(maxsize=1)
def default_calendar() -> WorkCalendar:
    return load_calendar()


def coverage_problems(calendar: WorkCalendar, today: date) -> list[str]:
    """`catalog check`: this year and next must be known (a promise made in December reaches January)."""
    return [f"calendar: the {year} holidays are unknown to chinesecalendar and to resources/calendar/; "
            "add the State Council's notice for that year (see resources/calendar/README.md)"
            for year in (today.year, today.year + 1) if not calendar.known(year)]
