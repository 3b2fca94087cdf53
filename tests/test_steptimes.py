"""Where the time goes (issue 20): field events from the wizard, page and field figures, clerks, alerts.

Both engines: the figures are folded in Python from the same rows on SQLite and PostgreSQL.
"""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from counter import overtime, steptimes
from counter.auth import create_user, login
from counter.forms.flow import VisitFlow
from counter.metrics import Period
from counter.models import FieldEvent, Role, StepEvent, Visit
from counter.visits import finish_visit
from tests.helpers import walk_visit

pytestmark = pytest.mark.both_engines


def manager(ctx):
    with ctx.sessions.begin() as session:
        create_user(session, ctx.clock, station_id=ctx.station.id, username="wang", display_name="王所长",
                    role=Role.MANAGER, password="Manager@2026", must_change=False)
    with ctx.sessions() as session:
        return login(session, ctx.clock, "wang", "Manager@2026")


def test_field_events_are_kept_with_the_draft_and_stored_with_the_visit(ctx, clock, clerk):
    flow = walk_visit(ctx, clock)
    marks = [(m.step, m.field, m.kind) for m in flow.field_marks]
    assert marks == [("identity", "id_number", "error"), ("identity", "id_number", "corrected"),
                     ("0/page/0", "loss_date", "error"), ("0/page/0", "loss_date", "corrected")]
    restored = VisitFlow.from_dict(ctx.catalog, flow.to_dict(), ctx.clock.now)
    assert [(m.field, m.kind) for m in restored.field_marks] == [(f, k) for _, f, k in marks]
    assert [h.refused for h in restored.history][:2] == [2, 0]
    finish_visit(ctx, restored, clerk)
    with ctx.sessions() as session:
        events = session.execute(select(FieldEvent.page, FieldEvent.field, FieldEvent.kind, FieldEvent.item_position)
                                 .order_by(FieldEvent.id)).all()
        refused = session.execute(select(StepEvent.page, StepEvent.refused).order_by(StepEvent.id)).all()
    assert [tuple(e) for e in events] == [("identity", "id_number", "error", None),
                                          ("identity", "id_number", "corrected", None),
                                          ("0/page/0", "loss_date", "error", 0),
                                          ("0/page/0", "loss_date", "corrected", 0)]
    assert ("identity", 2) in [tuple(r) for r in refused] and ("0/page/0", 1) in [tuple(r) for r in refused]


def test_pages_fields_procedures_and_clerks(ctx, clock, clerk):
    finish_visit(ctx, walk_visit(ctx, clock, loss_minutes=2), clerk)
    finish_visit(ctx, walk_visit(ctx, clock, typo=False, back=False, loss_minutes=10), clerk)
    day = ctx.clock.today()
    boss = manager(ctx)
    ctx.principal = boss
    report = steptimes.report(ctx, Period(day, day))
    loss = report.page("HZ-12", "page/0")
    assert loss.title == "挂失信息" and loss.stays == 3  # the first visit came back to it once
    assert loss.sent_back == 2 and loss.gone_back == 1
    # the first visit spent 2 min + 30 s on the page, the second 10 min: median 6:15, p90 9:15
    assert loss.time.p50 == pytest.approx(375) and loss.time.p90 == pytest.approx(555)
    identity = report.page("", "identity")
    assert identity.sent_back == 1 and identity.stays == 2
    assert report.slowest_pages()[0] is loss
    top = report.most_errors()
    assert [(f.procedure, f.field, f.errors, f.corrections) for f in top] == [
        ("HZ-12", "loss_date", 2, 2), ("", "id_number", 1, 1)]
    assert top[0].label == "丢失日期"
    hz12 = report.procedure("HZ-12")
    assert hz12.standard_minutes == 5 and hz12.time.count == 2 and hz12.over == 1
    [li] = report.clerks
    assert li.clerk == "李警官" and li.errors == 3 and li.time.count == 2 and li.over == 2
    ctx.principal = clerk
    assert [c.clerk for c in steptimes.report(ctx, Period(day, day)).clerks] == ["人员1"]


