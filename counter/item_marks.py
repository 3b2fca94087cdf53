"""The clerk's marks on an item after the visit: 办理中 / 补正完成, 待领取, 已领取.

Beside the visit (counter.visits): the citizen sees the result at the kiosk (`counter.kiosk.status`).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from counter import audit
from counter.auth import Principal, require
from counter.db import reading
from counter.forms.spec import Text
from counter.kiosk.errors import StatusChangeError
from counter.kiosk.proof import visit_for_receipt
from counter.masking import mask_name
from counter.models import Item, ItemStatus, Role, User
from counter.visits import STATUS_LABELS, status_text

if TYPE_CHECKING:
    from counter.context import AppContext

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ClerkItem:
    id: int
    position: int
    code: str
    name: Text
    status: str
    status_text: Text
    promised_date: date | None
    changed_at: datetime | None
    changed_by: str | None


@dataclass(frozen=True)
class ClerkReceipt:
    receipt_number: str
    name_masked: str
    items: tuple[ClerkItem, ...]


# which status each mark may come from
_FROM = {
    # 需补正 → 办理中 when the citizen brings what was missing (补正完成)
    ItemStatus.IN_PROGRESS.value: (ItemStatus.ACCEPTED.value, ItemStatus.NEEDS_MATERIALS.value),
    ItemStatus.READY.value: (ItemStatus.ACCEPTED.value, ItemStatus.IN_PROGRESS.value),
    ItemStatus.COLLECTED.value: (ItemStatus.READY.value,),
}


def receipt_items(ctx: AppContext, receipt_number: str) -> ClerkReceipt:
    """A receipt's items for the clerk's status dialog."""
    with reading(ctx.sessions) as session:
        visit = visit_for_receipt(session, receipt_number)
        users = {u.id: u.display_name for u in session.scalars(select(User))}
        items = tuple(ClerkItem(
            id=item.id, position=item.position, code=item.procedure_code,
            name=(ctx.catalog.by_code[item.procedure_code].name if item.procedure_code in ctx.catalog.by_code
                  else Text(item.procedure_code, item.procedure_code)),
            status=item.status, status_text=status_text(item.status), promised_date=item.promised_date,
            changed_at=item.status_changed_at,
            changed_by=users.get(item.status_changed_by) if item.status_changed_by is not None else None)
            for item in visit.items)
        receipt = visit.receipt
        assert receipt is not None  # found through its receipt
        return ClerkReceipt(receipt.number, mask_name(visit.applicant_name), items)


def can_mark(status: str, target: str) -> bool:
    return status in _FROM[target]


def _mark(ctx: AppContext, item_id: int, principal: Principal | None, target: str) -> Item:
    principal = require(principal, Role.CLERK)
    now = ctx.clock.now()
    with ctx.sessions.begin() as session:
        item = session.get(Item, item_id)
        if item is None:
            raise StatusChangeError("没有该办理事项", f"No item {item_id}")
        if item.status == target:
            return _detached(session, item)  # pressing twice changes nothing
        if item.status not in _FROM[target]:
            now_zh, now_en = STATUS_LABELS.get(item.status, (item.status, item.status))
            to_zh, to_en = STATUS_LABELS[target]
            raise StatusChangeError(f"“{now_zh}”的事项不能标记为“{to_zh}”",
                                    f"An item that is {now_en.lower()} cannot become {to_en.lower()}")
        if item.status == ItemStatus.NEEDS_MATERIALS.value:  # the missing materials came in
            item.materials = {code: "received" for code in item.materials}
            item.status_reason = None
        item.status = target
        item.status_changed_at = now
        item.status_changed_by = principal.user_id
        audit.log(ctx, session, "item.status", f"item {item.id} ({item.procedure_code}) -> {target}",
                  principal=principal)
        log.info("item %s (%s) -> %s by %s", item.id, item.procedure_code, target, principal.username)
        return _detached(session, item)


def _detached(session, item: Item) -> Item:
    session.flush()
    session.refresh(item)
    session.expunge(item)
    return item


def mark_in_progress(ctx: AppContext, item_id: int, principal: Principal | None) -> Item:
    """办理中: being processed (from 受理, or from 需补正 once the missing materials are in)."""
    return _mark(ctx, item_id, principal, ItemStatus.IN_PROGRESS.value)


def mark_ready(ctx: AppContext, item_id: int, principal: Principal | None) -> Item:
    """待领取: the document is ready for collection (from 受理 or 办理中)."""
    return _mark(ctx, item_id, principal, ItemStatus.READY.value)


def mark_collected(ctx: AppContext, item_id: int, principal: Principal | None) -> Item:
    """已领取: the citizen took it (from 待领取)."""
    return _mark(ctx, item_id, principal, ItemStatus.COLLECTED.value)
