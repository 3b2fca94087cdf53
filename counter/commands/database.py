"""init-db, add-user."""
from __future__ import annotations

import getpass
import sys

from counter.commands.common import CommandFailed, open_context


def register(sub) -> None:
    p = sub.add_parser("init-db", help="create or upgrade the database schema (Alembic migrations)")
    p.set_defaults(run=init_db)
    p = sub.add_parser("add-user", help="create an account (asks for the password twice)")
    p.add_argument("name")
    p.add_argument("--role", choices=("clerk", "manager", "admin"), default="clerk")
    p.add_argument("--display-name", help="name shown on receipts (default: the user name)")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from standard input (scripts); no prompt")
    p.add_argument("--badge", help="badge number (警号, or the auxiliary's number), printed on receipts")
    p.add_argument("--auxiliary", action="store_true",
                   help="an auxiliary officer (辅警): receipts name the responsible officer")
    p.add_argument("--officer", help="user name of the auxiliary's responsible officer (民警)")
    p.set_defaults(run=add_user)


def init_db(args) -> int:
    from counter.db import safe_url

    ctx = open_context(args, migrate=True)
    station = ctx.station
    print(f"数据库已就绪 / database ready: {safe_url(ctx.config.database_url)} (station {station.code})")
    return 0


def _read_password(args) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("密码 / password: ")
    second = getpass.getpass("再次输入 / again: ")
    if first != second:
        raise CommandFailed("两次输入的密码不一致 / the two passwords differ")
    return first


def add_user(args) -> int:
    from counter.auth import AuthError, create_user
    from counter.models import Role

    ctx = open_context(args)
    password = _read_password(args)
    try:
        with ctx.sessions.begin() as session:
            user = create_user(session, ctx.clock, station_id=ctx.station.id, username=args.name,
                               display_name=args.display_name or args.name, role=Role(args.role),
                               password=password, must_change=True)
            if args.badge or args.auxiliary:
                from counter.badges import set_badge

                set_badge(session, user, badge_number=args.badge, auxiliary=args.auxiliary,
                          officer=args.officer)
    except AuthError as exc:
        raise CommandFailed(f"{exc.zh_CN} / {exc.en}") from exc
    print(f"已创建 {args.role} 账号 {args.name} / account created")
    return 0
