"""The audit trail: append-only, each row chained to the one before by a SHA-256 hash.

    hash = sha256(prev_hash + canonical(row)).hexdigest()
    canonical(row) = JSON of [station_id, at (UTC ISO, microseconds), user_id, username,
                              terminal, action, detail]

The first row's `prev_hash` is `GENESIS` (64 zeros). `verify()` walks the rows in id order and
reports the first one that does not fit: a row whose content was edited (its own hash no longer
matches), a row deleted before it (its `prev_hash` names no row it follows), or rows put in
another order (its `prev_hash` names a row found elsewhere in the table).

`record()` writes inside the caller's transaction, so the audited change and its audit row
are committed together or not at all. Appending is serialised: on SQLite every write
transaction is `BEGIN IMMEDIATE` (counter.db), on PostgreSQL a transaction-level advisory lock
is taken before the last hash is read, so two terminals never chain to the same row.

Retention (等级保护 2.0: audit records kept at least six months): nothing in this program
deletes or updates audit rows — there is no purge command, and no service issues UPDATE or
DELETE on `audit_log` (tests/test_audit.py checks the source for it). `RETENTION` states the
minimum; any future archiving step must keep every row younger than that, and `can_purge()`
is the one rule it has to ask. What the chain cannot prove alone is that the newest rows were
not cut off the end: `audit verify` prints the head (last id and hash) so an inspector can
note it and later check it with `audit verify --expect-head ID:HASH`.
"""
from __future__ import annotations

import csv
import getpass
import hashlib
import io
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from counter.clock import as_utc, format_local, utcnow
from counter.models import AuditEntry

if TYPE_CHECKING:
    from counter.auth import Principal
    from counter.context import AppContext

GENESIS = "0" * 64
RETENTION = timedelta(days=180)
_PG_LOCK_KEY = 0x41554449  # "AUDI": the advisory lock that serialises appends on PostgreSQL

# the actions written, for people reading an export
ACTIONS = {
    "login": ("登录", "login"),
    "login.failed": ("登录失败", "failed login"),
    "login.refused": ("锁定期间登录被拒", "login refused while locked"),
    "account.locked": ("账号锁定", "account locked"),
    "logout": ("注销", "logout"),
    "terminal.locked": ("终端锁屏", "terminal locked"),
    "terminal.unlocked": ("终端解锁", "terminal unlocked"),
    "draft.parked": ("草稿挂起（换人登录）", "draft parked (another clerk logged in)"),
    "password.changed": ("修改密码", "password changed"),
    "account.created": ("创建账号", "account created"),
    "account.changed": ("修改账号", "account changed"),
    "account.password_reset": ("重置密码", "password reset"),
    "visit.finished": ("办结", "visit finished"),
    "receipt.reprint": ("补打回执", "receipt reprinted"),
    "receipt.view": ("查看回执", "receipt viewed"),
    "citizen.search": ("查询群众办件", "citizen search"),
    "citizen.view": ("查看群众办件", "citizen record viewed"),
    "export.audit": ("导出审计记录", "audit export"),
    "export.raw": ("导出原始个人信息", "raw personal data export"),
    "export.report": ("导出报表", "report export"),
    "setting.changed": ("修改设置", "setting changed"),
    "audit.verify": ("校验审计链", "audit chain verified"),
}


def canonical(entry: AuditEntry) -> str:
    at = as_utc(entry.at).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return json.dumps([entry.station_id, at, entry.user_id, entry.username, entry.terminal, entry.action,
                       entry.detail], ensure_ascii=False, separators=(",", ":"))


def chain_hash(prev_hash: str, entry: AuditEntry) -> str:
    return hashlib.sha256((prev_hash + canonical(entry)).encode("utf-8")).hexdigest()


def _os_user() -> str:
    try:
        return "os:" + getpass.getuser()
    except Exception:  # no login name (a service account, a container)
        return "os:?"


def record(session: Session, principal: Principal | None, action: str, detail: str | None = None,
           terminal: str | None = None, *, at: datetime | None = None, station_id: int | None = None,
           username: str | None = None, user_id: int | None = None) -> AuditEntry:
    """Append one row inside the caller's transaction (committed with the caller's change).

    Without a principal (command line, a failed login) `username` says who was named, and
    failing that the operating-system account is written.
    """
    if principal is not None:
        user_id = principal.user_id if user_id is None else user_id
        username = principal.username if username is None else username
        station_id = principal.station_id if station_id is None else station_id
    elif username is None:
        username = _os_user()
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
    session.flush()  # the caller's pending rows first: ids and the last hash are then final
    last = session.execute(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).scalar()
    entry = AuditEntry(station_id=station_id, at=as_utc(at or utcnow()), user_id=user_id,
                       username=(username or "")[:64] or None, terminal=(terminal or "")[:64] or None,
                       action=action[:32], detail=detail, prev_hash=last or GENESIS, hash="")
    entry.hash = chain_hash(entry.prev_hash, entry)
    session.add(entry)
    session.flush()
    return entry


