"""What a second-generation resident ID card holds, and its 256-byte text block.

The text block is the same whichever reader delivers it (the SAM module's "read base
information" answer, the vendor SDK's wz.txt): UCS-2 little-endian, fixed widths, space padded
(GA 467; checked against open-source readers, see docs/notes/idcard.md).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# (field, bytes) in the order of the text block; the block is exactly 256 bytes
TEXT_LAYOUT = (
    ("name", 30),
    ("sex_code", 2),
    ("nation_code", 4),
    ("birth", 16),
    ("address", 70),
    ("id_number", 36),
    ("authority", 30),
    ("valid_from", 16),
    ("valid_until", 16),
    ("reserved", 36),
)
TEXT_BYTES = 256
PHOTO_BYTES = 1024  # the photo as stored on the card: WLT, only a vendor library decodes it
LONG_TERM = "长期"  # validity end of a card valid for life

NATIONS = dict(enumerate((
    "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家",
    "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇",
    "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米",
    "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙",
    "鄂伦春", "赫哲", "门巴", "珞巴", "基诺"), start=1))
NATIONS.update({97: "其他", 98: "外国血统中国籍人士"})


class CardFormatError(ValueError):
    """The text block is not a card's: wrong size or unreadable dates."""


@dataclass(frozen=True)
class CardData:
    name: str
    sex_code: str  # GB/T 2261.1: 1 male, 2 female, 0 unknown, 9 not stated
    nation_code: str  # GB 3304, two digits ("01" 汉)
    birth: date
    address: str
    id_number: str
    authority: str
    valid_from: date
    valid_until: date | None  # None: 长期 (valid for life)
    photo_wlt: bytes = field(default=b"", repr=False)
    photo_bmp: bytes | None = field(default=None, repr=False)  # only when a vendor decoder made a picture

    @property
    def sex(self) -> str | None:
        """The form's sex value (M/F), or None for a code the form has no option for."""
        return {"1": "M", "2": "F"}.get(self.sex_code)

    @property
    def nation(self) -> str:
        return nation_name(self.nation_code)

    def expired(self, today: date) -> bool:
        return self.valid_until is not None and self.valid_until < today

    def validity_text(self) -> str:
        end = self.valid_until.isoformat() if self.valid_until else LONG_TERM
        return f"{self.valid_from.isoformat()} – {end}"


def nation_name(code: str) -> str:
    try:
        return NATIONS.get(int(code), code)
    except ValueError:
        return code


def _date(text: str, field: str) -> date:
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError as exc:
        raise CardFormatError(f"{field}: {text!r} is not a date") from exc


def parse_text(block: bytes, photo_wlt: bytes = b"") -> CardData:
    """The card from its 256-byte text block."""
    if len(block) != TEXT_BYTES:
        raise CardFormatError(f"the text block has {len(block)} bytes, not {TEXT_BYTES}")
    fields, offset = {}, 0
    for name, width in TEXT_LAYOUT:
        raw = block[offset:offset + width].decode("utf-16-le", errors="replace")
        fields[name] = raw.replace("\x00", " ").strip()
        offset += width
    until = fields["valid_until"]
    return CardData(
        name=fields["name"], sex_code=fields["sex_code"], nation_code=fields["nation_code"],
        birth=_date(fields["birth"], "birth"), address=fields["address"],
        id_number=fields["id_number"].upper(), authority=fields["authority"],
        valid_from=_date(fields["valid_from"], "valid_from"),
        valid_until=None if until.startswith(LONG_TERM) else _date(until, "valid_until"),
        photo_wlt=photo_wlt,
    )


def encode_text(card: CardData) -> bytes:
    """The 256-byte text block of a card (the simulated reader sends this)."""
    values = {
        "name": card.name, "sex_code": card.sex_code, "nation_code": card.nation_code,
        "birth": f"{card.birth:%Y%m%d}", "address": card.address, "id_number": card.id_number,
        "authority": card.authority, "valid_from": f"{card.valid_from:%Y%m%d}",
        "valid_until": f"{card.valid_until:%Y%m%d}" if card.valid_until else LONG_TERM, "reserved": "",
    }
    out = b""
    for name, width in TEXT_LAYOUT:
        encoded = values[name].encode("utf-16-le")[:width]
        out += encoded + " ".encode("utf-16-le") * ((width - len(encoded)) // 2)
    return out
