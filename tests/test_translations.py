"""Every window and dialog in English shows no Chinese; in Simplified Chinese, no untranslated English.

The source texts in `self.tr()` are Simplified Chinese; English comes from
resources/translations/counter_en.qm (built from counter_en.ts by `make translations`, or by
conftest at session start). Texts built in the domain (errors, catalogue names) are bilingual
data picked by `ctx.config.lang`. Test data is ASCII, so every CJK character found in English
is the program's own text.

What is read: window titles, labels, buttons, check boxes, placeholders, group box titles, tab
texts, combo box items, list items, table headers, menu and tool bar actions (text and tool
tip), dock titles, chart titles, axis titles and series names, rich text as plain text.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QTableView,
    QTabWidget,
    QTextEdit,
    QToolBar,
    QWidget,
)

from counter.clock import FixedClock
from counter.config import Config
from counter.context import AppContext
from tests.conftest import START

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
# ideographs, CJK punctuation (、。「」〔〕 full-width space) and full-width forms (（），：)
CJK = re.compile(r"[\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
# a language named in its own language is right in any UI (the kiosk's switch, the settings)
AUTONYMS = {"中文", "简体中文", "English"}
# a Chinese plate number starts with its province's character: an example of one is right in English too
PLATE = re.compile(r"^[\u4e00-\u9fff][A-Z][A-Z0-9]{5,6}$")
# English a Chinese screen may show: abbreviations, product and key names, the kiosk's switch
ENGLISH_OK = {"Ctrl", "Shift", "Enter", "Esc", "Excel", "SQLite", "PostgreSQL", "English", "Counter", "ms", "sfz",
              "postgresql", "psycopg", "counter", "settings", "toml", "xlsx", "pdf", "init", "db",
              "boss", "li"}  # the last ones: user names of the test data
ASCII_IDENTITY = {"name": "Smith John", "id_number": "11010519491231002X", "sex": "F",
                  "phone": "13812345678", "address": "1 Jianguo Road Chaoyang Beijing"}


# ---------------------------------------------------------------------------- fixtures


def build_qm() -> None:
    """lrelease the .ts sources when a .qm is missing or older (also done by `make translations`)."""
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent)) or shutil.which(
        "pyside6-lrelease")
    for ts in TRANSLATIONS.glob("counter_*.ts"):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)


@pytest.fixture(scope="module", autouse=True)
def compiled():
    build_qm()


def _language(qapp, lang: str):
    from counter.ui.app import install_translator

    installed = install_translator(qapp, lang)
    assert lang == "zh_CN" or any(t.language() for t in installed), f"counter_{lang}.qm did not load"
    try:
        yield lang
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
        QLocale.setDefault(QLocale.system())


@pytest.fixture
def english(qapp):
    yield from _language(qapp, "en")


@pytest.fixture
def chinese(qapp):
    yield from _language(qapp, "zh_CN")


def open_ctx(db_url: str, lang: str) -> AppContext:
    hall = "Test Hall" if lang == "en" else "测试大厅"  # data in the language of its users
    config = Config(database_url=db_url, lang=lang, station_code="T01", station_name=hall, window_number=2)
    return AppContext.open(config, clock=FixedClock(START))


# ---------------------------------------------------------------------------- reading texts


def plain(text: str) -> str:
    if "<" in text and ">" in text:
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def _model_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    texts = []
    if isinstance(view, QTableView):
        for section in range(view.horizontalHeader().count()):
            value = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            if value:
                texts.append(str(value))
    if isinstance(view, QListView):  # lists show the catalogue: bilingual data, picked by language
        for row in range(model.rowCount()):
            value = model.index(row, 0).data()
            if value:
                texts.append(str(value))
    return texts


def _chart_texts(widget) -> list[str]:
    try:
        from PySide6.QtCharts import QBarSeries, QChartView, QHorizontalBarSeries
    except ImportError:
        return []
    if not isinstance(widget, QChartView):
        return []
    chart = widget.chart()
    texts = [chart.title()]
    for axis in chart.axes():
        texts.append(axis.titleText())
    for series in chart.series():
        texts.append(series.name())
        if isinstance(series, (QBarSeries, QHorizontalBarSeries)):
            texts += [bar_set.label() for bar_set in series.barSets()]
    return texts


def texts_of(top: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text the window and its children show or tell (tool tips)."""
    found: list[tuple[str, str]] = []

    def add(where, text):
        if text and text.strip():
            found.append((where, plain(text)))

    widgets = [top, *(w for w in top.findChildren(QWidget) if w.window() is top)]  # not child dialogs
    for w in widgets:
        where = f"{type(w).__name__}({w.objectName() or ''})"
        if w.isWindow():
            add(where + ".windowTitle", w.windowTitle())
        add(where + ".toolTip", w.toolTip())
        if isinstance(w, QLabel):
            add(where, w.text())
        elif isinstance(w, QAbstractButton):
            add(where, w.text())
        elif isinstance(w, QLineEdit):
            add(where + ".placeholder", w.placeholderText())
        elif isinstance(w, QTextEdit):
            add(where, w.toPlainText())
        elif isinstance(w, QGroupBox):
            add(where, w.title())
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(where + f".tab{i}", w.tabText(i))
        elif isinstance(w, QComboBox) and not w.isEditable():
            for i in range(w.count()):
                add(where + f".item{i}", w.itemText(i))
        elif isinstance(w, QDockWidget):
            add(where, w.windowTitle())
        elif isinstance(w, QToolBar):
            add(where + ".title", w.windowTitle())
        if isinstance(w, QAbstractItemView):
            for text in _model_texts(w):
                add(where + ".model", text)
        for text in _chart_texts(w):
            add(where + ".chart", text)
        for action in w.actions():
            add(where + f".action({action.objectName()})", action.text())
            add(where + f".action({action.objectName()}).toolTip", action.toolTip())
            menu = action.menu()
            if menu is not None:
                add(where + ".menu", menu.title())
                for sub in menu.actions():
                    add(where + f".menu.action({sub.objectName()})", sub.text())
    if isinstance(top, QMainWindow):
        for action in top.menuBar().actions():
            add("menuBar", action.text())
            if action.menu() is not None:
                for sub in action.menu().actions():
                    add(f"menu {action.text()!r}", sub.text())
    return found


