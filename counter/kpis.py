"""The manager's KPI tiles for today: each figure with its target and whether it meets it.

No Qt. `today_extras` reads what `metrics.today_live` does not (time in hall, ratings, open
需补正 and overdue items); `tiles` turns both into tiles coloured good / near / bad. Targets are
settings (`Config.service_level_minutes`, `service_level_target_percent`,
`hall_time_target_minutes`, `satisfaction_target_percent`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter.clock import STATION_TZ, UTC, local
from counter.metrics import Dist, Today
from counter.models import Item, Rating, Ticket, Visit

GOOD, NEAR, BAD, NEUTRAL = "good", "near", "bad", "neutral"
OPEN_ITEM_STATUSES = ("accepted", "in_progress")  # promised, not yet ready: late when past the date


def duration_text(seconds: float | None, lang: str = "zh_CN") -> str:
    """Minutes as a manager reads them: "18 分" ("18 min"); never "18:08", which reads as a clock."""
    if seconds is None:
        return "—"
    minutes = round(seconds / 60)
    if minutes >= 120:
        hours, rest = divmod(minutes, 60)
        return f"{hours} 小时 {rest} 分" if lang != "en" else f"{hours} h {rest} min"
    return f"{minutes} 分" if lang != "en" else f"{minutes} min"


@dataclass
class TodayExtras:
    hall: Dist  # ticket issued → visit finished, visits finished today
    rated: int
    satisfied: int  # ratings 4–5
    needs_materials: int | None  # items waiting for missing materials (需补正), whenever accepted
    overdue: int | None  # items past their promised date and not yet ready (None: not read yet)

    @property
    def satisfaction(self) -> float | None:
        return self.satisfied / self.rated if self.rated else None


def today_extras(session: Session, station_id: int, now: datetime,
                 backlog: tuple[int | None, int | None] | None = None) -> TodayExtras:
    """Small indexed reads: today's visits and ratings. The open items' counts are a scan of every
    item (`backlog_counts`): read here only when the caller has none (`backlog` None); the
    window reads them once a minute apart and passes them in ((None, None): not yet)."""
    day = local(now).date()
    lo = datetime.combine(day, time(0), STATION_TZ).astimezone(UTC)
    hi = lo + timedelta(days=1)
    hall = Dist()
    for issued, finished in session.execute(  # started today (the index), finished by now
            select(Ticket.issued_at, Visit.finished_at).join(Ticket, Ticket.id == Visit.ticket_id)
            .where(Visit.station_id == station_id, Visit.started_at >= lo, Visit.started_at < hi,
                   Visit.finished_at.is_not(None), Visit.status != "cancelled")):
        if issued is not None and finished is not None:
            hall.add((finished - issued).total_seconds())
    rated, satisfied = session.execute(
        select(func.count(Rating.id), func.count(Rating.id).filter(Rating.level >= 4))
        .join(Visit, Visit.id == Rating.visit_id)
        .where(Visit.station_id == station_id, Visit.started_at >= lo, Visit.started_at < hi)).one()  # today's visits
    needs, overdue = backlog if backlog is not None else backlog_counts(session, station_id, day)
    return TodayExtras(hall=hall, rated=rated or 0, satisfied=satisfied or 0, needs_materials=needs,
                       overdue=overdue)


def backlog_counts(session: Session, station_id: int, day) -> tuple[int, int]:
    """(需补正 items, items past their promised date and not yet ready): one pass over the items."""
    needs, overdue = session.execute(
        select(func.count(Item.id).filter(Item.status == "needs_materials"),
               func.count(Item.id).filter(Item.status.in_(OPEN_ITEM_STATUSES), Item.promised_date < day))
        .join(Visit, Visit.id == Item.visit_id).where(Visit.station_id == station_id)).one()
    return needs or 0, overdue or 0


@dataclass(frozen=True)
class Tile:
    key: str
    title: str
    value: str
    target: str  # "目标 ≤ 20 分"
    level: str  # good | near | bad | neutral


def _upper(value: float | None, target: float) -> str:
    """Lower is better: within the target, up to half over it, or more."""
    if value is None:
        return NEUTRAL
    return GOOD if value <= target else NEAR if value <= target * 1.5 else BAD


def _lower(value: float | None, target: float, margin: float) -> str:
    """Higher is better: at or over the target, within `margin` under it, or less."""
    if value is None:
        return NEUTRAL
    return GOOD if value >= target else NEAR if value >= target - margin else BAD


def _count(value: int | None) -> str:
    return "—" if value is None else str(value)


def tiles(today: Today, extras: TodayExtras, config, lang: str = "zh_CN") -> list[Tile]:
    """The six tiles the 今日 page leads with, in the order a manager reads them."""
    zh = lang != "en"
    wait_target = config.service_level_minutes * 60
    hall_target = config.hall_time_target_minutes * 60
    level_target = config.service_level_target_percent / 100
    rating_target = config.satisfaction_target_percent / 100

    def pct(value: float | None) -> str:
        return "—" if value is None else f"{value:.0%}"

    p90 = today.wait.p90
    return [
        Tile("wait_p90", "等候时间 P90" if zh else "Wait p90", duration_text(p90, lang),
             (f"目标 ≤ {config.service_level_minutes} 分" if zh else f"target ≤ {config.service_level_minutes} min"),
             _upper(p90, wait_target)),
        Tile("service_level", "服务达标率" if zh else "Service level", pct(today.service_level),
             (f"目标 ≥ {config.service_level_target_percent}%（{config.service_level_minutes} 分内叫号）" if zh
              else f"target ≥ {config.service_level_target_percent}% within {config.service_level_minutes} min"),
             _lower(today.service_level, level_target, 0.10)),
        Tile("hall_time", "平均在厅时间" if zh else "Time in hall", duration_text(extras.hall.mean, lang),
             (f"目标 ≤ {config.hall_time_target_minutes} 分" if zh
              else f"target ≤ {config.hall_time_target_minutes} min"),
             _upper(extras.hall.mean, hall_target)),
        Tile("satisfaction", "好评率" if zh else "Satisfied", pct(extras.satisfaction),
             (f"目标 ≥ {config.satisfaction_target_percent}%（今日 {extras.rated} 条评价）" if zh
              else f"target ≥ {config.satisfaction_target_percent}% ({extras.rated} ratings today)"),
             _lower(extras.satisfaction, rating_target, 0.05)),
        Tile("overdue", "逾期未办结" if zh else "Overdue items", _count(extras.overdue),
             "目标 0" if zh else "target 0",
             NEUTRAL if extras.overdue is None else GOOD if extras.overdue == 0 else BAD),
        Tile("needs_materials", "需补正（待补材料）" if zh else "Materials missing", _count(extras.needs_materials),
             "跟进补正" if zh else "to follow up", NEAR if extras.needs_materials else NEUTRAL),
    ]


def today_now(ctx, backlog: tuple[int | None, int | None]):
    """The manager's today view now, in a read of its own: (live figures, tile extras)."""
    from counter import metrics
    from counter.db import reading

    with reading(ctx.sessions) as session:
        now = ctx.clock.now()
        extras = today_extras(session, ctx.station.id, now, backlog)
        return metrics.today_live(session, ctx.station.id, now, ctx.config.service_level_minutes), extras


def backlog_now(ctx) -> tuple[int, int]:
    """(需补正, overdue) item counts now, in a read of its own (a scan: run once a minute)."""
    from counter.db import reading

    with reading(ctx.sessions) as session:
        return backlog_counts(session, ctx.station.id, ctx.clock.today())
