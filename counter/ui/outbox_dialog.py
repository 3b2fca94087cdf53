"""短信通知记录: the station's outbox, newest first — status, attempts, the last error; a failed
notice can be queued again, and 立即发送 runs the sender at once (`counter.journey.notices`)."""
from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from counter.auth import AuthError
from counter.clock import format_local
from counter.journey import notices
from counter.journey.common import JourneyError
from counter.ui.rows_model import RowsModel
from counter.ui.tasks import TaskRunner
from counter.masking import mask_phone

log = logging.getLogger(__name__)


class OutboxModel(RowsModel):
    def __init__(self, parent=None):
        super().__init__([], parent)
        self.headers = [self.tr("时间"), self.tr("类型"), self.tr("手机"), self.tr("状态"), self.tr("次数"),
                        self.tr("下次发送"), self.tr("错误"), self.tr("内容")]
        self.kinds = {"ready": self.tr("可领取"), "posted": self.tr("已寄出"), "reminder": self.tr("催领")}
        self.states = {"queued": self.tr("排队"), "sending": self.tr("发送中"), "sent": self.tr("已发送"),
                       "failed": self.tr("失败"), "cancelled": self.tr("已取消")}

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        n = self.rows[index.row()]

        def when(t):
            return format_local(t, "%m-%d %H:%M") if t else ""

        return (when(n.created_at), self.kinds.get(n.kind, n.kind), mask_phone(n.phone),
                self.states.get(n.status, n.status), str(n.attempts),
                when(n.next_try_at) if n.status == "queued" else "", n.last_error or "", n.text)[index.column()]

    def load(self, ctx, status: str | None = None) -> None:
        rows = notices.outbox(ctx, status=status)
        self.set_rows(rows)


class OutboxDialog(QDialog):
    def __init__(self, ctx, parent=None, sender=None):
        super().__init__(parent)
        self.ctx, self.sender = ctx, sender
        # one thread: reads answer in the order they were asked (the filter may change meanwhile)
        self.tasks = TaskRunner(self, max_threads=1)
        self.lang = "en" if ctx.config.lang == "en" else "zh_CN"
        self.setWindowTitle(self.tr("短信通知记录"))
        self.resize(980, 520)
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.filter = QComboBox()
        self.filter.setObjectName("status_filter")
        self.filter.addItem(self.tr("全部"), None)
        for status in ("queued", "sent", "failed", "cancelled"):
            self.filter.addItem(OutboxModel().states[status], status)
        self.filter.currentIndexChanged.connect(self.refresh)
        top.addWidget(self.filter)
        top.addStretch(1)
        lay.addLayout(top)
        self.model = OutboxModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.retry_button = QPushButton(self.tr("重新发送"))
        self.retry_button.setObjectName("retry")
        self.retry_button.clicked.connect(self.retry)
        self.send_button = QPushButton(self.tr("立即发送"))
        self.send_button.setObjectName("send_now")
        self.send_button.clicked.connect(self.send_now)
        self.send_button.setEnabled(sender is not None)
        self.refresh_button = refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        for button in (self.retry_button, self.send_button, refresh, close):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.insertStretch(2, 1)
        lay.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("message")
        lay.addWidget(self.message)
        self.table.selectionModel().selectionChanged.connect(self._update)
        if sender is not None:
            sender.sent.connect(self._sent)
        self.refresh()

    def refresh(self) -> None:
        """Read the outbox in the background; the rows of the filter chosen last are shown."""
        ctx, status = self.ctx, self.filter.currentData()
        self.tasks.run(lambda: notices.outbox(ctx, status=status), done=lambda rows: self._loaded(status, rows),
                       failed=self._say_failure, busy=[self.refresh_button, self.retry_button])

    def _loaded(self, status: str | None, rows: list[notices.NoticeRow]) -> None:
        if status == self.filter.currentData():  # else the read of the newer filter is on its way
            self.model.set_rows(rows)
        self._update()

    def _say_failure(self, exc: Exception) -> None:
        if isinstance(exc, (JourneyError, AuthError)):
            self.message.setText(exc.en if self.lang == "en" else exc.zh_CN)
        else:  # the database is away: said, never a traceback
            log.warning("outbox: %r", exc)
            self.message.setText(self.tr("无法连接数据库，请稍后重试"))
        self._update()

    def _selected(self) -> notices.NoticeRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def retry(self) -> None:
        row = self._selected()
        if row is None:
            return
        ctx, status = self.ctx, self.filter.currentData()

        def retry() -> list[notices.NoticeRow]:
            notices.retry(ctx, row.id)
            return notices.outbox(ctx, status=status)

        def queued(rows: list[notices.NoticeRow]) -> None:
            self.message.setText(self.tr("已重新排队"))
            self._loaded(status, rows)

        self.tasks.run(retry, done=queued, failed=self._say_failure, name="retry",
                       busy=[self.retry_button, self.refresh_button, self.table])

    def send_now(self) -> None:
        self.sender.send_now()

    def _sent(self, report) -> None:
        if report.no_gateway:
            self.message.setText(self.tr("未配置短信网关，通知保持排队"))
        else:
            self.message.setText(self.tr("已发送 {0}，待重试 {1}，失败 {2}").format(
                report.sent, report.retrying, report.failed))
        self.refresh()

    def _update(self, *_args) -> None:
        row = self._selected()
        self.retry_button.setEnabled(row is not None and row.status == "failed")
