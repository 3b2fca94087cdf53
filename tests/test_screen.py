"""Full screen on a real X server (Xvfb): the kiosk and the hall display cover the whole screen,
portrait 1080×1920 and 1280×720, with a minimal window manager (matchbox) and with none, and take
the screen back after being resized. Skipped without xvfb-run (failing under CI=true)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import in_ci

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tools" / "screen_check.py"


def _need(program: str) -> None:
    if shutil.which(program) is None:
        if in_ci():
            pytest.fail(f"{program} is not installed (tools/system-deps.sh test)")
        pytest.skip(f"{program} is not installed")


@pytest.mark.parametrize("wm", [False, True], ids=["no-wm", "matchbox"])
@pytest.mark.parametrize("size", [(1080, 1920), (1280, 720)], ids=["1080x1920", "1280x720"])
@pytest.mark.parametrize("kind", ["kiosk", "display"])
def test_window_fills_the_screen_under_x(kind, size, wm):
    _need("xvfb-run")
    if wm:
        _need("matchbox-window-manager")
    width, height = size
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {width}x{height}x24", sys.executable, str(SCRIPT), kind]
    done = subprocess.run(cmd + (["--wm"] if wm else []), check=False, capture_output=True, text=True, timeout=180,
                          env=env, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    screen = [0, 0, width, height]
    assert report["platform"] == "xcb" and report["screen"] == screen
    assert report["frame"] == screen and report["geometry"] == screen
    assert report["after_resize"] == screen
    hint_w, hint_h = report["minimum_hint"]
    assert hint_w <= width and hint_h <= height  # nothing larger than the screen


SCREENS = [(1280, 720), (1366, 768), (1920, 1080), (1080, 1920)]


def _kiosk(ctx):
    from counter.ui.kiosk_window import KioskWindow

    return KioskWindow(ctx, printer=lambda pdf, name: None)


def _display(ctx):
    from counter.ui.announcer import Announcer
    from counter.ui.display_window import DisplayWindow

    display = DisplayWindow(ctx, announcer=Announcer(engine=None, chime_ms=5))
    display.refresh()  # the window's own first read runs in the background
    return display


@pytest.mark.parametrize("make", [_kiosk, _display], ids=["kiosk", "display"])
def test_nothing_is_larger_than_the_screen_at_any_size(qtbot, ctx, make):
    """The type follows each resize (larger first, then smaller): the minimum never exceeds the size."""
    window = make(ctx)
    qtbot.addWidget(window, before_close_func=lambda w: getattr(w, "unlock", lambda: None)())
    window.show()
    for width, height in [*SCREENS, *reversed(SCREENS)]:
        window.resize(width, height)
        qtbot.waitUntil(lambda w=width, h=height: window.size().toTuple() == (w, h), timeout=2000)
        qtbot.wait(20)  # the layout requests that the new type posted
        hint = window.minimumSizeHint()
        assert hint.width() <= width and hint.height() <= height, (width, height, hint)
        assert window.minimumWidth() <= width and window.minimumHeight() <= height
