"""到证登记: documents made elsewhere (ID cards, licences, permits) arrive at the station.

The clerk scans the receipts' barcodes in one batch (a scanner types the number and Enter).
`check` looks at each number without changing anything; `register` stores the batch in ONE
transaction: every accepted receipt's document items (受理/办理中) become 待领取 with the
arrival's day, each gets its notice queued (`counter.journey.notices`), and the whole batch
is audited. A number is refused with its reason: unknown, another station's, nothing to
arrive (no document item, already ready/collected/posted, rejected…), or scanned twice in the
batch. A receipt is never half-registered: either all its waiting document items arrive or
none. Items chosen for post (邮寄) arrive too; their notice says the document will be posted.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from counter import audit
from counter.auth import Principal
from counter.clock import local_day
from counter.db import reading
from counter.journey import notices
from counter.journey.common import JourneyError, acting, by_post, document_codes
from counter.models import Arrival, Item, ItemStatus, Receipt
from counter.visits import STATUS_LABELS

WAITING = (ItemStatus.ACCEPTED.value, ItemStatus.IN_PROGRESS.value)


@dataclass(frozen=True)
class Verdict:
    number: str
    ok: bool
    item_ids: tuple[int, ...] = ()
    codes: tuple[str, ...] = ()
    reason_zh: str = ""
    reason_en: str = ""

    def reason(self, lang: str = "zh_CN") -> str:
        return self.reason_en if lang == "en" else self.reason_zh


@dataclass(frozen=True)
class BatchResult:
    batch: str
    arrived_on: date
    registered: tuple[Verdict, ...]
    refused: tuple[Verdict, ...]
    notices: int

    @property
    def items(self) -> int:
        return sum(len(v.item_ids) for v in self.registered)


def normalise(raw: str) -> str:
    """A scanned or typed receipt number: a kiosk QR's `number|code` keeps the number; only
    letters, digits and '-' stay (a scanner's stray control characters, a pasted essay), at most 32."""
    number = str(raw).split("|", 1)[0]
    return "".join(c for c in number if c.isascii() and (c.isalnum() or c == "-"))[:32].upper()


def _refuse(number: str, zh: str, en: str) -> Verdict:
    return Verdict(number, False, reason_zh=zh, reason_en=en)


def _judge(session, station_id: int, codes: frozenset[str], number: str, seen: set[str],
           lock: bool = False) -> Verdict:
    if not number:
        return _refuse(number, "空号码", "Empty number")
    if number in seen:
        return _refuse(number, "本批重复扫描", "Scanned twice in this batch")
    seen.add(number)
    receipt = session.scalar(select(Receipt).where(Receipt.number == number))
    if receipt is None:
        return _refuse(number, "回执号不存在", "No such receipt")
    if receipt.station_id != station_id:
        return _refuse(number, "不是本所受理的回执", "Another station's receipt")
    items = [i for i in receipt.visit.items if i.procedure_code in codes]
    if not items:
        return _refuse(number, "回执上没有需到证的证件", "No document on this receipt comes back to the station")
    if lock:
        items = [session.get(Item, i.id, with_for_update=True, populate_existing=True) for i in items]
    waiting = [i for i in items if i.status in WAITING]
    if not waiting:
        status = items[0].status
        if status == ItemStatus.READY.value:
            return _refuse(number, "已到证登记（待领取）", "Registered already (ready for collection)")
        zh, en = STATUS_LABELS.get(status, (status, status))
        return _refuse(number, f"状态为“{zh}”，不能到证登记", f"The item is {en.lower()}: it cannot arrive")
    return Verdict(number, True, tuple(i.id for i in waiting), tuple(i.procedure_code for i in waiting))


def check(ctx, numbers: list[str]) -> list[Verdict]:
    """Each scanned number judged, in order, without changing anything (the dialog's list)."""
    codes, station_id = document_codes(ctx.catalog), ctx.station.id
    seen: set[str] = set()
    with reading(ctx.sessions) as session:
        return [_judge(session, station_id, codes, normalise(n), seen) for n in numbers]


def register(ctx, numbers: list[str], principal: Principal | None = None,
             arrived_on: date | None = None) -> BatchResult:
    """Register the batch (see the module's note); raises JourneyError when nothing can arrive."""
    who = acting(ctx, principal)
    codes, station_id = document_codes(ctx.catalog), ctx.station.id
    seen: set[str] = set()
    now = ctx.clock.now()
    day = arrived_on or local_day(now)
    if day > local_day(now):
        raise JourneyError("到证日期不能晚于今天", "The arrival day cannot be after today")
    batch = str(uuid.uuid4())
    with ctx.sessions.begin() as session:
        verdicts = [_judge(session, station_id, codes, normalise(n), seen, lock=True) for n in numbers]
        accepted = [v for v in verdicts if v.ok]
        queued = 0
        for verdict in accepted:
            for item_id in verdict.item_ids:
                item = session.get(Item, item_id)
                item.status, item.status_changed_at = ItemStatus.READY.value, now
                item.status_changed_by = who.user_id if who else None
                session.add(Arrival(station_id=station_id, item_id=item.id, receipt_number=verdict.number,
                                    arrived_on=day, registered_at=now, clerk_id=item.status_changed_by,
                                    batch=batch))
                notices.queue_in(ctx, session, item, "ready_post" if by_post(item) else "ready")
                queued += 1
        if accepted:
            audit.log(ctx, session, "arrivals.registered",
                      f"batch={batch} day={day} receipts={','.join(v.number for v in accepted)} "
                      f"items={sum(len(v.item_ids) for v in accepted)} refused={len(verdicts) - len(accepted)}",
                      principal=who)
    return BatchResult(batch, day, tuple(accepted), tuple(v for v in verdicts if not v.ok), queued)


ADOPT_WITHIN = timedelta(days=3)  # items marked ready longer ago (before this feature) get no SMS


def adopt_marked_ready(ctx) -> int:
    """Items a clerk marked 待领取 in the status dialog (not through a batch) get their arrival
    row and their notice, as if registered: the sender runs this before each send. Only
    document items marked ready in the last ADOPT_WITHIN, so an upgrade does not text old cases."""
    codes, station_id, now = document_codes(ctx.catalog), ctx.station.id, ctx.clock.now()
    try:
        return _adopt(ctx, codes, station_id, now)
    except IntegrityError:  # another terminal adopted them at the same moment
        return 0


def _adopt(ctx, codes, station_id: int, now) -> int:
    with ctx.sessions.begin() as session:
        items = list(session.scalars(
            select(Item).join(Receipt, Receipt.visit_id == Item.visit_id).outerjoin(Arrival, Arrival.item_id == Item.id)
            .where(Receipt.station_id == station_id, Arrival.id.is_(None), Item.status == ItemStatus.READY.value,
                   Item.procedure_code.in_(codes), Item.status_changed_at >= now - ADOPT_WITHIN)
            .order_by(Item.id).with_for_update(of=Item, skip_locked=True)))
        for item in items:
            number = session.scalar(select(Receipt.number).where(Receipt.visit_id == item.visit_id))
            session.add(Arrival(station_id=station_id, item_id=item.id, receipt_number=number,
                                arrived_on=local_day(item.status_changed_at), registered_at=now,
                                clerk_id=item.status_changed_by, batch="marked-ready"))
            notices.queue_in(ctx, session, item, "ready_post" if by_post(item) else "ready")
        return len(items)
