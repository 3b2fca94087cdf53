"""Small widgets and helpers the manager's views share."""
from __future__ import annotations

import logging
import time
from typing import Any, Callable

from PySide6.QtWidgets import QFrame, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

log = logging.getLogger(__name__)


def card(title: str, name: str, parent: QWidget, *, size: int = 15) -> tuple[QFrame, QLabel]:
    frame = QFrame(parent)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setStyleSheet("QFrame { background: #f7f9fc; border-radius: 6px; }")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(8, 4, 8, 4)
    caption = QLabel(title, frame)
    caption.setStyleSheet("color: #555;")
    value = QLabel("—", frame)
    value.setObjectName(name)
    value.setStyleSheet(f"font-size: {size}pt; font-weight: bold; color: #1f4e79;")
    layout.addWidget(caption)
    layout.addWidget(value)
    return frame, value


def make_table(headers: list[str], name: str, parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


def fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = table.item(r, c)
            if item is None:
                item = QTableWidgetItem()
                table.setItem(r, c, item)
            item.setText(value)


def timed(work: Callable[[], Any]) -> Callable[[], tuple[Any, float]]:
    """`work` for a TaskRunner, returning (its result, the seconds it took in the worker)."""

    def run() -> tuple[Any, float]:
        started = time.perf_counter()
        result = work()
        return result, time.perf_counter() - started

    return run


def failure_text(view: str, exc: Exception) -> str:
    """The status bar's line for a failed read; the log has the trace. The window keeps going."""
    log.error("manager %s query failed", view, exc_info=exc)
    return f"{exc.__class__.__name__}: {exc}"
