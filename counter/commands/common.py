"""What every sub-command shares: opening the context, failing with a message, checked inputs.

A failing command changes nothing and creates nothing: outputs are checked before the database
is touched, a SQLite file that does not exist is never created except by `init-db`, and an
existing output file is only replaced with `--force`.
"""
from __future__ import annotations

import argparse
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING

from counter.safetext import quote

if TYPE_CHECKING:  # the parser is built at every start: SQLAlchemy loads only when a command runs
    from counter.context import AppContext

__all__ = [
    "CommandFailed",
    "count",
    "database_url",
    "day",
    "minutes",
    "open_context",
    "output_file",
    "quote",
    "window_number",
    "writable_output",
]

WINDOWS = (1, 999)  # window numbers a hall can have (the display shows three digits at most)


class CommandFailed(Exception):
    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


# ------------------------------------------------------------------ argument types (argparse)


def _integer(text: str, what: str, low: int, high: int) -> int:
    stripped = text.strip()
    if not (stripped.isascii() and stripped.lstrip("+-").isdigit()) or len(stripped) > 12:
        raise argparse.ArgumentTypeError(f"{what}应为 {low}–{high} 的整数 / {what_en(what)} must be a whole number "
                                         f"{low}–{high}: {quote(text)}")
    value = int(stripped)
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{what}应为 {low}–{high} / {what_en(what)} must be {low}–{high}: {value}")
    return value


_EN = {"窗口号": "the window number", "天数": "the number of days", "每日人数": "visits per day",
       "窗口数": "the number of windows", "随机种子": "the seed"}


def what_en(zh: str) -> str:
    return _EN.get(zh, zh)


def window_number(text: str) -> int:
    return _integer(text, "窗口号", *WINDOWS)


def count(what: str, low: int, high: int):
    """An argparse type: a whole number low..high (`what` names it in the message)."""
    def parse(text: str) -> int:
        return _integer(text, what, low, high)
    parse.__name__ = "count"
    return parse


def minutes(text: str) -> float:
    """A wait target in minutes: a finite number, more than 0 and at most a day."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not 0 < value <= 24 * 60:
        raise argparse.ArgumentTypeError(f"分钟数应大于 0 且不超过 1440 / minutes must be more than 0 and at most "
                                         f"1440: {quote(text)}")
    return value


FIRST_DAY, LAST_DAY = "2000-01-01", "2099-12-31"  # the days a hall's records can fall on


def day(text: str):
    """A day YYYY-MM-DD between 2000 and 2099 (0001-01-01 … 9999-12-31 overflow the day arithmetic)."""
    from datetime import date

    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日期格式应为 YYYY-MM-DD / expected a date YYYY-MM-DD: {quote(text)}") from None
    if not date.fromisoformat(FIRST_DAY) <= value <= date.fromisoformat(LAST_DAY):
        raise argparse.ArgumentTypeError(f"日期应在 {FIRST_DAY} 与 {LAST_DAY} 之间 / the date must be between "
                                         f"{FIRST_DAY} and {LAST_DAY}: {value}")
    return value


def output_file(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("文件名为空 / the file name is empty")
    if "\x00" in text:
        raise argparse.ArgumentTypeError(f"文件名无效 / not a file name: {quote(text)}")
    return Path(text)


def database_url(text: str) -> str:
    """Only a cheap look at the form here (start-up speed); SQLAlchemy parses it when a command runs."""
    scheme, sep, _ = text.strip().partition("://")
    if not sep or not scheme or not all(c.isascii() and (c.isalnum() or c in "+-.") for c in scheme):
        raise argparse.ArgumentTypeError(f"数据库地址应为 sqlite:///文件 或 postgresql+psycopg://… / "
                                         f"expected sqlite:///FILE or postgresql+psycopg://…: {quote(text)}")
    return text.strip()


# ------------------------------------------------------------------------------------- outputs


def writable_output(path, *, force: bool = False) -> Path:
    """Check an --out file can be written BEFORE the command changes anything (a ticket issued,
    a reprint counted) only to fail at the end; an existing file is kept unless `force`."""
    if not str(path).strip():
        raise CommandFailed("文件名为空 / the file name is empty")
    target = Path(path).expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    shown = quote(target, 120)
    if target.is_dir():
        raise CommandFailed(f"{shown} 是文件夹，请给出文件名 / is a folder: give a file name")
    if not folder.is_dir():
        raise CommandFailed(f"文件夹不存在 / no such folder: {quote(folder, 120)}")
    if (target.exists() or target.is_symlink()) and not force:
        raise CommandFailed(f"文件已存在，覆盖请加 --force / the file exists (add --force to replace it): {shown}")
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise CommandFailed(f"没有写入权限 / cannot write: {shown}")
    return target


def write_private(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write a file readable by its owner only (0600): reports and backups hold personal data."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | (0 if force else os.O_EXCL)
    if force and path.exists():
        path.unlink()  # a new file: an old one's looser mode must not carry over
    fd = os.open(path, flags, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)


# ------------------------------------------------------------------------------------ database


def _sqlite_file(url: str) -> Path | None:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database).expanduser()


def open_context(args: argparse.Namespace, *, migrate: bool = False) -> AppContext:
    from sqlalchemy.exc import ArgumentError

    from counter.config import load_config
    from counter.context import AppContext
    from counter.db import (
        DatabaseError,
        check_reachable,
        current_revision,
        head_revision,
        safe_url,
    )

    try:
        config = load_config(database=args.database, lang=args.lang, demo=args.demo,
                             window=getattr(args, "window", None))
        sqlite_file = _sqlite_file(config.database_url)
    except (ValueError, ArgumentError) as exc:  # an empty or unreadable URL
        raise CommandFailed(f"数据库地址无效 / invalid database URL: {exc}") from exc
    if sqlite_file is not None and not migrate and not sqlite_file.exists():
        # a mistyped path must not leave an empty database file behind
        raise CommandFailed(f"数据库文件不存在（新数据库请先运行 init-db）/ no database file (run init-db to create "
                            f"one): {quote(sqlite_file, 120)}")
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
