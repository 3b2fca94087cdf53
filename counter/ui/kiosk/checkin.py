"""预约签到: scan the booking code, or type the ID's last 4 and the phone's last 4 on the keypad.

The booking code is 8 digits on the booking SMS or the platform's QR code; a scanner types it
and ends with Enter, which checks in at once (0 taps after the home tile, or none at all when
scanned on the home screen). Without it the citizen types two groups of four on the keypad.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout

from counter.forms.spec import Text
from counter.ui.kiosk.common import KioskPage, label
from counter.ui.kiosk.keypad import Keypad


def four_edit(hidden: bool = False) -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(4)
    if hidden:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class CheckInPage(KioskPage):
    def __init__(self, shell):
        super().__init__(shell, titled=True)
        self.prompt = label("subtitle")
        self.lay.addWidget(self.prompt)
        row = QHBoxLayout()
        row.setSpacing(36)
        form = QVBoxLayout()
        form.setSpacing(12)
        self.code_label = label()
        self.code = QLineEdit()
        self.code.setMaxLength(20)
        self.code.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.code.returnPressed.connect(self.check_in)
        self.or_label = label("muted")
        self.id_label = label()
        self.id4 = four_edit(hidden=True)
        self.phone_label = label()
        self.phone4 = four_edit()
        self.id4.textChanged.connect(self._id_typed)
        self.phone4.returnPressed.connect(self.check_in)
        self.message_line()
        for w in (self.code_label, self.code, self.or_label, self.id_label, self.id4, self.phone_label,
                  self.phone4, self.error):
            form.addWidget(w)
        form.addStretch(1)
        row.addLayout(form, 3)
        self.keypad = Keypad([self.code, self.id4, self.phone4])
        row.addWidget(self.keypad, 2)
        self.turning = [row]
        self.lay.addLayout(row, 1)
        self.submit = QPushButton(objectName="primary")
        self.submit.clicked.connect(self.check_in)
        self.nav(self.submit)

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("预约签到"))
        self.prompt.setText(self.tr("请将预约短信或预约二维码对准扫描口，或输入下面两组四位数字"))
        self.code_label.setText(self.tr("预约码"))
        self.or_label.setText(self.tr("或者"))
        self.id_label.setText(self.tr("身份证号码后四位"))
        self.phone_label.setText(self.tr("手机号码后四位"))
        self.submit.setText(self.tr("签到"))
        self.show_said()

    def reset(self) -> None:
        for edit in (self.code, self.id4, self.phone4):
            edit.clear()
        self.show_error(None)

    def start(self, code: str = "") -> None:
        self.code.setText(code)
        self.code.setFocus()
        if code:
            self.check_in()

    def _id_typed(self, text: str) -> None:
        if len(text) == 4 and self.id4.hasFocus():
            self.phone4.setFocus()  # the keypad goes on to the phone's four

    def check_in(self) -> None:
        code = self.code.text().strip()
        id4, phone4 = self.id4.text().strip().upper(), self.phone4.text().strip()
        if not code and len(id4) != 4:
            self.id4.setFocus()
            return
        if not code and len(phone4) != 4:
            self.phone4.setFocus()
            return
        self.show_error(None)
        if code:
            self.shell.check_in(code=code)
        else:
            self.shell.check_in(id_last4=id4, phone_last4=phone4)

    def show_error(self, text: Text | None) -> None:
        self.say(text)
        if text is not None:
            self.code.clear()
