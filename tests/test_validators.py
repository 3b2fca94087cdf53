"""Table-driven tests of counter.forms.validators, plus "never raises" property tests."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter.forms.checks import Check
from counter.forms.spec import Text
from counter.forms import validators as v

TODAY = date(2025, 6, 1)


# --- helpers ---------------------------------------------------------------------------------


def id_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2, written independently of the module under test."""
    weights = [2 ** (17 - i) % 11 for i in range(17)]  # 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


def make_id(area: str, birth: str, seq: str) -> str:
    first17 = area + birth + seq
    return first17 + id_check_char(first17)


def wrong_check(number: str) -> str:
    right = number[17]
    return number[:17] + next(c for c in "0123456789X" if c != right)


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def test_helper_matches_known_example():
    assert make_id("110105", "19491231", "002") == "11010519491231002X"


def assert_bilingual(check: Check) -> None:
    for text in (check.error, check.warning):
        if text is not None:
            assert isinstance(text, Text)
            assert text.zh_CN.strip() and text.en.strip()


# --- ID numbers ------------------------------------------------------------------------------

VALID_IDS = [
    ("11010519491231002X", "11010519491231002X"),
    ("11010519491231002x", "11010519491231002X"),
    (fullwidth("11010519491231002X"), "11010519491231002X"),
    ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),
    (" 110105 19491231 002X ", "11010519491231002X"),
    (make_id("330106", "19800229", "123"), None),  # leap day
    (make_id("440305", "20000101", "001"), None),
    (make_id("650102", "19000101", "010"), None),  # earliest allowed year
    (make_id("110103", "19700101", "015"), None),  # 崇文区: abolished 2010, still valid in IDs
    (make_id("810000", "19900101", "001"), None),  # Hong Kong residence permit
    (make_id("820000", "19851010", "002"), None),  # Macau
    (make_id("830000", "19770707", "003"), None),  # Taiwan
    (make_id("500157", "20250101", "004"), None),  # 两江新区, new in 2025
]


@pytest.mark.parametrize(("raw", "expected"), VALID_IDS)
def test_valid_id_numbers(raw, expected):
    check = v.check_id_number(raw, today=TODAY)
    assert check.ok, check.error
    assert check.warning is None
    assert check.value == (expected or raw)
    assert len(check.value) == 18


INVALID_IDS = [
    ("", "请输入"),
    ("11010519491231002", "18位"),  # too short
    ("11010519491231002X1", "18位"),  # too long
    ("110105491231002", "15位"),  # old 15-digit number
    ("11010519491231X02X", "格式"),  # X inside
    ("1101051949123100AX", "格式"),
    (wrong_check("11010519491231002X"), "校验位"),
    (wrong_check(make_id("330106", "19800229", "123")), "校验位"),
    ("11010519491321002X"[:17] + id_check_char("11010519491321002"), "出生日期"),  # month 13
    (make_id("330106", "19810229", "123"), "出生日期"),  # 1981 not a leap year
    (make_id("330106", "20300101", "123"), "今天之后"),  # future birth date
    (make_id("330106", "18991231", "123"), "1900"),  # before 1900
    ("11010519491231002🙂", "格式"),
]


@pytest.mark.parametrize(("raw", "fragment"), INVALID_IDS)
def test_invalid_id_numbers(raw, fragment):
    check = v.check_id_number(raw, today=TODAY)
    assert not check.ok
    assert fragment in check.error.zh_CN
    assert_bilingual(check)


def test_check_char_message_does_not_reveal_the_right_character():
    check = v.check_id_number("110105194912310021", today=TODAY)
    assert "X" not in check.error.zh_CN and " X" not in check.error.en


@pytest.mark.parametrize("area", ["990101", "110199", "710101"])
def test_unknown_address_code_is_a_warning_only(area):
    number = make_id(area, "19900101", "001")
    check = v.check_id_number(number, today=TODAY)
    assert check.ok
    assert check.value == number
    assert check.warning is not None and area in check.warning.zh_CN
    assert_bilingual(check)


def test_future_birth_date_uses_station_today_by_default():
    tomorrow_year = date.today().year + 1
    assert not v.check_id_number(make_id("330106", f"{tomorrow_year}0101", "123")).ok


