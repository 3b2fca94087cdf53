"""A simulated hall ID card reader: a pseudo-terminal whose far end speaks the SAM protocol.

The real `SerialReader` opens the pty's device name like any serial port, so tests and the
demo (`--reader-sim`) run the real protocol code. Faults are injected on purpose: a garbled
answer, no answer at all, no card on the reader.
"""
from __future__ import annotations

import os
import select
import threading
from dataclasses import replace
from datetime import date

from counter.idcard import samv
from counter.idcard.card import PHOTO_BYTES, TEXT_BYTES, CardData, encode_text

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(area: str, birth: date, sequence: int) -> str:
    """A valid 18-character number (sequence odd: male, even: female)."""
    first = f"{area}{birth:%Y%m%d}{sequence:03d}"
    return first + "10X98765432"[sum(int(d) * w for d, w in zip(first, _WEIGHTS)) % 11]


def _card(name, sex, nation, birth, address, sequence, valid_from, valid_until) -> CardData:
    return CardData(name=name, sex_code=sex, nation_code=nation, birth=birth, address=address,
                    id_number=id_number("110105", birth, sequence), authority="北京市公安局朝阳分局",
                    valid_from=valid_from, valid_until=valid_until,
                    photo_wlt=b"WLT(simulated)".ljust(PHOTO_BYTES, b"\0"))


def demo_cards() -> list[CardData]:
    """Demo people's cards: valid ones (one valid for life) and one that has expired."""
    return [
        _card("王芳", "2", "01", date(1985, 6, 15), "北京市朝阳区建国路88号院3号楼2单元501室", 24,
              date(2016, 3, 1), date(2036, 3, 1)),
        _card("李建国", "1", "03", date(1958, 11, 2), "北京市朝阳区朝阳门外大街6号", 37, date(2012, 5, 20), None),
        _card("陈静", "2", "01", date(1979, 4, 30), "北京市朝阳区望京西园222号楼1103", 18,
              date(2010, 1, 1), date(2020, 1, 1)),  # expired
        _card("张伟", "1", "11", date(1992, 1, 23), "北京市朝阳区三里屯路19号", 51, date(2019, 8, 10),
              date(2029, 8, 10)),
    ]


class SimulatedReader:
    """The module end of a pty. `port` is the device name a `SerialReader` opens.

    `cards` are placed one after the other: after each complete read the next one lies on the
    reader (the demo shows a new citizen per F9); `rotate=False` keeps the first.
    """

    def __init__(self, cards: list[CardData] | None = None, *, rotate: bool = True):
        self.cards = list(demo_cards() if cards is None else cards)
        self.rotate = rotate
        self.card: CardData | None = self.cards[0] if self.cards else None
        self.garble_next = 0  # answers sent with a wrong checksum
        self.silent = False  # answer nothing (a reader unplugged behind its USB adapter)
        self.received: list[tuple[int, int]] = []  # (command, parameter) of every frame received
        self._found = self._selected = False
        self._master = self._slave = -1
        self._stop_r = self._stop_w = -1
        self._thread: threading.Thread | None = None
        self.port = ""

    # -- the card on the reader
    def place(self, card: CardData | None) -> None:
        self.card, self._found, self._selected = card, False, False

    def remove(self) -> None:
        self.place(None)

    # -- life
    def start(self) -> SimulatedReader:
        import tty

        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo, no line discipline: bytes pass as they are
        self.port = os.ttyname(self._slave)
        self._stop_r, self._stop_w = os.pipe()
        self._thread = threading.Thread(target=self._serve, name="simulated-id-reader", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is None:
            return
        os.write(self._stop_w, b"x")
        self._thread.join(5)
        for fd in (self._master, self._slave, self._stop_r, self._stop_w):
            os.close(fd)
        self._thread = None

    def __enter__(self) -> SimulatedReader:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- the module
    def _serve(self) -> None:
        buffer = b""
        while True:
            ready, _, _ = select.select([self._master, self._stop_r], [], [])
            if self._stop_r in ready:
                return
            try:
                buffer += os.read(self._master, 4096)
            except OSError:
                return
            while True:
                frame, buffer = _take_frame(buffer)
                if frame is None:
                    break
                reply = self._reply(frame)
                if reply and not self.silent:
                    os.write(self._master, reply)

    def _reply(self, frame: bytes) -> bytes:
        length, body, check = frame[:2], frame[2:-1], frame[-1]
        if samv.checksum(length + body) != check:
            return samv.answer(samv.SW_CHECKSUM)
        if len(body) < 2:
            return samv.answer(samv.SW_LENGTH)
        self.received.append((body[0], body[1]))
        reply = self._handle((body[0], body[1]))
        if self.garble_next > 0:
            self.garble_next -= 1
            reply = reply[:-1] + bytes([reply[-1] ^ 0xFF])
        return reply

    def _handle(self, cmd: tuple[int, int]) -> bytes:
        if cmd in (samv.STATUS, samv.RESET):
            return samv.answer(samv.SW_SUCCESS)
        if cmd == samv.READ_SAM_ID:
            return samv.answer(samv.SW_SUCCESS, bytes(16))
        if cmd == samv.FIND:
            self._found = self.card is not None
            return samv.answer(samv.SW_CARD_FOUND, bytes(4)) if self._found else samv.answer(samv.SW_NO_CARD)
        if cmd == samv.SELECT:
            self._selected = self._found and self.card is not None
            return samv.answer(samv.SW_SUCCESS, bytes(8)) if self._selected else samv.answer(samv.SW_SELECT_FAILED)
        if cmd == samv.READ_BASE:
            if not self._selected or self.card is None:
                return samv.answer(samv.SW_READ_FAILED)
            card = self.card
            photo = card.photo_wlt.ljust(PHOTO_BYTES, b"\0")[:PHOTO_BYTES]
            data = TEXT_BYTES.to_bytes(2, "big") + PHOTO_BYTES.to_bytes(2, "big") + encode_text(card) + photo
            self._next_card()
            return samv.answer(samv.SW_SUCCESS, data)
        return samv.answer(samv.SW_COMMAND)

    def _next_card(self) -> None:
        if self.rotate and self.card in self.cards and len(self.cards) > 1:
            self.place(self.cards[(self.cards.index(self.card) + 1) % len(self.cards)])
        else:
            self._found = self._selected = False  # the module selects a card again for every read


def _take_frame(buffer: bytes) -> tuple[bytes | None, bytes]:
    """(length + body + checksum of the first whole frame, the rest), or (None, what to keep)."""
    start = buffer.find(samv.PREAMBLE)
    if start < 0:
        return None, buffer[-(len(samv.PREAMBLE) - 1):]
    buffer = buffer[start + len(samv.PREAMBLE):]
    if len(buffer) < 2:
        return None, samv.PREAMBLE + buffer
    length = int.from_bytes(buffer[:2], "big")
    if len(buffer) < 2 + length:
        return None, samv.PREAMBLE + buffer
    return buffer[:2 + length], buffer[2 + length:]


def expired_card(card: CardData) -> CardData:
    """The same person's card, expired long ago (tests)."""
    return replace(card, valid_from=date(2000, 1, 1), valid_until=date(2010, 1, 1))
