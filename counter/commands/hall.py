"""hall-settings show | set: the settings every terminal of the hall shares (counter.hall_settings).

    counter hall-settings show [--json]            each value and where it comes from:
                                                   大厅 / hall (the database) or 本机 / terminal
                                                   (this terminal's settings.toml: not set for the hall yet)
    counter hall-settings set KEY=VALUE…           e.g. priority_streak_limit=2 complaints_phone=010-12345678

`set` runs as the console (the operating-system user is audited, as `journey-settings`); the first
`set` stores every value for the hall. Exit 0 when saved (or shown), 2 when a value is refused
(one line: which setting and what it should be; nothing is stored then).
"""
from __future__ import annotations

import argparse
import json

from counter.commands.common import CommandFailed, open_context, quote


def _pair(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    key = key.strip().replace("-", "_")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"应为 名称=值，如 priority_streak_limit=2 / expected NAME=VALUE such as "
                                         f"priority_streak_limit=2: {quote(text)}")
    return key, value


def register(sub) -> None:
    group = sub.add_parser("hall-settings",
                           help="the settings all terminals of the hall share: queue, appointments, targets, receipts")
    cmds = group.add_subparsers(dest="hall_settings_command", metavar="ACTION", required=True)
    p = cmds.add_parser("show", help="the values and where each comes from (the hall, or this terminal)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=show)
    p = cmds.add_parser("set", help="change settings for the whole hall: NAME=VALUE …")
    p.add_argument("pairs", nargs="+", type=_pair, metavar="NAME=VALUE")
    p.set_defaults(run=set_values)


def show(args) -> int:
    from counter import hall_settings

    ctx = open_context(args)
    stored = hall_settings.stored(ctx)
    values = hall_settings.values_of(ctx.config, stored)
    if args.json:
        print(json.dumps({name: {"value": getattr(values, name), "hall": name in stored}
                          for name in hall_settings.NAMES}, ensure_ascii=False))
        return 0
    for name in hall_settings.NAMES:
        source = "大厅 / hall" if name in stored else "本机 / terminal"
        print(f"{name} = {getattr(values, name)}\t({source})")
    return 0


def set_values(args) -> int:
    from counter import hall_settings

    changes = dict(args.pairs)
    if len(changes) < len(args.pairs):
        raise CommandFailed("同一设置给出了两次 / a setting is given twice")
    try:
        hall_settings.checked(changes)  # refused before the database is opened
        ctx = open_context(args)
        values = hall_settings.save(ctx, **changes)
    except hall_settings.HallSettingsError as exc:
        raise CommandFailed(f"{exc.zh_CN} / {exc.en}") from exc
    for name in hall_settings.NAMES:
        print(f"{name} = {getattr(values, name)}")
    return 0
