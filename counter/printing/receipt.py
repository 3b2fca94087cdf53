"""The acceptance receipt (受理回执) as an A4 PDF.

One receipt per visit lists every item. The receipt number is printed in large type, as a
Code128 barcode (for the hall's scanners) and as a QR code (for phones and the kiosk camera).
The Chinese text is drawn with an embedded subset of a TrueType font (see ``fonts.py``).
"""
from __future__ import annotations

import io
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer,
                                Table, TableStyle)

from counter.printing.documents import ReceiptData, ReceiptLine
from counter.printing.fonts import register_cjk_font

PAGE_SIZE = A4
MARGIN = 16 * mm
INK = colors.black
GREY = colors.Color(0.35, 0.35, 0.35)
RULE = colors.Color(0.55, 0.55, 0.55)
HEADER_FILL = colors.Color(0.90, 0.90, 0.90)
MISSING_FILL = colors.Color(0.94, 0.94, 0.94)


# --------------------------------------------------------------------------- codes (shared)

def qr_matrix(data: str, error: str = "m") -> tuple[bytearray, ...]:
    """The modules of a regular (never micro) QR code of ``data``, without the quiet zone."""
    import segno

    return segno.make_qr(data, error=error, boost_error=False).matrix


def draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float,
            error: str = "m") -> None:
    """Draw a QR code of ``data`` as ONE filled vector path, lower-left corner at (x, y).

    ``size`` is the side of the code without quiet zone; leave about 4 modules of white around.
    Horizontal runs of dark modules are merged into one rectangle each.
    """
    matrix = qr_matrix(data, error)
    n = len(matrix)
    # Drawn in module units (origin at the top-left corner, y downwards) so every rectangle is
    # a few small integers: much faster than formatting floats for hundreds of rectangles.
    ops: list[str] = []
    for r, row in enumerate(matrix):
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                ops.append(f"{start} {r} {c - start} 1 re")
            else:
                c += 1
    module = size / n
    canvas.saveState()
    canvas.setFillColor(INK)
    canvas.transform(module, 0, 0, -module, x, y + size)
    path = canvas.beginPath()
    path._code.extend(ops)  # PDFPathObject keeps its operators in _code
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def code128(data: str, bar_height: float, bar_width: float = 0.34 * mm) -> Code128:
    """A Code128 barcode widget (reportlab), without human-readable text or quiet zone."""
    return Code128(data, barHeight=bar_height, barWidth=bar_width, humanReadable=False,
                   quiet=False)


class QRFlowable(Flowable):
    """A QR code of ``size`` points (plus ``pad`` of white each side) as a platypus flowable."""

    def __init__(self, data: str, size: float, pad: float = 0.0, error: str = "m") -> None:
        super().__init__()
        self.data, self.size, self.pad, self.error = data, size, pad, error
        self.width = self.height = size + 2 * pad

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        draw_qr(self.canv, self.data, self.pad, self.pad, self.size, self.error)


class Code128Flowable(Flowable):
    """A Code128 barcode as a platypus flowable; ``quiet`` points of white left and right."""

    def __init__(self, data: str, bar_height: float, bar_width: float = 0.34 * mm,
                 quiet: float = 0.0) -> None:
        super().__init__()
        self.barcode = code128(data, bar_height, bar_width)
        self.quiet = quiet
        self.width = self.barcode.width + 2 * quiet
        self.height = bar_height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.barcode.drawOn(self.canv, self.quiet, 0)


class _Title(Flowable):
    """A centred title with letter spacing that still extracts as one word."""

    def __init__(self, text: str, size: float, char_space: float = 0.0) -> None:
        super().__init__()
        self.text, self.size, self.char_space = text, size, char_space
        self.height = size * 1.35

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.height

    def draw(self) -> None:
        font = register_cjk_font().name
        c = self.canv
        # the spacing follows every glyph, the last one too: centre on the visible part
        width = c.stringWidth(self.text, font, self.size) + self.char_space * (len(self.text) - 1)
        c.setFont(font, self.size)
        c.drawString((self.width - width) / 2, self.size * 0.3, self.text,
                     charSpace=self.char_space)


# --------------------------------------------------------------------------- formatting

