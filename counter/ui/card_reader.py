"""The ID card reader in the clerk window: F12 reads the applicant's card, Shift+F12 the proxy's
(F9 is the queue's pause).

The reader is asked through the task helper (counter/ui/tasks.py) (a read takes up to a second or two on a real reader);
the card fills the identity page in the GUI thread. Keyboard-wedge readers need no action:
the ID field's key rhythm tells when one typed the number (`counter.idcard.wedge`).
`install_card_reader(window)` adds it all to the clerk's window.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QMessageBox, QToolBar

from counter.idcard import CardData, ReaderError, make_reader
from counter.idcard.visit import (
    APPLICANT,
    PROXY,
    apply_card,
    identity_source,
    note_wedge,
)
from counter.idcard.wedge import WedgeWatch
from counter.ui.tasks import TaskRunner

_simulated = None  # the demo's simulated reader (--reader-sim), alive as long as the program


class CardReader(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.lang = window.lang
        self.reading = False
        self.now = time.monotonic  # the wedge watch's clock (tests may pace the keys)
        self.watch = WedgeWatch()
        self.watched = None  # the ID editor whose keys are watched
        self.tasks = TaskRunner(self, max_threads=1)  # one reader, one read at a time
        self.read_action = window._action(self.tr("读卡"), "F12", lambda: self.read(proxy=False), "read_card")
        self.proxy_action = window._action(self.tr("读代办人证件"), "Shift+F12", lambda: self.read(proxy=True),
                                           "read_proxy_card")
        menu = next((a.menu() for a in window.menuBar().actions() if a.menu() is not None), None)
        if menu is not None:
            menu.insertSeparator(menu.actions()[0] if menu.actions() else None)
            menu.insertActions(menu.actions()[0], [self.read_action, self.proxy_action])
        toolbar = window.findChild(QToolBar, "visit_toolbar")
        if toolbar is not None:
            toolbar.insertAction(toolbar.actions()[0] if toolbar.actions() else None, self.read_action)
        self.panel = QLabel(window.wizard)
        self.panel.setObjectName("card_panel")
        self.panel.setWordWrap(True)
        self.panel.hide()
        window.wizard.layout().insertWidget(2, self.panel)
        self.photo = QLabel(window.wizard)  # the card's photo, when a vendor library decoded it
        self.photo.setObjectName("card_photo")
        self.photo.hide()
        self.photo_number = None  # whose photo it is (never stored: shown for the clerk's check only)
        window.wizard.layout().insertWidget(2, self.photo)
        window.wizard.step_changed.connect(self.step_changed)

    # -- reading
    def read(self, proxy: bool = False) -> None:
        banner = getattr(self.window, "connection_banner", None)
        if self.reading or (banner is not None and banner.pending):
            return  # a finish waiting for the database freezes the visit as the clerk reviewed it
        try:
            reader = make_reader(self.ctx.config)
        except ReaderError as exc:
            self.read_failed(exc)
            return
        if reader is None:
            wedge = self.ctx.config.reader_type == "wedge"
            self.window.statusBar().showMessage(
                self.tr("本机的阅读器直接把证件号码输入到号码栏：请点入号码栏后刷证") if wedge else
                self.tr("本机未设置身份证阅读器（本机与大厅设置 → 身份证阅读器）"), 8000)
            return
        self.reading = True
        self.read_action.setEnabled(False)
        self.proxy_action.setEnabled(False)
        self.window.statusBar().showMessage(self.tr("正在读卡…"))
        self.tasks.run(reader.read_card, done=lambda card: self.card_read(card, proxy), failed=self._read_error,
                       name="read")

    def _read_error(self, exc: Exception) -> None:
        if not isinstance(exc, ReaderError):
            exc = ReaderError("读卡失败", f"Reading the card failed: {exc.__class__.__name__}: {exc}")
        self.read_failed(exc)

    def _done(self) -> None:
        self.reading = False
        self.read_action.setEnabled(True)
        self.proxy_action.setEnabled(True)

    def read_failed(self, exc: ReaderError) -> None:
        self._done()
        self.window.statusBar().showMessage(exc.text(self.lang), 10000)

    def card_read(self, card: CardData, proxy: bool) -> None:
        self._done()
        window = self.window
        if window.flow is None:
            window.new_visit()
        banner = getattr(window, "connection_banner", None)
        if window.flow is None or (banner is not None and banner.pending):
            return  # no visit can take the card now (a finish waits for the database)
        apply_card(window.flow, card, proxy=proxy)
        if not proxy:
            self.set_photo(card)
        self.refresh_identity_page()
        who = self.tr("代办人") if proxy else self.tr("申请人")
        window.statusBar().showMessage(self.tr("已读取{0}证件：{1}").format(who, card.name), 8000)
        if card.expired(window.flow.today):
            self.warn_expired(card)

    def warn_expired(self, card: CardData) -> None:
        self.expired_box = QMessageBox(QMessageBox.Icon.Warning, self.tr("证件已过期"),
                                       self.tr("{0} 的居民身份证已于 {1} 过期，请核实身份并提示换领。").format(
                                           card.name, card.valid_until.isoformat()),
                                       QMessageBox.StandardButton.Ok, self.window)
        self.expired_box.setObjectName("card_expired_box")
        self.expired_box.open()  # not exec: a terminal that locks meanwhile hides it

    def refresh_identity_page(self) -> None:
        """Show the card's values in the identity page when it is on screen."""
        from counter.ui.form_page import FormPage

        window = self.window
        page = window.wizard.current
        if window.flow.step.kind == "identity" and isinstance(page, FormPage):
            for field_id, row in page.rows.items():
                row.editor.set_value(window.flow.identity.raw.get(field_id))
                row.show_message("", "")
            page.refresh_visibility()
            page.focus_first()
        self.show_panel()

    def set_photo(self, card: CardData) -> None:
        from PySide6.QtGui import QPixmap

        pixmap = QPixmap()
        if card.photo_bmp and pixmap.loadFromData(card.photo_bmp):
            self.photo.setPixmap(pixmap)
            self.photo_number = card.id_number
        else:  # the serial reader's photo is WLT: without the vendor's decoder it is not shown
            self.photo.clear()
            self.photo_number = None

    # -- what the cards said beyond the form's fields
    def step_changed(self) -> None:
        self.watch_id_field()
        self.show_panel()

    def show_panel(self) -> None:
        flow = self.window.flow
        lines = []
        if flow is not None and flow.step.kind == "identity":
            source, _ = identity_source(flow)
            record = flow.card_reads.get(APPLICANT)
            if source == "card":
                lines.append(self._line(self.tr("申请人"), record))
            elif source == "wedge":
                lines.append(self.tr("申请人证件号码：由阅读器输入"))
            proxy = flow.card_reads.get(PROXY)
            if proxy and flow.identity.values.get("proxy_id_number") == proxy["id_number"]:
                lines.append(self._line(self.tr("代办人"), proxy))
        expired = any("!" in line for line in lines)
        self.panel.setText("\n".join(line.replace("!", "") for line in lines))
        self.panel.setStyleSheet("color: #b00020; font-weight: bold;" if expired else "color: #1b5e20;")
        self.panel.setVisible(bool(lines))
        applicant = flow.card_reads.get(APPLICANT) if flow is not None else None
        self.photo.setVisible(bool(lines) and self.photo_number is not None and identity_source(flow)[0] == "card"
                              and applicant is not None and applicant["id_number"] == self.photo_number)

    def _line(self, who: str, record: dict) -> str:
        from counter.idcard.card import LONG_TERM, nation_name

        until = record["valid_until"] or (LONG_TERM if self.lang != "en" else "long-term")
        text = self.tr("{0}（读卡）：{1}族　出生 {2}　签发机关 {3}　有效期 {4} 至 {5}").format(
            who, nation_name(record["nation"]), record["birth"], record["authority"], record["valid_from"], until)
        return text + ("!" + self.tr("　证件已过期") if record.get("expired") else "")

    # -- keyboard-wedge readers
    def watch_id_field(self) -> None:
        from counter.ui.form_page import FormPage

        flow, page = self.window.flow, self.window.wizard.current
        self.watched = None
        if (flow is None or flow.step.kind != "identity" or not isinstance(page, FormPage)
                or "id_number" not in page.rows):
            return
        self.watched = page.editor("id_number")
        self.watch = WedgeWatch()
        self.watched.installEventFilter(self)
        self.watched.edited.connect(self.id_edited)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.watched and event.type() == QEvent.Type.KeyPress and event.text().isprintable():
            self.watch.key(event.text(), self.now(), obj.text())
        return False

    def id_edited(self) -> None:
        flow = self.window.flow
        number = flow.identity.values.get("id_number") if flow is not None else None
        if number and self.watch.verdict(str(number)):
            note_wedge(flow, str(number))
        self.show_panel()  # a number typed over the card's: the card's facts no longer apply


def install_card_reader(window) -> CardReader:
    return CardReader(window)


def start_simulated_reader(config):
    """`--reader-sim`: a simulated reader with the demo people's cards, as this terminal's reader."""
    from dataclasses import replace

    from counter.idcard.sim import SimulatedReader

    global _simulated
    if _simulated is None:
        _simulated = SimulatedReader().start()
    return replace(config, reader_type="serial", reader_port=_simulated.port)


def self_test_line(args, stored: dict) -> str:
    """`--self-test`: whether this terminal's reader answers (raises ReaderError when it does not)."""
    from counter.config import Config

    if getattr(args, "reader_sim", False):
        from counter.idcard.samv import SerialReader
        from counter.idcard.sim import SimulatedReader

        with SimulatedReader() as sim:
            return "simulated reader: " + SerialReader(sim.port, timeout=2).probe()
    keys = {k: v for k, v in stored.items() if k in ("reader_type", "reader_port", "reader_baudrate")}
    config = Config(database_url="", **keys)
    reader = make_reader(config)
    if reader is None:
        return f"no ID card reader to ask (reader_type = {config.reader_type})"
    return reader.probe()
