"""The report's summary sheets: 概览 Summary, 按日 Daily, 按时段 Hourly, 按事项 By procedure,
按窗口 By window, 按人员 By clerk, 评价 Ratings and 预约 Appointments."""
from __future__ import annotations

from datetime import date
from typing import cast

from counter.clock import format_local
from counter.metrics import ITEM_CATEGORY_ZH, KPIS, WEEKDAYS_ZH, Group, Metrics, Period, compare
from counter.reporting.cells import excel_date, header, in_minutes, page_setup, write_value

UNIT_ZH = {"min": "分钟", "%": "%", "": "", "count": "个", "per_h": "件/人时"}

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


def write_summary(ws, fmt, ctx, current: Metrics, base: Metrics | None, rows: int) -> None:
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
        write_value(ws, i, 1, value)
    top = len(info) + 2
    headers = ["指标 KPI", "单位 Unit", "本期 Current", "对比期 Baseline", "变化 Change", "变化率 % change",
               "代码 Key"]
    header(ws, fmt, top, headers, [34, 9, 14, 14, 14, 14, 18])
    ws.freeze_panes(top + 1, 1)
    changes = compare(base, current) if base else None
    for i, kpi in enumerate(KPIS, start=top + 1):
        ws.write_string(i, 0, f"{kpi.zh} {kpi.en}")
        ws.write_string(i, 1, UNIT_ZH[kpi.unit])
        number = fmt.for_unit(kpi.unit)
        write_value(ws, i, 2, kpi.get(current.total), number)
        if changes:
            change = changes[i - top - 1]
            write_value(ws, i, 3, change.baseline, number)
            write_value(ws, i, 4, change.delta, number)
            good = change_is_good(change)
            style = fmt.change if good is None else (fmt.change_good if good else fmt.change_bad)
            write_value(ws, i, 5, change.percent, style)
        ws.write_string(i, 6, kpi.key)
    note = top + len(KPIS) + 2
    notes = ("等候 = 应答叫号 − 取号；未办理的号：首次叫号（或离队、日终）− 取号。Wait = answered call − issued.",
             "办理时长 = 办结 − 开始办理。Handling = visit finished − started.",
             "办事总时长（按人）= 同一申请人当天第一次取号至最后一次办结。"
             "Time in hall per citizen: first ticket → last visit end.",
             "单次办事时长 = 办结 − 该号取号时间。Time in hall per visit = visit finished − ticket issued.",
             "服务达标率 = 等候 ≤ 目标的号数 / 全部号数；过号率 = 过号 / 已叫号。",
             "窗口利用率 = 办理时长合计 / 窗口当天首件开始至末件办结；人时办件量 = 办件数 / 人员当天首件至末件工时。")
    for j, text in enumerate(notes):
        ws.write_string(note + j, 0, text)
    page_setup(ws, header_rows=0, one_page=True)  # the summary prints on one page


GROUP_COLUMNS = (
    ("取号数 Tickets", 9, lambda g: g.tickets, "integer"),
    ("办件数 Visits", 9, lambda g: g.visits, "integer"),
    ("事项数 Items", 9, lambda g: g.items, "integer"),
    ("平均等候（分钟）Avg wait (min)", 11, lambda g: in_minutes(g.wait.mean), "minutes"),
    ("等候P90（分钟）Wait p90 (min)", 11, lambda g: in_minutes(g.wait.p90), "minutes"),
    ("服务达标率 Service level", 10, lambda g: g.service_level, "percent"),
    ("过号率 No-show rate", 9, lambda g: g.no_show_rate, "percent"),
    ("平均办理（分钟）Avg handling (min)", 11, lambda g: in_minutes(g.handling.mean), "minutes"),
    ("办理P90（分钟）Handling p90 (min)", 11, lambda g: in_minutes(g.handling.p90), "minutes"),
    ("平均办事总时长（分钟）Avg time in hall (min)", 13, lambda g: in_minutes(g.citizen.mean), "minutes"),
)


def group_row(ws, fmt, row: int, col: int, g: Group, columns=GROUP_COLUMNS) -> None:
    for j, (_, _, get, style) in enumerate(columns):
        write_value(ws, row, col + j, get(g), getattr(fmt, style))


