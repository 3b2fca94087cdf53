"""init-db, add-user."""
from __future__ import annotations

import getpass
import re
import sys
from pathlib import Path

from counter.commands.common import CommandFailed, count, open_context, quote


def register(sub) -> None:
    p = sub.add_parser("init-db", help="create or upgrade the database schema (Alembic migrations)")
    p.add_argument("--windows", type=count("窗口数", 1, 999), metavar="N",
                   help="also create windows 1..N (this terminal's window, --window, is always created)")
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
    from counter.queueing import window_row

    fresh = _new_database(args)
    ctx = open_context(args, migrate=True)
    if fresh:  # a database created anew where one may have been before: old anchors no longer apply
        from counter import audit_anchors as anchors

        anchors.mark_reset(anchors.database_id(ctx.engine.url), "init-db", anchors.terminal_key())
    station = ctx.station
    numbers = sorted({ctx.config.window_number, *range(1, (args.windows or 0) + 1)})
    with ctx.sessions.begin() as session:  # windows exist only once created here or in the settings
        for number in numbers:
            window_row(session, ctx, number)
    print(f"数据库已就绪 / database ready: {safe_url(ctx.config.database_url)} (station {station.code}, "
          f"windows {', '.join(map(str, numbers)) if len(numbers) < 8 else f'{numbers[0]}–{numbers[-1]}'})")
    return 0


def _new_database(args) -> bool:
    """No schema yet (a new SQLite file, an empty PostgreSQL database)."""
    from sqlalchemy.engine import make_url

    from counter.config import load_config
    from counter.db import check_reachable, current_revision, make_engine

    try:
        url = load_config(database=args.database, lang=args.lang, demo=args.demo).database_url
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            name = parsed.database or ""
            return name in ("", ":memory:") or not Path(name).expanduser().exists()
        check_reachable(url)
    except Exception:
        return False
    engine = make_engine(url)
    try:
        return current_revision(engine) is None
    finally:
        engine.dispose()


def _read_password(args) -> str:
    if args.password_stdin:
        line = sys.stdin.buffer.readline() if hasattr(sys.stdin, "buffer") else sys.stdin.readline().encode()
        try:
            return line.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as exc:
            raise CommandFailed(
                "密码不是有效的 UTF-8 文本 / the password on standard input is not valid UTF-8") from exc
    first = getpass.getpass("密码 / password: ")
    second = getpass.getpass("再次输入 / again: ")
    if first != second:
        raise CommandFailed("两次输入的密码不一致 / the two passwords differ")
    return first


def _check_names(args) -> None:
    """Each field judged by its own rule, before anything is read or opened: a long user name
    is reported as the user name's fault, not the display name's it defaults to."""
    if not re.fullmatch(r"[A-Za-z0-9_.-]{2,32}", args.name):
        raise CommandFailed(f"用户名须为2-32位字母、数字或 _ . - / user names are 2-32 letters, digits, _ . or -: "
                            f"{quote(args.name)}")
    shown = args.display_name
    if shown is not None and (len(shown.strip()) > 64 or not shown.strip().isprintable()):
        raise CommandFailed(f"显示姓名至多64个可打印字符 / --display-name is up to 64 printable characters: "
                            f"{quote(shown)}")


def add_user(args) -> int:
    from counter.auth import AuthError, create_user
    from counter.models import Role

    _check_names(args)
    password = _read_password(args)
    ctx = open_context(args)
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
