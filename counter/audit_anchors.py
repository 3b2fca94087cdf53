"""What the database alone cannot rewrite: the terminal's audit key and its anchor file.

The key (32 random bytes, hex in a text file) lives outside the database: by default
`audit.key` in the per-user data folder, created with mode 0600 on first use; an administrator
may instead give a file of their own (settings `audit_key_file`, or env COUNTER_AUDIT_KEY_FILE),
for example one key shared by every terminal of a hall. Every audit row carries
HMAC-SHA256(key, row hash) and the key's id, so a person who edits rows and recomputes the plain
SHA-256 chain cannot recompute the MACs without the key.

The anchor file (`audit-anchors.jsonl` beside the key, env COUNTER_AUDIT_ANCHOR_FILE) gets one
line appended after every commit that wrote audit rows: the database, the station, the chain's
newest row number and hash, signed with the key. Rows cut off the end of the chain, or a chain
recomputed from scratch, no longer match the last anchor. The file is opened append-only
(O_APPEND) and never rewritten by the program.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from counter import paths

KEY_ENV = "COUNTER_AUDIT_KEY_FILE"
ANCHOR_ENV = "COUNTER_AUDIT_ANCHOR_FILE"
_cache: dict[Path, bytes] = {}
_log = logging.getLogger(__name__)


class AuditKeyError(Exception):
    """The key file exists but is not a key (a message for people)."""


def key_file() -> Path:
    configured = os.environ.get(KEY_ENV)
    if not configured:
        from counter.config import read_settings

        value = read_settings().get("audit_key_file")
        configured = value if isinstance(value, str) else ""
    return Path(configured.strip()).expanduser() if configured.strip() else paths.data_dir() / "audit.key"


def read_key(path: Path) -> bytes:
    try:
        key = bytes.fromhex(Path(path).read_text(encoding="ascii").strip())
    except (ValueError, UnicodeDecodeError) as exc:
        raise AuditKeyError(f"审计密钥文件无效 / not an audit key file: {path}") from exc
    if len(key) < 16:
        raise AuditKeyError(f"审计密钥过短 / the audit key is too short: {path}")
    return key


def terminal_key(*, create: bool = True) -> bytes | None:
    """This terminal's key; created (0600) on first use when `create`, else None if missing."""
    path = key_file()
    if path in _cache:
        return _cache[path]
    try:
        key = read_key(path)
    except FileNotFoundError:
        if not create:
            return None
        key = _create_key(path)
    _cache[path] = key
    return key


def _create_key(path: Path) -> bytes:
    """Write a new key whole, then link it into place: a process or thread that comes second
    reads the first one's complete key, never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(key.hex() + "\n")
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(draft, path)
        except FileExistsError:  # another process or thread of this terminal was first
            return read_key(path)
        return key
    finally:
        draft.unlink(missing_ok=True)


def key_id(key: bytes) -> str:
    """A short public name of a key (which key signed a row); reveals nothing of the key."""
    return hashlib.sha256(b"counter-audit-key-id\0" + key).hexdigest()[:16]


def sign(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()


def same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and hmac.compare_digest(a, b)


# ------------------------------------------------------------------------------ the anchor file


def anchor_file() -> Path:
    configured = os.environ.get(ANCHOR_ENV, "").strip()
    return Path(configured).expanduser() if configured else paths.data_dir() / "audit-anchors.jsonl"


def database_id(url) -> str:
    """The database an anchor belongs to: the SQLite file's full path, or host/port/name."""
    if url.get_backend_name() == "sqlite":
        name = url.database or ":memory:"
        return "sqlite:" + (name if name == ":memory:" else str(Path(name).expanduser().resolve()))
    host = url.host or url.query.get("host") or ""  # a unix socket folder is given as ?host=
    port = url.port or url.query.get("port") or ""
    return f"{url.get_backend_name()}://{host}:{port}/{url.database or ''}"


def _signed(record: dict, key: bytes) -> dict:
    body = {**record, "key": key_id(key)}
    return {**body, "mac": sign(key, json.dumps(body, sort_keys=True, ensure_ascii=False))}


def append(record: dict, key: bytes, path: Path | None = None) -> None:
    """One signed line, appended with O_APPEND (a single write: lines of two processes never mix)."""
    path = path or anchor_file()
    line = json.dumps(_signed({**record, "written": datetime.now(UTC).isoformat()}, key),
                      ensure_ascii=False) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line.encode("utf-8"))
    finally:
        os.close(fd)


def write_heads(db: str, heads: dict, key: bytes) -> None:
    """After a commit: the newest (seq, hash) of each station chain it extended."""
    try:
        for station, (seq, digest) in heads.items():
            append({"db": db, "station": station, "seq": seq, "hash": digest}, key)
    except OSError as exc:  # the change is committed; a missing anchor only weakens a later check
        _log.warning("audit anchor not written: %s", exc)


def mark_reset(db: str, reason: str, key: bytes) -> None:
    """The database was replaced (restore): earlier anchors of `db` no longer apply."""
    append({"db": db, "reset": reason}, key)


@dataclass
class Anchors:
    heads: dict  # station -> (seq, hash) of the last anchor since the last reset
    bad_lines: list[int]  # lines that do not parse or whose signature is wrong: the file was edited
    lines: int  # valid lines of this database
    foreign: int  # lines signed by a key not at hand
    resets: list = field(default_factory=list)  # (reason, written) of each reset of this database


def read(db: str, keys: dict[str, bytes], path: Path | None = None) -> Anchors:
    path = path or anchor_file()
    heads: dict = {}
    resets: list = []
    bad: list[int] = []
    count = foreign = 0
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return Anchors({}, [], 0, 0)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            body = {k: v for k, v in record.items() if k != "mac"}
            key = keys.get(record.get("key"))
            if key is None:  # signed by a key not at hand (an earlier key file): cannot tell
                foreign += 1
                continue
            valid = same(record.get("mac"),
                                             sign(key, json.dumps(body, sort_keys=True, ensure_ascii=False)))
        except (ValueError, AttributeError, TypeError):
            valid, record = False, {}
        if not valid:
            bad.append(number)
            continue
        if record.get("db") != db:
            continue
        count += 1
        if "reset" in record:
            heads = {}
            resets.append((str(record["reset"]), str(record.get("written", ""))))
        elif isinstance(record.get("seq"), int) and isinstance(record.get("hash"), str):
            station = record.get("station")
            if station not in heads or record["seq"] >= heads[station][0]:
                heads[station] = (record["seq"], record["hash"])
    return Anchors(heads, bad, count, foreign, resets)
