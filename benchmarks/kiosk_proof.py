"""Kiosk proof checks: a wrong proof for an existing number vs a number that does not exist.

    .venv/bin/python benchmarks/kiosk_proof.py [--receipts 200] [--database URL]

Both answers are the same words (tests/test_kiosk_service.py asserts that); this measures that
they also take about the same time, so the clock does not tell a guesser which numbers exist.
Each guess uses a new number and the clock moves 16 minutes between guesses, so no lock is
reached and every call takes the plain "wrong proof" path. Reports medians and p90 in ms.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from counter import kiosk
from counter.clock import FixedClock
from counter.config import Config
from counter.context import AppContext
from counter.db import upgrade
from tests.conftest import START
from tests.helpers import make_visit


def timed(ctx, clock, number: str, proof: str) -> float:
    clock.advance(minutes=16)
    t0 = time.perf_counter()
    try:
        kiosk.lookup_status(ctx, number, proof)
    except kiosk.WrongProof:
        pass
    return (time.perf_counter() - t0) * 1000


def p90(values: list[float]) -> float:
    return sorted(values)[int(0.9 * (len(values) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--receipts", type=int, default=200)
    parser.add_argument("--database")
    args = parser.parse_args()
    url = args.database or f"sqlite:///{Path(tempfile.mkdtemp()) / 'kiosk.sqlite3'}"
    if not args.database:
        upgrade(url)
    clock = FixedClock(START)
    ctx = AppContext.open(Config(database_url=url), clock=clock)
    numbers = [make_visit(ctx) for _ in range(args.receipts)]
    missing = [f"{numbers[0][:-4]}{9999 - i:04d}" for i in range(args.receipts)]
    existing_t, missing_t = [], []
    for real, fake in zip(numbers, missing):  # interleaved: drift hits both alike
        existing_t.append(timed(ctx, clock, real, "1234"))
        missing_t.append(timed(ctx, clock, fake, "1234"))
    ctx.close()
    for name, values in (("existing number, wrong proof", existing_t), ("missing number", missing_t)):
        print(f"{name:30s} median {statistics.median(values):6.2f} ms   p90 {p90(values):6.2f} ms")


if __name__ == "__main__":
    main()