@pytest.mark.parametrize(
    ("number", "sex", "birth"),
    [
        ("11010519491231002X", "F", date(1949, 12, 31)),
        (make_id("330106", "19800229", "123"), "M", date(1980, 2, 29)),
        (make_id("330106", "19800229", "124"), "F", date(1980, 2, 29)),
        ("11010519491231002x", "F", date(1949, 12, 31)),
    ],
)
def test_sex_and_birth_from_id(number, sex, birth):
    assert v.sex_from_id(number) == sex
    assert v.birth_date_from_id(number) == birth


@pytest.mark.parametrize("bad", ["", None, "123", "11010519491331002X" + "1", "🙂" * 18, "x" * 10_000])
def test_sex_and_birth_from_bad_id(bad):
    assert v.sex_from_id(bad) is None
    assert v.birth_date_from_id(bad) is None


def test_birth_from_id_with_impossible_date():
    assert v.birth_date_from_id("11010519491332002X") is None


@pytest.mark.parametrize(
    ("number", "sex", "ok", "value"),
    [
        ("11010519491231002X", "F", True, "F"),
        ("11010519491231002X", "女", True, "F"),
        ("11010519491231002X", "M", False, None),
        ("11010519491231002X", "男", False, None),
        (make_id("330106", "19800229", "123"), "m", True, "M"),
        (make_id("330106", "19800229", "123"), "F", False, None),
        (make_id("330106", "19800229", "123"), "female", False, None),
        ("", "M", True, "M"),  # nothing to compare with
        ("11010519491231002X", "", True, None),
        ("11010519491231002X", "?", False, None),
    ],
)
def test_sex_matches_id(number, sex, ok, value):
    check = v.check_sex_matches_id(number, sex)
    assert check.ok is ok
    if ok:
        assert check.value == value
    assert_bilingual(check)


# --- divisions -------------------------------------------------------------------------------


def test_division_data_loads_and_names():
    assert v.division_name("110105") == "北京市朝阳区"
    assert v.division_name("330106") == "浙江省杭州市西湖区"
    assert v.division_name("110000") == "北京市"
    assert v.division_name("110103") == "北京市崇文区"  # historic code kept
    assert v.division_name("810000") == "香港特别行政区"
    assert v.division_name("990101") is None
    assert v.division_name("abc") is None
    assert v.division_name(None) is None
    assert "2025" in (v.divisions_date() or "")


# --- plates ----------------------------------------------------------------------------------

VALID_PLATES = [
    ("京A12345", "京A12345"),
    ("京a12345", "京A12345"),
    ("京Ａ１２３４５", "京A12345"),
    ("京A·12345", "京A12345"),
    ("京A-12345", "京A12345"),
    (" 沪 B 8X9Y7 ", "沪B8X9Y7"),
    ("粤Z1234港", "粤Z1234港"),
    ("粤Z1234澳", "粤Z1234澳"),
    ("鲁B1234挂", "鲁B1234挂"),
    ("川A1234学", "川A1234学"),
    ("京A0001警", "京A0001警"),
    ("沪AD12345", "沪AD12345"),  # small new-energy, pure electric
    ("沪AF12345", "沪AF12345"),
    ("浙AdA1234", "浙ADA1234"),
    ("苏AK12345", "苏AK12345"),  # widened DABCEFGHJK set (unverified)
    ("苏A12345D", "苏A12345D"),  # large new-energy
    ("琼B12345F", "琼B12345F"),
]


@pytest.mark.parametrize(("raw", "expected"), VALID_PLATES)
def test_valid_plates(raw, expected):
    check = v.check_plate(raw)
    assert check.ok, check.error
    assert check.value == expected


INVALID_PLATES = [
    "",
    "A12345",  # no province
    "港A12345",  # not a province abbreviation
    "京A1234",  # 6 characters
    "京A123456789",
    "京I12345",  # office letter I
    "京O12345",
    "京112345",  # office letter is a digit
    "京A1234O",  # O in serial
    "京A12I45",
    "京A12345挂",  # 8 characters, not new-energy
    "沪AL12345",  # L is not a new-energy kind
    "沪ADA12B45",
    "苏A12345E",  # large new-energy ends D or F
    "京A12挂45",  # suffix not last
    "京A1234🙂",
]


