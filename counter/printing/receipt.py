"""The acceptance receipt (受理回执) as a PDF for A4, A5 or an 80 mm thermal roll.

One receipt per visit lists every item. The receipt number is printed in large type, as a
Code128 barcode (for the hall's scanners) and as a QR code (for phones and the kiosk camera;
it carries the kiosk query code too when there is one). The Chinese text is drawn with an
embedded subset of a TrueType font (see ``fonts.py``); codes are vectors.

What a real 受理回执 carries is all here: committed and statutory time limits, pick-up method,
place and what to bring, the responsible officer when the clerk is an auxiliary, the deciding
brigade of traffic items, the proxy's masked ID and signature line, the applicant's masked
phone, the complaints number and a rating QR, fines apart from fees and "本回执不作收费凭证".
Items with missing materials get no promised date; the 一次性告知书 (``notice.py``) follows the
receipt in the same PDF. The last four characters of an ID number are never printed: they are
the kiosk's status secret.

Layouts: A4 and A5 (tables, here), 80 mm (one narrow column, ``receipt_roll.py``; the page is
exactly as long as its content, and its size is explicit so CUPS does not print it on A4).
The barcode and the QR codes (functions and flowables) are ``codes.py``.
"""
from __future__ import annotations

import io
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
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, KeepTogether, NextPageTemplate,
                                PageBreak, PageTemplate, Paragraph, Spacer, Table, TableStyle)

from counter.printing.codes import INK, Code128Flowable, QRFlowable, code128, draw_qr, qr_matrix
from counter.printing.documents import NOTHING, ReceiptData, ReceiptLine, hide_id_tail
from counter.printing.fonts import register_cjk_font

PAGE_SIZE = A4
MARGIN = 16 * mm
GREY = colors.Color(0.35, 0.35, 0.35)
RULE = colors.Color(0.55, 0.55, 0.55)
HEADER_FILL = colors.Color(0.90, 0.90, 0.90)
MISSING_FILL = colors.Color(0.94, 0.94, 0.94)
NOT_A_PAYMENT_RECEIPT = "本回执不作收费凭证"


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



def _plain(text: str | None) -> str:
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


def _text(value: str, style: ParagraphStyle, fits: int) -> str | Paragraph:
    """Plain strings are drawn much faster than Paragraphs; wrap only what may not fit."""
    return value if len(value) <= fits else Paragraph(_p(value), style)


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


# --------------------------------------------------------------------------- wide (A4, A5)

def _header(data: ReceiptData, lay: Layout) -> list[Flowable]:
    st = styles(lay.scale)
    k = lay.scale
    qr_size = 25 * mm * k
    left: list[Flowable] = [
        Paragraph("回执编号 Receipt No.", st["label"]),
        Paragraph(_p(data.receipt_number), st["number"]),
        Spacer(1, 2 * mm * k),
        Code128Flowable(data.receipt_number, bar_height=11 * mm * k, bar_width=0.34 * mm),
    ]
    if data.query_code:
        left += [Spacer(1, 1.5 * mm * k),
                 Paragraph(f"自助查询码：<font size={13 * k:.1f}>{_p(data.query_code)}</font>",
                           st["body"])]
    head = Table([[left, QRFlowable(data.qr_payload, qr_size, pad=2 * mm * k)]],
                 colWidths=[lay.inner - qr_size - 4 * mm * k, qr_size + 4 * mm * k])
    head.setStyle(bare(k, ("ALIGN", (1, 0), (1, 0), "RIGHT")))
    return [
        Paragraph(_p(data.station_name), st["station"]),
        _Title("受理回执", 22 * k, char_space=8 * k),
        Spacer(1, 2 * mm * k),
        head,
        Spacer(1, 3 * mm * k),
    ]


