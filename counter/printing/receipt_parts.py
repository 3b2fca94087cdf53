"""The parts every printed paper shares: page sizes and layouts, fonts and styles, the texts of
a receipt line, rules and signature lines, and the pages' decorations. `receipt.py` (A4/A5),
`receipt_roll.py` (80 mm) and `notice.py` (一次性告知书) build on them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from counter.printing.codes import INK
from counter.printing.documents import NOTHING, ReceiptData, ReceiptLine, hide_id_tail
from counter.printing.fonts import register_cjk_font

PAGE_SIZE = A4
MARGIN = 16 * mm
GREY = colors.Color(0.35, 0.35, 0.35)
RULE = colors.Color(0.55, 0.55, 0.55)
HEADER_FILL = colors.Color(0.90, 0.90, 0.90)
MISSING_FILL = colors.Color(0.94, 0.94, 0.94)
NOT_A_PAYMENT_RECEIPT = "本回执不作收费凭证"


class Title(Flowable):
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


def markup(text: str) -> str:
    """Escape plain text for a Paragraph."""
    return escape(text)



def plain(text: str | None) -> str:
    """A material or text worth printing: never "无" (nothing) as if it were something."""
    text = (text or "").strip()
    return "" if text in NOTHING else text


# --------------------------------------------------------------------------- layouts

@dataclass(frozen=True)
class Layout:
    """One paper: its size, margins, type scale and whether it is one narrow column."""

    name: str
    width: float
    height: float | None  # None: the page grows with its content (a roll)
    margin: float
    scale: float
    narrow: bool

    @property
    def inner(self) -> float:
        return self.width - 2 * self.margin


LAYOUTS = {
    "A4": Layout("A4", A4[0], A4[1], 13 * mm, 1.0, False),
    "A5": Layout("A5", A5[0], A5[1], 9 * mm, 0.78, False),
    "80mm": Layout("80mm", 80 * mm, None, 4 * mm, 0.84, True),
}


def layout_for(paper: str | None) -> Layout:
    """The layout of a ``receipt_paper`` setting; anything unknown prints on A4."""
    key = (paper or "A4").strip()
    key = {"a4": "A4", "a5": "A5", "80": "80mm", "80mm": "80mm"}.get(key.lower(), key)
    return LAYOUTS.get(key, LAYOUTS["A4"])


# --------------------------------------------------------------------------- styles

@lru_cache(maxsize=8)
def styles(scale: float = 1.0) -> dict[str, ParagraphStyle]:
    font = register_cjk_font().name
    base = ParagraphStyle(f"base{scale}", fontName=font, fontSize=10 * scale,
                          leading=14 * scale, wordWrap="CJK", textColor=INK)

    def s(name: str, size: float, leading: float, **kw) -> ParagraphStyle:
        return ParagraphStyle(f"{name}{scale}", parent=base, fontSize=size * scale,
                              leading=leading * scale, **kw)

    return {
        "station": s("station", 13, 17, alignment=TA_CENTER),
        "label": s("label", 9, 12, textColor=GREY),
        "number": s("number", 22, 26),
        "number_c": s("number_c", 20, 24, alignment=TA_CENTER),
        "cell": s("cell", 9.5, 13),
        "cell_c": s("cell_c", 9.5, 13, alignment=TA_CENTER),
        "cell_r": s("cell_r", 9.5, 13, alignment=TA_RIGHT),
        "detail": s("detail", 8.5, 11.5, textColor=GREY),
        "section": s("section", 11, 15),
        "body": s("body", 9.5, 14),
        "body_c": s("body_c", 9.5, 14, alignment=TA_CENTER),
        "hint": s("hint", 9, 13, textColor=GREY),
        "hint_c": s("hint_c", 9, 13, textColor=GREY, alignment=TA_CENTER),
        "small": s("small", 8, 10, textColor=GREY),
        "strong": s("strong", 10.5, 14),
        "strong_c": s("strong_c", 10.5, 14, alignment=TA_CENTER),
        "left": s("left", 10, 14, alignment=TA_LEFT),
        "right": s("right", 10, 14, alignment=TA_RIGHT),
    }


def cell_font(scale: float = 1.0) -> tuple:
    return ("FONT", (0, 0), (-1, -1), register_cjk_font().name, 9.5 * scale, 13 * scale)


def fitted_text(value: str, style: ParagraphStyle, fits: int) -> str | Paragraph:
    """Plain strings are drawn much faster than Paragraphs; wrap only what may not fit."""
    return value if len(value) <= fits else Paragraph(markup(value), style)


def grid(scale: float, *extra: tuple, box: bool = True) -> TableStyle:
    pad = 4 * scale
    commands = [
        cell_font(scale),
        ("GRID", (0, 0), (-1, -1), 0.6, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad + 1),
        ("LEFTPADDING", (0, 0), (-1, -1), 5 * scale),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5 * scale),
    ]
    if box:
        commands.append(("BOX", (0, 0), (-1, -1), 1.0, INK))
    return TableStyle(commands + list(extra))


def bare(scale: float, *extra: tuple) -> TableStyle:
    """A table used only to place things: no lines, no padding."""
    return TableStyle([
        cell_font(scale),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        *extra,
    ])


# --------------------------------------------------------------------------- what is printed

def limits_text(line: ReceiptLine) -> str:
    """承诺 and 法定 time limits in one line: "承诺45日 / 法定60日"."""
    parts = []
    if line.committed_limit:
        parts.append(f"承诺{line.committed_limit}")
    if line.statutory_limit:
        parts.append(f"法定{line.statutory_limit}")
    return " / ".join(parts) or "—"


def promised_text(line: ReceiptLine) -> str:
    """No promised date while a required material is missing (行政许可法 art 32)."""
    if line.has_missing:
        return "补正后起算"
    return fmt_date(line.promised)


def details(line: ReceiptLine) -> list[str]:
    """The item's extra facts, each a short "label：value" (empty ones left out)."""
    out = []
    if line.pickup_method:
        out.append(f"领取方式：{line.pickup_method}")
    if line.pickup_place:
        out.append(f"领取地点：{line.pickup_place}")
    if line.pickup_bring:
        out.append(f"领取时携带：{line.pickup_bring}")
    if line.decided_by:
        out.append(f"审批单位：{line.decided_by}")
    if line.card_validity:
        out.append(f"证件有效期：{line.card_validity}")
    return out


