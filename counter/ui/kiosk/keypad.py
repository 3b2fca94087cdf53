"""The kiosk's on-screen keypad: digits, X, delete and clear (touch-only kiosks have no keyboard)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget

from counter.ui.kiosk.common import expanding
from counter.ui.citizen_language import CitizenLanguage

KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "X", "0", "⌫"]


class Keypad(CitizenLanguage, QWidget):
    """Types into whichever of `fields` last had the focus."""

    def __init__(self, fields: list[QLineEdit]):
        super().__init__()
        self.fields = fields
        self.target: QLineEdit = fields[0]
        for field in fields:
            field.installEventFilter(self)
        grid = QGridLayout(self)
        grid.setSpacing(10)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, key in enumerate(KEYS):
            button = expanding(QPushButton(key, objectName="key"))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            grid.addWidget(button, i // 3, i % 3)
        self.clear_button = expanding(QPushButton(objectName="key"))
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.clicked.connect(lambda: self.target.clear())
        grid.addWidget(self.clear_button, 4, 0, 1, 3)

    def retranslate(self) -> None:
        self.clear_button.setText(self.tr("清除"))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and obj in self.fields:
            self.target = obj
        return False

    def press(self, key: str) -> None:
        if key == "⌫":
            self.target.backspace()
        elif self.target.maxLength() > len(self.target.text()):
            self.target.insert(key)
        self.target.setFocus()
