"""Checks for the typed values of guided forms: ID number, plate, VIN, phone, name, date, …

Every public `check_*` function takes the raw text as typed (or scanned) and returns a
`Check`: the normalised value, or a bilingual message telling the clerk what is wrong and
what is expected. They never raise, whatever the input (control characters, emoji, 10,000
characters, None): an unexpected failure becomes an error message.

Empty input: `check_text` accepts it (value ""); every other check reports it as an error
("请输入…"). Whether an empty optional field is acceptable is the form engine's decision —
it should not call a validator for an empty optional field.

Formats follow /work/shared/domain/procedures.md "Number formats and their checks".
"""
from __future__ import annotations

import csv
import functools
import re
import unicodedata
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Callable

from counter.forms.checks import Check, fail, ok
from counter.forms.spec import Text

__all__ = [
    "VALIDATORS",
    "birth_date_from_id",
    "check_address",
    "check_amount",
    "check_date",
    "check_id_number",
    "check_licence_classes",
    "check_licence_file_number",
    "check_name",
    "check_number",
    "check_phone",
    "check_plate",
    "check_sex_matches_id",
    "check_text",
    "check_vin",
    "division_name",
    "divisions_date",
    "sex_from_id",
]

# Anything longer than this is not a short code (ID number, plate, phone …): refuse at once.
_SHORT_LIMIT = 100


# ---------------------------------------------------------------------------------------------
# plumbing


