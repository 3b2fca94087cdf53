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
from datetime import date, datetime
from pathlib import Path
from typing import Callable

from counter.clock import STATION_TZ, format_local
from counter.metrics import (
    CATEGORY_ZH,
    ITEM_CATEGORY_ZH,
    KPIS,
    OUTCOME_ZH,
    WEEKDAYS_ZH,
    Accumulator,
    Group,
    Metrics,
    Period,
    compare,
    count_raw_rows,
    raw_rows,
)
from counter.statuses import ITEM_STATUS, VISIT_STATUS, zh_names
from counter.steptimes_sheet import SHEET as STEP_SHEET
from counter.steptimes_sheet import write_sheet as write_step_times

SHEETS = ("概览 Summary", "按日 Daily", "按时段 Hourly", "按事项 By procedure", "按窗口 By window",
          "按人员 By clerk", "评价 Ratings", "预约 Appointments", "明细 Raw")
SHEETS = SHEETS[:-1] + (STEP_SHEET,) + SHEETS[-1:]  # where the time goes (issue 20), before the raw rows
STATUS_ZH = zh_names(ITEM_STATUS, VISIT_STATUS)  # items and visits (counter.statuses)
UNIT_ZH = {"min": "分钟", "%": "%", "": "", "count": "个", "per_h": "件/人时"}

# the Raw sheet: header, width, kind (how the value is written)
RAW_COLUMNS: tuple[tuple[str, int, str], ...] = (
    ("日期 Date", 11, "date"),
    ("号票 Ticket", 8, "text"),
    ("号类 Queue", 9, "text"),
    ("绿色通道 Priority", 8, "text"),
    ("结果 Outcome", 9, "text"),
    ("取号时间 Issued", 19, "datetime"),
    ("首次叫号 First call", 19, "datetime"),
    ("应答叫号 Answered call", 19, "datetime"),
    ("重呼次数 Recalls", 8, "int"),
    ("转移次数 Transfers", 8, "int"),
    ("等候（分钟）Wait (min)", 10, "minutes"),
    ("窗口 Window", 12, "text"),
    ("人员 Clerk", 10, "text"),
    ("办件编号 Visit no.", 10, "int"),
    ("办件状态 Visit status", 9, "text"),
    ("开始办理 Started", 19, "datetime"),
    ("办结时间 Finished", 19, "datetime"),
    ("办理时长（分钟）Handling (min)", 11, "minutes"),
    ("单次办事时长（分钟）Time in hall (min)", 12, "minutes"),
    ("申请人序号 Citizen no.", 10, "int"),
    ("身份证号（脱敏）ID (masked)", 20, "text"),
    ("本次事项数 Items in visit", 8, "int"),
    ("事项序号 Item no.", 7, "int"),
    ("事项编码 Procedure", 9, "text"),
    ("事项名称 Procedure name", 22, "text"),
    ("事项类别 Kind", 8, "text"),
    ("事项状态 Item status", 9, "text"),
    ("事项时长（分钟）Item time (min)", 11, "minutes"),
    ("收费（元）Fee (yuan)", 9, "money"),
    ("评价 Rating", 6, "int"),
    ("号票编号 Ticket id", 10, "int"),
)
RAW_HEADERS = tuple(c[0] for c in RAW_COLUMNS)
_EXCEL_EPOCH = datetime(1899, 12, 30)


class ExportCancelled(Exception):
    """The export was cancelled; no file was written."""


@dataclass
class ExportResult:
    path: Path
    rows: int
    current: Metrics
    baseline: Metrics | None
    seconds: float


def _excel_time(moment: datetime | None) -> float | None:
    """Aware UTC → the Excel serial number of the local (Asia/Shanghai) wall time."""
    if moment is None:
        return None
    local = moment.astimezone(STATION_TZ).replace(tzinfo=None)
    delta = local - _EXCEL_EPOCH
    return delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400


