"""The notices outbox: what tells the citizen their document is ready, posted, or still waiting.

A notice is queued in the same transaction as the change it reports (an arrival, a posting, a
reminder), so there is never a ready item without its notice, nor a notice for a change that
was rolled back. `send_due` (the clerk window's timer, `python main.py notices send`) delivers
them through the station's gateway (`counter.journey.gateways`):

1. a row is claimed first (`sending`, attempts + 1) in its own short transaction — on
   PostgreSQL with FOR UPDATE SKIP LOCKED, so two terminals never take the same row; only a
   claimed row is sent, and a `sent` row is never claimed again: no duplicate sends;
2. the gateway is called outside any transaction (the network must not hold a lock);
3. the outcome is stored: `sent`, or back to `queued` with the next try after a backoff
   (1, 5, 15, 60, 240 minutes), or `failed` after MAX_ATTEMPTS or a permanent refusal.
A row left `sending` by a terminal that died mid-send goes back to `queued` after
STALE_SENDING (its `id` goes with it, so a provider that keeps ids drops the repeat).

Collection closes an item's trail (`close_trail`): its unsent notices are cancelled and every
notice of the item gets `closed_at`.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select

from counter.db import reading
from counter.journey import settings as journey_settings
from counter.journey.gateways import Gateway, GatewayError, OutgoingSms, gateway_for
from counter.models import Item, ItemStatus, Notice, Receipt, Station, Visit

log = logging.getLogger(__name__)

BACKOFF_MINUTES = (1, 5, 15, 60, 240)
MAX_ATTEMPTS = 6
STALE_SENDING = timedelta(minutes=10)
BATCH = 50
BRING = ("受理回执及申请人本人身份证件；他人代领的，另带代领人身份证件",
         "the receipt and the applicant's ID; someone collecting for them brings their own ID too")


def backoff(attempts: int) -> timedelta:
    return timedelta(minutes=BACKOFF_MINUTES[min(attempts, len(BACKOFF_MINUTES)) - 1])


def collect_where(config, station_name: str) -> str:
    return config.pickup_place or station_name


def ready_text(ctx, station_name: str, lang: str = "zh_CN") -> tuple[str, str, str]:
    """("可领取", where, what to bring) for a ready item: the kiosk's status page calls this
    (after the kiosk's split) to say where and with what to collect."""
    where = collect_where(ctx.config, station_name)
    if lang == "en":
        return "Ready for collection", where, BRING[1]
    return "可领取", where, BRING[0]


def _procedure_name(catalog, code: str) -> str:
    procedure = catalog.by_code.get(code)
    return procedure.name("zh_CN") if procedure else code


def compose(ctx, kind: str, *, station_name: str, signature: str, procedure: str, receipt: str,
            tracking: str = "", days: int = 0) -> str:
    """The SMS text (Chinese: citizens' phones; one message, no personal data beyond the receipt)."""
    where = collect_where(ctx.config, station_name)
    if kind == "ready":
        body = (f"您好！您在{station_name}申请的{procedure}（回执号{receipt}）已办好，"
                f"请到{where}领取，携带{BRING[0]}。")
    elif kind == "ready_post":
        body = (f"您好！您在{station_name}申请的{procedure}（回执号{receipt}）已办好，"
                "将按您的要求邮寄，寄出后另行短信告知运单号。")
    elif kind == "posted":
        body = f"您好！您在{station_name}申请的{procedure}（回执号{receipt}）已邮寄，运单号{tracking}，请注意查收。"
    elif kind == "reminder":
        body = (f"您好！您在{station_name}申请的{procedure}（回执号{receipt}）已到证{days}天，尚未领取。"
                f"请尽快到{where}领取，携带{BRING[0]}。")
    else:
        raise ValueError(kind)
    return f"{signature}{body}" if signature else body


def queue_in(ctx, session, item: Item, kind: str, *, tracking: str = "", days: int = 0) -> Notice:
    """Queue a notice about `item` inside the caller's transaction (see the module's note)."""
    visit: Visit = item.visit
    station = session.get(Station, visit.station_id)
    settings = journey_settings.load_in(session, visit.station_id)
    receipt = session.scalar(select(Receipt.number).where(Receipt.visit_id == visit.id)) or ""
    text = compose(ctx, kind, station_name=station.name, signature=settings.sms_signature,
                   procedure=_procedure_name(ctx.catalog, item.procedure_code), receipt=receipt,
                   tracking=tracking, days=days)
    phone = (visit.applicant_phone or "").strip()
    now = ctx.clock.now()
    notice = Notice(station_id=visit.station_id, item_id=item.id, kind="ready" if kind == "ready_post" else kind,
                    phone=phone, text=text, status="queued", attempts=0, next_try_at=now, created_at=now)
    if not phone:  # visible in the outbox, never silently dropped
        notice.status, notice.last_error, notice.next_try_at = "failed", "没有手机号码 / no phone number", None
    session.add(notice)
    return notice


def close_trail(session, item_ids, at: datetime) -> int:
    """The items were collected or posted: cancel their unsent notices, close their trail."""
    ids = list(item_ids)
    if not ids:
        return 0
    closed = 0
    for notice in session.scalars(select(Notice).where(Notice.item_id.in_(ids), Notice.closed_at.is_(None))):
        if notice.status == "queued" and notice.kind != "posted":
            notice.status, notice.next_try_at = "cancelled", None
        notice.closed_at = at
        closed += 1
    return closed


# ------------------------------------------------------------------------------------- sending


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    closed: int = 0
    adopted: int = 0  # items marked ready elsewhere, given their arrival and notice
    no_gateway: bool = False
    errors: list[str] = field(default_factory=list)


def _close_finished_items(ctx, station_id: int, now: datetime) -> int:
    """Items collected or posted some other way (the status dialog, the kiosk's marks)."""
    done = (ItemStatus.COLLECTED.value, ItemStatus.POSTED.value)
    with ctx.sessions.begin() as session:
        ids = list(session.scalars(select(Notice.item_id).join(Item, Item.id == Notice.item_id).where(
            Notice.station_id == station_id, Notice.closed_at.is_(None), Item.status.in_(done)).distinct()))
        return close_trail(session, ids, now)


def _release_stale(ctx, station_id: int, now: datetime) -> None:
    with ctx.sessions.begin() as session:
        for notice in session.scalars(select(Notice).where(
                Notice.station_id == station_id, Notice.status == "sending",
                Notice.next_try_at < now - STALE_SENDING).with_for_update(skip_locked=True)):
            notice.status, notice.last_error = "queued", "发送结果未知，重试 / outcome unknown, retrying"


def _claim(ctx, station_id: int, now: datetime, limit: int) -> list[tuple[int, str, str]]:
    with ctx.sessions.begin() as session:
        rows = list(session.scalars(select(Notice).where(
            Notice.station_id == station_id, Notice.status == "queued", Notice.next_try_at <= now)
            .order_by(Notice.next_try_at, Notice.id).limit(limit).with_for_update(skip_locked=True)))
        for notice in rows:
            notice.status, notice.attempts, notice.next_try_at = "sending", notice.attempts + 1, now
        return [(n.id, n.phone, n.text) for n in rows]


def _store_outcome(ctx, notice_id: int, now: datetime, gateway_id: str | None, error: GatewayError | None,
                   report: SendReport) -> None:
    with ctx.sessions.begin() as session:
        notice = session.get(Notice, notice_id, with_for_update=True)
        if error is None:
            notice.status, notice.sent_at, notice.gateway_id, notice.last_error = "sent", now, gateway_id or None, None
            notice.next_try_at = None
            report.sent += 1
            return
        notice.last_error = str(error)[:300]
        if error.permanent or notice.attempts >= MAX_ATTEMPTS:
            notice.status, notice.next_try_at = "failed", None
            report.failed += 1
        else:
            notice.status, notice.next_try_at = "queued", now + backoff(notice.attempts)
            report.retrying += 1
        report.errors.append(f"#{notice_id}: {error}")


def send_due(ctx, gateway: Gateway | None = None, *, limit: int = BATCH) -> SendReport:
    """Send the station's due notices once; safe to run from several terminals at a time."""
    station = ctx.station
    report = SendReport()
    now = ctx.clock.now()
    report.closed = _close_finished_items(ctx, station.id, now)
    # arrivals queues through this module: imported here
    from counter.journey.arrivals import adopt_marked_ready

    report.adopted = adopt_marked_ready(ctx)
    if gateway is None:
        gateway = gateway_for(journey_settings.load(ctx))
    if gateway is None:
        report.no_gateway = True
        return report
    _release_stale(ctx, station.id, now)
    for notice_id, phone, text in _claim(ctx, station.id, now, limit):
        sms = OutgoingSms(id=f"{station.code}-{notice_id}", to=phone, text=text, station=station.code)
        try:
            gateway_id, error = gateway.send(sms), None
        except GatewayError as exc:
            gateway_id, error = None, exc
        except Exception as exc:  # noqa: BLE001 - a broken gateway must not stop the others
            gateway_id, error = None, GatewayError(f"{exc.__class__.__name__}: {exc}")
        if error is not None:
            log.warning("notice %s not sent: %s", notice_id, error)
        _store_outcome(ctx, notice_id, ctx.clock.now(), gateway_id, error, report)
    return report


# ------------------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class NoticeRow:
    id: int
    kind: str
    phone: str
    status: str
    attempts: int
    next_try_at: datetime | None
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    closed: bool
    text: str


def outbox(ctx, *, status: str | None = None, item_id: int | None = None, limit: int = 500) -> list[NoticeRow]:
    with reading(ctx.sessions) as session:
        query = select(Notice).where(Notice.station_id == ctx.station.id)
        if status:
            query = query.where(Notice.status == status)
        if item_id is not None:
            query = query.where(Notice.item_id == item_id)
        return [NoticeRow(n.id, n.kind, n.phone, n.status, n.attempts, n.next_try_at, n.last_error, n.created_at,
                          n.sent_at, n.closed_at is not None, n.text)
                for n in session.scalars(query.order_by(Notice.id.desc()).limit(limit))]


def retry(ctx, notice_id: int, principal=None) -> None:
    """A failed notice queued again (the gateway was fixed, the provider unblocked the number)."""
    from counter import audit
    from counter.journey.common import JourneyError, acting

    who = acting(ctx, principal)
    with ctx.sessions.begin() as session:
        notice = session.get(Notice, notice_id, with_for_update=True)
        if notice is None or notice.station_id != ctx.station.id:
            raise JourneyError("没有该通知", f"No notice {notice_id}")
        if notice.status != "failed":
            raise JourneyError("只有发送失败的通知可以重发", "Only a failed notice can be sent again")
        if not notice.phone:
            raise JourneyError("没有手机号码，无法发送", "No phone number: it cannot be sent")
        if notice.closed_at is not None:
            raise JourneyError("证件已领取或寄出，不再通知", "The document was collected or posted: no more notices")
        notice.status, notice.attempts, notice.next_try_at = "queued", 0, ctx.clock.now()
        audit.log(ctx, session, "notice.retry", f"notice={notice_id}", principal=who)
