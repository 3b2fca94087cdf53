"""catalog list | check | show | try | fee-setting | guide."""
from __future__ import annotations

import json
from pathlib import Path

from counter.commands.common import CommandFailed, open_context, output_file, quote, writable_output


def register(sub) -> None:
    p = sub.add_parser("catalog", help="the procedure catalogue: list, check, print guides")
    actions = p.add_subparsers(dest="catalog_action", metavar="ACTION", required=True)
    q = actions.add_parser("list", help="codes, categories, names, fees and time limits")
    q.add_argument("--json", action="store_true", help="machine-readable output")
    q.set_defaults(run=list_procedures)
    q = actions.add_parser("check", help="lint every catalogue file; one line per problem")
    q.add_argument("--folder", type=Path, help="check another folder (default: the shipped catalogue)")
    q.set_defaults(run=check)
    q = actions.add_parser("show", help="one procedure as data: fields, rules with legal basis, fees, limits")
    q.add_argument("code", help="a procedure code, e.g. JG-C1")
    q.add_argument("--json", action="store_true", help="machine-readable output")
    q.set_defaults(run=show)
    q = actions.add_parser("try", help="dry-run one visit's items: errors, warnings, fees, fines, dates")
    q.add_argument("codes", nargs="+", metavar="CODE", help="procedure codes of the visit")
    q.add_argument("--today", required=True, help="the day of the visit, YYYY-MM-DD")
    q.add_argument("--set", dest="values", action="append", default=[], metavar="FIELD=VALUE",
                   help="a field's value (identity fields too: id_number, proxy=yes, proxy_id_number)")
    q.add_argument("--json", action="store_true", help="machine-readable output")
    q.set_defaults(run=try_visit)
    q = actions.add_parser("fee-setting", help="the station's own amount for a fee the catalogue leaves to it")
    q.add_argument("name", nargs="?", help="the setting's name (see `catalog fee-setting`)")
    q.add_argument("amount", nargs="?", help="the amount in yuan, e.g. 6.00; 'default' removes it")
    q.set_defaults(run=fee_setting)
    q = actions.add_parser("guide", help="print the citizen guide (办事指南) as PDF")
    q.add_argument("code", nargs="?", help="a procedure code, e.g. HZ-08")
    q.add_argument("--all", action="store_true", help="a booklet of every procedure")
    q.add_argument("--out", type=output_file, required=True, help="the PDF file to write")
    q.add_argument("--force", action="store_true", help="replace an existing file")
    q.add_argument("--lang", dest="guide_lang", choices=("zh_CN", "en"), default="zh_CN")
    q.set_defaults(run=guide)


def _catalog():
    from counter.catalog import CatalogError, load_catalog

    try:
        return load_catalog()
    except CatalogError as exc:
        raise CommandFailed(f"目录文件有误 / the catalogue has problems:\n{exc}") from exc


def list_procedures(args) -> int:
    catalog = _catalog()
    rows = [{
        "code": p.code, "category": p.category, "group": p.group.zh_CN,
        "name_zh": p.name.zh_CN, "name_en": p.name.en, "fee": str(p.fee.default),
        "time_limit_days": p.time_limit.days, "time_limit_kind": p.time_limit.kind,
    } for p in catalog.procedures]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        limit = f"{r['time_limit_days']}{'工作日' if r['time_limit_kind'] == 'working' else '日'}" \
            if r["time_limit_days"] else "当场"
        print(f"{r['code']:<7} {r['category']}  {r['name_zh']:<18} ¥{r['fee']:>7}  {limit:<6} {r['name_en']}")
    return 0


def check(args) -> int:
    from counter.catalog import check_catalog
    from counter.clock import local_day, utcnow
    from counter.workdays import coverage_problems, load_calendar

    if args.folder is not None and not args.folder.is_dir():
        raise CommandFailed(f"文件夹不存在 / no such folder: {quote(args.folder, 120)}")
    problems = check_catalog(args.folder)
    for problem in problems:
        print(problem)
    calendar = load_calendar()
    problems += calendar.problems  # a broken calendar file is a problem …
    for problem in calendar.problems:
        print(problem)
    for warning in coverage_problems(calendar, local_day(utcnow())):  # … an unknown year a warning
        print(f"警告 / warning: {warning}")
    if problems:
        print(f"{len(problems)} 个问题 / problems")
        return 1
    print("目录检查通过 / catalogue OK")
    return 0


def guide(args) -> int:
    from counter.guides import guide_data
    from counter.printing.guide import render_guide

    catalog = _catalog()
    if args.all:
        procedures = list(catalog.procedures)
    elif args.code and args.code.upper() in catalog.by_code:
        procedures = [catalog.get(args.code.upper())]
    else:
        raise CommandFailed(f"未知事项编号 / unknown procedure code: {quote(args.code) if args.code else '(none)'}; "
                            "see `catalog list` or use --all")
    writable_output(args.out, force=args.force)
    args.out.write_bytes(render_guide([guide_data(p, args.guide_lang) for p in procedures]))
    print(f"已生成 / written: {args.out} ({len(procedures)} 页/pages)")
    return 0


