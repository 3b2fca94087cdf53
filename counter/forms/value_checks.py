"""Dates, numbers, amounts, free text and addresses."""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from counter.forms.checks import Check, fail, ok
from counter.forms.text_input import (
    SHORT_LIMIT,
    SPACES,
    as_str,
    empty,
    has_control,
    nfkc,
    safe,
    today_or,
    too_long,
)

# ---------------------------------------------------------------------------------------------
# dates


_DATE_PATTERNS = (
    re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})"),
    re.compile(r"([0-9]{4})\s*[-/.]\s*([0-9]{1,2})\s*[-/.]\s*([0-9]{1,2})"),
    re.compile(r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*[日号]?"),
)


@safe
def check_date(
    raw: Any, *, not_future: bool = False, not_past: bool = False, today: date | None = None
) -> Check:
    """20261123, 2026-11-23, 2026/11/23, 2026.11.23, 2026年11月23日 → value "2026-11-23"."""
    text = as_str(raw)
    if len(text) > SHORT_LIMIT:
        return too_long("日期", "date")
    typed = nfkc(text)
    if not typed:
        return empty("日期", "date")
    match = None
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(typed)
        if match:
            break
    if match is None:
        return fail(
            "日期格式不正确，应如 2026-11-23、20261123 或 2026年11月23日",
            "Date format wrong; type e.g. 2026-11-23, 20261123 or 2026年11月23日",
        )
    year, month, day = (int(g) for g in match.groups())
    try:
        value = date(year, month, day)
    except ValueError:
        return fail(
            f"日期不存在：{year}年{month}月{day}日",
            f"No such date: {year:04d}-{month:02d}-{day:02d}",
        )
    if value.year < 1900:
        return fail("日期早于1900年，请核对", "The date is before 1900; please check it")
    if not_future and value > today_or(today):
        return fail(f"日期 {value.isoformat()} 不能晚于今天", f"The date {value.isoformat()} cannot be after today")
    if not_past and value < today_or(today):
        return fail(f"日期 {value.isoformat()} 不能早于今天", f"The date {value.isoformat()} cannot be before today")
    return ok(value.isoformat())


# ---------------------------------------------------------------------------------------------
# numbers and amounts


def _bound(limit: Any) -> Decimal | None:
    if limit is None:
        return None
    return limit if isinstance(limit, Decimal) else Decimal(str(limit))


def _fmt(value: Decimal) -> str:
    return f"{value:.2f}" if value != value.to_integral_value() else f"{value:.0f}"


_AMOUNT = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+")


@safe
def check_amount(raw: Any, *, min: Any = None, max: Any = None) -> Check:
    """Yuan with at most 2 decimals ("20", "20.5", "¥20.00", "20元", "1,000") → Decimal("20.00")."""
    text = as_str(raw)
    if len(text) > SHORT_LIMIT:
        return too_long("金额", "amount")
    typed = SPACES.sub("", nfkc(text))
    for affix in ("¥", "￥", "RMB", "CNY", "人民币"):
        if typed.upper().startswith(affix):
            typed = typed[len(affix):]
    for affix in ("元整", "元", "圆", "块"):
        if typed.endswith(affix):
            typed = typed[: -len(affix)]
            break
    if not typed:
        return empty("金额", "amount")
    if typed.startswith("-"):
        return fail("金额不能为负数", "An amount cannot be negative")
    if not _AMOUNT.fullmatch(typed):
        return fail("金额格式不正确，应如 20 或 20.50（元）", "Amount format wrong; type e.g. 20 or 20.50 (yuan)")
    plain = typed.replace(",", "")
    if "." in plain and len(plain.split(".", 1)[1]) > 2:
        return fail("金额最多保留两位小数（分）", "An amount has at most 2 decimals (fen)")
    try:
        value = Decimal(plain).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return fail("金额格式不正确，应如 20 或 20.50（元）", "Amount format wrong; type e.g. 20 or 20.50 (yuan)")
    low, high = _bound(min), _bound(max)
    if low is not None and value < low:
        return fail(f"金额不能少于 {_fmt(low)} 元", f"The amount cannot be less than ¥{_fmt(low)}")
    if high is not None and value > high:
        return fail(f"金额不能超过 {_fmt(high)} 元", f"The amount cannot be more than ¥{_fmt(high)}")
    return ok(value)


@safe
def check_number(raw: Any, *, min: Any = None, max: Any = None) -> Check:
    """A whole number (full-width digits accepted; "1,000" too). value: int."""
    text = as_str(raw)
    if len(text) > SHORT_LIMIT:
        return too_long("数字", "number")
    typed = SPACES.sub("", nfkc(text))
    if not typed:
        return empty("数字", "number")
    match = re.fullmatch(r"([+-]?)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)", typed)
    if not match:
        return fail("请输入整数（只含数字）", "Please enter a whole number (digits only)")
    digits = match.group(2).replace(",", "").lstrip("0") or "0"
    if len(digits) > 18:
        return fail("数字过大，请核对", "The number is far too large; please check it")
    value = int(digits) * (-1 if match.group(1) == "-" else 1)
    if min is not None and value < min:
        return fail(f"不能小于 {min}", f"Cannot be less than {min}")
    if max is not None and value > max:
        return fail(f"不能大于 {max}", f"Cannot be more than {max}")
    return ok(value)


# ---------------------------------------------------------------------------------------------
# free text


@safe
def check_text(raw: Any, *, max_length: int | None = None) -> Check:
    """Free text: trimmed, line breaks and tabs allowed, no other control characters."""
    text = as_str(raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if has_control(text, allow="\n\t"):
        return fail(
            "内容含有不可见的控制字符，请删除后重新输入",
            "The text contains invisible control characters; remove them and type it again",
        )
    value = unicodedata.normalize("NFC", text).strip()
    if max_length is not None and len(value) > max_length:
        return fail(
            f"最多 {max_length} 个字，现在是 {len(value)} 个",
            f"At most {max_length} characters; this has {len(value)}",
        )
    return ok(value)


@safe
def check_address(raw: Any) -> Check:
    """Postal/household address: 5–200 characters, one line, no control characters."""
    text = as_str(raw)
    if len(text) > 2000:
        return too_long("地址", "address")
    if has_control(text, allow="\n\r\t"):
        return fail(
            "地址含有不可见的控制字符，请重新输入",
            "The address contains invisible control characters; type it again",
        )
    value = SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    if not value:
        return empty("地址", "address")
    if len(value) < 5:
        return fail("地址过短：至少5个字，应写到街道门牌",
                    "Address too short: at least 5 characters, down to street and number")
    if len(value) > 200:
        return fail(f"地址最多200个字，现在是{len(value)}个",
                    f"An address has at most 200 characters; this has {len(value)}")
    return ok(value)
