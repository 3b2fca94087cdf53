"""receipt (reprint a receipt as PDF)."""
from __future__ import annotations

from pathlib import Path

from counter.commands.common import CommandFailed, open_context


def register(sub) -> None:
    p = sub.add_parser("receipt", help="reprint a receipt as PDF (counted as a reprint)")
    p.add_argument("number", help="the receipt number printed under the barcode")
    p.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    p.set_defaults(run=receipt)


def receipt(args) -> int:
    from counter.visits import VisitError, render_receipt_pdf

    ctx = open_context(args)
    try:
        pdf = render_receipt_pdf(ctx, args.number, reprint=True, lang=args.lang or "zh_CN")
    except VisitError as exc:
        raise CommandFailed(f"{exc.zh_CN} / {exc.en}", code=1) from exc
    args.out.write_bytes(pdf)
    print(f"已生成回执 / receipt written: {args.out}")
    return 0