def _excel_date(day: date) -> float:
    return float((day - _EXCEL_EPOCH.date()).days)


def raw_cells(row, windows_fallback: str = "") -> tuple:
    """One Raw sheet row's values (numbers for times and durations, as written)."""
    m = 60.0
    return (
        _excel_date(row.service_day),
        row.ticket_code,
        CATEGORY_ZH.get(row.category, row.category),
        "是" if row.priority else "",
        OUTCOME_ZH.get(row.outcome, row.outcome or ""),
        _excel_time(row.issued_at),
        _excel_time(row.first_call_at),
        _excel_time(row.answered_at),
        row.recalls if row.ticket_id is not None else None,
        row.transfers if row.ticket_id is not None else None,
        None if row.wait_seconds is None else row.wait_seconds / m,
        row.window_name or windows_fallback,
        row.clerk_name,
        row.visit_id,
        STATUS_ZH.get(row.visit_status or "", row.visit_status or ""),
        _excel_time(row.visit_started_at),
        _excel_time(row.visit_finished_at),
        None if row.handling_seconds is None else row.handling_seconds / m,
        None if row.hall_seconds is None else row.hall_seconds / m,
        row.citizen_no,
        row.id_number_masked,
        row.items_in_visit if row.visit_id is not None else None,
        None if row.position is None else row.position + 1,
        row.procedure_code,
        row.procedure_name,
        ITEM_CATEGORY_ZH.get(row.item_category, row.item_category),
        STATUS_ZH.get(row.item_status, row.item_status),
        None if row.item_seconds is None else row.item_seconds / m,
        float(row.fee) if row.position is not None else None,  # the cell: Excel has no decimal type
        row.rating,
        row.ticket_id,
    )


MINUTES_FORMAT = '[=0]0;[<0.05]"<0.1";0.0'
# whether a change is good, where the KPI's own direction is not what the report means: the
# point of 一窗通办 is fewer trips, so fewer tickets and visits for the same work is good; the
# number of items is volume (neither)
CHANGE_GOOD_WHEN_LOWER: dict[str, bool | None] = {"tickets": True, "visits": True, "items": None}


def change_is_good(change) -> bool | None:
    """True, False, or None (no change, or a figure that is neither good nor bad when it moves)."""
    if not change.delta:
        return None
    lower_is_better = CHANGE_GOOD_WHEN_LOWER.get(change.kpi.key, change.kpi.lower_is_better)
    if lower_is_better is None:
        return None
    return (change.delta < 0) == lower_is_better