def chinese_in_english(top: QWidget) -> list[str]:
    return [f"{where}: {text!r}" for where, text in texts_of(top)
            if CJK.search(text) and text.strip() not in AUTONYMS and not PLATE.match(text.strip())]


def english_in_chinese(top: QWidget) -> list[str]:
    """Texts with no Chinese at all but an English word (codes, numbers, abbreviations allowed)."""
    bad = []
    for where, text in texts_of(top):
        if CJK.search(text) or text.strip() in AUTONYMS:
            continue
        words = [w for w in re.findall(r"[A-Za-z]+", text)
                 if len(w) > 1 and not w.isupper() and w not in ENGLISH_OK]
        if words:
            bad.append(f"{where}: {text!r}")
    return bad


def settle(qtbot) -> None:
    QApplication.processEvents()
    qtbot.wait(5)


# ---------------------------------------------------------------------------- the windows


def finished_visit(ctx) -> str:
    """A finished visit of an ASCII-named applicant, by the logged-in clerk; its receipt number."""
    from counter.forms.flow import VisitFlow
    from counter.visits import finish_visit

    flow = VisitFlow(ctx.catalog, ctx.clock.now, today=ctx.clock.today())
    for field, value in ASCII_IDENTITY.items():
        flow.identity.set(field, value)
    flow.choose(["HZ-08", "JG-A2"])
    from counter.forms.trial import fill_examples

    for draft in flow.items:
        fill_examples(draft.form, flow.today)  # finish_visit re-checks every page
        draft.materials = {m.code: "received" for m in draft.procedure.materials}
    return finish_visit(ctx, flow, ctx.principal).receipt_number


