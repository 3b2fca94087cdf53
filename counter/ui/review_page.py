"""One review page for the whole visit: every item, its fee, status and promised date."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from counter.forms.engine import NOT_A_FEE
from counter.forms.flow import VisitFlow
from counter.forms.review import entered_values
from counter.masking import mask_id_number
from counter.visits import status_label


class ReviewModel(QAbstractTableModel):
    def __init__(self, rows: list[dict], lang: str, parent=None):
        super().__init__(parent)
        self.rows, self.lang = rows, lang
        self.headers = [self.tr("编号"), self.tr("事项"), self.tr("费用(元)"), self.tr("承诺办结日期"),
                        self.tr("状态"), self.tr("缺少材料")]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 (Qt API)
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        row = self.rows[index.row()]
        return [row["code"], row["name"], f"{row['fee']:.2f}", f"{row['promised']:%Y-%m-%d}",
                status_label(row["status"], self.lang), ("; " if self.lang == "en" else "、").join(row["missing"])][index.column()]


def fines_text(rows: list[dict], lang: str) -> str:
    lines = [line for row in rows for line in row.get("amounts", ())]
    if not lines:
        return ""
    parts = ("; " if lang == "en" else "；").join(f"{line.label(lang)} ¥{line.amount:.2f}" for line in lines)
    return f"{parts}  ({NOT_A_FEE(lang)})" if lang == "en" else f"{parts}（{NOT_A_FEE(lang)}）"


STEP_ROLE = Qt.ItemDataRole.UserRole + 1
JUMP_KEYS = 9  # Alt+1 … Alt+9 go back to the first nine pages; double-click any


class ReviewPage(QWidget):
    jump = Signal(int)  # the flow step to go back to

    def __init__(self, flow: VisitFlow, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        rows = flow.summary()
        identity = flow.identity.cleaned()
        gap = "  " if lang == "en" else "　"
        who = QLabel(self.tr("申请人：") + f"{identity.get('name', '')}{gap}{mask_id_number(identity.get('id_number'))}"
                     + (self.tr("　代办人：") + identity["proxy_name"] if identity.get("proxy_name") else ""), self)
        who.setObjectName("review_applicant")
        self.model = ReviewModel(rows, lang, self)
        table = QTableView(self)
        table.setObjectName("review_table")
        table.setModel(self.model)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        total = sum((r["fee"] for r in rows), Decimal("0"))
        self.total_label = QLabel(self.tr("合计费用：") + f"¥{total:.2f}", self)
        self.total_label.setObjectName("review_total")
        self.total_label.setStyleSheet("font-size: 16px; font-weight: bold;")
        hint = QLabel(self.tr("核对无误后按 Ctrl+Enter 办结并打印受理回执。"), self)
        # fines apart from fees, and every warning of the visit (unknown holiday calendar included):
        # texts from the domain, already in both languages
        self.fines_label = QLabel(fines_text(rows, lang), self)
        self.fines_label.setObjectName("review_fines")
        self.fines_label.setVisible(bool(self.fines_label.text()))
        self.warnings_label = QLabel("\n".join("⚠ " + w.message(lang) for w in flow.warnings()), self)
        self.warnings_label.setObjectName("review_warnings")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet("color: #8a5a00;")
        self.warnings_label.setVisible(bool(self.warnings_label.text()))
        self.values = self._values_tree(flow, lang)
        layout = QVBoxLayout(self)
        for widget in (who, table, self.total_label, self.fines_label, self.warnings_label):
            layout.addWidget(widget)
        layout.addWidget(QLabel(self.tr("已录入的内容（Alt+数字 或双击 回到该页修改）："), self))
        layout.addWidget(self.values, 1)
        layout.addWidget(hint)
        table.setMaximumHeight(table.verticalHeader().defaultSectionSize() * (len(rows) + 1) + 8)
        self.setFocusProxy(table)

    def _values_tree(self, flow: VisitFlow, lang: str) -> QTreeWidget:
        """Every value entered, per page; each page with its key to go back (Alt+1 …)."""
        tree = QTreeWidget(self)
        tree.setObjectName("review_values")
        tree.setColumnCount(2)
        tree.setHeaderLabels([self.tr("项目"), self.tr("录入内容")])
        tree.setRootIsDecorated(False)
        tree.setAlternatingRowColors(True)
        self.sections = entered_values(flow, lang)
        for n, section in enumerate(self.sections, start=1):
            key = f"Alt+{n}  " if n <= JUMP_KEYS else ""
            top = QTreeWidgetItem(tree, [key + section.title, ""])
            top.setData(0, STEP_ROLE, section.step)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setFirstColumnSpanned(True)
            for label, value in section.rows:
                child = QTreeWidgetItem(top, [label, value])
                child.setData(0, STEP_ROLE, section.step)
            if n <= JUMP_KEYS:
                shortcut = QShortcut(QKeySequence(f"Alt+{n}"), self)
                shortcut.activated.connect(lambda step=section.step: self.jump.emit(step))
        tree.expandAll()
        tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        tree.itemDoubleClicked.connect(lambda item, _col: self.jump.emit(item.data(0, STEP_ROLE)))
        return tree
