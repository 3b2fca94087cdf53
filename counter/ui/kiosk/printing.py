"""The kiosk's one way to paper: `printer(pdf_bytes, name)`.

By default the PDF is saved in `<data dir>/kiosk-prints/` and, when a printer is configured,
sent to it (`print_pdf`); tests pass their own hook and keep the bytes. Every page that prints
(ticket slips, guides) calls the hook it was given and nothing else.
"""
from __future__ import annotations

import time
from typing import Callable

from counter import kiosk

Printer = Callable[[bytes, str], None]


def default_printer(settings: kiosk.KioskSettings) -> Printer:
    """Save the PDF in the data folder; send it to the configured printer, if any."""

    def send(pdf: bytes, name: str) -> None:
        from counter import paths

        if settings.save_slips:
            folder = paths.data_dir() / "kiosk-prints"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{time.strftime('%Y%m%d-%H%M%S')}-{name}.pdf").write_bytes(pdf)
        if settings.printer_name:
            print_pdf(pdf, name, settings.printer_name)

    return send


def print_pdf(pdf: bytes, name: str, printer_name: str) -> None:
    """Every page of the PDF to a named printer, each page at its own size (80 mm slips stay 80 mm)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    info = next((p for p in QPrinterInfo.availablePrinters() if p.printerName() == printer_name), None)
    if info is None:
        raise RuntimeError(f"printer {printer_name!r} not found")
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setDocName(name)
    size = document.pagePointSize(0)
    printer.setPageLayout(QPageLayout(QPageSize(QSizeF(size.width(), size.height()), QPageSize.Unit.Point),
                                      QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter(printer)
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            target = printer.pageRect(QPrinter.Unit.DevicePixel)
            psize = document.pagePointSize(page)
            scale = min(target.width() / psize.width(), target.height() / psize.height())
            image = document.render(page, (psize * scale).toSize())
            painter.drawImage(QRectF(0, 0, image.width(), image.height()), image)
    finally:
        painter.end()