def money(value: Decimal) -> str:
    """``Decimal("20")`` -> ``"20.00"``."""
    return str(Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def fmt_date(value: date | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "—"


def fmt_datetime(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def _p(text: str) -> str:
    """Escape plain text for a Paragraph."""
    return escape(text)


# --------------------------------------------------------------------------- styles

@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    font = register_cjk_font().name
    base = ParagraphStyle("base", fontName=font, fontSize=10, leading=14, wordWrap="CJK",
                          textColor=INK)

    def s(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "station": s("station", fontSize=13, leading=17, alignment=TA_CENTER),
        "label": s("label", fontSize=9, leading=12, textColor=GREY),
        "number": s("number", fontSize=22, leading=26),
        "cell": s("cell", fontSize=9.5, leading=13),
        "cell_c": s("cell_c", fontSize=9.5, leading=13, alignment=TA_CENTER),
        "cell_r": s("cell_r", fontSize=9.5, leading=13, alignment=TA_RIGHT),
        "head": s("head", fontSize=9.5, leading=13, alignment=TA_CENTER),
        "section": s("section", fontSize=11, leading=15, spaceBefore=2),
        "body": s("body", fontSize=9.5, leading=14),
        "hint": s("hint", fontSize=9, leading=13, textColor=GREY),
        "small": s("small", fontSize=8, leading=10, textColor=GREY),
        "left": s("left", alignment=TA_LEFT),
    }


# --------------------------------------------------------------------------- the receipt

def _header(data: ReceiptData, width: float) -> list[Flowable]:
    st = _styles()
    qr_size = 27 * mm
    left = [
        Paragraph("回执编号 Receipt No.", st["label"]),
        Paragraph(_p(data.receipt_number), st["number"]),
        Spacer(1, 2 * mm),
        Code128Flowable(data.receipt_number, bar_height=13 * mm, quiet=0),
    ]
    head = Table([[left, QRFlowable(data.receipt_number, qr_size, pad=2 * mm)]],
                 colWidths=[width - qr_size - 4 * mm, qr_size + 4 * mm])
    head.setStyle(TableStyle([
        _cell_font(),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 0), (1, 0), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return [
        Paragraph(_p(data.station_name), st["station"]),
        _Title("受理回执", 22, char_space=8),
        Spacer(1, 3 * mm),
        head,
        Spacer(1, 4 * mm),
    ]


def _cell_font() -> tuple:
    return ("FONT", (0, 0), (-1, -1), register_cjk_font().name, 9.5, 13)


def _text(value: str, style: ParagraphStyle, fits: int) -> str | Paragraph:
    """Plain strings are drawn much faster than Paragraphs; wrap only what may not fit."""
    return value if len(value) <= fits else Paragraph(_p(value), style)


def _applicant(data: ReceiptData, width: float) -> Table:
    st = _styles()
    rows = [
        ["申请人", _text(data.applicant_name, st["cell"], 16),
         "证件号码", data.id_number_masked],
        ["代办人", _text(data.proxy_name or "—", st["cell"], 16),
         "排队号", data.ticket_code or "—"],
    ]
    label_w = 20 * mm
    value_w = (width - 2 * label_w) / 2
    table = Table(rows, colWidths=[label_w, value_w, label_w, value_w])
    table.setStyle(TableStyle([
        _cell_font(),
        ("GRID", (0, 0), (-1, -1), 0.6, RULE),
        ("BACKGROUND", (0, 0), (0, -1), HEADER_FILL),
        ("BACKGROUND", (2, 0), (2, -1), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return table


def _items(data: ReceiptData, width: float) -> Table:
    st = _styles()
    rows: list[list] = [["序号", "事项编码", "办理事项", "收费(元)", "承诺办结", "状态"]]
    for i, line in enumerate(data.lines, 1):
        rows.append([
            str(i),
            line.code,
            Paragraph(_p(line.name), st["cell"]),
            "¥" + money(line.fee),
            fmt_date(line.promised),
            _text(line.status_label, st["cell_c"], 5),
        ])
    rows.append(["合计", "", f"共 {len(data.lines)} 项", "¥" + money(data.total), "", ""])
    fixed = [11 * mm, 20 * mm, 0, 24 * mm, 25 * mm, 20 * mm]
    fixed[2] = width - sum(fixed)
    table = Table(rows, colWidths=fixed, repeatRows=1)
    last = len(rows) - 1
    table.setStyle(TableStyle([
        _cell_font(),
        ("GRID", (0, 0), (-1, -1), 0.6, RULE),
        ("BOX", (0, 0), (-1, -1), 1.0, INK),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("ALIGN", (0, 1), (1, -1), "CENTER"),
        ("ALIGN", (3, 1), (3, -1), "RIGHT"),
        ("ALIGN", (4, 1), (5, -1), "CENTER"),
        ("LINEABOVE", (0, last), (-1, last), 1.0, INK),
        ("SPAN", (0, last), (1, last)),
        ("SPAN", (4, last), (5, last)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return table


def _materials(data: ReceiptData, width: float) -> list[Flowable]:
    st = _styles()
    rows: list[list] = [["序号", "已收材料", "需补正材料"]]
    style = [
        _cell_font(),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("GRID", (0, 0), (-1, -1), 0.6, RULE),
        ("BOX", (0, 0), (-1, -1), 1.0, INK),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    any_missing = False
    for i, line in enumerate(data.lines, 1):
        received = "；".join(f"√ {_p(m)}" for m in line.materials_received) or "—"
        if line.materials_missing:
            any_missing = True
            missing = "<br/>".join(f"【需补正】{_p(m)}" for m in line.materials_missing)
            style.append(("BACKGROUND", (2, i), (2, i), MISSING_FILL))
        else:
            missing = "无"
        rows.append([str(i),
                     Paragraph(received, st["cell"]),
                     Paragraph(missing, st["cell"])])
    num_w = 11 * mm
    rest = width - num_w
    table = Table(rows, colWidths=[num_w, rest * 0.58, rest * 0.42], repeatRows=1)
    table.setStyle(TableStyle(style))
    out: list[Flowable] = [Paragraph("材料接收情况", st["section"]), Spacer(1, 1.5 * mm), table]
    if any_missing:
        out += [Spacer(1, 1.5 * mm), Paragraph(
            "标注【需补正】的材料请补齐后携带本回执到窗口补交，补正期间相应事项暂停计时。",
            st["body"])]
    return out


def _footer(data: ReceiptData, width: float) -> list[Flowable]:
    st = _styles()
    info = Table([
        [Paragraph(f"受理人：{_p(data.clerk_name)}", st["body"]),
         Paragraph(f"受理窗口：{_p(data.window_name)}", st["body"]),
         Paragraph(f"受理时间：{fmt_datetime(data.issued_at)}", st["body"])],
    ], colWidths=[width * 0.28, width * 0.32, width * 0.40])
    info.setStyle(TableStyle([
        _cell_font(),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("LINEABOVE", (0, 0), (-1, 0), 0.6, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
    ]))
    sign = Table([["申请人签名：", "", "受理单位（盖章）"]],
                 colWidths=[width * 0.17, width * 0.38, width * 0.45], rowHeights=[14 * mm])
    sign.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), register_cjk_font().name, 9.5, 13),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 0), (1, 0), 0.6, INK),
        ("ALIGN", (2, 0), (2, 0), "RIGHT"),
    ]))
    return [
        Spacer(1, 5 * mm), info, Spacer(1, 3 * mm),
        Paragraph("温馨提示：" + _p(data.lookup_hint), st["hint"]),
        Spacer(1, 2 * mm), sign,
    ]


def _on_page(data: ReceiptData):
    font = register_cjk_font().name

    def draw(canvas: Canvas, doc) -> None:
        w, h = PAGE_SIZE
        canvas.saveState()
        if data.reprint > 0:
            text = f"补打(第{data.reprint}次)"
            size = 12
            tw = canvas.stringWidth(text, font, size)
            x, y = w - MARGIN - tw - 4 * mm, h - MARGIN + 2 * mm
            canvas.setLineWidth(1.2)
            canvas.rect(x, y, tw + 4 * mm, size + 3 * mm, stroke=1, fill=0)
            canvas.setFont(font, size)
            canvas.drawString(x + 2 * mm, y + 1.5 * mm + 1, text)
        canvas.setFont(font, 8)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, MARGIN * 0.55, f"回执编号 {data.receipt_number}")
        canvas.drawRightString(w - MARGIN, MARGIN * 0.55, f"第 {doc.page} 页")
        canvas.restoreState()

    return draw


def render_receipt(data: ReceiptData) -> bytes:
    """The acceptance receipt of one visit as PDF bytes (A4 portrait)."""
    register_cjk_font()
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf, pagesize=PAGE_SIZE, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN + 6 * mm, bottomMargin=MARGIN,
        title=f"受理回执 {data.receipt_number}", author=data.station_name,
        subject="受理回执", creator="一窗通办 Counter", initialFontName=register_cjk_font().name,
        pageCompression=1,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("receipt", frames=[frame], onPage=_on_page(data))])
    width = doc.width
    story: list[Flowable] = []
    story += _header(data, width)
    story.append(_applicant(data, width))
    story.append(Spacer(1, 5 * mm))
    story.append(Paragraph("受理事项", _styles()["section"]))
    story.append(Spacer(1, 1.5 * mm))
    story.append(_items(data, width))
    story.append(Spacer(1, 5 * mm))
    story += _materials(data, width)
    story += _footer(data, width)
    doc.build(story)
    return buf.getvalue()


__all__ = [
    "render_receipt", "draw_qr", "qr_matrix", "code128", "QRFlowable", "Code128Flowable",
    "money", "ReceiptData", "ReceiptLine",
]