def _text_units(text: str) -> int:
    """Width in Excel character units: a CJK character takes about two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def header_lines(text: str, width: float) -> int:
    """Lines a wrapped header needs in a column `width` characters wide (counted as if Chinese and
    English broke apart, which Excel's wrap at the space between them does)."""
    import math

    parts = _bilingual(text).split("\n")
    return sum(max(1, math.ceil(_text_units(part) / max(1.0, width - 1))) for part in parts)


def _bilingual(text: str) -> str:
    """"等候（分钟）Wait (min)" → "等候（分钟）\nWait (min)": the English starts its own line."""
    for i, ch in enumerate(text):
        if ch.isascii() and ch.isalpha() and i > 0 and not text[:i].isascii():
            return text[:i].rstrip() + "\n" + text[i:]
    return text


class _Formats:
    def __init__(self, wb):
        self.title = wb.add_format({"bold": True, "font_size": 14})
        self.header = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                                     "valign": "vcenter"})
        self.label = wb.add_format({"bold": True})
        self.datetime = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        self.date = wb.add_format({"num_format": "yyyy-mm-dd"})
        # a wait of a few seconds is "<0.1", not a misleading 0.0; a true zero stays 0
        self.minutes = wb.add_format({"num_format": MINUTES_FORMAT})
        self.number2 = wb.add_format({"num_format": "0.00"})
        self.percent = wb.add_format({"num_format": "0.0%"})
        self.change_good = wb.add_format({"num_format": "+0.0%;-0.0%;0.0%", "font_color": "#006100",
                                          "bg_color": "#C6EFCE"})
        self.change_bad = wb.add_format({"num_format": "+0.0%;-0.0%;0.0%", "font_color": "#9C0006",
                                         "bg_color": "#FFC7CE"})
        self.change = wb.add_format({"num_format": "+0.0%;-0.0%;0.0%"})
        self.integer = wb.add_format({"num_format": "0"})
        self.money = wb.add_format({"num_format": "0.00"})
        self.text = None

    def for_unit(self, unit: str):
        return {"min": self.minutes, "%": self.percent, "": self.number2, "count": self.integer,
                "per_h": self.number2}[unit]


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
        fmt = _Formats(wb)
        sheets = {name: wb.add_worksheet(name) for name in SHEETS}
        station = ctx.station
        acc = Accumulator(period, target)
        with reading(ctx.sessions) as session:
            total = count_raw_rows(session, station.id, period)
            if progress:
                progress(0, total)
            n = _write_raw(sheets["明细 Raw"], fmt, raw_rows(session, station.id, period, now=ctx.clock.now(),
                                                             catalog=ctx.catalog), acc, progress, cancel, total)
        current = acc.result()
        base = None
        if baseline is not None:
            from counter.metrics import compute

            _check(cancel)
            base = compute(ctx, baseline, target_minutes=target)
        _check(cancel)
        names = _names(ctx)
        _write_summary(sheets["概览 Summary"], fmt, ctx, current, base, n)
        _write_daily(wb, sheets["按日 Daily"], fmt, current)
        _write_hourly(sheets["按时段 Hourly"], fmt, current)
        _write_procedures(wb, sheets["按事项 By procedure"], fmt, current, ctx)
        _write_windows(sheets["按窗口 By window"], fmt, current, names["windows"])
        _write_clerks(sheets["按人员 By clerk"], fmt, current, names["clerks"])
        _write_ratings(sheets["评价 Ratings"], fmt, current, names["clerks"])
        write_step_times(sheets[STEP_SHEET], fmt, ctx, period, baseline)  # issue 20
        for name, ws in sheets.items():  # printable: one page wide, charts whole beside their table
            if name != "概览 Summary":
                _page_setup(ws, header_rows=0 if name in ("按时段 Hourly", "评价 Ratings") else 1)
        from counter.journey.report import write_sheets as write_journey  # issue 19: collection, follow-ups

        write_journey(wb, fmt, ctx, period)
        _write_appointments(ctx, sheets["预约 Appointments"], fmt, period)
        _check(cancel)
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


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ExportCancelled("已取消 / cancelled")


def _names(ctx) -> dict[str, dict]:
    from sqlalchemy import select

    from counter.db import reading
    from counter.models import ServiceWindow, User

    with reading(ctx.sessions) as session:
        windows = {w.id: (w.number, w.name) for w in session.scalars(
            select(ServiceWindow).where(ServiceWindow.station_id == ctx.station.id))}
        clerks = dict(session.execute(select(User.id, User.display_name)).all())
    return {"windows": windows, "clerks": clerks}


def _header(ws, fmt, row: int, headers, widths=None, *, default_width: float = 8.43) -> None:
    """Bilingual headers, wrapped, in a row as tall as the longest needs (never cut off)."""
    lines = max((header_lines(text, widths[col] if widths else default_width)
                 for col, text in enumerate(headers)), default=1)
    ws.set_row(row, 15 * lines + 4)
    for col, text in enumerate(headers):
        ws.write_string(row, col, text, fmt.header)  # the text as it was: scripts read these headers
        if widths:
            ws.set_column(col, col, widths[col])


def _page_setup(ws, *, header_rows: int = 1, one_page: bool = False) -> None:
    """A4 landscape, one page wide (the summary: one page), the header repeated on every page."""
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 1 if one_page else 0)
    if header_rows:
        ws.repeat_rows(0, header_rows - 1)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)


