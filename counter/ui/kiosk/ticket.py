"""取号: choose a queue, get the number, the predicted wait and a printed slip; home after 10 s."""
from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QPushButton

from counter import kiosk
from counter.categories import CATEGORIES
from counter.forms.spec import Text
from counter.ui.kiosk.common import KioskPage, Tile, label, restyle

log = logging.getLogger(__name__)

RETURN_MS = 10_000  # the next citizen must not find the previous number on screen
WAITING = Text("正在取号，请稍候…", "Getting your number, please wait…")


class TicketChoicePage(KioskPage):
    def __init__(self, shell):
        super().__init__(shell, titled=True)
        self.grid = QGridLayout()
        self.grid.setSpacing(24)
        self.buttons: dict[str, Tile] = {}
        for cat in CATEGORIES:
            button = Tile("tileGreen" if cat.priority else "tile")
            button.clicked.connect(lambda _=False, c=cat.letter: shell.take_ticket(c))
            self.buttons[cat.letter] = button
        self.set_portrait(False)
        self.lay.addLayout(self.grid, 1)
        self.lay.addWidget(self.message_line())
        self.nav()

    def set_portrait(self, portrait: bool) -> None:
        columns = 1 if portrait else 2
        for i, button in enumerate(self.buttons.values()):
            self.grid.addWidget(button, i // columns, i % columns)

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("请选择业务类别"))
        for cat in CATEGORIES:  # the categories are data, bilingual like the catalogue
            self.buttons[cat.letter].set_texts(f"{cat.letter}  {cat.name(self.lang)}", cat.who(self.lang))
        self.show_said()

    def reset(self) -> None:
        self.say(None)

    def show_waiting(self) -> None:
        """A slow network: say the press was taken (the tiles are greyed meanwhile)."""
        self.say(WAITING, "subtitle")

    def show_error(self, text: Text) -> None:
        self.say(text)


class TicketDonePage(KioskPage):
    """The number, the people ahead, the predicted wait, where the slip is; home after 10 s."""

    def __init__(self, shell, return_ms: int = RETURN_MS):
        super().__init__(shell)
        self.issued: kiosk.KioskTicket | None = None
        self.print_failed = False
        self.lay.addStretch(1)
        self.told = label("ok", align=Qt.AlignmentFlag.AlignHCenter)
        self.caption = label("subtitle", align=Qt.AlignmentFlag.AlignHCenter)
        self.code = label("huge", align=Qt.AlignmentFlag.AlignHCenter)
        self.ahead = label("title", align=Qt.AlignmentFlag.AlignHCenter)
        self.wait = label("title", align=Qt.AlignmentFlag.AlignHCenter)
        self.hint = label("subtitle", align=Qt.AlignmentFlag.AlignHCenter)
        for line in (self.told, self.caption, self.code, self.ahead, self.wait, self.hint):
            self.lay.addWidget(line)
        self.lay.addStretch(1)
        self.done = QPushButton(objectName="primary")
        self.done.clicked.connect(shell.go_home)
        self.nav(self.done)
        self.back_home = QTimer(self, singleShot=True)
        self.back_home.setInterval(return_ms)
        self.back_home.timeout.connect(shell.go_home)

    @property
    def ticket(self):
        return self.issued.ticket if self.issued else None

    def show_ticket(self, issued: kiosk.KioskTicket) -> None:
        """Print the slip (rendered in the task) through the kiosk's printer, show the number."""
        self.issued, self.print_failed = issued, False
        try:
            if not issued.slip_pdf:
                raise ValueError("no slip rendered")
            self.shell.printer(issued.slip_pdf, f"ticket-{issued.ticket.code}")
        except Exception:  # the citizen still has the number on screen
            log.exception("kiosk: ticket slip %s could not be printed", issued.ticket.code)
            self.print_failed = True
        self.retranslate()
        self.back_home.start()

    def reset(self) -> None:
        self.issued, self.print_failed = None, False
        self.back_home.stop()
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.done.setText(self.tr("完成"))
        lines = (self.told, self.caption, self.code, self.ahead, self.wait, self.hint)
        if self.issued is None:
            for line in lines:
                line.clear()
            return
        ticket = self.issued.ticket
        self.told.setText(self.issued.told(self.lang) if self.issued.told else "")
        self.told.setVisible(self.issued.told is not None)
        yours = self.tr("您的号码")
        self.caption.setText(f"{yours} · {ticket.label.en if self.lang == 'en' else ticket.label.zh}")
        self.code.setText(ticket.code)
        self.ahead.setText(self.tr("前面还有 {n} 人等候").format(n=ticket.waiting_ahead))
        self.wait.setText(self.issued.wait(self.lang))
        if self.print_failed:
            self.hint.setText(self.tr("号票打印失败，请记住您的号码或到咨询台求助"))
        else:
            self.hint.setText(self.tr("请取走号票，留意大厅显示屏和语音叫号"))
        restyle(self.hint, "error" if self.print_failed else "subtitle")