def _safe(func: Callable[..., Check]) -> Callable[..., Check]:
    """Turn any unexpected exception into an error message: a validator must never raise."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Check:
        try:
            result = func(*args, **kwargs)
        except Exception:
            return fail("无法识别输入的内容，请重新输入", "The input could not be read; please type it again")
        if not isinstance(result, Check):  # pragma: no cover - defensive
            return fail("无法识别输入的内容，请重新输入", "The input could not be read; please type it again")
        return result

    return wrapper


# Invisible characters that copy-paste (web pages, Word, WeChat) brings along: dropped silently.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200e\u200f\u2060\ufeff"))


def _as_str(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    text = raw if isinstance(raw, str) else str(raw)
    return text.translate(_INVISIBLE)


def _nfkc(raw: Any) -> str:
    """NFKC (full-width digits and letters → ASCII, ideographic space → space), stripped."""
    text = _as_str(raw)
    # Lone surrogates (possible from a badly decoded paste) cannot be normalised: drop them.
    text = text.encode("utf-8", errors="ignore").decode("utf-8")
    return unicodedata.normalize("NFKC", text).strip()


_SPACES = re.compile(r"\s+")


def _compact(raw: Any, drop: str = "") -> str:
    """NFKC, upper case, without any white space (and without the characters in `drop`)."""
    text = _SPACES.sub("", _nfkc(raw)).upper()
    for ch in drop:
        text = text.replace(ch, "")
    return text


def _has_control(text: str, allow: str = "") -> bool:
    """Control characters, lone surrogates, format characters (except the emoji ZWJ).

    Private-use (rare characters in legacy fonts) and characters unassigned in this Python's
    Unicode database (newer emoji and ideographs) are not refused.
    """
    for ch in text:
        if ch in allow:
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cs") or (cat == "Cf" and ch != "\u200d"):
            return True
    return False


def _empty(zh: str, en: str) -> Check:
    return fail(f"请输入{zh}", f"Please enter the {en}")


def _too_long(zh: str, en: str) -> Check:
    return fail(f"{zh}过长，请核对", f"The {en} is far too long; please check it")


# ---------------------------------------------------------------------------------------------
# administrative divisions (GB/T 2260)

_GENERIC_PREFECTURES = {"市辖区", "县", "郊区", "矿区"}


@functools.lru_cache(maxsize=1)
def _divisions() -> dict[str, list[tuple[str, int, int]]]:
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
    names = _divisions().get(code)
    if not names:
        return None
    return max(names, key=lambda n: (n[2], n[1]))[0]


def division_name(code6: Any) -> str | None:
    """Full name of a 6-digit division code, e.g. "330106" → "浙江省杭州市西湖区"; None if unknown.

    Codes that no longer exist keep their last name (ID numbers still carry them).
    """
    try:
        code = _compact(code6)
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


def _id_check_char(first17: str) -> str:
    # Same as stdnum.iso7064.mod_11_2.calc_check_digit; written out to keep this module pure.
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS)) % 11]


def _normalise_id(raw: Any) -> str:
    return _compact(raw, drop="-")


def _birth(id18: str) -> date | None:
    try:
        return date(int(id18[6:10]), int(id18[10:12]), int(id18[12:14]))
    except ValueError:
        return None


def _today(today: date | None) -> date:
    if today is not None:
        return today
    from counter.clock import local_day, utcnow

    return local_day(utcnow())


@_safe
def check_id_number(raw: Any, *, today: date | None = None) -> Check:
    """18-character resident ID number (or HK/Macau/Taiwan residence permit, prefix 81/82/83).

    value: the 18 characters, upper-case X. An address code missing from the shipped
    division data is a warning only.
    """
    text = _as_str(raw)
    if len(text) > _SHORT_LIMIT:
        return _too_long("身份证号", "ID number")
    number = _normalise_id(text)
    if not number:
        return _empty("身份证号", "ID number")
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
    if birth > _today(today):
        return fail(
            f"身份证号中的出生日期 {birth.isoformat()} 在今天之后",
            f"The birth date in the ID number, {birth.isoformat()}, is in the future",
        )
    if birth.year < 1900:
        return fail(
            f"身份证号中的出生日期 {birth.isoformat()} 早于1900年",
            f"The birth date in the ID number, {birth.isoformat()}, is before 1900",
        )
    if _id_check_char(number[:17]) != number[17]:
        # Deliberately not revealing the expected character: the number is mistyped
        # somewhere, and "fixing" the last character would only hide the typo.
        return fail(
            "身份证号校验位不符：号码有误（可能输错一位），请对照证件核对",
            "ID number check character does not match: the number is wrong (probably a typo); "
            "compare it with the card",
        )
    if not number.startswith(_PERMIT_PREFIXES) and number[:6] not in _divisions():
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


@_safe
def check_sex_matches_id(id_number: Any, sex: Any) -> Check:
    """Cross-check a sex field (M/F, 男/女) against the ID number's 17th digit (odd = male).

    value: "M"/"F" (or None when no sex is given). Nothing to compare (no valid ID number
    yet, or no sex) is not an error here: the fields' own checks report that.
    """
    given = _SEX_WORDS.get(_compact(sex)) if len(_as_str(sex)) <= _SHORT_LIMIT else None
    if _as_str(sex).strip() and given is None:
        return fail("性别应为“男”或“女”", "Sex must be M (male) or F (female)")
    from_id = sex_from_id(id_number) if len(_as_str(id_number)) <= _SHORT_LIMIT else None
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


@_safe
def check_plate(raw: Any) -> Check:
    """Plate number, e.g. 京A12345, 粤Z1234港, 沪AD12345 (new energy), 苏A12345F. value: normalised."""
    text = _as_str(raw)
    if len(text) > _SHORT_LIMIT:
        return _too_long("号牌号码", "plate number")
    plate = _compact(text, drop="·・•-.")
    if not plate:
        return _empty("号牌号码", "plate number")
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


@_safe
def check_vin(raw: Any) -> Check:
    """17-character vehicle identification number with its check character at position 9."""
    text = _as_str(raw)
    if len(text) > _SHORT_LIMIT:
        return _too_long("车辆识别代号", "VIN")
    vin = _compact(text, drop="-")
    if not vin:
        return _empty("车辆识别代号", "VIN")
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


@_safe
def check_licence_file_number(raw: Any) -> Check:
    """档案编号: 12 digits (the first 4 are the issuing office's division code — not checked)."""
    text = _as_str(raw)
    if len(text) > _SHORT_LIMIT:
        return _too_long("档案编号", "licence file number")
    number = _compact(text, drop="-")
    if not number:
        return _empty("档案编号", "licence file number")
    if not re.fullmatch(r"[0-9]{12}", number):
        return fail(
            f"档案编号应为12位数字（现在是{len(number)}位）",
            f"The licence file number is 12 digits (this one has {len(number)} characters)",
        )
    return ok(number)


LICENCE_CLASSES = (
    "A1", "A2", "A3", "B1", "B2", "C1", "C2", "C3", "C4", "C5", "C6", "D", "E", "F", "M", "N", "P",
)


@_safe
def check_licence_classes(raw: Any) -> Check:
    """准驾车型, alone or combined: "C1", "C1E", "A2D", "B1 E". value: codes in standard order."""
    text = _as_str(raw)
    if len(text) > _SHORT_LIMIT:
        return _too_long("准驾车型", "licence class")
    compact = _compact(text, drop=",，、/+;；")
    if not compact:
        return _empty("准驾车型", "licence class")
    found: list[str] = []
    i = 0
    while i < len(compact):
        code = compact[i : i + 2] if compact[i : i + 2] in LICENCE_CLASSES else compact[i]
        if code not in LICENCE_CLASSES:
            bad = compact[i : i + 2] if compact[i + 1 : i + 2].isdigit() else compact[i]
            return fail(
                f"准驾车型“{bad}”不存在；可用：{' '.join(LICENCE_CLASSES)}",
                f"No licence class “{bad}”; known: {' '.join(LICENCE_CLASSES)}",
            )
        if code in found:
            return fail(f"准驾车型 {code} 重复", f"Licence class {code} appears twice")
        found.append(code)
        i += len(code)
    return ok("".join(sorted(found, key=LICENCE_CLASSES.index)))


# ---------------------------------------------------------------------------------------------
# phone


_MOBILE = re.compile(r"1[3-9][0-9]{9}")


@_safe
def check_phone(raw: Any) -> Check:
    """Mobile (11 digits, value "13800138000") or landline with area code (value "0571-88888888")."""
    text = _as_str(raw)
    if len(text) > _SHORT_LIMIT:
        return _too_long("电话号码", "phone number")
    typed = _nfkc(text)
    if not typed:
        return _empty("电话号码", "phone number")
    if not re.fullmatch(r"\+?[0-9 ()\-]+", typed):
        return fail(
            "电话号码只能包含数字（可含空格、横线、+86）",
            "A phone number has digits only (spaces, hyphens and +86 allowed)",
        )
    digits = re.sub(r"[^0-9]", "", typed)
    national = digits
    if typed.startswith("+"):
        if not digits.startswith("86"):
            return fail("只接受中国大陆号码（+86）", "Only mainland China numbers (+86) are accepted")
        national = digits[2:]
    elif digits.startswith("0086"):
        national = digits[4:]
    elif digits.startswith("00"):  # the international prefix: 0044 20 … is London, not Guangzhou 020
        return fail("只接受中国大陆号码（+86）", "Only mainland China numbers (+86) are accepted")
    elif len(digits) == 13 and digits.startswith("86") and _MOBILE.fullmatch(digits[2:]):
        national = digits[2:]
    if _MOBILE.fullmatch(national):
        return ok(national)
    if national.startswith("1") and len(national) == 11:
        return fail(
            "手机号码格式不正确：应为1开头、第2位为3–9的11位数字",
            "Mobile number wrong: 11 digits starting 13–19",
        )
    if national.startswith("1") and not national.startswith("10"):
        return fail(
            f"手机号码应为11位，现在是{len(national)}位",
            f"A mobile number has 11 digits; this one has {len(national)}",
        )
    if not national.startswith("0"):
        national = "0" + national if typed.startswith(("+", "0086")) else national
    if not national.startswith("0"):
        return fail(
            "固定电话请加区号，如 010-12345678；手机号为11位",
            "Add the area code to a landline, e.g. 010-12345678; mobiles have 11 digits",
        )
    import phonenumbers  # late import: a large package, only needed for landlines

    try:
        parsed = phonenumbers.parse(national, "CN")
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        return fail(
            "固定电话号码不正确：区号+7或8位号码，如 0571-88888888",
            "Landline wrong: area code + 7 or 8 digits, e.g. 0571-88888888",
        )
    nsn = phonenumbers.national_significant_number(parsed)
    area = phonenumbers.length_of_geographical_area_code(parsed)
    if area <= 0:
        return ok("0" + nsn)
    return ok(f"0{nsn[:area]}-{nsn[area:]}")


# ---------------------------------------------------------------------------------------------
# names


# Middle-dot look-alikes used in minority and foreign names → U+00B7 (NFKC already turned the
# half-width katakana dot U+FF65 into U+30FB).
_DOTS = "\u00b7\u30fb\u2022\u2027\u2219\u22c5\u0387\u16eb\u2e31"


def _is_han(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x323AF
        or 0xF900 <= cp <= 0xFAFF
        or ch == "〇"
    )


def _is_latin_letter(ch: str) -> bool:
    return unicodedata.category(ch).startswith("L") and "LATIN" in unicodedata.name(ch, "")


NAME_MAX = 64


@_safe
def check_name(raw: Any) -> Check:
    """Person's name: Chinese (2–30 characters, · for minority names) or Latin letters.

    value: the name with dot look-alikes turned into "·" and spaces tidied.
    """
    text = _as_str(raw)
    if len(text) > 200:
        return _too_long("姓名", "name")
    if _has_control(text):
        return fail("姓名含有不可见的控制字符，请重新输入", "The name contains control characters; type it again")
    name = _nfkc(text)
    for dot in _DOTS:
        name = name.replace(dot, "·")
    name = re.sub(r"[’‘`´]", "'", name)
    name = _SPACES.sub(" ", name).strip()
    name = re.sub(r" ?· ?", "·", name)
    if not name:
        return _empty("姓名", "name")
    if any(c.isdigit() for c in name):
        return fail("姓名不能含数字", "A name cannot contain digits")
    warning = None
    if any(_is_han(c) for c in name):
        # Chinese name: ideographs and middle dots only; "." typed for "·" is accepted.
        name = name.replace(" ", "").replace(".", "·")
        private = [c for c in name if unicodedata.category(c) == "Co"]
        if private:  # rare characters (生僻字) typed with a legacy font's private-use code
            warning = Text(
                "姓名含有私用区字符（生僻字），请确认打印和系统显示正确",
                "The name has a private-use character (rare character); check that it prints "
                "and displays correctly",
            )
        bad = sorted({c for c in name if not (_is_han(c) or c == "·" or c in private)})
        if bad:
            return fail(
                f"中文姓名只能包含汉字和间隔号“·”，不能含“{''.join(bad[:5])}”",
                f"A Chinese name has Chinese characters and “·” only, not “{''.join(bad[:5])}”",
            )
        if not 2 <= len(name) <= 30:
            return fail("中文姓名应为2–30个字", "A Chinese name has 2–30 characters")
    else:
        bad = sorted({c for c in name if not (_is_latin_letter(c) or c in " -'·.")})
        if bad:
            return fail(
                f"姓名含有不允许的字符“{''.join(bad[:5])}”：只能用汉字或拉丁字母",
                f"The name contains “{''.join(bad[:5])}”: use Chinese characters or Latin letters",
            )
        if not 2 <= len(name) <= NAME_MAX:  # the database column's width (models: String(64))
            return fail(f"外文姓名应为2–{NAME_MAX}个字符", f"A name in Latin letters has 2–{NAME_MAX} characters")
        if not any(_is_latin_letter(c) for c in name):
            return fail("姓名应包含文字", "A name must contain letters")
    if name[0] in "·.-'" or name[-1] in "·-'":
        return fail("姓名不能以“·”或符号开头或结尾", "A name cannot start or end with “·” or a symbol")
    if re.search(r"[·.\-'][·.\-']", name):
        return fail("姓名中不能有连续的“·”或符号", "A name cannot have two dots or symbols in a row")
    return ok(name, warning)


# ---------------------------------------------------------------------------------------------
# dates


_DATE_PATTERNS = (
    re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})"),
    re.compile(r"([0-9]{4})\s*[-/.]\s*([0-9]{1,2})\s*[-/.]\s*([0-9]{1,2})"),
    re.compile(r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*[日号]?"),
)


