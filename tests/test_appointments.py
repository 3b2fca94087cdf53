"""Appointments: platform import (idempotent, bad rows), counter booking with capacity, check-in
(early / on time / late), promotion at slot start under the no-starvation rule, visit prefill."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from counter import appointments as ap
from counter import queueing as q
from counter.db import reading
from counter.models import Appointment, Ticket

pytestmark = pytest.mark.both_engines

ZHANG = "11010519491231002X"
ABDU = "650102198805061237"
HEADER = ("booking_id,booking_code,slot_start,slot_end,procedures,applicant_name,id_number,phone,"
          "proxy_name,proxy_id_number\n")


def row(bid, code, start="2026-11-23 10:00", end="2026-11-23 10:30", procs="HZ-08", idn=ZHANG,
        phone="13812345678", name="张秀英"):
    return f"{bid},{code},{start},{end},{procs},{name},{idn},{phone},,\n"


def write(tmp_path, text, name="bookings.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def count(ctx):
    with reading(ctx.sessions) as s:
        return s.scalar(select(func.count()).select_from(Appointment))


def test_import_is_idempotent_by_booking_id(ctx, tmp_path):
    path = write(tmp_path, HEADER + row("P1", "K1") + row("P2", "K2", procs="HZ-08;JG-C1", idn=ABDU,
                                                             phone="13999012345", name=""))
    first = ap.import_file(ctx, path)
    assert (first.created, first.updated, first.errors) == (2, 0, [])
    moved = write(tmp_path, HEADER + row("P1", "K1", start="2026-11-23 11:00", end="2026-11-23 11:30"))
    again = ap.import_file(ctx, moved)
    assert (again.created, again.updated) == (0, 1)
    assert count(ctx) == 2
    with reading(ctx.sessions) as s:
        p1 = s.scalar(select(Appointment).where(Appointment.booking_id == "P1"))
        p2 = s.scalar(select(Appointment).where(Appointment.booking_id == "P2"))
        assert p1.slot_start.hour == 3  # 11:00 in Shanghai
        assert (p1.category, p2.category) == ("A", "C")
        assert p2.procedures == ["HZ-08", "JG-C1"]


def test_bad_rows_are_listed_and_nothing_is_imported(ctx, tmp_path):
    path = write(tmp_path, HEADER + row("P1", "K1") + row("P2", "K2", idn="110105194912310021")
                 + row("P3", "K3", procs="XX-99") + row("P1", "K4"))
    result = ap.import_file(ctx, path)
    assert [n for n, _ in result.errors] == [3, 4, 5]
    assert "id_number" in result.errors[0][1] and "XX-99" in result.errors[1][1] and "第 2 行" in result.errors[2][1]
    assert count(ctx) == 0
    partial = ap.import_file(ctx, path, skip_bad=True)
    assert partial.created == 1 and count(ctx) == 1


def test_json_format(ctx, tmp_path):
    data = {"bookings": [{"booking_id": "J1", "slot_start": "2026-11-23T10:00+08:00",
                          "slot_end": "2026-11-23T10:30+08:00", "procedures": ["JG-C1"],
                          "id_number": ZHANG, "phone": "13812345678",
                          "proxy_name": "李强", "proxy_id_number": ABDU}]}
    path = write(tmp_path, json.dumps(data, ensure_ascii=False), "b.json")
    assert ap.import_file(ctx, path).created == 1
    with reading(ctx.sessions) as s:
        got = s.scalar(select(Appointment))
        assert (got.code, got.category, got.proxy_id_number) == ("J1", "B", ABDU)


def booking(**kw):
    values = {"slot_start": "2026-11-23 10:00", "slot_end": "2026-11-23 10:30", "procedures": ["HZ-08"],
              "id_number": ZHANG, "phone": "13812345678", "applicant_name": "张秀英"}
    values.update(kw)
    return values


def test_a_full_slot_refuses_more(ctx):
    ctx.config = replace(ctx.config, appointment_capacity="A:2,B:1")
    ap.book(ctx, booking())
    ap.book(ctx, booking(id_number=ABDU, phone="13999012345"))
    with pytest.raises(ap.AppointmentError) as err:
        ap.book(ctx, booking(phone="13700000000"))
    assert "已满" in err.value.zh_CN and "full" in err.value.en
    ap.book(ctx, booking(slot_start="2026-11-23 10:30", slot_end="2026-11-23 11:00"))  # the next slot has room
    ap.book(ctx, booking(procedures=["JG-C1"]))  # another queue's capacity
    assert count(ctx) == 4


def test_booking_refuses_bad_input_in_one_line(ctx):
    with pytest.raises(ap.AppointmentError) as err:
        ap.book(ctx, booking(id_number="123"))
    assert "id_number" in err.value.zh_CN and "\n" not in str(err.value)
    ap.book(ctx, booking(booking_code="S1"))
    with pytest.raises(ap.AppointmentError) as err:
        ap.book(ctx, booking(booking_code="S1", booking_id="OTHER"))
    assert "S1" in err.value.zh_CN and "taken" in err.value.en


def test_check_in_on_time_gets_priority(ctx, clock):
    made = ap.book(ctx, booking())
    done = ap.check_in(ctx, code=made.code)
    assert (done.arrival, done.ticket.priority, done.ticket.category) == ("on_time", True, "A")
    with pytest.raises(ap.AppointmentError) as err:
        ap.check_in(ctx, code=made.code)
    assert "已签到" in err.value.zh_CN


def test_check_in_by_last_fours(ctx, clock):
    ap.book(ctx, booking(id_number=ABDU, phone="13999012345"))
    done = ap.check_in(ctx, id_last4="1237", phone_last4="2345")
    assert done.arrival == "on_time"
    with pytest.raises(ap.AppointmentError):
        ap.check_in(ctx, id_last4="0000", phone_last4="2345")


def test_late_arrival_is_a_walk_in_and_told_so(ctx, clock):
    made = ap.book(ctx, booking())
    clock.advance(minutes=16)
    done = ap.check_in(ctx, code=made.code)
    assert (done.arrival, done.ticket.priority) == ("late", False)
    assert "现场取号" in done.zh_CN and "walk-in" in done.en


def test_early_arrival_waits_until_the_slot_then_goes_first(ctx, clock):
    made = ap.book(ctx, booking(slot_start="2026-11-23 10:30", slot_end="2026-11-23 11:00"))
    first, second = q.issue_ticket(ctx, "A"), q.issue_ticket(ctx, "A")
    clock.advance(minutes=1)
    done = ap.check_in(ctx, code=made.code)
    assert (done.arrival, done.ticket.priority) == ("early", False)
    assert "10:30" in done.zh_CN
    assert q.call_next(ctx, 1).id == first.id  # before the slot: an ordinary ticket
    clock.advance(minutes=30)
    with reading(ctx.sessions) as s:
        assert s.get(Ticket, done.ticket.id).priority is False  # nothing stored until it is called
    assert q.call_next(ctx, 1).id == done.ticket.id  # the slot started: ahead of the earlier walk-in
    with reading(ctx.sessions) as s:
        assert s.get(Ticket, done.ticket.id).priority is True
        assert q.find_window(s, ctx.station.id, 1).priority_streak == 1  # counted by the no-starvation rule
    assert q.call_next(ctx, 1).id == second.id


def test_promoted_tickets_keep_the_no_starvation_rule(ctx, clock):
    ctx.config = replace(ctx.config, priority_streak_limit=2, appointment_capacity="")
    walk_in = q.issue_ticket(ctx, "A")
    codes = [ap.book(ctx, booking(phone=f"1381234{i:04d}")).code for i in range(3)]
    tickets = [ap.check_in(ctx, code=c).ticket for c in codes]
    order = [q.call_next(ctx, 1).id for _ in range(4)]
    assert order == [tickets[0].id, tickets[1].id, walk_in.id, tickets[2].id]


def test_a_served_appointment_ticket_brings_its_booking_with_the_panel_state(ctx, clock):
    from counter.forms.flow import VisitFlow
    from counter.hall_state import panel_state

    made = ap.book(ctx, booking(procedures=["HZ-08", "JG-C1"], proxy_name="李强", proxy_id_number=ABDU))
    ticket = ap.check_in(ctx, code=made.code).ticket
    assert q.call_next(ctx, 1).id == ticket.id
    assert panel_state(ctx, 1)[1].booking is None  # called, not yet served: not read
    q.start_service(ctx, 1)
    state = panel_state(ctx, 1)[1]
    assert state.ticket_id == ticket.id and state.booking.code == made.code
    flow = VisitFlow(ctx.catalog, ctx.clock.now, today=ctx.clock.today())
    assert ap.apply_prefill(flow, state.booking) == 9  # 7 identity fields + 2 procedures
    assert flow.identity.raw["id_number"] == ZHANG and flow.identity.raw["proxy_id_number"] == ABDU
    assert flow.chosen_codes() == ["HZ-08", "JG-C1"]
    walk_in = q.issue_ticket(ctx, "A")
    q.call_next(ctx, 1)
    q.start_service(ctx, 1)
    state = panel_state(ctx, 1)[1]
    assert state.ticket_id == walk_in.id and state.booking is None


def test_command_line_import_reports_rows_and_is_idempotent(tmp_path):
    from tests.helpers import run_cli as run

    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    assert run("init-db", url=url).returncode == 0
    good = write(tmp_path, HEADER + row("P1", "K1") + row("P2", "K2", idn=ABDU, phone="13999012345"))
    first = run("appointments", "import", str(good), url=url)
    assert first.returncode == 0 and "created 2" in first.stdout, first.stderr
    again = run("appointments", "import", str(good), url=url)
    assert "created 0, updated 2" in again.stdout
    bad = write(tmp_path, HEADER + row("P3", "K3") + row("P4", "K4", start="soon"), "bad.csv")
    refused = run("appointments", "import", str(bad), url=url)
    assert refused.returncode == 1 and "nothing imported" in refused.stdout
    assert refused.stderr.count("\n") == 1 and "row 3" in refused.stderr and "slot_start" in refused.stderr
    listed = run("appointments", "list", "--day", "2026-11-23", "--json", url=url)
    assert sorted(a["code"] for a in json.loads(listed.stdout)) == ["K1", "K2"]
    today = write(tmp_path, HEADER + row("T1", "K9", start="2000-01-01 08:00", end="2000-01-01 08:30"), "t.csv")
    assert run("appointments", "import", str(today), url=url).returncode == 0
    refused = run("appointments", "check-in", "--code", "K9", url=url)  # not today's
    assert refused.returncode == 2 and "no appointment found for today" in refused.stderr
    none = run("appointments", "check-in", url=url)
    assert none.returncode == 2 and "booking code" in none.stderr and "\n" not in none.stderr.strip()


def test_report_and_its_excel_sheet(ctx, clock, tmp_path):
    from openpyxl import load_workbook

    from counter.metrics import Period
    from counter.reports import export_report

    on_time = ap.book(ctx, booking())
    ap.book(ctx, booking(phone="13700000001"))  # comes late
    ap.book(ctx, booking(phone="13700000002"))  # never comes
    ap.book(ctx, booking(phone="13700000003"), source="phone")
    ap.cancel(ctx, ap.book(ctx, booking(phone="13700000004")).code)
    walk_in = q.issue_ticket(ctx, "A")
    clock.advance(minutes=4)
    ap.check_in(ctx, code=on_time.code)  # 10:04, on time: called at 10:06 (2 min after check-in)
    clock.advance(minutes=2)
    assert q.call_next(ctx, 1).id != walk_in.id
    clock.advance(minutes=14)
    assert q.call_next(ctx, 1).id == walk_in.id  # waited 20 min
    clock.advance(minutes=10)
    ap.check_in(ctx, id_last4="002X", phone_last4="0001")  # 10:30, late: a walk-in ticket
    clock.advance(minutes=5)
    q.call_next(ctx, 1)  # waited 5
    clock.advance(minutes=5)
    q.call_next(ctx, 1)  # the last one served
    clock.advance(hours=1)
    with reading(ctx.sessions) as s:
        got = ap.report(s, ctx.station.id, clock.today(), clock.today(), clock.now())
    assert (got.due, got.checked_in, got.on_time, got.late, got.no_shows, got.cancelled) == (4, 2, 1, 1, 2, 1)
    assert (got.served, got.served_booked) == (3, 1)
    assert got.wait_booked == pytest.approx(2.0) and got.wait_walk_in == pytest.approx(12.5)
    assert got.punctuality == pytest.approx(0.5) and got.by_source == {"counter": 3, "phone": 1}
    out = tmp_path / "r.xlsx"
    export_report(ctx, Period(clock.today(), clock.today()), out)
    sheet = load_workbook(out)["预约 Appointments"]
    cells = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert cells["预约占比 Share of visits booked"] == pytest.approx(1 / 3)
    assert cells["爽约 No-shows"] == 2 and cells["现场平均等候（分钟）Mean wait, walk-in (min)"] == pytest.approx(12.5)


def test_demo_data_contains_appointments(ctx, clock):
    from counter.demo import seed_accounts, seed_visits

    seed_accounts(ctx)
    seed_visits(ctx, days=1, per_day=5)
    with reading(ctx.sessions) as s:
        today = ap.on_day(s, ctx.station.id, clock.today())
        assert len(today) == 12 and {a.status for a in today} == {"booked"}
        code, start = min((a.slot_start, a.code) for a in today if a.slot_start >= clock.now())[::-1]
    assert ap.seed_demo(ctx) == 0  # once only
    clock.moment = start
    assert ap.check_in(ctx, code=code).arrival == "on_time"


def test_migration_0013_steps_back_and_forward(db_url):
    from sqlalchemy import inspect

    from counter.db import downgrade, make_engine, upgrade

    downgrade(db_url, "0012")
    engine = make_engine(db_url)
    assert "appointments" not in inspect(engine).get_table_names()
    engine.dispose()
    upgrade(db_url)
    engine = make_engine(db_url)
    assert "appointments" in inspect(engine).get_table_names()
    engine.dispose()