def _write_raw(ws, fmt, rows, acc, progress, cancel, total) -> int:
    _header(ws, fmt, 0, RAW_HEADERS, [c[1] for c in RAW_COLUMNS])
    ws.freeze_panes(1, 2)
    writers = []
    for _, _, kind in RAW_COLUMNS:
        if kind in ("date",):
            writers.append((ws.write_number, fmt.date))
        elif kind == "datetime":
            writers.append((ws.write_number, fmt.datetime))
        elif kind == "minutes":
            writers.append((ws.write_number, fmt.minutes))
        elif kind == "money":
            writers.append((ws.write_number, fmt.money))
        elif kind == "int":
            writers.append((ws.write_number, None))
        else:
            writers.append((ws.write_string, None))
    n = 0
    step = 2000
    for row in rows:
        acc.add(row)
        n += 1
        for col, value in enumerate(raw_cells(row)):
            if value is None or value == "":
                continue
            write, cell_format = writers[col]
            write(n, col, value, cell_format)
        if n % step == 0:
            _check(cancel)
            if progress:
                progress(n, max(total, n))
    if n:
        ws.autofilter(0, 0, n, len(RAW_COLUMNS) - 1)
    return n


def _value(ws, row, col, value, cell_format=None) -> None:
    if value is None:
        ws.write_blank(row, col, None, cell_format)
    elif isinstance(value, str):
        ws.write_string(row, col, value, cell_format)
    else:
        ws.write_number(row, col, value, cell_format)


def _m(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / 60


def _write_summary(ws, fmt, ctx, current: Metrics, base: Metrics | None, rows: int) -> None:
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 9)
    ws.set_column(2, 5, 14)
    ws.set_column(6, 6, 18)
    ws.write_string(0, 0, "一窗通办 业务统计报表 / Service report", fmt.title)
    info = [("站点 Station", ctx.station.name),
            ("统计期 Period", current.period.label()),
            ("对比期 Baseline", base.period.label() if base else "—"),
            ("等候目标（分钟）Wait target (min)", current.target_minutes),
            ("生成时间 Generated", format_local(ctx.clock.now())),
            ("明细行数 Raw rows", rows)]
    for i, (label, value) in enumerate(info, start=1):
        ws.write_string(i, 0, label, fmt.label)
        _value(ws, i, 1, value)
    top = len(info) + 2
    headers = ["指标 KPI", "单位 Unit", "本期 Current", "对比期 Baseline", "变化 Change", "变化率 % change",
               "代码 Key"]
    _header(ws, fmt, top, headers, [34, 9, 14, 14, 14, 14, 18])
    ws.freeze_panes(top + 1, 1)
    changes = compare(base, current) if base else None
    for i, kpi in enumerate(KPIS, start=top + 1):
        ws.write_string(i, 0, f"{kpi.zh} {kpi.en}")
        ws.write_string(i, 1, UNIT_ZH[kpi.unit])
        number = fmt.for_unit(kpi.unit)
        _value(ws, i, 2, kpi.get(current.total), number)
        if changes:
            change = changes[i - top - 1]
            _value(ws, i, 3, change.baseline, number)
            _value(ws, i, 4, change.delta, number)
            good = change_is_good(change)
            style = fmt.change if good is None else (fmt.change_good if good else fmt.change_bad)
            _value(ws, i, 5, change.percent, style)
        ws.write_string(i, 6, kpi.key)
    note = top + len(KPIS) + 2
    notes = ("等候 = 应答叫号 − 取号；未办理的号：首次叫号（或离队、日终）− 取号。Wait = answered call − issued.",
             "办理时长 = 办结 − 开始办理。Handling = visit finished − started.",
             "办事总时长（按人）= 同一申请人当天第一次取号至最后一次办结。Time in hall per citizen: first ticket → last visit end.",
             "单次办事时长 = 办结 − 该号取号时间。Time in hall per visit = visit finished − ticket issued.",
             "服务达标率 = 等候 ≤ 目标的号数 / 全部号数；过号率 = 过号 / 已叫号。",
             "窗口利用率 = 办理时长合计 / 窗口当天首件开始至末件办结；人时办件量 = 办件数 / 人员当天首件至末件工时。")
    for j, text in enumerate(notes):
        ws.write_string(note + j, 0, text)
    _page_setup(ws, header_rows=0, one_page=True)  # the summary prints on one page


