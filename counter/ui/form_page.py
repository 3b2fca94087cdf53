"""A page of a guided form: a label, an editor and a message line for every field."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from counter.forms.engine import Form
from counter.forms.spec import PageSpec, Text
from counter.ui.field_widgets import editor_for

ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5a00;"


class FieldRow:
    def __init__(self, label: QLabel, editor: QWidget, message: QLabel):
        self.label, self.editor, self.message = label, editor, message

    def set_visible(self, visible: bool) -> None:
        for widget in (self.label, self.editor, self.message):
            widget.setVisible(visible)

    def show_message(self, text: str, style: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)
        self.message.setVisible(bool(text) and self.editor.isVisibleTo(self.editor.parentWidget()))


class FormPage(QWidget):
    """Edits one `PageSpec` of a `Form`; every keystroke goes to the form at once."""

    changed = Signal(str)  # field id

    def __init__(self, page: PageSpec, form: Form, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.page, self.form, self.lang = page, form, lang
        self.rows: dict[str, FieldRow] = {}
        outer = QVBoxLayout(self)
        if page.help(lang):
            hint = QLabel(page.help(lang), self)
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #555;")
            outer.addWidget(hint)
        layout = QFormLayout()
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        outer.addLayout(layout)
        outer.addStretch(1)
        for spec in page.fields:
            editor = editor_for(spec, lang, self)
            label = QLabel(spec.label(lang) + (" *" if spec.required else ""), self)
            label.setBuddy(editor)
            if spec.help(lang):
                editor.setToolTip(spec.help(lang))
            message = QLabel(self)
            message.setObjectName(f"message_{spec.id}")  # one line: wrapped labels get squeezed here
            message.hide()
            layout.addRow(label, editor)
            layout.addRow("", message)
            self.rows[spec.id] = FieldRow(label, editor, message)
            if spec.id in form.raw:
                editor.set_value(form.raw[spec.id])
            editor.edited.connect(lambda fid=spec.id: self._edited(fid))
        self.refresh_visibility()

    def editor(self, field_id: str) -> QWidget:
        return self.rows[field_id].editor

    def _edited(self, field_id: str) -> None:
        row = self.rows[field_id]
        check = self.form.set(field_id, row.editor.value())
        for derived_id in self.form.derive(field_id):
            if derived_id in self.rows:
                self.rows[derived_id].editor.set_value(self.form.raw.get(derived_id))
        self.refresh_visibility()
        # clear a stale error while typing; show a warning (unknown area code, a rule's warning) at once
        found = self.form.field_warning(self.form.field(field_id)) if check.ok else None
        warning = found(self.lang) if found else ""
        row.show_message(warning, WARNING_STYLE)
        self.changed.emit(field_id)
        if self.form.field(field_id).type == "id_number" and check.ok and check.value:
            self._advance_from(field_id)  # a complete, valid ID number: the clerk's hands move on

    def _advance_from(self, field_id: str) -> None:
        ids = [f.id for f in self.page.fields if self.form.visible(f)]
        for later in ids[ids.index(field_id) + 1:]:
            if self.form.raw.get(later) in (None, "", []):
                self.rows[later].editor.setFocus()
                return

    def refresh_visibility(self) -> None:
        for spec in self.page.fields:
            row = self.rows[spec.id]
            row.set_visible(self.form.visible(spec))
            if not row.message.text():
                row.message.hide()

    def show_errors(self, errors: dict[str, Text]) -> None:
        first = None
        for spec in self.page.fields:
            row = self.rows[spec.id]
            error = errors.get(spec.id)
            if error is not None:
                row.show_message(error(self.lang), ERROR_STYLE)
                first = first or row.editor
            else:
                warning = self.form.field_warning(spec)
                row.show_message(warning(self.lang) if warning else "", WARNING_STYLE)
        if first is not None:
            first.setFocus()

    def focus_first(self) -> None:
        for spec in self.page.fields:
            row = self.rows[spec.id]
            if self.form.visible(spec) and row.editor.isEnabled():
                empty = self.form.raw.get(spec.id) in (None, "", [])
                if empty:
                    row.editor.setFocus()
                    return
        for spec in self.page.fields:
            if self.form.visible(spec):
                self.rows[spec.id].editor.setFocus()
                return

    def message_text(self, field_id: str) -> str:
        return self.rows[field_id].message.text()
