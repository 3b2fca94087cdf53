"""The kiosk administrator: the PIN (after five taps in the corner), then the kiosk's settings.

The PIN is kept only as a scrypt hash (`counter.kiosk.KioskSettings`); the same PIN opens the
settings (new PIN, idle time, printer) and the "exit kiosk" button.
"""
from __future__ import annotations

import logging

from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QSpinBox, QVBoxLayout

from counter import kiosk
from counter.ui.kiosk.common import KioskPage, label, restyle
from counter.ui.kiosk.keypad import Keypad
from counter.ui.rating_pad import touch_px

log = logging.getLogger(__name__)


def audit(shell, action: str, detail: str) -> None:
    """An administrator's act in the trail, written in the background (the kiosk never waits on it)."""
    ctx = shell.ctx
    shell.tasks.run(lambda: kiosk.audit_kiosk(ctx, action, detail),
                    failed=lambda exc: log.warning("kiosk: audit entry %s not written: %r", action, exc))


class PinPage(KioskPage):
    def __init__(self, shell):
        super().__init__(shell, titled=True)
        self.wrong = False
        row = QHBoxLayout()
        form = QVBoxLayout()
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(12)
        self.pin_edit.returnPressed.connect(self.check_pin)
        self.error = label("error")
        form.addWidget(self.pin_edit)
        form.addWidget(self.error)
        form.addStretch(1)
        row.addLayout(form, 3)
        row.addWidget(Keypad([self.pin_edit]), 2)
        self.lay.addLayout(row, 1)
        self.ok = QPushButton(objectName="primary")
        self.ok.clicked.connect(self.check_pin)
        self.nav(self.ok)

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("管理员PIN"))
        self.ok.setText(self.tr("确定"))
        self.error.setText(self.tr("PIN 不正确") if self.wrong else "")

    def reset(self) -> None:
        self.pin_edit.clear()
        self.wrong = False
        self.error.clear()

    def check_pin(self) -> None:
        if not self.shell.settings.check_pin(self.pin_edit.text()):
            self.pin_edit.clear()
            self.wrong = True
            self.error.setText(self.tr("PIN 不正确"))
            log.warning("kiosk: wrong administrator PIN")
            audit(self.shell, "kiosk.pin_failed", "wrong administrator PIN at the kiosk")
            return
        self.reset()
        self.shell.open_settings()


class SettingsPage(KioskPage):
    def __init__(self, shell):
        super().__init__(shell, titled=True)
        self.message_key: str | None = None  # "saved", or an error shown in its own language
        self.error_shown: kiosk.KioskError | None = None
        grid = QGridLayout()
        grid.setSpacing(14)
        self.new_pin = QLineEdit()
        self.new_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pin.setMaxLength(12)
        self.idle_seconds = QSpinBox()
        self.idle_seconds.setRange(15, 600)
        self.printer_choice = QComboBox()
        self.labels = [label() for _ in range(3)]
        for row, widget in enumerate((self.new_pin, self.idle_seconds, self.printer_choice)):
            grid.addWidget(self.labels[row], row, 0)
            grid.addWidget(widget, row, 1)
        self.idle_seconds.setMinimumHeight(touch_px(self))
        self.printer_choice.setMinimumHeight(touch_px(self))
        self.lay.addLayout(grid)
        self.message = label("ok")
        self.lay.addWidget(self.message)
        self.lay.addStretch(1)
        self.save = QPushButton(objectName="primary")
        self.save.clicked.connect(self.save_settings)
        self.exit_button = QPushButton()
        self.exit_button.setStyleSheet("QPushButton { border-color: #c62828; color: #c62828; }")
        self.exit_button.clicked.connect(shell.exit_kiosk)
        self.nav(self.exit_button, self.save)

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("自助机设置"))
        for line, text in zip(self.labels, (self.tr("新PIN（4–12位数字，留空不改）"), self.tr("无操作返回首页（秒）"),
                                            self.tr("号票打印机")), strict=True):
            line.setText(text)
        if self.printer_choice.count():
            self.printer_choice.setItemText(0, self.tr("（不打印，仅保存PDF）"))
        self.save.setText(self.tr("保存"))
        self.exit_button.setText(self.tr("退出自助机"))
        self._show_message()

    def reset(self) -> None:
        self.new_pin.clear()

    def load(self) -> None:
        from PySide6.QtPrintSupport import QPrinterInfo

        settings = self.shell.settings
        self.new_pin.clear()
        self.message_key, self.error_shown = None, None
        self._show_message()
        self.idle_seconds.setValue(settings.idle_seconds)
        self.printer_choice.clear()
        self.printer_choice.addItem(self.tr("（不打印，仅保存PDF）"), "")
        for name in QPrinterInfo.availablePrinterNames():
            self.printer_choice.addItem(name, name)
        index = self.printer_choice.findData(settings.printer_name)
        self.printer_choice.setCurrentIndex(max(0, index))

    def save_settings(self) -> None:
        settings = self.shell.settings
        try:
            if self.new_pin.text():
                settings.set_pin(self.new_pin.text())
        except kiosk.KioskError as exc:
            self.message_key, self.error_shown = "error", exc
            self._show_message()
            return
        pin_changed = bool(self.new_pin.text())
        self.new_pin.clear()
        settings.idle_seconds = self.idle_seconds.value()
        settings.printer_name = self.printer_choice.currentData() or ""
        settings.save()
        audit(self.shell, "setting.changed", f"kiosk settings: idle {settings.idle_seconds} s, printer "
              f"{settings.printer_name or '-'}" + (", PIN changed" if pin_changed else ""))
        self.shell.idle.setInterval(settings.idle_seconds * 1000)
        self.message_key, self.error_shown = "saved", None
        self._show_message()

    def _show_message(self) -> None:
        if self.message_key == "error" and self.error_shown is not None:
            self.message.setText(self.error_shown.text(self.lang))
            restyle(self.message, "error")
        elif self.message_key == "saved":
            self.message.setText(self.tr("已保存"))
            restyle(self.message, "ok")
        else:
            self.message.clear()