@pytest.mark.parametrize("raw", INVALID_PLATES)
def test_invalid_plates(raw):
    check = v.check_plate(raw)
    assert not check.ok
    assert_bilingual(check)


# --- VIN -------------------------------------------------------------------------------------


def vin_check(vin: str) -> str:
    values = {str(d): d for d in range(10)}
    for letters, start in (("ABCDEFGH", 1), ("JKLMN", 1), ("P", 7), ("R", 9), ("STUVWXYZ", 2)):
        for offset, letter in enumerate(letters):
            values[letter] = start + offset
    weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
    r = sum(values[c] * w for c, w in zip(vin, weights)) % 11
    return "X" if r == 10 else str(r)


def make_vin(body16: str) -> str:
    vin = body16[:8] + "0" + body16[8:]
    return vin[:8] + vin_check(vin) + vin[9:]


VALID_VINS = [
    ("LATPAB071W1005301", "LATPAB071W1005301"),  # the worked example
    ("latpab071w1005301", "LATPAB071W1005301"),
    (fullwidth("LATPAB071W1005301"), "LATPAB071W1005301"),
    (" LATPAB071W 1005301 ", "LATPAB071W1005301"),
    ("1M8GDM9AXKP042788", "1M8GDM9AXKP042788"),  # the ISO 3779 / NHTSA textbook VIN (X check)
    ("11111111111111111", "11111111111111111"),
    (make_vin("LSVAB4BR7EN12345"), None),
    (make_vin("LFV2A21K0A3123456"[:8] + "A3123456"), None),
    (make_vin("WVWZZZ1JZXW00001"), None),
    (make_vin("JHMCM56557C40445"), None),
    (make_vin("LGBH52E05HY00012"), None),
]


@pytest.mark.parametrize(("raw", "expected"), VALID_VINS)
def test_valid_vins(raw, expected):
    check = v.check_vin(raw)
    assert check.ok, check.error
    assert check.value == (expected or raw)


INVALID_VINS = [
    ("", "请输入"),
    ("LATPAB071W100530", "17位"),
    ("LATPAB071W10053011", "17位"),
    ("LATPAB081W1005301", "校验位"),
    ("LATPAB071W1005302", "校验位"),
    ("IATPAB071W1005301", "I"),
    ("LATPAB071W10O5301", "O"),
    ("LATPAB071W1Q05301", "Q"),
    ("LATPAB071W100530*", "字母"),
    ("LATPAB071W100530é", "字母"),
    ("1M8GDM9BXKP042788", "校验位"),
]


@pytest.mark.parametrize(("raw", "fragment"), INVALID_VINS)
def test_invalid_vins(raw, fragment):
    check = v.check_vin(raw)
    assert not check.ok
    assert fragment in check.error.zh_CN
    assert_bilingual(check)


# --- driving licence -------------------------------------------------------------------------

VALID_FILE_NUMBERS = [
    ("110100123456", "110100123456"),
    ("１１０１００１２３４５６", "110100123456"),
    (" 4403 0012 3456 ", "440300123456"),
    ("3301-0012-3456", "330100123456"),
    ("000000000000", "000000000000"),
    ("999999999999", "999999999999"),
    ("650100000001", "650100000001"),
    ("123456789012", "123456789012"),
    ("320100543210", "320100543210"),
    ("510100111111\n", "510100111111"),
]


@pytest.mark.parametrize(("raw", "expected"), VALID_FILE_NUMBERS)
def test_valid_licence_file_numbers(raw, expected):
    check = v.check_licence_file_number(raw)
    assert check.ok and check.value == expected


@pytest.mark.parametrize(
    "raw",
    ["", "11010012345", "1101001234567", "11010012345A", "ABCDEFGHIJKL", "110100 12345",
     "11010012345٣", "1.1010012345", "一一〇一〇〇一二三四五六", "110100123456🙂"],
)
def test_invalid_licence_file_numbers(raw):
    check = v.check_licence_file_number(raw)
    assert not check.ok
    assert_bilingual(check)


VALID_CLASSES = [
    ("C1", "C1"),
    ("c1", "C1"),
    ("Ｃ１", "C1"),
    ("C1E", "C1E"),
    ("EC1", "C1E"),
    ("A2D", "A2D"),
    ("B1E", "B1E"),
    ("A1A2", "A1A2"),
    ("C1, E", "C1E"),
    ("C2、D", "C2D"),
    ("A3 C6 M N P", "A3C6MNP"),
    ("F", "F"),
    ("B2DEF", "B2DEF"),
]


