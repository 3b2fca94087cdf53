"""Cold start: process start to a shown login window, beside a bare PySide6 QMainWindow.

Target (issue 2): within 2x the bare window. Prints medians of several runs of each.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup.py [runs]
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import time, sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.show(); app.processEvents()
print(time.time())
"""

APP = """
import time, sys
sys.argv = ["counter", "--demo"]
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import counter.ui.app as app_module
from counter.cli import build_parser
args = build_parser().parse_args(["--demo"])
app = app_module.make_application("zh_CN")
from counter.ui.login_dialog import LoginDialog
dialog = LoginDialog(None); dialog.show(); app.processEvents()
print(time.time())
"""


def measure(code: str, env: dict) -> float:
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                         check=True).stdout.strip().splitlines()[-1]
    return float(out) - start


def main(runs: int = 7) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "COUNTER_DATA_DIR": tempfile.mkdtemp(), "PYTHONPATH": str(ROOT)}
    measure(BARE, env)  # warm the page cache once
    bare = [measure(BARE, env) for _ in range(runs)]
    login = [measure(APP, env) for _ in range(runs)]
    b, a = statistics.median(bare), statistics.median(login)
    print(f"bare QMainWindow shown      median {b * 1000:7.0f} ms  (n={runs})")
    print(f"login window shown          median {a * 1000:7.0f} ms  (n={runs})")
    print(f"ratio                       {a / b:7.2f}x   target <= 2.0x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