def id_text(masked: str | None) -> str:
    return hide_id_tail(masked) if masked else "—"


def clerk_text(data: ReceiptData) -> str:
    badge = f"（{'辅警编号' if data.clerk_auxiliary else '警号'} {data.clerk_badge}）" \
        if data.clerk_badge else ""
    return f"{data.clerk_name}{badge}" + ("（辅警）" if data.clerk_auxiliary and not badge else "")


def officer_text(data: ReceiptData) -> str:
    """The responsible officer: printed when an auxiliary accepted the visit (S1 art 7)."""
    if not data.clerk_auxiliary:
        return ""
    name = data.officer_name or "（未指定）"
    badge = f"（警号 {data.officer_badge}）" if data.officer_badge else ""
    return f"{name}{badge}"


def rating_payload(data: ReceiptData) -> str:
    """The rating QR: the station's 好差评 address with this receipt's number."""
    url = data.rating_url.strip()
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}receipt={data.receipt_number}"




class Rule(Flowable):
    def __init__(self, width: float, weight: float = 0.6, dash: bool = False) -> None:
        super().__init__()
        self.width, self.height, self.weight, self.dash = width, weight + 1, weight, dash

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setLineWidth(self.weight)
        self.canv.setStrokeColor(RULE)
        if self.dash:
            self.canv.setDash(2, 2)
        self.canv.line(0, self.height / 2, self.width, self.height / 2)


def rule(width: float, dash: bool = False) -> Rule:
    return Rule(width, dash=dash)



