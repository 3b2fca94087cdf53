"""The acceptance receipt on an 80 mm thermal roll: one narrow column of label / value lines.

The page is exactly as long as its content (``receipt_parts.page_template``); `receipt.render_receipt`
chooses this layout for paper "80mm". The parts shared with the A4/A5 layout and the notice
(styles, texts, rules, sign lines) are in ``receipt.py``.
"""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from counter.printing.codes import Code128Flowable, QRFlowable
from counter.printing.documents import ReceiptData
from counter.printing.receipt_parts import (
    NOT_A_PAYMENT_RECEIPT,
    Layout,
    SignLine,
    Title,
    clerk_text,
    details,
    fmt_datetime,
    id_text,
    limits_text,
    markup,
    money,
    officer_text,
    pairs,
    plain,
    promised_text,
    rating_payload,
    rule,
    styles,
)


def narrow_story(data: ReceiptData, lay: Layout) -> list[Flowable]:
    st = styles(lay.scale)
    w = lay.inner
    gap = Spacer(1, 2 * mm)
    qr = 30 * mm
    story: list[Flowable] = [
        Paragraph(markup(data.station_name), st["station"]),
        Title("受理回执", 18, char_space=5),
    ]
    if data.reprint > 0:
        story.append(Paragraph(f"补打(第{data.reprint}次)", st["strong_c"]))
    story += [
        gap,
        Paragraph(markup(data.receipt_number), st["number_c"]),
        Spacer(1, 1 * mm),
        _Centred(Code128Flowable(data.receipt_number, bar_height=11 * mm, bar_width=0.30 * mm), w),
        Spacer(1, 1.5 * mm),
        _Centred(QRFlowable(data.qr_payload, qr, pad=1.5 * mm), w),
    ]
    if data.query_code:
        story.append(Paragraph(f"自助查询码：{markup(data.query_code)}", st["strong_c"]))
    rows = [("申请人", data.applicant_name), ("证件号码", id_text(data.id_number_masked)),
            ("联系电话", data.applicant_phone_masked or "—"), ("证件核验", data.identity_check or "—")]
    if data.proxy_name:
        rows += [("代办人", data.proxy_name), ("代办人证件", id_text(data.proxy_id_masked))]
    if data.ticket_code:
        rows.append(("排队号", data.ticket_code))
    story += [gap, rule(w), gap, pairs(rows, lay)]
    for i, line in enumerate(data.lines, 1):
        item = [("收费", f"¥{money(line.fee)}")]
        if line.fine is not None:
            item.append(("罚款", f"¥{money(line.fine)}（非收费）"))
        if line.surcharge is not None:
            item.append(("加处罚款", f"¥{money(line.surcharge)}（非收费）"))
        item += [("办理时限", limits_text(line)), ("承诺办结", promised_text(line)),
                 ("状态", line.status_label)]
        for fact in details(line):  # each "label：value"
            label, _, value = fact.partition("：")
            item.append((label, value))
        received = [m for m in map(plain, line.materials_received) if m]
        missing = [m for m in map(plain, line.materials_missing) if m]
        if received:
            item.append(("已收材料", "；".join(received)))
        if missing:
            item.append(("需补正", "；".join(missing)))
        story += [gap, rule(w, dash=True), Spacer(1, 1.5 * mm),
                  Paragraph(f"{i}. {markup(line.name)}（{markup(line.code)}）", st["strong"]),
                  Spacer(1, 1 * mm), pairs(item, lay)]
    totals = [("收费合计", f"¥{money(data.total)}（共 {len(data.lines)} 项）")]
    if data.has_fines:
        totals.append(("罚款合计", f"¥{money(data.fines_total)}（不计入收费）"))
    story += [gap, rule(w), gap, pairs(totals, lay)]
    if data.has_fines:
        story.append(Paragraph("罚款和加处罚款不是收费，请通过银行或电子缴款渠道缴纳。",
                               st["hint"]))
    if data.missing_lines:
        story.append(Paragraph("需补正的事项暂不承诺办结日期，详见所附《一次性告知书》。",
                               st["body"]))
    people = [("受理人", clerk_text(data))]
    if officer_text(data):
        people.append(("责任民警", officer_text(data)))
    people += [("受理窗口", data.window_name or "—"), ("受理时间", fmt_datetime(data.issued_at)),
               ("监督电话", data.complaints_phone)]
    story += [gap, rule(w), gap, pairs(people, lay), gap,
              Paragraph(markup(data.lookup_hint), st["hint"])]
    if data.rating_url:
        story += [gap, _Centred(QRFlowable(rating_payload(data), 22 * mm, pad=1 * mm), w),
                  Paragraph("扫码评价（好差评）", st["hint_c"])]
    else:
        story.append(Paragraph("好差评：请在大厅自助机“评价”中为本次服务评价。", st["hint"]))
    story += [gap, Paragraph(NOT_A_PAYMENT_RECEIPT, st["strong_c"]), Spacer(1, 8 * mm)]
    signers = ["申请人签名"] + (["代办人签名"] if data.proxy_name else [])
    for who in signers:
        story += [SignLine(who, w, lay.scale), Spacer(1, 7 * mm)]
    return story


class _Centred(Flowable):
    """Centres a fixed-size flowable in the frame's width."""

    def __init__(self, inner: Flowable, width: float) -> None:
        super().__init__()
        self.inner, self.width = inner, width
        self.height = inner.wrap(width, 10 ** 6)[1]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.inner.drawOn(self.canv, (self.width - self.inner.width) / 2, 0)
