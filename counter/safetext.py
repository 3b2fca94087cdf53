"""Input quoted in a message for people: shortened, one line, nothing that can reorder or hide text.

A value typed or passed on a command line may hold a CRLF (splits a one-line error), control
characters, or bidi overrides such as U+202E (reverse the rest of a Qt label). `quote()` shows
such characters as `\\u202e` escapes and cuts long values in the middle; `one_line()` does the
same to a whole message as the last guard before it is printed.
"""
from __future__ import annotations

import unicodedata

_HIDDEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}  # controls, format (bidi, zero width), separators


def escape(text: str) -> str:
    out = []
    for ch in text:
        if unicodedata.category(ch) in _HIDDEN and ch != "\u200d":
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)


def shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    keep = max(limit - 20, 10)
    return f"{text[:keep * 2 // 3]}…({len(text)} chars)…{text[-(keep // 3):]}"


def quote(value, limit: int = 60) -> str:
    """A value from outside as it may appear in a message: '«…»' in curly quotes, escaped,
    at most about `limit` characters."""
    return "“" + shorten(escape(str(value)), limit) + "”"


def one_line(message: str, limit: int = 600) -> str:
    """A whole message as one printable line of bounded length."""
    return shorten(escape(str(message)), limit)
