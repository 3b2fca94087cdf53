"""未领取清单: items ready longer than N days, oldest first, for a clerk to work through —
send a reminder SMS, note what was found out. `UncollectedModel` is the table (tested without
a view); the services are `counter.journey.uncollected`.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
)

from counter.auth import AuthError
from counter.clock import format_local
from counter.journey import settings, uncollected
from counter.journey.common import JourneyError
from counter.ui.rows_model import RowsModel
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class UncollectedModel(RowsModel):
    def __init__(self, parent=None):
        super().__init__([], parent)
        self.headers = [self.tr("回执号"), self.tr("事项"), self.tr("申请人"), self.tr("电话"), self.tr("到证日期"),
                        self.tr("已等天数"), self.tr("已发通知"), self.tr("上次提醒"), self.tr("情况")]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (5, 6):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        u = self.rows[index.row()]
        return (u.receipt_number, u.code, u.name_masked, u.phone_masked, u.ready_on.isoformat(), str(u.days),
                str(u.notices_sent), format_local(u.reminded_at, "%Y-%m-%d %H:%M") if u.reminded_at else "",
                u.note or "")[index.column()]

    def load(self, ctx, days: int | None = None) -> None:
        rows = uncollected.list_items(ctx, days=days)
        self.set_rows(rows)

    def item_id(self, row: int) -> int:
        return self.rows[row].item_id


class UncollectedDialog(QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = TaskRunner(self, max_threads=1)  # one thread: reads answer in the order asked
        self.lang = "en" if ctx.config.lang == "en" else "zh_CN"
        self.setWindowTitle(self.tr("未领取清单"))
        self.resize(900, 520)
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("待领取超过（天）")))
        self.days = QSpinBox()
        self.days.setObjectName("days")
        self.days.setRange(0, 3650)
        row.addWidget(self.days)
        self.refresh_button = refresh = QPushButton(self.tr("刷新"))
        refresh.setAutoDefault(False)
        refresh.clicked.connect(self.refresh)
        row.addWidget(refresh)
        row.addStretch(1)
        self.count = QLabel()
        row.addWidget(self.count)
        lay.addLayout(row)
        self.model = UncollectedModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(8, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        lay.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.remind_button = QPushButton(self.tr("发送提醒短信 (&M)"))
        self.remind_button.setObjectName("remind")
        self.remind_button.clicked.connect(self.remind)
        actions.addWidget(self.remind_button)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self.tr("联系情况，如：电话空号，已联系社区"))
        actions.addWidget(self.note, 1)
        self.note_button = QPushButton(self.tr("记录情况"))
        self.note_button.setObjectName("save_note")
        self.note_button.clicked.connect(self.save_note)
        actions.addWidget(self.note_button)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        actions.addWidget(close)
        for button in (refresh, self.remind_button, self.note_button, close):
            button.setAutoDefault(False)
        lay.addLayout(actions)
        self.message = QLabel()
        self.message.setObjectName("message")
        lay.addWidget(self.message)
        self.table.selectionModel().selectionChanged.connect(self._update)
        self._update()
        self._first_read()

    def _first_read(self) -> None:
        """The station's threshold and the list past it, in the background."""
        ctx = self.ctx

        def read() -> tuple[int, list]:
            days = settings.load(ctx).uncollected_days
            return days, uncollected.list_items(ctx, days=days)

        def shown(answer: tuple[int, list]) -> None:
            self.days.setValue(answer[0])
            self._loaded(answer[1])

        self.tasks.run(read, done=shown, failed=self._say_failure, busy=self._busy(), name="read")

    def refresh(self) -> None:
        ctx, days = self.ctx, self.days.value()
        self.tasks.run(lambda: uncollected.list_items(ctx, days=days), done=self._loaded,
                       failed=self._say_failure, busy=self._busy(), name="read")

    def _busy(self) -> list:
        return [self.days, self.refresh_button, self.table, self.remind_button, self.note_button]

    def _loaded(self, rows: list, select_row: int | None = None) -> None:
        self.model.set_rows(rows)
        self.count.setText(self.tr("共 {0} 件").format(self.model.rowCount()))
        if select_row is not None:
            self.table.selectRow(min(select_row, self.model.rowCount() - 1))
        self._update()

    def _say_failure(self, exc: Exception) -> None:
        if isinstance(exc, (JourneyError, AuthError)):
            self.message.setText(exc.en if self.lang == "en" else exc.zh_CN)
        else:  # the database is away: said, never a traceback
            log.warning("uncollected: %r", exc)
            self.message.setText(self.tr("无法连接数据库，请稍后重试"))
        self._update()

    def _selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item_id(rows[0].row()) if rows else None

    def remind(self) -> None:
        ctx = self.ctx
        self._act(lambda item_id: uncollected.remind(ctx, item_id), self.tr("提醒短信已排队"))

    def save_note(self) -> None:
        ctx, text = self.ctx, self.note.text()
        if self._act(lambda item_id: uncollected.note(ctx, item_id, text), self.tr("情况已记录")):
            self.note.clear()

    def _act(self, work, done: str) -> bool:
        """`work(item_id)`, then the list read again, both in the background."""
        item_id = self._selected()
        if item_id is None:
            return False
        ctx, days, row = self.ctx, self.days.value(), self.table.selectionModel().selectedRows()[0].row()

        def act() -> list:
            work(item_id)
            return uncollected.list_items(ctx, days=days)

        def acted(rows: list) -> None:
            self._loaded(rows, select_row=row)
            self.message.setText(done)

        return self.tasks.run(act, done=acted, failed=self._say_failure, busy=[*self._busy(), self.note],
                              name="read")

    def _update(self, *_args) -> None:
        chosen = bool(self.table.selectionModel().selectedRows()) and not self.tasks.busy
        self.remind_button.setEnabled(chosen)
        self.note_button.setEnabled(chosen)
