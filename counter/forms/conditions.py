"""When a catalogue condition holds: values compared, numbers and dates, ages and the ID card's
validity from a birth date. No Qt."""
from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from counter.clock import local_day, utcnow
from counter.forms.spec import (
    Condition,
    Duration,
)

EMPTY_VALUES: tuple[Any, ...] = (None, "", [], ())


def holds(condition: Condition | None, values: Mapping[str, Any], today: date | None = None) -> bool:
    """Evaluate a declared condition; a condition on a missing value is simply false."""
    if condition is None:
        return True
    today = today or today_of(values)
    if condition.all and not all(holds(c, values, today) for c in condition.all):
        return False
    if condition.any and not any(holds(c, values, today) for c in condition.any):
        return False
    if condition.not_ is not None and holds(condition.not_, values, today):
        return False
    if condition.sum:
        return _number_holds(condition, [values.get(name) for name in condition.sum])
    if condition.field is None:
        return True
    value = values.get(condition.field)
    present = value not in EMPTY_VALUES
    if condition.is_set is not None and present != condition.is_set:
        return False
    candidates = value if isinstance(value, list) else [value]
    if condition.in_ is not None and not any(_same(v, w) for v in candidates for w in condition.in_):
        return False
    if condition.not_in is not None and any(_same(v, w) for v in candidates for w in condition.not_in):
        return False
    if condition.equals is not None and not _same(value, condition.equals):
        return False
    if condition.same_as is not None and (not present or value != values.get(condition.same_as)):
        return False
    if (condition.gte, condition.gt, condition.lte, condition.lt) != (None,) * 4 and \
            not _number_holds(condition, [value]):
        return False
    if condition.matches is not None and (not present or re.search(condition.matches, str(value)) is None):
        return False
    if condition.before or condition.after:
        if not _date_holds(condition, value, values, today):
            return False
    if condition.age_at_least is not None or condition.age_below is not None:
        age = age_of(value, _reference(condition.age_on or "today", values, today))
        if age is None:
            return False
        if condition.age_at_least is not None and age < condition.age_at_least:
            return False
        if condition.age_below is not None and age >= condition.age_below:
            return False
    return True


TODAY_KEY = "__today__"  # conditions read "today" from the values when no date is passed


def today_of(values: Mapping[str, Any]) -> date:
    found = values.get(TODAY_KEY)
    return found if isinstance(found, date) else local_day(utcnow())


def _same(value: Any, wanted: Any) -> bool:
    """A choice stores text: `in = [12]` and `in = ["12"]` mean the same; booleans stay booleans."""
    if isinstance(value, bool) or isinstance(wanted, bool):
        return value is wanted or value == wanted and type(value) is type(wanted)
    return value == wanted or (value is not None and str(value) == str(wanted))


def as_number(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except Exception:
        return None


def _number_holds(condition: Condition, values: list[Any]) -> bool:
    found = [as_number(v) for v in values if v not in EMPTY_VALUES]
    numbers = [n for n in found if n is not None]
    if not numbers or len(numbers) < len(found):  # a value that is not a number: no
        return False
    total = sum(numbers, Decimal("0"))
    if condition.gte is not None and total < condition.gte:
        return False
    if condition.gt is not None and total <= condition.gt:
        return False
    if condition.lte is not None and total > condition.lte:
        return False
    if condition.lt is not None and total >= condition.lt:
        return False
    return True


def as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def _reference(ref: str, values: Mapping[str, Any], today: date) -> date | None:
    return today if ref == "today" else as_date(values.get(ref))


def shift(day: date, duration: Duration, sign: int = 1) -> date:
    """`day` moved by a duration; a month end stays inside the month (01-31 + 1m = 02-28)."""
    if duration.unit == "d":
        return day + timedelta(days=sign * duration.count)
    months = sign * duration.count * (12 if duration.unit == "y" else 1)
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def _date_holds(condition: Condition, value: Any, values: Mapping[str, Any], today: date) -> bool:
    """`at_least`/`at_most` a duration `before`/`after` a reference date (today or a field).

    at_least N after R: value >= R + N;  at_most N after R: value <= R + N;
    at_least N before R: value <= R - N; at_most N before R: value >= R - N;
    without a duration, plain `before`/`after` mean strictly before/after R.
    """
    named = condition.before or condition.after
    day = as_date(value)
    ref = _reference(named, values, today) if named else None
    if day is None or ref is None:
        return False
    after = condition.after is not None
    zero = Duration(0, "d")
    if condition.at_least is None and condition.at_most is None:
        return day > ref if after else day < ref
    sign = 1 if after else -1
    if condition.at_least is not None:
        bound = shift(ref, condition.at_least or zero, sign)
        if (after and day < bound) or (not after and day > bound):
            return False
    if condition.at_most is not None:
        bound = shift(ref, condition.at_most, sign)
        if (after and day > bound) or (not after and day < bound):
            return False
    return True


def birth_date_of(value: Any) -> date | None:
    """A birth date, given one or an ID number (whose digits 7–14 are the birth date)."""
    day = as_date(value)
    if day is not None:
        return day
    if isinstance(value, str) and len(value) == 18:
        from counter.forms.validators import birth_date_from_id

        return birth_date_from_id(value)
    return None


def age_of(value: Any, on: date | None) -> int | None:
    """Completed years (周岁) on a day, from a birth date or an ID number."""
    born = birth_date_of(value)
    if born is None or on is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def id_card_validity(birth: Any, on: date) -> Duration | None:
    """How long a resident ID card issued on `on` is valid (居民身份证法 art 5): under 16 → 5
    years, 16–25 → 10, 26–45 → 20, 46 and over → long-term (None)."""
    age = age_of(birth, on)
    if age is None:
        raise ValueError("no birth date")
    if age < 16:
        return Duration(5, "y")
    if age <= 25:
        return Duration(10, "y")
    if age <= 45:
        return Duration(20, "y")
    return None


def id_card_valid_until(birth: Any, issued: date) -> date | None:
    """The expiry printed on a card issued on `issued`; None = 长期 (long-term)."""
    validity = id_card_validity(birth, issued)
    return None if validity is None else shift(issued, validity)
