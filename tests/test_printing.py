"""The printed documents: text, embedded font, barcodes, page sizes."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from counter.printing import fonts
from counter.printing.documents import GuideData, ReceiptData, ReceiptLine, TicketSlipData
from counter.printing.guide import render_guide
from counter.printing.receipt import money, qr_matrix, render_receipt
from counter.printing.ticket_slip import render_ticket_slip
from tests.helpers import RECEIPT_NUMBER, fonts_of, make_receipt, make_slip

def make_guide(code: str, name: str) -> GuideData:
    return GuideData(
        code=code, name=name, name_en="Guide " + code, group="居民身份证",
        legal_basis="《中华人民共和国居民身份证法》第十一条",
        guide="身份证有效期满前三个月内，或登记项目变更、证件损坏的，可申请换领。" * 6,
        materials=(("居民户口簿", "原件，必交"), ("代办委托书", "原件，代办时必交")),
        fee="20.00 元", time_limit="自受理之日起45日内制发", where="任一综合窗口",
    )


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def receipt_pdf() -> bytes:
    return render_receipt(make_receipt(proxy="王五"))


# --------------------------------------------------------------------------- the receipt

def test_receipt_total_and_money() -> None:
    data = make_receipt()
    assert data.total == Decimal("30.5")
    assert money(Decimal("20")) == "20.00"
    assert money(Decimal("10.005")) == "10.01"


def test_receipt_text(receipt_pdf: bytes) -> None:
    assert receipt_pdf.startswith(b"%PDF")
    text = pdf_text(receipt_pdf)
    flat = squeeze(text)
    assert RECEIPT_NUMBER in text
    assert "110101************" in text and "*1234" not in text  # the kiosk secret stays off paper
    for name in ("居民身份证换领", "机动车驾驶证期满换证", "机动车检验合格标志核发"):
        assert name in flat
    assert "受理回执" in flat
    assert "城关派出所" in flat
    assert "张三丰" in flat and "王五" in flat  # applicant and proxy
    assert "20.00" in text and "10.50" in text and "0.00" in text
    assert "30.50" in text  # the total
    assert "需补正" in flat and "身体条件证明" in flat
    assert "李警官" in flat and "3号综合窗口" in flat
    assert "2026-11-23 09:41" in text
    assert "2027-01-07" in text
    assert "凭本回执条码到大厅自助机查询办理进度" in flat
    assert "补打" not in flat


def test_receipt_reprint_mark() -> None:
    flat = squeeze(pdf_text(render_receipt(make_receipt(reprint=2))))
    assert "补打(第2次)" in flat


def test_receipt_many_items_flow_onto_more_pages() -> None:
    base = make_receipt()
    lines = tuple(ReceiptLine(f"HZ-{i:02d}", f"测试事项{i}", Decimal("1"), None, "受理",
                              ("居民户口簿",), ("照片",)) for i in range(40))
    pdf = render_receipt(ReceiptData(**{**base.__dict__, "lines": lines}))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    flat = squeeze(pdf_text(pdf))
    assert "测试事项0" in flat and "测试事项39" in flat and "40.00" in flat



@pytest.mark.parametrize("render", [
    lambda: render_receipt(make_receipt()),
    lambda: render_ticket_slip(make_slip()),
    lambda: render_guide([make_guide("HZ-08", "居民身份证换领")]),
], ids=["receipt", "slip", "guide"])
def test_fonts_are_embedded_truetype(render) -> None:
    found = fonts_of(render())
    assert found
    for font in found:
        assert "STSong" not in font["base"]
        assert font["embedded"], font  # a subset of the TTF travels with the PDF
        assert font["subtype"] == "/TrueType"


def _zbar(png: Path, symbology: str) -> list[str]:
    out = subprocess.run(
        ["zbarimg", "--raw", "-q", "-Sdisable", f"-S{symbology}.enable", str(png)],
        capture_output=True, text=True, timeout=60,
    )
    return [line.strip() for line in out.stdout.splitlines() if line.strip()]


@pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("zbarimg")),
                    reason="needs poppler-utils and zbar-tools")
def test_receipt_barcodes_decode(receipt_pdf: bytes, tmp_path: Path) -> None:
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(receipt_pdf)
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True, timeout=60)
    png = next(tmp_path.glob("page*.png"))
    assert _zbar(png, "code128") == [RECEIPT_NUMBER]
    assert _zbar(png, "qrcode") == [RECEIPT_NUMBER]


def test_qr_is_never_micro() -> None:
    assert len(qr_matrix(RECEIPT_NUMBER)) >= 21  # micro QR is at most 17 modules
    assert len(qr_matrix("C003")) >= 21


# --------------------------------------------------------------------------- ticket slip

def test_ticket_slip_is_80mm_wide() -> None:
    pdf = render_ticket_slip(make_slip("B017"))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(226.77, abs=0.01)
    assert float(box.height) == pytest.approx(283.46, abs=0.01)  # 100 mm
    text = reader.pages[0].extract_text()
    flat = squeeze(text)
    assert "B017" in text
    assert "前面还有7人等候" in flat
    assert "综合业务" in flat and "城关派出所" in flat
    assert "2026-11-23 09:12" in text


def test_ticket_slip_grows_for_a_long_hint() -> None:
    data = make_slip()
    long = TicketSlipData(**{**data.__dict__, "hint": "请留意大厅显示屏及语音叫号。" * 20})
    box = PdfReader(io.BytesIO(render_ticket_slip(long))).pages[0].mediabox
    assert float(box.width) == pytest.approx(226.77, abs=0.01)
    assert float(box.height) > 283.47


@pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("zbarimg")),
                    reason="needs poppler-utils and zbar-tools")
def test_ticket_slip_qr_decodes(tmp_path: Path) -> None:
    pdf = tmp_path / "slip.pdf"
    pdf.write_bytes(render_ticket_slip(make_slip("V001")))
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(tmp_path / "slip")],
                   check=True, timeout=60)
    png = next(tmp_path.glob("slip*.png"))
    assert _zbar(png, "qrcode") == ["V001"]


# --------------------------------------------------------------------------- guide

def test_guide_booklet_one_procedure_per_page() -> None:
    pdf = render_guide([make_guide("HZ-08", "居民身份证换领"),
                        make_guide("JG-12", "机动车驾驶证期满换证")])
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    first, second = (squeeze(p.extract_text()) for p in reader.pages)
    assert "居民身份证换领" in first and "机动车驾驶证期满换证" not in first
    assert "机动车驾驶证期满换证" in second
    for flat in (first, second):
        assert "办理须知" in flat and "申请材料" in flat and "代办委托书" in flat
        assert "自受理之日起45日内制发" in flat and "任一综合窗口" in flat
    assert float(reader.pages[0].mediabox.width) == pytest.approx(595.28, abs=0.01)  # A4


# --------------------------------------------------------------------------- fonts

def test_font_found_and_cached() -> None:
    first = fonts.register_cjk_font()
    assert first is fonts.register_cjk_font()
    assert first.path.is_file()
    assert first.path.suffix.lower() in (".ttf", ".ttc")


def test_font_missing_names_the_package(monkeypatch: pytest.MonkeyPatch,
                                        tmp_path: Path) -> None:
    monkeypatch.setattr(fonts, "_registered", None)
    monkeypatch.setattr(fonts, "candidates", lambda: [tmp_path / "nothing.ttf"])
    with pytest.raises(fonts.FontMissing, match="fonts-wqy-microhei"):
        fonts.register_cjk_font()


def test_shipped_font_comes_first(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "fonts").mkdir()
    shipped = tmp_path / "fonts" / "Shipped.ttf"
    shipped.write_bytes(b"")
    monkeypatch.setattr(fonts, "resources_dir", lambda: tmp_path)
    assert fonts.candidates()[0] == shipped
