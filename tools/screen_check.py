"""Show the kiosk or the hall display full screen on a real X server and report its geometry.

    xvfb-run -a -s "-screen 0 1080x1920x24" python tools/screen_check.py kiosk [--wm] [--shot out.png]

`--wm` starts matchbox-window-manager first (a minimal window manager, as on kiosk images);
without it there is none. Prints one JSON line: the screen's, the window's and its frame's geometry
and the window's minimum size hint, after the window had up to 5 s to settle, and its frame again
after it was resized to half the screen. tests/test_screen.py
runs it; `--shot` also saves what the screen shows (the README's screenshots).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["COUNTER_DATA_DIR"] = tempfile.mkdtemp(prefix="counter-screen-")


def rect(r) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def demo_context():
    from counter import queueing as q
    from counter.config import Config
    from counter.context import AppContext
    from counter.db import upgrade

    url = f"sqlite:///{os.environ['COUNTER_DATA_DIR']}/screen.sqlite3"
    upgrade(url)
    ctx = AppContext.open(Config(database_url=url, demo=True))
    for letter in "AABACBAVAB":
        q.issue_ticket(ctx, letter)
    for window in (1, 2, 3, 1, 4):
        q.call_next(ctx, window)
    return ctx


def make_window(kind: str, ctx):
    if kind == "display":
        from counter.ui.display_window import DisplayWindow

        return DisplayWindow(ctx)
    from counter.ui.kiosk_window import KioskWindow

    return KioskWindow(ctx, printer=lambda pdf, name: None)


def settle(app, window, seconds: float = 5.0) -> None:
    """Until the window covers its screen (or time is up), then a little more for late moves."""
    screen = window.screen().geometry()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        if window.geometry() == screen and window.frameGeometry() == screen:
            break
        time.sleep(0.02)
    end = time.monotonic() + 0.5
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=("kiosk", "display"))
    parser.add_argument("--wm", action="store_true", help="run matchbox-window-manager")
    parser.add_argument("--shot", type=Path, help="save the screen as PNG")
    args = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    wm = None
    if args.wm:
        program = shutil.which("matchbox-window-manager")
        if program is None:
            print("matchbox-window-manager is not installed", file=sys.stderr)
            return 3
        wm = subprocess.Popen([program], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)  # let it take the root window before ours maps
    try:
        from counter.ui.app import make_application

        app = make_application("zh_CN")
        ctx = demo_context()
        window = make_window(args.kind, ctx)
        window.showFullScreen()
        settle(app, window)
        screen = window.screen()
        report = {"kind": args.kind, "wm": bool(wm), "platform": app.platformName(),
                  "screen": rect(screen.geometry()), "geometry": rect(window.geometry()),
                  "frame": rect(window.frameGeometry()),
                  "minimum_hint": [window.minimumSizeHint().width(), window.minimumSizeHint().height()]}
        # something (a user, a window manager) shrinks it: it takes the screen back
        window.resize(screen.geometry().width() // 2, screen.geometry().height() // 2)
        settle(app, window)
        report["after_resize"] = rect(window.frameGeometry())
        if args.shot:
            screen.grabWindow(0).save(str(args.shot))  # the whole screen, as the hall sees it
        print(json.dumps(report), flush=True)
        if hasattr(window, "unlock"):
            window.unlock()
        window.close()
        ctx.close()
        return 0
    finally:
        if wm is not None:
            wm.terminate()
            wm.wait(5)


if __name__ == "__main__":
    sys.exit(main())
