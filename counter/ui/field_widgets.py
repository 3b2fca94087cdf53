"""One editor widget per field type, from a registry: the form page never switches on types.

Every editor offers `value()`, `set_value(raw)` and the `edited` signal; values are what the
engine's `Form.set` takes (text, an option value, a list of option values, a bool).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from counter.forms.spec import FieldSpec

MAX_RADIO_OPTIONS = 4  # more options than this become a drop-down list


class LineEditor(QLineEdit):
    edited = Signal()

    def __init__(self, spec: FieldSpec, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(spec.placeholder(lang))
        if spec.max_length:
            self.setMaxLength(spec.max_length)
        self.textEdited.connect(self._on_edit)

    def _on_edit(self, _text: str) -> None:
        self.normalise()
        self.edited.emit()

    def normalise(self) -> None:
        """Shape what was typed as it will be stored (upper case for codes); nothing by default."""

    def value(self) -> Any:
        return self.text()

    def set_value(self, raw: Any) -> None:
        self.setText("" if raw is None else str(raw))


class UpperLineEditor(LineEditor):
    """ID numbers, plates, VINs: scanners and clerks type lower case; show it as stored."""

    def __init__(self, spec: FieldSpec, lang: str, parent: QWidget | None = None):
        super().__init__(spec, lang, parent)
        self.setInputMethodHints(Qt.InputMethodHint.ImhPreferUppercase)

    def normalise(self) -> None:
        upper = self.text().upper()
        if upper != self.text():
            position = self.cursorPosition()
            self.setText(upper)  # setText does not emit textEdited: no loop
            self.setCursorPosition(position)


class DateEditor(LineEditor):
    """Typed, not picked: `20261123`, `2026-11-23` and `2026/11/23` all work."""

    def __init__(self, spec: FieldSpec, lang: str, parent: QWidget | None = None):
        super().__init__(spec, lang, parent)
        if not self.placeholderText():
            self.setPlaceholderText(self.tr("年月日，如 20261123"))
        self.setMaxLength(16)


class YesNoEditor(QCheckBox):
    edited = Signal()

    def __init__(self, spec: FieldSpec, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.toggled.connect(lambda _on: self.edited.emit())

    def value(self) -> Any:
        return self.isChecked()

    def set_value(self, raw: Any) -> None:
        self.setChecked(bool(raw))


class ChoiceEditor(QWidget):
    """Few options: radio buttons (arrow keys move between them); many: a combo box."""

    edited = Signal()

    def __init__(self, spec: FieldSpec, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo: QComboBox | None = None
        self.group = QButtonGroup(self)
        if len(spec.options) > MAX_RADIO_OPTIONS:
            self.combo = QComboBox(self)
            self.combo.addItem("", None)
            for option in spec.options:
                self.combo.addItem(option.label(lang), option.value)
            self.combo.currentIndexChanged.connect(lambda _i: self.edited.emit())
            layout.addWidget(self.combo)
            self.setFocusProxy(self.combo)
        else:
            for i, option in enumerate(spec.options):
                button = QRadioButton(option.label(lang), self)
                button.setProperty("value", option.value)
                self.group.addButton(button, i)
                layout.addWidget(button)
            self.group.buttonToggled.connect(lambda _b, on: on and self.edited.emit())
            if self.group.buttons():
                self.setFocusProxy(self.group.buttons()[0])
        layout.addStretch(1)

    def value(self) -> Any:
        if self.combo is not None:
            return self.combo.currentData()
        button = self.group.checkedButton()
        return button.property("value") if button else None

    def set_value(self, raw: Any) -> None:
        if self.combo is not None:
            index = self.combo.findData(raw)
            self.combo.setCurrentIndex(max(index, 0))
            return
        for button in self.group.buttons():
            if button.property("value") == raw:
                button.setChecked(True)


class MultiChoiceEditor(QWidget):
    edited = Signal()

    def __init__(self, spec: FieldSpec, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[QCheckBox] = []
        for option in spec.options:
            box = QCheckBox(option.label(lang), self)
            box.setProperty("value", option.value)
            box.toggled.connect(lambda _on: self.edited.emit())
            self.boxes.append(box)
            layout.addWidget(box)
        layout.addStretch(1)
        if self.boxes:
            self.setFocusProxy(self.boxes[0])

    def value(self) -> Any:
        return [b.property("value") for b in self.boxes if b.isChecked()]

    def set_value(self, raw: Any) -> None:
        chosen = set(raw or [])
        for box in self.boxes:
            box.setChecked(box.property("value") in chosen)


EDITORS: dict[str, type] = {
    "text": LineEditor,
    "name": LineEditor,
    "number": LineEditor,
    "amount": LineEditor,
    "address": LineEditor,
    "phone": LineEditor,
    "date": DateEditor,
    "id_number": UpperLineEditor,
    "plate": UpperLineEditor,
    "vin": UpperLineEditor,
    "licence_file_number": LineEditor,
    "licence_classes": UpperLineEditor,
    "choice": ChoiceEditor,
    "multi_choice": MultiChoiceEditor,
    "yes_no": YesNoEditor,
}


def editor_for(spec: FieldSpec, lang: str, parent: QWidget | None = None) -> QWidget:
    editor = EDITORS.get(spec.type, LineEditor)(spec, lang, parent)
    editor.setObjectName(f"field_{spec.id}")
    return editor
