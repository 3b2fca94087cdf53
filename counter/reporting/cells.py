"""The Excel report's cells: Excel dates and times, the formats, wrapped bilingual headers, print setup.

Shared by the sheet writers (counter.reporting.raw, .sheets, counter.journey.report and
counter.steptimes_sheet get `fmt`, a `Formats`).
"""
from __future__ import annotations

import threading
from datetime import date, datetime

from counter.clock import STATION_TZ

EXCEL_EPOCH = datetime(1899, 12, 30)
MINUTES_FORMAT = '[=0]0;[<0.05]"<0.1";0.0'


class ExportCancelled(Exception):
    """The export was cancelled; no file was written."""


def check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ExportCancelled("已取消 / cancelled")


def excel_time(moment: datetime | None) -> float | None:
    """Aware UTC → the Excel serial number of the local (Asia/Shanghai) wall time."""
    if moment is None:
        return None
    local = moment.astimezone(STATION_TZ).replace(tzinfo=None)
    delta = local - EXCEL_EPOCH
    return delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400


def excel_date(day: date) -> float:
    return float((day - EXCEL_EPOCH.date()).days)


def text_units(text: str) -> int:
    """Width in Excel character units: a CJK character takes about two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def header_lines(text: str, width: float) -> int:
    """Lines a wrapped header needs in a column `width` characters wide (counted as if Chinese and
    English broke apart, which Excel's wrap at the space between them does)."""
    import math

    parts = bilingual(text).split("\n")
    return sum(max(1, math.ceil(text_units(part) / max(1.0, width - 1))) for part in parts)


def bilingual(text: str) -> str:
    """"等候（分钟）Wait (min)" → "等候（分钟）\nWait (min)": the English starts its own line."""
    for i, ch in enumerate(text):
        if ch.isascii() and ch.isalpha() and i > 0 and not text[:i].isascii():
            return text[:i].rstrip() + "\n" + text[i:]
    return text


class Formats:
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


def header(ws, fmt, row: int, headers, widths=None, *, default_width: float = 8.43) -> None:
    """Bilingual headers, wrapped, in a row as tall as the longest needs (never cut off)."""
    lines = max((header_lines(text, widths[col] if widths else default_width)
                 for col, text in enumerate(headers)), default=1)
    ws.set_row(row, 15 * lines + 4)
    for col, text in enumerate(headers):
        ws.write_string(row, col, text, fmt.header)  # the text as it was: scripts read these headers
        if widths:
            ws.set_column(col, col, widths[col])


def page_setup(ws, *, header_rows: int = 1, one_page: bool = False) -> None:
    """A4 landscape, one page wide (the summary: one page), the header repeated on every page."""
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 1 if one_page else 0)
    if header_rows:
        ws.repeat_rows(0, header_rows - 1)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)


def write_value(ws, row, col, value, cell_format=None) -> None:
    if value is None:
        ws.write_blank(row, col, None, cell_format)
    elif isinstance(value, str):
        ws.write_string(row, col, value, cell_format)
    else:
        ws.write_number(row, col, value, cell_format)


def in_minutes(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / 60
