"""audit verify, audit export (for inspectors)."""
from __future__ import annotations

import argparse
from datetime import datetime, time, timedelta
from pathlib import Path

from counter.commands.common import (
    CommandFailed,
    day,
    open_context,
    output_file,
    quote,
    writable_output,
    write_private,
)


def _head(text: str) -> tuple[int, str]:
    number, sep, digest = text.partition(":")
    if not sep or not number.isdigit() or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise argparse.ArgumentTypeError("expected ID:HASH as printed by `audit verify`")
    return int(number), digest


def _key_file(text: str) -> Path:
    return Path(text)


def register(sub) -> None:
    p = sub.add_parser("audit", help="the audit trail: verify the chain and its anchors, export for inspectors")
    audit_sub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = audit_sub.add_parser("verify", help="check chain, signatures and this terminal's anchors; "
                                            "exit 0 intact, 1 with what does not fit")
    v.add_argument("--expect-head", type=_head, metavar="ID:HASH",
                   help="a head noted at an earlier verification (on paper): also checks that row")
    v.add_argument("--key", dest="keys", type=_key_file, action="append", default=[], metavar="FILE",
                   help="another terminal's or the administrator's audit key file (repeatable)")
    v.add_argument("--no-anchors", action="store_true",
                   help="do not check this terminal's anchor file (a copy of the database checked elsewhere)")
    v.set_defaults(run=verify)
    e = audit_sub.add_parser("export", help="write the audit rows of a period to a CSV file (audited)")
    e.add_argument("--from", dest="start", type=day, metavar="YYYY-MM-DD", help="first day (local time)")
    e.add_argument("--to", dest="end", type=day, metavar="YYYY-MM-DD", help="last day, included")
    e.add_argument("--out", type=output_file, required=True, metavar="FILE.csv")
    e.add_argument("--force", action="store_true", help="overwrite an existing file")
    e.set_defaults(run=export)


def _keys(args) -> dict[str, bytes]:
    from counter import audit_anchors as anchors

    keys = {}
    own = anchors.terminal_key(create=False)
    for key in ([own] if own else []):
        keys[anchors.key_id(key)] = key
    for path in args.keys:
        try:
            key = anchors.read_key(path)
        except FileNotFoundError as exc:
            raise CommandFailed(f"密钥文件不存在 / no such key file: {quote(str(path))}") from exc
        except anchors.AuditKeyError as exc:
            raise CommandFailed(str(exc)) from exc
        keys[anchors.key_id(key)] = key
    return keys


def verify(args) -> int:
    from counter import audit
    from counter.db import reading
    from counter.models import AuditEntry

    keys = _keys(args)
    ctx = open_context(args)
    with reading(ctx.sessions) as session:
        report = audit.inspect(session, keys, anchored=not args.no_anchors)
        head = audit.head(session)
        if args.expect_head:
            expected_id, expected_hash = args.expect_head
            found = session.get(AuditEntry, expected_id)
            if found is None or found.hash != expected_hash:
                report.problems.append(audit.Problem(expected_id, "rewritten", detail=f"expected head {expected_id}"))
    for problem in report.problems:
        print(problem.describe(ctx.config.lang))
    if report.problems:
        return 1
    print(f"审计链完整 / audit chain intact: {report.rows} rows" + (f"; head {head[0]}:{head[1]}" if head else ""))
    for station, (seq, row_id, digest) in sorted(report.heads.items(), key=lambda kv: str(kv[0])):
        print(f"  station {station}: {seq} rows in its chain, last row {row_id}, hash {digest}")
    print(f"  锚点 / anchors checked: {report.anchors}" +
          (f"; 其他密钥的锚点 / anchors of other keys: {report.foreign_anchors}" if report.foreign_anchors else ""))
    for reason, when in report.resets:
        print(f"  锚点重置 / anchors reset: {reason} {when}")
    if report.unchecked:
        print(f"  {report.unchecked} 条记录由其他终端的密钥签名，未校验签名（用 --key 给出）/ "
              f"{report.unchecked} rows signed by other terminals' keys were not checked (give --key)")
    if not keys and report.rows:
        print("  本终端没有审计密钥：签名未校验 / no audit key on this terminal: signatures not checked")
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
    writable_output(args.out, force=args.force)
    ctx = open_context(args)
    with ctx.sessions.begin() as session:
        rows = audit.export(session, start, end)
        try:  # usernames and what they looked at: readable by the owner only, like reports and backups
            write_private(args.out, audit.to_csv(rows).encode("utf-8-sig"), force=args.force)
        except OSError as exc:
            raise CommandFailed(f"无法写入 / cannot write {quote(args.out, 120)}: {exc}") from exc
        audit.log(ctx, session, "export.audit",
                  f"from={args.start or '-'} to={args.end or '-'} rows={len(rows)} file={args.out.name} (cli)")
    print(f"已导出 {len(rows)} 条审计记录 / {len(rows)} audit rows written: {args.out}")
    return 0