GROUP_COLUMNS = (
    ("取号数 Tickets", 9, lambda g: g.tickets, "integer"),
    ("办件数 Visits", 9, lambda g: g.visits, "integer"),
    ("事项数 Items", 9, lambda g: g.items, "integer"),
    ("平均等候（分钟）Avg wait (min)", 11, lambda g: _m(g.wait.mean), "minutes"),
    ("等候P90（分钟）Wait p90 (min)", 11, lambda g: _m(g.wait.p90), "minutes"),
    ("服务达标率 Service level", 10, lambda g: g.service_level, "percent"),
    ("过号率 No-show rate", 9, lambda g: g.no_show_rate, "percent"),
    ("平均办理（分钟）Avg handling (min)", 11, lambda g: _m(g.handling.mean), "minutes"),
    ("办理P90（分钟）Handling p90 (min)", 11, lambda g: _m(g.handling.p90), "minutes"),
    ("平均办事总时长（分钟）Avg time in hall (min)", 13, lambda g: _m(g.citizen.mean), "minutes"),
)


def _group_row(ws, fmt, row: int, col: int, g: Group, columns=GROUP_COLUMNS) -> None:
    for j, (_, _, get, style) in enumerate(columns):
        _value(ws, row, col + j, get(g), getattr(fmt, style))


def _write_daily(wb, ws, fmt, m: Metrics) -> None:
    headers = ["日期 Date", "星期 Weekday"] + [c[0] for c in GROUP_COLUMNS] + ["窗口利用率 Utilisation"]
    _header(ws, fmt, 0, headers, [11, 7] + [c[1] for c in GROUP_COLUMNS] + [10])
    ws.freeze_panes(1, 1)
    days = m.table("day")
    for i, (day, g) in enumerate(days, start=1):
        ws.write_number(i, 0, _excel_date(day), fmt.date)
        ws.write_string(i, 1, WEEKDAYS_ZH[day.weekday()])
        _group_row(ws, fmt, i, 2, g)
        _value(ws, i, 2 + len(GROUP_COLUMNS), g.utilisation, fmt.percent)
    if days:
        sheet = ws.get_name()
        chart = wb.add_chart({"type": "line"})
        for col, name in ((5, "平均等候 Avg wait"), (9, "平均办理 Avg handling"), (11, "平均办事总时长 Time in hall")):
            chart.add_series({"name": name, "categories": [sheet, 1, 0, len(days), 0],
                              "values": [sheet, 1, col, len(days), col]})
        chart.set_title({"name": "每日趋势（分钟）Daily trend (min)"})
        chart.set_x_axis({"date_axis": True, "num_format": "mm-dd"})
        chart.set_y_axis({"name": "分钟 min"})
        chart.set_size({"width": 900, "height": 360})
        ws.insert_chart(1, len(headers) + 1, chart)


