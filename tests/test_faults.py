"""Failures in the hall: the server stops mid-visit, the program is killed, a terminal clock is wrong.

The server-stop test runs its own PostgreSQL cluster (stopping the session's shared one would
disturb the other tests), stops it with `pg_ctl stop -m immediate` (a crash, as when the cable
is pulled or the server loses power) while the clerk is on the review page, and starts it again.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select, text

from counter.auth import create_user, login
from counter.clock import Clock, as_utc, utcnow
from counter.config import Config
from counter.context import AppContext
from counter.db import upgrade
from counter.drafts import DraftJournal
from counter.forms.flow import VisitFlow
from counter.models import Item, Role, Ticket, Visit
from counter.ui.main_window import MainWindow
from tests.conftest import in_ci
from tests.qt_helpers import choose, fill_identity, page, press, type_into
from tests.helpers import login_clerk, make_flow

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def own_cluster():
    """A PostgreSQL server this module may crash and restart at will."""
    from tests.pg_server import Cluster, ServerMissing

    try:
        cluster = Cluster.create(prefix="counter-pg-fault-", durable=True)  # it is crashed on purpose
    except (ServerMissing, RuntimeError) as exc:
        if in_ci():
            pytest.fail(f"CI=true and no PostgreSQL server for the fault tests: {exc}", pytrace=False)
        pytest.skip(f"no PostgreSQL server on this machine ({exc}); CI runs these tests")
    try:
        url = cluster.create_database("counter")
        upgrade(url)
        yield cluster, url
    finally:
        cluster.destroy()


def clerk_window(qtbot, ctx, journal):
    with ctx.sessions.begin() as session:
        create_user(session, ctx.clock, station_id=ctx.station.id, username="li", display_name="李警官",
                    role=Role.CLERK, password="Clerk@2026", must_change=False)
    with ctx.sessions() as session:
        ctx.principal = login(session, ctx.clock, "li", "Clerk@2026")
    win = MainWindow(ctx, journal)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()  # shortcuts (F5, Ctrl+Enter) go to the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5000)
    return win


def walk_to_review(qtbot, win, clock):
    fill_identity(qtbot, win, clock)
    choose(qtbot, win, "JG-A2")
    press(qtbot, win, Qt.Key.Key_Return)
    type_into(qtbot, win, "plate", "浙f12345")
    qtbot.mouseClick(page(win).editor("reason").group.buttons()[1], Qt.MouseButton.LeftButton)
    clock.advance(seconds=45)
    press(qtbot, win, Qt.Key.Key_Return)
    materials = page(win)
    for group in materials.groups.values():
        group.buttons()[0].click()
    clock.advance(seconds=15)
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.wizard.at_review()


@pytest.mark.postgres
def test_server_stops_mid_visit_banner_then_stored_exactly_once(qtbot, own_cluster, clock, tmp_path, monkeypatch):
    cluster, url = own_cluster
    ctx = AppContext.open(Config(database_url=url), clock=clock)
    boxes = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: boxes.append(a))
    monkeypatch.setattr("counter.ui.connection_banner.ConnectionBanner.DELAYS_MS", (200, 400, 800))
    journal = DraftJournal(tmp_path / "drafts.sqlite3")
    try:
        win = clerk_window(qtbot, ctx, journal)
        walk_to_review(qtbot, win, clock)
        key = win.flow.key

        cluster.stop("immediate")  # the server crashes
        pressed = clock.advance(seconds=10)
        press(qtbot, win, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert not win.wizard.isEnabled()  # frozen at once, stored in the background
        qtbot.waitUntil(win.connection_banner.shown, timeout=15000)

        assert boxes == []  # no error box...
        assert win.connection_banner.shown() and win.connection_banner.pending  # ...a banner
        assert "数据库连接中断" in win.connection_banner.message.text()
        # frozen while it waits: what is stored is what the clerk reviewed
        assert not win.wizard.isEnabled() and not win.back_action.isEnabled()
        assert not win.cancel_action.isEnabled() and not win.logout_action.isEnabled()
        assert win.flow is not None and win.flow.key == key and win.wizard.at_review()  # values kept
        assert win.flow.identity.raw["name"] == "张三"
        assert win.flow.items[0].form.cleaned()["plate"] == "浙F12345"
        assert [d["key"] for d in journal.pending("li")] == [key]  # and saved locally
        qtbot.waitUntil(lambda: win.connection_banner.attempts >= 2, timeout=15000)  # retries, dead server
        assert win.connection_banner.pending and win.flow is not None and boxes == []
        press(qtbot, win, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # impatient clerk
        assert win.connection_banner.pending and boxes == []

        clock.advance(minutes=5)  # the server comes back five minutes later
        cluster.start()
        qtbot.waitUntil(lambda: win.last_receipt is not None, timeout=20000)
        assert not win.connection_banner.shown() and not win.connection_banner.pending
        assert win.wizard.isEnabled() and win.new_visit_action.isEnabled()
        assert win.flow is None and journal.pending("li") == [] and boxes == []
        press(qtbot, win, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # nothing left to store

        with ctx.sessions() as s:
            visits = s.scalars(select(Visit).where(Visit.key == key)).all()
            assert len(visits) == 1 and s.scalar(select(func.count()).select_from(Visit)) == 1
            assert s.scalar(select(func.count()).select_from(Item)) == 1
            assert as_utc(visits[0].finished_at) == pressed  # the time finish was pressed, not the retry's
            assert visits[0].receipt.number == win.last_receipt[0]
    finally:
        if not cluster.running():
            cluster.start()
        ctx.close()


def test_sigkill_mid_visit_then_restart_offers_the_draft(qtbot, db_url, tmp_path, monkeypatch):
    from tests.scripted_clerk import TYPED

    journal_file = tmp_path / "drafts.sqlite3"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen([sys.executable, str(ROOT / "tests" / "scripted_clerk.py"), db_url, str(journal_file)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    try:
        line = proc.stdout.readline()
        assert line, proc.stderr.read()
        typed = json.loads(line)
        assert typed["step"] == "materials"
    finally:
        proc.send_signal(signal.SIGKILL)  # the power goes: no closeEvent, no clean-up
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL

    journal = DraftJournal(journal_file)
    drafts = journal.pending("li")
    assert [d["key"] for d in drafts] == [typed["key"]]

    ctx = AppContext.open(Config(database_url=db_url))
    try:
        flow = VisitFlow.from_dict(ctx.catalog, drafts[0], ctx.clock.now)
        assert flow.key == typed["key"] and flow.chosen_codes() == [TYPED["code"]]
        assert {k: flow.identity.raw[k] for k in ("name", "id_number", "phone", "address")} == \
               {k: TYPED[k] for k in ("name", "id_number", "phone", "address")}
        assert flow.items[0].form.cleaned()["plate"] == TYPED["plate"]
        assert flow.items[0].form.raw["reason"] == typed["reason"]
        assert flow.step.kind == "materials"  # back where the clerk was

        # the restarted program offers it at login, and the window shows every value again
        from counter.ui.app import offer_drafts

        with ctx.sessions() as session:
            ctx.principal = login(session, ctx.clock, "li", "Clerk@2026")
        win = MainWindow(ctx, journal)
        qtbot.addWidget(win)
        asked = []
        monkeypatch.setattr(QMessageBox, "question",
                            lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes)
        offer_drafts(win)
        assert len(asked) == 1 and TYPED["name"] in asked[0][2]
        assert win.flow is not None and win.flow.key == typed["key"] and win.flow.step.kind == "materials"
        win.previous_step()
        assert page(win).editor("plate").text() == TYPED["plate"]
        win.previous_step()
        win.previous_step()
        assert page(win).editor("name").text() == TYPED["name"]
        assert page(win).editor("id_number").text() == TYPED["id_number"]
    finally:
        ctx.close()


@pytest.mark.postgres
def test_terminal_clock_an_hour_wrong_does_not_change_stored_times(pg_url):
    wrong = Clock(source=lambda: utcnow() + timedelta(hours=1))
    ctx = AppContext.open(Config(database_url=pg_url), clock=wrong)
    try:
        principal = login_clerk(ctx)
        from counter import queueing as q
        from counter.visits import finish_visit

        ticket = q.issue_ticket(ctx, "A")
        q.call_next(ctx, 1)
        finish_visit(ctx, make_flow(ctx, codes=("HZ-08",), ticket_id=ticket.id), principal)
        with ctx.sessions() as s:
            server = as_utc(s.execute(text("SELECT clock_timestamp()")).scalar())
            visit = s.scalar(select(Visit))
            ticket = s.get(Ticket, visit.ticket_id)
            stored = [visit.started_at, visit.finished_at, ticket.issued_at, ticket.called_at,
                      visit.receipt.issued_at]
        for moment in stored:
            assert abs(as_utc(moment) - server) < timedelta(seconds=10), (moment, server)
    finally:
        ctx.close()
