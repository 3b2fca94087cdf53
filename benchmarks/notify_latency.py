"""From a commit to the change arriving at a watcher (the hall display's trigger), moved here from
the tests' speed asserts (tests/test_notify.py, tests/test_display.py: once under 1 s).

SQLite is polled (`poll_interval`, 0.5 s in the program); PostgreSQL answers through NOTIFY.

    .venv/bin/python benchmarks/notify_latency.py [--database URL] [--rounds 20]
"""
from __future__ import annotations

import argparse
import queue
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from counter import queueing as q
from counter.config import Config
from counter.context import AppContext
from counter.db import upgrade
from counter.notify import ChangeWatcher


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--poll", type=float, default=0.5)
    args = parser.parse_args()
    url = args.database or f"sqlite:///{Path(tempfile.mkdtemp(prefix='notify-bench-')) / 'hall.sqlite3'}"
    upgrade(url)
    ctx = AppContext.open(Config(database_url=url))
    changes: queue.Queue = queue.Queue()
    stop = threading.Event()
    watcher = ChangeWatcher(url, ctx.station.id, poll_interval=args.poll)
    thread = threading.Thread(target=watcher.run, args=(changes.put, stop), daemon=True)
    thread.start()
    if watcher.postgres:
        watcher.listening.wait(10)
    time.sleep(args.poll * 2)  # a benchmark, not a test: let the first poll settle
    seconds = []
    for _ in range(args.rounds):
        while not changes.empty():
            changes.get_nowait()
        started = time.monotonic()
        q.issue_ticket(ctx, "A")
        changes.get(timeout=10)
        seconds.append(time.monotonic() - started)
    stop.set()
    thread.join(5)
    kind = "NOTIFY" if watcher.postgres else f"poll every {args.poll} s"
    print(f"{kind}: commit -> change median {statistics.median(seconds) * 1000:.0f} ms, "
          f"max {max(seconds) * 1000:.0f} ms over {args.rounds} tickets (target < 1 s)")
    ctx.close()


if __name__ == "__main__":
    main()
