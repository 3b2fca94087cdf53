"""Issue 19 from the command line, in the Excel report and in the demo data."""
from __future__ import annotations

import contextlib
import io
import json
from datetime import date, timedelta

import openpyxl
import pytest
from sqlalchemy import func, select

from counter.cli import main
from counter.journey import arrivals, followups, settings
from counter.metrics import Period
from counter.models import Arrival, FollowUp, Notice
from tests.journey_fixtures import items_of, rate, user, visit

pytestmark = pytest.mark.both_engines
ID_CARD = ("HZ-07", "accepted", {"pickup": "station"})


def cli(db_url, *args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--database", db_url, *args])
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_arrivals_notices_and_delivery_from_the_command_line(ctx, db_url):
    clerk = user(ctx)
    card = visit(ctx, clerk, [ID_CARD])
    post = visit(ctx, clerk, [("HZ-08", "in_progress", {"pickup": "post"})])
    code, out, _ = cli(db_url, "arrivals", "register", card, post, "NOPE", "--json")
    result = json.loads(out)
    assert code == 1  # a number was refused
    assert [r["receipt"] for r in result["registered"]] == [card, post]
    assert result["refused"] == [{"receipt": "NOPE", "reason": "回执号不存在", "reason_en": "No such receipt"}]
    assert items_of(ctx, card)[0].status == "ready"

    assert cli(db_url, "journey-settings", "--sms-gateway", "file", "--postage", "10")[0] == 0
    code, out, _ = cli(db_url, "notices", "send", "--json")
    assert code == 0 and json.loads(out)["sent"] == 2

    code, _, err = cli(db_url, "delivery", "sent", post, "SF0001112223")
    assert code == 2 and "address first" in err
    code, out, _ = cli(db_url, "delivery", "address", post, "--district", "110105", "--street", "建国路88号")
    assert code == 0 and "北京市朝阳区" in out
    code, _, err = cli(db_url, "delivery", "address", post, "--district", "999999", "--street", "x路1号")
    assert code == 2 and "999999" in err
    assert cli(db_url, "delivery", "sent", post, "SF0001112223")[0] == 0
    assert items_of(ctx, post)[0].status == "posted"
    code, out, _ = cli(db_url, "notices", "list", "--json")
    assert [n["kind"] for n in json.loads(out)] == ["posted", "ready", "ready"]


def test_uncollected_and_followups_from_the_command_line(ctx, db_url):
    clerk = user(ctx)
    number = visit(ctx, clerk, [ID_CARD])
    arrivals.register(ctx, [number], arrived_on=date(2026, 7, 1))
    rate(ctx, number, 1, "多次往返仍未办成")
    code, out, _ = cli(db_url, "uncollected", "--json")
    assert code == 0 and [r["receipt_number"] for r in json.loads(out)] == [number]
    code, out, _ = cli(db_url, "followups", "--json")
    [case] = json.loads(out)
    assert case["receipt"] == number and case["reason"] == "多次往返仍未办成" and not case["closed"]


def test_the_report_has_collection_and_follow_up_sheets(ctx, tmp_path, clock):
    clerk = user(ctx)
    collected = visit(ctx, clerk, [ID_CARD], at=clock.now() - timedelta(days=10))
    waiting = visit(ctx, clerk, [ID_CARD], at=clock.now() - timedelta(days=200))
    arrivals.register(ctx, [collected], arrived_on=date(2026, 11, 20))
    arrivals.register(ctx, [waiting], arrived_on=date(2026, 5, 20))
    ctx.principal = None
    with ctx.sessions.begin() as session:  # collected on the 23rd (the clerk's mark)
        from counter.models import Item

        item = session.get(Item, items_of(ctx, collected)[0].id)
        item.status, item.status_changed_at = "collected", clock.now()
    rate(ctx, collected, 2, "服务态度不好")
    rate(ctx, waiting, 1, "服务态度不好;叫号听不清")
    first, _second = followups.cases(ctx)
    followups.close(ctx, first.id, "说明了情况", "加强培训")
    from counter.reports import export_report

    out = tmp_path / "r.xlsx"
    export_report(ctx, Period(date(2026, 11, 1), date(2026, 11, 30)), out)
    wb = openpyxl.load_workbook(out)
    ws = wb["领证 Collection"]
    assert ws["B2"].value == 1 and ws["C2"].value == 7  # 13th accepted, 20th arrived
    assert ws["C3"].value == 10  # collected on the 23rd
    assert [c.value for c in ws[6]][:3] == [collected, "HZ-07", "已领取"]
    assert ws.max_row == 6  # the May arrival is outside the period
    un = wb["未领取 Uncollected"]
    assert un["A2"].value == waiting and un["F2"].value == 187
    fu = wb["回访 Follow-ups"]
    figures = {fu.cell(r, 1).value: fu.cell(r, 2).value for r in range(1, 6)}
    assert figures == {"差评数 Bad ratings": 2, "已回访办结 Answered": 1, "按期回访 Answered in time": 1,
                       "按期回访率 Share answered in time": 0.5, "逾期未办结 Overdue": 0}
    reasons = {fu.cell(r, 1).value: fu.cell(r, 2).value for r in range(8, 10)}
    assert reasons == {"服务态度不好": 2, "叫号听不清": 1}
    rows = [[c.value for c in row] for row in fu.iter_rows(min_row=13)]
    assert rows[0][6:8] == ["说明了情况", "加强培训"] and rows[0][9] == "是"


def test_the_demo_brings_arrivals_notices_and_follow_ups(ctx):
    from counter.demo import seed_accounts, seed_visits

    seed_accounts(ctx)
    seed_visits(ctx, days=4, per_day=40)
    with ctx.sessions() as session:
        assert session.scalar(select(func.count(Arrival.id))) > 0
        assert session.scalar(select(func.count(Notice.id)).where(Notice.status == "sent")) > 0
        bad = session.scalar(select(func.count(FollowUp.id)))
    assert settings.load(ctx).sms_gateway == "file"
    cases = followups.cases(ctx)
    assert len(cases) == bad and any(c.closed_at for c in cases) == bool(bad)


HOSTILE = ["", " ", "\x00", "a\r\nb", "\u202eevil", "x" * 10_000, "' OR 1=1 --", "-", "=", "\x1b[31mred", "😀" * 20]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_arguments_fail_in_one_line(db_url, value):
    for args in (["arrivals", "register", value], ["delivery", "sent", value, value],
                 ["delivery", "address", value, "--district", value, "--street", value],
                 ["journey-settings", "--postage", value],
                 ["journey-settings", "--sms-gateway", "http", "--sms-url", value],
                 ["journey-settings", "--sms-url", "http://" + value * 40, "--sms-signature", value],
                 ["uncollected", "--days", value]):
        code, _out, err = cli(db_url, *args)
        assert code in (0, 1, 2), (args, err)
        assert "internal error" not in err and "Traceback" not in err
        assert len(err.strip().splitlines()) <= 1
