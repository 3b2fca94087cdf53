"""好差评回访 for managers: every bad rating's case, overdue ones first in red; record what the
citizen said and what was changed (both required) to close; reassign to another manager.
`FollowUpsModel` is the table (tested without a view); the services are
`counter.journey.followups`.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from counter.auth import AuthError
from counter.clock import format_local
from counter.journey import followups
from counter.journey.common import JourneyError
from counter.ui.rows_model import RowsModel
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class FollowUpsModel(RowsModel):
    def __init__(self, parent=None):
        super().__init__([], parent)
        self.headers = [self.tr("回执号"), self.tr("评价"), self.tr("原因"), self.tr("评价时间"), self.tr("回访期限"),
                        self.tr("承办人"), self.tr("状态")]

    def state(self, case: followups.Case) -> str:
        if case.closed_at is not None:
            return self.tr("已办结（按期）") if case.answered_in_time else self.tr("已办结（超期）")
        return self.tr("逾期未回访") if case.overdue else self.tr("待回访")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        c = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (c.receipt_number, c.level_text, c.reason, format_local(c.rated_at, "%Y-%m-%d %H:%M"),
                    c.due_on.isoformat(), c.assignee, self.state(c))[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and c.overdue:
            return QBrush(QColor("#b00020"))
        return None

    def load(self, ctx, only_open: bool = False) -> None:
        self.set_rows(self.read(ctx, only_open))

    @staticmethod
    def read(ctx, only_open: bool = False) -> list[followups.Case]:
        """The cases, open and overdue first (no Qt: runs in a background task)."""
        rows = followups.cases(ctx, only_open=only_open)
        rows.sort(key=lambda c: (c.closed_at is not None, not c.overdue, c.due_on, c.id))
        return rows


class FollowUpsDialog(QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = TaskRunner(self, max_threads=1)  # one thread: reads answer in the order asked
        self.lang = "en" if ctx.config.lang == "en" else "zh_CN"
        self.setWindowTitle(self.tr("好差评回访"))
        self.resize(960, 620)
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.only_open = QCheckBox(self.tr("只看未办结"))
        self.only_open.setObjectName("only_open")
        self.only_open.setChecked(True)
        self.only_open.toggled.connect(self.refresh)
        top.addWidget(self.only_open)
        top.addStretch(1)
        self.count = QLabel()
        self.count.setObjectName("count")
        top.addWidget(self.count)
        lay.addLayout(top)
        self.model = FollowUpsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        lay.addWidget(self.table, 1)
        form = QFormLayout()
        self.said = QPlainTextEdit()
        self.said.setObjectName("citizen_said")
        self.said.setMaximumHeight(70)
        form.addRow(self.tr("群众反映"), self.said)
        self.changes = QPlainTextEdit()
        self.changes.setObjectName("changes")
        self.changes.setMaximumHeight(70)
        form.addRow(self.tr("整改措施"), self.changes)
        lay.addLayout(form)
        actions = QHBoxLayout()
        self.close_button = QPushButton(self.tr("回访办结 (&C)"))
        self.close_button.setObjectName("close_case")
        self.close_button.clicked.connect(self.close_case)
        actions.addWidget(self.close_button)
        actions.addStretch(1)
        actions.addWidget(QLabel(self.tr("转交给")))
        self.assignee = QComboBox()
        self.assignee.setObjectName("assignee")
        actions.addWidget(self.assignee)
        self.reassign_button = QPushButton(self.tr("转交"))
        self.reassign_button.setObjectName("reassign")
        self.reassign_button.clicked.connect(self.reassign)
        actions.addWidget(self.reassign_button)
        done = QPushButton(self.tr("关闭"))
        done.clicked.connect(self.reject)
        actions.addWidget(done)
        for button in (self.close_button, self.reassign_button, done):
            button.setAutoDefault(False)
        lay.addLayout(actions)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.table.selectionModel().selectionChanged.connect(self._show)
        self._show()
        self._first_read()

    def _first_read(self) -> None:
        """The managers to hand a case to and the cases, in the background."""
        ctx, only_open = self.ctx, self.only_open.isChecked()

        def shown(answer: tuple[list, list[followups.Case]]) -> None:
            for user_id, name in answer[0]:
                self.assignee.addItem(name, user_id)
            self._loaded(only_open, answer[1])

        self.tasks.run(lambda: (followups.managers(ctx), FollowUpsModel.read(ctx, only_open)), done=shown,
                       failed=self._say_failure, busy=self._busy(), name="read")

    def refresh(self) -> None:
        ctx, only_open = self.ctx, self.only_open.isChecked()
        self.tasks.run(lambda: FollowUpsModel.read(ctx, only_open), done=lambda rows: self._loaded(only_open, rows),
                       failed=self._say_failure, busy=self._busy())

    def _busy(self) -> list:
        return [self.table, self.close_button, self.reassign_button]

    def _loaded(self, only_open: bool, rows: list[followups.Case]) -> None:
        if only_open == self.only_open.isChecked():  # else the newer read is on its way
            self.model.set_rows(rows)
            overdue = sum(1 for c in self.model.rows if c.overdue)
            self.count.setText(self.tr("共 {0} 件，逾期 {1} 件").format(len(self.model.rows), overdue))
        self._show()

    def _say_failure(self, exc: Exception) -> None:
        if isinstance(exc, (JourneyError, AuthError)):
            self.message.setText(exc.en if self.lang == "en" else exc.zh_CN)
        else:  # the database is away: said, never a traceback
            log.warning("follow-ups: %r", exc)
            self.message.setText(self.tr("无法连接数据库，请稍后重试"))
        self.message.setStyleSheet("color: #b00020;")
        self._show()

    def _selected(self) -> followups.Case | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _show(self, *_args) -> None:
        case = self._selected()
        is_open = case is not None and case.closed_at is None
        self.said.setPlainText((case.citizen_said or "") if case else "")
        self.changes.setPlainText((case.changes or "") if case else "")
        for widget in (self.said, self.changes):
            widget.setReadOnly(not is_open)
        self.close_button.setEnabled(is_open and not self.tasks.busy)
        self.reassign_button.setEnabled(is_open and self.assignee.count() > 0 and not self.tasks.busy)

    def close_case(self) -> None:
        case = self._selected()
        if case is not None:
            ctx, said, changes = self.ctx, self.said.toPlainText(), self.changes.toPlainText()
            self._act(lambda: followups.close(ctx, case.id, said, changes), self.tr("回访已办结"))

    def reassign(self) -> None:
        case = self._selected()
        if case is not None:
            ctx, assignee = self.ctx, self.assignee.currentData()
            self._act(lambda: followups.reassign(ctx, case.id, assignee),
                      self.tr("已转交 {0}").format(self.assignee.currentText()))

    def _act(self, work, done: str) -> None:
        """`work()`, then the cases read again, both in the background."""
        ctx, only_open = self.ctx, self.only_open.isChecked()

        def act() -> list[followups.Case]:
            work()
            return FollowUpsModel.read(ctx, only_open)

        def acted(rows: list[followups.Case]) -> None:
            self._loaded(only_open, rows)
            self.message.setText(done)
            self.message.setStyleSheet("")

        self.tasks.run(act, done=acted, failed=self._say_failure, name="act",
                       busy=[*self._busy(), self.said, self.changes, self.assignee])
