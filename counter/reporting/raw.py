"""The 明细 Raw sheet: one row per item (or per ticket without a visit), streamed as it is read."""
from __future__ import annotations

from counter.metrics import CATEGORY_ZH, ITEM_CATEGORY_ZH, OUTCOME_ZH
from counter.reporting.cells import check_cancel, excel_date, excel_time, header
from counter.statuses import ITEM_STATUS, VISIT_STATUS, zh_names

STATUS_ZH = zh_names(ITEM_STATUS, VISIT_STATUS)  # items and visits (counter.statuses)

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
RAW_HEADERS = tuple(c[0] for c in RAW_COLUMNS)


def raw_cells(row, windows_fallback: str = "") -> tuple:
    """One Raw sheet row's values (numbers for times and durations, as written)."""
    m = 60.0
    return (
        excel_date(row.service_day),
        row.ticket_code,
        CATEGORY_ZH.get(row.category, row.category),
        "是" if row.priority else "",
        OUTCOME_ZH.get(row.outcome, row.outcome or ""),
        excel_time(row.issued_at),
        excel_time(row.first_call_at),
        excel_time(row.answered_at),
        row.recalls if row.ticket_id is not None else None,
        row.transfers if row.ticket_id is not None else None,
        None if row.wait_seconds is None else row.wait_seconds / m,
        row.window_name or windows_fallback,
        row.clerk_name,
        row.visit_id,
        STATUS_ZH.get(row.visit_status or "", row.visit_status or ""),
        excel_time(row.visit_started_at),
        excel_time(row.visit_finished_at),
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


def write_raw(ws, fmt, rows, acc, progress, cancel, total) -> int:
    header(ws, fmt, 0, RAW_HEADERS, [c[1] for c in RAW_COLUMNS])
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
            check_cancel(cancel)
            if progress:
                progress(n, max(total, n))
    if n:
        ws.autofilter(0, 0, n, len(RAW_COLUMNS) - 1)
    return n
