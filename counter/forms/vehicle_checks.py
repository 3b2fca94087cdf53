"""Vehicle plates (GA 36), the VIN (GB 16735 / ISO 3779) and the driving licence's numbers and classes."""
from __future__ import annotations

import re
from typing import Any

from counter.forms.checks import Check, fail, ok
from counter.forms.text_input import (
    SHORT_LIMIT,
    as_str,
    compact,
    empty,
    safe,
    too_long,
)

# ---------------------------------------------------------------------------------------------
# vehicle plates (GA 36)

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_LETTER = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # A–Z without I and O
_SERIAL = _LETTER + "0123456789"
_PLATE_SUFFIXES = "挂学警港澳"
# New-energy small plates: D (pure electric) / F (other) in the first serial position; since
# 2021 some code accepts the widened set DABCEFGHJK. That widening is NOT verified against
# GA 36-2018 amendment text; we accept it rather than block a real plate.
_NEV_SMALL_KINDS = "DABCEFGHJK"
_ORDINARY = re.compile(rf"[{PROVINCES}][{_LETTER}][{_SERIAL}]{{4}}[{_SERIAL}{_PLATE_SUFFIXES}]")
_NEV_SMALL = re.compile(rf"[{PROVINCES}][{_LETTER}][{_NEV_SMALL_KINDS}][{_SERIAL}][0-9]{{4}}")
_NEV_LARGE = re.compile(rf"[{PROVINCES}][{_LETTER}][0-9]{{5}}[DF]")
_PLATE_FORMAT = (
    "号牌格式不正确：普通号牌7位，新能源号牌8位",
    "Plate format wrong: 7 characters, or 8 for new-energy plates",
)


@safe
def check_plate(raw: Any) -> Check:
    """Plate number, e.g. 京A12345, 粤Z1234港, 沪AD12345 (new energy), 苏A12345F. value: normalised."""
    text = as_str(raw)
    if len(text) > SHORT_LIMIT:
        return too_long("号牌号码", "plate number")
    plate = compact(text, drop="·・•-.")
    if not plate:
        return empty("号牌号码", "plate number")
    if plate[0] not in PROVINCES:
        return fail(
            f"号牌第1位应为省份简称（如京、沪、粤），不是“{plate[0]}”",
            f"A plate starts with a province abbreviation (e.g. 京, 沪, 粤), not “{plate[0]}”",
        )
    if len(plate) not in (7, 8):
        return fail(
            f"{_PLATE_FORMAT[0]}（现在是{len(plate)}位）",
            f"{_PLATE_FORMAT[1]} (this one has {len(plate)})",
        )
    if plate[1] not in _LETTER:
        return fail(
            "号牌第2位应为发牌机关字母（A–Z，不含I、O）",
            "The 2nd character must be the issuing office letter (A–Z, not I or O)",
        )
    if len(plate) == 7:
        if _ORDINARY.fullmatch(plate):
            return ok(plate)
        if "I" in plate[2:] or "O" in plate[2:]:
            return fail(
                "号牌序号不使用字母I和O（是否为数字1和0？）",
                "Plate serials never use the letters I or O (digits 1 and 0?)",
            )
        return fail(
            "普通号牌：省份简称+字母+5位字母或数字（最后一位可为挂、学、警、港、澳）",
            "Ordinary plate: province + letter + 5 letters/digits (the last may be 挂 学 警 港 澳)",
        )
    if _NEV_SMALL.fullmatch(plate) or _NEV_LARGE.fullmatch(plate):
        return ok(plate)
    return fail(
        "新能源号牌格式不正确：小型车 省份+字母+D/F+字母或数字+4位数字，大型车 省份+字母+5位数字+D/F",
        "New-energy plate wrong: small = province + letter + D/F + letter/digit + 4 digits; "
        "large = province + letter + 5 digits + D/F",
    )


# ---------------------------------------------------------------------------------------------
# VIN (GB 16735-2019 / ISO 3779)

_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9))),
    **dict(zip("JKLMN", range(1, 6))),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10))),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def _vin_check_char(vin: str) -> str:
    remainder = sum(_VIN_VALUES[c] * w for c, w in zip(vin, _VIN_WEIGHTS)) % 11
    return "X" if remainder == 10 else str(remainder)


@safe
def check_vin(raw: Any) -> Check:
    """17-character vehicle identification number with its check character at position 9."""
    text = as_str(raw)
    if len(text) > SHORT_LIMIT:
        return too_long("车辆识别代号", "VIN")
    vin = compact(text, drop="-")
    if not vin:
        return empty("车辆识别代号", "VIN")
    if len(vin) != 17:
        return fail(
            f"车辆识别代号应为17位，现在是{len(vin)}位",
            f"A VIN has 17 characters; this one has {len(vin)}",
        )
    banned = sorted({c for c in vin if c in "IOQ"})
    if banned:
        return fail(
            f"车辆识别代号不使用字母 {'、'.join(banned)}（是否为数字1或0？）",
            f"A VIN never contains the letter(s) {', '.join(banned)} (digit 1 or 0?)",
        )
    if not all(c in _VIN_VALUES for c in vin):
        return fail(
            "车辆识别代号只能由数字和字母组成",
            "A VIN consists of digits and letters only",
        )
    if _vin_check_char(vin) != vin[8]:
        return fail(
            "车辆识别代号校验位（第9位）不符：号码有误，请对照行驶证或车架核对",
            "VIN check character (9th) does not match: the VIN is wrong; compare it with the "
            "registration certificate or the vehicle",
        )
    return ok(vin)


# ---------------------------------------------------------------------------------------------
# driving licence


@safe
def check_licence_file_number(raw: Any) -> Check:
    """档案编号: 12 digits (the first 4 are the issuing office's division code — not checked)."""
    text = as_str(raw)
    if len(text) > SHORT_LIMIT:
        return too_long("档案编号", "licence file number")
    number = compact(text, drop="-")
    if not number:
        return empty("档案编号", "licence file number")
    if not re.fullmatch(r"[0-9]{12}", number):
        return fail(
            f"档案编号应为12位数字（现在是{len(number)}位）",
            f"The licence file number is 12 digits (this one has {len(number)} characters)",
        )
    return ok(number)


LICENCE_CLASSES = (
    "A1", "A2", "A3", "B1", "B2", "C1", "C2", "C3", "C4", "C5", "C6", "D", "E", "F", "M", "N", "P",
)


@safe
def check_licence_classes(raw: Any) -> Check:
    """准驾车型, alone or combined: "C1", "C1E", "A2D", "B1 E". value: codes in standard order."""
    text = as_str(raw)
    if len(text) > SHORT_LIMIT:
        return too_long("准驾车型", "licence class")
    letters = compact(text, drop=",，、/+;；")
    if not letters:
        return empty("准驾车型", "licence class")
    found: list[str] = []
    i = 0
    while i < len(letters):
        code = letters[i : i + 2] if letters[i : i + 2] in LICENCE_CLASSES else letters[i]
        if code not in LICENCE_CLASSES:
            bad = letters[i : i + 2] if letters[i + 1 : i + 2].isdigit() else letters[i]
            return fail(
                f"准驾车型“{bad}”不存在；可用：{' '.join(LICENCE_CLASSES)}",
                f"No licence class “{bad}”; known: {' '.join(LICENCE_CLASSES)}",
            )
        if code in found:
            return fail(f"准驾车型 {code} 重复", f"Licence class {code} appears twice")
        found.append(code)
        i += len(code)
    return ok("".join(sorted(found, key=LICENCE_CLASSES.index)))
