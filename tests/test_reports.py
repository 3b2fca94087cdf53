"""The Excel workbook: sheets, headers, and every Summary figure recomputed from the Raw sheet."""
from __future__ import annotations

import threading
from collections import defaultdict
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from counter.metrics import KPIS, Period
from counter.reports import RAW_HEADERS, SHEETS, ExportCancelled, export_report
from tests.report_fixtures import DAY, EXPECTED, build

pytestmark = pytest.mark.both_engines  # the same tests on SQLite and PostgreSQL

H = {name: i for i, name in enumerate(RAW_HEADERS)}


def read_raw(path):
    wb = load_workbook(path, read_only=True)
    rows = wb["明细 Raw"].iter_rows(values_only=True)
    header = next(rows)
    data = [r for r in rows]
    wb.close()
    return header, data


def summary_values(path) -> dict[str, tuple]:
    wb = load_workbook(path, read_only=True)
    found = {}
    for row in wb["概览 Summary"].iter_rows(values_only=True):
        if row and len(row) >= 7 and row[6] in {k.key for k in KPIS}:
            found[row[6]] = (row[2], row[3], row[5])
    wb.close()
    return found


def col(row, name):
    return row[H[name]]


def recompute(data, target_minutes=20.0) -> dict[str, float | None]:
    """Every KPI again, from the Raw sheet alone."""
    tickets, visits = {}, {}
    citizens = defaultdict(list)
    spans = defaultdict(lambda: [None, None, 0.0])
    items = 0
    for r in data:
        tid = col(r, "号票编号 Ticket id")
        if tid is not None and tid not in tickets:
            tickets[tid] = r
        vid = col(r, "办件编号 Visit no.")
        if vid is not None and vid not in visits:
            visits[vid] = r
        if col(r, "事项序号 Item no.") is not None:
            items += 1
    for r in visits.values():
        day = col(r, "日期 Date")
        started, finished = col(r, "开始办理 Started"), col(r, "办结时间 Finished")
        if col(r, "申请人序号 Citizen no.") is not None:
            citizens[col(r, "申请人序号 Citizen no.")].append((col(r, "取号时间 Issued"), finished))
        handling = col(r, "办理时长（分钟）Handling (min)") or 0.0
        for kind in ("窗口 Window", "人员 Clerk"):
            span = spans[(kind, day, col(r, kind))]
            span[0] = started if span[0] is None else min(span[0], started)
            span[1] = finished if span[1] is None else max(span[1], finished)
            span[2] += handling

    def mean(values):
        return sum(values) / len(values) if values else None

    def pct(values, f):
        values = sorted(values)
        if not values:
            return None
        pos = f * (len(values) - 1)
        lo = int(pos)
        hi = min(lo + 1, len(values) - 1)
        return values[lo] + (values[hi] - values[lo]) * (pos - lo)

    waits = [col(r, "等候（分钟）Wait (min)") for r in tickets.values() if col(r, "等候（分钟）Wait (min)") is not None]
    called = [r for r in tickets.values() if col(r, "首次叫号 First call") is not None]
    no_shows = [r for r in tickets.values() if col(r, "结果 Outcome") == "过号"]
    handling = [col(r, "办理时长（分钟）Handling (min)") for r in visits.values()]
    hall = [col(r, "单次办事时长（分钟）Time in hall (min)") for r in visits.values()
            if col(r, "单次办事时长（分钟）Time in hall (min)") is not None]
    citizen = [(max(f for _, f in v) - min(i for i, _ in v)).total_seconds() / 60 for v in citizens.values()]
    ratings = [col(r, "评价 Rating") for r in visits.values() if col(r, "评价 Rating") is not None]
    window_open = sum((s[1] - s[0]).total_seconds() for k, s in spans.items() if k[0] == "窗口 Window")
    serving = sum(s[2] for k, s in spans.items() if k[0] == "窗口 Window") * 60
    clerk_hours = sum((s[1] - s[0]).total_seconds() for k, s in spans.items() if k[0] == "人员 Clerk") / 3600
    return {
        "tickets": len(tickets), "visits": len(visits), "items": items,
        "wait_mean": mean(waits), "wait_p50": pct(waits, .5), "wait_p90": pct(waits, .9),
        "wait_max": max(waits) if waits else None,
        "service_level": sum(1 for w in waits if w <= target_minutes + 1e-9) / len(waits) if waits else None,
        "no_show_rate": len(no_shows) / len(called) if called else None,
        "handling_mean": mean(handling), "handling_p50": pct(handling, .5), "handling_p90": pct(handling, .9),
        "citizen_mean": mean(citizen), "citizen_p50": pct(citizen, .5), "citizen_p90": pct(citizen, .9),
        "hall_mean": mean(hall), "hall_p50": pct(hall, .5), "hall_p90": pct(hall, .9),
        "items_per_visit": items / len(visits) if visits else None,
        "visits_per_clerk_hour": len(visits) / clerk_hours if clerk_hours else None,
        "utilisation": serving / window_open if window_open else None,
        "rating_mean": mean(ratings),
        "satisfaction": sum(1 for x in ratings if x >= 4) / len(ratings) if ratings else None,
    }


