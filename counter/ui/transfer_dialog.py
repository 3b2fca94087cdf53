"""Transfer the current ticket to another category's queue or to one window."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from counter import queueing as q


class TransferDialog(QDialog):
    """`choice()` is (category letter or None, window number or None) after `exec()` accepts."""

    def __init__(self, ticket_code: str, categories: list[q.Category], windows: list[tuple[int, str]],
                 parent: QWidget | None = None, *, lang: str = "zh_CN"):
        super().__init__(parent)
        self.setWindowTitle(self.tr("转移 %1").replace("%1", ticket_code))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("保留原取号时间（排队位置不变）。转到其他类别会换新号，请重新打印号票。")))
        self.to_category = QRadioButton(self.tr("转到类别"))
        self.to_window = QRadioButton(self.tr("转到窗口"))
        group = QButtonGroup(self)
        group.addButton(self.to_category)
        group.addButton(self.to_window)
        self.category_box = QComboBox()
        for cat in categories:
            label = cat.en if lang == "en" else f"{cat.zh} / {cat.en}"  # category names are data
            self.category_box.addItem(f"{cat.letter} {label}", cat.letter)
        self.window_box = QComboBox()
        for number, name in windows:
            self.window_box.addItem(name, number)
        form = QFormLayout()
        form.addRow(self.to_category, self.category_box)
        form.addRow(self.to_window, self.window_box)
        layout.addLayout(form)
        self.to_window.setEnabled(bool(windows))
        self.to_category.setChecked(True)
        self.to_category.toggled.connect(self._sync)
        self._sync()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _sync(self) -> None:
        self.category_box.setEnabled(self.to_category.isChecked())
        self.window_box.setEnabled(self.to_window.isChecked())

    def choice(self) -> tuple[str | None, int | None]:
        if self.to_category.isChecked():
            return self.category_box.currentData(), None
        return None, self.window_box.currentData()
