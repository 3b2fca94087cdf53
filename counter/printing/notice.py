"""The 一次性告知书 (one-time notice of everything missing, 行政许可法 art 32).

When an application lacks a required material, the citizen is told once, in writing, of
everything missing: each material, where to bring it, by when, and on what legal basis. It is
printed with the receipt (its own page in the same PDF, see ``receipt.render_receipt``) on the
same paper (A4, A5 or the 80 mm roll). Nothing is printed when nothing is missing, and "无" is
never listed as a missing material.
"""
from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Paragraph, Spacer, Table

from counter.printing.documents import ReceiptData
from counter.printing.fonts import register_cjk_font
from counter.printing.receipt_parts import (
    HEADER_FILL,
    Layout,
    SignLine,
    Title,
    fmt_date,
    fmt_datetime,
    grid,
    id_text,
    layout_for,
    markup,
    notice_decor,
    page_template,
    pairs,
    plain,
    rule,
    styles,
)

LAW = "《中华人民共和国行政许可法》第三十二条"


def missing_rows(data: ReceiptData) -> list[tuple[str, str]]:
    """(material, item name) for every missing required material, in item order."""
    rows = []
    for line in data.missing_lines:
        rows += [(m, line.name) for m in map(plain, line.materials_missing) if m]
    return rows


def _intro(data: ReceiptData) -> str:
    return (f"{markup(data.applicant_name)}（证件号码 {markup(id_text(data.id_number_masked))}）：<br/>"
            f"您于 {fmt_datetime(data.issued_at)} 申请办理的下列事项，申请材料不齐全。依据{LAW}，"
            "现将需要补正的全部材料一次性告知如下：")


def _closing(data: ReceiptData) -> list[str]:
    deadline = fmt_date(data.missing_deadline)
    place = data.submit_place or data.station_name
    return [
        f"补正期限：请于 <b>{deadline}</b> 前（含当日）补齐。",
        f"提交地点：{markup(place)}，携带本告知书和受理回执。",
        "补正材料齐全后，按承诺时限办理并告知办结日期；逾期未补正的，需重新提出申请。",
    ]


def _bases(data: ReceiptData) -> list[str]:
    out = [f"补正告知：{LAW}"]
    for line in data.missing_lines:
        if line.legal_basis:
            out.append(f"{markup(line.name)}：{markup(line.legal_basis)}")
    return out


def notice_story(data: ReceiptData, lay: Layout) -> list[Flowable]:
    """The notice's flowables for ``lay``; empty when nothing is missing."""
    rows = missing_rows(data)
    if not rows:
        return []
    st = styles(lay.scale)
    k = lay.scale
    w = lay.inner
    gap = Spacer(1, 2.5 * mm * k)
    title = 20 * k if not lay.narrow else 16
    story: list[Flowable] = [
        Paragraph(markup(data.station_name), st["station"]),
        Title("一次性告知书", title, char_space=4 * k),
        Paragraph(f"回执编号 {markup(data.receipt_number)}", st["hint_c"]),
        gap,
        Paragraph(_intro(data), st["body"]),
        gap,
    ]
    deadline = fmt_date(data.missing_deadline)
    if lay.narrow:
        for i, (material, item) in enumerate(rows, 1):
            story += [Paragraph(f"{i}. {markup(material)}", st["strong"]),
                      pairs([("所属事项", item), ("补正期限", deadline)], lay), Spacer(1, 1.5 * mm)]
    else:
        table_rows: list[list] = [["序号", "需补正材料", "所属事项", "补正期限"]]
        for i, (material, item) in enumerate(rows, 1):
            table_rows.append([str(i), Paragraph(markup(material), st["cell"]),
                               Paragraph(markup(item), st["cell"]), deadline])
        fixed = [11 * mm * k, 0, 50 * mm * k, 26 * mm * k]
        fixed[1] = w - sum(fixed)
        table = Table(table_rows, colWidths=fixed, repeatRows=1)
        table.setStyle(grid(k, ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                            ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                            ("ALIGN", (0, 1), (0, -1), "CENTER"),
                            ("ALIGN", (3, 1), (3, -1), "CENTER")))
        story.append(table)
    story.append(gap)
    story += [Paragraph(t, st["body"]) for t in _closing(data)]
    story += [gap, Paragraph("法律依据", st["section"])]
    story += [Paragraph(t, st["hint"]) for t in _bases(data)]
    story += [gap, rule(w), gap,
              Paragraph(f"告知人：{markup(data.clerk_name)}　　告知时间：{fmt_datetime(data.issued_at)}"
                        f"　　监督电话：{markup(data.complaints_phone)}", st["body"]),
              Spacer(1, 9 * mm * k), SignLine("申请人签收", w if lay.narrow else w * 0.5, k),
              Spacer(1, 6 * mm * k)]
    if not lay.narrow:
        story.append(Paragraph("受理单位（盖章）", st["right"]))
    return story


def render_notice(data: ReceiptData, paper: str = "A4") -> bytes | None:
    """The notice alone as PDF bytes (for a reprint of just the notice); None when nothing is
    missing."""
    lay = layout_for(paper)
    story = notice_story(data, lay)
    if not story:
        return None
    register_cjk_font()
    template = page_template("notice", lay, story, None if lay.narrow else notice_decor(data, lay))
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=template.pagesize, title=f"一次性告知书 {data.receipt_number}",
                          author=data.station_name, subject="一次性告知书",
                          creator="一窗通办 Counter", initialFontName=register_cjk_font().name,
                          pageCompression=1)
    doc.addPageTemplates([template])
    doc.build(story)
    return buf.getvalue()
