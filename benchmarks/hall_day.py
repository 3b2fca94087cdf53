"""A day in the hall (issue 14): memory stays flat, previews open fast, print jobs carry text.

In one process, offscreen: a kiosk issues 300 tickets (each slip printed), the queue calls them
and a display announces 300 calls (the speech engine replaced by a recorder: no audio here), and
the real clerk window finishes 300 visits, each printed on Ctrl+Enter and previewed on demand
(Ctrl+P, then Esc). Printing goes to a throwaway CUPS with a cups-pdf queue when CUPS and
cups-pdf are installed and we are root (tests/cups_server.py), else each job is written to a PDF
file (the hand-over to the spooler is then not measured).

Prints RSS at the start and after 50, 100 and 300 visits, the preview's open time (until its page
is painted), the print hand-over time, and checks one printout: size, embedded fonts (pdffonts),
extractable text (pdftotext).
Goals: RSS growth < 50 MB over the 300 visits; preview open < 150 ms; a job < 300 KB with fonts
embedded and text extractable.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/hall_day.py [--visits 300]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["COUNTER_DATA_DIR"] = tempfile.mkdtemp(prefix="hall-day-")

from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest

from benchmarks.scenarios import IDENTITY_ZHANG, Business, QtDriver, ScriptedClerk
from counter import kiosk
from counter import queueing as q
from counter.auth import login
from counter.clock import FixedClock
from counter.config import Config
from counter.context import AppContext
from counter.db import upgrade
from counter.demo import seed_accounts
from counter.printing import spool
from counter.ui.announcer import Announcer
from counter.ui.app import make_application

VISIT = (Business("HZ-08", {"reason": "expiry", "card_expiry": "20270110"}),)
CHECKPOINTS = (50, 100, 300)


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def inked(preview) -> bool:
    """The page is on screen: some dark pixel (the title) in the top of the preview's viewport.
    Costs a grab of that strip (a few ms), so the open times below are slightly pessimistic."""
    viewport = preview.view.viewport()
    image = viewport.grab(QRect(0, 0, viewport.width(), min(240, viewport.height()))).toImage()  # the title
    for y in range(0, image.height(), 6):
        for x in range(0, image.width(), 6):
            if image.pixelColor(x, y).lightness() < 90:
                return True
    return False


class RecordingAnnouncer(Announcer):
    """The display's announcer with the engine replaced by a list (no audio device here)."""

    def __init__(self, parent=None):
        super().__init__(parent, engine=None)
        self.calls: list[tuple[str, int]] = []

    def announce_call(self, code: str, window_number: int) -> None:
        self.calls.append((code, window_number))


