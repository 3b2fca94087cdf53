"""queue issue | call-next | recall | status | close-day: for ticket dispensers and hardware callers.

Exit codes are part of the interface: `call-next` exits 0 when a ticket was called and 1 when
nobody is waiting, so a caller box's script can branch without parsing text.
"""
from __future__ import annotations

import argparse
import json

from counter.commands.common import (
    CommandFailed,
    day,
    open_context,
    output_file,
    quote,
    window_number,
    writable_output,
)


def _letter(text: str) -> str:
    letter = text.strip().upper()
    if len(letter) != 1 or not letter.isascii() or not letter.isalpha():
        raise argparse.ArgumentTypeError(f"类别应为一个字母 A/B/C/V / the category is one letter A, B, C or V: "
                                         f"{quote(text)}")
    return letter


def register(sub) -> None:
    group = sub.add_parser("queue", help="queue tickets: issue, call next, status")
    cmds = group.add_subparsers(dest="queue_command", metavar="ACTION", required=True)

    p = cmds.add_parser("issue", help="issue a ticket (prints its number)")
    p.add_argument("--category", "-c", required=True, metavar="LETTER", type=_letter,
                   help="A 户政, B 交管, C 综合, V 绿色通道")
    p.add_argument("--source", choices=("counter", "kiosk", "cli"), default="cli")
    p.add_argument("--pdf", metavar="FILE", type=output_file, help="also write the 80 mm ticket slip as PDF")
    p.add_argument("--force", action="store_true", help="replace an existing --pdf file")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=issue)

    # dest differs from the global --window so that omitting it here keeps the global value
    for name, run, text in (("call-next", call_next, "call the next ticket to a window (exit 1: nobody waiting)"),
                            ("recall", recall, "call the window's current ticket again")):
        p = cmds.add_parser(name, help=text)
        p.add_argument("--window", "-w", dest="queue_window", type=window_number, metavar="N",
                       help="window number 1–999, an existing window (default: this terminal's window)")
        p.add_argument("--json", action="store_true", help="machine-readable output")
        p.set_defaults(run=run)

    p = cmds.add_parser("status", help="waiting tickets per category, windows, last calls")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=status)

    p = cmds.add_parser("close-day", help="close tickets left waiting or called (outcome closed)")
    p.add_argument("--day", type=day, metavar="YYYY-MM-DD", help="default: today")
    p.set_defaults(run=close_day)


def _window_number(args, ctx) -> int:
    """The window asked for, which must exist: windows are created by init-db or the settings,
    never by a caller box's typo (a "-1号窗口" would stay open on the display for good)."""
    from sqlalchemy import select

    from counter.db import reading
    from counter.models import ServiceWindow

    number = args.queue_window if args.queue_window is not None else ctx.config.window_number
    with reading(ctx.sessions) as session:
        found = session.scalar(select(ServiceWindow.id).where(ServiceWindow.station_id == ctx.station.id,
                                                              ServiceWindow.number == number))
    if found is None:
        raise CommandFailed(f"没有 {number} 号窗口：请用 `counter --window {number} init-db` 或在设置中创建 / "
                            f"no window {number}: create it with `counter --window {number} init-db` "
                            "or in the settings")
    return number


def _ticket_json(ticket, window: int | None = None) -> dict:
    return {
        "id": ticket.id, "code": ticket.code, "category": ticket.category, "number": ticket.number,
        "priority": ticket.priority, "status": ticket.status, "service_day": ticket.service_day.isoformat(),
        "issued_at": ticket.issued_at.isoformat(),
        "called_at": ticket.called_at.isoformat() if ticket.called_at else None,
        "recalls": ticket.recalls, "window": window,
    }


def _emit(args, data: dict, text: str) -> None:
    print(json.dumps(data, ensure_ascii=False) if args.json else text)


def _failed(exc) -> CommandFailed:
    return CommandFailed(str(exc), code=2)


