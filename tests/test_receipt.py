"""The 受理回执 in its three layouts and the 一次性告知书: what is printed, codes that scan,
page sizes; and the receipt read back from a finished visit (SQLite and PostgreSQL)."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from counter.printing.documents import (ReceiptData, ReceiptLine, hide_id_tail, parse_receipt_qr,
                                        receipt_qr_payload)
from counter.printing.notice import render_notice
from counter.printing.receipt import layout_for, render_receipt

CST = timezone(timedelta(hours=8))
NUMBER = "2611230010017"
QUERY_CODE = "K7P2QX"
RATING_URL = "https://hcp.example.gov.cn/rate"
PAPERS = ("A4", "A5", "80mm")
APPLICANT_ID = "11010119800101347X"  # its last four, 347X, are the kiosk's status secret
PROXY_ID = "110101199001015678"


def make(**changes) -> ReceiptData:
    data = ReceiptData(
        station_name="某某市公安局某某分局城关派出所",
        receipt_number=NUMBER,
        applicant_name="张三丰",
        id_number_masked="110101********347X",  # as an older caller would pass it: re-masked
        lines=(
            ReceiptLine("HZ-08", "居民身份证换领", Decimal("20"), date(2027, 1, 7), "受理",
                        ("居民户口簿", "原居民身份证"), (), committed_limit="45日",
                        statutory_limit="60日", pickup_method="派出所领取",
                        pickup_place="城关派出所户政窗口", pickup_bring="本回执及申请人身份证件",
                        card_validity="20年", legal_basis="《中华人民共和国居民身份证法》第十一条"),
            ReceiptLine("JG-12", "机动车驾驶证期满换证", Decimal("10.5"), None, "需补正",
                        ("机动车驾驶证",), ("身体条件证明", "无"), committed_limit="1日",
                        decided_by="城关交警大队",
                        legal_basis="《机动车驾驶证申领和使用规定》第七十一条"),
            ReceiptLine("JG-D2", "罚款缴纳", Decimal("0"), None, "受理",
                        ("公安交通管理行政处罚决定书",), (), fine=Decimal("200"),
                        surcharge=Decimal("36"), committed_limit="当场办结",
                        decided_by="城关交警大队"),
        ),
        clerk_name="李辅警", window_name="3号综合窗口",
        issued_at=datetime(2026, 11, 23, 9, 41, tzinfo=CST),
        lookup_hint="凭本回执条码或查询码，可在大厅自助机“进度查询”查看办理进度。",
        ticket_code="C003", proxy_name="王五", proxy_id_masked="110101********5678",
        applicant_phone_masked="139****0000", clerk_badge="F1023", clerk_auxiliary=True,
        officer_name="赵警官", officer_badge="012345", complaints_phone="0571-87001234",
        rating_url=RATING_URL, query_code=QUERY_CODE,
        missing_deadline=date(2026, 12, 23), submit_place="城关派出所综合服务大厅3号窗口",
    )
    return replace(data, **changes)


def complete(data: ReceiptData) -> ReceiptData:
    """The same receipt with nothing missing."""
    return replace(data, lines=tuple(replace(line, materials_missing=()) for line in data.lines))


def pdftotext(pdf: bytes, tmp_path: Path, first: int | None = None, last: int | None = None) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", "-layout"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    out = subprocess.run(args + [str(path), "-"], capture_output=True, text=True, timeout=60,
                         check=True)
    return out.stdout


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
needs_zbar = pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("zbarimg")),
                                reason="needs poppler-utils and zbar-tools")


@pytest.fixture(scope="module", params=PAPERS)
def rendered(request) -> tuple[str, bytes]:
    return request.param, render_receipt(make(), request.param)


def receipt_pages(pdf: bytes) -> int:
    """How many pages the receipt takes before its 一次性告知书."""
    reader = PdfReader(io.BytesIO(pdf))
    for i, page in enumerate(reader.pages):
        flat = squeeze(page.extract_text())
        if "补正告知：" in flat and "ReceiptNo." not in flat and "本回执不作收费凭证" not in flat:
            return i
    return len(reader.pages)


# --------------------------------------------------------------------------- what is printed

@needs_poppler
def test_every_layout_carries_what_a_real_receipt_has(rendered, tmp_path) -> None:
    paper, pdf = rendered
    flat = squeeze(pdftotext(pdf, tmp_path, last=receipt_pages(pdf)))
    assert "受理回执" in flat and NUMBER in flat
    assert "139****0000" in flat  # the applicant's masked phone
    assert "0571-87001234" in flat and "监督电话" in flat  # the station's complaints number
    assert "本回执不作收费凭证" in flat
    assert "赵警官" in flat and "012345" in flat and "责任民警" in flat  # the officer of an auxiliary
    assert "F1023" in flat
    assert "承诺45日" in flat and "法定60日" in flat
    assert "派出所领取" in flat and "城关派出所户政窗口" in flat and "本回执及申请人身份证件" in flat
    assert "城关交警大队" in flat and "审批单位" in flat
    assert "证件有效期" in flat and "20年" in flat
    assert "王五" in flat and "代办人签名" in flat and "申请人签名" in flat
    assert "自助查询码" in flat and QUERY_CODE in flat
    assert "好差评" in flat


@needs_poppler
def test_no_id_number_shows_its_last_four(rendered, tmp_path) -> None:
    paper, pdf = rendered
    flat = squeeze(pdftotext(pdf, tmp_path))  # receipt and notice
    assert "347X" not in flat and "5678" not in flat
    assert "110101************" in flat  # area code only, applicant and proxy alike


@needs_poppler
def test_fines_are_apart_from_fees(rendered, tmp_path) -> None:
    paper, pdf = rendered
    text = pdftotext(pdf, tmp_path, last=receipt_pages(pdf))
    flat = squeeze(text)
    assert "200.00" in flat and "36.00" in flat and "236.00" in flat
    assert "加处罚款" in flat and "不属收费" in flat or "不计入收费" in flat
    assert "30.50" in flat  # the fee total: 20 + 10.50, no fine in it
    assert "266.50" not in flat and "266.5" not in flat
    fee_line = next(line for line in text.splitlines() if "30.50" in line)
    assert "236" not in fee_line  # the fines are on their own line


def test_fee_total_leaves_the_fines_out() -> None:
    data = make()
    assert data.total == Decimal("30.5")
    assert data.fines_total == Decimal("236")


@needs_poppler
def test_a_missing_material_gets_no_promised_date(tmp_path) -> None:
    line = replace(make().lines[1], promised=date(2026, 11, 24))  # a date the caller still sent
    pdf = render_receipt(make(lines=(line,)), "A4")
    flat = squeeze(pdftotext(pdf, tmp_path, last=1))
    assert "2026-11-24" not in flat and "补正后起算" in flat


@needs_poppler
def test_a_clerk_who_is_an_officer_names_no_responsible_officer(tmp_path) -> None:
    pdf = render_receipt(make(clerk_auxiliary=False, clerk_name="李警官", clerk_badge="054321"),
                         "A4")
    flat = squeeze(pdftotext(pdf, tmp_path, last=1))
    assert "李警官（警号054321）" in flat
    assert "责任民警" not in flat and "赵警官" not in flat


# --------------------------------------------------------------------------- layouts

def test_80mm_page_is_80mm_wide_and_grows_with_its_content() -> None:
    short = PdfReader(io.BytesIO(render_receipt(complete(make(lines=make().lines[:1])), "80mm")))
    long = PdfReader(io.BytesIO(render_receipt(complete(make()), "80mm")))
    assert len(short.pages) == 1 and len(long.pages) == 1  # one roll page each, no notice
    for reader in (short, long):
        assert float(reader.pages[0].mediabox.width) == pytest.approx(80 / 25.4 * 72, abs=0.01)
    assert float(long.pages[0].mediabox.height) > float(short.pages[0].mediabox.height) + 100


@pytest.mark.parametrize("paper, width, height", [("A4", 595.28, 841.89), ("A5", 419.53, 595.28)])
def test_a4_and_a5_page_sizes(paper, width, height) -> None:
    reader = PdfReader(io.BytesIO(render_receipt(complete(make()), paper)))
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(height, abs=0.01)


def test_a4_receipt_with_three_items_fits_one_page() -> None:
    assert len(PdfReader(io.BytesIO(render_receipt(complete(make()), "A4"))).pages) == 1


def test_unknown_paper_falls_back_to_a4() -> None:
    assert layout_for("A3").name == "A4" and layout_for("80MM").name == "80mm"
    assert layout_for(None).name == "A4" and layout_for("a5").name == "A5"


def _zbar(png: Path, symbology: str) -> list[str]:
    out = subprocess.run(["zbarimg", "--raw", "-q", "-Sdisable", f"-S{symbology}.enable", str(png)],
                         capture_output=True, text=True, timeout=60)
    return sorted(line.strip() for line in out.stdout.splitlines() if line.strip())


@needs_zbar
def test_codes_decode_in_every_layout(rendered, tmp_path) -> None:
    paper, pdf = rendered
    path = tmp_path / "receipt.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "300", str(path), str(tmp_path / "page")],
                   check=True, timeout=120)
    pages = sorted(tmp_path.glob("page*.png"))
    code128 = [c for png in pages for c in _zbar(png, "code128")]
    qr = sorted(c for png in pages for c in _zbar(png, "qrcode"))
    assert code128 == [NUMBER]
    assert qr == sorted([f"{NUMBER}-{QUERY_CODE}", f"{RATING_URL}?receipt={NUMBER}"])


def test_qr_payload_round_trip() -> None:
    assert receipt_qr_payload(NUMBER) == NUMBER
    assert parse_receipt_qr(receipt_qr_payload(NUMBER, QUERY_CODE)) == (NUMBER, QUERY_CODE)
    assert parse_receipt_qr(NUMBER) == (NUMBER, None)
    assert hide_id_tail("110101********347X") == "110101************"
    assert hide_id_tail(APPLICANT_ID).endswith("****") and "347X" not in hide_id_tail(APPLICANT_ID)


# --------------------------------------------------------------------------- 一次性告知书

@needs_poppler
@pytest.mark.parametrize("paper", PAPERS)
def test_notice_lists_each_missing_material_with_its_date(paper, tmp_path) -> None:
    two_missing = replace(make().lines[0], materials_missing=("居民户口簿", "无"), promised=None)
    data = make(lines=(two_missing,) + make().lines[1:])
    pdf = render_receipt(data, paper)
    first = receipt_pages(pdf) + 1
    notice = pdftotext(pdf, tmp_path, first=first)
    flat = squeeze(notice)
    assert "一次性告知书" in flat and "本回执不作收费凭证" not in flat  # a page of its own
    assert "行政许可法》第三十二条" in flat
    for material, item in (("居民户口簿", "居民身份证换领"), ("身体条件证明", "机动车驾驶证期满换证")):
        assert material in flat and item in flat
    assert flat.count("2026-12-23") >= 3  # each material's deadline, and the closing line
    assert "城关派出所综合服务大厅3号窗口" in flat  # where to bring them
    assert "《机动车驾驶证申领和使用规定》第七十一条" in flat  # each item's legal basis
    assert "无" not in flat  # "无" (nothing) is never listed as a missing material
    own = render_notice(data, paper)
    assert own is not None and "一次性告知书" in squeeze(pdftotext(own, tmp_path))


@needs_poppler
@pytest.mark.parametrize("paper", PAPERS)
def test_no_notice_when_nothing_is_missing(paper, tmp_path) -> None:
    only_none = replace(make().lines[1], materials_missing=("无",), status_label="受理")
    data = complete(make())
    data = replace(data, lines=(data.lines[0], only_none, data.lines[2]))
    pdf = render_receipt(data, paper)
    flat = squeeze(pdftotext(pdf, tmp_path))
    assert "一次性告知书" not in flat and "需补正" not in flat and "补正后起算" not in flat
    assert render_notice(data, paper) is None


# --------------------------------------------------------------------------- from the database

IDENTITY = {"name": "张三", "id_number": "11010519491231002X", "sex": "F", "phone": "13812345678",
            "address": "北京市朝阳区建国路1号"}


def _finished(ctx, clock, principal, codes, materials=None, values=None):
    from counter.forms.flow import VisitFlow
    from counter.forms.trial import fill_examples
    from counter.visits import finish_visit

    flow = VisitFlow(ctx.catalog, ctx.clock.now, today=ctx.clock.today())
    for key, value in IDENTITY.items():
        flow.identity.set(key, value)
    flow.next()
    flow.choose(list(codes))
    for item in flow.items:
        item.materials = {m.code: "received" for m in item.procedure.materials}
        item.materials.update((materials or {}).get(item.procedure.code, {}))
        for key, value in (values or {}).get(item.procedure.code, {}).items():
            item.form.set(key, value)
        fill_examples(item.form, flow.today)  # finish_visit re-checks every page
    clock.advance(minutes=3)
    return finish_visit(ctx, flow, principal)


@pytest.fixture
def auxiliary(ctx):
    """Auxiliary `fu` (badge F1023) answers to officer `zhao` (badge 012345); `fu` is logged in."""
    from counter.auth import create_user, login
    from counter.badges import set_badge
    from counter.models import Role

    with ctx.sessions.begin() as session:
        officer = create_user(session, ctx.clock, station_id=ctx.station.id, username="zhao",
                              display_name="赵警官", role=Role.CLERK, password="Clerk@2026",
                              must_change=False)
        set_badge(session, officer, badge_number="012345")
        aux = create_user(session, ctx.clock, station_id=ctx.station.id, username="fu",
                          display_name="付辅警", role=Role.CLERK, password="Clerk@2026",
                          must_change=False)
        set_badge(session, aux, badge_number="F1023", auxiliary=True, officer="zhao")
    with ctx.sessions() as session:
        ctx.principal = login(session, ctx.clock, "fu", "Clerk@2026")
    return ctx.principal


@pytest.mark.both_engines
def test_receipt_from_a_visit_of_an_auxiliary(ctx, clock, auxiliary):
    from counter.visits import receipt_data

    done = _finished(ctx, clock, auxiliary, ["HZ-08", "JG-D2"],
                     values={"JG-D2": {"decision_number": "3301001234567", "fine_amount": "200.00",
                                       "decision_date": ctx.clock.today()}})
    with ctx.sessions() as session:
        data = receipt_data(session, ctx.catalog, done.receipt_number, settings=ctx.config,
                            query_code=QUERY_CODE)
    assert data.clerk_auxiliary and data.clerk_badge == "F1023"
    assert (data.officer_name, data.officer_badge) == ("赵警官", "012345")
    assert data.applicant_phone_masked == "138****5678"
    assert data.id_number_masked == "110105************"
    assert data.complaints_phone == "12345" and data.query_code == QUERY_CODE
    assert data.identity_check == "人工录入"  # typed at the counter, no card read
    card, fine = data.lines
    assert card.card_validity == "长期"  # born 1949: 46 and over
    assert card.committed_limit == "45日" and card.pickup_method and card.pickup_bring
    assert card.statutory_limit == "60日"  # 居民身份证法 art 12, apart from the station's 45
    assert fine.fine == Decimal("200.00") and fine.fee == Decimal("0.00")
    assert data.total == card.fee  # the fine is no fee


@pytest.mark.both_engines
def test_missing_material_drops_the_date_and_sets_the_notice_deadline(ctx, clock, clerk):
    from counter.visits import receipt_data

    done = _finished(ctx, clock, clerk, ["HZ-08"], materials={"HZ-08": {"hukou_booklet": "missing"}})
    with ctx.sessions() as session:
        data = receipt_data(session, ctx.catalog, done.receipt_number, settings=ctx.config)
    line = data.lines[0]
    assert line.materials_missing == ("居民户口簿",) and line.promised is None
    assert data.missing_deadline == data.issued_at.date() + timedelta(days=30)
    assert not data.clerk_auxiliary and data.officer_name == ""


@needs_poppler
def test_receipt_pdf_follows_the_paper_setting(ctx, clock, clerk, tmp_path):
    from counter.visits import render_receipt_pdf

    done = _finished(ctx, clock, clerk, ["HZ-08"], materials={"HZ-08": {"hukou_booklet": "missing"}})
    ctx.config = replace(ctx.config, receipt_paper="80mm", complaints_phone="0571-110",
                         missing_materials_days=15)
    pdf = render_receipt_pdf(ctx, done.receipt_number, query_code=QUERY_CODE)
    reader = PdfReader(io.BytesIO(pdf))
    assert float(reader.pages[0].mediabox.width) == pytest.approx(226.77, abs=0.01)
    flat = squeeze(pdftotext(pdf, tmp_path))
    deadline = (clock.today() + timedelta(days=15)).isoformat()
    assert "0571-110" in flat and "一次性告知书" in flat and deadline in flat
    assert "002X" not in flat and QUERY_CODE in flat


def test_id_card_validity_by_age() -> None:
    from counter.forms.engine import birth_date_of
    from counter.visits import id_card_validity

    on = date(2026, 11, 23)
    assert birth_date_of("11010519491231002X") == date(1949, 12, 31)
    assert birth_date_of("bad") is None
    for birth, expected in ((date(2010, 11, 24), "5年"), (date(2010, 11, 23), "10年"),
                            (date(2001, 11, 24), "10年"), (date(2000, 11, 23), "20年"),
                            (date(1980, 11, 24), "20年"), (date(1980, 11, 23), "长期")):
        assert id_card_validity(birth, on) == expected, birth
    assert id_card_validity(None, on) == ""


@pytest.mark.parametrize("paper", PAPERS)
def test_every_layout_embeds_its_truetype_subset(paper) -> None:
    from tests.helpers import fonts_of

    found = fonts_of(render_receipt(make(), paper))  # receipt and notice pages
    assert found
    for font in found:
        assert "STSong" not in font["base"] and font["embedded"] and font["subtype"] == "/TrueType"


@pytest.mark.both_engines
def test_a_late_fine_prints_its_computed_surcharge_apart_from_fees(ctx, clock, clerk):
    """Received 20 days ago: 5 days late (day 16 on), 3% a day of 200 元 = 30 元; never a fee."""
    from counter.visits import receipt_data

    received = ctx.clock.today() - timedelta(days=20)
    done = _finished(ctx, clock, clerk, ["JG-D2", "JG-A5"],
                     values={"JG-D2": {"decision_number": "3301001234567", "fine_amount": "200.00",
                                       "decision_date": received}})
    with ctx.sessions() as session:
        data = receipt_data(session, ctx.catalog, done.receipt_number, settings=ctx.config)
    fine, certificate = data.lines
    assert (fine.fine, fine.surcharge, fine.fee) == (Decimal("200.00"), Decimal("30.00"), Decimal("0.00"))
    assert data.total == certificate.fee and data.fines_total == Decimal("230.00")
    assert certificate.decided_by == "县(市、区)公安局交警大队" and fine.decided_by == ""