def log(ctx: AppContext, session: Session, action: str, detail: str | None = None, *,
        principal: Principal | None = None, **kw) -> AuditEntry:
    """`record()` with the context's principal, terminal and clock."""
    who = principal if principal is not None else ctx.principal
    kw.setdefault("station_id", who.station_id if who else _station_id(ctx, session))
    return record(session, who, action, detail, ctx.config.terminal, at=ctx.clock.now(), **kw)


def _station_id(ctx: AppContext, session: Session) -> int | None:
    """This terminal's station, read in the caller's session (never a second writer)."""
    from counter.models import Station

    cached = ctx.__dict__.get("station")
    if cached is not None:
        return cached.id
    return session.scalar(select(Station.id).where(Station.code == ctx.config.station_code))


# --------------------------------------------------------------------------------- verification


@dataclass(frozen=True)
class Problem:
    """The first row that does not fit the chain."""

    id: int
    kind: str  # changed | deleted | reordered
    row: str  # the row as stored now, for people
    previous_id: int | None

    def describe(self, lang: str = "zh_CN") -> str:
        e, row = self, self.row
        zh = {
            "changed": f"第 {e.id} 条记录的内容被修改",
            "deleted": f"第 {e.id} 条记录之前的记录被删除（上一条现存记录：{self.previous_id or '无'}）",
            "reordered": f"第 {e.id} 条记录的顺序被调换",
        }[self.kind]
        en = {
            "changed": f"row {e.id} was changed",
            "deleted": f"a row before row {e.id} was deleted (previous remaining row: {self.previous_id or 'none'})",
            "reordered": f"row {e.id} is out of order",
        }[self.kind]
        return f"{en}: {row}" if lang == "en" else f"{zh} / {en}: {row}"


def verify(session: Session) -> Problem | None:
    """Walk the chain in id order; the first row that does not fit, or None when all is intact."""
    expected = GENESIS
    previous_id: int | None = None
    seen_hashes: set[str] = set()
    rows = session.execute(select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=2000)).scalars()
    later: dict[str, int] | None = None

    def problem(kind: str, e: AuditEntry) -> Problem:
        shown = f"#{e.id} {format_local(e.at)} {e.username or '-'} {e.action} {e.detail or ''}".strip()
        return Problem(e.id, kind, shown, previous_id)

    for entry in rows:
        if chain_hash(entry.prev_hash, entry) != entry.hash:
            return problem("changed", entry)
        if entry.prev_hash != expected:
            if entry.prev_hash in seen_hashes:
                kind = "reordered"
            else:
                if later is None:
                    later = dict(session.execute(select(AuditEntry.hash, AuditEntry.id)).all())
                kind = "reordered" if entry.prev_hash in later else "deleted"
            return problem(kind, entry)
        seen_hashes.add(entry.hash)
        expected, previous_id = entry.hash, entry.id
    return None


def head(session: Session) -> tuple[int, str] | None:
    row = session.execute(select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).first()
    return (row[0], row[1]) if row else None


# ------------------------------------------------------------------------------------ retention


def can_purge(row_at: datetime, now: datetime) -> bool:
    """The retention rule: no audit row younger than RETENTION may ever be removed."""
    return as_utc(now) - as_utc(row_at) > RETENTION


# --------------------------------------------------------------------------------------- export

CSV_COLUMNS = ["id", "time_local", "time_utc", "station_id", "user_id", "username", "terminal", "action",
               "action_zh", "detail", "prev_hash", "hash"]


def export(session: Session, start: datetime | None, end: datetime | None) -> list[dict]:
    """Rows with start <= at < end (aware datetimes), oldest first, as dicts for a CSV."""
    query = select(AuditEntry).order_by(AuditEntry.id)
    if start is not None:
        query = query.where(AuditEntry.at >= as_utc(start))
    if end is not None:
        query = query.where(AuditEntry.at < as_utc(end))
    return [{
        "id": e.id, "time_local": format_local(e.at), "time_utc": as_utc(e.at).isoformat(),
        "station_id": e.station_id, "user_id": e.user_id, "username": e.username, "terminal": e.terminal,
        "action": e.action, "action_zh": ACTIONS.get(e.action, (e.action,))[0], "detail": e.detail,
        "prev_hash": e.prev_hash, "hash": e.hash,
    } for e in session.scalars(query)]


def csv_safe(value) -> str:
    """Spreadsheet formula injection: a cell starting with = + - @ is read as text."""
    value = "" if value is None else str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_csv(rows: Iterable[dict], columns: list[str] | None = None) -> str:
    columns = columns or CSV_COLUMNS
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_safe(row.get(c)) for c in columns])
    return out.getvalue()


def write_csv(rows: Iterable[dict], path: Path, columns: list[str] | None = None) -> None:
    """UTF-8 with a BOM: Excel on a Chinese Windows opens it with the right characters."""
    Path(path).write_text(to_csv(rows, columns), encoding="utf-8-sig", newline="")
