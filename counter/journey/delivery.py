"""邮寄 (送证上门): a document the applicant asked to receive by post.

The pick-up choice `pickup = "post"` exists on some procedures' forms (ID cards, licences); the
form's `post_address` is free text. Before posting, the clerk records the address checked
against the GB/T 2260 division codes (resources/divisions/gb2260.csv): a district that exists
today, in a city and a province that exist (the street and house number stay free text), the
recipient and their phone, and the station's postage (a setting, Decimal). When the envelope
leaves, `mark_sent` stores the tracking number: the item becomes 已寄出 (`posted`), its
notice trail is closed and a "posted, tracking number …" notice is queued.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from counter import audit
from counter.auth import Principal
from counter.db import reading
from counter.forms.id_checks import division_table  # the one loader of the division table
from counter.journey import notices
from counter.journey import settings as journey_settings
from counter.journey.common import JourneyError, acting, by_post
from counter.models import Delivery, Item, ItemStatus, Receipt
from counter.visits import STATUS_LABELS

TRACKING = re.compile(r"[A-Za-z0-9-]{6,40}")
PHONE = re.compile(r"1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}")


# ------------------------------------------------------------------------------ division codes


def _current(code: str) -> str | None:
    """The name of a code in use today (None: unknown or abolished)."""
    names = [n for n, _since, until in division_table().get(code, ()) if until == 9999]
    return names[-1] if names else None


def provinces() -> list[tuple[str, str]]:
    return sorted((c, n) for c in division_table() if c.endswith("0000") and (n := _current(c)))


def cities(province: str) -> list[tuple[str, str]]:
    return sorted((c, n) for c in division_table() if c[:2] == province[:2] and c.endswith("00")
                  and not c.endswith("0000") and (n := _current(c)))


def districts(city: str) -> list[tuple[str, str]]:
    return sorted((c, n) for c in division_table() if c[:4] == city[:4] and not c.endswith("00") and (n := _current(c)))


def check_district(code: str) -> tuple[str, str, str]:
    """(province, city, district) names of a district code in use; raises JourneyError."""
    code = (code or "").strip()
    if not re.fullmatch(r"[0-9]{6}", code) or code.endswith("00"):
        raise JourneyError("请选择省、市、区（县）", "Choose the province, city and district")
    district = _current(code)
    province = _current(code[:2] + "0000")
    city = _current(code[:4] + "00")
    if district is None or province is None or city is None:
        raise JourneyError(f"行政区划代码 {code} 不存在或已撤销",
                           f"Division code {code} does not exist (or was abolished)")
    return province, city, district


def full_address(code: str, street: str) -> str:
    province, city, district = check_district(code)
    parts = [province] + ([] if city in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划") else [city])
    return "".join(parts) + district + street


# ------------------------------------------------------------------------------------ service


@dataclass(frozen=True)
class PostItem:
    item_id: int
    code: str
    status: str
    status_text: str
    form_address: str
    division_code: str | None
    address: str | None
    recipient: str | None
    phone: str | None
    postage: Decimal | None
    tracking_number: str | None
    posted_at: datetime | None


@dataclass(frozen=True)
class PostReceipt:
    receipt_number: str
    applicant_name: str
    applicant_phone: str
    postage_setting: Decimal
    items: tuple[PostItem, ...]


def _post_items(session, number: str) -> tuple[Receipt, list[Item]]:
    receipt = session.scalar(select(Receipt).where(Receipt.number == number.strip().upper()))
    if receipt is None:
        raise JourneyError(f"回执号 {number} 不存在", f"No receipt numbered {number}")
    items = [i for i in receipt.visit.items if by_post(i)]
    if not items:
        raise JourneyError(f"回执 {receipt.number} 没有选择邮寄的事项", f"Receipt {receipt.number} has no item to post")
    return receipt, items


def view(ctx, receipt_number: str) -> PostReceipt:
    with reading(ctx.sessions) as session:
        receipt, items = _post_items(session, receipt_number)
        postage = journey_settings.load_in(session, receipt.station_id).postage
        rows = []
        for item in items:
            d = session.scalar(select(Delivery).where(Delivery.item_id == item.id))
            rows.append(PostItem(
                item.id, item.procedure_code, item.status, STATUS_LABELS.get(item.status, (item.status,))[0],
                str((item.values or {}).get("post_address") or ""),
                d.division_code if d else None, d.address if d else None, d.recipient if d else None,
                d.phone if d else None, d.postage if d else None, d.tracking_number if d else None,
                d.posted_at if d else None))
        visit = receipt.visit
        return PostReceipt(receipt.number, visit.applicant_name, visit.applicant_phone, postage, tuple(rows))


def record_address(ctx, receipt_number: str, division_code: str, street: str, *, recipient: str = "",
                   phone: str = "", principal: Principal | None = None) -> int:
    """Record (or correct) the checked address of the receipt's post items; returns how many."""
    who = acting(ctx, principal)
    check_district(division_code)
    street = " ".join((street or "").split())
    if not 2 <= len(street) <= 150:
        raise JourneyError("请填写街道、门牌号（2–150字）", "Type the street and house number (2–150 characters)")
    now = ctx.clock.now()
    with ctx.sessions.begin() as session:
        receipt, items = _post_items(session, receipt_number)
        visit = receipt.visit
        recipient = (recipient or visit.applicant_name).strip()[:64]
        phone = (phone or visit.applicant_phone).strip()
        if not PHONE.fullmatch(phone):
            raise JourneyError("收件人电话号码不正确", "The recipient's phone number is not valid")
        postage = journey_settings.load_in(session, receipt.station_id).postage
        open_items = [i for i in items if i.status not in (ItemStatus.POSTED.value, ItemStatus.COLLECTED.value,
                                                          ItemStatus.REJECTED.value, ItemStatus.CANCELLED.value)]
        if not open_items:
            raise JourneyError("该回执的邮寄事项已寄出或已结束",
                               "The receipt's post items were posted or closed already")
        for item in open_items:
            row = session.scalar(select(Delivery).where(Delivery.item_id == item.id))
            if row is None:
                row = Delivery(station_id=receipt.station_id, item_id=item.id, recorded_at=now, postage=postage)
                session.add(row)
            row.division_code, row.address, row.recipient, row.phone = division_code, street, recipient, phone
            row.clerk_id = who.user_id if who else None
        audit.log(ctx, session, "delivery.address", f"receipt={receipt.number} division={division_code} "
                  f"items={len(open_items)}", principal=who)
        return len(open_items)