# --------------------------------------------------------------------------- shared by the layouts and the notice

def pairs(rows: list[tuple[str, str]], lay: Layout, label_w: float = 17 * mm) -> Table:
    """Label / value lines for the narrow roll; values wrap under themselves."""
    st = styles(lay.scale)
    data = [[Paragraph(markup(label), st["hint"]), Paragraph(markup(value), st["body"])]
            for label, value in rows]
    table = Table(data, colWidths=[label_w, lay.inner - label_w])
    table.setStyle(bare(lay.scale, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 1)))
    return table


class SignLine(Flowable):
    """"申请人签名：______" across the roll."""

    def __init__(self, label: str, width: float, scale: float) -> None:
        super().__init__()
        self.label, self.width, self.size = label, width, 9.5 * scale
        self.height = self.size * 1.4

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        font = register_cjk_font().name
        text = self.label + "："
        self.canv.setFont(font, self.size)
        self.canv.drawString(0, 2, text)
        x = self.canv.stringWidth(text, font, self.size) + 2
        self.canv.setLineWidth(0.6)
        self.canv.line(x, 1, self.width, 1)


# --------------------------------------------------------------------------- pages

def story_height(story: list[Flowable], width: float) -> float:
    """The height a story takes in one frame of ``width`` (for pages that grow with content)."""
    total = 0.0
    for i, flowable in enumerate(story):
        _, h = flowable.wrap(width, 10 ** 6)
        total += h + flowable.getSpaceAfter() + (flowable.getSpaceBefore() if i else 0)
    return total


def receipt_decor(data: ReceiptData, lay: Layout):
    """Reprint mark and the page's foot line (A4/A5)."""
    font = register_cjk_font().name

    def draw(canvas: Canvas, doc) -> None:
        w, h = canvas._pagesize
        canvas.saveState()
        if data.reprint > 0:
            text = f"补打(第{data.reprint}次)"
            size = 12 * lay.scale
            tw = canvas.stringWidth(text, font, size)
            x, y = w - lay.margin - tw - 4 * mm, h - lay.margin + 1 * mm
            canvas.setLineWidth(1.2)
            canvas.rect(x, y, tw + 4 * mm, size + 3 * mm, stroke=1, fill=0)
            canvas.setFont(font, size)
            canvas.drawString(x + 2 * mm, y + 1.5 * mm + 1, text)
        canvas.setFont(font, 8 * lay.scale)
        canvas.setFillColor(GREY)
        canvas.drawString(lay.margin, lay.margin * 0.5, f"回执编号 {data.receipt_number}")
        canvas.drawRightString(w - lay.margin, lay.margin * 0.5, f"第 {doc.page} 页")
        canvas.restoreState()

    return draw


def page_template(tid: str, lay: Layout, story: list[Flowable], on_page) -> PageTemplate:
    top = lay.margin + (3 * mm * lay.scale if not lay.narrow else 0)
    bottom = lay.margin + (2 * mm if not lay.narrow else 0)
    if lay.height is None:  # a roll: exactly as long as the content (plus a little slack)
        height = top + story_height(story, lay.inner) + bottom + 4 * mm
    else:
        height = lay.height
    frame = Frame(lay.margin, bottom, lay.inner, height - top - bottom, id=tid,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    kw = {"onPage": on_page} if on_page else {}
    return PageTemplate(tid, frames=[frame], pagesize=(lay.width, height), **kw)



def notice_decor(data: ReceiptData, lay: Layout):
    font = register_cjk_font().name

    def draw(canvas: Canvas, doc) -> None:
        w, _ = canvas._pagesize
        canvas.saveState()
        canvas.setFont(font, 8 * lay.scale)
        canvas.setFillColor(GREY)
        canvas.drawString(lay.margin, lay.margin * 0.5, f"一次性告知书 · 回执编号 {data.receipt_number}")
        canvas.drawRightString(w - lay.margin, lay.margin * 0.5, f"第 {doc.page} 页")
        canvas.restoreState()

    return draw


