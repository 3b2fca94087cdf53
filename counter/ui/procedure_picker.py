"""Pick one or more procedures of both categories from one list that filters as you type."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from counter.forms.search import matches, search_keys
from counter.forms.spec import Procedure
from counter.guides import fee_text, time_limit_text

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
KEYS_ROLE = Qt.ItemDataRole.UserRole + 2


class ProcedureFilter(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.query = ""

    def set_query(self, query: str) -> None:
        self.query = query.strip()
        self.invalidate()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802 (Qt API)
        index = self.sourceModel().index(row, 0, parent)
        return matches(index.data(KEYS_ROLE) or "", self.query)


def short_terms(procedure: Procedure, lang: str) -> str:
    """Fee and time limit in a few characters: "¥10.00 · 当场办结" (the guide has the notes)."""
    fee = fee_text(procedure, lang).split("；" if lang != "en" else ";")[0]
    limit = time_limit_text(procedure, lang).split("（" if lang != "en" else " (")[0]
    return f"{fee} · {limit}"


class ProcedurePicker(QWidget):
    chosen_changed = Signal(list)

    def __init__(self, procedures: tuple[Procedure, ...], lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.procedures = {p.code: p for p in procedures}
        self.order: list[str] = []  # the codes in the order the clerk ticked them
        self.model = QStandardItemModel(self)
        for procedure in procedures:
            kind = self.tr("户政") if procedure.category == "hz" else self.tr("交管")
            left, right = ("[", "]") if lang == "en" else ("〔", "〕")
            item = QStandardItem(f"{procedure.code}  {procedure.name(lang)}   {left}{kind}·{procedure.group(lang)}{right}"
                                 f"   {short_terms(procedure, lang)}")
            item.setCheckable(True)
            item.setEditable(False)
            item.setData(procedure.code, CODE_ROLE)
            item.setData(search_keys(procedure), KEYS_ROLE)
            self.model.appendRow(item)
        self.proxy = ProcedureFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("procedure_filter")
        self.filter.setPlaceholderText(self.tr("输入名称、编号或拼音首字母（如 sfz）筛选；↓ 进入列表，空格勾选"))
        self.filter.textChanged.connect(self.proxy.set_query)
        self.filter.installEventFilter(self)
        self.list = QListView(self)
        self.list.setObjectName("procedure_list")
        self.list.setModel(self.proxy)
        self.list.doubleClicked.connect(self._toggle)
        self.chosen_label = QLabel(self)
        self.chosen_label.setWordWrap(True)
        self.chosen_label.setObjectName("chosen_procedures")
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.chosen_label)
        self.model.itemChanged.connect(self._item_changed)
        self.setFocusProxy(self.filter)
        self._emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            key = QKeyEvent(event).key() if not isinstance(event, QKeyEvent) else event.key()
            if key == Qt.Key.Key_Down and self.proxy.rowCount():
                self.list.setFocus()
                self.list.setCurrentIndex(self.proxy.index(0, 0))
                return True
        return super().eventFilter(watched, event)

    def _toggle(self, index: QModelIndex) -> None:
        item = self.model.itemFromIndex(self.proxy.mapToSource(index))
        item.setCheckState(Qt.CheckState.Unchecked if item.checkState() == Qt.CheckState.Checked
                           else Qt.CheckState.Checked)

    def _item_changed(self, item: QStandardItem) -> None:
        code = item.data(CODE_ROLE)
        if item.checkState() == Qt.CheckState.Checked and code not in self.order:
            self.order.append(code)
        elif item.checkState() != Qt.CheckState.Checked and code in self.order:
            self.order.remove(code)
        self._emit()

    def chosen(self) -> list[str]:
        """The ticked procedures in the order they were ticked (the visit's items follow it)."""
        return list(self.order)

    def set_chosen(self, codes: list[str]) -> None:
        wanted = list(dict.fromkeys(c for c in codes if c in self.procedures))
        self.model.blockSignals(True)
        for r in range(self.model.rowCount()):
            item = self.model.item(r)
            item.setCheckState(Qt.CheckState.Checked if item.data(CODE_ROLE) in wanted else Qt.CheckState.Unchecked)
        self.model.blockSignals(False)
        self.order = wanted
        self.list.viewport().update()
        self._emit()

    def choose(self, code: str) -> None:
        self.set_chosen([*self.chosen(), code])

    def visible_codes(self) -> list[str]:
        return [self.proxy.index(r, 0).data(CODE_ROLE) for r in range(self.proxy.rowCount())]

    def current_code(self) -> str | None:
        index = self.list.currentIndex()
        return index.data(CODE_ROLE) if index.isValid() else None

    def _emit(self) -> None:
        codes = self.chosen()
        lines = [f"{n}. {code} {self.procedures[code].name(self.lang)}（{short_terms(self.procedures[code], self.lang)}）"
                 if self.lang != "en" else
                 f"{n}. {code} {self.procedures[code].name(self.lang)} ({short_terms(self.procedures[code], self.lang)})"
                 for n, code in enumerate(codes, start=1)]
        self.chosen_label.setText(self.tr("已选：") + ("\n".join([""] + lines) if lines else self.tr("（无）")))
        self.chosen_changed.emit(codes)
