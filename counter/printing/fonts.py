"""The CJK TrueType font the PDFs are drawn with.

reportlab's built-in CID font ``STSong-Light`` is never used: it is not embedded in the PDF and
prints wrong through CUPS/ghostscript. Instead one TrueType font (a ``.ttf`` or the first face
of a ``.ttc``) is found and registered once per process; reportlab then embeds a subset of it
in every PDF, so the text prints and can be extracted everywhere.

Search order: ``resources/fonts/*.ttf|*.ttc`` shipped with the app, then well-known system
paths (Debian/Ubuntu, Windows, macOS).
"""
from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from counter.paths import resources_dir

#: The name the font is registered under in reportlab (used with ``setFont``/``fontName``).
FONT_NAME = "CounterCJK"

INSTALL_HINT = (
    "No CJK TrueType font found for printing. Install one: on Debian/Ubuntu "
    "`apt-get install fonts-wqy-microhei` (or fonts-noto-cjk), on Windows Microsoft YaHei/"
    "SimHei/SimSun ship with the system; or copy a .ttf/.ttc into resources/fonts/."
)


class FontMissing(RuntimeError):
    """No embeddable CJK TrueType font could be found or loaded."""


@dataclass(frozen=True)
class FontInfo:
    name: str  # the reportlab font name
    path: Path
    subfont_index: int


def _windows_font_dir() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


def system_candidates() -> list[Path]:
    """Well-known locations of embeddable CJK TrueType fonts, best first."""
    paths = [
        # Debian / Ubuntu
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
        "/usr/share/fonts/truetype/arphic/ukai.ttc",
        # Fedora / Arch
        "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
        "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
        "/usr/share/fonts/google-droid/DroidSansFallbackFull.ttf",
        # Noto CJK as TrueType (the usual .ttc files are CFF/OTF and cannot be used)
        "/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSerifSC-Regular.ttf",
        "/usr/share/fonts/noto/NotoSansSC-Regular.ttf",
        # macOS
        "/Library/Fonts/Arial Unicode.ttf",
        "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    ]
    result = [Path(p) for p in paths]
    if sys.platform.startswith("win") or os.environ.get("WINDIR"):
        win = _windows_font_dir()
        result[:0] = [win / "msyh.ttc", win / "msyh.ttf", win / "simhei.ttf",
                      win / "simsun.ttc", win / "simkai.ttf"]
    return result


def candidates() -> list[Path]:
    """Every path tried, in order: the app's own fonts first, then the system's."""
    shipped_dir = resources_dir() / "fonts"
    shipped: list[Path] = []
    if shipped_dir.is_dir():
        shipped = sorted(p for p in shipped_dir.iterdir()
                         if p.is_file() and p.suffix.lower() in (".ttf", ".ttc"))
    return shipped + system_candidates()


_lock = threading.Lock()
_registered: FontInfo | None = None


def _try_register(path: Path) -> FontInfo | None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        font = TTFont(FONT_NAME, str(path), subfontIndex=0)
    except (TTFError, OSError, ValueError, KeyError, IndexError):
        return None  # e.g. a CFF-flavoured OpenType font, unreadable or not a font at all
    # The font must have the characters we print: CJK, digits, the yuan sign.
    try:
        cmap = font.face.charToGlyph
        if any(ord(ch) not in cmap for ch in "受理回执0A¥"):
            return None
    except AttributeError:  # pragma: no cover - reportlab internals changed
        pass
    pdfmetrics.registerFont(font)
    # One face only: <b>/<i> in Paragraphs map to the same face instead of failing.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FONT_NAME, bold, italic, FONT_NAME)
    return FontInfo(FONT_NAME, path, 0)


def register_cjk_font() -> FontInfo:
    """Find and register the CJK font once per process; return what was registered.

    Raises :class:`FontMissing` naming what to install when no usable font exists.
    """
    global _registered
    if _registered is not None:
        return _registered
    with _lock:
        if _registered is not None:
            return _registered
        tried = candidates()
        for path in tried:
            if path.is_file():
                info = _try_register(path)
                if info is not None:
                    _registered = info
                    return info
        raise FontMissing(INSTALL_HINT + " Tried: " + ", ".join(str(p) for p in tried))


def cjk_font_name() -> str:
    """The registered font's reportlab name (registering it on first use)."""
    return register_cjk_font().name
