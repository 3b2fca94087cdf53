"""The materials checklist of one item: each required material received, or marked missing."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLabel, QRadioButton, QVBoxLayout, QWidget

from counter.forms.engine import materials_needed
from counter.forms.flow import ItemDraft
from counter.forms.spec import Text

FORMS = {"original": ("原件", "original"), "copy": ("复印件", "copy"),
         "original_and_copy": ("原件及复印件", "original and copy")}


class MaterialsPage(QWidget):
    changed = Signal()

    def __init__(self, item: ItemDraft, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.item, self.lang = item, lang
        self.groups: dict[str, QButtonGroup] = {}
        self.messages: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        intro = QLabel(self.tr("逐项核对材料：收到的勾选“已收”，未带的标记“缺少”（该事项将为“需补正”）。"), self)
        intro.setWordWrap(True)
        outer.addWidget(intro)
        grid = QGridLayout()
        grid.setColumnStretch(3, 1)
        outer.addLayout(grid)
        outer.addStretch(1)
        for row, (material, needed) in enumerate(materials_needed(item.procedure, item.form.context())):
            zh, en = FORMS.get(material.form, FORMS["original"])
            note = self.tr("必需") if needed else self.tr("可选")
            text = (f"{material.name(lang)} ({en}, {note})" if lang == "en"
                    else f"{material.name(lang)}（{zh}，{note}）")
            grid.addWidget(QLabel(text, self), row * 2, 0)
            group = QButtonGroup(self)
            for column, (state, label) in enumerate((("received", self.tr("已收")), ("missing", self.tr("缺少")))):
                button = QRadioButton(label, self)
                button.setObjectName(f"material_{material.code}_{state}")
                button.setProperty("state", state)
                button.setChecked(item.materials.get(material.code) == state)
                group.addButton(button)
                grid.addWidget(button, row * 2, column + 1, Qt.AlignmentFlag.AlignLeft)
            group.buttonToggled.connect(lambda button, on, code=material.code: on and self._mark(code, button))
            message = QLabel(self)
            message.setStyleSheet("color: #b00020;")
            message.hide()
            grid.addWidget(message, row * 2 + 1, 0, 1, 3)
            self.groups[material.code] = group
            self.messages[material.code] = message
        if self.groups:
            self.setFocusProxy(next(iter(self.groups.values())).buttons()[0])

    def _mark(self, code: str, button: QRadioButton) -> None:
        self.item.materials[code] = button.property("state")
        self.messages[code].hide()
        self.changed.emit()

    def mark_all_received(self) -> None:
        for group in self.groups.values():
            group.buttons()[0].setChecked(True)

    def show_errors(self, errors: dict[str, Text]) -> None:
        for code, message in self.messages.items():
            error = errors.get(code)
            message.setText(error(self.lang) if error else "")
            message.setVisible(error is not None)