def show(args) -> int:
    from counter.forms.trial import procedure_data

    catalog = _catalog()
    code = args.code.upper()
    if code not in catalog.by_code:
        raise CommandFailed(f"未知事项编号 / unknown procedure code: {args.code}; see `catalog list`")
    data = procedure_data(catalog.get(code), catalog)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"{data['code']} {data['name']['zh_CN']} / {data['name']['en']}")
    print(f"  依据 / basis: {data['legal_basis']['zh_CN']}")
    print("  字段 / fields:")
    for f in data["fields"]:
        flags = "必填" if f["required"] else ("条件必填" if f["required_if"] else "")
        choices = ",".join(c["value"] for c in f["choices"] or ())
        print(f"    {f['id']:<22} {f['type']:<18} {f['label']['zh_CN']} {flags}" + (f" [{choices}]" if choices else ""))
    print("  规则 / rules:")
    for r in data["rules"] + data["identity_rules"]:
        if r["kind"] in ("requires_material",):
            continue
        level = "警告" if r["severity"] == "warning" else "禁止"
        print(f"    [{level}] {r['field'] or ''}: {r['message']['zh_CN']}  ——{r['basis']['zh_CN'] or '（未注明依据）'}")
    fee = data["fee"]
    print(f"  收费 / fee: ¥{fee['default']}" + (f" (站点设置 {fee['setting']})" if fee["setting"] else ""))
    for r in fee["rules"]:
        print(f"    ¥{r['amount']} {r['note']['zh_CN']}" + (f" (站点设置 {r['setting']})" if r["setting"] else ""))
    for a in data["amounts"]:
        print(f"  罚没 / fine: {a['label']['zh_CN']} ({a['kind']})  ——{a['basis']['zh_CN']}")
    limit = data["time_limit"]
    print(f"  时限 / limit: {limit['days']} {limit['kind']}  {limit['note']['zh_CN']}")
    for r in limit["rules"]:
        print(f"    {r['days']} {r['kind']} when {json.dumps(r['when'], ensure_ascii=False)}  {r['note']['zh_CN']}")
    return 0


def try_visit(args) -> int:
    from datetime import date

    from counter.forms.trial import TrialError, try_visit as run_trial

    try:
        today = date.fromisoformat(args.today)
    except ValueError:
        raise CommandFailed(f"--today 须为 YYYY-MM-DD / --today must be YYYY-MM-DD: {args.today}") from None
    values = {}
    for pair in args.values:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise CommandFailed(f"--set 须为 FIELD=VALUE / --set needs FIELD=VALUE: {pair}")
        values[name.strip()] = value
    try:
        result = run_trial(_catalog(), args.codes, today, values, _fee_settings_or_none(args))
    except TrialError as exc:
        raise CommandFailed(str(exc)) from exc
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return 0 if result.acceptable else 1
    for item in result.items:
        date_text = item.promised.isoformat() if item.promised else "—"
        print(f"{item.code} {item.name.zh_CN}: 费用 ¥{item.fee}  时限 {item.time_limit}  承诺日期 {date_text}"
              + ("（节假日安排未知）" if item.calendar_warning else "")
              + ("  须本人到场" if item.must_be_present else ""))
        for line in item.amounts:
            print(f"    {line.label.zh_CN} ¥{line.amount}" + (f"  {line.detail.zh_CN}" if line.detail.zh_CN else "")
                  + "  （不计入收费）")
    for p in result.errors:
        print(f"错误 / error   {p.code or '申请人'}.{p.field}: {p.message.zh_CN} / {p.message.en}")
    for p in result.warnings:
        print(f"警告 / warning {p.code or '申请人'}.{p.field}: {p.message.zh_CN} / {p.message.en}")
    print("可以受理 / acceptable" if result.acceptable else "不能受理 / blocked")
    return 0 if result.acceptable else 1


def _fee_settings_or_none(args) -> dict:
    """The station's fee settings when a database is at hand; a dry run works without one."""
    try:
        from counter.fees import station_fee_settings

        ctx = open_context(args)
    except Exception:
        return {}
    return station_fee_settings(ctx)


def fee_setting(args) -> int:
    from counter.fees import fee_setting_names, set_station_fee

    catalog = _catalog()
    names = fee_setting_names(catalog)
    ctx = open_context(args)
    if args.name is None:
        from counter.fees import station_fee_settings

        current = station_fee_settings(ctx)
        for name, (default, codes) in sorted(names.items()):
            shown = current.get(name)
            print(f"{name:<28} {'¥' + str(shown) if shown else '(目录默认 / default)':<22} "
                  f"默认 ¥{default}  {', '.join(codes)}")
        return 0
    if args.name not in names:
        raise CommandFailed(f"没有这个收费设置 / no such fee setting: {args.name}; "
                            f"known: {', '.join(sorted(names)) or '(none)'}")
    if args.amount is None:
        raise CommandFailed("请给出金额，或 default 恢复目录默认 / give an amount, or 'default'")
    try:
        set_station_fee(ctx, args.name, None if args.amount == "default" else args.amount)
    except ValueError as exc:
        raise CommandFailed(str(exc)) from exc
    print(f"已设置 / set: {args.name} = {args.amount}")
    return 0
