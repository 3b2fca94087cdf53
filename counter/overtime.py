"""Overtime alerts (超时提醒) for the manager's today view and the clerk's status bar.

Three alerts, each a plain function of the database rows and `now` (the clock is a parameter,
so a test moves a `FixedClock` and sees each alert appear):

- visit: a visit running past the sum of its items' 标准办理时长 (`steptimes.standard_minutes`).
  Visits are stored only when they end, so the clerk's window publishes the visit it is running
  on its window row (`running_since`, `running_standard_minutes`; `publish_running`).
- waiting: a citizen waiting longer than the wait target (`service_level_minutes`, default 20).
- predicted: a category whose predicted wait for a new ticket passes the target. The estimate
  is simple: waiting tickets × today's mean handling time (else the catalogue's mean standard
  time) ÷ open windows serving the category. The alert names a window to open for it: a closed
  one first, else an open one that serves other categories.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.clock import STATION_TZ, UTC, local
from counter.forms.spec import Catalog, Text
from counter.metrics import DEFAULT_TARGET_MINUTES
from counter.models import ServiceWindow, Ticket, Visit
from counter.steptimes import standard_minutes

DEFAULT_HANDLING_MINUTES = 10


@dataclass(frozen=True)
class Alert:
    kind: str  # visit | waiting | predicted | followup
    subject: str  # the window, the ticket or the category it is about
    minutes: float  # minutes over (visit, waiting) or the predicted wait (predicted; inf: no open window)
    text: Text
    window: str | None = None  # predicted: the window suggested to open


def _over(seconds: float) -> float:
    return round(seconds / 60, 1)


def visit_alert(subject: str, since: datetime, standard: int | None, now: datetime,
                subject_en: str | None = None) -> Alert | None:
    """The running visit at `subject` (a window name) past its standard time, or None."""
    if since is None or not standard:
        return None
    over = (now - since).total_seconds() - standard * 60
    if over <= 0:
        return None
    m = _over(over)
    return Alert("visit", subject, m, Text(f"{subject}：当前办件已超标准时长 {m:g} 分钟（标准 {standard} 分钟）",
                                           f"{subject_en or subject}: the visit runs {m:g} min past its standard "
                                           f"({standard} min)"))


def flow_standard_minutes(flow) -> int | None:
    """The sum of the chosen items' standard times; None before any procedure is chosen."""
    return sum(standard_minutes(i.procedure) for i in flow.items) or None


def flow_alert(flow, now: datetime, subject: str = "") -> Alert | None:
    """The clerk's own visit (in memory in the clerk's window)."""
    if flow is None:
        return None
    return visit_alert(subject or "本窗口", flow.started_at, flow_standard_minutes(flow), now)


def running_visit_alerts(session: Session, station_id: int, now: datetime) -> list[Alert]:
    found = []
    for number, name, since, standard in session.execute(
            select(ServiceWindow.number, ServiceWindow.name, ServiceWindow.running_since,
                   ServiceWindow.running_standard_minutes)
            .where(ServiceWindow.station_id == station_id, ServiceWindow.running_since.is_not(None))
            .order_by(ServiceWindow.number)):
        if local(since).date() != local(now).date():
            continue  # left from a day the terminal was switched off mid-visit: not a running visit
        alert = visit_alert(name, since, standard, now, f"Window {number}")
        if alert is not None:
            found.append(alert)
    return found


def waiting_alerts(session: Session, station_id: int, now: datetime,
                   target_minutes: float = DEFAULT_TARGET_MINUTES) -> list[Alert]:
    """Every waiting ticket of today issued more than the target ago, longest first."""
    limit = now - timedelta(minutes=target_minutes)
    found = []
    for category, number, issued in session.execute(
            select(Ticket.category, Ticket.number, Ticket.issued_at)
            .where(Ticket.station_id == station_id, Ticket.status == "waiting",
                   Ticket.service_day == local(now).date(), Ticket.issued_at < limit)
            .order_by(Ticket.issued_at)):
        code = f"{category}{number:03d}"
        m = _over((now - issued).total_seconds())
        found.append(Alert("waiting", code, m, Text(f"{code} 已等候 {m:g} 分钟（目标 {target_minutes:g} 分钟）",
                                                    f"{code} has waited {m:g} min (target {target_minutes:g} min)")))
    return found


def _mean_handling_seconds(session: Session, station_id: int, now: datetime, catalog: Catalog | None) -> float:
    day_start = datetime.combine(local(now).date(), time(0), STATION_TZ).astimezone(UTC)
    times = [(f - s).total_seconds() for s, f in session.execute(
        select(Visit.started_at, Visit.finished_at)
        .where(Visit.station_id == station_id, Visit.started_at >= day_start, Visit.finished_at.is_not(None)))]
    if times:
        return sum(times) / len(times)
    if catalog is not None and catalog.procedures:
        return 60 * sum(standard_minutes(p) for p in catalog.procedures) / len(catalog.procedures)
    return DEFAULT_HANDLING_MINUTES * 60


