"""The resident ID number (GB 11643-1999) and the administrative divisions it starts with (GB/T 2260)."""
from __future__ import annotations

import csv
import functools
import re
from datetime import date
from typing import Any

from counter.forms.checks import Check, fail, ok
from counter.forms.spec import Text
from counter.forms.text_input import (
    SHORT_LIMIT,
    as_str,
    compact,
    empty,
    safe,
    today_or,
    too_long,
)

# ---------------------------------------------------------------------------------------------
# administrative divisions (GB/T 2260)

_GENERIC_PREFECTURES = {"市辖区", "县", "郊区", "矿区"}


@functools.lru_cache(maxsize=1)
def division_table() -> dict[str, list[tuple[str, int, int]]]:
    """code → [(name, since, until)], from resources/divisions/gb2260.csv (loaded once)."""
    from counter.paths import resources_dir

    table: dict[str, list[tuple[str, int, int]]] = {}
    path = resources_dir() / "divisions" / "gb2260.csv"
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = csv.reader(line for line in handle if not line.startswith("#"))
            for row in rows:
                if len(row) < 2 or not row[0].isdigit() or len(row[0]) != 6:
                    continue  # header or damaged line
                since = int(row[2]) if len(row) > 2 and row[2].isdigit() else 0
                until = int(row[3]) if len(row) > 3 and row[3].isdigit() else 9999
                table.setdefault(row[0], []).append((row[1], since, until))
    except OSError:
        return {}
    return table


@functools.lru_cache(maxsize=1)
def divisions_date() -> str | None:
    """The date line of the shipped division data (its first `#` comment), or None."""
    from counter.paths import resources_dir

    try:
        with open(resources_dir() / "divisions" / "gb2260.csv", encoding="utf-8") as handle:
            first = handle.readline().strip()
    except OSError:
        return None
    if not first.startswith("#"):
        return None
    return first.lstrip("# ").strip() or None


def _current_name(code: str) -> str | None:
    names = division_table().get(code)
    if not names:
        return None
    return max(names, key=lambda n: (n[2], n[1]))[0]


def division_name(code6: Any) -> str | None:
    """Full name of a 6-digit division code, e.g. "330106" → "浙江省杭州市西湖区"; None if unknown.

    Codes that no longer exist keep their last name (ID numbers still carry them).
    """
    try:
        code = compact(code6)
        if not re.fullmatch(r"[0-9]{6}", code):
            return None
        own = _current_name(code)
        if own is None:
            return None
        if code.endswith("0000"):
            return own
        parts = [_current_name(code[:2] + "0000") or ""]
        if code.endswith("00"):
            parts.append(own)
        else:
            prefecture = _current_name(code[:4] + "00") or ""
            if prefecture and prefecture not in _GENERIC_PREFECTURES and "直辖" not in prefecture:
                parts.append(prefecture)
            parts.append(own)
        joined = ""
        for part in parts:  # 北京市 + 北京市 → once
            if part and not joined.endswith(part):
                joined += part
        return joined or None
    except Exception:
        return None


# ---------------------------------------------------------------------------------------------
# resident ID number (GB 11643-1999)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
# Residence permits for residents of Hong Kong (81), Macau (82) and Taiwan (83): their address
# code is 810000/820000/830000, not a county (procedures.md: "not verified").
_PERMIT_PREFIXES = ("81", "82", "83")


def id_check_char(first17: str) -> str:
    # Same as stdnum.iso7064.mod_11_2.calc_check_digit; written out to keep this module pure.
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS)) % 11]


def _normalise_id(raw: Any) -> str:
    return compact(raw, drop="-")


def _birth(id18: str) -> date | None:
    try:
        return date(int(id18[6:10]), int(id18[10:12]), int(id18[12:14]))
    except ValueError:
        return None


