"""评价: the receipt number and a proof (counted like a status lookup), then the five levels."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout

from counter import kiosk
from counter.ui.kiosk.common import (LOOKING_UP, KioskPage, citizen_error, label, proof_edit, proof_ready, receipt_edit,
                                     take_scan)
from counter.ui.kiosk.keypad import Keypad
from counter.ui.rating_pad import RatingPanel


class RateQueryPage(KioskPage):
    def __init__(self, shell):
        super().__init__(shell, titled=True)
        self.prompt = label("subtitle")
        self.lay.addWidget(self.prompt)
        row = QHBoxLayout()
        row.setSpacing(36)
        form = QVBoxLayout()
        self.receipt_label = label()
        self.receipt = receipt_edit()
        self.receipt.returnPressed.connect(self._receipt_entered)
        self.proof_label = label()
        self.proof = proof_edit()
        self.proof.returnPressed.connect(self.start_rating)
        self.message_line()
        for w in (self.receipt_label, self.receipt, self.proof_label, self.proof, self.error):
            form.addWidget(w)
        form.addStretch(1)
        row.addLayout(form, 3)
        self.keypad = Keypad([self.receipt, self.proof])
        row.addWidget(self.keypad, 2)
        self.turning = [row]
        self.lay.addLayout(row, 1)
        self.next = QPushButton(objectName="primary")
        self.next.clicked.connect(self.start_rating)
        self.nav(self.next)

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("评价"))
        self.prompt.setText(self.tr("请扫描回执二维码，或输入回执号和查询码（或身份证号后四位），对本次办事进行评价"))
        self.receipt_label.setText(self.tr("回执号"))
        self.proof_label.setText(self.tr("请输入回执上的8位查询码，或申请人身份证号码的后四位"))
        self.proof.setPlaceholderText(self.tr("查询码或身份证号后四位"))
        self.next.setText(self.tr("下一步"))
        self.show_said()

    def reset(self) -> None:
        self.receipt.clear()
        self.proof.clear()
        self.say(None)

    def _receipt_entered(self) -> None:
        if take_scan(self.receipt, self.proof):
            self.start_rating()
        elif self.receipt.text().strip():
            self.proof.setFocus()

    def start_rating(self) -> None:
        """The proof first (counted like a status lookup), then the five levels."""
        number = kiosk.parse_scan(self.receipt.text())[0]
        if not number:
            self.receipt.setFocus()
            return
        if not proof_ready(self.proof):
            self.proof.setFocus()
            return
        proof = kiosk.normalise_proof(self.proof.text())
        self.proof.clear()
        ctx = self.ctx
        if self.shell.tasks.run(lambda: kiosk.start_rating(ctx, number, proof),
                                done=lambda _none: self._ready(number, proof), failed=self._failed,
                                busy=[self.next, self.receipt, self.proof], name="rating"):
            self.say(LOOKING_UP, "subtitle")

    def _ready(self, number: str, proof: str) -> None:
        self.say(None)
        self.shell.show_rating(number, proof)  # the proof is kept until the rating is sent or the kiosk goes home

    def _failed(self, exc: Exception) -> None:
        self.say(citizen_error(exc))
        self.proof.setFocus()


class RateLevelsPage(KioskPage):
    def __init__(self, shell):
        super().__init__(shell)
        self.rating = RatingPanel(self.ctx, shell.lang, source="kiosk", tasks=shell.tasks)
        self.lay.addWidget(self.rating, 1)  # home is in the header: the levels get the height

    def reset(self) -> None:
        self.rating.reset()

    def set_portrait(self, portrait: bool) -> None:
        self.rating.set_portrait(portrait)