@pytest.mark.parametrize(("raw", "expected"), VALID_CLASSES)
def test_valid_licence_classes(raw, expected):
    check = v.check_licence_classes(raw)
    assert check.ok, check.error
    assert check.value == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [("", "请输入"), ("C7", "C7"), ("A4", "A4"), ("C", "C"), ("X", "X"), ("C1C1", "重复"),
     ("C1EE", "重复"), ("B", "B"), ("1C", "1"), ("C1 G", "G"), ("小型汽车", "小")],
)
def test_invalid_licence_classes(raw, fragment):
    check = v.check_licence_classes(raw)
    assert not check.ok
    assert fragment in check.error.zh_CN
    assert_bilingual(check)


# --- phone -----------------------------------------------------------------------------------

VALID_PHONES = [
    ("13800138000", "13800138000"),
    ("138 0013 8000", "13800138000"),
    ("138-0013-8000", "13800138000"),
    ("１３８００１３８０００", "13800138000"),
    ("+86 138 0013 8000", "13800138000"),
    ("+8613800138000", "13800138000"),
    ("8613800138000", "13800138000"),
    ("0086 13800138000", "13800138000"),
    ("19912345678", "19912345678"),
    ("010-12345678", "010-12345678"),
    ("01012345678", "010-12345678"),
    ("0571 8888 8888", "0571-88888888"),
    ("(0571) 88888888", "0571-88888888"),
    ("+86 571 8888 8888", "0571-88888888"),
    ("021-66666666", "021-66666666"),
    ("0755-88888888", "0755-88888888"),
]


@pytest.mark.parametrize(("raw", "expected"), VALID_PHONES)
def test_valid_phones(raw, expected):
    check = v.check_phone(raw)
    assert check.ok, check.error
    assert check.value == expected


@pytest.mark.parametrize(
    "raw",
    ["", "1380013800", "138001380001", "12345678901", "11012345678", "88888888",
     "+1 650 253 0000", "010-1234", "abc", "138OO138OOO", "0000-0000", "138 0013 8000 转 12"],
)
def test_invalid_phones(raw):
    check = v.check_phone(raw)
    assert not check.ok
    assert_bilingual(check)


# --- names -----------------------------------------------------------------------------------

VALID_NAMES = [
    ("张三", "张三"),
    ("欧阳娜娜", "欧阳娜娜"),
    ("阿不都赛买提·木合麦提", "阿不都赛买提·木合麦提"),
    ("阿不都赛买提・木合麦提", "阿不都赛买提·木合麦提"),  # U+30FB
    ("阿不都赛买提•木合麦提", "阿不都赛买提·木合麦提"),  # U+2022
    ("阿不都赛买提.木合麦提", "阿不都赛买提·木合麦提"),
    ("阿不都赛买提 · 木合麦提", "阿不都赛买提·木合麦提"),
    ("买买提·艾力·吐尔逊", "买买提·艾力·吐尔逊"),
    (" 王 五 ", "王五"),
    ("𠀋𠀍", "𠀋𠀍"),  # CJK extension B
    ("John Smith", "John Smith"),
    ("Jean-Paul O'Neil", "Jean-Paul O'Neil"),
    ("Ｊｏｈｎ  Ｓｍｉｔｈ", "John Smith"),
    ("José Müller", "José Müller"),
    ("D’Angelo", "D'Angelo"),
]


@pytest.mark.parametrize(("raw", "expected"), VALID_NAMES)
def test_valid_names(raw, expected):
    check = v.check_name(raw)
    assert check.ok, check.error
    assert check.value == expected


@pytest.mark.parametrize(
    "raw",
    ["", "张", "张3", "张\x00三", "张\n三", "·张三", "张三·", "阿不都··木合麦提", "阿不都·.木合麦提",
     "张三Smith", "John2", "J", "张三🙂", "Иван Петров", "张" * 31, "-John", "John--Smith"],
)
def test_invalid_names(raw):
    check = v.check_name(raw)
    assert not check.ok
    assert_bilingual(check)


