"""The audit trail: append-only, one hash chain per station, each row signed with a key kept
outside the database.

    hash = sha256(prev_hash + canonical(row)).hexdigest()
    canonical(row) = JSON of [station_id, at (UTC ISO, microseconds), user_id, username,
                              terminal, action, detail]
    mac  = HMAC-SHA256(terminal key, hash)          (counter.audit_anchors)

Each station has its own chain: `seq` counts its rows 1, 2, 3 … and the first row's `prev_hash`
is `GENESIS` (64 zeros). Appending takes a lock of that station only (PostgreSQL: a
transaction-level advisory lock on (AUDI, station); SQLite: every write transaction is
`BEGIN IMMEDIATE`, counter.db), so two terminals never chain to the same row and two stations
never wait for each other. Rows written before migration 0005 have no `seq` and no `mac`: they
are checked as the old single, unkeyed chain.

`inspect()` walks the rows in id order and reports, per chain: a row whose content was edited
(its hash no longer matches), a gap in `seq` (rows deleted), rows put in another order, a row
whose MAC does not fit (the chain was recomputed without the key) or that has none; then
against the terminal's anchor file: a chain shorter than its last anchor (rows cut off the
end, or every row deleted) or whose anchored row now has another hash (recomputed); and an
empty trail in a database that has visits.

`record()` writes inside the caller's transaction, so the audited change and its audit row
are committed together or not at all; the anchor line is appended after that commit.

Retention (等级保护 2.0: audit records kept at least six months): nothing in this program
deletes or updates audit rows — there is no purge command, no service issues UPDATE or DELETE
on `audit_log` (tests/test_audit.py checks the source for it), and since migration 0005
database triggers refuse both. `RETENTION` states the minimum; any future archiving step must
keep every row younger than that, and `can_purge()` is the one rule it has to ask (it would
then have to drop the trigger in a migration, deliberately).
"""
from __future__ import annotations

import csv
import getpass
import hashlib
import io
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from sqlalchemy import event, func, insert, select, text
from sqlalchemy.orm import Session

from counter import audit_anchors as anchors
from counter.clock import as_utc, format_local, utcnow
from counter.models import AuditEntry

if TYPE_CHECKING:
    from counter.auth import Principal
    from counter.context import AppContext

GENESIS = "0" * 64
RETENTION = timedelta(days=180)
_PG_LOCK_KEY = 0x41554449  # "AUDI": with the station id, the advisory lock that serialises its appends
_HEADS = "audit_heads"  # session.info: the chain heads this transaction wrote, anchored after commit

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
    "database.restored": ("恢复数据库", "database restored"),
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