def write_daily(wb, ws, fmt, m: Metrics) -> None:
    headers = ["日期 Date", "星期 Weekday"] + [c[0] for c in GROUP_COLUMNS] + ["窗口利用率 Utilisation"]
    header(ws, fmt, 0, headers, [11, 7] + [c[1] for c in GROUP_COLUMNS] + [10])
    ws.freeze_panes(1, 1)
    days = [(cast(date, day), g) for day, g in m.table("day")]  # the day dimension's keys are dates
    for i, (day, g) in enumerate(days, start=1):
        ws.write_number(i, 0, excel_date(day), fmt.date)
        ws.write_string(i, 1, WEEKDAYS_ZH[day.weekday()])
        group_row(ws, fmt, i, 2, g)
        write_value(ws, i, 2 + len(GROUP_COLUMNS), g.utilisation, fmt.percent)
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


def write_hourly(ws, fmt, m: Metrics) -> None:
    cells = m.by.get("weekday_hour", {})
    hours = sorted({h for _, h in cells}) or list(range(8, 18))
    ws.set_column(0, 0, 16)
    ws.set_column(1, len(hours) + 1, 8)
    blocks = (("平均等候（分钟）按星期×时段 Average wait (min), weekday × hour", lambda g: in_minutes(g.wait.mean),
               fmt.minutes),
              ("取号数 按星期×时段 Tickets, weekday × hour", lambda g: g.tickets, fmt.integer))
    row = 0
    for title, get, style in blocks:
        ws.write_string(row, 0, title, fmt.label)
        header(ws, fmt, row + 1, ["星期 \\ 时 Weekday \\ hour"] + [f"{h}:00" for h in hours],
                [16] + [8] * len(hours))
        if row == 0:
            ws.freeze_panes(2, 1)
        for wd in range(7):
            r = row + 2 + wd
            ws.write_string(r, 0, WEEKDAYS_ZH[wd])
            for j, h in enumerate(hours, start=1):
                g = cells.get((wd, h))
                write_value(ws, r, j, get(g) if g else None, style)
        ws.conditional_format(row + 2, 1, row + 8, len(hours), {
            "type": "3_color_scale", "min_color": "#63BE7B", "mid_color": "#FFEB84", "max_color": "#F8696B"})
        row += 11
    ws.write_string(row, 0, "时段概况 Hour-of-day profile", fmt.label)
    headers = ["时段 Hour"] + [c[0] for c in GROUP_COLUMNS]
    header(ws, fmt, row + 1, headers, [16] + [max(8, c[1]) for c in GROUP_COLUMNS])
    for i, (key, g) in enumerate(m.table("hour"), start=row + 2):
        hour = cast(int, key)  # the hour dimension's keys are hours
        ws.write_string(i, 0, f"{hour:02d}:00–{hour + 1:02d}:00")
        group_row(ws, fmt, i, 1, g)


def write_procedures(wb, ws, fmt, m: Metrics, ctx) -> None:
    names = {p.code: p.name.zh_CN for p in ctx.catalog.procedures}
    headers = ["事项编码 Code", "事项名称 Procedure", "类别 Kind", "事项数 Items", "平均时长（分钟）Avg (min)",
               "P50（分钟）", "P90（分钟）", "收费合计（元）Fees (yuan)"]
    header(ws, fmt, 0, headers, [10, 26, 7, 9, 11, 10, 10, 12])
    ws.freeze_panes(1, 2)
    rows = sorted(m.by.get("procedure", {}).items(), key=lambda kv: (-kv[1].items, kv[0]))
    for i, (code, g) in enumerate(rows, start=1):
        ws.write_string(i, 0, code)
        ws.write_string(i, 1, names.get(code, code))
        ws.write_string(i, 2, ITEM_CATEGORY_ZH.get(code[:2].lower(), ""))
        ws.write_number(i, 3, g.items, fmt.integer)
        write_value(ws, i, 4, in_minutes(g.item_time.mean), fmt.minutes)
        write_value(ws, i, 5, in_minutes(g.item_time.p50), fmt.minutes)
        write_value(ws, i, 6, in_minutes(g.item_time.p90), fmt.minutes)
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


