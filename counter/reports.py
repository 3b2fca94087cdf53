"""Excel report of a period (and optionally a baseline period): every KPI, by day, hour, procedure,
window and clerk, ratings, and every raw row.

Written with XlsxWriter in `constant_memory` mode: the raw rows stream from the database to the
"明细 Raw" sheet and into the KPI accumulator in one pass, so memory stays flat whatever the
period; the summary sheets are filled after that pass (each sheet has its own temporary file,
so their order in the workbook does not matter). The workbook is written to a temporary file
next to the target and renamed at the very end: a cancelled or failed export leaves nothing.
"""
from __future__ import annotations

import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from counter.metrics import Accumulator, Metrics, Period, count_raw_rows, raw_rows
from counter.reporting.cells import MINUTES_FORMAT, ExportCancelled, Formats, check_cancel, header_lines, page_setup
from counter.reporting.raw import RAW_COLUMNS, RAW_HEADERS, STATUS_ZH, raw_cells, write_raw
from counter.reporting.sheets import (
    change_is_good,
    write_appointments,
    write_clerks,
    write_daily,
    write_hourly,
    write_procedures,
    write_ratings,
    write_summary,
    write_windows,
)
from counter.steptimes_sheet import SHEET as STEP_SHEET
from counter.steptimes_sheet import write_sheet as write_step_times

SHEETS: tuple[str, ...] = ("概览 Summary", "按日 Daily", "按时段 Hourly", "按事项 By procedure", "按窗口 By window",
          "按人员 By clerk", "评价 Ratings", "预约 Appointments", "明细 Raw")
SHEETS = SHEETS[:-1] + (STEP_SHEET,) + SHEETS[-1:]  # where the time goes (issue 20), before the raw rows

__all__ = ["MINUTES_FORMAT", "RAW_COLUMNS", "RAW_HEADERS", "SHEETS", "STATUS_ZH", "ExportCancelled", "ExportResult",
           "bare_dump", "change_is_good", "export_report", "header_lines", "raw_cells"]


@dataclass
class ExportResult:
    path: Path
    rows: int
    current: Metrics
    baseline: Metrics | None
    seconds: float


def _audit_export(ctx, out: Path, period: Period, baseline: Period | None, rows: int) -> None:
    """Every export is on the audit trail: who, when, which period, which file."""
    from counter import audit

    detail = f"{period.start}..{period.end}" + (f" vs {baseline.start}..{baseline.end}" if baseline else "")
    with ctx.sessions.begin() as session:
        audit.log(ctx, session, "export.report", f"{detail}; {rows} rows; {out.name}")


def export_report(ctx, period: Period, out: str | os.PathLike, *, baseline: Period | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  cancel: threading.Event | None = None, target_minutes: float | None = None) -> ExportResult:
    """Write the workbook for ctx's station; `progress(done, total)` now and then; set `cancel` to stop."""
    import time

    import xlsxwriter

    from counter.db import reading

    from counter.auth import require
    from counter.models import Role

    if ctx.principal is not None:  # at the console (CLI) the operating-system user is audited instead
        require(ctx.principal, Role.MANAGER)
    started = time.perf_counter()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    target = target_minutes if target_minutes is not None else ctx.config.service_level_minutes
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=".xlsx.part", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    scratch = tempfile.TemporaryDirectory(prefix="counter-xlsx-")  # xlsxwriter's per-sheet row files
    finished = False
    wb = None
    try:
        wb = xlsxwriter.Workbook(str(tmp), {"constant_memory": True, "tmpdir": scratch.name})
        fmt = Formats(wb)
        sheets = {name: wb.add_worksheet(name) for name in SHEETS}
        station = ctx.station
        acc = Accumulator(period, target)
        with reading(ctx.sessions) as session:
            total = count_raw_rows(session, station.id, period)
            if progress:
                progress(0, total)
            n = write_raw(sheets["明细 Raw"], fmt, raw_rows(session, station.id, period, now=ctx.clock.now(),
                                                             catalog=ctx.catalog), acc, progress, cancel, total)
        current = acc.result()
        base = None
        if baseline is not None:
            from counter.metrics import compute

            check_cancel(cancel)
            base = compute(ctx, baseline, target_minutes=target)
        check_cancel(cancel)
        names = _names(ctx)
        write_summary(sheets["概览 Summary"], fmt, ctx, current, base, n)
        write_daily(wb, sheets["按日 Daily"], fmt, current)
        write_hourly(sheets["按时段 Hourly"], fmt, current)
        write_procedures(wb, sheets["按事项 By procedure"], fmt, current, ctx)
        write_windows(sheets["按窗口 By window"], fmt, current, names["windows"])
        write_clerks(sheets["按人员 By clerk"], fmt, current, names["clerks"])
        write_ratings(sheets["评价 Ratings"], fmt, current, names["clerks"])
        write_step_times(sheets[STEP_SHEET], fmt, ctx, period, baseline)  # issue 20
        for name, ws in sheets.items():  # printable: one page wide, charts whole beside their table
            if name != "概览 Summary":
                page_setup(ws, header_rows=0 if name in ("按时段 Hourly", "评价 Ratings") else 1)
        from counter.journey.report import write_sheets as write_journey  # issue 19: collection, follow-ups

        write_journey(wb, fmt, ctx, period)
        write_appointments(ctx, sheets["预约 Appointments"], fmt, period)
        check_cancel(cancel)
        wb.close()
        os.replace(tmp, out)
        finished = True
        _audit_export(ctx, out, period, baseline, n)
        if progress:
            progress(total, total)
        return ExportResult(out, n, current, base, time.perf_counter() - started)
    finally:
        if not finished:
            if wb is not None:  # close the sheets' row files so the scratch folder can go
                for ws in wb.worksheets():
                    fh = getattr(ws, "row_data_fh", None)
                    if fh is not None and not fh.closed:
                        fh.close()
            tmp.unlink(missing_ok=True)
        scratch.cleanup()


def _names(ctx) -> dict[str, dict]:
    from sqlalchemy import select

    from counter.db import reading
    from counter.models import ServiceWindow, User

    with reading(ctx.sessions) as session:
        windows = {w.id: (w.number, w.name) for w in session.scalars(
            select(ServiceWindow).where(ServiceWindow.station_id == ctx.station.id))}
        clerks = dict(session.execute(select(User.id, User.display_name)).all())
    return {"windows": windows, "clerks": clerks}


def bare_dump(ctx, period: Period, out: str | os.PathLike) -> int:
    """The floor for the benchmark: the same raw rows, same library, one plain sheet, no KPIs."""
    import xlsxwriter

    from counter.db import reading

    wb = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    ws = wb.add_worksheet("raw")
    ws.write_row(0, 0, RAW_HEADERS)
    n = 0
    with reading(ctx.sessions) as session:
        for row in raw_rows(session, ctx.station.id, period, now=ctx.clock.now(), catalog=ctx.catalog):
            n += 1
            ws.write_row(n, 0, raw_cells(row))
    wb.close()
    return n
