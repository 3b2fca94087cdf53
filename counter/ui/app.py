"""Starting the GUI: show the login window first, open the database right after.

Importing SQLAlchemy and the domain costs about half a second; the login window appears
before that work, which runs from the event loop's first turn.
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
import traceback

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger(__name__)


def make_application(lang: str = "zh_CN") -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("一窗通办 Counter")
    app.setOrganizationName("yichuang-counter")
    font = QFont()
    font.setFamilies(["WenQuanYi Micro Hei", "Microsoft YaHei", "Noto Sans CJK SC", "SimHei"])
    font.setPointSize(11)
    app.setFont(font)
    from PySide6.QtGui import QIcon

    from counter.paths import resources_dir

    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "counter.png")))
    install_translator(app, lang)
    return app


def install_translator(app: QApplication, lang: str) -> list[QTranslator]:
    """Qt's own texts (OK, Cancel, the print preview) and ours; returns what was installed.

    Our source texts are Simplified Chinese, so zh_CN needs Qt's translation only.
    """
    from counter.paths import resources_dir

    installed = []
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    if lang != "zh_CN":
        translator = QTranslator(app)
        if translator.load(str(resources_dir() / "translations" / f"counter_{lang}.qm")):
            app.installTranslator(translator)
            installed.append(translator)
            QLocale.setDefault(QLocale(QLocale.Language.English))
        else:
            log.warning("no translation counter_%s.qm: run `make translations`", lang)
    return installed


def run_gui(args: argparse.Namespace) -> int:
    import os

    from counter.config import LANGUAGES, read_settings

    stored = {} if args.self_test else read_settings()
    lang = args.lang or os.environ.get("COUNTER_LANG") or stored.get("lang") or "zh_CN"
    if lang not in LANGUAGES:
        lang = "zh_CN"
    args.lang = lang
    apply_terminal_role(args, stored)
    if args.self_test and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and os.name != "nt":
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen (ssh, CI): test the rest
    app = make_application(lang)
    if args.self_test:
        from counter.ui.self_test import run_self_test

        return run_self_test(args)
    if args.kiosk or args.display:
        return _run_mode(app, args)
    from counter.ui.login_dialog import LoginDialog

    dialog = LoginDialog(None)
    dialog.show()
    if os.environ.get("COUNTER_STARTUP_PROBE"):  # benchmarks/bundle_startup.py: time to the shown window
        app.processEvents()
        print(f"shown {time.time():.6f}", flush=True)
        return 0
    starter = ClerkStart(app, args, dialog)
    QTimer.singleShot(0, starter.open_database)
    return app.exec()


def apply_terminal_role(args: argparse.Namespace, stored: dict) -> str:
    """No --kiosk/--display flag: start in the terminal's role from the settings. Returns the mode."""
    if not (args.kiosk or args.display or args.self_test):
        role = stored.get("role", "counter")
        args.kiosk, args.display = role == "kiosk", role == "display"
    return "kiosk" if args.kiosk else "display" if args.display else "counter"


def _run_mode(app: QApplication, args: argparse.Namespace) -> int:
    from counter.ui.screen_start import ScreenStart

    starter = ScreenStart(app, args)
    starter.start()
    return app.exec()


class ClerkStart:
    """Login, then the clerk's window; back to login on logout."""

    def __init__(self, app: QApplication, args: argparse.Namespace, dialog):
        self.app, self.args, self.dialog = app, args, dialog
        self.ctx = None
        self.window = None

    def open_database(self) -> None:
        """Open the database in the background: the login window stays alive ("正在打开数据库…")
        however long a server takes to answer or the demo takes to fill; while it does not open,
        the window says why and tries again (counter/ui/opening.py)."""
        from counter.ui.opening import DatabaseOpening, open_context, terminal_config
        from counter.ui.tasks import TaskRunner

        config = terminal_config(self.args)
        self.tasks = TaskRunner(self.dialog)
        self.dialog.rejected.connect(self.app.quit)

        def work():
            from counter.auth import any_users

            ctx = open_context(config)
            return ctx, not any_users(ctx)

        self.opening = DatabaseOpening(self.dialog, config, work, opened=self._opened, said=self.dialog.message.setText)
        self.opening.start()

    def _opened(self, result) -> None:
        self.ctx, empty = result
        self.dialog.message.clear()  # a failed try's reason is history now
        if empty:
            self.dialog.hide()
            self._create_admin()
            return
        if self.ctx.config.demo:
            from counter.demo import DEMO_ACCOUNTS

            self.dialog.ctx = self.ctx  # the labels follow the language
            self.dialog.set_demo_accounts(DEMO_ACCOUNTS)
        self.dialog.attach(self.ctx)
        self.dialog.accepted.connect(self.show_main)

    def _create_admin(self) -> None:
        from counter.ui.create_admin_dialog import CreateAdminDialog

        dialog = CreateAdminDialog(self.ctx)
        if dialog.exec():
            self.show_main()
        else:
            self.app.quit()

    def show_main(self) -> None:
        from counter.ui.main_window import MainWindow

        if not self._password_changed_if_required():
            self.logout()
            return
        if self.ctx.principal.role == "manager":  # the station manager starts at the dashboard
            from counter.ui.manager_window import ManagerWindow

            self.window = ManagerWindow(self.ctx)
            self.window.logout_requested.connect(self.logout)
            self.window.show()
            return
        self.window = MainWindow(self.ctx)
        self.window.logout_requested.connect(self.logout)
        self.window.show()
        offer_drafts(self.window)

    def _password_changed_if_required(self) -> bool:
        """First login (or after a reset): the user sets a new password before anything else."""
        principal = self.ctx.principal
        if principal is None or not principal.must_change_password:
            return True
        from counter.ui.change_password_dialog import ChangePasswordDialog

        return bool(ChangePasswordDialog(self.ctx, principal, forced=True).exec())

    def logout(self) -> None:
        if self.ctx.principal is not None:
            from counter import audit

            ctx, who = self.ctx, self.ctx.principal  # written in the background: logging out never waits
            self.tasks.run(lambda: audit.log_action(ctx, "logout", principal=who),
                           failed=lambda exc: log.warning("logout not audited: %r", exc))
        if self.window is not None:
            self.window.close()
            self.window = None
        self.ctx.principal = None
        self.dialog.password.clear()
        self.dialog.message.clear()
        self.dialog.show()


def offer_drafts(window) -> None:
    """After a crash: offer this clerk's unfinished visit back, with every typed value."""
    from counter.forms.flow import VisitFlow

    principal = window.ctx.principal
    drafts = window.journal.pending(principal.username) if principal else []
    if not drafts:
        return
    draft = drafts[0]
    name = draft.get("identity", {}).get("name") or "—"
    answer = QMessageBox.question(
        window, QCoreApplication.translate("ClerkStart", "恢复未完成的办件"),
        QCoreApplication.translate(
            "ClerkStart", "发现未完成的办件（申请人：{0}）。是否继续办理？\n选“否”将丢弃该草稿。").format(name))
    if answer == QMessageBox.StandardButton.Yes:
        try:
            window.resume(VisitFlow.from_dict(window.ctx.catalog, draft, window.ctx.clock.now))
            return
        except (KeyError, ValueError, TypeError):
            log.warning("draft %s could not be restored:\n%s", draft.get("key"), traceback.format_exc())
    window.journal.discard(draft["key"])
