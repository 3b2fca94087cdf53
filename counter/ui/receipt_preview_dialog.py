"""Qt's print preview of a PDF we rendered: the one place a PDF is handed to Qt's printing."""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget


class PdfPrintPreviewDialog(QPrintPreviewDialog):
    """Shows the PDF's pages as they will print; the dialog's print button sends them."""

    def __init__(self, pdf: bytes, title: str, parent: QWidget | None = None, printer_name: str = ""):
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if printer_name:  # the receipt printer chosen in the settings; else the system's default
            self.printer.setPrinterName(printer_name)
        self.printer.setDocName(title)  # cups-pdf overwrites jobs with one name: keep them apart
        super().__init__(self.printer, parent)
        self.setWindowTitle(title)
        self.pdf_bytes = pdf
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(pdf))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self.buffer)
        self.paintRequested.connect(self._paint)

    def page_count(self) -> int:
        return self.document.pageCount()

    def _paint(self, printer: QPrinter) -> None:
        painter = QPainter(printer)
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                target = printer.pageRect(QPrinter.Unit.DevicePixel)
                size = self.document.pagePointSize(page)
                scale = min(target.width() / size.width(), target.height() / size.height())
                image = self.document.render(page, (size * scale * 1.0).toSize())
                painter.drawImage(QRectF(0, 0, image.width(), image.height()), image)
        finally:
            painter.end()


