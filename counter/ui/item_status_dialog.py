"""The clerk's item status dialog: scan or type a receipt number, mark items ready / collected.

Who and when are recorded on the item (`status_changed_by` / `status_changed_at`) by
`counter.kiosk.mark_ready` / `mark_collected`; the kiosk's status page shows the result.
From here the clerk can also turn the rating pad to the citizen for that receipt.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
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

from counter import kiosk
from counter.auth import AuthError
from counter.clock import format_local
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class ItemStatusDialog(QDialog):
    COLUMNS = 4

    def __init__(self, ctx, parent: QWidget | None = None, receipt_number: str = ""):
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = TaskRunner(self)  # reading and marking wait for the database here, never the window
        self.lang = "en" if getattr(ctx.config, "lang", "zh_CN") == "en" else "zh_CN"
        self.receipt: kiosk.ClerkReceipt | None = None
        self.pad = None
        self.setWindowTitle(self.tr("办件状态：待领取 / 已领取"))
        self.resize(820, 460)
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("回执号（可扫码）")))
        self.number = QLineEdit()
        self.number.setPlaceholderText(self.tr("扫描回执条码或输入回执号后按回车"))
        self.number.returnPressed.connect(self.load)
        row.addWidget(self.number, 1)
        self.find_button = QPushButton(self.tr("查询"))
        self.find_button.setAutoDefault(False)
        self.find_button.clicked.connect(self.load)
        row.addWidget(self.find_button)
        lay.addLayout(row)
        self.summary = QLabel()
        lay.addWidget(self.summary)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels([self.tr("办理事项"), self.tr("状态"), self.tr("承诺办结"),
                                              self.tr("最后变更")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        lay.addWidget(self.table, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        actions = QHBoxLayout()
        self.progress_button = QPushButton(self.tr("标记办理中/补正完成 (&I)"))
        self.progress_button.clicked.connect(self.mark_in_progress)
        self.ready_button = QPushButton(self.tr("标记待领取 (&R)"))
        self.ready_button.clicked.connect(self.mark_ready)
        self.collected_button = QPushButton(self.tr("标记已领取 (&L)"))
        self.collected_button.clicked.connect(self.mark_collected)
        self.rate_button = QPushButton(self.tr("请群众评价 (&P)"))
        self.rate_button.setToolTip(self.tr("在面向群众的第二显示器上打开评价器"))
        self.rate_button.clicked.connect(self.open_rating_pad)
        for button in (self.progress_button, self.ready_button, self.collected_button, self.rate_button):
            button.setAutoDefault(False)
            actions.addWidget(button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        for button in close.buttons():
            button.setAutoDefault(False)  # Enter from the scanner must not close the dialog
            button.setDefault(False)
        actions.addWidget(close)
        lay.addLayout(actions)
        self._update_buttons()
        if receipt_number:
            self.number.setText(receipt_number)
            self.load()

    # -- reading
    def load(self) -> None:
        number = kiosk.normalise_receipt(self.number.text())
        if not number:
            return
        ctx = self.ctx
        self.tasks.run(lambda: kiosk.receipt_items(ctx, number), done=self._loaded, failed=self._not_loaded,
                       busy=[self.number, self.find_button], name="receipt")

    def _loaded(self, receipt: kiosk.ClerkReceipt) -> None:
        self.receipt = receipt
        self._say("")
        self._fill()
        self.number.setFocus()  # the field was disabled meanwhile: the next scan goes there again
        self.number.selectAll()

    def _not_loaded(self, exc: Exception) -> None:
        self.receipt = None
        self.table.setRowCount(0)
        self.summary.clear()
        self._say_failure(exc)
        self._update_buttons()
        self.number.setFocus()

    def _say_failure(self, exc: Exception) -> None:
        if isinstance(exc, (kiosk.KioskError, AuthError)):
            self._say(exc.en if self.lang == "en" else exc.zh_CN, error=True)
        else:  # the database is away: said, never a traceback
            log.warning("item status: %r", exc)
            self._say(self.tr("无法连接数据库，请稍后重试"), error=True)

    def _fill(self, select_id: int | None = None) -> None:
        receipt = self.receipt
        self.summary.setText(self.tr("回执号 {0}　申请人 {1}　共 {2} 项").format(
            receipt.receipt_number, receipt.name_masked, len(receipt.items)))
        self.table.setRowCount(len(receipt.items))
        select_row = 0
        for row, item in enumerate(receipt.items):
            changed = ""
            if item.changed_at is not None:
                changed = f"{format_local(item.changed_at, '%Y-%m-%d %H:%M')} {item.changed_by or ''}".strip()
            cells = [f"{item.code} {item.name(self.lang)}", item.status_text(self.lang),
                     item.promised_date.isoformat() if item.promised_date else "—", changed]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, item.id)
                self.table.setItem(row, column, cell)
            if item.id == select_id:
                select_row = row
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if receipt.items:
            self.table.selectRow(select_row)
        self._update_buttons()

    def selected(self) -> kiosk.ClerkItem | None:
        if self.receipt is None:
            return None
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.receipt.items[rows[0].row()]

    def _update_buttons(self) -> None:
        item = self.selected()
        self.progress_button.setEnabled(item is not None and kiosk.can_mark(item.status, "in_progress"))
        self.ready_button.setEnabled(item is not None and kiosk.can_mark(item.status, "ready"))
        self.collected_button.setEnabled(item is not None and kiosk.can_mark(item.status, "collected"))
        self.rate_button.setEnabled(self.receipt is not None)

    # -- writing
    def mark_in_progress(self) -> None:
        self._mark(kiosk.mark_in_progress, self.tr("已标记为办理中"))

    def mark_ready(self) -> None:
        self._mark(kiosk.mark_ready, self.tr("已标记为待领取"))

    def mark_collected(self) -> None:
        self._mark(kiosk.mark_collected, self.tr("已标记为已领取"))

    def _mark(self, action, done: str) -> None:
        """Mark, then read the receipt again, both in the background; the table waits meanwhile."""
        item = self.selected()
        if item is None or self.receipt is None:
            return
        ctx, principal, number = self.ctx, self.ctx.principal, self.receipt.receipt_number

        def mark() -> kiosk.ClerkReceipt:
            action(ctx, item.id, principal)
            return kiosk.receipt_items(ctx, number)

        def marked(receipt: kiosk.ClerkReceipt) -> None:
            self.receipt = receipt
            self._fill(select_id=item.id)
            self._say(self.tr("{0}：{1}").format(item.code, done))

        self.tasks.run(mark, done=marked, failed=self._say_failure, name="receipt",
                       busy=[self.table, self.progress_button, self.ready_button, self.collected_button,
                             self.number, self.find_button])

    def open_rating_pad(self) -> None:
        from counter.ui.rating_pad import RatingPadWindow

        if self.receipt is None:
            return
        self.pad = RatingPadWindow(self.ctx, self.receipt.receipt_number, lang=self.lang)
        self.pad.show_on_customer_screen()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b71c1c;" if error else "color: #1b5e20;")
        self.message.setText(text)