def test_before_and_after(ctx, clock, clerk):
    finish_visit(ctx, walk_visit(ctx, clock, loss_minutes=10), clerk)
    first = ctx.clock.today()
    clock.advance(days=7)
    finish_visit(ctx, walk_visit(ctx, clock, loss_minutes=4), clerk)
    later = ctx.clock.today()
    changes = {c.label: c for c in steptimes.compare(steptimes.report(ctx, Period(first, first)),
                                                     steptimes.report(ctx, Period(later, later)))}
    page = changes["HZ-12 挂失信息"]
    assert page.baseline == pytest.approx(630) and page.current == pytest.approx(270)
    assert page.percent == pytest.approx(270 / 630 - 1)


def test_standard_minutes_from_the_catalogue_or_the_typical_time(ctx):
    from dataclasses import replace

    hz12 = ctx.catalog.get("HZ-12")
    assert steptimes.standard_minutes(hz12) == hz12.typical_minutes
    assert steptimes.standard_minutes(replace(hz12, standard_minutes=7)) == 7


# --- alerts: the clock moves, each alert appears ---------------------------------------------------

def test_each_overtime_alert_appears_when_the_clock_passes_it(ctx, clock, clerk):
    from counter import queueing

    queueing.open_window(ctx, 1)
    queueing.close_window(ctx, 2)
    with ctx.sessions.begin() as session:  # window 1 serves 户政 only; window 2 is closed
        queueing.window_row(session, ctx, 1).categories = "A"
    flow = VisitFlow(ctx.catalog, ctx.clock.now, today=ctx.clock.today())
    flow.choose(["HZ-12"])  # standard 5 min
    overtime.publish_running(ctx, flow)
    ticket = queueing.issue_ticket(ctx, "B")

    def kinds():
        with ctx.sessions() as session:
            return {a.kind: a for a in overtime.hall_alerts(session, ctx.station.id, ctx.clock.now(), 20, ctx.catalog)}

    assert "visit" not in kinds() and "waiting" not in kinds()
    clock.advance(minutes=4)
    assert overtime.flow_alert(flow, ctx.clock.now()) is None
    clock.advance(minutes=2)
    found = kinds()
    assert found["visit"].minutes == pytest.approx(1) and overtime.flow_alert(flow, ctx.clock.now()) is not None
    # 交管 has no open window: its predicted wait is over the target at once; open window 2 for it
    assert found["predicted"].subject == "B" and found["predicted"].window == "2号窗口"
    assert "建议开启" in found["predicted"].text.zh_CN
    assert "waiting" not in found
    clock.advance(minutes=15)
    waiting = kinds()["waiting"]
    assert waiting.subject == ticket.code and waiting.minutes == pytest.approx(21)
    assert [a.kind for a in overtime.clerk_alerts(ctx, flow)] == ["visit", "waiting", "predicted"]
    overtime.publish_running(ctx, None)
    assert "visit" not in kinds()


def test_predicted_wait_counts_the_open_windows(ctx, clock, clerk):
    from counter import queueing

    queueing.open_window(ctx, 1)
    for _ in range(2):
        queueing.issue_ticket(ctx, "A")
    with ctx.sessions() as session:  # 2 waiting × the mean standard time (no visits yet) ÷ 1 window
        alerts = overtime.predicted_wait_alerts(session, ctx.station.id, ctx.clock.now(), 20, ctx.catalog)
    mean = sum(steptimes.standard_minutes(p) for p in ctx.catalog.procedures) / len(ctx.catalog.procedures)
    assert (2 * mean > 20) == bool(alerts)
    for _ in range(6):
        queueing.issue_ticket(ctx, "A")
    with ctx.sessions() as session:
        [alert] = overtime.predicted_wait_alerts(session, ctx.station.id, ctx.clock.now(), 20, ctx.catalog)
    assert alert.subject == "A" and alert.minutes == pytest.approx(round(8 * mean, 1))


