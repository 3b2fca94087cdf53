"""How long an acceptance receipt PDF takes to render, and how big it is.

Renders 200 receipts of 3 items each (different numbers, so no caching helps) and prints the
median and p90 time in ms and the size in KB. The one-off font registration is measured apart.

    .venv/bin/python benchmarks/receipt_pdf.py [count]
"""
from __future__ import annotations

import statistics
import sys
import time
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from counter.printing.documents import ReceiptData, ReceiptLine
from counter.printing.fonts import register_cjk_font
from counter.printing.receipt import render_receipt

CST = timezone(timedelta(hours=8))


def receipt(i: int) -> ReceiptData:
    return ReceiptData(
        station_name="某某市公安局某某分局城关派出所",
        receipt_number=f"2611230{i:06d}",
        applicant_name="张三",
        id_number_masked="110101********1234",
        lines=(
            ReceiptLine("HZ-08", "居民身份证换领", Decimal("20.00"), date(2027, 1, 7), "受理",
                        ("居民户口簿", "原居民身份证"), ()),
            ReceiptLine("JG-12", "机动车驾驶证期满换证", Decimal("10.00"), date(2026, 11, 24),
                        "需补正", ("机动车驾驶证", "身体条件证明"), ("二寸白底彩色照片",)),
            ReceiptLine("JG-31", "机动车检验合格标志核发", Decimal("0"), None, "受理",
                        ("机动车行驶证", "交强险保单"), ()),
        ),
        clerk_name="李警官",
        window_name="3号综合窗口",
        issued_at=datetime(2026, 11, 23, 9, 41, tzinfo=CST),
        lookup_hint="凭本回执条码到大厅自助机查询办理进度，或拨打 0000-12345678 咨询。",
        ticket_code="C003",
        reprint=1 if i % 5 == 0 else 0,
    )


def main(count: int = 200) -> None:
    t0 = time.perf_counter()
    info = register_cjk_font()
    t_font = time.perf_counter() - t0
    t0 = time.perf_counter()
    first = render_receipt(receipt(0))
    t_first = time.perf_counter() - t0

    times: list[float] = []
    sizes: list[int] = []
    for i in range(1, count + 1):
        t0 = time.perf_counter()
        pdf = render_receipt(receipt(i))
        times.append((time.perf_counter() - t0) * 1000)
        sizes.append(len(pdf))
    times.sort()
    p90 = times[min(len(times) - 1, int(round(0.9 * (len(times) - 1))))]
    print(f"font: {info.path} (registration {t_font * 1000:.0f} ms, once per process)")
    print(f"first receipt: {t_first * 1000:.1f} ms, {len(first) / 1024:.1f} KB")
    print(f"{count} receipts x 3 items: median {statistics.median(times):.1f} ms, "
          f"p90 {p90:.1f} ms, min {times[0]:.1f} ms, max {times[-1]:.1f} ms")
    print(f"size: median {statistics.median(sizes) / 1024:.1f} KB "
          f"(min {min(sizes) / 1024:.1f}, max {max(sizes) / 1024:.1f})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
