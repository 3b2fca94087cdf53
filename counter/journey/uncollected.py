"""The uncollected list: items 待领取 for more than N days (the station's `uncollected_days`,
default 90), oldest first, for a clerk to work through: send a reminder SMS, note what was
found out (moved away, phone dead …). The report's collection sheet lists them too.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from counter import audit
from counter.auth import Principal
from counter.clock import local_day
from counter.db import reading
from counter.journey import notices
from counter.journey import settings as journey_settings
from counter.journey.common import JourneyError, acting
from counter.masking import mask_name, mask_phone
from counter.models import Arrival, Item, ItemStatus, Notice, Receipt, Visit


@dataclass(frozen=True)
class Uncollected:
    item_id: int
    receipt_number: str
    code: str
    name_masked: str
    phone_masked: str
    ready_on: date
    days: int
    notices_sent: int
    reminded_at: datetime | None
    note: str | None


def _ready_day(item: Item, arrival: Arrival | None) -> date:
    if arrival is not None:
        return arrival.arrived_on
    return local_day(item.status_changed_at or item.finished_at or item.started_at)


def list_items(ctx, *, days: int | None = None, today: date | None = None,
               station_id: int | None = None, session=None) -> list[Uncollected]:
    """Items ready for more than `days` (default: the station's setting), oldest first."""
    station_id = station_id or ctx.station.id
    today = today or local_day(ctx.clock.now())
    if session is None:
        with reading(ctx.sessions) as own:
            return list_items(ctx, days=days, today=today, station_id=station_id, session=own)
    limit = days if days is not None else journey_settings.load_in(session, station_id).uncollected_days
    sent = dict(session.execute(select(Notice.item_id, func.count(Notice.id)).where(
        Notice.station_id == station_id, Notice.status == "sent").group_by(Notice.item_id)).all())
    rows = session.execute(
        select(Item, Visit, Receipt.number, Arrival).join(Visit, Visit.id == Item.visit_id)
        .join(Receipt, Receipt.visit_id == Visit.id).outerjoin(Arrival, Arrival.item_id == Item.id)
        .where(Visit.station_id == station_id, Item.status == ItemStatus.READY.value)).all()
    out = []
    for item, visit, number, arrival in rows:
        ready_on = _ready_day(item, arrival)
        waited = (today - ready_on).days
        if waited > limit:
            out.append(Uncollected(item.id, number, item.procedure_code, mask_name(visit.applicant_name),
                                   mask_phone(visit.applicant_phone), ready_on, waited, sent.get(item.id, 0),
                                   arrival.reminded_at if arrival else None, arrival.note if arrival else None))
    return sorted(out, key=lambda u: (-u.days, u.receipt_number))


def _arrival_for(ctx, session, item: Item) -> Arrival:
    """The item's arrival row; one made now for an item marked ready before arrivals existed."""
    arrival = session.scalar(select(Arrival).where(Arrival.item_id == item.id))
    if arrival is None:
        number = session.scalar(select(Receipt.number).where(Receipt.visit_id == item.visit_id)) or ""
        arrival = Arrival(station_id=item.visit.station_id, item_id=item.id, receipt_number=number,
                          arrived_on=_ready_day(item, None), registered_at=ctx.clock.now(), batch="marked-ready")
        session.add(arrival)
    return arrival


def _ready_item(session, item_id: int) -> Item:
    item = session.get(Item, item_id)
    if item is None or item.status != ItemStatus.READY.value:
        raise JourneyError("该事项已不是待领取状态，请刷新", "The item is no longer ready for collection: refresh")
    return item


def remind(ctx, item_id: int, principal: Principal | None = None) -> int:
    """Queue a reminder SMS; returns the notice's id."""
    who = acting(ctx, principal)
    today = local_day(ctx.clock.now())
    with ctx.sessions.begin() as session:
        item = _ready_item(session, item_id)
        arrival = _arrival_for(ctx, session, item)
        notice = notices.queue_in(ctx, session, item, "reminder", days=(today - arrival.arrived_on).days)
        arrival.reminded_at = ctx.clock.now()
        session.flush()
        audit.log(ctx, session, "uncollected.reminded", f"item={item_id} notice={notice.id}", principal=who)
        return notice.id


def note(ctx, item_id: int, text: str, principal: Principal | None = None) -> None:
    """What the clerk found out about an uncollected item (kept on its arrival)."""
    who = acting(ctx, principal)
    text = " ".join((text or "").split())[:200]
    if not text:
        raise JourneyError("请填写情况说明", "Type what you found out")
    with ctx.sessions.begin() as session:
        arrival = _arrival_for(ctx, session, _ready_item(session, item_id))
        arrival.note = text
        audit.log(ctx, session, "uncollected.note", f"item={item_id}", principal=who)


def ready_since(today: date, days: int) -> date:
    return today - timedelta(days=days)
