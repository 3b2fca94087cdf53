"""A citizen's past visits, by ID number or receipt number (scanner-friendly). Every search is audited."""
from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter.auth import AuthError
from counter.clock import format_local
from counter.context import AppContext
from counter.privacy import MAX_QUERY, VisitRow, search_visits
from counter.ui.change_password_dialog import error_text
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class CitizenSearchDialog(QDialog):
    COLUMNS = (QT_TRANSLATE_NOOP("CitizenSearchDialog", "回执号"), QT_TRANSLATE_NOOP("CitizenSearchDialog", "受理时间"),
               QT_TRANSLATE_NOOP("CitizenSearchDialog", "申请人"), QT_TRANSLATE_NOOP("CitizenSearchDialog", "身份证号"),
               QT_TRANSLATE_NOOP("CitizenSearchDialog", "电话"), QT_TRANSLATE_NOOP("CitizenSearchDialog", "事项"),
               QT_TRANSLATE_NOOP("CitizenSearchDialog", "经办人"))

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = TaskRunner(self)
        self.rows: list[VisitRow] = []
        self.setWindowTitle(self.tr("查询群众办件记录"))
        self.query = QLineEdit(self)
        self.query.setObjectName("citizen_query")
        self.query.setMaxLength(64)
        self.query.setPlaceholderText(self.tr("身份证号或回执号（可扫码）"))
        self.query.returnPressed.connect(self.search)
        self.search_button = QPushButton(self.tr("查询"), self)
        self.search_button.clicked.connect(self.search)
        self.search_button.setAutoDefault(False)
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.search_button)
        self.notice = QLabel(self.tr("查询将记入审计日志。"), self)
        self.notice.setObjectName("citizen_notice")
        self.notice.setWordWrap(True)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("citizen_results")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        self.resize(900, 420)

    def search(self) -> None:
        """Search in the background (audited by the service): a slow database never freezes the dialog."""
        ctx, principal, text = self.ctx, self.ctx.principal, self.query.text()[:MAX_QUERY * 2]
        self.tasks.run(lambda: search_visits(ctx, principal, text), done=self._show, failed=self._refused,
                       busy=[self.query, self.search_button], name="search")

    def _refused(self, exc: Exception) -> None:
        if isinstance(exc, AuthError):
            self.notice.setText(error_text(exc, self.ctx.config.lang))
        else:  # the database is away: said, never a traceback
            log.warning("citizen search failed: %r", exc)
            self.notice.setText(self.tr("无法连接数据库，请稍后重试"))
        self.rows = []
        self.table.setRowCount(0)
        self.query.setFocus()  # the field was disabled meanwhile: the next scan goes there again

    def _show(self, rows: list[VisitRow]) -> None:
        self.rows = rows
        self.query.setFocus()  # the field was disabled meanwhile: the next scan goes there again
        masked = any(r.masked for r in self.rows)
        self.notice.setText(self.tr("找到 {0} 条办件记录。").format(len(self.rows)) +
                            (self.tr("个人信息已按规定遮蔽。") if masked else ""))
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            sep = "; " if self.ctx.config.lang == "en" else "；"
            items = sep.join(f"{code} {label}" for code, label in row.items)
            for c, value in enumerate((row.receipt_number or "",
                                       format_local(row.accepted_at or row.started_at, "%Y-%m-%d %H:%M"),
                                       row.applicant_name, row.id_number, row.phone, items, row.clerk)):
                cell = QTableWidgetItem(value)
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, cell)
