"""appointments import | list | check-in: the provincial booking platform's file, the day's list.

`import FILE` exits 0 when every row went in, 1 when rows were refused (each printed on one
line with its row number; without --skip-bad nothing is imported then), 2 on an unreadable file.
The file format is documented in counter/appointments/__init__.py and docs/notes/journey-appointments.md.
"""
from __future__ import annotations

import json
import sys

from counter.commands.common import CommandFailed, day, open_context, quote


def register(sub) -> None:
    group = sub.add_parser("appointments",
                           help="appointments (预约): import the booking platform's file, list, check in")
    cmds = group.add_subparsers(dest="appointments_command", metavar="ACTION", required=True)

    p = cmds.add_parser("import", help="import the platform's CSV or JSON file (idempotent by booking_id)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--skip-bad", action="store_true", help="import the good rows even when some are refused")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=import_file)

    p = cmds.add_parser("list", help="the day's appointments")
    p.add_argument("--day", type=day, metavar="YYYY-MM-DD", help="default: today")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=list_day)

    p = cmds.add_parser("check-in", help="check a booked citizen in and issue the ticket")
    p.add_argument("--code", help="the booking code")
    p.add_argument("--id-last4", help="the ID number's last 4 (with --phone-last4)")
    p.add_argument("--phone-last4", help="the phone number's last 4")
    p.set_defaults(run=check_in)


def import_file(args) -> int:
    from counter import appointments as ap

    ctx = open_context(args)
    try:
        result = ap.import_file(ctx, args.file, skip_bad=args.skip_bad)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise CommandFailed(f"无法读取预约文件 / cannot read the bookings file {quote(args.file, 120)}: "
                            f"{quote(str(exc), 200)}", code=2) from exc
    if args.json:
        print(json.dumps({"created": result.created, "updated": result.updated,
                          "errors": [{"row": n, "error": e} for n, e in result.errors]}, ensure_ascii=False))
    else:
        for number, error in result.errors:
            print(f"第 {number} 行 / row {number}: {error}", file=sys.stderr)
        imported = "" if result.ok or args.skip_bad else "，未导入任何预约 / nothing imported"
        print(f"新增 {result.created}，更新 {result.updated}，有误 {len(result.errors)} / created {result.created}, "
              f"updated {result.updated}, refused {len(result.errors)}{imported}")
    return 0 if result.ok else 1


def list_day(args) -> int:
    from counter import appointments as ap
    from counter.clock import format_local
    from counter.db import reading
    from counter.masking import mask_id_number

    ctx = open_context(args)
    wanted = args.day or ctx.clock.today()
    with reading(ctx.sessions) as session:
        rows = ap.on_day(session, ctx.station.id, wanted)
        data = [{"code": a.code, "booking_id": a.booking_id, "slot_start": a.slot_start.isoformat(),
                 "slot_end": a.slot_end.isoformat(), "category": a.category, "procedures": a.procedures,
                 "status": a.status, "arrival": a.arrival, "source": a.source} for a in rows]
        lines = [f"{format_local(a.slot_start, '%H:%M')}–{format_local(a.slot_end, '%H:%M')} {a.code:<16} "
                 f"{a.category} {'/'.join(a.procedures)} {mask_id_number(a.applicant_id_number)} {a.status}"
                 for a in rows]
    print(json.dumps(data, ensure_ascii=False) if args.json else "\n".join(lines) or "（无 / none）")
    return 0


def check_in(args) -> int:
    from counter import appointments as ap

    ctx = open_context(args)
    try:
        done = ap.check_in(ctx, code=args.code, id_last4=args.id_last4, phone_last4=args.phone_last4,
                           source="cli")
    except ap.AppointmentError as exc:
        raise CommandFailed(str(exc), code=2) from exc
    print(f"{done.ticket.code}  {done.zh_CN} / {done.en}")
    return 0
