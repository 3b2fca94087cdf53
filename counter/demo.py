"""Demo data: accounts, windows and a few days of visits, so the program can be tried at once.

The accounts below exist only in demo databases; the login dialog lists them only in demo mode.
"""
from __future__ import annotations

import random
from datetime import date

from sqlalchemy import func, select

from counter.auth import create_user, has_users
from counter.context import AppContext
from counter.models import Role, ServiceWindow, Visit

DEMO_ACCOUNTS = [  # (role label, user name, password)
    ("系统管理员 admin", "admin", "Admin@2026"),
    ("所领导 manager", "zhang", "Manager@2026"),
    ("窗口民警 clerk", "li", "Clerk@2026"),
    ("窗口辅警 clerk", "wang", "Clerk@2026"),
]
ROLES = {"admin": Role.ADMIN, "zhang": Role.MANAGER, "li": Role.CLERK, "wang": Role.CLERK}
NAMES = {"admin": "管理员", "zhang": "张所长", "li": "李警官", "wang": "王辅警"}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "建国"]


def demo_id_number(rng: random.Random, birth: date, male: bool) -> str:
    first = f"110105{birth:%Y%m%d}{rng.randint(0, 49) * 2 + (1 if male else 0):03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first + "10X98765432"[sum(int(d) * w for d, w in zip(first, weights)) % 11]


def seed_accounts(ctx: AppContext) -> None:
    station = ctx.station
    with ctx.sessions.begin() as session:
        if has_users(session):
            return
        for _, username, password in DEMO_ACCOUNTS:
            create_user(session, ctx.clock, station_id=station.id, username=username,
                        display_name=NAMES[username], role=ROLES[username], password=password, must_change=False)
        for number in (1, 2, 3):
            session.add(ServiceWindow(station_id=station.id, number=number, name=f"{number}号综合窗口",
                                      categories="A,B,C,V", state="open"))


def seed_visits(ctx: AppContext, days: int = 3, per_day: int = 20, seed: int = 7) -> int:
    """Simulated traffic for the demo: `days` past days and today up to now (counter.simulate)."""
    from counter.simulate import SimOptions, simulate

    with ctx.sessions() as session:
        if session.scalar(select(func.count(Visit.id))):
            return 0
        windows = session.scalar(select(func.count(ServiceWindow.id)).where(
            ServiceWindow.station_id == ctx.station.id)) or 0
    result = simulate(ctx, SimOptions(days=days + 1, visits_per_day=per_day, windows=max(3, windows), seed=seed))
    return result.visits

