"""The manager window shows today's figures, draws the period charts, exports off the GUI thread."""
from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtCharts")

from counter import metrics
from counter.db import reading
from counter.kpis import duration_text
from counter.metrics import Period
from counter.simulate import SimOptions, simulate


@pytest.fixture
def busy_ctx(ctx):
    # five days ending today, cut at 10:00 (the fixed clock): a live hall with people waiting
    simulate(ctx, SimOptions(days=5, visits_per_day=220, windows=4, seed=9))
    return ctx


def test_today_live_figures_on_screen(qtbot, busy_ctx, clock):
    from counter.ui.manager_window import ManagerWindow

    window = ManagerWindow(busy_ctx, refresh_ms=200)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.today is not None and window.period_metrics is not None, timeout=20000)
    with reading(busy_ctx.sessions) as session:
        expected = metrics.today_live(session, busy_ctx.station.id, clock.now())
    assert expected.tickets > 0 and sum(expected.waiting.values()) > 0
    for letter, count in expected.waiting.items():
        assert window.waiting_labels[letter].text() == str(count)
    assert window.cards["avg_wait"].text() == duration_text(expected.wait.mean)
    assert window.cards["avg_handling"].text() == duration_text(expected.handling.mean)
    assert window.cards["longest_wait"].text().startswith(duration_text(expected.longest_wait_seconds))
    assert window.cards["tickets_today"].text() == f"{expected.tickets} / {expected.visits}"
    table = window.windows_table
    assert table.rowCount() == 4
    shown = {table.item(r, 2).text() for r in range(4)}
    assert {w.ticket for w in expected.windows if w.ticket} <= shown
    assert window.clerks_table.rowCount() == len(expected.clerks)
    assert window.last_refresh_seconds is not None  # how long: benchmarks/manager_refresh.py
    # the period view: three charts with data
    assert window.daily_chart.chart().series() and window.procedure_chart.chart().series()
    assert window.period_metrics.total.visits > 0
    window.close()


def test_export_from_the_window(qtbot, busy_ctx, tmp_path):
    from counter.ui.manager_window import ManagerWindow

    window = ManagerWindow(busy_ctx, refresh_ms=60000)
    qtbot.addWidget(window)
    today = busy_ctx.clock.today()
    out = tmp_path / "out" / "report.xlsx"
    runner = window.start_export(Period(today.replace(day=19), today),
                                 Period(today.replace(day=10), today.replace(day=18)),
                                 str(out))
    qtbot.waitUntil(lambda: not runner.running, timeout=30000)
    assert runner.result is not None and out.exists()
    assert runner.result.baseline is not None


def test_cancel_export_leaves_nothing(qtbot, busy_ctx, tmp_path):
    from counter.ui.manager_window import ManagerWindow

    window = ManagerWindow(busy_ctx, refresh_ms=60000)
    qtbot.addWidget(window)
    folder = tmp_path / "cancel"
    folder.mkdir()
    today = busy_ctx.clock.today()
    runner = window.start_export(Period(today.replace(day=19), today), None, str(folder / "r.xlsx"))
    runner.request_cancel()
    qtbot.waitUntil(lambda: not runner.running, timeout=30000)
    assert runner.cancelled and runner.result is None
    assert list(folder.iterdir()) == []


def test_report_dialog_presets(qtbot):
    from datetime import date

    from counter.ui.report_dialog import ReportDialog

    dialog = ReportDialog(date(2026, 11, 25))
    qtbot.addWidget(dialog)
    dialog.preset.setCurrentIndex(dialog.preset.findData("last_month"))
    assert dialog.period() == Period(date(2026, 10, 1), date(2026, 10, 31))
    assert dialog.baseline() is None
    dialog.use_baseline.setChecked(True)
    assert dialog.baseline() == Period(date(2026, 8, 31), date(2026, 9, 30))
    assert dialog.path.text().endswith("报表_20261001-20261031.xlsx")
    dialog.preset.setCurrentIndex(dialog.preset.findData("today"))
    assert dialog.period() == Period(date(2026, 11, 25), date(2026, 11, 25))


def test_a_failed_query_frees_only_its_own_view(qtbot, ctx, monkeypatch):
    import threading

    from counter.ui.manager_window import ManagerWindow

    window = ManagerWindow(ctx, refresh_ms=60_000)
    qtbot.addWidget(window)
    today, period = window.today_view, window.period_view
    qtbot.waitUntil(lambda: window.period_metrics is not None and not today.tasks.busy, timeout=10_000)
    release, real = threading.Event(), metrics.today_live

    def slow_today(*args, **kwargs):
        release.wait(10)
        return real(*args, **kwargs)

    def broken(*_args, **_kwargs):
        raise RuntimeError("period query failed")

    monkeypatch.setattr(metrics, "today_live", slow_today)
    monkeypatch.setattr(window.day_store, "metrics", broken)
    window.refresh_today()  # out in the pool, held there
    window.refresh_period()
    qtbot.waitUntil(lambda: "period query failed" in window.statusBar().currentMessage(), timeout=10_000)
    assert today.tasks.running("today") and not period.tasks.running("period")  # the today query owns its state
    release.set()
    qtbot.waitUntil(lambda: not today.tasks.running("today"), timeout=10_000)

    def failing_today(*_args, **_kwargs):
        raise RuntimeError("today query failed")

    monkeypatch.setattr(metrics, "today_live", failing_today)
    window.refresh_today()
    qtbot.waitUntil(lambda: "today query failed" in window.statusBar().currentMessage(), timeout=10_000)
    assert not today.tasks.running("today")
    window.refresh_today()  # free again: a new refresh starts
    assert today.tasks.running("today")
    window.close()


def test_the_period_view_keeps_its_days_across_a_restart(qtbot, busy_ctx):
    """The first window fills the year and writes this terminal's cache file (in the background);
    the next one loads it in its first view's task: no closed day is computed again."""
    from counter import day_cache
    from counter.ui.manager_window import ManagerWindow

    first = ManagerWindow(busy_ctx, refresh_ms=60_000)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitUntil(lambda: first.period_metrics is not None and not first.period_view.tasks.busy, timeout=30_000)
    kept = len(first.day_store)
    assert kept >= 360 and day_cache.default_file().exists() and not first.day_store.dirty
    first.close()

    second = ManagerWindow(busy_ctx, refresh_ms=60_000)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitUntil(lambda: second.period_metrics is not None and not second.period_view.tasks.busy, timeout=30_000)
    assert second.day_store.last_load["days"] == kept and second.day_store.last_load["dropped"] == 0
    assert second.period_metrics.total.visits == first.period_metrics.total.visits > 0
    second.close()
