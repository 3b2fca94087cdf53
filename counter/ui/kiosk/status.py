"""进度查询: the receipt number and a proof, then the receipt's items (masked, both languages)."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from counter import kiosk
from counter.ui.kiosk.common import KioskPage, label, scroll
from counter.ui.kiosk.receipt_query import ReceiptQueryPage

# on the white card, each at least 4.5:1 (tests/test_kiosk_screens.py measures them)
STATUS_COLOURS = {"accepted": "#1565c0", "in_progress": "#6a1b9a", "ready": "#1b5e20",
                  "collected": "#455a64", "rejected": "#b71c1c", "needs_materials": "#a33c00",
                  "cancelled": "#555555"}
BOOKING_CODE_LENGTH = 8  # a booking code scanned on the home screen: check in, not status


class StatusQueryPage(ReceiptQueryPage):
    task_name = "status"

    def __init__(self, shell):
        super().__init__(shell)
        self.from_home_scan = False
        self.query_button = self.submit_button

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("进度查询"))
        self.prompt.setText(self.tr("请将回执上的二维码或条码对准扫描口，或输入回执号"))
        self.query_button.setText(self.tr("查询"))

    def reset(self) -> None:
        super().reset()
        self.from_home_scan = False

    def start(self, first_char: str = "") -> None:
        self.receipt.setFocus()
        self.from_home_scan = bool(first_char)
        if first_char:
            self.receipt.setText(first_char)

    def _receipt_entered(self) -> None:
        typed = self.receipt.text().strip()
        if self.from_home_scan and len(typed) == BOOKING_CODE_LENGTH and typed.isdigit():
            self.shell.open_check_in(typed)  # a booking code, not a receipt (those are 13+ digits)
            return
        super()._receipt_entered()

    def lookup(self, number: str, proof: str):
        ctx = self.ctx
        return (lambda: kiosk.lookup_status(ctx, number, proof)), self.shell.show_status

    query = ReceiptQueryPage.submit


class StatusResultPage(KioskPage):
    def __init__(self, shell):
        super().__init__(shell, titled=True)
        self.view: kiosk.StatusView | None = None
        self.summary = label("subtitle")
        self.lay.addWidget(self.summary)
        self.items = QWidget()
        self.items_layout = QVBoxLayout(self.items)
        self.items_layout.setContentsMargins(0, 0, 0, 0)
        self.items_layout.setSpacing(16)
        self.items_layout.addStretch(1)
        self.lay.addWidget(scroll(self.items), 1)
        self.nav()

    def show_view(self, view: kiosk.StatusView | None) -> None:
        self.view = view
        self.render()

    def reset(self) -> None:
        self.show_view(None)

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("进度查询"))
        self.render()

    def render(self) -> None:
        for card in self.items.findChildren(QWidget, "card", Qt.FindChildOption.FindDirectChildrenOnly):
            self.items_layout.removeWidget(card)
            card.hide()
            card.deleteLater()  # the stretch at the end stays (no Python wrappers of layout items)
        view = self.view
        if view is None:
            self.summary.clear()
            return
        parts = ((self.tr("回执号"), view.receipt_number), (self.tr("申请人"), view.name_masked),
                 (self.tr("受理日期"), self._date(view.accepted_on)))
        joiner = "\n" if self.shell.portrait else self.gap  # a narrow screen: one fact a line, none split
        self.summary.setText(joiner.join(f"{name}{self.colon}{value}" for name, value in parts))
        for item in view.items:
            self.items_layout.insertWidget(self.items_layout.count() - 1, self._item_card(item))

    def _date(self, value: date | None) -> str:
        if value is None:
            return "—"
        return value.isoformat() if self.lang == "en" else f"{value.year}年{value.month}月{value.day}日"

    def _item_card(self, item: kiosk.ItemView) -> QWidget:
        card = QWidget(objectName="card")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        lay = QGridLayout(card)
        lay.setContentsMargins(24, 16, 24, 16)
        name = label("subtitle")
        name.setText(item.name(self.lang))
        status = label(align=Qt.AlignmentFlag.AlignRight)
        colour = STATUS_COLOURS.get(item.status, "#1b1f24")
        status.setStyleSheet(f"color: {colour}; font-weight: bold; font-size: {int(self.shell.font_px() * 1.3)}px;")
        status.setText(item.status_text(self.lang))
        lay.addWidget(name, 0, 0)
        lay.addWidget(status, 0, 1)
        lines = []
        if item.promised_date is not None and item.status in ("accepted", "in_progress"):
            lines.append(self.tr("承诺办结") + self.colon + self._date(item.promised_date))
        if item.status == "ready":
            lines.append(self.tr("可领取"))
            lines.append(self.tr("领取地点") + self.colon + item.collect_where)
            if item.collect_bring is not None:
                lines.append(self.tr("请携带") + self.colon + item.collect_bring(self.lang))
        if item.missing:
            sep = "; " if self.lang == "en" else "；"
            lines.append(self.tr("需补正材料") + self.colon + sep.join(m(self.lang) for m in item.missing))
        elif item.reason:
            lines.append(self.tr("原因") + self.colon + item.reason)
        if item.status == "needs_materials":
            if item.submit_place:
                lines.append(self.tr("送交地点") + self.colon + item.submit_place)
            if item.missing_deadline is not None:
                lines.append(self.tr("请在此日期前补齐") + self.colon + self._date(item.missing_deadline))
        if lines:
            detail = label()
            detail.setText("\n".join(lines))
            lay.addWidget(detail, 1, 0, 1, 2)
        return card
