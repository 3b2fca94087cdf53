"""进度查询 by receipt: what the kiosk may show about one receipt, masked and bilingual."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from counter.clock import local
from counter.db import reading
from counter.forms.spec import Text
from counter.kiosk.proof import prove
from counter.masking import mask_name
from counter.models import Item, ItemStatus, Visit
from counter.visits import status_text

if TYPE_CHECKING:
    from counter.context import AppContext


@dataclass(frozen=True)
class ItemView:
    code: str
    name: Text
    status: str
    status_text: Text
    reason: str | None  # why it was rejected (or what needs correcting), as the clerk wrote it
    missing: tuple[Text, ...]  # materials still to bring (needs_materials)
    promised_date: date | None


@dataclass(frozen=True)
class StatusView:
    """What the kiosk may show about one receipt: masked, bilingual, nothing else."""

    receipt_number: str
    name_masked: str
    accepted_on: date
    items: tuple[ItemView, ...]


def _item_view(ctx: AppContext, item: Item) -> ItemView:
    procedure = ctx.catalog.by_code.get(item.procedure_code)
    names = {m.code: m.name for m in procedure.materials} if procedure else {}
    missing = tuple(names.get(code, Text(code, code)) for code, state in (item.materials or {}).items()
                    if state == "missing")
    show_missing = item.status == ItemStatus.NEEDS_MATERIALS.value
    show_reason = item.status in (ItemStatus.REJECTED.value, ItemStatus.NEEDS_MATERIALS.value)
    return ItemView(
        code=item.procedure_code,
        name=procedure.name if procedure else Text(item.procedure_code, item.procedure_code),
        status=item.status,
        status_text=status_text(item.status),
        reason=item.status_reason if show_reason else None,
        missing=missing if show_missing else (),
        promised_date=item.promised_date if item.status not in (
            ItemStatus.REJECTED.value, ItemStatus.CANCELLED.value) else None,
    )


def lookup_status(ctx: AppContext, receipt_number: str, proof: str) -> StatusView:
    """The items of a receipt, if `proof` (its query code or the ID's last four) is right.

    Raises WrongProof (with tries left; also for a number that does not exist), ReceiptLocked
    or TerminalLocked.
    """
    visit_id = prove(ctx, receipt_number, proof, "status")
    with reading(ctx.sessions) as session:
        visit = session.get_one(Visit, visit_id)
        receipt = visit.receipt
        assert receipt is not None  # prove() found the visit through its receipt
        return StatusView(receipt_number=receipt.number, name_masked=mask_name(visit.applicant_name),
                          accepted_on=local(receipt.issued_at).date(),
                          items=tuple(_item_view(ctx, item) for item in visit.items))
