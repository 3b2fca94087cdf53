"""A visit's lifecycle in the database: finish (exactly once), cancel, receipts, item status."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter import audit
from counter.auth import Principal, require
from counter.clock import local, local_day
from counter.context import AppContext
from counter.forms.engine import amount_lines, amount_row, fee_for, materials_needed, promised_date
from counter.forms.flow import VisitFlow
from counter.config import Config
from counter.masking import mask_id_number, mask_phone
from counter.forms.spec import Catalog, Text
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
from counter.statuses import ITEM_STATUS

STATUS_LABELS = ITEM_STATUS  # the item statuses' names (counter.statuses)


def status_text(status: str) -> Text:
    """An item status in both languages (the kiosk, the clerk's status dialog)."""
    zh, en = STATUS_LABELS.get(status, (status, status))
    return Text(zh, en)


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
        # every page of every item again, on the domain side: a window (or a script) that skipped
        # a page cannot store a visit the rules refuse
        blocking = [p for p in flow.problems() if p.blocking]
        if blocking:
            first = blocking[0]
            where = f"{first.code or '申请人'}.{first.field}"
            raise VisitError(f"不能办结：{where}：{first.message.zh_CN}",
                             f"Cannot finish: {where}: {first.message.en}")
        fee_settings = dict(session.get(Station, ctx.station.id).fee_settings or {})
        from counter import handout

        handouts = handout.check(session, ctx.station.id, flow)  # a refused hand-out stores nothing
        finished_at = flow.close("finish")
        visit = _new_visit(ctx, session, flow, principal, VisitStatus.FINISHED, finished_at)
        for position, draft in enumerate(flow.items):
            values = {**draft.form.cleaned()}
            context = draft.form.context()
            visit.items.append(Item(
                position=position,
                procedure_code=draft.procedure.code,
                category=draft.procedure.category,
                values=values,
                materials=dict(draft.materials),
                fee=fee_for(draft.procedure, context, fee_settings),
                amounts=[amount_row(line) for line in amount_lines(draft.procedure, context, local_day(finished_at))]
                or None,
                status=draft.status,
                status_reason="; ".join(m.name.zh_CN for m in draft.missing()) or None,
                promised_date=promised_date(draft.procedure, local_day(finished_at), context),
                started_at=draft.started_at or visit.started_at,
                finished_at=draft.finished_at or finished_at,
            ))
        session.flush()
        handout.record(ctx, session, visit, handouts, principal, finished_at)
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
    from counter.steptimes import field_event_rows

    session.add_all(StepEvent(visit_id=visit.id, item_position=h.item, page=h.step[:64],
                              entered_at=h.entered_at, left_at=h.left_at, how_left=h.how_left,
                              refused=getattr(h, "refused", 0))
                    for h in flow.history)
    session.add_all(field_event_rows(visit.id, flow))


def _finish_ticket(session: Session, ticket_id: int, at: datetime) -> None:
    from counter import queueing

    queueing.finish_ticket(session, ticket_id, at)


# ------------------------------------------------------------------ receipts


def id_card_validity(id_number: str | None, on: date, lang: str = "zh_CN") -> str:
    """居民身份证法 art 5, by the applicant's age (the forms engine's rule): "10年" or "长期"."""
    from counter.forms.engine import id_card_validity as validity

    try:
        duration = validity(id_number, on)
    except ValueError:  # no birth date in the number (a foreign permit, a typo kept as typed)
        return ""
    if duration is None:
        return "长期" if lang != "en" else "long-term"
    return f"{duration.count}年" if lang != "en" else f"{duration.count} years"


def _limit_text(days: int | None, kind: str, lang: str) -> str:
    if days is None:
        return ""
    if days == 0:
        return "当场办结" if lang != "en" else "on the spot"
    if kind == "working":
        return f"{days}个工作日" if lang != "en" else f"{days} working days"
    return f"{days}日" if lang != "en" else f"{days} days"


def _limits(procedure, accepted: date, values: dict, lang: str) -> tuple[str, str]:
    """(committed, statutory) time limits of this item: the committed one follows its choices
    (time_limit.rules); the statutory one only when the catalogue states one apart."""
    if procedure is None:
        return "", ""
    from counter.forms.engine import promise

    limit = procedure.time_limit
    applied = promise(procedure, accepted, values)
    statutory = _limit_text(limit.statutory_days, limit.statutory_kind or limit.kind, lang)
    return _limit_text(applied.days, applied.kind, lang), statutory


def _masked_address(address: str) -> str:
    """A postal address on paper: the area and street stay, the house number is hidden."""
    address = (address or "").strip()
    return address if len(address) <= 8 else address[:8] + "****"


def _pickup(procedure, values: dict, settings, station_name: str, lang: str) -> tuple[str, str, str]:
    """(method, place, what to bring) for items that hand something out later."""
    if procedure is None:
        return "", "", ""
    field = procedure.field("pickup")
    choice = values.get("pickup")
    if field is None and procedure.time_limit.days == 0:
        return "", "", ""  # done on the spot: nothing to collect later
    label = next((o.label(lang) for o in getattr(field, "options", ()) if o.value == choice), "") \
        if field is not None else ""
    if choice == "post":
        return (label or ("邮寄" if lang != "en" else "By post"),
                _masked_address(str(values.get("post_address") or "")), "")
    place = settings.pickup_place or station_name
    bring = ("本回执及申请人身份证件；他人代领的另带代领人身份证件" if lang != "en" else
             "This receipt and the applicant's ID; someone collecting brings their own ID too")
    return label or ("窗口领取" if lang != "en" else "At the window"), place, bring


def _fine(item) -> tuple[Decimal | None, Decimal | None]:
    """(fine, surcharge) stored by the forms engine in `items.amounts`: never fees (行政处罚法 art 72)."""
    fine = surcharge = None
    for line in item.amounts or ():
        amount = Decimal(str(line["amount"]))
        if line.get("kind") == "fine":
            fine = (fine or Decimal("0")) + amount
        elif line.get("kind") == "late_surcharge":
            surcharge = (surcharge or Decimal("0")) + amount
    return fine, surcharge


def receipt_data(session: Session, catalog: Catalog, number: str, lang: str = "zh_CN",
                 settings: Config | None = None, query_code: str | None = None):
    """Everything the receipt PDF shows, read back from the database.

    ``settings`` gives the station's receipt settings (complaints number, rating address,
    pick-up place, days to bring missing materials); ``query_code`` is the kiosk query code,
    printed only when given (it is stored hashed, so only the finishing terminal has it).
    """
    from counter.printing.documents import ReceiptData, ReceiptLine, hide_id_tail
    from counter.catalog_extras import decider_text
    from counter.forms.engine import TODAY_KEY
    from counter.idcard.visit import identity_check_label

    settings = settings or Config(database_url="")
    receipt = session.scalar(select(Receipt).where(Receipt.number == number.strip()))
    if receipt is None:
        raise VisitError(f"回执号 {number} 不存在", f"No receipt numbered {number}")
    visit = receipt.visit
    clerk = session.get(User, visit.clerk_id)
    officer = session.get(User, clerk.responsible_officer_id) \
        if clerk is not None and clerk.auxiliary and clerk.responsible_officer_id else None
    window = session.get(ServiceWindow, visit.window_id) if visit.window_id else None
    station = session.get(Station, visit.station_id)
    issued = local(receipt.issued_at)
    lines = []
    for item in visit.items:
        procedure = catalog.by_code.get(item.procedure_code)
        accepted = local_day(item.started_at or receipt.issued_at)
        # conditions read "today" as the day of acceptance: a reprint years later prints the same
        values = {**visit.identity, **item.values, TODAY_KEY: accepted}
        materials = {m.code: m.name(lang) for m in procedure.materials} if procedure else {}
        # only a missing material that was required makes 需补正; a missing optional one is just absent
        required = {m.code for m, needed in materials_needed(procedure, values)
                    if needed} if procedure else set(item.materials)
        missing = tuple(materials.get(c, c) for c, s in item.materials.items()
                        if s == "missing" and c in required)
        committed, statutory = _limits(procedure, accepted, values, lang)
        method, place, bring = _pickup(procedure, values, settings, station.name, lang) \
            if item.status not in ("rejected", "cancelled") else ("", "", "")
        fine, surcharge = _fine(item)
        lines.append(ReceiptLine(
            code=item.procedure_code,
            name=procedure.name(lang) if procedure else item.procedure_code,
            fee=item.fee,
            promised=None if missing else item.promised_date,
            status_label=status_label(item.status, lang),
            materials_received=tuple(materials.get(c, c) for c, s in item.materials.items() if s == "received"),
            materials_missing=missing,
            fine=fine, surcharge=surcharge,
            committed_limit=committed, statutory_limit=statutory,
            pickup_method=method, pickup_place=place, pickup_bring=bring,
            decided_by=decider_text(procedure, lang)
            if procedure and procedure.decided_by == "brigade" else "",
            card_validity=id_card_validity(visit.applicant_id_number, accepted, lang)
            if procedure and procedure.id_card else "",
            legal_basis=procedure.legal_basis(lang) if procedure else "",
        ))
    ticket = session.get(Ticket, visit.ticket_id) if visit.ticket_id else None
    return ReceiptData(
        station_name=station.name,
        receipt_number=receipt.number,
        applicant_name=visit.applicant_name,
        # the last four are the kiosk's status secret: never on paper
        id_number_masked=hide_id_tail(mask_id_number(visit.applicant_id_number)),
        lines=tuple(lines),
        clerk_name=clerk.display_name if clerk else "",
        window_name=window.name if window else "",
        issued_at=issued,
        lookup_hint=("凭本回执条码或回执号，可在大厅自助机“进度查询”查看办理进度。" if lang != "en" else
                     "Scan this receipt's barcode at the hall kiosk (Status) to follow your application."),
        ticket_code=ticket.code if ticket else None,
        proxy_name=visit.proxy_name,
        reprint=receipt.reprints,
        proxy_id_masked=hide_id_tail(mask_id_number(visit.proxy_id_number))
        if visit.proxy_id_number else None,
        applicant_phone_masked=mask_phone(visit.applicant_phone),
        clerk_badge=(clerk.badge_number or "") if clerk else "",
        clerk_auxiliary=bool(clerk and clerk.auxiliary),
        officer_name=officer.display_name if officer else "",
        officer_badge=(officer.badge_number or "") if officer else "",
        complaints_phone=settings.complaints_phone,
        rating_url=settings.rating_url,
        query_code=query_code,
        identity_check=identity_check_label(visit.identity_source, visit.card_expired, lang),
        missing_deadline=issued.date() + timedelta(days=settings.missing_materials_days),
        submit_place=settings.pickup_place or (
            f"{station.name}{window.name}" if window else station.name),
    )


def render_receipt_pdf(ctx: AppContext, number: str, *, reprint: bool = False, lang: str = "zh_CN",
                       query_code: str | None = None, paper: str | None = None) -> bytes:
    """The receipt (and its 一次性告知书 when materials are missing) as one PDF, laid out for
    the ``receipt_paper`` setting unless ``paper`` says otherwise. Every print issues a new kiosk
    query code (only its hash is kept), unless ``query_code`` is given."""
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
        data = receipt_data(session, ctx.catalog, number, lang, ctx.config, query_code)
        if query_code is None:
            data = with_query_code(ctx, session, data)
    return render_receipt(data, paper or ctx.config.receipt_paper)

