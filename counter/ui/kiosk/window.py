"""The kiosk's frame: header, the stack of pages, the idle timer, lock-down and the language switch.

Each flow's pages live in their own module (home, ticket, guide, status, rate, admin) and set
their own layout and texts; this window only moves between them. After `idle_ms` (60 s, from
the kiosk settings) without a touch or key the kiosk goes home and every page forgets what was
typed or shown (`KioskPage.reset`).

Locked down: Esc, Alt+F4, Ctrl+W/Q and closing the window do nothing. An administrator taps
the top-left corner five times within 3 s, then enters the PIN (`admin.PinPage`).
"""
from __future__ import annotations

import logging
import time
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter import kiosk
from counter.context import AppContext
from counter.ui.kiosk.admin import PinPage, SettingsPage, audit
from counter.ui.kiosk.checkin import CheckInPage
from counter.ui.kiosk.common import LOOKING_UP, KioskPage, citizen_error, label
from counter.ui.kiosk.guide import GuideDetailPage, GuideListPage
from counter.ui.kiosk.home import HomePage
from counter.ui.citizen_language import CitizenLanguage, announce_language_change
from counter.ui.kiosk.printing import Printer, default_printer
from counter.ui.kiosk.rate import RateLevelsPage, RateQueryPage
from counter.ui.kiosk.status import StatusQueryPage, StatusResultPage
from counter.ui.kiosk.ticket import RETURN_MS, TicketChoicePage, TicketDonePage
from counter.ui.rating_pad import base_font_px, touch_px, touch_style
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

