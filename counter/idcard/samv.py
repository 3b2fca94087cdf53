"""The serial protocol of the SAM security module inside hall ID card readers (GA 467).

A frame is the preamble AA AA AA 96 69, a two-byte big-endian length (of everything after it,
checksum included), the body and an XOR checksum over length and body. The terminal sends a
command and a parameter (20 01 find card, 20 02 select card, 30 01 read base information);
the module answers SW1 SW2 SW3 and data. SW3 90 is success, 9F "card found", 80 no card,
81 select failed, 10 bad checksum from the terminal, ... (table in docs/notes/idcard.md).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce

from counter.idcard.card import (
    PHOTO_BYTES,
    TEXT_BYTES,
    CardData,
    CardFormatError,
    parse_text,
)
from counter.idcard.errors import ChecksumError, NoCard, ReaderError, ReaderTimeout

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
FIND = (0x20, 0x01)
SELECT = (0x20, 0x02)
READ_BASE = (0x30, 0x01)
STATUS = (0x11, 0xFF)
RESET = (0x10, 0xFF)
READ_SAM_ID = (0x12, 0xFF)

SW_SUCCESS = 0x90
SW_CARD_FOUND = 0x9F
SW_CHECKSUM = 0x10
SW_LENGTH = 0x11
SW_COMMAND = 0x21
SW_NO_CARD = 0x80
SW_SELECT_FAILED = 0x81
SW_READ_FAILED = 0x41

STATUS_TEXT = {
    0x10: ("阅读器收到的数据校验和错", "the module received a bad checksum"),
    0x11: ("阅读器收到的数据长度错", "the module received a bad length"),
    0x21: ("阅读器不认识该命令", "the module refused the command"),
    0x24: ("阅读器出现无法识别的错误", "the module reports an unknown error"),
    0x31: ("证件认证阅读器失败", "the card did not authenticate the module"),
    0x32: ("阅读器认证证件失败", "the module did not authenticate the card"),
    0x33: ("证件信息验证错误", "the card's data failed verification"),
    0x40: ("不是居民身份证", "not a resident ID card"),
    0x41: ("读证件失败，请重新放置", "reading the card failed: place it again"),
    0x60: ("阅读器自检失败", "the module's self-test failed"),
    0x66: ("阅读器未经授权", "the module is not authorised"),
    0x81: ("选取证件失败，请重新放置", "selecting the card failed: place it again"),
}
MAX_LENGTH = 4096  # more than any answer (base information is 1288); a wrong length is noise


def checksum(data: bytes) -> int:
    return reduce(lambda a, b: a ^ b, data, 0)


def _frame(body: bytes) -> bytes:
    length = (len(body) + 1).to_bytes(2, "big")
    return PREAMBLE + length + body + bytes([checksum(length + body)])


def command(cmd: int, para: int, data: bytes = b"") -> bytes:
    """A terminal → module frame."""
    return _frame(bytes([cmd, para]) + data)


def answer(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    """A module → terminal frame (the simulated reader builds these)."""
    return _frame(bytes([sw1, sw2, sw3]) + data)


class BadChecksum(Exception):
    """A frame arrived whole, but its checksum is wrong."""


def read_frame(read: Callable[[int], bytes], port: str = "") -> bytes:
    """The body of the next frame (what follows the length, without the checksum).

    `read(n)` returns up to n bytes, fewer on timeout (pyserial's `Serial.read`). Bytes before
    the preamble are skipped: a reader may send noise when a card is placed or removed.
    """
    window = b""
    while window != PREAMBLE:
        byte = read(1)
        if not byte:
            raise ReaderTimeout(port)
        window = (window + byte)[-len(PREAMBLE):]
    length_bytes = _read_exactly(read, 2, port)
    length = int.from_bytes(length_bytes, "big")
    if not 1 <= length <= MAX_LENGTH:
        raise BadChecksum(f"length {length}")
    rest = _read_exactly(read, length, port)
    body, check = rest[:-1], rest[-1]
    if checksum(length_bytes + body) != check:
        raise BadChecksum(f"checksum {check:02x}")
    return body


def _read_exactly(read: Callable[[int], bytes], n: int, port: str) -> bytes:
    data = read(n)
    while len(data) < n:
        more = read(n - len(data))
        if not more:
            raise ReaderTimeout(port)
        data += more
    return data


@dataclass(frozen=True)
class Answer:
    sw1: int
    sw2: int
    sw3: int
    data: bytes


def parse_answer(body: bytes) -> Answer:
    if len(body) < 3:
        raise BadChecksum("short answer")
    return Answer(body[0], body[1], body[2], body[3:])


def status_error(sw3: int) -> ReaderError:
    if sw3 == SW_NO_CARD:
        return NoCard()
    zh, en = STATUS_TEXT.get(sw3, ("身份证阅读器返回错误", "the ID card reader reports an error"))
    return ReaderError(f"{zh}（状态 {sw3:02X}）", f"ID card reader: {en} (status {sw3:02X})")


def parse_base_information(data: bytes) -> CardData:
    """The data of a 30 01 answer: text length, photo length (two bytes each), text, photo."""
    if len(data) < 4:
        raise CardFormatError("the base information is shorter than its header")
    text_len, photo_len = int.from_bytes(data[0:2], "big"), int.from_bytes(data[2:4], "big")
    if text_len != TEXT_BYTES or len(data) < 4 + text_len + photo_len:
        raise CardFormatError(f"text {text_len} bytes, photo {photo_len} bytes, {len(data)} received")
    photo = data[4 + text_len:4 + text_len + photo_len]
    return parse_text(data[4:4 + text_len], photo if photo_len == PHOTO_BYTES else b"")


class SerialReader:
    """A reader on a serial port (or a USB serial adapter) speaking to its SAM module."""

    kind = "serial"

    def __init__(self, port: str, baudrate: int = 115200, timeout: float = 2.0, retries: int = 1):
        self.port, self.baudrate, self.timeout, self.retries = port, baudrate, timeout, retries

    def _open(self):
        import serial  # pyserial: only where a serial reader is used

        try:
            return serial.Serial(self.port, self.baudrate, timeout=self.timeout, write_timeout=self.timeout)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise ReaderError(f"无法打开身份证阅读器端口 {self.port}", f"Cannot open the ID card reader's port "
                              f"{self.port}: {exc}") from exc

    def exchange(self, link, cmd: tuple[int, int]) -> Answer:
        """Send a command and return the module's answer; a garbled answer is asked for again."""
        for attempt in range(self.retries + 1):
            link.reset_input_buffer()
            link.write(command(*cmd))
            try:
                return parse_answer(read_frame(link.read, self.port))
            except BadChecksum:
                if attempt == self.retries:
                    raise ChecksumError() from None
        raise AssertionError("unreachable")

    def read_card(self) -> CardData:
        """Find, select and read the card on the reader."""
        with self._open() as link:
            found = self.exchange(link, FIND)
            if found.sw3 != SW_CARD_FOUND:
                raise status_error(found.sw3)
            selected = self.exchange(link, SELECT)
            if selected.sw3 != SW_SUCCESS:
                raise status_error(selected.sw3)
            read = self.exchange(link, READ_BASE)
            if read.sw3 != SW_SUCCESS:
                raise status_error(read.sw3)
        try:
            return parse_base_information(read.data)
        except CardFormatError as exc:
            raise ReaderError("证件数据格式不正确，请重新放置证件", f"The card's data is malformed: {exc}") from exc

    def probe(self) -> str:
        """Ask the module for its status: a line saying that it answered (or ReaderError)."""
        with self._open() as link:
            status = self.exchange(link, STATUS)
        if status.sw3 != SW_SUCCESS:
            raise status_error(status.sw3)
        return f"SAM module on {self.port} answers (status {status.sw3:02X})"