def write_windows(ws, fmt, m: Metrics, windows: dict) -> None:
    columns = GROUP_COLUMNS[:5] + GROUP_COLUMNS[7:9] + (
        ("开放时长（小时）Open (h)", 10, lambda g: g.open_seconds / 3600, "number2"),
        ("办理时长（小时）Serving (h)", 10, lambda g: g.serving_seconds / 3600, "number2"),
        ("窗口利用率 Utilisation", 10, lambda g: g.utilisation, "percent"))
    header(ws, fmt, 0, ["窗口 Window"] + [c[0] for c in columns], [14] + [c[1] for c in columns])
    ws.freeze_panes(1, 1)
    rows = sorted(m.by.get("window", {}).items(), key=lambda kv: windows.get(kv[0], (kv[0], ""))[0])
    for i, (wid, g) in enumerate(rows, start=1):
        ws.write_string(i, 0, windows.get(wid, (wid, str(wid)))[1])
        group_row(ws, fmt, i, 1, g, columns)


def write_clerks(ws, fmt, m: Metrics, clerks: dict) -> None:
    columns = (GROUP_COLUMNS[1], GROUP_COLUMNS[2], GROUP_COLUMNS[7],
               ("办理P50（分钟）Handling p50 (min)", 11, lambda g: in_minutes(g.handling.p50), "minutes"),
               GROUP_COLUMNS[8],
               ("工作时长（小时）Hours (h)", 10, lambda g: g.clerk_seconds / 3600, "number2"),
               ("人时办件量 Visits per hour", 10, lambda g: g.visits_per_clerk_hour, "number2"),
               ("评价数 Ratings", 8, lambda g: g.rated, "integer"),
               ("平均评价 Avg rating", 8, lambda g: g.rating_mean, "number2"),
               ("差评数（1–2分）Low ratings", 9, lambda g: g.levels[1] + g.levels[2], "integer"))
    header(ws, fmt, 0, ["人员 Clerk"] + [c[0] for c in columns], [12] + [c[1] for c in columns])
    ws.freeze_panes(1, 1)
    rows = sorted(m.by.get("clerk", {}).items(), key=lambda kv: (-kv[1].visits, str(kv[0])))
    for i, (cid, g) in enumerate(rows, start=1):
        ws.write_string(i, 0, clerks.get(cid, str(cid)))
        group_row(ws, fmt, i, 1, g, columns)


def write_ratings(ws, fmt, m: Metrics, clerks: dict) -> None:
    ws.set_column(0, 0, 14)
    ws.set_column(1, 5, 12)
    ws.set_column(5, 5, 30)
    total = m.total
    header(ws, fmt, 0, ["评价 Rating", "数量 Count", "占比 Share"])
    ws.freeze_panes(1, 0)
    labels = {5: "5 非常满意", 4: "4 满意", 3: "3 基本满意", 2: "2 不满意", 1: "1 非常不满意"}
    for i, level in enumerate((5, 4, 3, 2, 1), start=1):
        ws.write_string(i, 0, labels[level])
        ws.write_number(i, 1, total.levels[level], fmt.integer)
        write_value(ws, i, 2, total.levels[level] / total.rated if total.rated else None, fmt.percent)
    ws.write_string(6, 0, "合计 Total", fmt.label)
    ws.write_number(6, 1, total.rated, fmt.integer)
    write_value(ws, 6, 2, total.rating_mean, fmt.number2)
    ws.write_string(6, 3, "← 平均分 average")
    top = 9
    ws.write_string(top - 1, 0, "差评明细（1–2分）Low ratings with reasons", fmt.label)
    header(ws, fmt, top, ["日期 Date", "号票 Ticket", "人员 Clerk", "窗口 Window", "评价 Rating", "原因 Reason"])
    for i, row in enumerate(m.rating_rows, start=top + 1):
        ws.write_number(i, 0, excel_date(row.service_day), fmt.date)
        ws.write_string(i, 1, row.ticket_code)
        ws.write_string(i, 2, row.clerk_name)
        ws.write_string(i, 3, row.window_name)
        ws.write_number(i, 4, row.rating)
        ws.write_string(i, 5, row.rating_reason or "")


def write_appointments(ctx, ws, fmt, period: Period) -> None:
    from counter import appointments
    from counter.db import reading

    with reading(ctx.sessions) as session:
        result = appointments.report(session, ctx.station.id, period.start, period.end, ctx.clock.now())
    appointments.write_sheet(ws, fmt, result)