def _applicant(data: ReceiptData, lay: Layout) -> Table:
    st = styles(lay.scale)
    k = lay.scale
    rows = [
        ["申请人", _text(data.applicant_name, st["cell"], 12),
         "证件号码", id_text(data.id_number_masked)],
        ["联系电话", data.applicant_phone_masked or "—", "排队号", data.ticket_code or "—"],
        ["证件核验", data.identity_check or "—", "", ""],
    ]
    if data.proxy_name:
        rows.append(["代办人", _text(data.proxy_name, st["cell"], 12),
                     "代办人证件", id_text(data.proxy_id_masked)])
    label_w = 20 * mm * k
    value_w = (lay.inner - 2 * label_w) / 2
    table = Table(rows, colWidths=[label_w, value_w, label_w, value_w])
    table.setStyle(grid(k, ("BACKGROUND", (0, 0), (0, -1), HEADER_FILL),
                        ("BACKGROUND", (2, 0), (2, -1), HEADER_FILL), box=False))
    return table


def _items(data: ReceiptData, lay: Layout) -> Table:
    st = styles(lay.scale)
    k = lay.scale
    rows: list[list] = [["序号", "办理事项", "收费(元)", "办理时限", "承诺办结", "状态"]]
    extra: list[tuple] = []
    for i, line in enumerate(data.lines, 1):
        rows.append([
            str(i),
            Paragraph(f"{_p(line.name)}<br/><font size={7.5 * k:.1f} color='#595959'>"
                      f"{_p(line.code)}</font>", st["cell"]),
            money(line.fee),
            Paragraph(_p(limits_text(line)).replace(" / ", "<br/>"), st["cell_c"]),
            promised_text(line),
            _text(line.status_label, st["cell_c"], 5),
        ])
        facts = _detail_lines(line)
        if facts:
            r = len(rows)
            rows.append(["", Paragraph("<br/>".join(facts), st["detail"]), "", "", "", ""])
            extra += [("SPAN", (1, r), (-1, r)), ("SPAN", (0, r - 1), (0, r)),
                      ("TOPPADDING", (0, r), (-1, r), 1), ("LINEABOVE", (1, r), (-1, r), 0.3, RULE)]
            if line.has_missing:
                extra.append(("BACKGROUND", (1, r), (-1, r), MISSING_FILL))
    rows.append(["合计", f"共 {len(data.lines)} 项（收费）", money(data.total), "", "", ""])
    fixed = [10 * mm * k, 0, 20 * mm * k, 27 * mm * k, 23 * mm * k, 18 * mm * k]
    fixed[1] = lay.inner - sum(fixed)
    table = Table(rows, colWidths=fixed, repeatRows=1)
    last = len(rows) - 1
    table.setStyle(grid(
        k,
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (2, 1), (2, -1), "RIGHT"),
        ("ALIGN", (4, 1), (5, -1), "CENTER"),
        ("LINEABOVE", (0, last), (-1, last), 1.0, INK),
        ("SPAN", (3, last), (5, last)),
        *extra,
    ))
    return table


def _fines(data: ReceiptData, lay: Layout) -> list[Flowable]:
    """Fines and late surcharges, apart from the fees: they are not fees (行政处罚法 art 72)."""
    if not data.has_fines:
        return []
    st = styles(lay.scale)
    k = lay.scale
    rows: list[list] = [["序号", "罚款事项（罚款不属收费）", "罚款(元)", "加处罚款(元)", "小计(元)"]]
    for i, line in enumerate(data.lines, 1):
        if line.fine is None and line.surcharge is None:
            continue
        fine, surcharge = line.fine or Decimal("0"), line.surcharge or Decimal("0")
        rows.append([str(i), Paragraph(_p(line.name), st["cell"]),
                     money(fine) if line.fine is not None else "—",
                     money(surcharge) if line.surcharge is not None else "—",
                     money(fine + surcharge)])
    rows.append(["合计", "罚款及加处罚款", "", "", money(data.fines_total)])
    fixed = [10 * mm * k, 0, 24 * mm * k, 26 * mm * k, 24 * mm * k]
    fixed[1] = lay.inner - sum(fixed)
    table = Table(rows, colWidths=fixed)
    last = len(rows) - 1
    table.setStyle(grid(k, ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                        ("ALIGN", (0, 0), (-1, 0), "CENTER"), ("ALIGN", (0, 1), (0, -1), "CENTER"),
                        ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                        ("LINEABOVE", (0, last), (-1, last), 1.0, INK)))
    return [Spacer(1, 2.5 * mm * k), table, Spacer(1, 1 * mm * k),
            Paragraph("罚款和加处罚款不是收费，不计入上方收费合计；请通过银行或电子缴款渠道缴纳，"
                      "以缴款凭证为准。", st["hint"])]