def test_private_use_character_in_chinese_name_is_a_warning():
    check = v.check_name("张\ue000")
    assert check.ok and check.warning is not None


# --- dates -----------------------------------------------------------------------------------

VALID_DATES = [
    "20261123",
    "2026-11-23",
    "2026/11/23",
    "2026.11.23",
    "2026年11月23日",
    "2026年11月23号",
    "２０２６－１１－２３",
    " 2026 - 11 - 23 ",
    "2026-11-23\n",
    "2026年 11月 23日",
]


@pytest.mark.parametrize("raw", VALID_DATES)
def test_valid_dates(raw):
    check = v.check_date(raw)
    assert check.ok, check.error
    assert check.value == "2026-11-23"


def test_short_month_and_day():
    assert v.check_date("2024-2-9").value == "2024-02-09"
    assert v.check_date("2024年2月29日").value == "2024-02-29"


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [("", "请输入"), ("2026-02-30", "不存在"), ("2025-02-29", "不存在"), ("2026-13-01", "不存在"),
     ("20260230", "不存在"), ("2026-00-10", "不存在"), ("26-11-23", "格式"), ("23/11/2026", "格式"),
     ("2026年11月", "格式"), ("tomorrow", "格式"), ("1899-12-31", "1900"), ("2026-11-23 10:00", "格式")],
)
def test_invalid_dates(raw, fragment):
    check = v.check_date(raw)
    assert not check.ok
    assert fragment in check.error.zh_CN
    assert_bilingual(check)


def test_date_bounds():
    assert v.check_date("2025-06-01", not_future=True, today=TODAY).ok
    assert not v.check_date("2025-06-02", not_future=True, today=TODAY).ok
    assert v.check_date("2025-06-01", not_past=True, today=TODAY).ok
    assert not v.check_date("2025-05-31", not_past=True, today=TODAY).ok


# --- amounts and numbers ---------------------------------------------------------------------

VALID_AMOUNTS = [
    ("20", "20.00"),
    ("20.5", "20.50"),
    ("20.05", "20.05"),
    ("¥20.00", "20.00"),
    ("￥20", "20.00"),
    ("20元", "20.00"),
    ("２０．５０元", "20.50"),
    ("0", "0.00"),
    (".5", "0.50"),
    ("1,000", "1000.00"),
    ("1,234.56", "1234.56"),
    (" 15 元 ", "15.00"),
]


@pytest.mark.parametrize(("raw", "expected"), VALID_AMOUNTS)
def test_valid_amounts(raw, expected):
    check = v.check_amount(raw)
    assert check.ok, check.error
    assert isinstance(check.value, Decimal)
    assert check.value == Decimal(expected)
    assert str(check.value) == expected


@pytest.mark.parametrize(
    "raw",
    ["", "元", "-5", "20.555", "2o", "20,00", "1e3", "NaN", "Infinity", "20.5.5", "二十", "$20", "9" * 60],
)
def test_invalid_amounts(raw):
    check = v.check_amount(raw)
    assert not check.ok
    assert_bilingual(check)


def test_amount_bounds():
    assert v.check_amount("10", min=10, max="20").ok
    assert not v.check_amount("9.99", min=10).ok
    assert not v.check_amount("20.01", max=Decimal("20")).ok


VALID_NUMBERS = [("0", 0), ("7", 7), ("007", 7), ("１２", 12), (" 42 ", 42), ("1,000", 1000),
                 ("-3", -3), ("+5", 5), ("123456789012345678", 123456789012345678), ("10", 10)]


@pytest.mark.parametrize(("raw", "expected"), VALID_NUMBERS)
def test_valid_numbers(raw, expected):
    check = v.check_number(raw)
    assert check.ok and check.value == expected and type(check.value) is int


@pytest.mark.parametrize(
    "raw", ["", "1.5", "1e3", "abc", "一", "٣", "1 000 000x", "--1", "9" * 40, "12,34"]
)
def test_invalid_numbers(raw):
    check = v.check_number(raw)
    assert not check.ok
    assert_bilingual(check)


def test_number_bounds():
    assert v.check_number("3", min=1, max=3).ok
    assert not v.check_number("0", min=1).ok
    assert not v.check_number("4", max=3).ok


# --- text and address ------------------------------------------------------------------------