def _lock_chain(session: Session, station_id: int | None) -> tuple[int, str]:
    """Take the station's append lock; its newest (seq, hash), or (0, GENESIS)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key, :station)"),
                        {"key": _PG_LOCK_KEY, "station": station_id or 0})
    session.flush()  # the caller's pending rows first: the last seq and hash are then final
    same_station = (AuditEntry.station_id == station_id) if station_id is not None else AuditEntry.station_id.is_(None)
    last = session.execute(select(AuditEntry.seq, AuditEntry.hash).where(same_station, AuditEntry.seq.is_not(None))
                           .order_by(AuditEntry.seq.desc()).limit(1)).first()
    return (last[0], last[1]) if last else (0, GENESIS)


def _remember_head(session: Session, station_id: int | None, seq: int, digest: str) -> None:
    heads = session.info.setdefault(_HEADS, {})
    heads[station_id] = (seq, digest)


@event.listens_for(Session, "after_commit")
def _anchor_after_commit(session: Session) -> None:
    heads = session.info.pop(_HEADS, None)
    if heads:
        key = anchors.terminal_key()
        anchors.write_heads(anchors.database_id(session.get_bind().url), heads, key)


@event.listens_for(Session, "after_rollback")
def _forget_heads(session: Session) -> None:
    session.info.pop(_HEADS, None)


def _seal(entry: AuditEntry, prev: tuple[int, str], key: bytes) -> None:
    entry.seq, entry.prev_hash = prev[0] + 1, prev[1]
    entry.hash = chain_hash(entry.prev_hash, entry)
    entry.key_id, entry.mac = anchors.key_id(key), anchors.sign(key, entry.hash)


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
    key = anchors.terminal_key()
    prev = _lock_chain(session, station_id)
    entry = AuditEntry(station_id=station_id, at=as_utc(at or utcnow()), user_id=user_id,
                       username=(username or "")[:64] or None, terminal=(terminal or "")[:64] or None,
                       action=action[:32], detail=detail)
    _seal(entry, prev, key)
    session.add(entry)
    session.flush()
    _remember_head(session, station_id, entry.seq, entry.hash)
    return entry


def append_many(session: Session, station_id: int | None, rows: Iterable[dict]) -> int:
    """Many rows of one station at once (the demo's simulated days), oldest first: one lock, one
    INSERT. Each dict has the AuditEntry fields at, action and optionally user_id, username,
    terminal, detail."""
    key = anchors.terminal_key()
    prev = _lock_chain(session, station_id)
    values = []
    for row in rows:
        entry = AuditEntry(station_id=station_id, at=as_utc(row["at"]), user_id=row.get("user_id"),
                           username=row.get("username"), terminal=row.get("terminal"),
                           action=row["action"][:32], detail=row.get("detail"))
        _seal(entry, prev, key)
        prev = (entry.seq, entry.hash)
        values.append({c: getattr(entry, c) for c in ("station_id", "at", "user_id", "username", "terminal",
                                                      "action", "detail", "prev_hash", "hash", "seq", "key_id",
                                                      "mac")})
    for start in range(0, len(values), 5000):
        session.execute(insert(AuditEntry), values[start:start + 5000])
    if values:
        _remember_head(session, station_id, prev[0], prev[1])
    return len(values)


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

_KINDS = {  # kind: (zh, en) with {id}, {previous}, {detail}
    "changed": ("第 {id} 条记录的内容被修改", "row {id} was changed"),
    "deleted": ("第 {id} 条记录之前的记录被删除（上一条现存记录：{previous}）{detail}",
                "a row before row {id} was deleted (previous remaining row: {previous}){detail}"),
    "reordered": ("第 {id} 条记录的顺序被调换", "row {id} is out of order"),
    "forged": ("第 {id} 条记录的签名不符：审计链被重新计算或记录被伪造",
               "row {id} has a wrong signature: the chain was recomputed or the row forged"),
    "unsigned": ("第 {id} 条记录没有签名（0005 之后写入的记录都应签名）",
                 "row {id} is not signed (every row written since 0005 is)"),
    "inserted": ("第 {id} 条记录是插入的旧格式记录", "row {id} is an old-format row inserted after new ones"),
    "cut": ("审计链比本终端的锚点短：{detail}，末尾的记录被删除",
            "the chain is shorter than this terminal's anchor: {detail}; rows were cut off the end"),
    "rewritten": ("锚定的记录已被改写：{detail}", "the anchored row was rewritten: {detail}"),
    "empty": ("审计记录为空，但数据库中有 {detail} 笔办件：记录被全部删除",
              "the audit trail is empty but the database holds {detail} visits: every row was deleted"),
    "anchor": ("锚点文件被修改：{detail}", "the anchor file was edited: {detail}"),
}


@dataclass(frozen=True)
class Problem:
    """One thing that does not fit: a row (id) or the chain as a whole (id None)."""

    id: int | None
    kind: str  # a key of _KINDS
    row: str = ""  # the row as stored now, for people
    previous_id: int | None = None
    detail: str = ""

    def describe(self, lang: str = "zh_CN") -> str:
        zh, en = _KINDS[self.kind]
        values = {"id": self.id, "previous": self.previous_id or "无", "detail": self.detail}
        zh = zh.format(**values)
        en = en.format(**{**values, "previous": self.previous_id or "none"})
        tail = f": {self.row}" if self.row else ""
        return f"{en}{tail}" if lang == "en" else f"{zh} / {en}{tail}"


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    heads: dict = field(default_factory=dict)  # station -> (seq, id, hash)
    unchecked: int = 0  # rows signed by a key not at hand (another terminal's)
    anchors: int = 0  # anchor lines of this database that were checked
    foreign_anchors: int = 0
    resets: list = field(default_factory=list)  # (reason, when) the database was replaced or created anew

    @property
    def intact(self) -> bool:
        return not self.problems


class _Chain:
    def __init__(self):
        self.seq, self.hash, self.last_id = 0, GENESIS, None
        self.seen: set[str] = set()


def _shown(e: AuditEntry) -> str:
    return f"#{e.id} {format_local(e.at)} {e.username or '-'} {e.action} {e.detail or ''}".strip()


def inspect(session: Session, keys: dict[str, bytes] | None = None, *, anchored: bool = True,
            first_only: bool = False) -> Report:
    """Everything that does not fit, first per chain. `keys` (key_id -> key): the keys whose
    MACs can be checked (default: this terminal's). `anchored`: also check the anchor file."""
    if keys is None:
        own = anchors.terminal_key(create=False)
        keys = {anchors.key_id(own): own} if own else {}
    report = Report()
    chains: dict = {}
    legacy = _Chain()
    broken: set = set()  # chains with a problem already (one per chain: the rest follows from it)
    sequenced = False
    later: dict[str, int] | None = None
    stmt = select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=2000)
    for entry in session.execute(stmt).scalars():
        report.rows += 1
        name = "legacy" if entry.seq is None else entry.station_id
        if name in broken:
            continue
        chain = legacy if entry.seq is None else chains.setdefault(name, _Chain())
        kind = None
        if chain_hash(entry.prev_hash, entry) != entry.hash:
            kind = "changed"
        elif entry.seq is None and sequenced:
            kind = "inserted"
        elif entry.prev_hash != chain.hash or (entry.seq is not None and entry.seq != chain.seq + 1):
            if entry.prev_hash in chain.seen or (entry.seq is not None and entry.seq <= chain.seq):
                kind = "reordered"
            else:
                if later is None:
                    later = dict(session.execute(select(AuditEntry.hash, AuditEntry.id)).all())
                kind = "reordered" if entry.prev_hash in later else "deleted"
        elif entry.seq is not None:
            key = keys.get(entry.key_id or "")
            if entry.mac is None or entry.key_id is None:
                kind = "unsigned"
            elif key is None:
                report.unchecked += 1
            elif not anchors.same(entry.mac, anchors.sign(key, entry.hash)):
                kind = "forged"
        if kind is not None:
            detail = f" (seq {chain.seq} → {entry.seq})" if kind == "deleted" and entry.seq is not None else ""
            report.problems.append(Problem(entry.id, kind, _shown(entry), chain.last_id, detail))
            broken.add(name)
            if first_only:
                return report
            continue
        sequenced = sequenced or entry.seq is not None
        chain.seen.add(entry.hash)
        chain.seq, chain.hash, chain.last_id = (entry.seq or 0), entry.hash, entry.id
        if entry.seq is not None:
            report.heads[name] = (entry.seq, entry.id, entry.hash)
    if anchored:
        _check_anchors(session, keys, chains, broken, report)
    if report.rows == 0:
        from counter.models import Visit

        visits = session.scalar(select(func.count(Visit.id)))
        if visits:
            report.problems.append(Problem(None, "empty", detail=str(visits)))
    return report


def _check_anchors(session: Session, keys: dict, chains: dict, broken: set, report: Report) -> None:
    found = anchors.read(anchors.database_id(session.get_bind().url), keys)
    report.anchors, report.foreign_anchors, report.resets = found.lines, found.foreign, found.resets
    if found.bad_lines:
        shown = ", ".join(str(n) for n in found.bad_lines[:5])
        report.problems.append(Problem(None, "anchor", detail=f"{anchors.anchor_file()} lines {shown}"))
    for station, (seq, digest) in found.heads.items():
        if station in broken:
            continue
        have = chains.get(station)
        have_seq = have.seq if have else 0
        if have_seq < seq:
            report.problems.append(Problem(None, "cut", detail=f"station {station}: {have_seq} < {seq}"))
            continue
        same_station = (AuditEntry.station_id == station) if station is not None else AuditEntry.station_id.is_(None)
        stored = session.scalar(select(AuditEntry.hash).where(same_station, AuditEntry.seq == seq))
        if stored != digest:
            report.problems.append(Problem(None, "rewritten", detail=f"station {station} seq {seq}"))


def verify(session: Session, keys: dict[str, bytes] | None = None) -> Problem | None:
    """The first thing that does not fit, or None when all is intact."""
    report = inspect(session, keys)
    return report.problems[0] if report.problems else None


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


def log_action(ctx: AppContext, action: str, detail: str | None = None, *,
               principal: Principal | None = None) -> None:
    """`log()` in a unit of work of its own: for a window that records what the clerk did
    (lock, unlock, logout) without opening a session itself."""
    with ctx.sessions.begin() as session:
        log(ctx, session, action, detail, principal=principal)
