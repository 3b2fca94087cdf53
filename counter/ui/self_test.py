"""`--self-test`: open the main windows, finish a visit and render its receipt, in a temp database;
then report each peripheral (printer, voice, screen). A peripheral that is missing or wrong is a
WARN line (the program still works without it, but the administrator must see it), not a failure."""
from __future__ import annotations

import argparse
import importlib
import os
import shutil
import subprocess
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
    warnings = []
    for name, report in PERIPHERALS:
        try:
            lines = report()
        except Exception as exc:
            lines = [(False, f"{type(exc).__name__}: {exc}")]
        for ok, text in lines:
            print(f"{'ok  ' if ok else 'WARN'}  {name}: {text}")
            if not ok and name not in warnings:
                warnings.append(name)
    summary = "all passed" if not failures else f"{len(failures)} failed: {', '.join(failures)}"
    if warnings:
        summary += f"; warnings: {', '.join(warnings)}"
    print("self-test: " + summary)
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
    from counter.auth import sign_in
    from counter.forms.flow import VisitFlow
    from counter.ui.login_dialog import LoginDialog
    from counter.ui.main_window import MainWindow
    from counter.visits import finish_visit, render_receipt_pdf

    ctx = _context(folder, args)
    dialog = LoginDialog(ctx)
    dialog.show()
    ctx.principal = sign_in(ctx, "li", "Clerk@2026")
    window = MainWindow(ctx)
    window.show()
    QApplication.processEvents()
    flow = VisitFlow(ctx.catalog, ctx.clock.now, today=ctx.clock.today())
    for field, value in {"name": "张三", "id_number": "11010519491231002X", "sex": "F",
                         "phone": "13812345678", "address": "北京市朝阳区建国路1号"}.items():
        flow.identity.set(field, value)
    flow.choose([ctx.catalog.procedures[0].code])
    from counter.forms.trial import fill_examples

    fill_examples(flow.items[0].form, flow.today)  # finish_visit re-checks every page
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


# -- peripherals: (ok, text) lines each

def report_printers() -> list[tuple[bool, str]]:
    """CUPS through lpstat where it exists (the scheduler and each queue's state), else Qt's list."""
    if shutil.which("lpstat"):
        return _cups_printers()
    from PySide6.QtPrintSupport import QPrinterInfo

    names = QPrinterInfo.availablePrinterNames()
    if not names:
        return [(False, "没有可用的打印机 · no printer installed (receipts and slips cannot be printed)")]
    default = QPrinterInfo.defaultPrinterName()
    lines = []
    for name in names:
        info = QPrinterInfo.printerInfo(name)
        state = info.state().name.lower()
        ok = state in ("idle", "active")
        lines.append((ok, f"{name}{' (default)' if name == default else ''}: {state}"))
    return lines


def _lpstat(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["lpstat", *args], check=False, capture_output=True, text=True, timeout=10,
                          env={**os.environ, "LC_ALL": "C"})


def _cups_printers() -> list[tuple[bool, str]]:
    scheduler = _lpstat("-r")
    if "not running" in scheduler.stdout or scheduler.returncode != 0:
        return [(False, "CUPS 打印服务未运行 · the CUPS scheduler is not running (lpstat -r)")]
    printers = _lpstat("-p")
    lines = [line for line in printers.stdout.splitlines() if line.startswith("printer ")]
    if not lines:
        return [(False, "没有安装打印机 · CUPS has no printer (lpstat -p)")]
    default = _lpstat("-d").stdout.strip().rpartition(": ")[2]
    result = []
    for line in lines:
        name = line.split()[1]
        ok = "disabled" not in line
        result.append((ok, f"{name}{' (default)' if name == default else ''}: {line.partition(name)[2].strip()}"))
    return result


def report_voice() -> list[tuple[bool, str]]:
    """The engine and voice the hall display would use, and its language (Mandarin or a warning)."""
    from counter.ui.announcer import select_engine

    engine, voice = select_engine()
    if engine is None:
        return [(False, ("没有语音引擎，叫号只有提示音 · no speech engine: calls are a chime only "
                         "(install espeak-ng / speech-dispatcher-espeak-ng)"))]
    name = engine.name
    engine.deleteLater()
    if voice is None:
        return [(False, f"{name}: 没有中文（普通话）语音 · no Mandarin voice: calls are a chime only")]
    return [(True, f"{name}: {voice.name}, language {voice.language or '?'} → {voice.locale} (Mandarin)"),
            _sound_output()]


def _sound_output() -> tuple[bool, str]:
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return False, "QtMultimedia missing: the sound output cannot be checked"
    device = QMediaDevices.defaultAudioOutput()
    if device.isNull():
        return False, "没有声音输出设备，大厅听不到叫号 · no sound output device: the hall hears no call"
    return True, f"sound output: {device.description()}"


def report_screens() -> list[tuple[bool, str]]:
    from PySide6.QtGui import QGuiApplication

    platform = QGuiApplication.platformName()
    screens = QGuiApplication.screens()
    if not screens:
        return [(False, f"没有屏幕 · no screen ({platform})")]
    lines = []
    for screen in screens:
        geo = screen.geometry()
        primary = " (primary)" if screen is QGuiApplication.primaryScreen() else ""
        text = (f"{screen.name() or '?'}{primary}: {geo.width()}×{geo.height()} at ({geo.x()},{geo.y()}), "
                f"{screen.logicalDotsPerInch():.0f} dpi, device pixel ratio {screen.devicePixelRatio():g} [{platform}]")
        lines.append((True, text))
    return lines


PERIPHERALS = [
    ("printer", report_printers),
    ("voice", report_voice),
    ("screen", report_screens),
]