def _detail_lines(line: ReceiptLine) -> list[str]:
    """The item's detail row (markup): pick-up, brigade, validity, then the materials."""
    out = []
    facts = details(line)
    if facts:
        out.append("；".join(_p(f) for f in facts))
    received = [m for m in map(_plain, line.materials_received) if m]
    missing = [m for m in map(_plain, line.materials_missing) if m]
    if received:
        out.append("已收材料：" + "　".join(f"√{_p(m)}" for m in received))
    if missing:
        out.append("<font color='black'>需补正材料：" + "　".join(f"【需补正】{_p(m)}" for m in missing)
                   + "</font>")
    return out


def _materials(data: ReceiptData, lay: Layout) -> list[Flowable]:
    if not data.missing_lines:
        return []
    st = styles(lay.scale)
    return [Spacer(1, 1.5 * mm * lay.scale), Paragraph(
        "标注【需补正】的事项暂不承诺办结日期；需补正的全部材料、提交地点和期限见所附"
        "《一次性告知书》。", st["body"])]


def _footer(data: ReceiptData, lay: Layout) -> list[Flowable]:
    st = styles(lay.scale)
    k = lay.scale
    w = lay.inner
    officer = officer_text(data)
    people = [f"受理人：{clerk_text(data)}", f"责任民警：{officer}" if officer else "",
              f"受理窗口：{data.window_name or '—'}", f"受理时间：{fmt_datetime(data.issued_at)}"]
    qr = 19 * mm * k if data.rating_url else 0
    left_w = w - qr - (6 * mm * k if qr else 0)
    info = Table([[Paragraph(_p(people[0]), st["body"]), Paragraph(_p(people[1]), st["body"])],
                  [Paragraph(_p(people[2]), st["body"]), Paragraph(_p(people[3]), st["body"])]],
                 colWidths=[left_w / 2, left_w / 2])
    info.setStyle(bare(k, ("BOTTOMPADDING", (0, 0), (-1, -1), 1)))
    notes: list[Flowable] = [
        info,
        Spacer(1, 1 * mm * k),
        Paragraph(f"监督电话：<font size={11 * k:.1f}>{_p(data.complaints_phone)}</font>"
                  f"　　<b>{NOT_A_PAYMENT_RECEIPT}</b>（收费以财政票据为准）", st["body"]),
        Paragraph("温馨提示：" + _p(data.lookup_hint), st["hint"]),
    ]
    if qr:
        rating = [QRFlowable(rating_payload(data), qr, pad=1.5 * mm * k),
                  Paragraph("扫码评价（好差评）", st["small"])]
        block = Table([[notes, rating]], colWidths=[left_w, w - left_w])
        block.setStyle(bare(k, ("ALIGN", (1, 0), (1, 0), "CENTER"),
                            ("VALIGN", (0, 0), (0, 0), "TOP")))
    else:
        notes.append(Paragraph("好差评：请在大厅自助机“评价”中为本次服务评价。", st["hint"]))
        block = Table([[notes]], colWidths=[w])
        block.setStyle(bare(k))
    # the people, the notes and the signatures stay on one page
    return [Spacer(1, 3 * mm * k), KeepTogether([_rule(w), Spacer(1, 2 * mm * k), block,
                                                 *_signatures(data, lay)])]


