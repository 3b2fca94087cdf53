"""receipt (reprint a receipt as PDF), backup and restore.

Backup. SQLite: the online backup API (a consistent copy while terminals keep working; WAL
included). PostgreSQL: `pg_dump --format=custom` (the PostgreSQL client tools must be installed:
Debian package `postgresql-client`; the command says so when they are missing); restore with
`restore FILE` (runs `pg_restore --clean --if-exists`) or by hand:
`pg_restore --clean --if-exists --no-owner -d postgresql://user@host/db FILE`.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from counter.commands.common import (
    CommandFailed,
    open_context,
    output_file,
    quote,
    writable_output,
)


def register(sub) -> None:
    p = sub.add_parser("receipt", help="reprint a receipt as PDF (counted as a reprint)")
    p.add_argument("number", help="the receipt number printed under the barcode")
    p.add_argument("--out", type=output_file, required=True, help="the PDF file to write")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.set_defaults(run=receipt)

    p = sub.add_parser("backup", help="copy the database to a file (SQLite online backup; PostgreSQL pg_dump)")
    p.add_argument("--out", type=output_file, required=True, help="the backup file to write (mode 0600)")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.set_defaults(run=backup)

    p = sub.add_parser("restore", help="replace the database's content with a backup file")
    p.add_argument("file", type=Path, help="a file written by `backup`")
    p.add_argument("--yes", action="store_true", help="really overwrite the current database")
    p.set_defaults(run=restore)


def receipt(args) -> int:
    from counter.visits import VisitError, render_receipt_pdf

    number = args.number.strip()
    if not (number.isascii() and number.isalnum() and len(number) <= 32):  # before any lookup or echo
        raise CommandFailed(f"回执号不存在 / no such receipt: {quote(args.number)}", code=1)
    writable_output(args.out, force=args.force)
    ctx = open_context(args)
    try:
        pdf = render_receipt_pdf(ctx, number, reprint=True, lang=args.lang or "zh_CN")
    except VisitError as exc:
        raise CommandFailed(f"{exc.zh_CN} / {exc.en}", code=1) from exc
    args.out.write_bytes(pdf)
    print(f"已生成回执 / receipt written: {args.out}")
    return 0


# ------------------------------------------------------------------ backup / restore


def _url(args) -> str:
    from counter.config import load_config

    return load_config(database=args.database, lang=args.lang, demo=args.demo).database_url


def _sqlite_path(url: str) -> Path | None:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise CommandFailed("内存数据库无法备份 / an in-memory database cannot be backed up")
    return Path(parsed.database).expanduser()


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        import glob

        candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
        found = candidates[0] if candidates else None
    if found is None:
        raise CommandFailed(f"找不到 {name}：请安装 PostgreSQL 客户端工具"
                            "（Debian: apt-get install postgresql-client）/ "
                            f"{name} not found: install the PostgreSQL client tools (Debian: postgresql-client)")
    return found


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq URI without the password (it goes in PGPASSWORD, not on a command line)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url).set(drivername="postgresql")
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
        parsed = parsed.set(password=None)
    return parsed.render_as_string(hide_password=False), env


def _sqlite_copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _private_empty_file(path: Path, *, force: bool) -> None:
    """The backup holds full ID numbers: the file is created 0600 before anything is written
    into it (SQLite and pg_dump then write into the existing file and keep its mode)."""
    if force:
        path.unlink(missing_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def backup(args) -> int:
    from counter.db import safe_url

    url, out = _url(args), args.out.expanduser()
    path = _sqlite_path(url)
    if path is not None and not path.exists():
        raise CommandFailed(f"数据库文件不存在 / no database file: {path}")
    tool = _pg_tool("pg_dump") if path is None else None
    new_folder = not out.parent.exists()
    if new_folder and not out.parent.is_symlink():  # a dated folder per backup is common
        out.parent.mkdir(parents=True)
    try:
        writable_output(out, force=args.force)
        _private_empty_file(out, force=args.force)
    except BaseException:
        if new_folder:
            out.parent.rmdir()
        raise
    try:
        if path is not None:
            _sqlite_copy(path, out)
            check = sqlite3.connect(out)
            try:
                if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise CommandFailed(f"备份校验失败 / the backup failed its integrity check: {out}")
            finally:
                check.close()
        else:
            uri, env = _libpq(url)
            result = subprocess.run([tool, "--format=custom", "--no-owner", f"--file={out}",
                                     f"--dbname={uri}"], capture_output=True, text=True, env=env)
            if result.returncode != 0:
                raise CommandFailed(f"pg_dump 失败 / pg_dump failed ({safe_url(url)}): {result.stderr.strip()}")
    except BaseException:
        out.unlink(missing_ok=True)  # a failed backup leaves no half file behind
        if new_folder:
            out.parent.rmdir()
        raise
    print(f"已备份 / backed up: {safe_url(url)} -> {out} ({out.stat().st_size} bytes)")
    return 0


def restore(args) -> int:
    from counter.db import safe_url

    url, source = _url(args), args.file
    if not source.exists():
        raise CommandFailed(f"备份文件不存在 / no such backup file: {source}")
    if not args.yes:
        raise CommandFailed(f"恢复将覆盖 {safe_url(url)} 的全部数据：确认请加 --yes / restoring overwrites everything "
                            f"in {safe_url(url)}: add --yes to confirm")
    path = _sqlite_path(url)
    if path is not None:
        try:
            check = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            try:
                ok = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                revision = check.execute("SELECT version_num FROM alembic_version").fetchone()
            finally:
                check.close()
        except sqlite3.DatabaseError as exc:
            raise CommandFailed(f"不是本程序的备份文件 / not a backup of this program: {source} ({exc})") from exc
        if not ok or revision is None:
            raise CommandFailed(f"备份文件损坏或不完整 / the backup is damaged or incomplete: {source}")
        path.parent.mkdir(parents=True, exist_ok=True)
        _sqlite_copy(source, path)  # page by page under SQLite's lock: other readers never see half
    else:
        uri, env = _libpq(url)
        result = subprocess.run([_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
                                 f"--dbname={uri}", str(source)], capture_output=True, text=True, env=env)
        if result.returncode != 0:
            raise CommandFailed(f"pg_restore 失败 / pg_restore failed ({safe_url(url)}): {result.stderr.strip()}")
    _anchors_reset(url)
    print(f"已恢复 / restored: {source} -> {safe_url(url)}")
    return 0


def _anchors_reset(url: str) -> None:
    """The audit chain is now the backup's: this terminal's anchors of the database no longer
    apply. The reset is itself a signed line of the anchor file, for the inspector to see."""
    from sqlalchemy.engine import make_url

    from counter import audit_anchors as anchors

    try:
        anchors.mark_reset(anchors.database_id(make_url(url)), "restore", anchors.terminal_key())
    except OSError as exc:
        raise CommandFailed(f"已恢复，但锚点文件无法写入 / restored, but the anchor file could not be written: {exc}",
                            code=1) from exc