def start_printing(folder: Path, use_cups: bool = True):
    """cups-pdf through a throwaway cupsd if possible; else jobs become PDF files in `folder`."""
    try:
        from tests.cups_server import QUEUE, CupsServer, ServerMissing

        if not use_cups:
            raise ServerMissing("--no-cups")
        server = CupsServer.start()
    except (ImportError, ServerMissing, RuntimeError) as exc:
        print(f"printing: no CUPS ({exc}); jobs are written to {folder}")
        from counter.ui import print_jobs

        def to_file(pdf: bytes, title: str, printer: str = "", media=None) -> spool.PrintJob:
            (folder / f"{title}.pdf").write_bytes(pdf)
            return spool.PrintJob(printer, "", title, len(pdf))

        print_jobs.print_document = to_file
        return None, "file"
    os.environ.update(server.env())
    print(f"printing: cups-pdf queue {QUEUE!r} on a throwaway cupsd ({server.socket}); output {server.output_dir}")
    return server, QUEUE


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=300)
    parser.add_argument("--no-cups", action="store_true", help="write the jobs to PDF files even if CUPS is here")
    args = parser.parse_args()
    out = Path(os.environ["COUNTER_DATA_DIR"]) / "prints"
    out.mkdir()
    run_started = time.time() - 1
    server, queue = start_printing(out, not args.no_cups)
    app = make_application("zh_CN")
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(lambda kind, context, message: None if "propagateSizeHints" in message
                           else sys.stderr.write(message + "\n"))
    url = f"sqlite:///{os.environ['COUNTER_DATA_DIR']}/hall.sqlite3"
    upgrade(url)
    clock = FixedClock(datetime(2026, 11, 23, 1, 30, tzinfo=timezone.utc))  # the scenarios' day
    ctx = AppContext.open(Config(database_url=url, receipt_printer=queue if server else ""), clock=clock)
    seed_accounts(ctx)
    with ctx.sessions() as session:
        ctx.principal = login(session, ctx.clock, "li", "Clerk@2026")

    from counter.ui.display_window import DisplayWindow
    from counter.ui.kiosk_window import KioskWindow, default_printer
    from counter.ui.main_window import MainWindow

    settings = kiosk.KioskSettings.load(Path(os.environ["COUNTER_DATA_DIR"]) / "kiosk.json")
    settings.printer_name, settings.save_slips = (queue, False) if server else ("", True)
    kiosk_win = KioskWindow(ctx, printer=default_printer(settings), settings=settings)
    kiosk_win.resize(1080, 1920)
    kiosk_win.show()
    announcer = RecordingAnnouncer()
    display = DisplayWindow(ctx, announcer=announcer)
    display.resize(1920, 1080)
    display.show()
    window = MainWindow(ctx)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    driver = QtDriver()

    print_times: list[float] = []
    submitted: dict[str, float] = {}
    window.printer.printed.connect(lambda title, job: print_times.append(time.perf_counter() - submitted.pop(title, 0)))
    window.printer.failed.connect(lambda title, message: print(f"  print failed: {message}"))
    original_submit = window.printer.submit

    def timed_submit(pdf, title, printer="", media=None):
        submitted[title] = time.perf_counter()
        original_submit(pdf, title, printer, media)

    window.printer.submit = timed_submit
    previews: list[float] = []
    slips: list[float] = []
    finishes: list[float] = []

    def one_visit(i: int) -> None:
        # a citizen takes a ticket at the kiosk (its slip printed)
        QTest.mouseClick(kiosk_win.home_page.tiles["ticket"], Qt.MouseButton.LeftButton)
        started = time.perf_counter()
        QTest.mouseClick(kiosk_win.ticket_page.buttons["A"], Qt.MouseButton.LeftButton)
        driver.waitUntil(lambda: kiosk_win.pages.currentWidget() is kiosk_win.ticket_done_page, 5000)
        slips.append(time.perf_counter() - started)  # issued in the background, then the slip page
        kiosk_win.go_home()
        # the window calls it, the display announces it
        q.call_next(ctx, ctx.config.window_number)
        display.poll()
        # the clerk serves the citizen and finishes: Ctrl+Enter prints
        window.activateWindow()
        driver.waitUntil(window.isActiveWindow, 2000)
        clerk = ScriptedClerk(driver, window)
        started = time.perf_counter()
        clerk.serve(IDENTITY_ZHANG, VISIT)
        finishes.append(time.perf_counter() - started)
        window.wizard.step_changed.disconnect(clerk._page_shown)
        # the preview on demand: Ctrl+P until its page is painted, then Esc
        started = time.perf_counter()
        QTest.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        preview = window.preview
        deadline = started + 5
        while not inked(preview) and time.perf_counter() < deadline:  # QPdfView renders in a thread
            app.processEvents()
        previews.append(time.perf_counter() - started)
        QTest.keyClick(preview, Qt.Key.Key_Escape)
        del preview
        app.processEvents()
        window.activateWindow()
        clock.advance(seconds=30)

    print(f"{'visits':>6} {'RSS MB':>8} {'growth':>7}")
    one_visit(0)  # first use loads fonts, QtPdf, the catalogue: the day starts after it
    start = rss_mb()
    print(f"{'start':>6} {start:>8.1f} {0:>7.1f}")
    began = time.perf_counter()
    for i in range(1, args.visits + 1):
        one_visit(i)
        if i in CHECKPOINTS or i == args.visits:
            now = rss_mb()
            print(f"{i:>6} {now:>8.1f} {now - start:>+7.1f}")
    window.printer.wait(600_000)
    app.processEvents()
    total = time.perf_counter() - began

    def ms(values: list[float]) -> str:
        values = sorted(values)
        p95 = values[int(len(values) * 0.95) - 1]
        return (f"median {statistics.median(values) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
                f"max {values[-1] * 1000:.0f} ms")

    print(f"\n{args.visits} visits in {total:.0f} s ({total / args.visits:.2f} s each: kiosk + call + visit + preview)")
    print(f"visit (scripted clerk, F5 → Ctrl+Enter): {ms(finishes)}")
    print(f"preview open (Ctrl+P → page painted): {ms(previews)}")
    print(f"receipt print hand-over (submit → spooler has it, off the GUI thread): {ms(print_times)}")
    print(f"kiosk ticket until its slip page shows (issued in the background): {ms(slips)}")
    last = announcer.calls[-1] if announcer.calls else None
    print(f"display: {len(announcer.calls)} calls announced (recorder), last {last}")
    report_printouts(server, out, args.visits, run_started)
    if server is not None:
        server.stop()


def report_printouts(server, folder: Path, visits: int, since: float) -> None:
    if server is None:
        receipts = sorted(folder.glob("receipt-*.pdf"))
        slips = sorted((Path(os.environ["COUNTER_DATA_DIR"]) / "kiosk-prints").glob("*.pdf"))
    else:
        deadline = time.monotonic() + 900
        def mine(pattern: str) -> list[Path]:  # this run's printouts (the folder is shared)
            return sorted(p for p in server.output_dir.glob(pattern) if p.stat().st_mtime >= since)

        while time.monotonic() < deadline and (len(mine("receipt-*.pdf")) < visits + 1
                                               or len(mine("ticket-*.pdf")) < visits + 1):
            time.sleep(1)
        time.sleep(2)
        receipts, slips = mine("receipt-*.pdf"), mine("ticket-*.pdf")
    print(f"printouts: {len(receipts)} receipts, {len(slips)} slips")
    if not receipts:
        return
    sample = receipts[len(receipts) // 2]
    sizes = [p.stat().st_size for p in receipts]
    print(f"receipt job: {sizes[len(sizes) // 2] / 1024:.0f} KB median, {max(sizes) / 1024:.0f} KB max")
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(sample)], capture_output=True, text=True).stdout.splitlines()[2:]
        print("fonts in a printout: " + "; ".join(" ".join(f.split()[:2] + f.split()[-5:-2]) for f in fonts))
        text = subprocess.run(["pdftotext", str(sample), "-"], capture_output=True, text=True).stdout
        print(f"text extracted: {len(text.split())} words; Chinese readable: {'居民身份证换领' in text}; "
              f"first words: {' '.join(text.split()[:6])}")
    if server is not None:
        for path in (*receipts, *slips):
            path.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
