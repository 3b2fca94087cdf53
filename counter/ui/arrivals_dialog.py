"""到证登记: scan a batch of receipts, see each number's verdict, register them at once.

A barcode scanner types the number and Enter: each scan is added to the list and the whole
list is judged again (`counter.journey.arrivals.check`, read-only). 登记到证 stores the batch
in one transaction (`arrivals.register`); the list then shows what was registered and what
was refused with its reason.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QAbstractTableModel, QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from counter.auth import AuthError
from counter.clock import local_day
from counter.journey import arrivals
from counter.journey.common import JourneyError
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class ArrivalsModel(QAbstractTableModel):
    """The scanned numbers and their verdicts (`arrivals.Verdict`); `done` after registering."""

    def __init__(self, lang: str = "zh_CN", parent=None):
        super().__init__(parent)
        self.lang = lang
        self.rows: list[arrivals.Verdict] = []
        self.done = False
        self.headers = [self.tr("回执号"), self.tr("事项"), self.tr("结果")]

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        v = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return v.number
            if index.column() == 1:
                return "、".join(v.codes)
            if v.ok:
                return self.tr("已登记，待领取") if self.done else self.tr("可登记")
            return v.reason(self.lang)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2:
            return QBrush(QColor("#1b5e20" if v.ok else "#b00020"))
        return None

    def set_rows(self, rows: list[arrivals.Verdict], done: bool = False) -> None:
        self.beginResetModel()
        self.rows, self.done = list(rows), done
        self.endResetModel()


class ArrivalsDialog(QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        # one thread: the checks of a quick series of scans answer in the order they were asked
        self.tasks = TaskRunner(self, max_threads=1)
        self.lang = "en" if ctx.config.lang == "en" else "zh_CN"
        self.numbers: list[str] = []
        self.setWindowTitle(self.tr("到证登记"))
        self.resize(720, 480)
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("扫描回执条码")))
        self.scan = QLineEdit()
        self.scan.setObjectName("scan")
        self.scan.setPlaceholderText(self.tr("逐张扫描回执，或输入回执号后按回车"))
        self.scan.returnPressed.connect(self.add_scanned)
        row.addWidget(self.scan, 1)
        row.addWidget(QLabel(self.tr("到证日期")))
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        today = local_day(ctx.clock.now())
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.day.setMaximumDate(self.day.date())
        row.addWidget(self.day)
        lay.addLayout(row)
        self.model = ArrivalsModel(self.lang, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        lay.addWidget(self.table, 1)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        buttons = QHBoxLayout()
        self.remove_button = QPushButton(self.tr("移除所选"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button = QPushButton(self.tr("清空"))
        self.clear_button.clicked.connect(self.clear)
        self.register_button = QPushButton(self.tr("登记到证 (&R)"))
        self.register_button.setObjectName("register")
        self.register_button.clicked.connect(self.register)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        for button in (self.remove_button, self.clear_button, self.register_button, close):
            button.setAutoDefault(False)  # the scanner's Enter must not press a button
            buttons.addWidget(button)
        buttons.insertStretch(2, 1)
        lay.addLayout(buttons)
        self._update()

    def add_scanned(self) -> None:
        number = arrivals.normalise(self.scan.text())
        self.scan.clear()
        if not number:
            return
        if self.model.done:  # a new batch after the last one was registered
            self.numbers = []
        self.numbers.append(number)
        self._judge()

    def _judge(self) -> None:
        """Judge the list in the background; the scan field stays open for the next receipt."""
        ctx, numbers = self.ctx, list(self.numbers)
        self.tasks.run(lambda: arrivals.check(ctx, numbers), done=lambda rows: self._judged(numbers, rows),
                       failed=self._say_failure, busy=[self.register_button, self.remove_button])

    def _judged(self, numbers: list[str], rows: list[arrivals.Verdict]) -> None:
        if numbers == self.numbers:  # else a later scan's check is on its way
            self.model.set_rows(rows)
            ok = sum(1 for v in self.model.rows if v.ok)
            self._say(self.tr("已扫描 {0} 张，可登记 {1} 张").format(len(self.numbers), ok))
        self._update()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()}, reverse=True)
        for row in rows:
            del self.numbers[row]
        self._judge()

    def clear(self) -> None:
        self.numbers = []
        self.model.set_rows([])
        self._say("")
        self._update()

    def register(self) -> None:
        """Register the batch in the background; scanning waits until it is stored."""
        ctx, numbers, day = self.ctx, list(self.numbers), self.day.date().toPython()
        self.tasks.run(lambda: arrivals.register(ctx, numbers, arrived_on=day), done=self._registered,
                       failed=self._say_failure, name="register",
                       busy=[self.register_button, self.remove_button, self.clear_button, self.scan, self.day])

    def _registered(self, result) -> None:
        self.model.set_rows([*result.registered, *result.refused], done=True)
        self.numbers = []
        self._say(self.tr("到证 {0} 件，已排队短信通知 {1} 条；未登记 {2} 张").format(
            result.items, result.notices, len(result.refused)), error=bool(result.refused))
        self._update()
        self.scan.setFocus()

    def _say_failure(self, exc: Exception) -> None:
        if isinstance(exc, (JourneyError, AuthError)):
            self._say(exc.en if self.lang == "en" else exc.zh_CN, error=True)
        else:  # the database is away: said, never a traceback
            log.warning("arrivals: %r", exc)
            self._say(self.tr("无法连接数据库，请稍后重试"), error=True)
        self._update()
        self.scan.setFocus()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "")

    def _update(self) -> None:
        pending = bool(self.numbers) and not self.model.done
        self.register_button.setEnabled(pending and any(v.ok for v in self.model.rows))
        self.remove_button.setEnabled(pending)
        self.clear_button.setEnabled(bool(self.model.rows))
