"""catalog list | check | guide."""
from __future__ import annotations

import json
from pathlib import Path

from counter.commands.common import CommandFailed, output_file, quote, writable_output


def register(sub) -> None:
    p = sub.add_parser("catalog", help="the procedure catalogue: list, check, print guides")
    actions = p.add_subparsers(dest="catalog_action", metavar="ACTION", required=True)
    q = actions.add_parser("list", help="codes, categories, names, fees and time limits")
    q.add_argument("--json", action="store_true", help="machine-readable output")
    q.set_defaults(run=list_procedures)
    q = actions.add_parser("check", help="lint every catalogue file; one line per problem")
    q.add_argument("--folder", type=Path, help="check another folder (default: the shipped catalogue)")
    q.set_defaults(run=check)
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

    if args.folder is not None and not args.folder.is_dir():
        raise CommandFailed(f"文件夹不存在 / no such folder: {quote(args.folder, 120)}")
    problems = check_catalog(args.folder)
    for problem in problems:
        print(problem)
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