def _write_hourly(ws, fmt, m: Metrics) -> None:
    cells = m.by.get("weekday_hour", {})
    hours = sorted({h for _, h in cells}) or list(range(8, 18))
    ws.set_column(0, 0, 16)
    ws.set_column(1, len(hours) + 1, 8)
    blocks = (("平均等候（分钟）按星期×时段 Average wait (min), weekday × hour", lambda g: _m(g.wait.mean), fmt.minutes),
              ("取号数 按星期×时段 Tickets, weekday × hour", lambda g: g.tickets, fmt.integer))
    row = 0
    for title, get, style in blocks:
        ws.write_string(row, 0, title, fmt.label)
        _header(ws, fmt, row + 1, ["星期 \\ 时 Weekday \\ hour"] + [f"{h}:00" for h in hours],
                [16] + [8] * len(hours))
        if row == 0:
            ws.freeze_panes(2, 1)
        for wd in range(7):
            r = row + 2 + wd
            ws.write_string(r, 0, WEEKDAYS_ZH[wd])
            for j, h in enumerate(hours, start=1):
                g = cells.get((wd, h))
                _value(ws, r, j, get(g) if g else None, style)
        ws.conditional_format(row + 2, 1, row + 8, len(hours), {
            "type": "3_color_scale", "min_color": "#63BE7B", "mid_color": "#FFEB84", "max_color": "#F8696B"})
        row += 11
    ws.write_string(row, 0, "时段概况 Hour-of-day profile", fmt.label)
    headers = ["时段 Hour"] + [c[0] for c in GROUP_COLUMNS]
    _header(ws, fmt, row + 1, headers, [16] + [max(8, c[1]) for c in GROUP_COLUMNS])
    for i, (hour, g) in enumerate(m.table("hour"), start=row + 2):
        ws.write_string(i, 0, f"{hour:02d}:00–{hour + 1:02d}:00")
        _group_row(ws, fmt, i, 1, g)


def _write_procedures(wb, ws, fmt, m: Metrics, ctx) -> None:
    names = {p.code: p.name.zh_CN for p in ctx.catalog.procedures}
    headers = ["事项编码 Code", "事项名称 Procedure", "类别 Kind", "事项数 Items", "平均时长（分钟）Avg (min)",
               "P50（分钟）", "P90（分钟）", "收费合计（元）Fees (yuan)"]
    _header(ws, fmt, 0, headers, [10, 26, 7, 9, 11, 10, 10, 12])
    ws.freeze_panes(1, 2)
    rows = sorted(m.by.get("procedure", {}).items(), key=lambda kv: (-kv[1].items, kv[0]))
    for i, (code, g) in enumerate(rows, start=1):
        ws.write_string(i, 0, code)
        ws.write_string(i, 1, names.get(code, code))
        ws.write_string(i, 2, ITEM_CATEGORY_ZH.get(code[:2].lower(), ""))
        ws.write_number(i, 3, g.items, fmt.integer)
        _value(ws, i, 4, _m(g.item_time.mean), fmt.minutes)
        _value(ws, i, 5, _m(g.item_time.p50), fmt.minutes)
        _value(ws, i, 6, _m(g.item_time.p90), fmt.minutes)
        ws.write_number(i, 7, float(g.fees), fmt.money)
    if rows:
        sheet = ws.get_name()
        chart = wb.add_chart({"type": "bar"})
        chart.add_series({"name": "事项数 Items", "categories": [sheet, 1, 1, len(rows), 1],
                          "values": [sheet, 1, 3, len(rows), 3]})
        chart.set_title({"name": "各事项办理量 Items by procedure"})
        chart.set_y_axis({"reverse": True})
        chart.set_legend({"none": True})
        chart.set_size({"width": 720, "height": max(360, 22 * len(rows))})
        ws.insert_chart(1, len(headers) + 1, chart)


def _write_windows(ws, fmt, m: Metrics, windows: dict) -> None:
    columns = GROUP_COLUMNS[:5] + GROUP_COLUMNS[7:9] + (
        ("开放时长（小时）Open (h)", 10, lambda g: g.open_seconds / 3600, "number2"),
        ("办理时长（小时）Serving (h)", 10, lambda g: g.serving_seconds / 3600, "number2"),
        ("窗口利用率 Utilisation", 10, lambda g: g.utilisation, "percent"))
    _header(ws, fmt, 0, ["窗口 Window"] + [c[0] for c in columns], [14] + [c[1] for c in columns])
    ws.freeze_panes(1, 1)
    rows = sorted(m.by.get("window", {}).items(), key=lambda kv: windows.get(kv[0], (kv[0], ""))[0])
    for i, (wid, g) in enumerate(rows, start=1):
        ws.write_string(i, 0, windows.get(wid, (wid, str(wid)))[1])
        _group_row(ws, fmt, i, 1, g, columns)


