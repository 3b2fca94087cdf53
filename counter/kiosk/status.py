"""进度查询 by receipt: what the kiosk may show about one receipt, masked and bilingual."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from counter.clock import local
from counter.db import reading
from counter.forms.spec import Text
from counter.kiosk.proof import prove
from counter.masking import mask_name
from counter.models import Item, ItemStatus, ServiceWindow, Station, Visit
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
    # 待领取: where to collect and what to bring (`counter.journey.notices.ready_text`)
    collect_where: str = ""
    collect_bring: Text | None = None
    # 需补正: where to bring the missing materials and by when (the receipt's 一次性告知书)
    submit_place: str = ""
    missing_deadline: date | None = None


@dataclass(frozen=True)
class _Where:
    """The receipt's places and dates an item's advice needs (read once per receipt)."""

    station_name: str
    submit_place: str
    missing_deadline: date


@dataclass(frozen=True)
class StatusView:
    """What the kiosk may show about one receipt: masked, bilingual, nothing else."""

    receipt_number: str
    name_masked: str
    accepted_on: date
    items: tuple[ItemView, ...]


def _item_view(ctx: AppContext, item: Item, where: _Where) -> ItemView:
    from counter.journey.notices import ready_text

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
        **_advice(ctx, item, where, show_missing, ready_text),
    )


def _advice(ctx: AppContext, item: Item, where: _Where, show_missing: bool, ready_text) -> dict:
    if item.status == ItemStatus.READY.value:
        _, place, bring_zh = ready_text(ctx, where.station_name, "zh_CN")
        bring_en = ready_text(ctx, where.station_name, "en")[2]
        return {"collect_where": place, "collect_bring": Text(bring_zh, bring_en)}
    if show_missing:
        return {"submit_place": where.submit_place, "missing_deadline": where.missing_deadline}
    return {}


def _where(ctx: AppContext, session, visit: Visit, issued_on: date) -> _Where:
    """As the receipt's 一次性告知书 says it (`counter.visits.receipt_data`)."""
    station = session.get_one(Station, visit.station_id)
    window = session.get(ServiceWindow, visit.window_id) if visit.window_id else None
    config = ctx.config
    place = config.pickup_place or (f"{station.name}{window.name}" if window else station.name)
    return _Where(station_name=station.name, submit_place=place,
                  missing_deadline=issued_on + timedelta(days=config.missing_materials_days))


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
        accepted_on = local(receipt.issued_at).date()
        where = _where(ctx, session, visit, accepted_on)
        return StatusView(receipt_number=receipt.number, name_masked=mask_name(visit.applicant_name),
                          accepted_on=accepted_on,
                          items=tuple(_item_view(ctx, item, where) for item in visit.items))
