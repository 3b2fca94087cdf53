"""The citizen guide (办事指南) of one or several procedures as an A4 PDF.

One procedure per page (it flows on to further pages only if its text is very long); several
procedures make a booklet.
"""
from __future__ import annotations

import io
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from counter.printing.documents import GuideData
from counter.printing.fonts import register_cjk_font

PAGE_SIZE = A4
MARGIN = 20 * mm
GREY = colors.Color(0.35, 0.35, 0.35)
RULE = colors.Color(0.55, 0.55, 0.55)
HEADER_FILL = colors.Color(0.90, 0.90, 0.90)


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    font = register_cjk_font().name
    base = ParagraphStyle("guide", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK")

    def s(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "kicker": s("g_kicker", fontSize=9.5, leading=13, textColor=GREY, alignment=TA_CENTER),
        "title": s("g_title", fontSize=20, leading=26, alignment=TA_CENTER, spaceBefore=2),
        "subtitle": s("g_subtitle", fontSize=10, leading=14, textColor=GREY,
                      alignment=TA_CENTER),
        "section": s("g_section", fontSize=12, leading=16, spaceBefore=9, spaceAfter=3),
        "body": s("g_body", firstLineIndent=21),
        "plain": s("g_plain"),
        "cell": s("g_cell", fontSize=10, leading=14),
        "cell_c": s("g_cell_c", fontSize=10, leading=14, alignment=TA_CENTER),
    }


def _e(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def _section(title: str) -> Flowable:
    st = _styles()
    # A small filled mark before the heading, like printed government guides.
    return Paragraph(f"<font color='#444444'>■</font> {escape(title)}", st["section"])


def _materials(materials: tuple[tuple[str, str], ...], width: float) -> Flowable:
    st = _styles()
    if not materials:
        return Paragraph("无需提交材料。", st["plain"])
    rows: list[list] = [["序号", "材料名称", "要求"]]
    for i, (name, note) in enumerate(materials, 1):
        rows.append([f"{i}.", Paragraph(_e(name), st["cell"]), Paragraph(_e(note), st["cell"])])
    num_w = 14 * mm
    table = Table(rows, colWidths=[num_w, (width - num_w) * 0.55, (width - num_w) * 0.45],
                  repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), register_cjk_font().name, 10, 14),
        ("GRID", (0, 0), (-1, -1), 0.6, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return table


def _facts(page: GuideData, width: float) -> Flowable:
    st = _styles()
    label_w = 26 * mm
    rows = [
        ["收费标准", Paragraph(_e(page.fee or "不收费"), st["cell"])],
        ["办理时限", Paragraph(_e(page.time_limit or "—"), st["cell"])],
        ["办理地点", Paragraph(_e(page.where or "—"), st["cell"])],
    ]
    table = Table(rows, colWidths=[label_w, width - label_w])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), register_cjk_font().name, 10, 14),
        ("GRID", (0, 0), (-1, -1), 0.6, RULE),
        ("BACKGROUND", (0, 0), (0, -1), HEADER_FILL),
        ("ALIGN", (0, 0), (0, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return table


def _procedure(page: GuideData, width: float) -> list[Flowable]:
    st = _styles()
    kicker = " · ".join(x for x in (page.group, page.code) if x)
    out: list[Flowable] = [
        Paragraph("办 事 指 南", st["kicker"]),
        Paragraph(_e(page.name), st["title"]),
    ]
    if page.name_en:
        out.append(Paragraph(_e(page.name_en), st["subtitle"]))
    out.append(Paragraph(_e(kicker), st["subtitle"]))
    rule = Table([[""]], colWidths=[width], rowHeights=[2 * mm])
    rule.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), register_cjk_font().name, 10),
                              ("LINEBELOW", (0, 0), (-1, -1), 1.2, colors.black)]))
    out += [rule, Spacer(1, 2 * mm)]
    out += [_section("设定依据"), Paragraph(_e(page.legal_basis or "—"), st["plain"])]
    out += [_section("办理须知"), Paragraph(_e(page.guide or "—"), st["body"])]
    out += [_section("申请材料"), _materials(page.materials, width)]
    out += [CondPageBreak(40 * mm),
            KeepTogether([_section("收费、时限与地点"), _facts(page, width)])]
    return out


def render_guide(pages: list[GuideData]) -> bytes:
    """The guide of each procedure on its own A4 page(s), as one PDF."""
    font = register_cjk_font().name
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf, pagesize=PAGE_SIZE, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN, bottomMargin=MARGIN,
        title="办事指南" + ("：" + pages[0].name if len(pages) == 1 else ""),
        subject="办事指南", creator="一窗通办 Counter", initialFontName=font,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def footer(canvas, doc_) -> None:
        canvas.saveState()
        canvas.setFont(font, 8.5)
        canvas.setFillColor(GREY)
        canvas.drawCentredString(PAGE_SIZE[0] / 2, MARGIN * 0.5, f"— {doc_.page} —")
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate("guide", frames=[frame], onPage=footer)])
    story: list[Flowable] = []
    for i, page in enumerate(pages):
        if i:
            story.append(PageBreak())
        story += _procedure(page, doc.width)
    if not story:
        story.append(Paragraph("（无办事指南）", _styles()["plain"]))
    doc.build(story)
    return buf.getvalue()
