"""Printing hands the PDF itself to the spooler: through a real CUPS (cupsd + cups-pdf) the
printout keeps its text, its embedded fonts and a barcode a scanner reads.

The CUPS tests start a throwaway scheduler (tests/cups_server.py); they are skipped where CUPS
and cups-pdf are not installed and fail under CI=true (tools/system-deps.sh test installs them).
"""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from counter import kiosk
from counter.printing import spool
from counter.printing.receipt import render_receipt
from counter.printing.ticket_slip import render_ticket_slip
from tests.cups_server import QUEUE
from tests.helpers import RECEIPT_NUMBER, make_receipt, make_slip

POPPLER = ("pdftotext", "pdffonts", "pdftoppm", "pdfinfo")


def tools_or_skip() -> None:
    from tests.conftest import in_ci

    missing = [t for t in (*POPPLER, "zbarimg") if shutil.which(t) is None]
    if missing:
        if in_ci():
            pytest.fail(f"CI=true and missing {missing} (tools/system-deps.sh test)", pytrace=False)
        pytest.skip(f"missing {missing}")


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=60).stdout


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def fonts_of(path: Path) -> list[list[str]]:
    """pdffonts' rows: name, type, encoding, emb, sub, uni, ..."""
    return [line.split() for line in run("pdffonts", str(path)).splitlines()[2:] if line.strip()]


def barcodes(path: Path, tmp_path: Path) -> set[str]:
    run("pdftoppm", "-png", "-r", "300", "-f", "1", "-l", "1", str(path), str(tmp_path / "page"))
    image = next(tmp_path.glob("page*.png"))
    out = subprocess.run(["zbarimg", "-q", str(image)], capture_output=True, text=True, timeout=60).stdout
    return {line.split(":", 1)[1] for line in out.splitlines() if ":" in line}


def page_size_pt(path: Path) -> tuple[float, float]:
    found = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", run("pdfinfo", str(path)))
    return float(found.group(1)), float(found.group(2))


def check_printout(path: Path, tmp_path: Path, *, texts: tuple[str, ...], code: str) -> None:
    """Fonts embedded (so it is text, not a picture of the page), Chinese readable, barcode read."""
    rows = fonts_of(path)
    assert rows, "no fonts: the job arrived as a picture"
    assert all(row[-5] == "yes" for row in rows), rows  # every font embedded
    assert any("WenQuanYi" in row[0] and row[-3] == "yes" for row in rows), rows  # with its Unicode map
    text = squeeze(run("pdftotext", str(path), "-"))
    for wanted in texts:
        assert wanted in text, (wanted, text[:400])
    assert code in barcodes(path, tmp_path)
    assert path.stat().st_size < 300_000


# --------------------------------------------------------------------------- without a spooler


def test_media_follows_the_pdfs_own_page_size():
    assert spool.media_for(render_receipt(make_receipt())) == "A4"
    assert spool.media_for(render_ticket_slip(make_slip())) == "Custom.80x100mm"
    assert spool.media_for(b"%PDF-1.4 no pages") is None


def test_every_job_has_a_title_of_its_own():
    titles = {spool.job_title("receipt", RECEIPT_NUMBER) for _ in range(50)}
    assert len(titles) == 50
    assert all(re.fullmatch(r"receipt-2611230010017-\d{8}-\d{6}-\d+", t) for t in titles)


def test_lp_gets_the_file_printer_media_and_title():
    command = spool.lp_command("/tmp/x.pdf", "receipt-1", "Front-Desk", "A5")
    assert command[1:] == ["-d", "Front-Desk", "-o", "media=A5", "-t", "receipt-1", "--", "/tmp/x.pdf"]
    assert spool.lp_command("/tmp/x.pdf", "t")[1:] == ["-t", "t", "--", "/tmp/x.pdf"]  # default printer


def test_no_scheduler_is_one_clear_line():
    if not spool.available():
        pytest.skip("no lp on this machine")
    with pytest.raises(spool.PrintError) as caught:  # conftest points CUPS_SERVER at nothing
        spool.send_pdf(render_ticket_slip(make_slip()), spool.job_title("slip"), "Nowhere")
    assert "CUPS" in caught.value.zh_CN and "\n" not in caught.value.text()
    with pytest.raises(spool.PrintError):
        spool.send_pdf(b"not a pdf", "x")


# --------------------------------------------------------------------------- a real CUPS


