"""The citizens' kiosk (`python main.py --kiosk`): take a ticket, read the guide, check status, rate.

Touch first: full screen without a frame, targets at least 15 mm (from the screen's logical
DPI), large type, Simplified Chinese with a one-tap switch to English that changes every text
in place. Every flow is a page of one QStackedWidget; after `idle_ms` (60 s, from the kiosk
settings) without a touch or key the kiosk goes home and clears everything typed or shown.

Barcode scanners type like keyboards and end with Enter: the receipt fields take them, and a
scan on the home screen opens the status page with the number already in. Status and rating
both ask for a proof after the receipt number, in one field: the receipt's 8-digit query code
or the applicant's ID's last four (`counter.kiosk`). A scanned QR code that holds
`NUMBER-CODE` fills in both and goes straight on.

Locked down: Esc, Alt+F4, Ctrl+W/Q and closing the window do nothing. An administrator taps
the top-left corner five times within 3 s, then enters the PIN; the same PIN opens the kiosk
settings (new PIN, idle time, printer) and the "exit kiosk" button. The PIN is kept only as a
scrypt hash in `kiosk.json` in the data folder (see `counter.kiosk.KioskSettings`).

Printing goes through one hook, `printer(pdf_bytes, name)`: by default the PDF is saved in
`<data dir>/kiosk-prints/` and, when a printer is configured, handed to the spooler as a PDF;
tests pass their own hook and keep the bytes.
"""
from __future__ import annotations

import logging
import time
from datetime import date
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter import kiosk
from counter.queueing import CATEGORIES, QueueError
from counter.ui.rating_pad import RatingPanel, base_font_px, touch_px, touch_style

log = logging.getLogger(__name__)

Printer = Callable[[bytes, str], None]

