"""Printing off the GUI thread: the PDF to the spooler (`counter.printing.spool`), Qt on Windows.

`BackgroundPrinter.submit(pdf, title, printer)` returns at once; the task helper's one thread sends
the jobs in order and reports `printed(title, job)` or `failed(title, message)` (one line, never a
traceback) back on the GUI thread. The PDF stays with the caller: a failed receipt is reprinted.
"""
from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

from counter.printing import spool
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


def print_document(pdf: bytes, title: str, printer: str = "", media: str | None = None) -> spool.PrintJob:
    """Send the PDF and wait for the spooler to take it (call off the GUI thread)."""
    if spool.available():
        return spool.send_pdf(pdf, title, printer, media=media)
    if sys.platform == "win32":
        return qt_print(pdf, title, printer)
    return spool.send_pdf(pdf, title, printer, media=media)  # raises: no lp on this machine


def qt_print(pdf: bytes, title: str, printer_name: str = "") -> spool.PrintJob:
    """Windows fallback (not tested here: no Windows in CI): each page rendered at the printer's
    resolution, one page at a time, at the PDF's own page size (80 mm slips stay 80 mm)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    if printer_name:
        info = next((p for p in QPrinterInfo.availablePrinters() if p.printerName() == printer_name), None)
    else:
        info = QPrinterInfo.defaultPrinter()
    if info is None or info.isNull():
        raise spool.PrintError(f"打印机“{printer_name or '默认打印机'}”不存在，请在设置中选择打印机",
                               f"Printer {printer_name or '(default)'} does not exist")
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    size = document.pagePointSize(0)
    printer.setPageLayout(QPageLayout(QPageSize(QSizeF(size.width(), size.height()), QPageSize.Unit.Point),
                                      QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter()
    if not painter.begin(printer):
        raise spool.PrintError("打印机无法开始打印", "The printer could not start the job")
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            target = printer.pageRect(QPrinter.Unit.DevicePixel)
            psize = document.pagePointSize(page)
            scale = min(target.width() / psize.width(), target.height() / psize.height())
            image = document.render(page, (psize * scale).toSize())
            painter.drawImage(QRectF(0, 0, image.width(), image.height()), image)
            del image  # one page image at a time
    finally:
        painter.end()
        document.close()
    return spool.PrintJob(info.printerName(), "", title, len(pdf))


class BackgroundPrinter(QObject):
    """Print jobs in submission order through the task helper (one thread: one printer)."""

    printed = Signal(str, object)  # title, spool.PrintJob
    failed = Signal(str, str)  # title, one line

    def __init__(self, parent: QObject | None = None, lang: str = "zh_CN"):
        super().__init__(parent)
        self.lang = lang
        self.tasks = TaskRunner(self, max_threads=1)  # one printer, jobs in order

    def submit(self, pdf: bytes, title: str, printer: str = "", media: str | None = None) -> None:
        self.tasks.run(lambda: print_document(pdf, title, printer, media),
                       done=lambda job: self.printed.emit(title, job),
                       failed=lambda exc: self.failed.emit(title, self._line(title, exc)))

    def _line(self, title: str, exc: Exception) -> str:
        if isinstance(exc, spool.PrintError):
            log.warning("print job %s: %s", title, exc.en)
            return exc.text(self.lang)
        log.error("print job %s failed", title, exc_info=exc)  # the clerk sees one line
        return spool.PrintError("打印失败（详见日志）", "Printing failed (see the log)").text(self.lang)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the queued jobs are handed over (closing the window, tests, the benchmark)."""
        return self.tasks.wait(msecs)


class PrintStatus(QLabel):
    """The last print job's outcome in a status bar: stays until the next one; red when it failed."""

    def say(self, text: str, error: bool = False) -> None:
        self.setText(text)
        self.setToolTip(text)  # the whole line, should the status bar be narrow
        self.setProperty("error", error)
        self.setStyleSheet("color: #c62828; font-weight: bold;" if error else "")
