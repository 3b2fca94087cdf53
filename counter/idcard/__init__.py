"""Identity from the ID card reader (Qt-free).

Readers: `SerialReader` (the SAM module's serial protocol, GA 467), `SdkReader` (the vendor's
termb library, via ctypes), keyboard-wedge readers (`wedge.typed_by_reader`: they type into the
ID field), `SimulatedReader` (a pty speaking the SAM protocol, for tests and the demo).
"""
from __future__ import annotations

from typing import Protocol

from counter.idcard.card import CardData
from counter.idcard.errors import NoCard, NotConfigured, ReaderError, ReaderTimeout

READER_TYPES = ("none", "serial", "sdk", "wedge")

__all__ = [
    "READER_TYPES",
    "CardData",
    "NoCard",
    "NotConfigured",
    "Reader",
    "ReaderError",
    "ReaderTimeout",
    "make_reader",
]


class Reader(Protocol):
    kind: str

    def read_card(self) -> CardData:
        """The card on the reader now (ReaderError, NoCard, ReaderTimeout otherwise)."""

    def probe(self) -> str:
        """One line saying the reader answers (ReaderError otherwise)."""


def make_reader(config) -> Reader | None:
    """The reader this terminal's settings name; None for none and wedge (nothing to ask)."""
    kind = getattr(config, "reader_type", "none")
    if kind == "serial":
        from counter.idcard.samv import SerialReader

        if not config.reader_port:
            raise NotConfigured()
        return SerialReader(config.reader_port, config.reader_baudrate)
    if kind == "sdk":
        from counter.idcard.sdk import SdkReader

        port = config.reader_port
        return SdkReader(int(port) if port.isdigit() else 1001)
    return None
