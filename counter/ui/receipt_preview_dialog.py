"""The preview of a PDF we rendered (receipt, guide), drawn from the PDF at screen resolution.

QtPdf's `QPdfView` renders only the visible page(s) at the view's size: no page image at the
printer's 1200 dpi (that was about 557 MB per A4 page). The dialog deletes itself on close
(`WA_DeleteOnClose`) with its document. 打印 sends the PDF itself through the print queue
(`counter.ui.print_jobs`) to the configured printer, without a second print dialog.
Keys: Ctrl+P prints, Ctrl++ / Ctrl+- zoom, Ctrl+0 fits the width again, Esc closes.
"""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from counter.printing import spool

ZOOM_STEP = 1.25


class PdfPrintPreviewDialog(QDialog):
    """One PDF, fit to the width; 打印 prints it directly. Pass `printer` (a BackgroundPrinter)
    to share the window's queue; without one the dialog makes its own."""

    def __init__(self, pdf: bytes, title: str, parent: QWidget | None = None, printer_name: str = "",
                 printer=None, job_name: str = "document"):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setObjectName("pdf_preview")
        self.setWindowTitle(title)
        self.pdf_bytes, self.printer_name, self.job_name = pdf, printer_name, job_name
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(pdf))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self.buffer)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel(self)
        self.status.setObjectName("print_status")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = buttons.addButton(self.tr("打印"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setObjectName("print_button")
        self.print_button.setToolTip(self.tr("送往打印机 {0} (Ctrl+P)").format(printer_name or self.tr("（系统默认）")))
        self.print_button.clicked.connect(self.print_now)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        for keys, slot in ((QKeySequence.StandardKey.Print, self.print_now),
                           (QKeySequence.StandardKey.ZoomIn, lambda: self.zoom(ZOOM_STEP)),
                           ("Ctrl+=", lambda: self.zoom(ZOOM_STEP)),
                           (QKeySequence.StandardKey.ZoomOut, lambda: self.zoom(1 / ZOOM_STEP)),
                           ("Ctrl+0", self.fit_width)):
            QShortcut(QKeySequence(keys), self, slot)
        if printer is None:
            from counter.ui.print_jobs import BackgroundPrinter

            printer = BackgroundPrinter(self)
        self.printer = printer
        printer.printed.connect(self._printed)
        printer.failed.connect(self._failed)
        self._titles: set[str] = set()
        self.resize(760, 900)

    def page_count(self) -> int:
        return self.document.pageCount()

    def zoom(self, factor: float) -> None:
        current = self.view.zoomFactor() if self.view.zoomMode() == QPdfView.ZoomMode.Custom else self._fit_factor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, current * factor)))

    def _fit_factor(self) -> float:
        """The zoom factor fit-to-width shows now (QPdfView does not report it)."""
        width_pt = self.document.pagePointSize(0).width() or 595
        dpi = self.logicalDpiX() or 96
        return max(0.25, (self.view.viewport().width() - 12) / (width_pt / 72 * dpi))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def print_now(self) -> None:
        title = spool.job_title(self.job_name)
        self._titles.add(title)
        self.status.setText(self.tr("正在送往打印机…"))
        self.printer.submit(self.pdf_bytes, title, self.printer_name)

    def _printed(self, title: str, job) -> None:
        if title in self._titles:
            self.status.setText(self.tr("已送往打印机 {0}").format(job.printer or self.tr("（系统默认）")))

    def _failed(self, title: str, message: str) -> None:
        if title in self._titles:
            self.status.setText(message)

    def done(self, result: int) -> None:  # Qt API: closing drops the document too
        self.document.close()
        super().done(result)
