"""The queue ticket (排队号票) for an 80 mm thermal roll printer.

The page size is explicit (80 mm wide, about 100 mm long, taller only when the hint needs it):
without it the driver prints on A4.
"""
from __future__ import annotations

import io
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from counter.printing.codes import draw_qr
from counter.printing.documents import TicketSlipData
from counter.printing.fonts import register_cjk_font
from counter.printing.receipt_parts import fmt_datetime

PAGE_WIDTH = 80 * mm
PAGE_HEIGHT = 100 * mm
MARGIN = 4 * mm
QR_SIZE = 25 * mm
GREY = colors.Color(0.3, 0.3, 0.3)


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    font = register_cjk_font().name
    base = ParagraphStyle("slip", fontName=font, wordWrap="CJK", alignment=TA_CENTER)
    return {
        "station": ParagraphStyle("slip_station", parent=base, fontSize=10.5, leading=13),
        "category": ParagraphStyle("slip_category", parent=base, fontSize=11, leading=14),
        "hint": ParagraphStyle("slip_hint", parent=base, fontSize=8, leading=10.5,
                               textColor=GREY),
    }


def _bold_centered(canvas: Canvas, text: str, font: str, size: float, cx: float, y: float,
                   weight: float) -> None:
    """Centred text thickened by stroking its outline (the CJK face has no bold)."""
    canvas.saveState()
    canvas.setFont(font, size)
    canvas.setLineWidth(weight)
    canvas.setLineJoin(1)
    text_obj = canvas.beginText()
    text_obj.setTextRenderMode(2)  # fill and stroke
    text_obj.setFont(font, size)
    text_obj.setTextOrigin(cx - canvas.stringWidth(text, font, size) / 2, y)
    text_obj.textOut(text)
    canvas.drawText(text_obj)
    canvas.restoreState()


def render_ticket_slip(data: TicketSlipData) -> bytes:
    """A queue ticket as PDF bytes: a single 80 mm wide page."""
    font = register_cjk_font().name
    st = _styles()
    inner = PAGE_WIDTH - 2 * MARGIN
    cx = PAGE_WIDTH / 2

    station = Paragraph(escape(data.station_name), st["station"])
    category = Paragraph(escape(data.category_label), st["category"])
    hint = Paragraph(escape(data.hint), st["hint"])
    _, h_station = station.wrap(inner, 1000)
    _, h_category = category.wrap(inner, 1000)
    _, h_hint = hint.wrap(inner, 1000)

    code_size = 46 if len(data.ticket_code) <= 5 else 34
    gaps = 3.5 * mm
    needed = (MARGIN + h_station + gaps + h_category + 1.5 * mm + code_size * 0.9
              + 3.5 * mm + 12 + gaps + QR_SIZE + gaps + 10 + 2 * mm + h_hint + MARGIN
              + (5 * mm if data.predicted_wait else 0))
    height = max(PAGE_HEIGHT, needed)

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(PAGE_WIDTH, height), pageCompression=1, initialFontName=font)
    c.setTitle(f"排队号 {data.ticket_code}")
    c.setAuthor(data.station_name)
    c.setCreator("一窗通办 Counter")

    y = height - MARGIN - h_station
    station.drawOn(c, MARGIN, y)
    y -= 1.5 * mm
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.8)
    c.line(MARGIN, y, PAGE_WIDTH - MARGIN, y)
    y -= 1 * mm + h_category
    category.drawOn(c, MARGIN, y)

    y -= 1.5 * mm + code_size * 0.9
    _bold_centered(c, data.ticket_code, font, code_size, cx, y, weight=code_size / 30)

    y -= 3.5 * mm + 12
    c.setFont(font, 12)
    c.drawCentredString(cx, y, f"前面还有 {data.waiting_ahead} 人等候")
    if data.predicted_wait:
        y -= 5 * mm
        c.setFont(font, 10)
        c.drawCentredString(cx, y, data.predicted_wait)

    y -= gaps + QR_SIZE
    draw_qr(c, data.ticket_code, cx - QR_SIZE / 2, y, QR_SIZE)

    y -= gaps + 9
    c.setFont(font, 9)
    c.drawCentredString(cx, y, f"取号时间  {fmt_datetime(data.issued_at)}")

    y -= 2 * mm + h_hint
    c.setLineWidth(0.4)
    c.setDash(2, 2)
    c.line(MARGIN, y + h_hint + 1.2 * mm, PAGE_WIDTH - MARGIN, y + h_hint + 1.2 * mm)
    hint.drawOn(c, MARGIN, y)

    c.showPage()
    c.save()
    return buf.getvalue()
