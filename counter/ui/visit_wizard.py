"""The guided visit on screen: shows the flow's current step and moves with Enter / Esc."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from counter.forms.flow import IDENTITY, MATERIALS, PAGE, PROCEDURES, REVIEW, VisitFlow
from counter.ui.form_page import FormPage
from counter.ui.materials_page import MaterialsPage
from counter.ui.procedure_picker import ProcedurePicker
from counter.ui.review_page import ReviewPage


MAX_CONTENT_WIDTH = 1180  # on a wide screen the form stays readable: centred, not 1,550 px of fields


class VisitWizard(QWidget):
    step_changed = Signal()
    page_completed = Signal()  # a step was left forward: the draft is saved then

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.flow: VisitFlow | None = None
        self.current: QWidget | None = None
        self.validation_rounds = 0
        # pinned on every page: whose visit is open (ticket, name, masked ID, elapsed time)
        self.header = QLabel(self)
        self.header.setObjectName("visit_header")
        self.header.setStyleSheet("background: #e8f0fb; color: #1f3b5c; font-size: 15px; font-weight: bold;"
                                  " padding: 6px 10px; border-radius: 4px;")
        self.header.setWordWrap(True)
        self.header.hide()
        self.title = QLabel(self)
        self.title.setObjectName("step_title")
        self.title.setStyleSheet("font-size: 18px; font-weight: bold; padding: 4px 0;")
        self.trail = QLabel(self)
        self.trail.setObjectName("step_trail")
        self.trail.setWordWrap(True)
        self.trail.setStyleSheet("color: #555;")
        self.error = QLabel(self)
        self.error.setObjectName("step_error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.title)
        layout.addWidget(self.trail)
        layout.addWidget(self.error)
        layout.addWidget(self.area, 1)

    def start(self, flow: VisitFlow) -> None:
        self.flow = flow
        self.validation_rounds = 0
        self._show_step()

    def clear(self, prompt: str | None = None) -> None:
        self.flow = None
        self.title.setText(prompt or self.tr("按 F2 叫下一号，或按 F5 新建办件"))
        self.header.hide()
        self.trail.clear()
        self.error.hide()
        self._set_content(QWidget())

    # -- navigation
    def next(self) -> bool:
        """Validate and move on; on errors show them at their fields and stay."""
        if self.flow is None:
            return False
        if self.flow.step.kind == PROCEDURES:
            self.flow.choose(self.current.chosen())
        was = self.flow.index
        errors = self.flow.next()
        if errors:
            self.validation_rounds += 1
            self._show_errors(errors)
            return False
        if self.flow.index != was:
            self.page_completed.emit()
            self._show_step()
        return True

    def back(self) -> bool:
        if self.flow is None:
            return False
        if self.flow.step.kind == PROCEDURES:
            self.flow.choose(self.current.chosen())
        moved = self.flow.back()
        if moved:
            self._show_step()
        return moved

    def go_to(self, index: int) -> bool:
        """Jump back to an earlier step (from the review): the values stay as typed."""
        if self.flow is None or not 0 <= index < self.flow.index:
            return False
        while self.flow.index > index and self.flow.back():
            pass
        self._show_step()
        return True

    def set_header(self, text: str) -> None:
        self.header.setText(text)
        self.header.setVisible(bool(text))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        side = max(0, (event.size().width() - MAX_CONTENT_WIDTH) // 2)
        self.layout().setContentsMargins(side + 9, 9, side + 9, 9)
        super().resizeEvent(event)

    def at_review(self) -> bool:
        return self.flow is not None and self.flow.step.kind == REVIEW

    # -- rendering
    def _show_step(self) -> None:
        flow, step = self.flow, self.flow.step
        self.error.hide()
        if step.kind in (IDENTITY, PAGE):
            page = flow.page_spec(step)
            widget = FormPage(page, flow.form_of(step), self.lang)
            prefix = "" if step.kind == IDENTITY else self._item_name(step.item) + " · "
            self.title.setText(prefix + page.title(self.lang))
        elif step.kind == PROCEDURES:
            widget = ProcedurePicker(flow.catalog.procedures, self.lang)
            widget.set_chosen(flow.chosen_codes())
            self.title.setText(self.tr("选择办理事项（户政、交管可同时选择）"))
        elif step.kind == MATERIALS:
            widget = MaterialsPage(flow.items[step.item], self.lang)
            self.title.setText(self._item_name(step.item) + " · " + self.tr("材料核对"))
        else:
            widget = ReviewPage(flow, self.lang)
            widget.jump.connect(self.go_to)
            self.title.setText(self.tr("复核：本次办理的全部事项"))
        self._set_content(widget)
        self.trail.setText(self._trail())
        self.step_changed.emit()
        if isinstance(widget, FormPage):
            widget.focus_first()
        else:
            widget.setFocus()

    def _set_content(self, widget: QWidget) -> None:
        old = self.area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.area.setWidget(widget)
        self.current = widget

    def _item_name(self, item: int) -> str:
        procedure = self.flow.items[item].procedure
        return f"{procedure.code} {procedure.name(self.lang)}"

    def _trail(self) -> str:
        steps = self.flow.steps()
        step = self.tr("第 {0}/{1} 步").format(self.flow.index + 1, len(steps))
        return step + ("  " if self.lang == "en" else "　") + " › ".join(
            self._step_name(s, i == self.flow.index) for i, s in enumerate(steps))

    def _step_name(self, step, current: bool) -> str:
        names = {IDENTITY: self.tr("申请人"), PROCEDURES: self.tr("事项"), MATERIALS: self.tr("材料"),
                 REVIEW: self.tr("复核")}
        name = names.get(step.kind) or self.flow.items[step.item].procedure.code
        return f"[{name}]" if current else name

    def _show_errors(self, errors) -> None:
        if isinstance(self.current, (FormPage, MaterialsPage)):
            self.current.show_errors(errors)
        first = next(iter(errors.values()))
        self.error.setText(self.tr("请更正标红的项目：") + first(self.lang) if len(errors) == 1 or not isinstance(
            self.current, (FormPage, MaterialsPage)) else self.tr("有 {0} 项需要更正，见标红处").format(len(errors)))
        self.error.show()