CORNER_TAPS = 5
CORNER_SECONDS = 3.0
ESCAPE_KEYS = {Qt.Key.Key_Escape}
CLOSE_CHORDS = {(Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
                (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
                (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)}
ACTIVITY = {QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.TouchBegin,
            QEvent.Type.Wheel, QEvent.Type.InputMethod}


class KioskWindow(CitizenLanguage, QWidget):
    """The kiosk: home with four big choices, each flow a page of `self.pages`."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, printer: Printer | None = None,
                 idle_ms: int | None = None, settings: kiosk.KioskSettings | None = None,
                 lang: str | None = None, now: Callable[[], float] = time.monotonic,
                 ticket_return_ms: int = RETURN_MS):
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = TaskRunner(self)  # every database call of a flow runs off the GUI thread
        self.change_listener = None
        if ctx.engine.dialect.name == "postgresql":  # a hall: the grace for check-ins and the
            from counter.ui.change_listener import listen_for_changes  # status texts follow a save

            self.change_listener = listen_for_changes(ctx, self)
        self.portrait = False
        self._ticket_return_ms = ticket_return_ms
        self.settings = settings or kiosk.KioskSettings.load()
        self.printer = printer or default_printer(self.settings)
        self.lang = lang or ("en" if getattr(ctx.config, "lang", "zh_CN") == "en" else "zh_CN")
        self._now = now
        self._taps: list[float] = []
        self._admin_exit = False

        self.setObjectName("KioskRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowFlags(self.windowFlags() | Qt.WindowType.FramelessWindowHint)
        self._build()
        self.idle = QTimer(self, singleShot=True)
        self.idle.setInterval(idle_ms if idle_ms is not None else self.settings.idle_seconds * 1000)
        self.idle.timeout.connect(self.go_home)
        self.pages.currentChanged.connect(self._page_changed)
        QApplication.instance().installEventFilter(self)
        self.destroyed.connect(self._forget_filter)
        announce_language_change(self)
        self.go_home()
        self._page_changed(self.pages.currentIndex())

    # ------------------------------------------------------------------ language
    def set_language(self, lang: str) -> None:
        self.lang = lang
        announce_language_change(self)  # every page's retranslate(), in place

    def toggle_language(self) -> None:
        self.set_language("en" if self.lang == "zh_CN" else "zh_CN")

    def citizen_lang(self) -> str:
        return self.lang

    def retranslate(self) -> None:
        title = self.tr("自助服务")
        self.setWindowTitle(title)
        self.header_title.setText(f"{self.ctx.station.name} · {title}")
        self.home_button.setText(self.tr("返回首页"))
        self.lang_button.setText("English" if self.lang == "zh_CN" else "中文")  # each language in its own words

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(self._header())
        self.pages = QStackedWidget()
        body = QVBoxLayout()
        body.setContentsMargins(36, 16, 36, 16)
        body.addWidget(self.pages)
        root.addLayout(body, 1)
        self.home_page = self._add(HomePage(self))
        self.ticket_page = self._add(TicketChoicePage(self))
        self.ticket_done_page = self._add(TicketDonePage(self, self._ticket_return_ms))
        self.check_in_page = self._add(CheckInPage(self))
        self.guide_page = self._add(GuideListPage(self))
        self.guide_detail_page = self._add(GuideDetailPage(self))
        self.status_page = self._add(StatusQueryPage(self))
        self.status_result_page = self._add(StatusResultPage(self))
        self.rate_page = self._add(RateQueryPage(self))
        self.rate_levels_page = self._add(RateLevelsPage(self))
        self.pin_page = self._add(PinPage(self))
        self.settings_page = self._add(SettingsPage(self))

    def _add(self, page):
        self.pages.addWidget(page)
        return page

    def _header(self) -> QWidget:
        bar = QWidget(objectName="headerBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        lay = QHBoxLayout(bar)
        lay.setContentsMargins(0, 8, 24, 8)
        self.corner = QPushButton(objectName="corner")
        self.corner.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.corner.setFlat(True)
        self.corner.clicked.connect(self.corner_tapped)
        lay.addWidget(self.corner)
        self.header_title = label("header")  # wraps on a narrow (portrait) screen
        lay.addWidget(self.header_title, 1)
        self.home_button = QPushButton(objectName="headerButton")
        self.home_button.clicked.connect(self.go_home)
        self.lang_button = QPushButton(objectName="headerButton")
        self.lang_button.clicked.connect(self.toggle_language)
        lay.addWidget(self.home_button)
        lay.addWidget(self.lang_button)
        return bar

    # ------------------------------------------------------------------ the flows
    def open_ticket(self) -> None:
        self.ticket_page.reset()
        self.pages.setCurrentWidget(self.ticket_page)

    def take_ticket(self, category: str) -> None:
        ctx = self.ctx
        self.ticket_page.reset()
        if self.tasks.run(lambda: kiosk.issue_at_kiosk(ctx, category), done=self.show_ticket,
                          failed=lambda exc: self.ticket_page.show_error(citizen_error(exc)),
                          busy=list(self.ticket_page.buttons.values()), name="ticket"):
            self.ticket_page.show_waiting()

    def show_ticket(self, issued: kiosk.KioskTicket) -> None:
        self.ticket_done_page.show_ticket(issued)
        self.pages.setCurrentWidget(self.ticket_done_page)

    def open_check_in(self, code: str = "") -> None:
        self.check_in_page.reset()
        self.pages.setCurrentWidget(self.check_in_page)
        self.check_in_page.start(code)

    def check_in(self, *, code: str = "", id_last4: str = "", phone_last4: str = "") -> None:
        ctx, page = self.ctx, self.check_in_page
        if self.tasks.run(lambda: kiosk.check_in_at_kiosk(ctx, code=code, id_last4=id_last4, phone_last4=phone_last4),
                          done=self.show_ticket, failed=lambda exc: page.show_error(citizen_error(exc)),
                          busy=[page.submit, page.code, page.id4, page.phone4], name="checkin"):
            page.say(LOOKING_UP, "subtitle")

    def open_guide(self) -> None:
        self.guide_page.reset()
        self.pages.setCurrentWidget(self.guide_page)

    def open_guide_list(self) -> None:
        """Back from a procedure to the list as it was left."""
        self.pages.setCurrentWidget(self.guide_page)

    def show_procedure(self, code: str) -> None:
        self.guide_detail_page.show_procedure(code)
        self.pages.setCurrentWidget(self.guide_detail_page)

    def open_status(self, first_char: str = "") -> None:
        self.status_page.reset()
        self.status_result_page.reset()
        self.pages.setCurrentWidget(self.status_page)
        self.status_page.start(first_char)

    def show_status(self, view: kiosk.StatusView) -> None:
        self.status_result_page.show_view(view)
        self.pages.setCurrentWidget(self.status_result_page)

    def open_rate(self) -> None:
        self.rate_page.reset()
        self.pages.setCurrentWidget(self.rate_page)
        self.rate_page.receipt.setFocus()

    def show_rating(self, number: str, proof: str) -> None:
        self.rate_levels_page.rating.set_receipt(number, proof=proof)
        self.pages.setCurrentWidget(self.rate_levels_page)

    # ------------------------------------------------------------------ administrator
    def corner_tapped(self) -> None:
        now = self._now()
        self._taps = [t for t in self._taps if now - t <= CORNER_SECONDS] + [now]
        if len(self._taps) >= CORNER_TAPS:
            self._taps.clear()
            self.pin_page.reset()
            self.pages.setCurrentWidget(self.pin_page)
            self.pin_page.pin_edit.setFocus()

    def open_settings(self) -> None:
        self.settings_page.load()
        self.pages.setCurrentWidget(self.settings_page)

    def unlock(self) -> None:
        """Let the window close (the administrator's exit; tests' teardown)."""
        self._admin_exit = True

    def exit_kiosk(self) -> None:
        log.info("kiosk: administrator exit")
        audit(self, "kiosk.exit", "administrator left the kiosk")
        self.unlock()
        self.close()

    # ------------------------------------------------------------------ idle and lock-down
    def go_home(self) -> None:
        """Home, with everything typed or shown cleared."""
        for page in self.pages.findChildren(KioskPage):
            page.reset()
        self._taps.clear()
        self.pages.setCurrentWidget(self.home_page)
        self.idle.stop()

    def _forget_filter(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def _mine(self, obj: QObject) -> bool:
        return obj is self or (isinstance(obj, QWidget) and obj.window() is self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in ACTIVITY:
            return False
        try:
            mine = self._mine(obj)
        except RuntimeError:  # a C++ object already gone
            return False
        if not mine:
            return False
        if kind == QEvent.Type.KeyPress:
            key = event.key()
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if key in ESCAPE_KEYS or any(key == k and mods == m for k, m in CLOSE_CHORDS):
                return True  # swallowed: the kiosk cannot be left from the keyboard
            if self.pages.currentWidget() is self.home_page and event.text().isdigit():
                self.open_status(event.text())  # a receipt scanned on the home screen
                self._activity()
                return True
        self._activity()
        return False

    def _activity(self) -> None:
        if self.pages.currentWidget() is not self.home_page:
            self.idle.start()

    def _page_changed(self, _index: int) -> None:
        self.home_button.setVisible(self.pages.currentWidget() is not self.home_page)
        if self.pages.currentWidget() is self.home_page:
            self.idle.stop()
        else:
            self.idle.start()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        if self._admin_exit:
            self.idle.stop()
            self.tasks.close()
            if self.change_listener is not None:
                self.change_listener.stop()
            self._forget_filter()
            event.accept()
            return
        event.ignore()

    # ------------------------------------------------------------------ sizing
    def font_px(self) -> int:
        # from the short side: 30 px on a 1080p panel either way round, never under 24 px
        return base_font_px(self)

    def _restyle(self) -> None:
        target = touch_px(self)
        self.setStyleSheet(touch_style(self.font_px(), target))
        self.corner.setFixedSize(target + 8, target + 8)
        # hidden pages do not tell their layouts that their sizes changed (updateGeometry skips
        # hidden widgets), and the stack's minimum is the largest page's: forget every cached size
        for layout in self.findChildren(QLayout):
            layout.invalidate()

    def _orient(self) -> None:
        """A portrait layout when the screen is taller than wide, chosen by the aspect ratio."""
        portrait = self.height() > self.width()
        if portrait == self.portrait:
            return
        self.portrait = portrait
        for page in self.pages.findChildren(KioskPage):
            page.set_portrait(portrait)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._orient()
        self._restyle()
        if self.status_result_page.view is not None:
            self.status_result_page.render()

    def showEvent(self, event) -> None:
        from counter.ui.fullscreen import free_minimum

        super().showEvent(event)
        free_minimum(self)  # type follows the size: the layout must not hold the window larger
        self._restyle()

    def showFullScreen(self) -> None:
        from counter.ui.fullscreen import fill_screen

        super().showFullScreen()
        fill_screen(self)  # frameless, often without a window manager: take the screen ourselves
