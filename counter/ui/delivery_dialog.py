"""邮寄送证: the checked postal address of a receipt's post items, then the tracking number.

Province → city → district are chosen from the GB/T 2260 codes (only divisions in use today),
the street and house number typed; the form's free-text address is shown to copy from. Saving
stores the address (`counter.journey.delivery.record_address`); 寄出 stores the tracking
number and the items become 已寄出 (`mark_sent`).
"""
from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from counter.auth import AuthError
from counter.journey import delivery
from counter.journey.common import JourneyError
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class DeliveryDialog(QDialog):
    def __init__(self, ctx, parent=None, receipt_number: str = ""):
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = TaskRunner(self)  # the receipt is read and stored in the background (the table of
        # divisions is a local file: the combo boxes fill on the GUI thread)
        self.lang = "en" if ctx.config.lang == "en" else "zh_CN"
        self.view: delivery.PostReceipt | None = None
        self.setWindowTitle(self.tr("邮寄送证"))
        self.resize(640, 420)
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("回执号（可扫码）")))
        self.number = QLineEdit()
        self.number.setObjectName("receipt_number")
        self.number.returnPressed.connect(self.load)
        row.addWidget(self.number, 1)
        self.find_button = find = QPushButton(self.tr("查询"))
        find.setAutoDefault(False)
        find.clicked.connect(self.load)
        row.addWidget(find)
        lay.addLayout(row)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        form = QFormLayout()
        self.province, self.city, self.district = QComboBox(), QComboBox(), QComboBox()
        for name, combo in (("province", self.province), ("city", self.city), ("district", self.district)):
            combo.setObjectName(name)
        for code, name in delivery.provinces():
            self.province.addItem(name, code)
        self.province.setCurrentIndex(-1)
        self.province.currentIndexChanged.connect(self._fill_cities)
        self.city.currentIndexChanged.connect(self._fill_districts)
        area = QHBoxLayout()
        for combo in (self.province, self.city, self.district):
            area.addWidget(combo, 1)
        form.addRow(self.tr("省 / 市 / 区（县）"), area)
        self.street = QLineEdit()
        self.street.setObjectName("street")
        self.street.setPlaceholderText(self.tr("街道、门牌号"))
        form.addRow(self.tr("详细地址"), self.street)
        self.recipient = QLineEdit()
        self.recipient.setObjectName("recipient")
        form.addRow(self.tr("收件人"), self.recipient)
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        form.addRow(self.tr("收件人电话"), self.phone)
        self.postage = QLabel()
        form.addRow(self.tr("邮费（元）"), self.postage)
        self.tracking = QLineEdit()
        self.tracking.setObjectName("tracking")
        self.tracking.setPlaceholderText(self.tr("寄出时扫描或输入运单号"))
        form.addRow(self.tr("运单号"), self.tracking)
        lay.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        lay.addWidget(self.message, 1)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存地址 (&S)"))
        self.save_button.setObjectName("save_address")
        self.save_button.clicked.connect(self.save_address)
        self.sent_button = QPushButton(self.tr("已寄出 (&P)"))
        self.sent_button.setObjectName("mark_sent")
        self.sent_button.clicked.connect(self.mark_sent)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        buttons.addStretch(1)
        for button in (self.save_button, self.sent_button, close):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        lay.addLayout(buttons)
        self._update()
        if receipt_number:
            self.number.setText(receipt_number)
            self.load()

    # -- divisions
    def _fill_cities(self) -> None:
        self.city.clear()
        for code, name in delivery.cities(self.province.currentData() or ""):
            self.city.addItem(name, code)

    def _fill_districts(self) -> None:
        self.district.clear()
        for code, name in delivery.districts(self.city.currentData() or ""):
            self.district.addItem(name, code)

    def select_district(self, code: str) -> None:
        for combo, part in ((self.province, code[:2] + "0000"), (self.city, code[:4] + "00"), (self.district, code)):
            combo.setCurrentIndex(combo.findData(part))

    # -- service calls
    def load(self) -> None:
        ctx, number = self.ctx, self.number.text()
        self.tasks.run(lambda: delivery.view(ctx, number), done=self._loaded, failed=self._not_loaded,
                       busy=self._busy(), name="receipt")

    def _busy(self) -> list:
        return [self.number, self.find_button, self.save_button, self.sent_button]

    def _not_loaded(self, exc: Exception) -> None:
        self.view = None
        self.summary.clear()
        self._say_failure(exc)
        self._update()

    def _loaded(self, view: delivery.PostReceipt) -> None:
        self.view = v = view
        lines = [f"{i.code}：{i.status_text}"
                 + (f"，{self.tr('运单号')} {i.tracking_number}" if i.tracking_number else "")
                 for i in v.items]
        form_address = next((i.form_address for i in v.items if i.form_address), "")
        self.summary.setText(self.tr("回执 {0}　申请人 {1}　{2}　申请时填写的地址：{3}").format(
            v.receipt_number, v.applicant_name, "；".join(lines), form_address or "—"))
        self.postage.setText(f"{v.postage_setting:.2f}")
        recorded = next((i for i in v.items if i.division_code), None)
        if recorded is not None:
            self.select_district(recorded.division_code)
            self.street.setText(recorded.address or "")
            self.recipient.setText(recorded.recipient or "")
            self.phone.setText(recorded.phone or "")
        else:
            self.recipient.setText(v.applicant_name)
            self.phone.setText(v.applicant_phone)
        self._say("")
        self._update()

    def save_address(self) -> None:
        if self.view is None:
            return
        ctx, number, district = self.ctx, self.view.receipt_number, self.district.currentData() or ""
        street, recipient, phone = self.street.text(), self.recipient.text(), self.phone.text()
        self._call(lambda: delivery.record_address(ctx, number, district, street, recipient=recipient, phone=phone),
                   self.tr("邮寄地址已保存"))

    def mark_sent(self) -> None:
        if self.view is None:
            return
        ctx, number, tracking = self.ctx, self.view.receipt_number, self.tracking.text()
        self._call(lambda: delivery.mark_sent(ctx, number, tracking), self.tr("已寄出，已排队短信告知运单号"))

    def _call(self, work, done_text: str) -> None:
        """`work()`, then the receipt read again, both in the background."""
        if self.view is None:
            return
        ctx, number = self.ctx, self.view.receipt_number

        def call() -> delivery.PostReceipt:
            work()
            return delivery.view(ctx, number)

        def called(view: delivery.PostReceipt) -> None:
            self.number.setText(number)
            self._loaded(view)
            self._say(done_text)

        self.tasks.run(call, done=called, failed=self._say_failure, name="receipt",
                       busy=[*self._busy(), self.street, self.recipient, self.phone, self.tracking])

    def _say_failure(self, exc: Exception) -> None:
        if isinstance(exc, JourneyError):
            self._say(exc.text(self.lang), error=True)
        elif isinstance(exc, AuthError):
            self._say(exc.en if self.lang == "en" else exc.zh_CN, error=True)
        else:  # the database is away: said, never a traceback
            log.warning("delivery: %r", exc)
            self._say(self.tr("无法连接数据库，请稍后重试"), error=True)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "")

    def _update(self) -> None:
        has = self.view is not None
        self.save_button.setEnabled(has)
        self.sent_button.setEnabled(has)