CORNER_TAPS = 5
CORNER_SECONDS = 3.0
ESCAPE_KEYS = {Qt.Key.Key_Escape}
CLOSE_CHORDS = {(Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
                (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
                (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)}
ACTIVITY = {QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.TouchBegin,
            QEvent.Type.Wheel, QEvent.Type.InputMethod}


def default_printer(settings: kiosk.KioskSettings) -> Printer:
    """Save the PDF in the data folder; send it to the configured printer, if any."""

    def send(pdf: bytes, name: str) -> None:
        from counter import paths

        if settings.save_slips:
            folder = paths.data_dir() / "kiosk-prints"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{time.strftime('%Y%m%d-%H%M%S')}-{name}.pdf").write_bytes(pdf)
        if settings.printer_name:
            print_pdf(pdf, name, settings.printer_name)

    return send


def print_pdf(pdf: bytes, name: str, printer_name: str) -> None:
    """The PDF itself to the slip printer (CUPS `lp`, at the PDF's own 80 mm page size; Qt on
    Windows). Returns once the spooler has the file (milliseconds: no page is rendered here), so a
    failure still shows on the kiosk as "print failed"; raises `spool.PrintError`."""
    from counter.printing import spool
    from counter.ui.print_jobs import print_document

    print_document(pdf, spool.job_title(name), printer_name)


def _label(name: str = "", *, wrap: bool = True, align=Qt.AlignmentFlag.AlignLeft) -> QLabel:
    label = QLabel()
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    return label


def _scroll(inner: QWidget) -> QScrollArea:
    """A touch-scrollable area (drag with a finger) on the page's own background."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.viewport().setAutoFillBackground(False)
    inner.setObjectName("scrollInner")
    inner.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    scroll.setWidget(inner)
    QScroller.grabGesture(scroll.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    return scroll


def _expanding(button: QPushButton) -> QPushButton:
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return button


class Tile(QPushButton):
    """A big touch button with a title and a smaller line under it."""

    def __init__(self, object_name: str = "tile"):
        super().__init__(objectName=object_name)
        _expanding(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 16, 16, 16)
        lay.addStretch(1)
        self.title = QLabel(objectName="tileTitle", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.sub = QLabel(objectName="tileSub", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        for label in (self.title, self.sub):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
            lay.addWidget(label)
        lay.addStretch(1)

    def set_texts(self, pair: tuple[str, str]) -> None:
        self.title.setText(pair[0])
        self.sub.setText(pair[1])
        self.setAccessibleName(" ".join(pair))


class Keypad(QWidget):
    """Digits, X, delete and clear for the line edit that last had focus (touch only kiosks)."""

    def __init__(self, window: KioskWindow, fields: list[QLineEdit]):
        super().__init__()
        self.window_, self.fields = window, fields
        self.target: QLineEdit = fields[0]
        for field in fields:
            field.installEventFilter(self)
        grid = QGridLayout(self)
        grid.setSpacing(10)
        grid.setContentsMargins(0, 0, 0, 0)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "X", "0", "⌫"]
        for i, key in enumerate(keys):
            button = _expanding(QPushButton(key, objectName="key"))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            grid.addWidget(button, i // 3, i % 3)
        self.clear_button = _expanding(QPushButton(objectName="key"))
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.clicked.connect(lambda: self.target.clear())
        grid.addWidget(self.clear_button, 4, 0, 1, 3)
        window.bind(self.clear_button, "clear")

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.FocusIn and obj in self.fields:
            self.target = obj
        return False

    def press(self, key: str) -> None:
        if key == "⌫":
            self.target.backspace()
        elif self.target.maxLength() > len(self.target.text()):
            self.target.insert(key)
        self.target.setFocus()


class KioskWindow(QWidget):
    """The kiosk: home with four big choices, each flow a page of `self.pages`."""

    def __init__(self, ctx, parent: QWidget | None = None, *, printer: Printer | None = None,
                 idle_ms: int | None = None, settings: kiosk.KioskSettings | None = None,
                 lang: str | None = None, now: Callable[[], float] = time.monotonic):
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings or kiosk.KioskSettings.load()
        self.printer = printer or default_printer(self.settings)
        self.lang = lang or ("en" if getattr(ctx.config, "lang", "zh_CN") == "en" else "zh_CN")
        self._now = now
        self._taps: list[float] = []
        self._admin_exit = False
        self._bound: list[tuple[Callable[[str], None], str | Callable[[str], str]]] = []
        self._refreshers: list[Callable[[], None]] = []
        self.ticket = None  # the ticket on the result page
        self.status_view: kiosk.StatusView | None = None
        self._status_error: kiosk.KioskError | None = None
        self._rate_error: kiosk.KioskError | None = None
        self._print_error = False
        self._guide_group = "all"
        self._procedure = None

        self.setObjectName("KioskRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowFlags(self.windowFlags() | Qt.WindowType.FramelessWindowHint)
        self.bind(self, "title", "setWindowTitle")
        self._build()
        self.idle = QTimer(self, singleShot=True)
        self.idle.setInterval(idle_ms if idle_ms is not None else self.settings.idle_seconds * 1000)
        self.idle.timeout.connect(self.go_home)
        self.pages.currentChanged.connect(self._page_changed)
        QApplication.instance().installEventFilter(self)
        self.destroyed.connect(self._forget_filter)
        self.retranslate()
        self.go_home()
        self._page_changed(self.pages.currentIndex())

    # ------------------------------------------------------------------ texts
    def bind(self, widget, key: str | Callable[[str], str], setter: str = "setText") -> None:
        """Show `key` (a kiosk text key or a function of the language) in the current language."""
        method = getattr(widget, setter)
        self._bound.append((method, key))
        method(self._t(key))

    def _t(self, key: str | Callable[[str], str], **kw) -> str:
        return key(self.lang) if callable(key) else kiosk.text(key, self.lang, **kw)

    @property
    def _colon(self) -> str:
        return ": " if self.lang == "en" else "："

    @property
    def _dot(self) -> str:
        return "  ·  " if self.lang == "en" else "　·　"

    @property
    def _gap(self) -> str:
        return "    " if self.lang == "en" else "　　"

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    def toggle_language(self) -> None:
        self.set_language("en" if self.lang == "zh_CN" else "zh_CN")

    def retranslate(self) -> None:
        for method, key in self._bound:
            method(self._t(key))
        for refresh in self._refreshers:
            refresh()
        self.rating.retranslate(self.lang)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(self._header())
        self.pages = QStackedWidget()
        body = QVBoxLayout()
        body.setContentsMargins(36, 24, 36, 24)
        body.addWidget(self.pages)
        root.addLayout(body, 1)
        self.home_page = self._add(self._home())
        self.ticket_page = self._add(self._ticket_choice())
        self.ticket_done_page = self._add(self._ticket_done())
        self.guide_page = self._add(self._guide_list())
        self.guide_detail_page = self._add(self._guide_detail())
        self.status_page = self._add(self._status_query())
        self.status_result_page = self._add(self._status_result())
        self.rate_page = self._add(self._rate_query())
        self.rate_levels_page = self._add(self._rate_levels())
        self.pin_page = self._add(self._pin())
        self.settings_page = self._add(self._settings())

    def _add(self, page: QWidget) -> QWidget:
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
        self.header_title = _label("header", wrap=False)
        self.bind(self.header_title, lambda lang: f"{self.ctx.station.name} · {kiosk.text('title', lang)}")
        lay.addWidget(self.header_title, 1)
        self.home_button = QPushButton(objectName="headerButton")
        self.home_button.clicked.connect(self.go_home)
        self.bind(self.home_button, "home")
        self.lang_button = QPushButton(objectName="headerButton")
        self.lang_button.clicked.connect(self.toggle_language)
        self.bind(self.lang_button, "lang")
        lay.addWidget(self.home_button)
        lay.addWidget(self.lang_button)
        return bar

    def _page(self, title_key: str | None = None) -> tuple[QWidget, QVBoxLayout, QLabel | None]:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(18)
        title = None
        if title_key:
            title = _label("title")
            self.bind(title, title_key)
            lay.addWidget(title)
        return page, lay, title

    def _nav(self, lay: QVBoxLayout, *buttons: QPushButton) -> None:
        row = QHBoxLayout()
        back = QPushButton()
        back.clicked.connect(self.go_home)
        self.bind(back, "home")
        row.addWidget(back)
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        lay.addLayout(row)

    # -- home
    def _home(self) -> QWidget:
        page, lay, _ = self._page()
        welcome = _label("title", align=Qt.AlignmentFlag.AlignHCenter)
        self.bind(welcome, "welcome")
        lay.addWidget(welcome)
        grid = QGridLayout()
        grid.setSpacing(28)
        self.home_tiles: dict[str, QPushButton] = {}
        for i, (key, action) in enumerate((("ticket", self.open_ticket), ("guide", self.open_guide),
                                           ("status", self.open_status), ("rate", self.open_rate))):
            tile = Tile()
            tile.clicked.connect(action)
            self.bind(tile, lambda lang, k=key: (kiosk.text(k, lang), kiosk.text(f"{k}_sub", lang)), "set_texts")
            grid.addWidget(tile, i // 2, i % 2)
            self.home_tiles[key] = tile
        lay.addLayout(grid, 1)
        return page

    # -- 取号
    def _ticket_choice(self) -> QWidget:
        page, lay, _ = self._page("choose_queue")
        grid = QGridLayout()
        grid.setSpacing(24)
        self.category_buttons: dict[str, QPushButton] = {}
        for i, cat in enumerate(CATEGORIES):
            button = Tile("tileGreen" if cat.priority else "tile")
            button.clicked.connect(lambda _=False, c=cat.letter: self.take_ticket(c))
            self.bind(button, lambda lang, c=cat: (
                f"{c.letter}  {c.en if lang == 'en' else c.zh}", kiosk.text(f"cat_{c.letter}", lang)), "set_texts")
            grid.addWidget(button, i // 2, i % 2)
            self.category_buttons[cat.letter] = button
        lay.addLayout(grid, 1)
        self.ticket_error = _label("error")
        lay.addWidget(self.ticket_error)
        self._nav(lay)
        return page

    def _ticket_done(self) -> QWidget:
        page, lay, _ = self._page()
        lay.addStretch(1)
        self.ticket_caption = _label("subtitle", align=Qt.AlignmentFlag.AlignHCenter)
        self.ticket_code = _label("huge", align=Qt.AlignmentFlag.AlignHCenter)
        self.ticket_ahead = _label("title", align=Qt.AlignmentFlag.AlignHCenter)
        self.ticket_hint = _label("subtitle", align=Qt.AlignmentFlag.AlignHCenter)
        for label in (self.ticket_caption, self.ticket_code, self.ticket_ahead, self.ticket_hint):
            lay.addWidget(label)
        lay.addStretch(1)
        self._refreshers.append(self._show_ticket)
        self._nav(lay)
        return page

    def open_ticket(self) -> None:
        self.ticket_error.clear()
        self.pages.setCurrentWidget(self.ticket_page)

    def take_ticket(self, category: str) -> None:
        try:
            self.ticket = kiosk.take_ticket(self.ctx, category)
        except QueueError as exc:
            self.ticket_error.setText(exc.en if self.lang == "en" else exc.zh_CN)
            return
        self._print_error = False
        try:
            from counter.printing.ticket_slip import render_ticket_slip

            self.printer(render_ticket_slip(kiosk.slip_data(self.ctx, self.ticket, self.lang)),
                         f"ticket-{self.ticket.code}")
        except Exception:  # the citizen still has the number on screen
            log.exception("kiosk: ticket slip %s could not be printed", self.ticket.code)
            self._print_error = True
        self._show_ticket()
        self.pages.setCurrentWidget(self.ticket_done_page)

    def _show_ticket(self) -> None:
        if self.ticket is None:
            for label in (self.ticket_caption, self.ticket_code, self.ticket_ahead, self.ticket_hint):
                label.clear()
            return
        cat = self.ticket.label
        self.ticket_caption.setText(f"{self._t('your_number')} · {cat.en if self.lang == 'en' else cat.zh}")
        self.ticket_code.setText(self.ticket.code)
        self.ticket_ahead.setText(self._t("ahead", n=self.ticket.waiting_ahead))
        self.ticket_hint.setObjectName("error" if self._print_error else "subtitle")
        self.ticket_hint.setText(self._t("print_failed" if self._print_error else "take_slip"))
        self.ticket_hint.style().polish(self.ticket_hint)

    # -- 办事指南
    def _guide_list(self) -> QWidget:
        page, lay, _ = self._page("guide")
        row = QHBoxLayout()
        self.group_buttons = QButtonGroup(self)
        for key in ("all", "hz", "jg"):
            button = QPushButton(checkable=True)
            button.clicked.connect(lambda _=False, k=key: self.filter_guide(group=k))
            self.bind(button, f"group_{key}")
            self.group_buttons.addButton(button)
            row.addWidget(button)
            if key == "all":
                button.setChecked(True)
                self.group_all_button = button
        self.guide_search = QLineEdit()
        self.guide_search.textChanged.connect(lambda _: self.filter_guide())
        self.bind(self.guide_search, "search", "setPlaceholderText")
        row.addWidget(self.guide_search, 1)
        lay.addLayout(row)
        self.guide_list = QListWidget()
        self.guide_list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.guide_list.setWordWrap(True)
        QScroller.grabGesture(self.guide_list.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.guide_list.itemClicked.connect(lambda item: self.show_procedure(item.data(Qt.ItemDataRole.UserRole)))
        lay.addWidget(self.guide_list, 1)
        self.guide_empty = _label("muted")
        lay.addWidget(self.guide_empty)
        self._refreshers.append(self.filter_guide)
        self._nav(lay)
        return page

    def open_guide(self) -> None:
        self.guide_search.clear()
        self._guide_group = "all"
        self.group_all_button.setChecked(True)
        self.filter_guide()
        self.pages.setCurrentWidget(self.guide_page)

    def filter_guide(self, group: str | None = None) -> None:
        from counter.forms.search import search

        if group is not None:
            self._guide_group = group
        procedures = [p for p in self.ctx.catalog.procedures
                      if self._guide_group == "all" or p.category == self._guide_group]
        query = self.guide_search.text().strip()
        if query:
            procedures = search(procedures, query)
        self.guide_list.clear()
        for procedure in procedures:
            item = QListWidgetItem(f"{procedure.name(self.lang)}{self._dot}{procedure.group(self.lang)}")
            item.setData(Qt.ItemDataRole.UserRole, procedure.code)
            self.guide_list.addItem(item)
        self.guide_empty.setText("" if procedures else self._t("no_match"))

    def _guide_detail(self) -> QWidget:
        page, lay, _ = self._page()
        self.proc_title = _label("title")
        lay.addWidget(self.proc_title)
        inner = QWidget()
        inner_lay = QVBoxLayout(inner)
        inner_lay.setSpacing(14)
        self.proc_facts = _label()
        self.proc_facts.setTextFormat(Qt.TextFormat.RichText)
        self.proc_materials = _label()
        self.proc_materials.setTextFormat(Qt.TextFormat.RichText)
        self.proc_guide = _label()
        for label in (self.proc_facts, self.proc_materials, self.proc_guide):
            inner_lay.addWidget(label)
        inner_lay.addStretch(1)
        lay.addWidget(_scroll(inner), 1)
        self.guide_printed = _label("ok")
        lay.addWidget(self.guide_printed)
        back = QPushButton()
        back.clicked.connect(lambda: self.pages.setCurrentWidget(self.guide_page))
        self.bind(back, "back")
        self.print_guide_button = QPushButton(objectName="primary")
        self.print_guide_button.clicked.connect(self.print_guide)
        self.bind(self.print_guide_button, "print_guide")
        self._nav(lay, back, self.print_guide_button)
        self._refreshers.append(self._render_procedure)
        return page

    def show_procedure(self, code: str) -> None:
        self._procedure = self.ctx.catalog.get(code)
        self.guide_printed.clear()
        self._render_procedure()
        self.pages.setCurrentWidget(self.guide_detail_page)

    def _render_procedure(self) -> None:
        from html import escape

        from counter.guides import guide_data

        p = self._procedure
        if p is None:
            for label in (self.proc_title, self.proc_facts, self.proc_materials, self.proc_guide):
                label.clear()
            return
        data = guide_data(p, self.lang)
        self.proc_title.setText(data.name)
        facts = [(self._t("fee"), data.fee), (self._t("time_limit"), data.time_limit),
                 (self._t("where"), data.where)]
        self.proc_facts.setText("".join(f"<p><b>{escape(k)}{self._colon}</b>{escape(v)}</p>" for k, v in facts))
        left, right = ("(", ")") if self.lang == "en" else ("（", "）")
        rows = "".join(f"<li>{escape(name)} <span style='color:#4a5866'>{left}{escape(note)}{right}</span></li>"
                       for name, note in data.materials)
        self.proc_materials.setText(f"<p><b>{escape(self._t('materials'))}</b></p><ol>{rows}</ol>")
        self.proc_guide.setText(data.guide)

    def print_guide(self) -> None:
        from counter.guides import guide_data
        from counter.printing.guide import render_guide

        if self._procedure is None:
            return
        try:
            self.printer(render_guide([guide_data(self._procedure, self.lang)]), f"guide-{self._procedure.code}")
            self.guide_printed.setObjectName("ok")
            self.guide_printed.setText(self._t("printed"))
        except Exception:
            log.exception("kiosk: guide %s could not be printed", self._procedure.code)
            self.guide_printed.setObjectName("error")
            self.guide_printed.setText(self._t("print_failed"))
        self.guide_printed.style().polish(self.guide_printed)

    # -- 进度查询
    def _receipt_edit(self) -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(40)  # a QR scan: number, "-", query code
        edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        return edit

    def _proof_edit(self) -> QLineEdit:
        """The query code (8 digits) or the ID's last four, in one field, hidden as typed."""
        edit = QLineEdit()
        edit.setMaxLength(kiosk.CODE_LENGTH)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.bind(edit, "id_last4", "setPlaceholderText")
        return edit

    @staticmethod
    def _proof_ready(edit: QLineEdit) -> bool:
        return len(kiosk.normalise_proof(edit.text())) in (4, kiosk.CODE_LENGTH)

    @staticmethod
    def _take_scan(receipt: QLineEdit, proof: QLineEdit) -> bool:
        """Split a scanned `NUMBER-CODE` over the two fields; True if it carried the code."""
        number, code = kiosk.parse_scan(receipt.text())
        if code is None:
            return False
        receipt.setText(number)
        proof.setText(code[:kiosk.CODE_LENGTH])
        return True

    def _status_query(self) -> QWidget:
        page, lay, _ = self._page("status")
        prompt = _label("subtitle")
        self.bind(prompt, "scan_prompt")
        lay.addWidget(prompt)
        row = QHBoxLayout()
        row.setSpacing(36)
        form = QVBoxLayout()
        form.setSpacing(12)
        receipt_label = _label()
        self.bind(receipt_label, "receipt_number")
        self.status_receipt = self._receipt_edit()
        self.status_receipt.returnPressed.connect(self._receipt_entered)
        id_label = _label()
        self.bind(id_label, "id_prompt")
        self.status_proof = self.status_id = self._proof_edit()
        self.status_id.returnPressed.connect(self.query_status)
        self.status_error = _label("error")
        self.status_query_button = QPushButton(objectName="primary")
        self.status_query_button.clicked.connect(self.query_status)
        self.bind(self.status_query_button, "query")
        for w in (receipt_label, self.status_receipt, id_label, self.status_id, self.status_error):
            form.addWidget(w)
        form.addStretch(1)
        row.addLayout(form, 3)
        self.status_keypad = Keypad(self, [self.status_receipt, self.status_id])
        row.addWidget(self.status_keypad, 2)
        lay.addLayout(row, 1)
        self._refreshers.append(self._show_status_error)
        self._nav(lay, self.status_query_button)
        return page

    def _status_result(self) -> QWidget:
        page, lay, _ = self._page("status")
        self.status_summary = _label("subtitle")
        lay.addWidget(self.status_summary)
        self.status_items = QWidget()
        self.status_items_layout = QVBoxLayout(self.status_items)
        self.status_items_layout.setContentsMargins(0, 0, 0, 0)
        self.status_items_layout.setSpacing(16)
        lay.addWidget(_scroll(self.status_items), 1)
        self._refreshers.append(self._render_status)
        self._nav(lay)
        return page

    def open_status(self, first_char: str = "") -> None:
        self._clear_status()
        self.pages.setCurrentWidget(self.status_page)
        self.status_receipt.setFocus()
        if first_char:
            self.status_receipt.setText(first_char)

    def _receipt_entered(self) -> None:
        if self._take_scan(self.status_receipt, self.status_id):
            self.query_status()
        elif self.status_receipt.text().strip():
            self.status_id.setFocus()

    def query_status(self) -> None:
        number = kiosk.parse_scan(self.status_receipt.text())[0]
        if not number:
            self.status_receipt.setFocus()
            return
        if not self._proof_ready(self.status_id):
            self.status_id.setFocus()
            return
        try:
            self.status_view = kiosk.lookup_status(self.ctx, number, self.status_id.text())
        except kiosk.KioskError as exc:
            self._status_error = exc
            self._show_status_error()
            self.status_id.clear()
            self.status_id.setFocus()
            return
        finally:
            self.status_id.clear()
        self._status_error = None
        self._show_status_error()
        self._render_status()
        self.pages.setCurrentWidget(self.status_result_page)

    def _show_status_error(self) -> None:
        self.status_error.setText(self._status_error.text(self.lang) if self._status_error else "")

    def _render_status(self) -> None:
        while self.status_items_layout.count():
            child = self.status_items_layout.takeAt(0)
            if child.widget() is not None:
                child.widget().deleteLater()
        view = self.status_view
        if view is None:
            self.status_summary.clear()
            return
        self.status_summary.setText(
            f"{self._t('receipt_number')}{self._colon}{view.receipt_number}{self._gap}"
            f"{self._t('applicant')}{self._colon}{view.name_masked}{self._gap}"
            f"{self._t('accepted_on')}{self._colon}{self._date(view.accepted_on)}")
        for item in view.items:
            self.status_items_layout.addWidget(self._item_card(item))
        self.status_items_layout.addStretch(1)

    def _date(self, value: date | None) -> str:
        if value is None:
            return "—"
        return value.isoformat() if self.lang == "en" else f"{value.year}年{value.month}月{value.day}日"

    STATUS_COLOURS = {"accepted": "#1565c0", "in_progress": "#6a1b9a", "ready": "#2e7d32",
                      "collected": "#455a64", "rejected": "#c62828", "needs_materials": "#e65100",
                      "cancelled": "#616161"}

    def _item_card(self, item: kiosk.ItemView) -> QWidget:
        card = QWidget(objectName="card")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        lay = QGridLayout(card)
        lay.setContentsMargins(24, 16, 24, 16)
        name = _label("subtitle")
        name.setText(item.name(self.lang))
        status = _label(align=Qt.AlignmentFlag.AlignRight)
        colour = self.STATUS_COLOURS.get(item.status, "#1b1f24")
        status.setStyleSheet(f"color: {colour}; font-weight: bold; font-size: {int(self._font_px() * 1.3)}px;")
        status.setText(item.status_text(self.lang))
        lay.addWidget(name, 0, 0)
        lay.addWidget(status, 0, 1)
        lines = []
        if item.promised_date is not None and item.status in ("accepted", "in_progress"):
            lines.append(f"{self._t('promised')}{self._colon}{self._date(item.promised_date)}")
        if item.status == "ready":
            lines.append(self._t("ready_hint"))
        if item.missing:
            sep = "; " if self.lang == "en" else "；"
            lines.append(f"{self._t('missing')}{self._colon}{sep.join(m(self.lang) for m in item.missing)}")
        elif item.reason:
            lines.append(f"{self._t('reason')}{self._colon}{item.reason}")
        if lines:
            detail = _label()
            detail.setText("\n".join(lines))
            lay.addWidget(detail, 1, 0, 1, 2)
        return card

    def _clear_status(self) -> None:
        self.status_receipt.clear()
        self.status_id.clear()
        self.status_view = None
        self._status_error = None
        self._show_status_error()
        self._render_status()

    # -- 评价
    def _rate_query(self) -> QWidget:
        page, lay, _ = self._page("rate")
        prompt = _label("subtitle")
        self.bind(prompt, "rate_prompt")
        lay.addWidget(prompt)
        row = QHBoxLayout()
        row.setSpacing(36)
        form = QVBoxLayout()
        label = _label()
        self.bind(label, "receipt_number")
        self.rate_receipt = self._receipt_edit()
        self.rate_receipt.returnPressed.connect(self._rate_receipt_entered)
        proof_label = _label()
        self.bind(proof_label, "id_prompt")
        self.rate_proof = self._proof_edit()
        self.rate_proof.returnPressed.connect(self.start_rating)
        self.rate_error = _label("error")
        for w in (label, self.rate_receipt, proof_label, self.rate_proof, self.rate_error):
            form.addWidget(w)
        form.addStretch(1)
        row.addLayout(form, 3)
        self.rate_keypad = Keypad(self, [self.rate_receipt, self.rate_proof])
        row.addWidget(self.rate_keypad, 2)
        lay.addLayout(row, 1)
        self.rate_next = QPushButton(objectName="primary")
        self.rate_next.clicked.connect(self.start_rating)
        self.bind(self.rate_next, "next")
        self._refreshers.append(lambda: self.rate_error.setText(
            self._rate_error.text(self.lang) if self._rate_error else ""))
        self._nav(lay, self.rate_next)
        return page

    def _rate_levels(self) -> QWidget:
        page, lay, _ = self._page()
        self.rating = RatingPanel(self.ctx, self.lang, source="kiosk")
        lay.addWidget(self.rating, 1)
        self._nav(lay)
        return page

    def open_rate(self) -> None:
        self.rate_receipt.clear()
        self.rate_proof.clear()
        self._rate_error = None
        self.rate_error.clear()
        self.pages.setCurrentWidget(self.rate_page)
        self.rate_receipt.setFocus()

    def _rate_receipt_entered(self) -> None:
        if self._take_scan(self.rate_receipt, self.rate_proof):
            self.start_rating()
        elif self.rate_receipt.text().strip():
            self.rate_proof.setFocus()

    def start_rating(self) -> None:
        """The proof first (counted like a status lookup), then the five levels."""
        number = kiosk.parse_scan(self.rate_receipt.text())[0]
        if not number:
            self.rate_receipt.setFocus()
            return
        if not self._proof_ready(self.rate_proof):
            self.rate_proof.setFocus()
            return
        proof = kiosk.normalise_proof(self.rate_proof.text())
        self.rate_proof.clear()
        try:
            kiosk.start_rating(self.ctx, number, proof)
        except kiosk.KioskError as exc:
            self._rate_error = exc
            self.rate_error.setText(exc.text(self.lang))
            self.rate_proof.setFocus()
            return
        self._rate_error = None
        self.rate_error.clear()
        self.rating.set_receipt(number, proof=proof)  # kept until the rating is sent or the kiosk goes home
        self.pages.setCurrentWidget(self.rate_levels_page)

    # -- administrator
    def _pin(self) -> QWidget:
        page, lay, _ = self._page("admin_pin")
        row = QHBoxLayout()
        form = QVBoxLayout()
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(12)
        self.pin_edit.returnPressed.connect(self.check_pin)
        self.pin_error = _label("error")
        form.addWidget(self.pin_edit)
        form.addWidget(self.pin_error)
        form.addStretch(1)
        row.addLayout(form, 3)
        row.addWidget(Keypad(self, [self.pin_edit]), 2)
        lay.addLayout(row, 1)
        ok = QPushButton(objectName="primary")
        ok.clicked.connect(self.check_pin)
        self.bind(ok, "ok")
        self._nav(lay, ok)
        return page

    def _settings(self) -> QWidget:
        page, lay, _ = self._page("settings")
        grid = QGridLayout()
        grid.setSpacing(14)
        self.new_pin = QLineEdit()
        self.new_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pin.setMaxLength(12)
        self.idle_seconds = QSpinBox()
        self.idle_seconds.setRange(15, 600)
        self.printer_choice = QComboBox()
        labels = []
        for row, (key, widget) in enumerate((("new_pin", self.new_pin), ("idle", self.idle_seconds),
                                             ("printer", self.printer_choice))):
            label = _label()
            self.bind(label, key)
            labels.append(label)
            grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1)
        self.idle_seconds.setMinimumHeight(touch_px(self))
        self.printer_choice.setMinimumHeight(touch_px(self))
        lay.addLayout(grid)
        self.settings_message = _label("ok")
        lay.addWidget(self.settings_message)
        lay.addStretch(1)
        save = QPushButton(objectName="primary")
        save.clicked.connect(self.save_settings)
        self.bind(save, "save")
        self.exit_button = QPushButton()
        self.exit_button.setStyleSheet("QPushButton { border-color: #c62828; color: #c62828; }")
        self.exit_button.clicked.connect(self.exit_kiosk)
        self.bind(self.exit_button, "exit_kiosk")
        self._nav(lay, self.exit_button, save)
        return page

    def corner_tapped(self) -> None:
        now = self._now()
        self._taps = [t for t in self._taps if now - t <= CORNER_SECONDS] + [now]
        if len(self._taps) >= CORNER_TAPS:
            self._taps.clear()
            self.pin_edit.clear()
            self.pin_error.clear()
            self.pages.setCurrentWidget(self.pin_page)
            self.pin_edit.setFocus()

    def check_pin(self) -> None:
        if not self.settings.check_pin(self.pin_edit.text()):
            self.pin_edit.clear()
            self.pin_error.setText(self._t("wrong_pin"))
            log.warning("kiosk: wrong administrator PIN")
            self._audit("kiosk.pin_failed", "wrong administrator PIN at the kiosk")
            return
        self.pin_edit.clear()
        self.pin_error.clear()
        self._open_settings()

    def _open_settings(self) -> None:
        from PySide6.QtPrintSupport import QPrinterInfo

        self.new_pin.clear()
        self.settings_message.clear()
        self.idle_seconds.setValue(self.settings.idle_seconds)
        self.printer_choice.clear()
        self.printer_choice.addItem(self._t("no_printer"), "")
        for name in QPrinterInfo.availablePrinterNames():
            self.printer_choice.addItem(name, name)
        index = self.printer_choice.findData(self.settings.printer_name)
        self.printer_choice.setCurrentIndex(max(0, index))
        self.pages.setCurrentWidget(self.settings_page)

    def save_settings(self) -> None:
        try:
            if self.new_pin.text():
                self.settings.set_pin(self.new_pin.text())
        except kiosk.KioskError as exc:
            self.settings_message.setObjectName("error")
            self.settings_message.setText(exc.text(self.lang))
            self.settings_message.style().polish(self.settings_message)
            return
        pin_changed = bool(self.new_pin.text())
        self.new_pin.clear()
        self.settings.idle_seconds = self.idle_seconds.value()
        self.settings.printer_name = self.printer_choice.currentData() or ""
        self.settings.save()
        self._audit("setting.changed", f"kiosk settings: idle {self.settings.idle_seconds} s, printer "
                    f"{self.settings.printer_name or '-'}" + (", PIN changed" if pin_changed else ""))
        self.idle.setInterval(self.settings.idle_seconds * 1000)
        self.settings_message.setObjectName("ok")
        self.settings_message.setText(self._t("saved"))
        self.settings_message.style().polish(self.settings_message)

    def _audit(self, action: str, detail: str) -> None:
        try:
            kiosk.audit_kiosk(self.ctx, action, detail)
        except Exception:  # the trail must not keep the administrator from working
            log.exception("kiosk: audit entry %s not written", action)

    def unlock(self) -> None:
        """Let the window close (the administrator's exit; tests' teardown)."""
        self._admin_exit = True

    def exit_kiosk(self) -> None:
        log.info("kiosk: administrator exit")
        self._audit("kiosk.exit", "administrator left the kiosk")
        self.unlock()
        self.close()

    # ------------------------------------------------------------------ idle and lock-down
    def go_home(self) -> None:
        """Home, with everything typed or shown cleared."""
        self.ticket = None
        self._print_error = False
        self._show_ticket()
        self.ticket_error.clear()
        self._clear_status()
        self.rate_receipt.clear()
        self.rate_proof.clear()
        self._rate_error = None
        self.rate_error.clear()
        self.rating.reset()
        self.guide_search.clear()
        self._procedure = None
        self._render_procedure()
        self.guide_printed.clear()
        self.pin_edit.clear()
        self.new_pin.clear()
        self._taps.clear()
        self.pages.setCurrentWidget(self.home_page)
        self.idle.stop()

    def _forget_filter(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def _mine(self, obj: QObject) -> bool:
        return obj is self or (isinstance(obj, QWidget) and obj.window() is self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
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

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._admin_exit:
            self.idle.stop()
            self._forget_filter()
            event.accept()
            return
        event.ignore()

    # ------------------------------------------------------------------ sizing
    def _font_px(self) -> int:
        # portrait: type from a 4:3 share of the width too, so no page is wider than the screen
        return min(base_font_px(self), max(self.width() * 3 // 4 // 36, 16))

    def _restyle(self) -> None:
        target = touch_px(self)
        self.setStyleSheet(touch_style(self._font_px(), target))
        self.corner.setFixedSize(target + 8, target + 8)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._restyle()
        if self.status_view is not None:
            self._render_status()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        from counter.ui.fullscreen import free_minimum

        super().showEvent(event)
        free_minimum(self)  # type follows the size: the layout must not hold the window larger
        self._restyle()

    def showFullScreen(self) -> None:  # noqa: N802 - Qt API; also what app.py calls
        from counter.ui.fullscreen import fill_screen

        super().showFullScreen()
        fill_screen(self)  # frameless, often without a window manager: take the screen ourselves