def _write_clerks(ws, fmt, m: Metrics, clerks: dict) -> None:
    columns = (GROUP_COLUMNS[1], GROUP_COLUMNS[2], GROUP_COLUMNS[7],
               ("办理P50（分钟）Handling p50 (min)", 11, lambda g: _m(g.handling.p50), "minutes"),
               GROUP_COLUMNS[8],
               ("工作时长（小时）Hours (h)", 10, lambda g: g.clerk_seconds / 3600, "number2"),
               ("人时办件量 Visits per hour", 10, lambda g: g.visits_per_clerk_hour, "number2"),
               ("评价数 Ratings", 8, lambda g: g.rated, "integer"),
               ("平均评价 Avg rating", 8, lambda g: g.rating_mean, "number2"),
               ("差评数（1–2分）Low ratings", 9, lambda g: g.levels[1] + g.levels[2], "integer"))
    _header(ws, fmt, 0, ["人员 Clerk"] + [c[0] for c in columns], [12] + [c[1] for c in columns])
    ws.freeze_panes(1, 1)
    rows = sorted(m.by.get("clerk", {}).items(), key=lambda kv: (-kv[1].visits, str(kv[0])))
    for i, (cid, g) in enumerate(rows, start=1):
        ws.write_string(i, 0, clerks.get(cid, str(cid)))
        _group_row(ws, fmt, i, 1, g, columns)


def _write_ratings(ws, fmt, m: Metrics, clerks: dict) -> None:
    ws.set_column(0, 0, 14)
    ws.set_column(1, 5, 12)
    ws.set_column(5, 5, 30)
    total = m.total
    _header(ws, fmt, 0, ["评价 Rating", "数量 Count", "占比 Share"])
    ws.freeze_panes(1, 0)
    labels = {5: "5 非常满意", 4: "4 满意", 3: "3 基本满意", 2: "2 不满意", 1: "1 非常不满意"}
    for i, level in enumerate((5, 4, 3, 2, 1), start=1):
        ws.write_string(i, 0, labels[level])
        ws.write_number(i, 1, total.levels[level], fmt.integer)
        _value(ws, i, 2, total.levels[level] / total.rated if total.rated else None, fmt.percent)
    ws.write_string(6, 0, "合计 Total", fmt.label)
    ws.write_number(6, 1, total.rated, fmt.integer)
    _value(ws, 6, 2, total.rating_mean, fmt.number2)
    ws.write_string(6, 3, "← 平均分 average")
    top = 9
    ws.write_string(top - 1, 0, "差评明细（1–2分）Low ratings with reasons", fmt.label)
    _header(ws, fmt, top, ["日期 Date", "号票 Ticket", "人员 Clerk", "窗口 Window", "评价 Rating", "原因 Reason"])
    for i, row in enumerate(m.rating_rows, start=top + 1):
        ws.write_number(i, 0, _excel_date(row.service_day), fmt.date)
        ws.write_string(i, 1, row.ticket_code)
        ws.write_string(i, 2, row.clerk_name)
        ws.write_string(i, 3, row.window_name)
        ws.write_number(i, 4, row.rating)
        ws.write_string(i, 5, row.rating_reason or "")


def _write_appointments(ctx, ws, fmt, period: Period) -> None:
    from counter import appointments
    from counter.db import reading

    with reading(ctx.sessions) as session:
        result = appointments.report(session, ctx.station.id, period.start, period.end, ctx.clock.now())
    appointments.write_sheet(ws, fmt, result)


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