@_safe
def check_date(
    raw: Any, *, not_future: bool = False, not_past: bool = False, today: date | None = None
) -> Check:
    """20261123, 2026-11-23, 2026/11/23, 2026.11.23, 2026年11月23日 → value "2026-11-23"."""
    text = _as_str(raw)
    if len(text) > _SHORT_LIMIT:
        return _too_long("日期", "date")
    typed = _nfkc(text)
    if not typed:
        return _empty("日期", "date")
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
    if not_future and value > _today(today):
        return fail(f"日期 {value.isoformat()} 不能晚于今天", f"The date {value.isoformat()} cannot be after today")
    if not_past and value < _today(today):
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


@_safe
def check_amount(raw: Any, *, min: Any = None, max: Any = None) -> Check:
    """Yuan with at most 2 decimals ("20", "20.5", "¥20.00", "20元", "1,000") → Decimal("20.00")."""
    text = _as_str(raw)
    if len(text) > _SHORT_LIMIT:
        return _too_long("金额", "amount")
    typed = _SPACES.sub("", _nfkc(text))
    for affix in ("¥", "￥", "RMB", "CNY", "人民币"):
        if typed.upper().startswith(affix):
            typed = typed[len(affix):]
    for affix in ("元整", "元", "圆", "块"):
        if typed.endswith(affix):
            typed = typed[: -len(affix)]
            break
    if not typed:
        return _empty("金额", "amount")
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