def mark_sent(ctx, receipt_number: str, tracking: str, principal: Principal | None = None) -> int:
    """The envelope left: the receipt's ready post items become 已寄出; returns how many."""
    who = acting(ctx, principal)
    tracking = (tracking or "").strip().upper()
    if not TRACKING.fullmatch(tracking):
        raise JourneyError("运单号应为 6–40 位字母或数字", "A tracking number is 6–40 letters or digits")
    now = ctx.clock.now()
    with ctx.sessions.begin() as session:
        receipt, items = _post_items(session, receipt_number)
        items = [session.get(Item, i.id, with_for_update=True, populate_existing=True) for i in items]
        if all(i.status == ItemStatus.POSTED.value for i in items):
            raise JourneyError(f"回执 {receipt.number} 的证件已寄出", f"Receipt {receipt.number} was posted already")
        ready = [i for i in items if i.status == ItemStatus.READY.value]
        if not ready:
            zh, en = STATUS_LABELS.get(items[0].status, (items[0].status, items[0].status))
            raise JourneyError(f"证件尚未到证（{zh}），不能寄出", f"The document has not arrived yet ({en.lower()})")
        for item in ready:
            row = session.scalar(select(Delivery).where(Delivery.item_id == item.id))
            if row is None:
                raise JourneyError("请先登记并核对邮寄地址", "Record and check the postal address first")
            row.tracking_number, row.posted_at = tracking, now
            item.status, item.status_changed_at = ItemStatus.POSTED.value, now
            item.status_changed_by = who.user_id if who else None
        notices.close_trail(session, [i.id for i in ready], now)
        for item in ready:
            notices.queue_in(ctx, session, item, "posted", tracking=tracking)
        audit.log(ctx, session, "delivery.sent", f"receipt={receipt.number} tracking={tracking} items={len(ready)}",
                  principal=who)
        return len(ready)
