"""What 进度查询 and 评价 both ask first: the receipt number and a proof (the receipt's 8-digit
query code or the ID's last four), scanned from the receipt's code or typed on the keypad."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout

from counter import kiosk
from counter.ui.kiosk.common import (
    LOOKING_UP,
    KioskPage,
    citizen_error,
    label,
    proof_edit,
    proof_ready,
    receipt_edit,
    take_scan,
)
from counter.ui.kiosk.keypad import Keypad


class ReceiptQueryPage(KioskPage):
    """The fields, the keypad and the button; a subclass says what the pair is looked up for
    (`lookup`) and names its task."""

    task_name = "receipt"

    def __init__(self, shell):
        super().__init__(shell, titled=True)
        self.prompt = label("subtitle")
        self.lay.addWidget(self.prompt)
        row = QHBoxLayout()
        row.setSpacing(36)
        form = QVBoxLayout()
        form.setSpacing(12)
        self.receipt_label = label()
        self.receipt = receipt_edit()
        self.receipt.returnPressed.connect(self._receipt_entered)
        self.proof_label = label()
        self.proof = proof_edit()
        self.proof.returnPressed.connect(self.submit)
        for widget in (self.receipt_label, self.receipt, self.proof_label, self.proof, self.message_line()):
            form.addWidget(widget)
        form.addStretch(1)
        row.addLayout(form, 3)
        self.keypad = Keypad([self.receipt, self.proof])
        row.addWidget(self.keypad, 2)
        self.turning = [row]
        self.lay.addLayout(row, 1)
        self.submit_button = QPushButton(objectName="primary")
        self.submit_button.clicked.connect(self.submit)
        self.nav(self.submit_button)

    def lookup(self, number: str, proof: str) -> tuple[Callable[[], Any], Callable[[Any], None]]:
        """(the background work, what to do with its result on the GUI thread)."""
        raise NotImplementedError

    def retranslate(self) -> None:
        super().retranslate()  # one context for the shared texts, whichever page shows them
        self.receipt_label.setText(QCoreApplication.translate("ReceiptQueryPage", "回执号"))
        self.proof_label.setText(QCoreApplication.translate(
            "ReceiptQueryPage", "请输入回执上的8位查询码，或申请人身份证号码的后四位"))
        self.proof.setPlaceholderText(QCoreApplication.translate("ReceiptQueryPage", "查询码或身份证号后四位"))
        self.show_said()

    def reset(self) -> None:
        self.receipt.clear()
        self.proof.clear()
        self.say(None)

    def _receipt_entered(self) -> None:
        if take_scan(self.receipt, self.proof):
            self.submit()
        elif self.receipt.text().strip():
            self.proof.setFocus()

    def submit(self) -> None:
        number = kiosk.parse_scan(self.receipt.text())[0]
        if not number:
            self.receipt.setFocus()
            return
        if not proof_ready(self.proof):
            self.proof.setFocus()
            return
        proof = self.proof.text()
        self.proof.clear()
        work, then = self.lookup(number, proof)

        def done(result) -> None:
            self.say(None)
            then(result)

        if self.shell.tasks.run(work, done=done, failed=self._failed,
                                busy=[self.submit_button, self.receipt, self.proof], name=self.task_name):
            self.say(LOOKING_UP, "subtitle")

    def _failed(self, exc: Exception) -> None:
        self.say(citizen_error(exc))
        self.proof.setFocus()
