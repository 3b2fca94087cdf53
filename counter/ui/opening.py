"""Opening the terminal's database at start, off the GUI thread, again and again until it opens.

`DatabaseOpening` runs the opening in the background; while the database does not open it says
why (one line, the URL without its password) and when it tries again (5, 10, 20, then every 30 s).
The clerk's login window and the kiosk's and display's "connecting" page both use it: after a
power cut terminals often boot before the hall's server answers, and a message box with an exit
would leave a dark screen until someone restarts the program.
"""
from __future__ import annotations

import argparse
import logging
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from counter.safetext import one_line
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

RETRY_SECONDS = (5, 10, 20, 30)  # then every 30 s


def terminal_config(args: argparse.Namespace):
    """This terminal's settings with the flags applied (and the demo's simulated card reader)."""
    from counter.config import load_config

    config = load_config(database=args.database, lang=args.lang, demo=args.demo, window=args.window)
    if getattr(args, "reader_sim", False):  # the demo's ID card reader: a pty speaking the SAM protocol
        from counter.ui.card_reader import start_simulated_reader

        config = start_simulated_reader(config)
    return config


def open_context(config):
    """Open and migrate the database (and fill the demo's); raises what went wrong. No widgets:
    the clerk's start runs it in the background while the login window shows."""
    from counter.context import AppContext
    from counter.db import DatabaseError, check_reachable, current_revision, head_revision, safe_url, upgrade

    check_reachable(config.database_url)
    ctx = AppContext.open(config)
    if current_revision(ctx.engine) != head_revision():
        if ctx.engine.dialect.name != "sqlite":
            raise DatabaseError(f"{safe_url(config.database_url)}: 数据库版本不是最新，请管理员运行 init-db "
                                "/ the schema is not current: run init-db")
        upgrade(config.database_url)  # a terminal's own SQLite file migrates itself
    if config.demo:
        from counter.demo import seed_accounts, seed_visits

        seed_accounts(ctx)
        seed_visits(ctx)
    _ = ctx.station
    return ctx


def failure_text(config, exc: Exception) -> str:
    """Why the database did not open, in one line (the URL without its password)."""
    from counter.db import DatabaseError, safe_url

    reason = str(exc) if isinstance(exc, DatabaseError) else \
        f"{safe_url(config.database_url)}: {exc.__class__.__name__}: {exc}"
    return one_line(reason, 300)


class DatabaseOpening(QObject):
    """Runs `work` (which opens the database) in the background until it succeeds: then
    `opened(result)`; after each failure `said(text)` with the reason and the next try."""

    def __init__(self, parent: QObject, config, work: Callable[[], Any], *, opened: Callable[[Any], None],
                 said: Callable[[str], None], retry_seconds: tuple[float, ...] = RETRY_SECONDS):
        super().__init__(parent)
        self.config, self.work, self.opened, self.said = config, work, opened, said
        self.retry_seconds = retry_seconds
        self.failures = 0
        self.tasks = TaskRunner(self)
        self._retry = QTimer(self, singleShot=True)
        self._retry.timeout.connect(self.start)

    def start(self) -> None:
        self.tasks.run(self.work, done=self.opened, failed=self._failed, name="open")

    def _failed(self, exc: Exception) -> None:
        self.failures += 1
        pause = self.retry_seconds[min(self.failures, len(self.retry_seconds)) - 1]
        reason = failure_text(self.config, exc)
        log.warning("database not opened (try %d), again in %g s: %s", self.failures, pause, reason)
        said = QCoreApplication.translate("DatabaseOpening", "无法连接数据库，{0} 秒后自动重试").format(f"{pause:g}")
        self.said(said + "\n\n" + reason)
        self._retry.start(int(pause * 1000))