def issue(args) -> int:
    from counter import queueing as q

    if args.pdf is not None:
        writable_output(args.pdf, force=args.force)
    ctx = open_context(args)
    try:
        ticket = q.issue_ticket(ctx, args.category, source=args.source)
    except q.QueueError as exc:
        raise _failed(exc) from exc
    if args.pdf is not None:
        _write_slip(ctx, ticket, args.pdf)
    cat = ticket.label
    data = {"id": ticket.id, "code": ticket.code, "category": ticket.category, "number": ticket.number,
            "priority": ticket.priority, "service_day": ticket.service_day.isoformat(),
            "issued_at": ticket.issued_at.isoformat(), "waiting_ahead": ticket.waiting_ahead,
            "category_zh": cat.zh, "category_en": cat.en}
    _emit(args, data, f"{ticket.code} {cat.zh} / {cat.en} — 前面还有 {ticket.waiting_ahead} 人 / "
                      f"{ticket.waiting_ahead} waiting ahead")
    return 0


def _write_slip(ctx, ticket, path: str) -> None:
    from counter import queueing as q
    from counter.clock import local
    from counter.printing.documents import TicketSlipData
    from counter.printing.ticket_slip import render_ticket_slip
    from counter.waits import predicted_wait

    cat = q.lookup_category(ticket.category)
    data = TicketSlipData(station_name=ctx.station.name, ticket_code=ticket.code,
                          category_label=f"{cat.zh} {cat.en}", waiting_ahead=ticket.waiting_ahead,
                          issued_at=local(ticket.issued_at), hint="请留意大厅显示屏和语音叫号 / Watch the display",
                          predicted_wait=predicted_wait(ctx, ticket.category, ticket_id=ticket.id).zh_CN)
    with open(path, "wb") as out:  # checked (and --force given) before the ticket was issued
        out.write(render_ticket_slip(data))


def call_next(args) -> int:
    from counter import queueing as q

    ctx = open_context(args)
    window = _window_number(args, ctx)
    try:
        ticket = q.call_next(ctx, window)
    except q.QueueError as exc:
        raise _failed(exc) from exc
    if ticket is None:
        _emit(args, {"called": False, "window": window},
              f"没有等候的号 / nobody is waiting (window {window})")
        return 1
    _emit(args, {"called": True, "ticket": _ticket_json(ticket, window)},
          f"请 {ticket.code} 号到 {window} 号窗口 / {ticket.code} to window {window}")
    return 0


def recall(args) -> int:
    from counter import queueing as q

    ctx = open_context(args)
    window = _window_number(args, ctx)
    try:
        ticket = q.recall(ctx, window)
    except q.QueueError as exc:
        raise _failed(exc) from exc
    _emit(args, {"recalled": True, "ticket": _ticket_json(ticket, window)},
          f"重呼 {ticket.code}（第 {ticket.recalls} 次）/ recalled {ticket.code} ({ticket.recalls})")
    return 0


def status(args) -> int:
    from counter import queueing as q
    from counter.clock import format_local
    from counter.db import reading

    ctx = open_context(args)
    with reading(ctx.sessions) as session:
        counts = q.waiting_counts(session, ctx.station.id, ctx.clock.today())
        calls = q.recent_calls(session, ctx.station.id, 8)
        version = q.change_version(session, ctx.station.id)
    data = {"station": ctx.station.code, "waiting": counts, "version": version,
            "recent_calls": [{"code": c.code, "window": c.window_number, "at": c.at.isoformat(),
                              "recall": c.recall} for c in calls]}
    lines = [f"{c.letter} {c.zh}: {counts.get(c.letter, 0)}" for c in q.CATEGORIES]
    lines += [f"{format_local(c.at, '%H:%M:%S')}  {c.code} → {c.window_number}" for c in calls]
    _emit(args, data, "\n".join(lines))
    return 0


def close_day(args) -> int:
    from counter import queueing as q

    ctx = open_context(args)
    day = args.day or ctx.clock.today()
    closed = q.close_day(ctx, day)
    print(f"{day}: 已关闭 {closed} 个未办结的号 / closed {closed} open tickets")
    return 0
