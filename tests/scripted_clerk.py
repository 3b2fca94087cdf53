"""A clerk window driven by a script, then left waiting: the victim of tests/test_faults.py's SIGKILL.

    python tests/scripted_clerk.py DATABASE_URL JOURNAL_FILE

Creates the clerk `li`, logs in, opens the real MainWindow with the draft journal at
JOURNAL_FILE, types a visit (identity, one traffic procedure, its page) as a clerk would —
every completed page is saved to the journal by the window itself — prints one JSON line
with what was typed, and waits for the end (the test kills it with SIGKILL).
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from counter.auth import create_user, login
from counter.config import Config
from counter.context import AppContext
from counter.drafts import DraftJournal
from counter.models import Role
from counter.ui.main_window import MainWindow
from tests.qt_helpers import type_text

TYPED = {"name": "王小明", "id_number": "11010519491231002X", "phone": "13912345678",
         "address": "上海市黄浦区人民大道100号", "plate": "沪A12345", "code": "JG-A2"}


class Keys:  # what tests.qt_helpers.type_text needs from pytest-qt's qtbot
    keyClicks = staticmethod(QTest.keyClicks)


def main(url: str, journal_file: str) -> None:
    app = QApplication([])
    ctx = AppContext.open(Config(database_url=url))
    with ctx.sessions.begin() as session:
        create_user(session, ctx.clock, station_id=ctx.station.id, username="li", display_name="李警官",
                    role=Role.CLERK, password="Clerk@2026", must_change=False)
    with ctx.sessions() as session:
        ctx.principal = login(session, ctx.clock, "li", "Clerk@2026")
    win = MainWindow(ctx, DraftJournal(Path(journal_file)))
    win.show()
    app.processEvents()

    win.new_visit()
    for field in ("name", "id_number", "phone", "address"):
        editor = win.wizard.current.editor(field)
        editor.setFocus()
        type_text(Keys, editor, TYPED[field])
    win.next_step()
    picker = win.wizard.current
    picker.filter.setFocus()
    QTest.keyClicks(picker.filter, TYPED["code"])
    QTest.keyClick(picker.filter, Qt.Key.Key_Down)
    QTest.keyClick(picker.list, Qt.Key.Key_Space)
    win.next_step()
    plate = win.wizard.current.editor("plate")
    plate.setFocus()
    type_text(Keys, plate, TYPED["plate"])
    win.wizard.current.editor("reason").group.buttons()[1].click()
    win.next_step()
    print(json.dumps({"key": win.flow.key, "step": win.flow.step.kind,
                      "reason": win.flow.items[0].form.raw.get("reason")}), flush=True)
    while True:  # a clerk looking at the materials page when the power goes
        app.processEvents()
        time.sleep(0.05)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
