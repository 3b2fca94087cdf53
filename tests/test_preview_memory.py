"""A day of previews leaves nothing behind: after 20 finished visits, each previewed (Ctrl+P) and
closed, no preview dialog, PDF document or page image is still alive.

The issue this guards against: every visit made a new print-preview dialog that was never
deleted and held the A4 page as one 1200 dpi image (~557 MB). The RSS figures over a whole day
are in benchmarks/hall_day.py; this is the part that can fail fast.
"""
from __future__ import annotations

import gc

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QDialog

from counter.ui.receipt_preview_dialog import PdfPrintPreviewDialog
from tests.qt_helpers import choose, fill_identity, page, press

VISITS = 20


def flush_deletes() -> None:
    """Run the deleteLater()s a closed WA_DeleteOnClose dialog posted."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
    gc.collect()


def alive(kind) -> int:
    """Objects of `kind` whose C++ side still exists (a wrapper of a deleted one holds nothing)."""
    return sum(1 for obj in gc.get_objects() if isinstance(obj, kind) and shiboken6.isValid(obj))


def finish_one(qtbot, win, clock) -> str:
    fill_identity(qtbot, win, clock)
    choose(qtbot, win, "HZ-08")
    press(qtbot, win, Qt.Key.Key_Return)
    qtbot.mouseClick(page(win).editor("reason").group.buttons()[2], Qt.MouseButton.LeftButton)  # damaged
    press(qtbot, win, Qt.Key.Key_Return)
    page(win).mark_all_received()
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.wizard.at_review()
    press(qtbot, win, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: win.flow is None)
    return win.last_receipt[0]


def test_twenty_previews_leave_no_dialog_and_no_page_image(qtbot, clerk_window, clock):
    win = clerk_window
    flush_deletes()
    images_before = alive(QImage) + alive(QPixmap)
    numbers = []
    for _ in range(VISITS):
        numbers.append(finish_one(qtbot, win, clock))
        press(qtbot, win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # the preview on demand
        preview = win.preview
        assert preview is not None and preview.isVisible() and preview.page_count() == 1
        assert numbers[-1] in preview.windowTitle()
        qtbot.keyClick(preview, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: win.preview is None)  # closed and deleted, not hidden
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)
    del preview
    win.printer.wait()
    flush_deletes()

    assert len(set(numbers)) == VISITS
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    assert dialogs == []
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, PdfPrintPreviewDialog)]
    assert win.findChildren(PdfPrintPreviewDialog) == [] and win.findChildren(QPdfDocument) == []
    assert alive(PdfPrintPreviewDialog) == 0 and alive(QPdfDocument) == 0
    assert alive(QImage) + alive(QPixmap) <= images_before  # no page image kept on the Python side


def test_a_second_preview_replaces_the_first(qtbot, clerk_window, clock):
    win = clerk_window
    finish_one(qtbot, win, clock)
    win.preview_last()
    first = win.preview
    win.preview_last()
    flush_deletes()
    assert win.preview is not first and win.preview.isVisible()
    assert len(win.findChildren(PdfPrintPreviewDialog)) == 1
    win.preview.close()
    flush_deletes()
    assert win.preview is None and win.findChildren(PdfPrintPreviewDialog) == []


def test_the_preview_fits_the_width_and_zooms_with_the_keys(qtbot):
    from PySide6.QtPdfWidgets import QPdfView

    from counter.printing.receipt import render_receipt
    from tests.helpers import make_receipt

    import io

    from pypdf import PdfReader

    pdf = render_receipt(make_receipt())
    dialog = PdfPrintPreviewDialog(pdf, "受理回执 1")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # the keys are window shortcuts
    pages = len(PdfReader(io.BytesIO(pdf)).pages)  # the receipt, and its 一次性告知书 when materials are missing
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth and dialog.page_count() == pages
    qtbot.keyClick(dialog, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.Custom
    bigger = dialog.view.zoomFactor()
    qtbot.keyClick(dialog, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.view.zoomFactor() < bigger
    qtbot.keyClick(dialog, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
