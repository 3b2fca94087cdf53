"""What every sub-command shares: opening the context, failing with a message."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the parser is built at every start: SQLAlchemy loads only when a command runs
    from counter.context import AppContext


class CommandFailed(Exception):
    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def writable_output(path) -> Path:
    """Check an --out file can be written BEFORE the command changes anything (a ticket issued,
    a reprint counted) only to fail at the end."""
    import os

    target = Path(path).expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise CommandFailed(f"{target} 是文件夹，请给出文件名 / is a folder: give a file name")
    if not folder.is_dir():
        raise CommandFailed(f"文件夹不存在 / no such folder: {folder}")
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise CommandFailed(f"没有写入权限 / cannot write: {target}")
    return target


def open_context(args: argparse.Namespace, *, migrate: bool = False) -> AppContext:
    from counter.config import load_config
    from counter.context import AppContext
    from counter.db import DatabaseError, check_reachable, current_revision, head_revision, safe_url

    config = load_config(database=args.database, lang=args.lang, demo=args.demo,
                         window=getattr(args, "window", None))
    try:
        check_reachable(config.database_url)
    except DatabaseError as exc:
        raise CommandFailed(f"无法打开数据库 / cannot open the database: {exc}") from exc
    ctx = AppContext.open(config)
    if migrate:
        from counter.db import upgrade

        upgrade(config.database_url)
    elif current_revision(ctx.engine) != head_revision():
        raise CommandFailed(
            f"数据库未初始化或版本过旧，请先运行 init-db / database {safe_url(config.database_url)} "
            "is not at the current schema: run `init-db` first")
    return ctx
