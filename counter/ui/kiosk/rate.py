"""评价: the receipt number and a proof (counted like a status lookup), then the five levels."""
from __future__ import annotations

from counter import kiosk
from counter.ui.kiosk.common import KioskPage
from counter.ui.kiosk.receipt_query import ReceiptQueryPage
from counter.ui.rating_pad import RatingPanel


class RateQueryPage(ReceiptQueryPage):
    task_name = "rating"

    def __init__(self, shell):
        super().__init__(shell)
        self.next = self.submit_button

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("评价"))
        self.prompt.setText(self.tr("请扫描回执二维码，或输入回执号和查询码（或身份证号后四位），对本次办事进行评价"))
        self.next.setText(self.tr("下一步"))

    def lookup(self, number: str, proof: str):
        """The proof first (counted like a status lookup), then the five levels."""
        ctx, proof = self.ctx, kiosk.normalise_proof(proof)
        # the proof is kept until the rating is sent or the kiosk goes home
        return (lambda: kiosk.start_rating(ctx, number, proof)), (lambda _none: self.shell.show_rating(number, proof))

    start_rating = ReceiptQueryPage.submit


class RateLevelsPage(KioskPage):
    def __init__(self, shell):
        super().__init__(shell)
        self.rating = RatingPanel(self.ctx, shell.lang, source="kiosk", tasks=shell.tasks)
        self.lay.addWidget(self.rating, 1)  # home is in the header: the levels get the height

    def reset(self) -> None:
        self.rating.reset()

    def set_portrait(self, portrait: bool) -> None:
        self.rating.set_portrait(portrait)
