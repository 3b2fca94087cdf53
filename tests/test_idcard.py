"""The ID card reader: the real SAM protocol code against a simulated reader on a pty."""
from __future__ import annotations

import os
from datetime import date

import pytest

from counter.idcard import samv
from counter.idcard.card import TEXT_BYTES, encode_text, parse_text
from counter.idcard.errors import ChecksumError, NoCard, ReaderError, ReaderTimeout
from counter.idcard.samv import SerialReader, answer, command, read_frame
from counter.idcard.sim import SimulatedReader, demo_cards, id_number
from counter.idcard.wedge import WedgeWatch, typed_by_reader

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the simulated reader is a POSIX pseudo-terminal")


@pytest.fixture
def sim():
    with SimulatedReader(rotate=False) as reader:
        yield reader


def test_command_frames_are_the_documented_bytes():
    assert command(*samv.FIND).hex(" ") == "aa aa aa 96 69 00 03 20 01 22"
    assert command(*samv.SELECT).hex(" ") == "aa aa aa 96 69 00 03 20 02 21"
    assert command(*samv.READ_BASE).hex(" ") == "aa aa aa 96 69 00 03 30 01 32"
    # the "card found" answer quoted by reader manuals: SW 00 00 9F, four bytes, checksum 97
    assert answer(samv.SW_CARD_FOUND, bytes(4)).hex(" ") == "aa aa aa 96 69 00 08 00 00 9f 00 00 00 00 97"


def test_text_block_round_trip_and_widths():
    card = demo_cards()[1]  # valid for life
    block = encode_text(card)
    assert len(block) == TEXT_BYTES
    assert block[:6].decode("utf-16-le") == "李建国"
    assert block[30:32].decode("utf-16-le") == "1"  # sex after the 30-byte name
    assert block[122:158].decode("utf-16-le") == card.id_number  # 30+2+4+16+70 = 122
    back = parse_text(block)
    assert (back.name, back.sex, back.nation, back.valid_until) == ("李建国", "M", "回", None)
    assert back.address == "北京市朝阳区朝阳门外大街6号"


def test_reader_finds_selects_and_reads_the_card(sim):
    card = SerialReader(sim.port, timeout=1).read_card()
    assert card.name == "王芳"
    assert card.sex == "F" and card.nation == "汉"
    assert card.birth == date(1985, 6, 15)
    assert card.id_number == id_number("110105", date(1985, 6, 15), 24) == "110105198506150241"
    assert card.authority == "北京市公安局朝阳分局"
    assert (card.valid_from, card.valid_until) == (date(2016, 3, 1), date(2036, 3, 1))
    assert not card.expired(date(2026, 11, 23))
    assert card.photo_wlt.startswith(b"WLT(simulated)") and len(card.photo_wlt) == 1024
    assert sim.received == [samv.FIND, samv.SELECT, samv.READ_BASE]


def test_demo_cards_have_valid_numbers_and_one_expired():
    from counter.forms.validators import check_id_number

    today = date(2026, 11, 23)
    cards = demo_cards()
    assert all(check_id_number(c.id_number, today=today).ok for c in cards)
    assert [c.name for c in cards if c.expired(today)] == ["陈静"]


def test_expired_card_is_read_and_known_expired():
    with SimulatedReader([demo_cards()[2]]) as sim:
        card = SerialReader(sim.port, timeout=1).read_card()
    assert card.name == "陈静" and card.valid_until == date(2020, 1, 1)
    assert card.expired(date(2026, 11, 23))


def test_no_card_on_the_reader(sim):
    sim.remove()
    with pytest.raises(NoCard) as caught:
        SerialReader(sim.port, timeout=1).read_card()
    assert "未检测到身份证" in caught.value.zh_CN
    assert sim.received == [samv.FIND]  # nothing selected or read


def test_a_garbled_answer_is_asked_again(sim):
    sim.garble_next = 1
    card = SerialReader(sim.port, timeout=1).read_card()
    assert card.name == "王芳"
    assert sim.received == [samv.FIND, samv.FIND, samv.SELECT, samv.READ_BASE]


def test_answers_garbled_twice_are_a_checksum_error(sim):
    sim.garble_next = 2
    with pytest.raises(ChecksumError):
        SerialReader(sim.port, timeout=1).read_card()
    assert sim.received == [samv.FIND, samv.FIND]


def test_the_module_rejects_a_frame_with_a_bad_checksum(sim):
    import serial

    with serial.Serial(sim.port, 115200, timeout=1) as link:
        bad = command(*samv.FIND)[:-1] + b"\x00"
        link.write(bad)
        reply = samv.parse_answer(read_frame(link.read))
    assert reply.sw3 == samv.SW_CHECKSUM
    assert sim.received == []