def assert_summary_matches_raw(path):
    summary = summary_values(path)
    assert set(summary) == {k.key for k in KPIS}
    _, data = read_raw(path)
    again = recompute(data)
    for key, expected in again.items():
        got = summary[key][0]
        if expected is None:
            assert got is None, key
        else:
            # Excel keeps times as day fractions: allow a few milliseconds on the spans
            assert got == pytest.approx(expected, rel=1e-6, abs=1e-4), key


def test_workbook_sheets_headers_and_known_figures(ctx, tmp_path):
    build(ctx)
    out = tmp_path / "day.xlsx"
    result = export_report(ctx, Period(DAY, DAY), out)
    assert result.rows == 7  # 5 items + the no-show + the cancelled ticket
    wb = load_workbook(out)
    from counter.journey.report import SHEETS as JOURNEY_SHEETS  # collection, uncollected, follow-ups (issue 19)

    assert wb.sheetnames == [*SHEETS, *JOURNEY_SHEETS]
    raw = wb["明细 Raw"]
    assert tuple(c.value for c in raw[1]) == RAW_HEADERS
    assert raw.freeze_panes == "C2"
    assert wb["按日 Daily"]._charts and wb["按事项 By procedure"]._charts  # native charts
    assert wb["按时段 Hourly"].conditional_formatting  # the heat map
    ids = [c.value for c in raw["U"][1:] if c.value]
    assert all("*" in v for v in ids) and "110105199001011234" not in ids
    summary = summary_values(out)
    assert summary["wait_max"][0] == pytest.approx(4530 / 60)
    assert summary["wait_mean"][0] == pytest.approx(EXPECTED["wait_mean"] / 60)
    assert summary["citizen_mean"][0] == pytest.approx(EXPECTED["citizen_mean"] / 60)
    assert summary["service_level"][0] == pytest.approx(EXPECTED["service_level"])
    midnight = [r for r in raw.iter_rows(min_row=2, values_only=True) if r[H["事项编码 Procedure"]] == "HZ-14"][0]
    assert midnight[H["办结时间 Finished"]] == datetime(2026, 11, 24, 0, 25)  # local time in the sheet
    assert midnight[H["日期 Date"]] == datetime(2026, 11, 23)
    assert_summary_matches_raw(out)


def test_simulated_month_summary_equals_raw_and_comparison(ctx, tmp_path):
    from counter.simulate import SimOptions, simulate

    simulate(ctx, SimOptions(days=14, visits_per_day=60, windows=4, seed=11, end=date(2026, 11, 22),
                             before_after=date(2026, 11, 16)))
    out = tmp_path / "sim.xlsx"
    export_report(ctx, Period(date(2026, 11, 16), date(2026, 11, 22)), out,
                  baseline=Period(date(2026, 11, 9), date(2026, 11, 15)))
    assert_summary_matches_raw(out)
    summary = summary_values(out)
    current, baseline, change = summary["citizen_mean"]
    assert baseline is not None and change == pytest.approx(current / baseline - 1)


def test_cancelled_export_leaves_no_file(ctx, tmp_path):
    build(ctx)
    cancel = threading.Event()
    cancel.set()
    folder = tmp_path / "reports"
    folder.mkdir()
    with pytest.raises(ExportCancelled):
        export_report(ctx, Period(DAY, DAY), folder / "never.xlsx", cancel=cancel)
    assert list(folder.iterdir()) == []


def test_cli_export_report(db_url, ctx, tmp_path):
    from counter.cli import main

    build(ctx)
    out = tmp_path / "cli.xlsx"
    assert main(["--database", db_url, "export-report", "--from", "2026-11-23", "--to", "2026-11-23",
                 "--baseline-from", "2026-11-16", "--baseline-to", "2026-11-22", "--out", str(out), "-q"]) == 0
    assert summary_values(out)["tickets"][:2] == (6, 0)
    assert main(["--database", db_url, "export-report", "--from", "2026-11-23", "--to", "2026-11-01",
                 "--out", str(out)]) == 2
