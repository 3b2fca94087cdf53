"""Command line: GUI modes (clerk, --kiosk, --display) and the administrator's sub-commands.

Only argparse is imported before the arguments are parsed: the GUI must show its first window
fast, and each sub-command imports what it needs.
"""
from __future__ import annotations

import argparse
import sys
from importlib import import_module

# each module has register(subparsers); its parsers set `run=function(args) -> exit code`
COMMAND_MODULES = ("database", "catalog", "queue", "report", "maintenance", "audit", "journey", "appointments",
                   "hall")


class Parser(argparse.ArgumentParser):
    """argparse, with a usage error as one short line: a hostile argument (10,000 characters, a
    CRLF, U+202E) is quoted shortened and escaped, never echoed raw (counter.safetext)."""

    def error(self, message: str):
        from counter.safetext import one_line

        self.exit(2, f"{self.prog}: 错误 / error: {one_line(message, 300)} (--help)\n")


def build_parser() -> argparse.ArgumentParser:
    from counter.commands.common import database_url, window_number

    parser = Parser(
        prog="counter",
        description="一窗通办 Counter — one-window service hall (户政 + 交管).",
    )
    parser.add_argument("--database", metavar="URL", type=database_url,
                        help="sqlite:///file or postgresql+psycopg://user@host/db (env COUNTER_DATABASE_URL)")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="user interface language")
    parser.add_argument("--demo", action="store_true",
                        help="use the demo database (filled with demo data and demo logins)")
    parser.add_argument("--window", type=window_number, metavar="N", help="this terminal's window number (1–999)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--kiosk", action="store_true", help="start the citizens' self-service kiosk")
    mode.add_argument("--display", action="store_true", help="start the hall display (called tickets)")
    parser.add_argument("--self-test", action="store_true",  # also after --kiosk/--display (the .desktop entries)
                        help="open the main windows offscreen, render a receipt, exit 0 or print what failed")
    parser.add_argument("--reader-sim", action="store_true",
                        help="use a simulated ID card reader (demo people's cards) instead of the configured one")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = import_module(f"counter.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"counter.commands.{name}":
                raise
            continue  # a command group not built yet
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command:
        return _run_command(args)
    from counter.ui.app import run_gui  # the GUI layer, only when a window is wanted

    return run_gui(args)


def _run_command(args: argparse.Namespace) -> int:
    from counter.commands.common import CommandFailed
    from counter.safetext import one_line

    try:
        return int(args.run(args) or 0)
    except CommandFailed as exc:
        print(one_line(str(exc)), file=sys.stderr)
        return exc.code
    except BrokenPipeError:  # `counter catalog list | head`
        return 0
    except KeyboardInterrupt:
        print("已中断 / interrupted", file=sys.stderr)
        return 130
    except OSError as exc:  # a file or folder the command needed
        print(one_line(f"文件操作失败 / file error: {exc}"), file=sys.stderr)
        return 2
    except Exception as exc:  # the last guard: a message, and the details in the log file
        _log_traceback()
        print(one_line(f"内部错误 / internal error: {exc.__class__.__name__}: {exc}"), file=sys.stderr)
        return 70


def _log_traceback() -> None:
    import traceback

    try:
        from counter.paths import data_dir

        with (data_dir() / "counter.log").open("a", encoding="utf-8") as log:
            log.write(traceback.format_exc())
    except OSError:
        pass


if __name__ == "__main__":
    sys.exit(main())