def _signatures(data: ReceiptData, lay: Layout) -> list[Flowable]:
    k = lay.scale
    w = lay.inner
    font = register_cjk_font().name
    cells = ["申请人签名：", ""]
    widths = [w * 0.14, w * 0.24]
    if data.proxy_name:
        cells += ["　代办人签名：", ""]
        widths += [w * 0.16, w * 0.22]
    cells.append("受理单位（盖章）")
    widths.append(w - sum(widths))
    sign = Table([cells], colWidths=widths, rowHeights=[12 * mm * k])
    lines = [("LINEBELOW", (1, 0), (1, 0), 0.6, INK)]
    if data.proxy_name:
        lines.append(("LINEBELOW", (3, 0), (3, 0), 0.6, INK))
    sign.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 9.5 * k, 13 * k),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                              ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                              ("ALIGN", (-1, 0), (-1, 0), "RIGHT"), *lines]))
    return [sign]


class _Rule(Flowable):
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


def _rule(width: float, dash: bool = False) -> _Rule:
    return _Rule(width, dash=dash)


def _wide_story(data: ReceiptData, lay: Layout) -> list[Flowable]:
    st = styles(lay.scale)
    k = lay.scale
    return [
        *_header(data, lay),
        _applicant(data, lay),
        Spacer(1, 4 * mm * k),
        Paragraph("受理事项", st["section"]),
        Spacer(1, 1.5 * mm * k),
        _items(data, lay),
        *_fines(data, lay),
        *_materials(data, lay),
        *_footer(data, lay),
    ]


# --------------------------------------------------------------------------- shared by the layouts and the notice

def pairs(rows: list[tuple[str, str]], lay: Layout, label_w: float = 17 * mm) -> Table:
    """Label / value lines for the narrow roll; values wrap under themselves."""
    st = styles(lay.scale)
    data = [[Paragraph(_p(label), st["hint"]), Paragraph(_p(value), st["body"])]
            for label, value in rows]
    table = Table(data, colWidths=[label_w, lay.inner - label_w])
    table.setStyle(bare(lay.scale, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 1)))
    return table


class _SignLine(Flowable):
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


def _on_page(data: ReceiptData, lay: Layout):
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


def _template(tid: str, lay: Layout, story: list[Flowable], on_page) -> PageTemplate:
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


def receipt_story(data: ReceiptData, lay: Layout) -> list[Flowable]:
    if lay.narrow:
        from counter.printing.receipt_roll import narrow_story  # it builds on this module's parts

        return narrow_story(data, lay)
    return _wide_story(data, lay)


def render_receipt(data: ReceiptData, paper: str = "A4", *, with_notice: bool = True) -> bytes:
    """The acceptance receipt of one visit as PDF bytes, laid out for ``paper`` (A4, A5, 80mm).

    When an item misses a required material, the 一次性告知书 follows on its own page in the
    same PDF (one print job), unless ``with_notice`` is false.
    """
    from counter.printing.notice import notice_story

    register_cjk_font()
    lay = layout_for(paper)
    story = receipt_story(data, lay)
    templates = [_template("receipt", lay, story, None if lay.narrow else _on_page(data, lay))]
    if with_notice and data.missing_lines:
        notice = notice_story(data, lay)
        templates.append(_template("notice", lay, notice, None if lay.narrow else
                                   _notice_page(data, lay)))
        story = story + [NextPageTemplate("notice"), PageBreak()] + notice
    buf = io.BytesIO()
    first_size = templates[0].pagesize
    doc = BaseDocTemplate(
        buf, pagesize=first_size, leftMargin=lay.margin, rightMargin=lay.margin,
        topMargin=lay.margin, bottomMargin=lay.margin,
        title=f"受理回执 {data.receipt_number}", author=data.station_name,
        subject="受理回执", creator="一窗通办 Counter", initialFontName=register_cjk_font().name,
        pageCompression=1,
    )
    doc.addPageTemplates(templates)
    doc.build(story)
    return buf.getvalue()


def _notice_page(data: ReceiptData, lay: Layout):
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


__all__ = [
    "render_receipt", "draw_qr", "qr_matrix", "code128", "QRFlowable", "Code128Flowable",
    "money", "ReceiptData", "ReceiptLine", "LAYOUTS", "Layout", "layout_for",
    "NOT_A_PAYMENT_RECEIPT",
]
