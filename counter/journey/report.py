"""The journey's sheets in the Excel report (counter.reports calls `write_sheets`):

- 领证 Collection: every document item that became ready in the period — days from acceptance
  to ready (arrival) and to collected (or posted), with the median and mean on top;
- 未领取 Uncollected: the clerk's list (ready longer than the station's `uncollected_days`);
- 回访 Follow-ups: bad ratings of the period, the share answered within the deadline, the
  reasons, and every case.
Days are whole local days (Asia/Shanghai); written row by row (the workbook is constant_memory).
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from counter.clock import local_day
from counter.db import reading
from counter.journey import followups, uncollected
from counter.journey.common import document_codes
from counter.models import (
    Arrival,
    Collection,
    Delivery,
    Item,
    ItemStatus,
    Receipt,
    Visit,
)
from counter.visits import STATUS_LABELS

SHEETS = ("领证 Collection", "未领取 Uncollected", "回访 Follow-ups")


@dataclass(frozen=True)
class CollectionRow:
    receipt_number: str
    code: str
    status: str
    accepted_on: date
    ready_on: date
    done_on: date | None  # collected or posted

    @property
    def days_to_ready(self) -> int:
        return (self.ready_on - self.accepted_on).days

    @property
    def days_to_done(self) -> int | None:
        return None if self.done_on is None else (self.done_on - self.accepted_on).days


def collection_rows(ctx, period) -> list[CollectionRow]:
    """Document items that became ready (arrived) in the period, with their later hand-out."""
    codes = document_codes(ctx.catalog)
    out = []
    with reading(ctx.sessions) as session:
        rows = session.execute(
            select(Item, Receipt.number, Arrival.arrived_on, Collection.collected_at, Delivery.posted_at)
            .join(Visit, Visit.id == Item.visit_id).join(Receipt, Receipt.visit_id == Visit.id)
            .outerjoin(Arrival, Arrival.item_id == Item.id).outerjoin(Collection, Collection.item_id == Item.id)
            .outerjoin(Delivery, Delivery.item_id == Item.id)
            .where(Visit.station_id == ctx.station.id, Item.procedure_code.in_(codes),
                   Item.status.in_((ItemStatus.READY.value, ItemStatus.COLLECTED.value, ItemStatus.POSTED.value))))
        for item, number, arrived_on, collected_at, posted_at in rows:
            ready_on = arrived_on
            if ready_on is None:  # marked ready in the status dialog: its own status time when still ready
                if item.status != ItemStatus.READY.value or item.status_changed_at is None:
                    continue  # collected without an arrival: the ready day is not known
                ready_on = local_day(item.status_changed_at)
            if not period.start <= ready_on <= period.end:
                continue
            done = collected_at or posted_at or (item.status_changed_at if item.status in (
                ItemStatus.COLLECTED.value, ItemStatus.POSTED.value) else None)
            out.append(CollectionRow(number, item.procedure_code, item.status, local_day(item.started_at), ready_on,
                                     local_day(done) if done else None))
    return sorted(out, key=lambda r: (r.ready_on, r.receipt_number, r.code))


def _stats(values: list[int]) -> tuple[float | None, float | None]:
    return (statistics.median(values), statistics.fmean(values)) if values else (None, None)


def _num(ws, row, col, value, cell_format=None):
    if value is None:
        ws.write_blank(row, col, None, cell_format)
    else:
        ws.write_number(row, col, value, cell_format)


def _day(value: date) -> float:
    return float((value - date(1899, 12, 30)).days)


def _header(ws, fmt, row, headers, widths):
    for col, (text, width) in enumerate(zip(headers, widths)):
        ws.write_string(row, col, text, fmt.header)
        ws.set_column(col, col, width)


def write_collection(ws, fmt, rows: list[CollectionRow]) -> None:
    ready = [r.days_to_ready for r in rows]
    done = [r.days_to_done for r in rows if r.days_to_done is not None]
    _header(ws, fmt, 0, ["指标 Figure", "件数 Items", "中位数（天）Median (days)", "平均（天）Mean (days)"],
            [30, 10, 14, 14])
    for row, (label, values) in enumerate((("受理至到证 Acceptance → ready", ready),
                                          ("受理至领取/寄出 Acceptance → collected/posted", done)), start=1):
        ws.write_string(row, 0, label)
        ws.write_number(row, 1, len(values), fmt.integer)
        median, mean = _stats(values)
        _num(ws, row, 2, median, fmt.number2)
        _num(ws, row, 3, mean, fmt.number2)
    top = 4
    _header(ws, fmt, top, ["回执号 Receipt", "事项 Procedure", "状态 Status", "受理 Accepted", "到证 Ready",
                           "领取/寄出 Collected/posted", "到证天数 Days to ready", "领取天数 Days to collected"],
            [30, 10, 14, 14, 12, 14, 12, 12])
    for row, r in enumerate(rows, start=top + 1):
        ws.write_string(row, 0, r.receipt_number)
        ws.write_string(row, 1, r.code)
        ws.write_string(row, 2, STATUS_LABELS.get(r.status, (r.status,))[0])
        ws.write_number(row, 3, _day(r.accepted_on), fmt.date)
        ws.write_number(row, 4, _day(r.ready_on), fmt.date)
        _num(ws, row, 5, _day(r.done_on) if r.done_on else None, fmt.date)
        ws.write_number(row, 6, r.days_to_ready, fmt.integer)
        _num(ws, row, 7, r.days_to_done, fmt.integer)


def write_uncollected(ws, fmt, rows) -> None:
    _header(ws, fmt, 0, ["回执号 Receipt", "事项 Procedure", "申请人 Applicant", "电话 Phone", "到证 Ready",
                         "已等天数 Days waiting", "已发通知 Notices sent", "情况 Note"],
            [16, 10, 10, 14, 12, 10, 10, 30])
    for row, u in enumerate(rows, start=1):
        ws.write_string(row, 0, u.receipt_number)
        ws.write_string(row, 1, u.code)
        ws.write_string(row, 2, u.name_masked)
        ws.write_string(row, 3, u.phone_masked)
        ws.write_number(row, 4, _day(u.ready_on), fmt.date)
        ws.write_number(row, 5, u.days, fmt.integer)
        ws.write_number(row, 6, u.notices_sent, fmt.integer)
        ws.write_string(row, 7, u.note or "")


def write_followups(ws, fmt, cases: list) -> None:
    s = followups.summary(cases)
    ws.set_column(0, 0, 30)
    figures = (("差评数 Bad ratings", s.bad, fmt.integer), ("已回访办结 Answered", s.closed, fmt.integer),
               ("按期回访 Answered in time", s.in_time, fmt.integer),
               ("按期回访率 Share answered in time", s.share_in_time, fmt.percent),
               ("逾期未办结 Overdue", s.overdue, fmt.integer))
    for row, (label, value, cell_format) in enumerate(figures):
        ws.write_string(row, 0, label, fmt.label)
        _num(ws, row, 1, value, cell_format)
    top = len(figures) + 1
    _header(ws, fmt, top, ["原因 Reason", "次数 Count"], [30, 10])
    for row, (reason, n) in enumerate(s.reasons, start=top + 1):
        ws.write_string(row, 0, reason)
        ws.write_number(row, 1, n, fmt.integer)
    top += len(s.reasons) + 3
    _header(ws, fmt, top, ["回执号 Receipt", "评价 Rating", "原因 Reason", "评价日 Rated", "期限 Due",
                           "承办人 Assignee", "群众反映 Citizen said", "整改措施 Changes", "办结 Closed",
                           "按期 In time"],
            [30, 12, 24, 12, 12, 12, 30, 30, 12, 8])
    for row, c in enumerate(cases, start=top + 1):
        ws.write_string(row, 0, c.receipt_number)
        ws.write_string(row, 1, c.level_text)
        ws.write_string(row, 2, c.reason)
        ws.write_number(row, 3, _day(local_day(c.rated_at)), fmt.date)
        ws.write_number(row, 4, _day(c.due_on), fmt.date)
        ws.write_string(row, 5, c.assignee)
        ws.write_string(row, 6, c.citizen_said or "")
        ws.write_string(row, 7, c.changes or "")
        _num(ws, row, 8, _day(local_day(c.closed_at)) if c.closed_at else None, fmt.date)
        ws.write_string(row, 9, {True: "是", False: "否", None: "逾期" if c.overdue else ""}[c.answered_in_time])


def write_sheets(wb, fmt, ctx, period) -> None:
    """Add the journey's three sheets to an open xlsxwriter workbook (`fmt`: counter.reports' formats)."""
    write_collection(wb.add_worksheet(SHEETS[0]), fmt, collection_rows(ctx, period))
    write_uncollected(wb.add_worksheet(SHEETS[1]), fmt, uncollected.list_items(ctx))
    write_followups(wb.add_worksheet(SHEETS[2]), fmt, followups.cases(ctx, period=period))
