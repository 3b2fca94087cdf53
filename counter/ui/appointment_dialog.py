"""Appointments at the counter: booking (at the window or by phone) and check-in.

Thin: the rules (capacity, the grace period, priority) are in counter.appointments.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, QTime
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from counter import appointments as ap
from counter.clock import STATION_TZ, local
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


def _message(exc: ap.AppointmentError, lang: str) -> str:
    return exc.en if lang == "en" else exc.zh_CN


class BookingDialog(QDialog):
    """A booking made at the counter or by phone: slot, procedures, applicant, optional proxy."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = TaskRunner(self)  # booking waits for the database here, never the window
        self.lang = getattr(ctx.config, "lang", "zh_CN")
        self.booked: object | None = None
        self.setWindowTitle(self.tr("预约登记"))
        form = QFormLayout()
        start = local(ctx.clock.now()).replace(second=0, microsecond=0)
        start += timedelta(minutes=30 - start.minute % 30)  # the next half hour
        self.start = QDateTimeEdit(QDateTime(start.date(), QTime(start.hour, start.minute)))
        self.start.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.start.setCalendarPopup(True)
        self.end = QTimeEdit(QTime(start.hour, start.minute).addSecs(30 * 60))
        self.end.setDisplayFormat("HH:mm")
        form.addRow(self.tr("时段开始"), self.start)
        form.addRow(self.tr("时段结束"), self.end)
        self.filter = QLineEdit(placeholderText=self.tr("输入代码或名称筛选"))
        self.procedures = QListWidget()
        for procedure in ctx.catalog.procedures:
            item = QListWidgetItem(f"{procedure.code} {procedure.name(self.lang)}")
            item.setData(Qt.ItemDataRole.UserRole, procedure.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.procedures.addItem(item)
        self.filter.textChanged.connect(self._filter)
        form.addRow(self.tr("办理事项"), self.filter)
        form.addRow("", self.procedures)
        self.name = QLineEdit()
        self.id_number = QLineEdit()
        self.phone = QLineEdit()
        form.addRow(self.tr("申请人姓名"), self.name)
        form.addRow(self.tr("公民身份号码"), self.id_number)
        form.addRow(self.tr("联系电话"), self.phone)
        self.proxy = QCheckBox(self.tr("他人代办"))
        self.proxy_name = QLineEdit()
        self.proxy_id = QLineEdit()
        self.proxy.toggled.connect(self._proxy_toggled)
        form.addRow("", self.proxy)
        form.addRow(self.tr("代办人姓名"), self.proxy_name)
        form.addRow(self.tr("代办人身份号码"), self.proxy_id)
        self.source = QComboBox()
        self.source.addItem(self.tr("窗口预约"), "counter")
        self.source.addItem(self.tr("电话预约"), "phone")
        form.addRow(self.tr("预约方式"), self.source)
        self._proxy_toggled(False)
        self.result_label = QLabel(wordWrap=True)
        self.result_label.setObjectName("result")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.book_button = buttons.addButton(self.tr("预约"), QDialogButtonBox.ButtonRole.ActionRole)
        self.book_button.clicked.connect(self.book)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for row in range(self.procedures.count()):
            item = self.procedures.item(row)
            item.setHidden(bool(needle) and needle not in item.text().lower())

    def _proxy_toggled(self, on: bool) -> None:
        self.proxy_name.setEnabled(on)
        self.proxy_id.setEnabled(on)

    def chosen(self) -> list[str]:
        return [self.procedures.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.procedures.count())
                if self.procedures.item(r).checkState() == Qt.CheckState.Checked]

    def values(self) -> dict:
        start = self.start.dateTime().toPython()
        end_time = self.end.time().toPython()
        start = start.replace(tzinfo=STATION_TZ)
        end = datetime.combine(start.date(), end_time, tzinfo=STATION_TZ)
        values = {"slot_start": start.isoformat(), "slot_end": end.isoformat(), "procedures": self.chosen(),
                  "applicant_name": self.name.text(), "id_number": self.id_number.text(), "phone": self.phone.text()}
        if self.proxy.isChecked():
            values.update(proxy_name=self.proxy_name.text(), proxy_id_number=self.proxy_id.text())
        return values

    def book(self) -> None:
        ctx, values, source = self.ctx, self.values(), self.source.currentData()
        self.tasks.run(lambda: ap.book(ctx, values, source=source), done=self._booked, failed=self._refused,
                       busy=[self.book_button, self.start, self.end, self.procedures], name="book")

    def _booked(self, booked) -> None:
        self.booked = booked
        slot = f"{local(booked.slot_start):%m-%d %H:%M}–{local(booked.slot_end):%H:%M}"
        self._show(self.tr("已预约 %1，预约码 %2").replace("%1", slot).replace("%2", booked.code))

    def _refused(self, exc: Exception) -> None:
        if isinstance(exc, ap.AppointmentError):
            self._show(_message(exc, self.lang), error=True)
        else:  # the database is away: said, never a traceback
            log.warning("booking: %r", exc)
            self._show(self.tr("无法连接数据库，请稍后重试"), error=True)

    def _show(self, text: str, error: bool = False) -> None:
        self.result_label.setStyleSheet("color: #b3261e;" if error else "color: #1b5e20;")
        self.result_label.setText(text)


