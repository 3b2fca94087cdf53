"""Where the time goes on screen: the tab's model without widgets, the tab, the alerts (issue 20)."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from counter import queueing, steptimes
from counter.auth import create_user, login
from counter.forms.flow import VisitFlow
from counter.metrics import Period
from counter.models import Role
from counter.visits import finish_visit
from tests.helpers import walk_visit

pytestmark = pytest.mark.both_engines
pytest.importorskip("PySide6.QtCharts")


def as_manager(ctx):
    with ctx.sessions.begin() as session:
        create_user(session, ctx.clock, station_id=ctx.station.id, username="wang", display_name="王所长",
                    role=Role.MANAGER, password="Manager@2026", must_change=False)
    with ctx.sessions() as session:
        ctx.principal = login(session, ctx.clock, "wang", "Manager@2026")


def test_the_tables_model_without_a_view(ctx, clock, clerk):
    from counter.ui.where_time_goes import TimeTables

    finish_visit(ctx, walk_visit(ctx, clock, loss_minutes=2), clerk)
    day = ctx.clock.today()
    as_manager(ctx)
    tables = TimeTables(steptimes.report(ctx, Period(day, day)))
    pages = tables.rows("pages")
    assert pages[0][:3] == ["HZ-12", "挂失信息", "1"] and pages[0][3] == "2 分 30 秒" and pages[0][5] == "50%"
    assert tables.rows("fields")[0][1:] == ["公民身份号码", "1", "1"] or tables.rows("fields")[0][1:] == [
        "丢失日期", "1", "1"]
    assert tables.rows("procedures")[0][:3] == ["HZ-12 挂失申报", "5 分 00 秒", "1"] or \
        tables.rows("procedures")[0][1:3] == ["5 分 00 秒", "1"]
    assert tables.rows("clerks")[0][:2] == ["李警官", "1"]


def test_manager_sees_the_tab_and_the_alerts_appear_as_the_clock_moves(qtbot, ctx, clock, clerk):
    from counter import overtime
    from counter.ui.manager_window import ManagerWindow
    from counter.ui.where_time_goes import OvertimePanel, WhereTimeGoesTab

    finish_visit(ctx, walk_visit(ctx, clock, loss_minutes=2), clerk)
    flow = VisitFlow(ctx.catalog, ctx.clock.now, today=ctx.clock.today())
    flow.choose(["HZ-12"])
    overtime.publish_running(ctx, flow)  # the clerk's window says: a 5-minute visit runs here
    queueing.issue_ticket(ctx, "A")
    as_manager(ctx)
    window = ManagerWindow(ctx, refresh_ms=60000)
    qtbot.addWidget(window)
    window.show()
    panel = window.findChild(OvertimePanel)
    qtbot.waitUntil(lambda: panel.alerts is not None, timeout=20000)
    assert not [a for a in panel.alerts if a.kind in ("visit", "waiting")]
    clock.advance(minutes=25)
    window.refresh_today()
    qtbot.waitUntil(lambda: {"visit", "waiting"} <= {a.kind for a in panel.alerts}, timeout=20000)
    texts = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert any("超标准时长" in t for t in texts) and any("A001 已等候" in t for t in texts)
    tab = window.findChild(WhereTimeGoesTab)
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.report is not None, timeout=20000)
    assert tab.tables["pages"].item(0, 1).text() == "挂失信息"
    assert tab.tables["clerks"].item(0, 0).text() == "李警官"
    window.close()


def test_the_clerks_status_bar_shows_the_own_visit_past_its_standard(qtbot, clerk_window, ctx, clock):
    from counter.ui.where_time_goes import OvertimeLabel

    label = clerk_window.findChild(OvertimeLabel)
    qtbot.waitUntil(lambda: label.alerts is not None, timeout=20000)  # the first look, at start
    clerk_window.new_visit()
    clerk_window.flow.choose(["HZ-12"])  # standard 5 minutes
    label.alerts = None
    label.refresh()
    qtbot.waitUntil(lambda: label.alerts is not None, timeout=20000)
    assert label.text() == ""
    with ctx.sessions() as session:  # published for the manager's view
        assert ctx.window(session).running_standard_minutes == 5
    clock.advance(minutes=7)
    label.alerts = None
    label.refresh()
    qtbot.waitUntil(lambda: bool(label.alerts), timeout=20000)
    assert isinstance(label, QLabel) and "超标准时长 2 分钟" in label.text(), label.alerts


def test_the_clerks_typing_leaves_field_events_on_next_only(qtbot, clerk_window, clock):
    from PySide6.QtCore import Qt

    from tests.qt_helpers import page, press, type_into

    win = clerk_window
    press(qtbot, win, Qt.Key.Key_F5)
    type_into(qtbot, win, "name", "张三")
    type_into(qtbot, win, "id_number", "110105194912310021")  # wrong check character
    type_into(qtbot, win, "phone", "13812345678")
    type_into(qtbot, win, "address", "北京市朝阳区建国路1号")
    assert win.flow.field_marks == []  # typing alone records nothing
    press(qtbot, win, Qt.Key.Key_Return)
    assert ("id_number", "error") in [(m.field, m.kind) for m in win.flow.field_marks]
    editor = page(win).editor("id_number")
    editor.clear()
    type_into(qtbot, win, "id_number", "11010519491231002X")
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.flow.step.kind == "procedures"
    marks = [(m.field, m.kind) for m in win.flow.field_marks if m.field == "id_number"]
    assert marks == [("id_number", "error"), ("id_number", "corrected")]
    assert win.flow.history[0].refused == 1