@_safe
def check_number(raw: Any, *, min: Any = None, max: Any = None) -> Check:
    """A whole number (full-width digits accepted; "1,000" too). value: int."""
    text = _as_str(raw)
    if len(text) > _SHORT_LIMIT:
        return _too_long("数字", "number")
    typed = _SPACES.sub("", _nfkc(text))
    if not typed:
        return _empty("数字", "number")
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


@_safe
def check_text(raw: Any, *, max_length: int | None = None) -> Check:
    """Free text: trimmed, line breaks and tabs allowed, no other control characters."""
    text = _as_str(raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _has_control(text, allow="\n\t"):
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


@_safe
def check_address(raw: Any) -> Check:
    """Postal/household address: 5–200 characters, one line, no control characters."""
    text = _as_str(raw)
    if len(text) > 2000:
        return _too_long("地址", "address")
    if _has_control(text, allow="\n\r\t"):
        return fail(
            "地址含有不可见的控制字符，请重新输入",
            "The address contains invisible control characters; type it again",
        )
    value = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    if not value:
        return _empty("地址", "address")
    if len(value) < 5:
        return fail("地址过短：至少5个字，应写到街道门牌",
                    "Address too short: at least 5 characters, down to street and number")
    if len(value) > 200:
        return fail(f"地址最多200个字，现在是{len(value)}个",
                    f"An address has at most 200 characters; this has {len(value)}")
    return ok(value)


# ---------------------------------------------------------------------------------------------

VALIDATORS: dict[str, Callable[[str], Check]] = {
    "text": check_text,
    "name": check_name,
    "number": check_number,
    "amount": check_amount,
    "date": check_date,
    "id_number": check_id_number,
    "phone": check_phone,
    "plate": check_plate,
    "vin": check_vin,
    "address": check_address,
    "licence_file_number": check_licence_file_number,
    "licence_classes": check_licence_classes,
}
