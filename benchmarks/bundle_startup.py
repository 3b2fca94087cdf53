"""Start-up of the PyInstaller bundle beside the source: process start to the shown login window.

Both run the same code path (`main.py`, clerk mode, offscreen) with COUNTER_STARTUP_PROBE=1, which
prints the time once the login window is shown and exits. "cold" drops the page cache first
(root only; skipped elsewhere), "warm" is the median of the following runs.
Run after `make bundle`: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bundle_startup.py [runs]
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
BUNDLE = ROOT / "dist" / "counter" / ("counter.exe" if os.name == "nt" else "counter")


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def measure(command: list[str], env: dict) -> float:
    start = time.time()
    out = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=True).stdout
    shown = [line for line in out.splitlines() if line.startswith("shown ")]
    return float(shown[-1].split()[1]) - start


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(runs: int = 7) -> None:
    if not BUNDLE.exists():
        sys.exit(f"{BUNDLE} is missing: run `make bundle` first")
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "COUNTER_DATA_DIR": tempfile.mkdtemp(), "COUNTER_STARTUP_PROBE": "1"}
    commands = {"source (.venv python main.py)": [sys.executable, str(ROOT / "main.py")],
                "bundle (dist/counter/counter)": [str(BUNDLE)]}
    print(f"bundle folder {folder_size(BUNDLE.parent) / 1e6:.0f} MB")
    for name, command in commands.items():
        cold = measure(command, env) if drop_caches() else None
        measure(command, env)  # warm the cache
        warm = statistics.median(measure(command, env) for _ in range(runs))
        cold_text = f"cold {cold * 1000:6.0f} ms, " if cold is not None else "cold (needs root), "
        print(f"{name:32s} {cold_text}warm median {warm * 1000:6.0f} ms (n={runs})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
