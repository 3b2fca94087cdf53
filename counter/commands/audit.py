"""audit verify, audit export (for inspectors)."""
from __future__ import annotations

import argparse
from datetime import date, datetime, time, timedelta
from pathlib import Path

from counter.commands.common import CommandFailed, open_context


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def _head(text: str) -> tuple[int, str]:
    number, sep, digest = text.partition(":")
    if not sep or not number.isdigit() or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise argparse.ArgumentTypeError("expected ID:HASH as printed by `audit verify`")
    return int(number), digest


def register(sub) -> None:
    p = sub.add_parser("audit", help="the audit trail: verify the hash chain, export for inspectors")
    audit_sub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = audit_sub.add_parser("verify", help="check the hash chain; exit 0 intact, 1 with the first bad row")
    v.add_argument("--expect-head", type=_head, metavar="ID:HASH",
                   help="the head noted at an earlier verification: also detects rows cut off the end")
    v.set_defaults(run=verify)
    e = audit_sub.add_parser("export", help="write the audit rows of a period to a CSV file (audited)")
    e.add_argument("--from", dest="start", type=_day, metavar="YYYY-MM-DD", help="first day (local time)")
    e.add_argument("--to", dest="end", type=_day, metavar="YYYY-MM-DD", help="last day, included")
    e.add_argument("--out", type=Path, required=True, metavar="FILE.csv")
    e.set_defaults(run=export)


def verify(args) -> int:
    from sqlalchemy import select

    from counter import audit
    from counter.db import reading
    from counter.models import AuditEntry

    ctx = open_context(args)
    with reading(ctx.sessions) as session:
        problem = audit.verify(session)
        head = audit.head(session)
        count = len(session.scalars(select(AuditEntry.id)).all())
        if problem is None and args.expect_head:
            expected_id, expected_hash = args.expect_head
            found = session.get(AuditEntry, expected_id)
            if found is None or found.hash != expected_hash:
                print(f"审计链与记下的链头 {expected_id} 不符（记录被删除或改写） / "
                      f"the chain no longer contains the noted head row {expected_id}: rows were cut or rewritten")
                return 1
    if problem is not None:
        print(problem.describe(ctx.config.lang))
        return 1
    print(f"审计链完整 / audit chain intact: {count} rows" +
          (f"; head {head[0]}:{head[1]}" if head else ""))
    return 0


def _bounds(args) -> tuple[datetime | None, datetime | None]:
    from counter.clock import STATION_TZ

    start = datetime.combine(args.start, time(), STATION_TZ) if args.start else None
    end = datetime.combine(args.end + timedelta(days=1), time(), STATION_TZ) if args.end else None
    if start and end and end <= start:
        raise CommandFailed("--to 早于 --from / --to is before --from")
    return start, end


def export(args) -> int:
    from counter import audit

    start, end = _bounds(args)
    ctx = open_context(args)
    with ctx.sessions.begin() as session:
        rows = audit.export(session, start, end)
        try:
            audit.write_csv(rows, args.out)
        except OSError as exc:
            raise CommandFailed(f"无法写入 / cannot write {args.out}: {exc}") from exc
        audit.log(ctx, session, "export.audit",
                  f"from={args.start or '-'} to={args.end or '-'} rows={len(rows)} file={args.out.name} (cli)")
    print(f"已导出 {len(rows)} 条审计记录 / {len(rows)} audit rows written: {args.out}")
    return 0