# --- the demo: something real to find --------------------------------------------------------------

def test_demo_data_shows_slow_pages_error_prone_fields_and_clerks_that_differ(ctx):
    from counter.demo import seed_accounts, seed_visits

    seed_accounts(ctx)
    assert seed_visits(ctx, days=3, per_day=40) > 0
    with ctx.sessions() as session:
        stays = session.scalar(select(func.count(StepEvent.id)))
        unstored = session.scalar(select(func.count(Visit.id)).where(~Visit.id.in_(select(StepEvent.visit_id))))
        # the page stays of a visit add up to its handling time
        visit = session.scalars(select(Visit).order_by(Visit.id)).first()
        spent = sum((s.left_at - s.entered_at).total_seconds() for s in session.scalars(
            select(StepEvent).where(StepEvent.visit_id == visit.id)))
    assert stays > 0 and unstored == 0
    assert spent == pytest.approx((visit.finished_at - visit.started_at).total_seconds(), abs=1)
    today = ctx.clock.today()
    with ctx.sessions() as session:
        ctx.principal = login(session, ctx.clock, "zhang", "Manager@2026")
    report = steptimes.report(ctx, Period(today - timedelta(days=3), today))
    assert len(report.slowest_pages()) == 10
    fields = {f.field for f in report.most_errors()}
    assert "id_number" in fields  # the identity's error-prone field
    clerks = {c.clerk: c for c in report.clerks}
    li, wang = clerks["李警官"], clerks["王辅警"]  # the new auxiliary officer makes more errors
    assert wang.errors / wang.time.count > 1.5 * li.errors / li.time.count
    assert any(p.gone_back for p in report.pages) and any(p.sent_back for p in report.pages)


def test_excel_sheet_has_the_slowest_pages_fields_clerks_and_the_comparison(ctx, clock, clerk, tmp_path):
    from openpyxl import load_workbook

    from counter.reports import export_report
    from counter.steptimes_sheet import SHEET

    finish_visit(ctx, walk_visit(ctx, clock, loss_minutes=10), clerk)
    first = ctx.clock.today()
    clock.advance(days=7)
    finish_visit(ctx, walk_visit(ctx, clock, loss_minutes=4), clerk)
    later = ctx.clock.today()
    ctx.principal = manager(ctx)
    out = tmp_path / "report.xlsx"
    export_report(ctx, Period(later, later), out, baseline=Period(first, first))
    ws = load_workbook(out)[SHEET]
    rows = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    texts = [r[0] for r in rows]
    slowest = rows[texts.index("事项 Procedure") + 1]
    assert slowest[:3] == ["HZ-12", "挂失信息", 1] and slowest[3] == pytest.approx(4.5)
    fields = texts.index("错误最多的字段 Fields with the most errors") + 2
    assert rows[fields][:4] == ["—", "公民身份号码", 1, 1] or rows[fields][:4] == ["HZ-12", "丢失日期", 1, 1]
    clerks = texts.index("人员 Clerk") + 1
    assert rows[clerks][:2] == ["李警官", 1]
    change = next(r for r in rows if r[0] == "HZ-12 挂失信息")
    assert change[1] == pytest.approx(10.5) and change[2] == pytest.approx(4.5)
    assert change[3] == pytest.approx(4.5 / 10.5 - 1)


@pytest.mark.parametrize("value, ok", [("12", True), ("0", False), ('"ten"', False)])
def test_catalog_reads_and_checks_standard_minutes(tmp_path, value, ok):
    from counter.catalog import check_catalog, load_catalog
    from tests.helpers import catalog_folder

    folder = catalog_folder(tmp_path, "")
    path = folder / "XX-01.toml"
    path.write_text(f"standard_minutes = {value}\n" + path.read_text("utf-8"), "utf-8")
    problems = [p for p in check_catalog(folder) if "standard_minutes" in str(p)]
    assert not problems if ok else problems
    if ok:
        assert steptimes.standard_minutes(load_catalog(folder).get("XX-01")) == 12
