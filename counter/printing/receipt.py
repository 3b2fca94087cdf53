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
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from counter.printing.codes import INK, Code128Flowable, QRFlowable, code128, draw_qr, qr_matrix
from counter.printing.documents import ReceiptData, ReceiptLine
from counter.printing.fonts import register_cjk_font
from counter.printing.receipt_parts import (
    HEADER_FILL,
    LAYOUTS,
    MISSING_FILL,
    NOT_A_PAYMENT_RECEIPT,
    RULE,
    Layout,
    Title,
    bare,
    clerk_text,
    details,
    fitted_text,
    fmt_datetime,
    grid,
    id_text,
    layout_for,
    limits_text,
    markup,
    money,
    notice_decor,
    officer_text,
    page_template,
    plain,
    promised_text,
    rating_payload,
    receipt_decor,
    rule,
    styles,
)

# --------------------------------------------------------------------------- wide (A4, A5)

def _header(data: ReceiptData, lay: Layout) -> list[Flowable]:
    st = styles(lay.scale)
    k = lay.scale
    qr_size = 25 * mm * k
    left: list[Flowable] = [
        Paragraph("回执编号 Receipt No.", st["label"]),
        Paragraph(markup(data.receipt_number), st["number"]),
        Spacer(1, 2 * mm * k),
        Code128Flowable(data.receipt_number, bar_height=11 * mm * k, bar_width=0.34 * mm),
    ]
    if data.query_code:
        left += [Spacer(1, 1.5 * mm * k),
                 Paragraph(f"自助查询码：<font size={13 * k:.1f}>{markup(data.query_code)}</font>",
                           st["body"])]
    head = Table([[left, QRFlowable(data.qr_payload, qr_size, pad=2 * mm * k)]],
                 colWidths=[lay.inner - qr_size - 4 * mm * k, qr_size + 4 * mm * k])
    head.setStyle(bare(k, ("ALIGN", (1, 0), (1, 0), "RIGHT")))
    return [
        Paragraph(markup(data.station_name), st["station"]),
        Title("受理回执", 22 * k, char_space=8 * k),
        Spacer(1, 2 * mm * k),
        head,
        Spacer(1, 3 * mm * k),
    ]


def _applicant(data: ReceiptData, lay: Layout) -> Table:
    st = styles(lay.scale)
    k = lay.scale
    rows = [
        ["申请人", fitted_text(data.applicant_name, st["cell"], 12),
         "证件号码", id_text(data.id_number_masked)],
        ["联系电话", data.applicant_phone_masked or "—", "排队号", data.ticket_code or "—"],
        ["证件核验", data.identity_check or "—", "", ""],
    ]
    if data.proxy_name:
        rows.append(["代办人", fitted_text(data.proxy_name, st["cell"], 12),
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
            Paragraph(f"{markup(line.name)}<br/><font size={7.5 * k:.1f} color='#595959'>"
                      f"{markup(line.code)}</font>", st["cell"]),
            money(line.fee),
            Paragraph(markup(limits_text(line)).replace(" / ", "<br/>"), st["cell_c"]),
            promised_text(line),
            fitted_text(line.status_label, st["cell_c"], 5),
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
        rows.append([str(i), Paragraph(markup(line.name), st["cell"]),
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
        out.append("；".join(markup(f) for f in facts))
    received = [m for m in map(plain, line.materials_received) if m]
    missing = [m for m in map(plain, line.materials_missing) if m]
    if received:
        out.append("已收材料：" + "　".join(f"√{markup(m)}" for m in received))
    if missing:
        out.append("<font color='black'>需补正材料：" + "　".join(f"【需补正】{markup(m)}" for m in missing)
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
    info = Table([[Paragraph(markup(people[0]), st["body"]), Paragraph(markup(people[1]), st["body"])],
                  [Paragraph(markup(people[2]), st["body"]), Paragraph(markup(people[3]), st["body"])]],
                 colWidths=[left_w / 2, left_w / 2])
    info.setStyle(bare(k, ("BOTTOMPADDING", (0, 0), (-1, -1), 1)))
    notes: list[Flowable] = [
        info,
        Spacer(1, 1 * mm * k),
        Paragraph(f"监督电话：<font size={11 * k:.1f}>{markup(data.complaints_phone)}</font>"
                  f"　　<b>{NOT_A_PAYMENT_RECEIPT}</b>（收费以财政票据为准）", st["body"]),
        Paragraph("温馨提示：" + markup(data.lookup_hint), st["hint"]),
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
    return [Spacer(1, 3 * mm * k), KeepTogether([rule(w), Spacer(1, 2 * mm * k), block,
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
    templates = [page_template("receipt", lay, story, None if lay.narrow else receipt_decor(data, lay))]
    if with_notice and data.missing_lines:
        notice = notice_story(data, lay)
        templates.append(page_template("notice", lay, notice, None if lay.narrow else
                                   notice_decor(data, lay)))
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


__all__ = [
    "render_receipt", "draw_qr", "qr_matrix", "code128", "QRFlowable", "Code128Flowable",
    "money", "fmt_datetime", "ReceiptData", "ReceiptLine", "LAYOUTS", "Layout", "layout_for",
    "NOT_A_PAYMENT_RECEIPT",
]