def test_text():
    assert v.check_text("  hello\nworld  ").value == "hello\nworld"
    assert v.check_text("").ok
    assert v.check_text("丢失\u200b").value == "丢失"
    assert not v.check_text("a\x07b").ok
    assert not v.check_text("abc", max_length=2).ok
    assert v.check_text("ab", max_length=2).ok
    assert v.check_text("👨‍👩‍👧 emoji").ok


VALID_ADDRESSES = ["北京市东城区东长安街14号", "浙江省杭州市西湖区文三路90号", "上海市 浦东新区 世纪大道1号",
                   "新疆维吾尔自治区乌鲁木齐市天山区解放南路1号", "Room 1, 2 Main St", "广州市天河区1号",
                   "幸福路1号", "a" * 200, "北京市\n东城区1号", "重庆市两江新区金开大道99号"]


@pytest.mark.parametrize("raw", VALID_ADDRESSES)
def test_valid_addresses(raw):
    check = v.check_address(raw)
    assert check.ok, check.error
    assert "\n" not in check.value


@pytest.mark.parametrize("raw", ["", "   ", "北京", "北京市", "a" * 201, "北京市东城区\x00", "北京市东城\x1b区",
                                 "北京\u202e市东城区", "abcd", "a" * 10_000])
def test_invalid_addresses(raw):
    check = v.check_address(raw)
    assert not check.ok
    assert_bilingual(check)


# --- registry and robustness -----------------------------------------------------------------


def test_registry_covers_the_typed_fields():
    assert set(v.VALIDATORS) == {
        "text", "name", "number", "amount", "date", "id_number", "phone", "plate", "vin",
        "address", "licence_file_number", "licence_classes",
    }
    from counter.forms.spec import FIELD_TYPES

    assert set(v.VALIDATORS) <= set(FIELD_TYPES)


NASTY = [
    "", " ", "\x00", "\ud800", "\udfff" * 3, "🙂" * 100, "x" * 10_000, "1" * 10_000, "٣" * 18,
    "\u202e", "０" * 5000, "\ufdfa" * 100, "Ⅻ", "²³", "NaN", "-0", "1e999999", None, 12, b"\xff",
    "11010519491231002X" * 500, "\r\n", "\u3000", "京" * 8,
]


@pytest.mark.parametrize("name", sorted(v.VALIDATORS))
@pytest.mark.parametrize("raw", NASTY, ids=range(len(NASTY)))
def test_nasty_inputs_never_raise(name, raw):
    check = v.VALIDATORS[name](raw)
    assert isinstance(check, Check)
    assert_bilingual(check)


ANY_TEXT = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.text(alphabet="0123456789Xx-· 京沪AD年月日元¥.,+", max_size=25),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=10),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=3), st.integers(1000, 5000)),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=ANY_TEXT)
def test_every_validator_returns_a_check(raw):
    for name, func in v.VALIDATORS.items():
        check = func(raw)
        assert isinstance(check, Check), name
        assert (check.error is None) == check.ok
        assert_bilingual(check)
    assert isinstance(v.check_sex_matches_id(raw, raw), Check)
    assert isinstance(v.check_date(raw, not_future=True, not_past=True), Check)
    assert isinstance(v.check_amount(raw, min=0, max=100), Check)
    assert isinstance(v.check_number(raw, min=-5, max=5), Check)
    assert isinstance(v.check_text(raw, max_length=10), Check)
    assert v.sex_from_id(raw) in (None, "M", "F")
    v.birth_date_from_id(raw)
    v.division_name(raw)


@settings(max_examples=200, deadline=None)
@given(
    area=st.sampled_from(["110105", "330106", "990101", "810000"]),
    birth=st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    seq=st.integers(0, 999),
)
def test_generated_ids_are_valid_and_sex_follows_parity(area, birth, seq):
    number = make_id(area, birth.strftime("%Y%m%d"), f"{seq:03d}")
    check = v.check_id_number(number.lower(), today=TODAY)
    assert check.ok and check.value == number
    assert (check.warning is not None) == (area == "990101")
    assert v.sex_from_id(number) == ("M" if seq % 2 else "F")
    assert v.birth_date_from_id(number) == birth
    assert not v.check_id_number(wrong_check(number), today=TODAY).ok
