"""Masking rules for citizens' personal data: one place, used by receipts, kiosk, display, reports."""
from __future__ import annotations


def mask_id_number(value: str | None) -> str:
    """110105194912310021 → 110105********0021: area code and the last four stay."""
    value = (value or "").strip()
    if len(value) < 11:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str | None) -> str:
    """13812345678 → 138****5678; landlines keep their area code and last four."""
    digits = (value or "").strip()
    if len(digits) < 8:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_name(value: str | None) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧***, 阿不都赛买提·木合麦提 → 阿**********."""
    value = (value or "").strip()
    if not value:
        return ""
    return value[0] + "*" * max(1, len(value) - 1)
