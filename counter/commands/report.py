"""demo (simulated traffic) and export-report (the Excel workbook of a period)."""
from __future__ import annotations

import sys

from counter.commands.common import (
    CommandFailed,
    count,
    day,
    minutes,
    open_context,
    output_file,
    writable_output,
)


def register(sub) -> None:
    p = sub.add_parser("demo", help="fill the database with realistic simulated traffic (deterministic per seed)")
    p.add_argument("--days", type=count("天数", 1, 3660), required=True, metavar="N",
                   help="how many days, ending today (1–3660)")
    p.add_argument("--seed", type=count("随机种子", 0, 2**63 - 1), default=1, metavar="S",
                   help="random seed (same seed, same data)")
    p.add_argument("--visits-per-day", type=count("每日人数", 0, 5000), default=120, metavar="V",
                   help="citizens on a weekday (default 120)")
    p.add_argument("--windows", type=count("窗口数", 1, 999), default=6, metavar="W",
                   help="counter windows (default 6)")
    p.add_argument("--before-after", type=day, metavar="DATE",
                   help="separate 户政/交管 windows before DATE, merged windows from DATE on")
    p.add_argument("--end", type=day, metavar="DATE", help="last simulated day (default today, cut at now)")
    p.add_argument("--no-audit", action="store_true",
                   help="no audit rows for the simulated days (by default: logins, finished visits, reprints)")
    p.set_defaults(run=demo)

    p = sub.add_parser("export-report", help="write the Excel report of a period (optionally vs a baseline)")
    p.add_argument("--from", dest="date_from", type=day, required=True, metavar="DATE")
    p.add_argument("--to", dest="date_to", type=day, required=True, metavar="DATE")
    p.add_argument("--baseline-from", type=day, metavar="DATE")
    p.add_argument("--baseline-to", type=day, metavar="DATE")
    p.add_argument("--target-minutes", type=minutes, metavar="M",
                   help="service-level wait target, 0 < M <= 1440 (default: settings, 20)")
    p.add_argument("--out", type=output_file, required=True, metavar="FILE.xlsx")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")
    p.set_defaults(run=export_report)


def demo(args) -> int:
    from counter.simulate import SimOptions, SimulationError, simulate

    ctx = open_context(args)
    options = SimOptions(days=args.days, seed=args.seed, visits_per_day=args.visits_per_day, windows=args.windows,
                         before_after=args.before_after, end=args.end)
    try:
        result = simulate(ctx, options)
    except SimulationError as exc:
        raise CommandFailed(str(exc)) from exc
    print(result.summary())
    if not args.no_audit:
        from counter.demo import audit_simulated_days

        rows = audit_simulated_days(ctx, result)
        print(f"审计记录 / audit rows written: {rows}")
    # arrivals, notices, follow-ups (issue 19)
    from counter.journey.demo import seed_journey

    print(f"到证与回访 / arrivals and follow-ups: {seed_journey(ctx, seed=args.seed)}")
    return 0


def export_report(args) -> int:
    from counter.metrics import Period
    from counter.reports import export_report as export

    try:
        period = Period(args.date_from, args.date_to)
        baseline = None
        if args.baseline_from or args.baseline_to:
            if not (args.baseline_from and args.baseline_to):
                raise CommandFailed("--baseline-from 与 --baseline-to 须同时给出 / "
                                    "give both --baseline-from and --baseline-to")
            baseline = Period(args.baseline_from, args.baseline_to)
    except ValueError as exc:
        raise CommandFailed(f"日期范围无效 / invalid date range: {exc}") from exc
    if not args.out.name.lower().endswith(".xlsx"):
        raise CommandFailed("--out 须为 .xlsx 文件 / --out must be an .xlsx file")
    writable_output(args.out, force=args.force)
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
