"""A person's phone number and name."""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from counter.forms.checks import Check, fail, ok
from counter.forms.spec import Text
from counter.forms.text_input import (
    SHORT_LIMIT,
    SPACES,
    as_str,
    empty,
    has_control,
    nfkc,
    safe,
    too_long,
)

# ---------------------------------------------------------------------------------------------
# phone


_MOBILE = re.compile(r"1[3-9][0-9]{9}")


@safe
def check_phone(raw: Any) -> Check:
    """Mobile (11 digits, value "13800138000") or landline with area code (value "0571-88888888")."""
    text = as_str(raw)
    if len(text) > SHORT_LIMIT:
        return too_long("电话号码", "phone number")
    typed = nfkc(text)
    if not typed:
        return empty("电话号码", "phone number")
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


@safe
def check_name(raw: Any) -> Check:
    """Person's name: Chinese (2–30 characters, · for minority names) or Latin letters.

    value: the name with dot look-alikes turned into "·" and spaces tidied.
    """
    text = as_str(raw)
    if len(text) > 200:
        return too_long("姓名", "name")
    if has_control(text):
        return fail("姓名含有不可见的控制字符，请重新输入", "The name contains control characters; type it again")
    name = nfkc(text)
    for dot in _DOTS:
        name = name.replace(dot, "·")
    name = re.sub(r"[’‘`´]", "'", name)
    name = SPACES.sub(" ", name).strip()
    name = re.sub(r" ?· ?", "·", name)
    if not name:
        return empty("姓名", "name")
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
