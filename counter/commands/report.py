"""demo (simulated traffic) and export-report (the Excel workbook of a period)."""
from __future__ import annotations

import sys
from datetime import date

from counter.commands.common import CommandFailed, open_context, writable_output


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        import argparse

        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD / expected YYYY-MM-DD: {text!r}") from exc


def register(sub) -> None:
    p = sub.add_parser("demo", help="fill the database with realistic simulated traffic (deterministic per seed)")
    p.add_argument("--days", type=int, required=True, metavar="N", help="how many days, ending today")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (same seed, same data)")
    p.add_argument("--visits-per-day", type=int, default=120, metavar="V", help="citizens on a weekday (default 120)")
    p.add_argument("--windows", type=int, default=6, metavar="W", help="counter windows (default 6)")
    p.add_argument("--before-after", type=_day, metavar="DATE",
                   help="separate 户政/交管 windows before DATE, merged windows from DATE on")
    p.add_argument("--end", type=_day, metavar="DATE", help="last simulated day (default today, cut at now)")
    p.set_defaults(run=demo)

    p = sub.add_parser("export-report", help="write the Excel report of a period (optionally vs a baseline)")
    p.add_argument("--from", dest="date_from", type=_day, required=True, metavar="DATE")
    p.add_argument("--to", dest="date_to", type=_day, required=True, metavar="DATE")
    p.add_argument("--baseline-from", type=_day, metavar="DATE")
    p.add_argument("--baseline-to", type=_day, metavar="DATE")
    p.add_argument("--target-minutes", type=float, metavar="M", help="service-level wait target (default: settings, 20)")
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")
    p.set_defaults(run=export_report)


def demo(args) -> int:
    from counter.simulate import SimOptions, SimulationError, simulate

    if args.days < 1 or args.visits_per_day < 0 or args.windows < 1:
        raise CommandFailed("--days 与 --windows 至少为 1 / --days and --windows must be at least 1")
    ctx = open_context(args)
    options = SimOptions(days=args.days, seed=args.seed, visits_per_day=args.visits_per_day, windows=args.windows,
                         before_after=args.before_after, end=args.end)
    try:
        result = simulate(ctx, options)
    except SimulationError as exc:
        raise CommandFailed(str(exc)) from exc
    print(result.summary())
    return 0


def export_report(args) -> int:
    from counter.metrics import Period
    from counter.reports import export_report as export

    try:
        period = Period(args.date_from, args.date_to)
        baseline = None
        if args.baseline_from or args.baseline_to:
            if not (args.baseline_from and args.baseline_to):
                raise CommandFailed("--baseline-from 与 --baseline-to 须同时给出 / give both --baseline-from and --baseline-to")
            baseline = Period(args.baseline_from, args.baseline_to)
    except ValueError as exc:
        raise CommandFailed(f"日期范围无效 / invalid date range: {exc}") from exc
    writable_output(args.out)
    if not args.out.lower().endswith(".xlsx"):
        raise CommandFailed("--out 须为 .xlsx 文件 / --out must be an .xlsx file")
    ctx = open_context(args)
    last = [-1]

    def progress(done: int, total: int) -> None:
        if args.quiet or not total:
            return
        pct = int(100 * done / total)
        if pct != last[0]:
            last[0] = pct
            print(f"\r{pct:3d}%  {done}/{total}", end="", file=sys.stderr, flush=True)

    result = export(ctx, period, args.out, baseline=baseline, progress=progress, target_minutes=args.target_minutes)
    if not args.quiet:
        print(file=sys.stderr)
    print(f"{result.path}: {result.rows} 行明细 / raw rows, {result.seconds:.1f} s")
    return 0