def admin_ctx(db_url: str, lang: str) -> AppContext:
    from counter.auth import create_user, login
    from counter.models import Role

    ctx = open_ctx(db_url, lang)
    with ctx.sessions.begin() as session:
        create_user(session, ctx.clock, station_id=ctx.station.id, username="boss", display_name="Admin Boss",
                    role=Role.ADMIN, password="Admin@2026x", must_change=False)
        create_user(session, ctx.clock, station_id=ctx.station.id, username="li", display_name="Li Clerk",
                    role=Role.CLERK, password="Clerk@2026x", must_change=False)
    with ctx.sessions() as session:
        ctx.principal = login(session, ctx.clock, "boss", "Admin@2026x")
    return ctx


def every_screen(qtbot, ctx, tmp_path):
    """Yield (name, top-level widget) for every window and dialog, each in the states it can show."""
    from counter import queueing as q
    from counter.ui.change_password_dialog import ChangePasswordDialog
    from counter.ui.citizen_search_dialog import CitizenSearchDialog
    from counter.ui.create_admin_dialog import CreateAdminDialog
    from counter.ui.display_window import DisplayWindow
    from counter.ui.item_status_dialog import ItemStatusDialog
    from counter.ui.login_dialog import LoginDialog
    from counter.ui.main_window import MainWindow
    from counter.ui.receipt_preview_dialog import PdfPrintPreviewDialog
    from counter.ui.security import RawExportDialog
    from counter.ui.settings_dialog import SettingsDialog
    from counter.ui.transfer_dialog import TransferDialog
    from counter.ui.users_dialog import UsersDialog

    def keep(widget):
        qtbot.addWidget(widget)
        widget.show()
        settle(qtbot)
        return widget

    login = keep(LoginDialog(None))
    yield "login (opening the database)", login
    login.attach(ctx)
    login.ctx = ctx
    login.set_demo_accounts([("系统管理员 admin", "admin", "Admin@2026")])
    login.username.setText("nobody")
    login.password.setText("wrong")
    login.try_login()
    login.tasks.wait()
    QApplication.processEvents()  # the refusal arrives from the background check
    yield "login (demo accounts, refusal)", login

    create_admin = keep(CreateAdminDialog(ctx))
    create_admin.password.setText("a")
    create_admin.again.setText("b")
    create_admin.create()
    yield "create admin", create_admin

    receipt = finished_visit(ctx)
    q.issue_ticket(ctx, "A")
    q.issue_ticket(ctx, "B")
    window = MainWindow(ctx)
    keep(window)
    yield "main window (idle)", window
    window.queue_panel.call_next()
    settle(qtbot)
    yield "main window (ticket called)", window
    window.new_visit()
    window.next_step()  # empty identity: errors at the fields
    settle(qtbot)
    yield "main window (identity with errors)", window
    for field, value in ASCII_IDENTITY.items():
        window.flow.identity.set(field, value)
    window.wizard._show_step()
    window.next_step()
    window.wizard.current.set_chosen(["HZ-08", "JG-A2"])
    settle(qtbot)
    yield "main window (procedures)", window
    window.flow.choose(["HZ-08", "JG-A2"])
    for index in range(2, len(window.flow.steps())):  # every page, materials and the review
        window.flow.index = index
        window.wizard._show_step()
        window._update_actions()
        settle(qtbot)
        yield f"main window (step {index + 1}: {window.flow.step.kind})", window
    window.flow.index = 2
    window.wizard._show_step()
    window.next_step()  # a form page with errors
    settle(qtbot)
    yield "main window (form page with errors)", window
    window.lang = ctx.config.lang
    window.show_guide()
    settle(qtbot)
    guide = window.guide
    qtbot.addWidget(guide)
    yield "guide dialog", guide
    guide.close()
    pdf = __import__("counter.visits", fromlist=["render_receipt_pdf"]).render_receipt_pdf(
        ctx, receipt, lang=ctx.config.lang)
    preview = keep(PdfPrintPreviewDialog(pdf, "R " + receipt, window))
    yield "receipt preview", preview
    preview.close()
    status = keep(ItemStatusDialog(ctx, window, receipt_number=receipt))
    qtbot.waitUntil(lambda: not status.tasks.busy)
    status.mark_ready()
    qtbot.waitUntil(lambda: not status.tasks.busy)
    settle(qtbot)
    yield "item status dialog", status
    status.close()
    users = keep(UsersDialog(ctx, window))
    qtbot.waitUntil(lambda: not users.tasks.busy)
    users.table.setCurrentCell(-1, -1)
    users.toggle_active()  # nothing selected: a message
    yield "users dialog", users
    users.close()
    search = keep(CitizenSearchDialog(ctx, window))
    search.query.setText(receipt)
    search.search()
    qtbot.waitUntil(lambda: not search.tasks.busy)
    settle(qtbot)
    yield "citizen search", search
    search.close()
    password = keep(ChangePasswordDialog(ctx, ctx.principal, forced=True, parent=window))
    yield "change password (forced)", password
    password.close()
    raw = keep(RawExportDialog(ctx, window))
    yield "raw export dialog", raw
    raw.close()
    transfer = keep(TransferDialog("A001", list(q.CATEGORIES),
                                   [(3, "Window 3" if ctx.config.lang == "en" else "3号窗口")], window,
                                    lang=ctx.config.lang))
    yield "transfer dialog", transfer
    transfer.close()
    settings = keep(SettingsDialog(ctx, window))
    settings.database_url.setText(f"sqlite:///{tmp_path / 'settings-test.sqlite3'}")
    settings.test_connection()
    qtbot.waitUntil(lambda: not settings.tasks.busy)
    yield "settings dialog", settings
    settings.close()
    window.security.lock_now()
    settle(qtbot)
    yield "lock screen", window
    window.security.lock.screen.attempt.emit("boss", "wrong")  # a refusal on the lock screen
    settle(qtbot)
    yield "lock screen (wrong password)", window
    window.security.lock.screen.attempt.emit("boss", "Admin@2026x")
    window.connection_banner._set_visible(True)
    yield "main window (connection banner)", window

    display = DisplayWindow(ctx, announcer=_SilentAnnouncer())
    display.refresh()  # the window's own first read runs in the background
    display.resize(1280, 720)
    keep(display)
    yield "display window", display
    display.close()

    yield from kiosk_screens(qtbot, ctx, keep, receipt)
    yield from manager_screens(qtbot, ctx, keep, tmp_path)


