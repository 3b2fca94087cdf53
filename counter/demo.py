"""Demo data: accounts, windows and a few days of visits, so the program can be tried at once.

The accounts below exist only in demo databases; the login dialog lists them only in demo mode.
"""
from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from sqlalchemy import func, select, update

from counter.auth import create_user, has_users
from counter.context import AppContext
from counter.models import Item, Receipt, Role, ServiceWindow, User, Visit
from counter.windows import window_row
from counter.simulate.model import demo_id_number  # noqa: F401 - the demo bookings (counter.appointments) take it from here

DEMO_ACCOUNTS = [  # (role label, user name, password)
    ("系统管理员 admin", "admin", "Admin@2026"),
    ("所领导 manager", "zhang", "Manager@2026"),
    ("窗口民警 clerk", "li", "Clerk@2026"),
    ("窗口辅警 clerk", "wang", "Clerk@2026"),
]
ROLES = {"admin": Role.ADMIN, "zhang": Role.MANAGER, "li": Role.CLERK, "wang": Role.CLERK}
NAMES = {"admin": "管理员", "zhang": "张所长", "li": "李警官", "wang": "王辅警"}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英",
         "华", "建国"]


def seed_accounts(ctx: AppContext) -> None:
    station = ctx.station
    with ctx.sessions.begin() as session:
        if has_users(session):
            return
        for _, username, password in DEMO_ACCOUNTS:
            create_user(session, ctx.clock, station_id=station.id, username=username,
                        display_name=NAMES[username], role=ROLES[username], password=password, must_change=False)
        for number in (1, 2, 3):
            window_row(session, station.id, number, name=f"{number}号综合窗口", state="open")


def seed_visits(ctx: AppContext, days: int = 3, per_day: int = 20, seed: int = 7) -> int:
    """Simulated traffic for the demo: `days` past days and today up to now (counter.simulate)."""
    from counter.simulate import SimOptions, simulate

    with ctx.sessions() as session:
        if session.scalar(select(func.count(Visit.id))):
            return 0
        windows = session.scalar(select(func.count(ServiceWindow.id)).where(
            ServiceWindow.station_id == ctx.station.id)) or 0
    result = simulate(ctx, SimOptions(days=days + 1, visits_per_day=per_day, windows=max(3, windows), seed=seed))
    audit_simulated_days(ctx, result, seed=seed)
    from counter.appointments import seed_demo  # 预约: today's and tomorrow's bookings

    seed_demo(ctx, seed=seed)
    # arrivals, notices, follow-ups (issue 19)
    from counter.journey.demo import seed_journey

    seed_journey(ctx, seed=seed)
    release_own_window(ctx)
    return result.visits


def release_own_window(ctx: AppContext) -> None:
    """The simulation's cut may leave this terminal's window serving a ticket that has no visit
    (办理中 with nothing open). The demo starts with that citizen called instead: F6 starts the
    visit, F3 calls again."""
    from sqlalchemy import delete

    from counter.models import Ticket, TicketEvent

    with ctx.sessions.begin() as session:
        window = session.scalar(select(ServiceWindow).where(ServiceWindow.station_id == ctx.station.id,
                                                            ServiceWindow.number == ctx.config.window_number))
        ticket = session.get(Ticket, window.current_ticket_id) if window and window.current_ticket_id else None
        if ticket is not None and ticket.status == "serving":
            ticket.status, ticket.started_at = "called", None
            session.execute(delete(TicketEvent).where(TicketEvent.ticket_id == ticket.id, TicketEvent.kind == "start"))


REPRINT_SHARE = 0.03  # receipts reprinted (lost, a second copy for a proxy)


def audit_simulated_days(ctx: AppContext, result, *, seed: int = 1) -> int:
    """The audit rows the simulated days would have written: each clerk's login and logout per
    day, every finished visit, a few receipt reprints (their receipts' reprint counts raised
    to match). Appended to the station's chain in time order, so `audit verify` on demo data
    checks a realistic trail. Returns the number of rows."""
    from counter import audit
    from counter.clock import STATION_TZ

    if result.first_day is None or not result.visits:
        return 0
    station = ctx.station
    start = datetime.combine(result.first_day, time(), STATION_TZ)
    end = datetime.combine(result.last_day + timedelta(days=1), time(), STATION_TZ)
    now = ctx.clock.now()
    rng = random.Random(seed)
    with ctx.sessions.begin() as session:
        visits = session.execute(
            select(Visit.id, Visit.started_at, Visit.finished_at, User.id, User.username, ServiceWindow.number,
                   Receipt.number, Receipt.id)
            .join(User, User.id == Visit.clerk_id).join(Receipt, Receipt.visit_id == Visit.id)
            .outerjoin(ServiceWindow, ServiceWindow.id == Visit.window_id)
            .where(Visit.station_id == station.id, Visit.finished_at >= start, Visit.finished_at < end)
            .order_by(Visit.finished_at)).all()
        codes: dict[int, list[str]] = {}
        for visit_id, code in session.execute(select(Item.visit_id, Item.procedure_code).join(Visit)
                                              .where(Visit.station_id == station.id, Visit.finished_at >= start,
                                                     Visit.finished_at < end).order_by(Item.visit_id, Item.position)):
            codes.setdefault(visit_id, []).append(code)
        rows, shifts, reprinted = [], {}, []
        for vid, started, finished, uid, username, window, number, receipt_id in visits:
            who = {"user_id": uid, "username": username, "terminal": f"window-{window or 0:02d}"}
            shift = shifts.setdefault((finished.astimezone(STATION_TZ).date(), uid), [started, finished, who])
            shift[0], shift[1] = min(shift[0], started), max(shift[1], finished)
            rows.append({**who, "at": finished, "action": "visit.finished",
                         "detail": f"visit={vid} receipt={number} items={','.join(codes.get(vid, []))}"})
            if rng.random() < REPRINT_SHARE:
                at = finished + timedelta(minutes=rng.uniform(2, 90))
                if at < now:
                    reprinted.append(receipt_id)
                    rows.append({**who, "at": at, "action": "receipt.reprint",
                                 "detail": f"receipt={number} visit={vid} reprint=1"})
        for first, last, who in shifts.values():
            rows.append({**who, "at": first - timedelta(minutes=rng.uniform(5, 25)), "action": "login"})
            logout = last + timedelta(minutes=rng.uniform(3, 15))
            if logout < now:
                rows.append({**who, "at": logout, "action": "logout"})
        rows.sort(key=lambda r: r["at"])
        for chunk in range(0, len(reprinted), 500):
            session.execute(update(Receipt).where(Receipt.id.in_(reprinted[chunk:chunk + 500]))
                            .values(reprints=Receipt.reprints + 1))
        return audit.append_many(session, station.id, rows)