class CheckInDialog(QDialog):
    """Check-in at the counter: the booking code, or the ID's and the phone's last 4."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = TaskRunner(self)  # checking in waits for the database here, never the window
        self.lang = getattr(ctx.config, "lang", "zh_CN")
        self.done_check_in: ap.CheckIn | None = None
        self.setWindowTitle(self.tr("预约签到"))
        form = QFormLayout()
        self.code = QLineEdit(placeholderText=self.tr("扫描或输入预约码"))
        self.id_last4 = QLineEdit(maxLength=4)
        self.phone_last4 = QLineEdit(maxLength=4)
        form.addRow(self.tr("预约码"), self.code)
        form.addRow(self.tr("或 身份号码后4位"), self.id_last4)
        form.addRow(self.tr("及 手机号码后4位"), self.phone_last4)
        self.result_label = QLabel(wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.check_in_button = buttons.addButton(self.tr("签到取号"), QDialogButtonBox.ButtonRole.ActionRole)
        self.check_in_button.setDefault(True)
        self.check_in_button.clicked.connect(self.check_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)

    def check_in(self) -> None:
        from counter.waits import predicted_wait

        ctx = self.ctx
        code, id_last4, phone_last4 = self.code.text() or None, self.id_last4.text() or None, \
            self.phone_last4.text() or None

        def check_in():
            done = ap.check_in(ctx, code=code, id_last4=id_last4, phone_last4=phone_last4, source="counter")
            return done, predicted_wait(ctx, done.ticket.category, ticket_id=done.ticket.id)

        self.tasks.run(check_in, done=self._checked_in, failed=self._refused, name="check_in",
                       busy=[self.check_in_button, self.code, self.id_last4, self.phone_last4])

    def _checked_in(self, answer) -> None:
        done, wait = answer
        self.done_check_in = done
        told = done.en if self.lang == "en" else done.zh_CN
        self.result_label.setStyleSheet("")
        self.result_label.setText(f"{done.ticket.code}  {told}  {wait.en if self.lang == 'en' else wait.zh_CN}")
        self.code.clear()
        self.id_last4.clear()
        self.phone_last4.clear()
        self.code.setFocus()

    def _refused(self, exc: Exception) -> None:
        self.result_label.setStyleSheet("color: #b3261e;")
        if isinstance(exc, ap.AppointmentError):
            self.result_label.setText(_message(exc, self.lang))
        else:  # the database is away: said, never a traceback
            log.warning("check-in: %r", exc)
            self.result_label.setText(self.tr("无法连接数据库，请稍后重试"))


def install_appointments(window) -> tuple[QAction, QAction]:
    """The clerk window's two appointment actions, in its queue menu."""
    book = QAction(QCoreApplication.translate("BookingDialog", "预约登记…"), window)
    book.setObjectName("book_appointment")
    book.setShortcut(QKeySequence("Ctrl+Shift+B"))
    book.triggered.connect(lambda: BookingDialog(window.ctx, window).exec())
    check_in = QAction(QCoreApplication.translate("CheckInDialog", "预约签到…"), window)
    check_in.setObjectName("appointment_check_in")
    check_in.setShortcut(QKeySequence("Ctrl+Shift+I"))
    check_in.triggered.connect(lambda: CheckInDialog(window.ctx, window).exec())
    for action in (book, check_in):
        window.addAction(action)
        window.queue_menu.addAction(action)
    return book, check_in
