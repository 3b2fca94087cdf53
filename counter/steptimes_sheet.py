"""The Excel report's "用时分析 Where the time goes" sheet (counter.steptimes; issue 20).

Written top to bottom (the workbook is in constant_memory mode): the ten slowest pages, the
fields with the most errors, time by procedure against its 标准办理时长, by clerk, and with a
baseline period the before/after medians.
"""
from __future__ import annotations

from counter import steptimes
from counter.metrics import Period

SHEET = "用时分析 Where the time goes"

PAGES = ("事项 Procedure", "页面 Page", "办件数 Visits", "用时P50（分钟）p50 (min)", "用时P90（分钟）p90 (min)",
         "带错返回率 Sent back", "返回修改次数 Gone back to")
FIELDS = ("事项 Procedure", "字段 Field", "错误次数 Errors", "更正次数 Corrections")
PROCEDURES = ("事项 Procedure", "名称 Name", "标准（分钟）Standard (min)", "事项数 Items", "P50（分钟）",
              "P90（分钟）", "超标准比例 Over standard")
CLERKS = ("人员 Clerk", "办件数 Visits", "办理P50（分钟）", "办理P90（分钟）", "用时/标准 Time / standard",
          "超标准办件 Over standard", "字段错误 Field errors")
CHANGES = ("项目 What", "对比期P50（分钟）Baseline p50", "本期P50（分钟）Current p50", "变化率 % change")


def write_sheet(ws, fmt, ctx, period: Period, baseline: Period | None = None) -> None:
    """Fill the sheet of an open workbook (`reports.export_report`; `fmt` is its formats)."""
    show_names = True if ctx.principal is None else None  # the console export: the audited OS user
    current = steptimes.report(ctx, period, lang="zh_CN", show_names=show_names)
    base = steptimes.report(ctx, baseline, lang="zh_CN", show_names=show_names) if baseline else None
    for col, width in enumerate((12, 26, 12, 14, 14, 14, 14)):
        ws.set_column(col, col, width)
    ws.write_string(0, 0, "时间去哪了 / Where the clerk's time goes", fmt.title)
    compared = f"  对比期 Baseline: {baseline.label()}" if baseline else ""
    ws.write_string(1, 0, f"统计期 Period: {period.label()}" + compared)
    row = 3
    row = _table(ws, fmt, row, "最慢的十个页面 The ten slowest pages (median time per visit)", PAGES, [
        (p.procedure or "—", p.title, (p.time.count, fmt.integer), (_m(p.time.p50), fmt.minutes),
         (_m(p.time.p90), fmt.minutes), (p.sent_back_rate, fmt.percent), (p.gone_back, fmt.integer))
        for p in current.slowest_pages()])
    row = _table(ws, fmt, row, "错误最多的字段 Fields with the most errors", FIELDS, [
        (f.procedure or "—", f.label, (f.errors, fmt.integer), (f.corrections, fmt.integer))
        for f in current.most_errors()])
    row = _table(ws, fmt, row, "按事项：用时与标准办理时长 Time by procedure against its standard", PROCEDURES, [
        (p.procedure, p.name, (p.standard_minutes, fmt.integer), (p.time.count, fmt.integer),
         (_m(p.time.p50), fmt.minutes), (_m(p.time.p90), fmt.minutes), (p.over_rate, fmt.percent))
        for p in current.procedures])
    row = _table(ws, fmt, row, "按人员 By clerk", CLERKS, [
        (c.clerk, (c.time.count, fmt.integer), (_m(c.time.p50), fmt.minutes), (_m(c.time.p90), fmt.minutes),
         (c.ratio, fmt.number2), (c.over, fmt.integer), (c.errors, fmt.integer))
        for c in current.clerks])
    if base is not None:
        _table(ws, fmt, row, "前后对比 Before / after (median)", CHANGES, [
            (c.label, (_m(c.baseline), fmt.minutes), (_m(c.current), fmt.minutes), (c.percent, _style(fmt, c)))
            for c in steptimes.compare(base, current)])


def _m(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / 60


def _style(fmt, change):
    if not change.percent:
        return fmt.change
    return fmt.change_good if change.percent < 0 else fmt.change_bad


def _table(ws, fmt, row: int, title: str, headers, rows) -> int:
    ws.write_string(row, 0, title, fmt.label)
    row += 1
    for col, text in enumerate(headers):
        ws.write_string(row, col, text, fmt.header)
    for values in rows:
        row += 1
        for col, value in enumerate(values):
            value, style = value if isinstance(value, tuple) else (value, None)
            if value is None:
                continue
            if isinstance(value, str):
                ws.write_string(row, col, value, style)
            else:
                ws.write_number(row, col, value, style)
    return row + 2