def test_a_receipt_printed_by_the_clerk_window_arrives_as_text(qtbot, cups, ctx, clerk, tmp_path):
    tools_or_skip()
    from counter.ui.main_window import MainWindow

    ctx.config = replace(ctx.config, receipt_printer=QUEUE)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    pdf = render_receipt(make_receipt())
    win.print_receipt(pdf, RECEIPT_NUMBER, "受理回执 " + RECEIPT_NUMBER)
    assert "正在送往打印机" in win.print_status.text()  # returned at once: the job runs in the pool
    assert win.printer.wait()
    qtbot.waitUntil(lambda: "已送往打印机 counter-pdf" in win.print_status.text())
    title = cups.wait_for_output(f"receipt-{RECEIPT_NUMBER}").name
    printout = cups.output_dir / title
    check_printout(printout, tmp_path, texts=("受理回执", "居民身份证换领", "机动车驾驶证期满换证", "李警官"),
                   code=RECEIPT_NUMBER)
    assert page_size_pt(printout) == pytest.approx((595, 842), abs=2)  # A4, from the PDF itself
    # the preview's 打印 prints the same PDF, without a print dialog
    win.preview_last()
    assert win.preview is not None
    qtbot.mouseClick(win.preview.print_button, Qt.MouseButton.LeftButton)
    assert win.printer.wait()
    qtbot.waitUntil(lambda: "已送往打印机" in win.preview.status.text())
    win.preview.close()
    qtbot.waitUntil(lambda: len(list(cups.output_dir.glob(f"receipt-{RECEIPT_NUMBER}-*.pdf"))) >= 2,
                    timeout=60000)  # the second job, under a title of its own
    for path in cups.output_dir.glob(f"receipt-{RECEIPT_NUMBER}-*.pdf"):
        path.unlink(missing_ok=True)


def test_the_kiosk_slip_prints_at_80_mm_as_text(qtbot, cups, ctx, tmp_path):
    tools_or_skip()
    from counter.ui.kiosk_window import KioskWindow, default_printer

    settings = kiosk.KioskSettings.load(tmp_path / "settings.toml")
    settings.printer_name, settings.save_slips = QUEUE, False
    win = KioskWindow(ctx, printer=default_printer(settings), settings=settings)
    qtbot.addWidget(win, before_close_func=lambda w: w.unlock())
    win.resize(1280, 1024)
    win.show()
    qtbot.mouseClick(win.home_page.tiles["ticket"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(win.ticket_page.buttons["B"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not win.tasks.busy)  # the ticket and its slip are made in the background
    assert win.ticket_done_page.code.text() == "B001" and "打印失败" not in win.ticket_done_page.hint.text()
    printout = cups.wait_for_output("ticket-B001")
    check_printout(printout, tmp_path, texts=("示范派出所", "前面还有", "请留意大厅显示屏"), code="B001")
    width, _height = page_size_pt(printout)
    assert width == pytest.approx(80 / 25.4 * 72, abs=2)  # the 80 mm roll, not A4
    printout.unlink(missing_ok=True)


def test_a_missing_printer_is_one_line_and_the_receipt_is_kept(qtbot, cups, ctx, clerk):
    from counter.ui.main_window import MainWindow

    ctx.config = replace(ctx.config, receipt_printer="No-Such-Printer")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    pdf = render_receipt(make_receipt())
    win.print_receipt(pdf, RECEIPT_NUMBER, "受理回执 " + RECEIPT_NUMBER)
    assert win.printer.wait()
    qtbot.waitUntil(lambda: "未打印" in win.print_status.text())
    line = win.print_status.text()
    assert "No-Such-Printer" in line and RECEIPT_NUMBER in line and "\n" not in line
    assert win.last_printed[1] == pdf  # kept: Ctrl+P previews and prints it again


def test_the_self_test_sees_the_queue(cups):
    ok, line = spool.check_printer(QUEUE)
    assert ok and QUEUE in line and "idle" in line
    ok, line = spool.check_printer("No-Such-Printer")
    assert not ok and "No-Such-Printer" in line
    ok, line = spool.check_printer()  # no default printer on the throwaway scheduler
    assert not ok and "default" in line


def test_the_self_test_without_a_scheduler_says_so():
    if not spool.available():
        pytest.skip("no lp on this machine")
    ok, line = spool.check_printer("Anything")
    assert not ok and "not running" in line