def predicted_wait_alerts(session: Session, station_id: int, now: datetime,
                          target_minutes: float = DEFAULT_TARGET_MINUTES,
                          catalog: Catalog | None = None) -> list[Alert]:
    from counter.queueing import CATEGORIES, waiting_counts

    waiting = waiting_counts(session, station_id, local(now).date())
    windows = list(session.scalars(select(ServiceWindow).where(ServiceWindow.station_id == station_id)
                                   .order_by(ServiceWindow.number)))
    mean = None
    found = []
    for category in CATEGORIES:
        n = waiting.get(category.letter, 0)
        if not n:
            continue
        mean = mean if mean is not None else _mean_handling_seconds(session, station_id, now, catalog)
        serving = [w for w in windows if w.state == "open" and category.letter in w.serves()]
        predicted = n * mean / len(serving) if serving else float("inf")
        if predicted <= target_minutes * 60:
            continue
        suggestion = _window_to_open(windows, category.letter)
        m = float("inf") if not serving else _over(predicted)
        if serving:
            zh = f"{category.zh}（{category.letter}）预计等候 {m:g} 分钟，超过目标 {target_minutes:g} 分钟"
            en = f"{category.en} ({category.letter}): predicted wait {m:g} min, over the {target_minutes:g} min target"
        else:
            zh = f"{category.zh}（{category.letter}）有 {n} 人等候，没有开放的窗口办理"
            en = f"{category.en} ({category.letter}): {n} waiting, no open window serves it"
        if suggestion is not None:
            verb_zh = "开启" if suggestion.state != "open" else "改为兼办"
            zh += f"；建议{verb_zh}{suggestion.name}"
            en += f"; open window {suggestion.number} for it" if suggestion.state != "open" else \
                f"; let window {suggestion.number} serve it too"
        found.append(Alert("predicted", category.letter, m, Text(zh, en),
                           suggestion.name if suggestion is not None else None))
    return found


def _window_to_open(windows: list[ServiceWindow], letter: str) -> ServiceWindow | None:
    """A closed (or paused) window first; else an open one serving other categories only."""
    for w in windows:
        if w.state != "open":
            return w
    for w in windows:
        if letter not in w.serves():
            return w
    return None


def hall_alerts(session: Session, station_id: int, now: datetime,
                target_minutes: float = DEFAULT_TARGET_MINUTES, catalog: Catalog | None = None) -> list[Alert]:
    """All three kinds, for the manager's today view."""
    return (running_visit_alerts(session, station_id, now)
            + waiting_alerts(session, station_id, now, target_minutes)
            + predicted_wait_alerts(session, station_id, now, target_minutes, catalog))


def hall_alerts_now(ctx) -> list[Alert]:
    """`hall_alerts` for this terminal's station now, in a read of its own, and the bad ratings
    whose follow-up is overdue (国办发〔2019〕51号): the manager's today view."""
    from counter.db import reading

    with reading(ctx.sessions) as session:
        alerts = hall_alerts(session, ctx.station.id, ctx.clock.now(), ctx.config.service_level_minutes, ctx.catalog)
    return alerts + followup_alerts(ctx)


def followup_alerts(ctx) -> list[Alert]:
    """One alert per open follow-up of a bad rating past its deadline."""
    from counter.journey import followups

    today = local(ctx.clock.now()).date()
    return [Alert("followup", case.receipt_number, float((today - case.due_on).days * 24 * 60),
                  Text(f"好差评回访逾期：回执 {case.receipt_number}（{case.level_text}），"
                       f"期限 {case.due_on.isoformat()}，承办人 {case.assignee or '未指派'}",
                       f"Follow-up overdue: receipt {case.receipt_number} ({case.level_text}), due "
                       f"{case.due_on.isoformat()}, assigned to {case.assignee or 'nobody'}"))
            for case in followups.overdue(ctx)]


def queue_alerts_now(ctx) -> list[Alert]:
    """The hall's waiting and predicted-wait alerts now, in a read of its own (the clerk's bar)."""
    from counter.db import reading

    now, target = ctx.clock.now(), ctx.config.service_level_minutes
    with reading(ctx.sessions) as session:
        return (waiting_alerts(session, ctx.station.id, now, target)
                + predicted_wait_alerts(session, ctx.station.id, now, target, ctx.catalog))


def clerk_alerts(ctx, flow, *, window_name: str = "") -> list[Alert]:
    """The clerk's status bar: the own visit, then the hall's waiting and predicted alerts."""
    from counter.db import reading

    now = ctx.clock.now()
    target = getattr(ctx.config, "service_level_minutes", DEFAULT_TARGET_MINUTES)
    own = flow_alert(flow, now, window_name)
    with reading(ctx.sessions) as session:
        hall = (waiting_alerts(session, ctx.station.id, now, target)
                + predicted_wait_alerts(session, ctx.station.id, now, target, ctx.catalog))
    return ([own] if own else []) + hall


def publish_running(ctx, flow) -> tuple | None:
    """Put the visit this terminal runs (or none) on its window row, for the manager's alert.

    Returns what was published, so the caller writes again only when it changes."""
    published = (flow.started_at, flow_standard_minutes(flow)) if flow is not None else (None, None)
    with ctx.sessions.begin() as session:
        window = ctx.window(session)
        window.running_since, window.running_standard_minutes = published
    return published


__all__ = ["Alert", "clerk_alerts", "flow_alert", "flow_standard_minutes", "hall_alerts", "predicted_wait_alerts",
           "publish_running", "running_visit_alerts", "visit_alert", "waiting_alerts"]
