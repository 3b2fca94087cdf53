"""A visit's lifecycle in the database: finish (exactly once), cancel, receipts, item status."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter import audit
from counter.auth import Principal, require
from counter.clock import local, local_day
from counter.context import AppContext
from counter.forms.engine import fee_for, materials_needed, promised_date
from counter.forms.flow import VisitFlow
from counter.masking import mask_id_number
from counter.forms.spec import Catalog
from counter.models import (
    Item,
    ItemStatus,
    Receipt,
    Role,
    ServiceWindow,
    Station,
    StepEvent,
    Ticket,
    User,
    Visit,
    VisitStatus,
)
from counter.numbering import next_number, receipt_number

STATUS_LABELS = {
    "accepted": ("受理", "Accepted"),
    "in_progress": ("办理中", "In progress"),
    "ready": ("待领取", "Ready for collection"),
    "collected": ("已领取", "Collected"),
    "rejected": ("不予受理", "Rejected"),
    "needs_materials": ("需补正", "Materials missing"),
    "cancelled": ("已取消", "Cancelled"),
}


def status_label(status: str, lang: str = "zh_CN") -> str:
    zh, en = STATUS_LABELS.get(status, (status, status))
    return en if lang == "en" else zh


class VisitError(Exception):
    def __init__(self, zh_CN: str, en: str):
        super().__init__(en)
        self.zh_CN, self.en = zh_CN, en


@dataclass(frozen=True)
class FinishedVisit:
    visit_id: int
    receipt_number: str | None
    already_stored: bool = False


def finish_visit(ctx: AppContext, flow: VisitFlow, principal: Principal | None) -> FinishedVisit:
    """Store the visit, its items, step events and a receipt: once, whatever happens after."""
    principal = require(principal, Role.CLERK)
    if not flow.items:
        raise VisitError("没有办理事项", "The visit has no procedure")
    ctx.station  # noqa: B018 - resolved before the write transaction, never inside it
    with ctx.sessions.begin() as session:
        existing = session.scalar(select(Visit).where(Visit.key == flow.key))
        if existing is not None:
            number = existing.receipt.number if existing.receipt else None
            return FinishedVisit(existing.id, number, already_stored=True)
        finished_at = flow.close("finish")
        visit = _new_visit(ctx, session, flow, principal, VisitStatus.FINISHED, finished_at)
        for position, draft in enumerate(flow.items):
            values = {**draft.form.cleaned()}
            visit.items.append(Item(
                position=position,
                procedure_code=draft.procedure.code,
                category=draft.procedure.category,
                values=values,
                materials=dict(draft.materials),
                fee=fee_for(draft.procedure, draft.form.context()),
                status=draft.status,
                status_reason="; ".join(m.name.zh_CN for m in draft.missing()) or None,
                promised_date=promised_date(draft.procedure, local_day(finished_at)),
                started_at=draft.started_at or visit.started_at,
                finished_at=draft.finished_at or finished_at,
            ))
        session.flush()
        _store_steps(session, visit, flow)
        day = local_day(finished_at)
        sequence = next_number(session, ctx.station.id, "receipt", day)
        receipt = Receipt(station_id=ctx.station.id, number=receipt_number(ctx.station.number, day, sequence),
                          visit_id=visit.id, issued_at=finished_at)
        session.add(receipt)
        if flow.ticket_id:
            _finish_ticket(session, flow.ticket_id, finished_at)
        session.flush()
        audit.log(ctx, session, "visit.finished", f"visit={visit.id} receipt={receipt.number} "
                  f"items={','.join(i.procedure_code for i in visit.items)}", principal=principal)
        return FinishedVisit(visit.id, receipt.number)


def cancel_visit(ctx: AppContext, flow: VisitFlow, principal: Principal | None, reason: str = "") -> int:
    """Keep a cancelled visit with its times: it still counts in the statistics."""
    principal = require(principal, Role.CLERK)
    ctx.station  # noqa: B018 - resolved before the write transaction, never inside it
    with ctx.sessions.begin() as session:
        existing = session.scalar(select(Visit).where(Visit.key == flow.key))
        if existing is not None:
            return existing.id
        ended = flow.close("cancel")
        visit = _new_visit(ctx, session, flow, principal, VisitStatus.CANCELLED, ended)
        visit.cancel_reason = reason[:200] or None
        for position, draft in enumerate(flow.items):
            visit.items.append(Item(position=position, procedure_code=draft.procedure.code,
                                    category=draft.procedure.category, values=draft.form.cleaned(),
                                    materials=dict(draft.materials), fee=0,
                                    status=ItemStatus.CANCELLED.value,
                                    started_at=draft.started_at or visit.started_at, finished_at=ended))
        session.flush()
        _store_steps(session, visit, flow)
        return visit.id


def _new_visit(ctx: AppContext, session: Session, flow: VisitFlow, principal: Principal,
               status: VisitStatus, ended: datetime) -> Visit:
    from counter.idcard.visit import visit_columns, with_card_facts

    identity = with_card_facts(flow, flow.identity.cleaned())
    window = ctx.window(session)
    visit = Visit(
        station_id=ctx.station.id, key=flow.key, ticket_id=flow.ticket_id, window_id=window.id,
        clerk_id=principal.user_id, status=status.value,
        applicant_name=identity.get("name", ""), applicant_id_number=identity.get("id_number", ""),
        applicant_phone=identity.get("phone", ""), applicant_address=identity.get("address", ""),
        proxy_name=identity.get("proxy_name"), proxy_id_number=identity.get("proxy_id_number"),
        identity=identity, started_at=flow.started_at, finished_at=ended, **visit_columns(flow),
    )
    session.add(visit)
    return visit


def _store_steps(session: Session, visit: Visit, flow: VisitFlow) -> None:
    session.add_all(StepEvent(visit_id=visit.id, item_position=h.item, page=h.step[:64],
                              entered_at=h.entered_at, left_at=h.left_at, how_left=h.how_left)
                    for h in flow.history)


def _finish_ticket(session: Session, ticket_id: int, at: datetime) -> None:
    from counter import queueing

    queueing.finish_ticket(session, ticket_id, at)


# ------------------------------------------------------------------ receipts


def receipt_data(session: Session, catalog: Catalog, number: str, lang: str = "zh_CN"):
    """Everything the receipt PDF shows, read back from the database."""
    from counter.printing.documents import ReceiptData, ReceiptLine

    receipt = session.scalar(select(Receipt).where(Receipt.number == number.strip()))
    if receipt is None:
        raise VisitError(f"回执号 {number} 不存在", f"No receipt numbered {number}")
    visit = receipt.visit
    clerk = session.get(User, visit.clerk_id)
    window = session.get(ServiceWindow, visit.window_id) if visit.window_id else None
    station = session.get(Station, visit.station_id)
    lines = []
    for item in visit.items:
        procedure = catalog.by_code.get(item.procedure_code)
        materials = {m.code: m.name(lang) for m in procedure.materials} if procedure else {}
        # only a missing material that was required makes 需补正; a missing optional one is just absent
        required = {m.code for m, needed in materials_needed(procedure, {**visit.identity, **item.values})
                    if needed} if procedure else set(item.materials)
        lines.append(ReceiptLine(
            code=item.procedure_code,
            name=procedure.name(lang) if procedure else item.procedure_code,
            fee=item.fee,
            promised=item.promised_date,
            status_label=status_label(item.status, lang),
            materials_received=tuple(materials.get(c, c) for c, s in item.materials.items() if s == "received"),
            materials_missing=tuple(materials.get(c, c) for c, s in item.materials.items()
                                    if s == "missing" and c in required),
        ))
    ticket = session.get(Ticket, visit.ticket_id) if visit.ticket_id else None
    return ReceiptData(
        station_name=station.name,
        receipt_number=receipt.number,
        applicant_name=visit.applicant_name,
        id_number_masked=mask_id_number(visit.applicant_id_number),
        lines=tuple(lines),
        clerk_name=clerk.display_name if clerk else "",
        window_name=window.name if window else "",
        issued_at=local(receipt.issued_at),
        lookup_hint=("凭本回执条码或回执号，可在大厅自助机“进度查询”查看办理进度。" if lang != "en" else
                     "Scan this receipt's barcode at the hall kiosk (Status) to follow your application."),
        ticket_code=ticket.code if ticket else None,
        proxy_name=visit.proxy_name,
        reprint=receipt.reprints,
    )


def render_receipt_pdf(ctx: AppContext, number: str, *, reprint: bool = False, lang: str = "zh_CN") -> bytes:
    from counter.kiosk import with_query_code
    from counter.printing.receipt import render_receipt

    with ctx.sessions.begin() as session:
        if reprint:
            receipt = session.scalar(select(Receipt).where(Receipt.number == number.strip()))
            if receipt is None:
                raise VisitError(f"回执号 {number} 不存在", f"No receipt numbered {number}")
            receipt.reprints += 1
            session.flush()
            audit.log(ctx, session, "receipt.reprint", f"receipt={receipt.number} visit={receipt.visit_id} "
                      f"reprint={receipt.reprints}")
        data = receipt_data(session, ctx.catalog, number, lang)
        data = with_query_code(ctx, session, data)  # every print issues a new kiosk query code
    return render_receipt(data)

