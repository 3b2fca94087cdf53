"""arrivals | notices | delivery | followups | journey-settings: the citizen's journey after the visit.

    counter arrivals register NUMBER…           到证登记 (exit 1 when a number was refused)
    counter notices send                        send the due SMS notices once (cron, or the clerk window's timer)
    counter notices list [--status S]           the outbox
    counter delivery address RECEIPT --district CODE --street TEXT [--recipient --phone]
    counter delivery sent RECEIPT TRACKING      已寄出
    counter uncollected [--days N]              items ready longer than N days
    counter followups [--open]                  follow-ups of bad ratings (opens missing cases)
    counter journey-settings [--sms-gateway …]  the station's settings (shows them without options)
"""
from __future__ import annotations

import json
from datetime import date

from counter.commands.common import CommandFailed, count, day, open_context


def register(sub) -> None:
    group = sub.add_parser("arrivals", help="到证登记: documents arrived at the station")
    cmds = group.add_subparsers(dest="arrivals_command", metavar="ACTION", required=True)
    p = cmds.add_parser("register", help="scan receipts: their ID cards/licences become ready (待领取)")
    p.add_argument("numbers", nargs="+", metavar="NUMBER", help="receipt numbers")
    p.add_argument("--day", type=day, metavar="YYYY-MM-DD", help="the arrival day (default: today)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=register_arrivals)

    group = sub.add_parser("notices", help="the SMS notices outbox")
    cmds = group.add_subparsers(dest="notices_command", metavar="ACTION", required=True)
    p = cmds.add_parser("send", help="send due notices through the station's gateway")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=send_notices)
    p = cmds.add_parser("list", help="the outbox, newest first")
    p.add_argument("--status", choices=("queued", "sending", "sent", "failed", "cancelled"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=list_notices)

    group = sub.add_parser("delivery", help="邮寄: delivery by post")
    cmds = group.add_subparsers(dest="delivery_command", metavar="ACTION", required=True)
    p = cmds.add_parser("address", help="record the checked postal address of a receipt's post items")
    p.add_argument("receipt")
    p.add_argument("--district", required=True, metavar="CODE", help="GB/T 2260 district code, e.g. 110105")
    p.add_argument("--street", required=True, help="street and house number")
    p.add_argument("--recipient", default="")
    p.add_argument("--phone", default="")
    p.set_defaults(run=delivery_address)
    p = cmds.add_parser("sent", help="the envelope left: the items become posted (已寄出)")
    p.add_argument("receipt")
    p.add_argument("tracking")
    p.set_defaults(run=delivery_sent)

    p = sub.add_parser("uncollected", help="items ready for collection longer than N days")
    p.add_argument("--days", type=count("天数", 0, 3650), help="default: the station's setting (90)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=list_uncollected)

    p = sub.add_parser("followups", help="follow-ups of bad ratings (好差评回访)")
    p.add_argument("--open", action="store_true", help="open cases only")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=list_followups)

    p = sub.add_parser("journey-settings", help="the station's SMS gateway, postage, uncollected days, follow-up days")
    p.add_argument("--sms-gateway", choices=("none", "http", "file"))
    p.add_argument("--sms-url")
    p.add_argument("--sms-token")
    p.add_argument("--sms-signature")
    p.add_argument("--postage", metavar="YUAN")
    p.add_argument("--uncollected-days", type=count("天数", 1, 3650))
    p.add_argument("--followup-working-days", type=count("天数", 1, 30))
    p.set_defaults(run=journey_settings)


def _failing(call):
    from counter.journey.common import JourneyError

    try:
        return call()
    except JourneyError as exc:
        raise CommandFailed(f"{exc.zh_CN} / {exc.en}") from exc


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    return str(value) if value is not None and not isinstance(value, (int, float, bool, str)) else value


def register_arrivals(args) -> int:
    from counter.journey import arrivals

    ctx = open_context(args)
    result = _failing(lambda: arrivals.register(ctx, args.numbers, arrived_on=args.day))
    if args.json:
        print(json.dumps({"batch": result.batch, "day": result.arrived_on.isoformat(),
                          "registered": [{"receipt": v.number, "items": list(v.codes)} for v in result.registered],
                          "refused": [{"receipt": v.number, "reason": v.reason_zh, "reason_en": v.reason_en}
                                      for v in result.refused]}, ensure_ascii=False))
    else:
        for v in result.registered:
            print(f"{v.number}\t待领取 ready\t{','.join(v.codes)}")
        for v in result.refused:
            print(f"{v.number}\t未登记 refused\t{v.reason_zh} / {v.reason_en}")
        print(f"到证 {result.items} 件，通知 {result.notices} 条 / {result.items} items arrived, "
              f"{result.notices} notices queued")
    return 1 if result.refused else 0


def send_notices(args) -> int:
    from counter.journey import notices

    ctx = open_context(args)
    report = notices.send_due(ctx)
    if args.json:
        print(json.dumps({"sent": report.sent, "retrying": report.retrying, "failed": report.failed,
                          "closed": report.closed, "no_gateway": report.no_gateway}))
    elif report.no_gateway:
        print("未配置短信网关，通知保持排队 / no SMS gateway configured: notices stay queued")
    else:
        print(f"已发送 {report.sent}，待重试 {report.retrying}，失败 {report.failed} / sent {report.sent}, "
              f"retrying {report.retrying}, failed {report.failed}")
    return 0


def list_notices(args) -> int:
    from counter.journey import notices
    from counter.masking import mask_phone

    ctx = open_context(args)
    rows = notices.outbox(ctx, status=args.status)
    if args.json:
        print(json.dumps([{"id": r.id, "kind": r.kind, "phone": mask_phone(r.phone), "status": r.status,
                           "attempts": r.attempts, "next_try_at": _plain(r.next_try_at),
                           "last_error": r.last_error, "sent_at": _plain(r.sent_at)} for r in rows],
                         ensure_ascii=False))
    for r in rows if not args.json else ():
        print(f"#{r.id}\t{r.kind}\t{mask_phone(r.phone)}\t{r.status}\t{r.attempts}\t{r.last_error or ''}")
    return 0


def delivery_address(args) -> int:
    from counter.journey import delivery

    ctx = open_context(args)
    n = _failing(lambda: delivery.record_address(ctx, args.receipt, args.district, args.street,
                                                 recipient=args.recipient, phone=args.phone))
    print(f"{delivery.full_address(args.district, '')}: {n} 件 / items")
    return 0


def delivery_sent(args) -> int:
    from counter.journey import delivery

    ctx = open_context(args)
    n = _failing(lambda: delivery.mark_sent(ctx, args.receipt, args.tracking))
    print(f"{args.receipt}: 已寄出 {n} 件，运单号 {args.tracking.upper()} / {n} items posted")
    return 0


def list_uncollected(args) -> int:
    from counter.journey import uncollected

    ctx = open_context(args)
    rows = uncollected.list_items(ctx, days=args.days)
    if args.json:
        print(json.dumps([{k: _plain(v) for k, v in r.__dict__.items()} for r in rows], ensure_ascii=False))
    for r in rows if not args.json else ():
        print(f"{r.receipt_number}\t{r.code}\t{r.name_masked}\t{r.phone_masked}\t{r.ready_on}\t"
              f"{r.days}天\t{r.note or ''}")
    return 0


def list_followups(args) -> int:
    from counter.journey import followups

    ctx = open_context(args)
    rows = followups.cases(ctx, only_open=args.open)
    if args.json:
        print(json.dumps([{"id": c.id, "receipt": c.receipt_number, "level": c.level, "reason": c.reason,
                           "due_on": c.due_on.isoformat(), "closed": c.closed_at is not None,
                           "overdue": c.overdue, "answered_in_time": c.answered_in_time} for c in rows],
                         ensure_ascii=False))
    for c in rows if not args.json else ():
        state = "已办结" if c.closed_at else ("逾期" if c.overdue else "待回访")
        print(f"#{c.id}\t{c.receipt_number}\t{c.level_text}\t{c.due_on}\t{state}\t{c.reason}")
    return 0


def journey_settings(args) -> int:
    from counter.journey import settings

    ctx = open_context(args)
    changes = {k: v for k in ("sms_gateway", "sms_url", "sms_token", "sms_signature", "postage",
                              "uncollected_days", "followup_working_days") if (v := getattr(args, k)) is not None}
    value = _failing(lambda: settings.save(ctx, **changes)) if changes else settings.load(ctx)
    for key, shown in value.__dict__.items():
        print(f"{key} = {'***' if key == 'sms_token' and shown else shown}")
    return 0
