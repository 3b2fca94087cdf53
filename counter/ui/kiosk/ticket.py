"""取号: choose a queue, get the number on screen and on a printed slip."""
from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout

from counter import kiosk
from counter.categories import CATEGORIES
from counter.queueing import QueueError
from counter.ui.kiosk.common import KioskPage, Tile, label, restyle

log = logging.getLogger(__name__)


class TicketChoicePage(KioskPage):
    def __init__(self, shell):
        super().__init__(shell, titled=True)
        grid = QGridLayout()
        grid.setSpacing(24)
        self.buttons: dict[str, Tile] = {}
        for i, cat in enumerate(CATEGORIES):
            button = Tile("tileGreen" if cat.priority else "tile")
            button.clicked.connect(lambda _=False, c=cat.letter: shell.take_ticket(c))
            grid.addWidget(button, i // 2, i % 2)
            self.buttons[cat.letter] = button
        self.lay.addLayout(grid, 1)
        self.error = label("error")
        self.lay.addWidget(self.error)
        self.nav()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("请选择业务类别"))
        for cat in CATEGORIES:  # the categories are data, bilingual like the catalogue
            self.buttons[cat.letter].set_texts(f"{cat.letter}  {cat.name(self.lang)}", cat.who(self.lang))

    def reset(self) -> None:
        self.error.clear()

    def show_error(self, exc: QueueError) -> None:
        self.error.setText(exc.en if self.lang == "en" else exc.zh_CN)


class TicketDonePage(KioskPage):
    """The number, the people ahead, and where the slip is (or that it could not be printed)."""

    def __init__(self, shell):
        super().__init__(shell)
        self.ticket = None
        self.print_failed = False
        self.lay.addStretch(1)
        self.caption = label("subtitle", align=Qt.AlignmentFlag.AlignHCenter)
        self.code = label("huge", align=Qt.AlignmentFlag.AlignHCenter)
        self.ahead = label("title", align=Qt.AlignmentFlag.AlignHCenter)
        self.hint = label("subtitle", align=Qt.AlignmentFlag.AlignHCenter)
        for line in (self.caption, self.code, self.ahead, self.hint):
            self.lay.addWidget(line)
        self.lay.addStretch(1)
        self.nav()

    def show_ticket(self, ticket) -> None:
        """Print the ticket's slip through the kiosk's printer, then show the number."""
        self.ticket, self.print_failed = ticket, False
        try:
            from counter.printing.ticket_slip import render_ticket_slip

            self.shell.printer(render_ticket_slip(kiosk.slip_data(self.ctx, ticket, self.lang)),
                               f"ticket-{ticket.code}")
        except Exception:  # the citizen still has the number on screen
            log.exception("kiosk: ticket slip %s could not be printed", ticket.code)
            self.print_failed = True
        self.retranslate()

    def reset(self) -> None:
        self.ticket, self.print_failed = None, False
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        if self.ticket is None:
            for line in (self.caption, self.code, self.ahead, self.hint):
                line.clear()
            return
        yours = self.tr("您的号码")
        self.caption.setText(f"{yours} · {self.ticket.label.en if self.lang == 'en' else self.ticket.label.zh}")
        self.code.setText(self.ticket.code)
        self.ahead.setText(self.tr("前面还有 {n} 人等候").format(n=self.ticket.waiting_ahead))
        if self.print_failed:
            self.hint.setText(self.tr("号票打印失败，请记住您的号码或到咨询台求助"))
        else:
            self.hint.setText(self.tr("请取走号票，留意大厅显示屏和语音叫号"))
        restyle(self.hint, "error" if self.print_failed else "subtitle")
