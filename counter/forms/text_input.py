"""What every field check does first: typed or pasted text made comparable, and the common messages."""
from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date
from typing import Any, Callable

from counter.forms.checks import Check, fail

SHORT_LIMIT = 100


# ---------------------------------------------------------------------------------------------
# plumbing


def safe(func: Callable[..., Check]) -> Callable[..., Check]:
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
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200e\u200f\u2060\ufeff"))


def as_str(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    text = raw if isinstance(raw, str) else str(raw)
    return text.translate(INVISIBLE)


def nfkc(raw: Any) -> str:
    """NFKC (full-width digits and letters → ASCII, ideographic space → space), stripped."""
    text = as_str(raw)
    # Lone surrogates (possible from a badly decoded paste) cannot be normalised: drop them.
    text = text.encode("utf-8", errors="ignore").decode("utf-8")
    return unicodedata.normalize("NFKC", text).strip()


SPACES = re.compile(r"\s+")


def compact(raw: Any, drop: str = "") -> str:
    """NFKC, upper case, without any white space (and without the characters in `drop`)."""
    text = SPACES.sub("", nfkc(raw)).upper()
    for ch in drop:
        text = text.replace(ch, "")
    return text


def has_control(text: str, allow: str = "") -> bool:
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


def empty(zh: str, en: str) -> Check:
    return fail(f"请输入{zh}", f"Please enter the {en}")


def too_long(zh: str, en: str) -> Check:
    return fail(f"{zh}过长，请核对", f"The {en} is far too long; please check it")



def today_or(today: date | None) -> date:
    if today is not None:
        return today
    from counter.clock import local_day, utcnow

    return local_day(utcnow())
