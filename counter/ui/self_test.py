"""`--self-test`: open the main windows, finish a visit and render its receipt, in a temp database."""
from __future__ import annotations

import argparse
import importlib
import os
import tempfile
import traceback
from pathlib import Path

from PySide6.QtWidgets import QApplication

from counter.config import read_settings

TERMINAL_SETTINGS = read_settings()  # read on import, before the checks point the data folder elsewhere


def run_self_test(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        os.environ["COUNTER_DATA_DIR"] = folder
        for name, check in CHECKS:
            try:
                check(Path(folder), args)
                print(f"ok    {name}")
            except Exception:
                failures.append(name)
                print(f"FAIL  {name}\n{traceback.format_exc()}")
        QApplication.processEvents()
    print("self-test: " + ("all passed" if not failures else f"{len(failures)} failed: {', '.join(failures)}"))
    return 1 if failures else 0


def _context(folder: Path, args: argparse.Namespace):
    from counter.config import Config
    from counter.context import AppContext
    from counter.db import upgrade
    from counter.demo import seed_accounts

    url = f"sqlite:///{folder / 'self-test.sqlite3'}"
    upgrade(url)
    ctx = AppContext.open(Config(database_url=url, lang=args.lang or "zh_CN", demo=True))
    seed_accounts(ctx)
    return ctx


def check_catalog(folder: Path, args) -> None:
    from counter.catalog import check_catalog as lint

    problems = lint()
    assert not problems, "\n".join(map(str, problems))


def check_windows_and_receipt(folder: Path, args) -> None:
    from counter.auth import login
    from counter.ui.login_dialog import LoginDialog
    from counter.ui.main_window import MainWindow
    from counter.visits import finish_visit, render_receipt_pdf
    from counter.forms.flow import VisitFlow

    ctx = _context(folder, args)
    dialog = LoginDialog(ctx)
    dialog.show()
    with ctx.sessions() as session:
        ctx.principal = login(session, ctx.clock, "li", "Clerk@2026")
    window = MainWindow(ctx)
    window.show()
    QApplication.processEvents()
    flow = VisitFlow(ctx.catalog, ctx.clock.now, today=ctx.clock.today())
    for field, value in {"name": "张三", "id_number": "11010519491231002X", "sex": "F",
                         "phone": "13812345678", "address": "北京市朝阳区建国路1号"}.items():
        flow.identity.set(field, value)
    flow.choose([ctx.catalog.procedures[0].code])
    flow.items[0].materials = {m.code: "received" for m in ctx.catalog.procedures[0].materials}
    done = finish_visit(ctx, flow, ctx.principal)
    pdf = render_receipt_pdf(ctx, done.receipt_number)
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000, "the receipt PDF is empty"
    window.close()
    dialog.close()
    ctx.close()


def check_other_windows(folder: Path, args) -> None:
    ctx = _context(folder, args)
    for module, cls in (("counter.ui.display_window", "DisplayWindow"), ("counter.ui.kiosk_window", "KioskWindow")):
        try:
            window_class = getattr(importlib.import_module(module), cls)
        except ModuleNotFoundError:
            continue  # that terminal role is not built into this version
        window = window_class(ctx)
        window.show()
        QApplication.processEvents()
        if hasattr(window, "unlock"):
            window.unlock()  # the kiosk refuses to close until an administrator unlocks it
        window.close()
    ctx.close()


def check_card_reader(folder: Path, args) -> None:
    from counter.ui.card_reader import self_test_line

    print(self_test_line(args, TERMINAL_SETTINGS))


CHECKS = [
    ("catalogue", check_catalog),
    ("login, clerk window, visit and receipt", check_windows_and_receipt),
    ("display and kiosk windows", check_other_windows),
    ("ID card reader", check_card_reader),
]
