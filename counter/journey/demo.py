"""Demo data for the journey: arrivals, notices (through the file gateway), a delivery by
post, collections, and the follow-ups of the simulated bad ratings (half of them answered).
Deterministic per seed; runs once (a database with arrivals is left alone)."""
from __future__ import annotations

import random
from collections import defaultdict
from datetime import timedelta

from sqlalchemy import func, select

from counter.clock import local_day
from counter.journey import arrivals, delivery, followups, notices, settings
from counter.journey.common import document_codes
from counter.models import Arrival, Item, ItemStatus, JourneySettings, Receipt, Visit

ANSWERS = (("群众反映等候时间长，已电话致歉并说明高峰时段", "高峰时段增开一个综合窗口"),
           ("群众反映材料要求没讲清，已当面解释", "窗口张贴图示材料清单，一次性告知"),
           ("群众认可回访，表示理解", "对窗口人员进行服务规范提醒"))


def seed_journey(ctx, seed: int = 7) -> dict[str, int]:
    station_id = ctx.station.id
    with ctx.sessions() as session:
        if session.scalar(select(func.count(Arrival.id)).where(Arrival.station_id == station_id)):
            return {}
        configured = session.get(JourneySettings, station_id) is not None
    who, ctx.principal = ctx.principal, None  # the demo acts as the console
    try:
        if not configured:
            settings.save(ctx, sms_gateway="file", sms_signature="【示范派出所】", postage="12.00")
        counts = _arrivals(ctx, random.Random(seed))
        counts["notices_sent"] = 0
        while sent := notices.send_due(ctx).sent:  # every queued notice, a batch at a time
            counts["notices_sent"] += sent
        followups.sync(ctx)
        open_cases = followups.cases(ctx, only_open=True)
        rng = random.Random(seed + 1)
        for case in open_cases[: (len(open_cases) + 1) // 2]:
            said, changed = rng.choice(ANSWERS)
            followups.close(ctx, case.id, said, changed)
            _answered_next_day(ctx, case, rng)
        counts["followups"] = len(open_cases)
        return counts
    finally:
        ctx.principal = who


def _arrivals(ctx, rng: random.Random) -> dict[str, int]:
    """Two thirds of the waiting document items arrive 1–3 days after acceptance (one batch a
    day); one in five asked for post; a third of the arrived ones were collected since."""
    codes = document_codes(ctx.catalog)
    today = local_day(ctx.clock.now())
    with ctx.sessions.begin() as session:
        rows = session.execute(select(Item, Receipt.number).join(Visit, Visit.id == Item.visit_id)
                               .join(Receipt, Receipt.visit_id == Visit.id)
                               .where(Visit.station_id == ctx.station.id, Item.procedure_code.in_(codes),
                                      Item.status.in_(arrivals.WAITING)).order_by(Item.id)).all()
        batches: dict = defaultdict(list)
        posted = []
        for item, number in rows:
            day = local_day(item.started_at) + timedelta(days=rng.randint(1, 3))
            if day > today or rng.random() > 2 / 3:
                continue
            batches[day].append(number)
            procedure = ctx.catalog.by_code.get(item.procedure_code)
            if procedure is not None and procedure.field("pickup") is not None and rng.random() < 0.2:
                item.values = {**(item.values or {}), "pickup": "post", "post_address": "北京市朝阳区建国路88号"}
                posted.append(number)
    arrived = 0
    for day in sorted(batches):
        arrived += arrivals.register(ctx, sorted(set(batches[day])), arrived_on=day).items
    sent = 0
    for number in dict.fromkeys(posted):  # a receipt with two post items is posted once
        delivery.record_address(ctx, number, "110105", "建国路88号")
        sent += delivery.mark_sent(ctx, number, f"SF{rng.randint(10**11, 10**12 - 1)}")
    collected = _collect_some(ctx, rng)
    return {"arrived": arrived, "posted": sent, "collected": collected}


def _collect_some(ctx, rng: random.Random) -> int:
    now = ctx.clock.now()
    with ctx.sessions.begin() as session:
        ready = list(session.scalars(select(Item).join(Arrival, Arrival.item_id == Item.id).where(
            Arrival.station_id == ctx.station.id, Item.status == ItemStatus.READY.value).order_by(Item.id)))
        chosen = [i for i in ready if rng.random() < 1 / 3]
        for item in chosen:
            item.status, item.status_changed_at = ItemStatus.COLLECTED.value, now
        notices.close_trail(session, [i.id for i in chosen], now)
        return len(chosen)


def _answered_next_day(ctx, case, rng: random.Random) -> None:
    """A demo case was answered a few hours after the rating, not at the moment the demo runs."""
    from counter.models import FollowUp

    at = min(ctx.clock.now(), case.rated_at + timedelta(hours=rng.uniform(2, 30)))
    with ctx.sessions.begin() as session:
        session.get(FollowUp, case.id).closed_at = at