class _SilentAnnouncer:
    def announce_call(self, code, window_number):
        pass


def kiosk_screens(qtbot, ctx, keep, receipt):
    from counter import kiosk
    from counter.ui.kiosk_window import KioskWindow
    from counter.ui.rating_pad import RatingPadWindow

    folder = Path(ctx.config.database_url.removeprefix("sqlite:///")).parent
    settings = kiosk.KioskSettings.load(folder / "kiosk-settings.toml")
    win = KioskWindow(ctx, printer=lambda pdf, name: None, settings=settings)
    win.resize(1280, 1024)
    qtbot.addWidget(win, before_close_func=lambda w: w.unlock())
    win.show()
    settle(qtbot)
    yield "kiosk home", win
    win.open_ticket()
    settle(qtbot)
    yield "kiosk ticket choice", win
    win.take_ticket("A")
    settle(qtbot)
    yield "kiosk ticket taken", win
    win.open_guide()
    settle(qtbot)
    yield "kiosk guide list", win
    win.show_procedure("HZ-08")
    settle(qtbot)
    yield "kiosk guide detail", win
    win.open_status()
    settle(qtbot)
    yield "kiosk status query", win
    win.status_page.receipt.setText("0000000000000")
    win.status_page.proof.setText("002X")
    win.status_page.query()
    settle(qtbot)
    yield "kiosk status query (not found)", win
    win.open_status()
    win.status_page.receipt.setText(receipt)
    win.status_page.proof.setText("002X")
    win.status_page.query()
    settle(qtbot)
    yield "kiosk status result", win
    win.open_rate()
    settle(qtbot)
    yield "kiosk rate query", win
    win.corner_tapped()
    for _ in range(5):
        win.corner_tapped()
    settle(qtbot)
    yield "kiosk PIN", win
    win.go_home()
    pad = RatingPadWindow(ctx, receipt, lang=ctx.config.lang)
    keep(pad)
    yield "rating pad", pad
    pad.close()


