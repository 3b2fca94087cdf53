"""The vendor SDK most hall readers ship: a `termb` shared library (termb.dll, libtermb.so).

Calls: InitComm(port) (1–16 serial, 1001–1016 USB), Authenticate() (find and select the card),
Read_Content(1) (read; the library writes the 256-byte text block to wz.txt and, with its
WLT decoder, the photo to zp.bmp next to itself or in the working folder), CloseComm().
Untested here: no library or reader on this machine; the text block is parsed by the same
code as the serial reader's.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from pathlib import Path

from counter.idcard.card import TEXT_BYTES, CardData, CardFormatError, parse_text
from counter.idcard.errors import NoCard, ReaderError

NAMES = ("termb", "Termb", "sdtapi")


def find_library(configured: str = "") -> str | None:
    if configured:
        return configured if Path(configured).exists() else None
    for name in NAMES:
        found = ctypes.util.find_library(name)
        if found:
            return found
    return None


class SdkReader:
    kind = "sdk"

    def __init__(self, port: int = 1001, library: str = ""):
        self.port = port
        self.path = find_library(library)
        if self.path is None:
            raise ReaderError("未找到身份证阅读器厂商驱动（termb）",
                              "The reader vendor's library (termb) is not installed")
        loader = ctypes.WinDLL if sys.platform == "win32" else ctypes.CDLL  # termb.dll is stdcall
        self.lib = loader(self.path)

    def _folders(self) -> list[Path]:
        return [Path(self.path).resolve().parent, Path(os.getcwd())]

    def read_card(self) -> CardData:
        if self.lib.InitComm(self.port) != 1:
            raise ReaderError(f"无法连接身份证阅读器（端口 {self.port}）",
                              f"Cannot open the reader on port {self.port}")
        try:
            if self.lib.Authenticate() != 1:
                raise NoCard()
            if self.lib.Read_Content(1) != 1:
                raise ReaderError("读证件失败，请重新放置", "Reading the card failed: place it again")
            return self._card_from_files()
        finally:
            self.lib.CloseComm()

    def _card_from_files(self) -> CardData:
        for folder in self._folders():
            text = folder / "wz.txt"
            if text.exists():
                try:
                    card = parse_text(text.read_bytes()[:TEXT_BYTES])
                except CardFormatError as exc:
                    raise ReaderError("证件数据格式不正确", f"The card's data is malformed: {exc}") from exc
                photo = folder / "zp.bmp"
                if photo.exists():
                    from dataclasses import replace

                    card = replace(card, photo_bmp=photo.read_bytes())
                return card
        raise ReaderError("厂商驱动未输出证件信息（wz.txt）", "The vendor library wrote no card data (wz.txt)")

    def probe(self) -> str:
        if self.lib.InitComm(self.port) != 1:
            raise ReaderError(f"身份证阅读器无应答（端口 {self.port}）",
                              f"The reader on port {self.port} does not answer")
        self.lib.CloseComm()
        return f"termb library {self.path}, reader on port {self.port} answers"