@safe
def check_id_number(raw: Any, *, today: date | None = None) -> Check:
    """18-character resident ID number (or HK/Macau/Taiwan residence permit, prefix 81/82/83).

    value: the 18 characters, upper-case X. An address code missing from the shipped
    division data is a warning only.
    """
    text = as_str(raw)
    if len(text) > SHORT_LIMIT:
        return too_long("身份证号", "ID number")
    number = _normalise_id(text)
    if not number:
        return empty("身份证号", "ID number")
    if len(number) == 15 and number.isdigit():
        return fail(
            "这是15位旧身份证号，已停止使用，请输入18位号码",
            "This is an old 15-digit ID number, no longer valid; enter the 18-character number",
        )
    if len(number) != 18:
        return fail(
            f"身份证号应为18位，现在是{len(number)}位",
            f"An ID number has 18 characters; this one has {len(number)}",
        )
    if not _ID_SHAPE.fullmatch(number):
        return fail(
            "身份证号格式不正确：前17位为数字，最后一位为数字或X",
            "ID number format wrong: 17 digits, then a digit or X",
        )
    birth = _birth(number)
    if birth is None:
        return fail(
            f"身份证号中的出生日期 {number[6:14]} 不存在",
            f"The birth date in the ID number, {number[6:14]}, does not exist",
        )
    if birth > today_or(today):
        return fail(
            f"身份证号中的出生日期 {birth.isoformat()} 在今天之后",
            f"The birth date in the ID number, {birth.isoformat()}, is in the future",
        )
    if birth.year < 1900:
        return fail(
            f"身份证号中的出生日期 {birth.isoformat()} 早于1900年",
            f"The birth date in the ID number, {birth.isoformat()}, is before 1900",
        )
    if id_check_char(number[:17]) != number[17]:
        # Deliberately not revealing the expected character: the number is mistyped
        # somewhere, and "fixing" the last character would only hide the typo.
        return fail(
            "身份证号校验位不符：号码有误（可能输错一位），请对照证件核对",
            "ID number check character does not match: the number is wrong (probably a typo); "
            "compare it with the card",
        )
    if not number.startswith(_PERMIT_PREFIXES) and number[:6] not in division_table():
        return ok(
            number,
            Text(
                f"地址码 {number[:6]} 不在行政区划代码表中，请核对号码前6位",
                f"Address code {number[:6]} is not in the division code table; "
                "check the first 6 digits",
            ),
        )
    return ok(number)


def sex_from_id(id18: Any) -> str | None:
    """"M" (odd 17th digit) or "F" (even), or None if this is not an 18-character ID number."""
    try:
        number = _normalise_id(id18)
        if not _ID_SHAPE.fullmatch(number):
            return None
        return "M" if int(number[16]) % 2 else "F"
    except Exception:
        return None


def birth_date_from_id(id18: Any) -> date | None:
    """The birth date written in an 18-character ID number, or None."""
    try:
        number = _normalise_id(id18)
        if not _ID_SHAPE.fullmatch(number):
            return None
        return _birth(number)
    except Exception:
        return None


_SEX_WORDS = {
    "M": "M", "MALE": "M", "男": "M", "男性": "M",
    "F": "F", "FEMALE": "F", "女": "F", "女性": "F",
}


@safe
def check_sex_matches_id(id_number: Any, sex: Any) -> Check:
    """Cross-check a sex field (M/F, 男/女) against the ID number's 17th digit (odd = male).

    value: "M"/"F" (or None when no sex is given). Nothing to compare (no valid ID number
    yet, or no sex) is not an error here: the fields' own checks report that.
    """
    given = _SEX_WORDS.get(compact(sex)) if len(as_str(sex)) <= SHORT_LIMIT else None
    if as_str(sex).strip() and given is None:
        return fail("性别应为“男”或“女”", "Sex must be M (male) or F (female)")
    from_id = sex_from_id(id_number) if len(as_str(id_number)) <= SHORT_LIMIT else None
    if given is None or from_id is None or given == from_id:
        return ok(given)
    if from_id == "M":
        return fail(
            "性别与身份证号不符：身份证号第17位为奇数，表示男性",
            "Sex does not match the ID number: its 17th digit is odd, which means male",
        )
    return fail(
        "性别与身份证号不符：身份证号第17位为偶数，表示女性",
        "Sex does not match the ID number: its 17th digit is even, which means female",
    )
