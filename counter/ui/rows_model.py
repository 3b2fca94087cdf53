"""A table model over a list of plain rows: the row count, column count and headers every list
dialog needs once; a subclass says what each cell shows (`data`)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt


class RowsModel(QAbstractTableModel):
    """`rows` (any objects) under `headers`; `set_rows` replaces them in one reset."""

    def __init__(self, headers: list[str], parent=None):
        super().__init__(parent)
        self.rows: list[Any] = []
        self.headers = headers

    def rowCount(self, parent=None) -> int:  # noqa: N802 (Qt API)
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent=None) -> int:  # noqa: N802 (Qt API)
        return 0 if parent is not None and parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 (Qt API)
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()