def test_a_silent_reader_times_out(sim):
    sim.silent = True
    with pytest.raises(ReaderTimeout) as caught:
        SerialReader(sim.port, timeout=0.3).read_card()
    assert sim.port in caught.value.zh_CN


def test_noise_before_the_preamble_is_skipped():
    stream = iter([b"\x00", b"\xff", b"\xaa"] + [bytes([b]) for b in answer(samv.SW_SUCCESS, b"\x01\x02")])
    body = read_frame(lambda n: b"".join(next(stream, b"") for _ in range(n)))
    assert body == b"\x00\x00\x90\x01\x02"


def test_probe_says_the_module_answers(sim):
    assert "answers" in SerialReader(sim.port, timeout=1).probe()
    assert sim.received == [samv.STATUS]


def test_a_missing_port_is_one_clear_error():
    with pytest.raises(ReaderError) as caught:
        SerialReader("/dev/nonexistent-reader", timeout=0.2).read_card()
    assert "无法打开身份证阅读器端口" in caught.value.zh_CN


def test_demo_reader_places_the_next_card_after_each_read():
    with SimulatedReader() as sim:
        reader = SerialReader(sim.port, timeout=1)
        names = [reader.read_card().name for _ in range(5)]
    assert names == ["王芳", "李建国", "陈静", "张伟", "王芳"]


# -- keyboard wedge: by rhythm alone

def _keys(text, gap, start=100.0):
    return [(c, start + i * gap) for i, c in enumerate(text)]


def test_wedge_is_told_from_a_hand_by_rhythm():
    number = "110105198506150241"
    assert typed_by_reader(_keys(number, 0.008))
    assert not typed_by_reader(_keys(number, 0.12))  # a fast typist
    paused = _keys(number[:9], 0.01) + _keys(number[9:], 0.01, start=101.0)  # a pause: a hand in it
    assert not typed_by_reader(paused)
    assert not typed_by_reader(_keys(number[:10], 0.005))  # too few keys to tell


def test_wedge_watch_restarts_when_the_field_is_emptied():
    watch = WedgeWatch()
    for c, at in _keys("1101", 0.2):  # a clerk started typing, then cleared the field
        watch.key(c, at, "x")
    number = "110105198506150241"
    for i, (c, at) in enumerate(_keys(number, 0.01, start=200.0)):
        watch.key(c, at, number[:i])
    assert watch.verdict(number)
    assert not watch.verdict("110105198506150242")


# -- the card in a visit (no Qt)

def _flow():
    from datetime import datetime, timezone

    from counter.catalog import load_catalog
    from counter.forms.flow import VisitFlow

    return VisitFlow(load_catalog(), lambda: datetime(2026, 11, 23, 2, tzinfo=timezone.utc), today=date(2026, 11, 23))


def test_a_card_fills_the_identity_and_survives_the_draft():
    from datetime import datetime, timezone

    from counter.catalog import load_catalog
    from counter.forms.flow import VisitFlow
    from counter.idcard.visit import (
        apply_card,
        identity_source,
        visit_columns,
        with_card_facts,
    )

    flow = _flow()
    card = demo_cards()[2]  # expired
    apply_card(flow, card)
    assert flow.identity.values["name"] == "陈静" and flow.identity.values["sex"] == "F"
    assert visit_columns(flow) == {"identity_source": "card", "card_expired": True}
    restored = VisitFlow.from_dict(load_catalog(), flow.to_dict(),
                                   lambda: datetime(2026, 11, 23, 3, tzinfo=timezone.utc))
    assert identity_source(restored) == ("card", True)
    facts = with_card_facts(restored, restored.identity.cleaned())
    assert facts["applicant_card"]["valid_until"] == "2020-01-01" and facts["applicant_card"]["nation"] == "01"
    restored.identity.set("id_number", "11010519491231002X")  # typed over the card's number
    assert visit_columns(restored) == {"identity_source": "typed", "card_expired": None}
    assert "applicant_card" not in with_card_facts(restored, restored.identity.cleaned())


def test_identity_check_label_for_the_receipt():
    from counter.idcard.visit import identity_check_label

    assert identity_check_label("card") == "读卡"
    assert identity_check_label("card", True, "en") == "ID card read (card expired)"
    assert identity_check_label("wedge") == "读卡（号码）"
    assert identity_check_label(None) == "人工录入"