def manager_screens(qtbot, ctx, keep, tmp_path):
    from counter.ui.manager_window import ManagerWindow
    from counter.ui.report_dialog import ReportDialog

    manager = ManagerWindow(ctx, refresh_ms=60_000)
    keep(manager)
    qtbot.wait(300)
    yield "manager window", manager
    report = ReportDialog(date(2026, 11, 23), manager, default_dir=tmp_path)
    report.show()
    settle(qtbot)
    yield "report dialog", report
    report.hide()
    manager.close()


# ---------------------------------------------------------------------------- the tests


def test_english_shows_no_chinese(qtbot, english, db_url, tmp_path):
    ctx = admin_ctx(db_url, "en")
    problems: dict[str, str] = {}  # each text once, with the first screen showing it
    try:
        for name, top in every_screen(qtbot, ctx, tmp_path):
            for problem in chinese_in_english(top):
                problems.setdefault(problem, f"{name}: {problem}")
    finally:
        ctx.close()
    problems = list(problems.values())
    assert not problems, "Chinese in the English UI:\n" + "\n".join(problems)


def test_chinese_shows_no_untranslated_english(qtbot, chinese, db_url, tmp_path):
    ctx = admin_ctx(db_url, "zh_CN")
    problems: dict[str, str] = {}  # each text once, with the first screen showing it
    try:
        for name, top in every_screen(qtbot, ctx, tmp_path):
            for problem in english_in_chinese(top):
                problems.setdefault(problem, f"{name}: {problem}")
    finally:
        ctx.close()
    problems = list(problems.values())
    assert not problems, "English in the Chinese UI:\n" + "\n".join(problems)


def test_every_source_text_has_a_finished_english_translation(tmp_path):
    """lupdate over counter/ui into a copy of counter_en.ts: nothing new, nothing unfinished."""
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent)) or shutil.which(
        "pyside6-lupdate")
    copy = tmp_path / "counter_en.ts"
    shutil.copy(TRANSLATIONS / "counter_en.ts", copy)
    sources = sorted(str(p) for p in (ROOT / "counter" / "ui").rglob("*.py"))  # the subpackages too
    subprocess.run([lupdate, "-silent", "-no-obsolete", "-locations", "none", "-source-language", "zh_CN",
                    *sources, "-ts", str(copy)], check=True, capture_output=True)
    unfinished = []
    for context in ET.parse(copy).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if (translation.get("type") in ("unfinished", "vanished", "obsolete")
                    or not (translation.text or "").strip()):
                unfinished.append(f"{context.findtext('name')}: {message.findtext('source')!r}")
    assert not unfinished, ("texts without an English translation (run `make update-translations`, "
                            "translate in resources/translations/counter_en.ts):\n" + "\n".join(unfinished))


def test_placeholders_survive_translation():
    """{0} and %1 of every source text are in its translation: .format() must not fail or drop data."""
    for context in ET.parse(TRANSLATIONS / "counter_en.ts").getroot().iter("context"):
        for message in context.iter("message"):
            source, translation = message.findtext("source"), message.findtext("translation") or ""
            wanted = sorted(set(re.findall(r"\{\d+(?::[^}]*)?\}|%\d", source)))
            got = sorted(set(re.findall(r"\{\d+(?::[^}]*)?\}|%\d", translation)))
            assert wanted == got, f"{context.findtext('name')}: {source!r} -> {translation!r}"
