"""The manager's 统计分析 tab: a period (presets or dates) with the trend, hourly and procedure charts.

The period's figures come from `DayAggregates` (closed days kept, so a year shows in about a
second once its days were computed) in the background; after the first view the last year's
closed days are filled in the background too. The kept days live in this terminal's cache file
across restarts (counter/day_cache.py): loaded by the first view's task, written by the fill's
(or by a "save-days" task when a later view kept new days) — never on the GUI thread. A done
period goes out by `refreshed` (the breakdown tab shows the same figures).
"""
from __future__ import annotations

import logging
from array import array
from datetime import date, timedelta

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, Signal, Slot
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QComboBox, QDateEdit, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from counter import metrics
from counter.day_aggregates import DayAggregates
from counter.day_cache import default_file as day_cache_file
from counter.kpis import duration_text
from counter.metrics import Period, period_preset
from counter.ui.manager.common import failure_text, timed
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

PRESETS = (("last_30_days", QT_TRANSLATE_NOOP("PeriodView", "最近30天")),
           ("this_week", QT_TRANSLATE_NOOP("PeriodView", "本周")),
           ("this_month", QT_TRANSLATE_NOOP("PeriodView", "本月")),
           ("last_month", QT_TRANSLATE_NOOP("PeriodView", "上月")),
           ("this_year", QT_TRANSLATE_NOOP("PeriodView", "今年")))


def trend_buckets(m: metrics.Metrics) -> tuple[str, list[tuple[str, dict]]]:
    """The daily groups of the period merged per day (≤ 35 days), week (≤ 180) or month: means and
    p90 from the merged values, the service level from the merged counts."""
    days = m.table("day")
    size = "day" if m.period.days <= 35 else "week" if m.period.days <= 180 else "month"
    merged: dict[str, dict] = {}
    for n, (day, g) in enumerate(days):
        if size == "day":  # short labels: 30 of them fit 1366 px; the month where it starts
            label = f"{day.month}/{day.day}" if n == 0 or day.day == 1 else f"{day.day}"
        elif size == "week":
            monday = day - timedelta(days=day.weekday())
            label = f"{monday.month}/{monday.day}"
        else:
            label = f"{day.year % 100:02d}/{day.month}"
        b = merged.setdefault(label, {"wait": array("d"), "handling": array("d"), "citizen": array("d"),
                                      "within": 0, "waited": 0})
        b["wait"].extend(g.wait.values)
        b["handling"].extend(g.handling.values)
        b["citizen"].extend(g.citizen.values)
        b["within"] += g.within_target
        b["waited"] += g.waited
    rows = []
    for label, b in merged.items():
        wait = sorted(b["wait"])
        rows.append((label, {
            "wait_mean": sum(wait) / len(wait) if wait else None,
            "wait_p90": metrics.percentile_cont(wait, 0.9) if wait else None,
            "handling_mean": sum(b["handling"]) / len(b["handling"]) if b["handling"] else None,
            "citizen_mean": sum(b["citizen"]) / len(b["citizen"]) if b["citizen"] else None,
            "service_level": b["within"] / b["waited"] if b["waited"] else None}))
    return size, rows


class PeriodView(QWidget):
    refreshed = Signal(object, object)  # metrics.Metrics, the names of windows and clerks
    failed = Signal(str)  # one line for the status bar

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = TaskRunner(self)  # two threads: a period view while the year is warmed
        self.day_store = DayAggregates(cache=day_cache_file)  # closed days' figures, kept across restarts
        self.period_metrics: metrics.Metrics | None = None
        self.last_period_seconds: float | None = None
        self._warmed = False
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.period_preset = QComboBox(self)
        self.period_preset.setObjectName("period_preset")
        for key, label in PRESETS:
            self.period_preset.addItem(self.tr(label), key)
        self.period_from = QDateEdit(self)
        self.period_to = QDateEdit(self)
        for edit in (self.period_from, self.period_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        apply = QPushButton(self.tr("查询"), self)
        apply.setObjectName("period_apply")
        apply.clicked.connect(self.refresh)
        self.period_preset.currentIndexChanged.connect(self._preset_changed)
        bar.addWidget(QLabel(self.tr("统计期"), self))
        bar.addWidget(self.period_preset)
        bar.addWidget(self.period_from)
        bar.addWidget(QLabel("–", self))
        bar.addWidget(self.period_to)
        bar.addWidget(apply)
        self.period_summary = QLabel(self)
        self.period_summary.setObjectName("period_summary")
        bar.addWidget(self.period_summary, 1)
        layout.addLayout(bar)
        charts = QGridLayout()
        self.daily_chart = self._chart_view(self.tr("每日趋势"), "daily_chart")
        self.hourly_chart = self._chart_view(self.tr("分时段：取号数与平均等候"), "hourly_chart")
        self.procedure_chart = self._chart_view(self.tr("办理量最多的事项"), "procedure_chart")
        charts.addWidget(self.daily_chart, 0, 0, 1, 2)
        charts.addWidget(self.hourly_chart, 1, 0)
        charts.addWidget(self.procedure_chart, 1, 1)
        layout.addLayout(charts, 1)
        self._preset_changed()

    def _chart_view(self, title: str, name: str) -> QChartView:
        chart = QChart()
        chart.setTitle(title)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        view = QChartView(chart, self)
        view.setObjectName(name)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(240)
        return view

    def _preset_changed(self) -> None:
        period = period_preset(self.period_preset.currentData(), self.ctx.clock.today())
        self.period_from.setDate(QDate(period.start.year, period.start.month, period.start.day))
        self.period_to.setDate(QDate(period.end.year, period.end.month, period.end.day))

    def selected_period(self) -> Period:
        a, b = self.period_from.date(), self.period_to.date()
        start, end = date(a.year(), a.month(), a.day()), date(b.year(), b.month(), b.day())
        return Period(min(start, end), max(start, end))

    @Slot()
    def refresh(self) -> None:
        if self.tasks.running("period"):
            return
        ctx, period, store = self.ctx, self.selected_period(), self.day_store
        self.period_summary.setText(self.tr("计算中…"))

        def work():
            from counter.day_aggregates import MANAGER_DIMENSIONS
            from counter.reports import _names

            # closed days kept: a year in about a second once its days were computed
            return store.metrics(ctx, period, dimensions=MANAGER_DIMENSIONS), _names(ctx)

        self.tasks.run(timed(work), done=self._done, failed=self._failed, name="period")

    def _done(self, outcome) -> None:
        (m, names), seconds = outcome
        lang = self.ctx.config.lang
        self.last_period_seconds = seconds
        self.period_metrics = m
        t = m.total
        summary = self.tr("{0}：取号 {1}，办件 {2}，平均等候 {3}，平均办理 {4}，办事总时长 {5}（{6:.1f} 秒）")
        self.period_summary.setText(summary.format(
            m.period.label(), t.tickets, t.visits, duration_text(t.wait.mean, lang),
            duration_text(t.handling.mean, lang), duration_text(t.citizen.mean, lang), seconds))
        self._draw_daily(m)
        self._draw_hourly(m)
        self._draw_procedures(m)
        self.refreshed.emit(m, names)
        self._warm_year_once()
        self._save_days()

    def _failed(self, exc: Exception) -> None:
        self.failed.emit(failure_text("period", exc))

    def _warm_year_once(self) -> None:
        """After the first view: the last year's closed days computed in the background (a year of
        a big hall takes ~20 s once; then 今年 shows in well under a second)."""
        if self._warmed:
            return
        self._warmed = True
        ctx, store, today = self.ctx, self.day_store, self.ctx.clock.today()
        self.tasks.run(lambda: store.fill(ctx, Period(today - timedelta(days=365), today)),
                       failed=lambda exc: log.warning("warming the year's days failed", exc_info=exc), name="warm")

    def _save_days(self) -> None:
        """Days a view kept after the year's fill wrote the file: written in the background."""
        store = self.day_store
        if not store.dirty or self.tasks.running("warm"):  # the fill writes the file when it ends
            return
        ctx = self.ctx
        self.tasks.run(lambda: store.save(ctx), failed=lambda exc: log.warning("saving the days failed", exc_info=exc),
                       name="save-days")

    def _reset(self, view: QChartView) -> QChart:
        chart = view.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        return chart

    def _draw_daily(self, m: metrics.Metrics) -> None:
        """Trend per day, or per week / month for long periods (a year squeezed into days is noise):
        mean and p90 wait, handling and time in hall in minutes; the service level in % on the right."""
        chart = self._reset(self.daily_chart)
        buckets = trend_buckets(m)
        sizes = {"day": self.tr("每日"), "week": self.tr("每周"), "month": self.tr("每月")}
        size = sizes[buckets[0] if buckets else "day"]
        rows = buckets[1] if buckets else []
        chart.setTitle(self.tr("{0}趋势：等候、办理、在厅时间（分钟）与服务达标率（%）").format(size))
        x = QBarCategoryAxis()
        x.append([label for label, _ in rows] or ["—"])
        x.setTruncateLabels(False)
        labelled = len(rows) <= 16  # value labels where they stay readable
        series = []
        for name, get, color in ((self.tr("平均等候"), lambda b: b["wait_mean"], "#d9534f"),
                                 (self.tr("P90 等候"), lambda b: b["wait_p90"], "#8b1a1a"),
                                 (self.tr("平均办理"), lambda b: b["handling_mean"], "#5b9bd5"),
                                 (self.tr("办事总时长"), lambda b: b["citizen_mean"], "#70ad47")):
            s = QLineSeries()
            s.setName(name)
            s.setColor(QColor(color))
            for i, (_label, bucket) in enumerate(rows):
                value = get(bucket)
                if value is not None:
                    s.append(i, value / 60)
            s.setPointLabelsVisible(labelled)
            s.setPointLabelsFormat("@yPoint")
            s.setPointLabelsClipping(False)
            chart.addSeries(s)
            series.append(s)
        level = QLineSeries()
        level.setName(self.tr("服务达标率 %"))
        pen = level.pen()
        pen.setColor(QColor("#7030a0"))
        pen.setStyle(Qt.PenStyle.DashLine)
        pen.setWidth(2)
        level.setPen(pen)
        for i, (_label, bucket) in enumerate(rows):
            if bucket["service_level"] is not None:
                level.append(i, round(bucket["service_level"] * 100))
        chart.addSeries(level)
        y = QValueAxis()
        y.setTitleText(self.tr("分钟"))
        y.setLabelFormat("%.0f")
        top = max([p.y() for s in series for p in s.points()] + [1.0])
        y.setRange(0, top * 1.1)
        y.applyNiceNumbers()  # round ticks: 0, 10, 20 … not 124, 248, 371
        y2 = QValueAxis()
        y2.setTitleText(self.tr("达标率 %"))
        y2.setLabelFormat("%.0f")
        y2.setRange(0, 100)
        y2.setTickCount(6)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(y2, Qt.AlignmentFlag.AlignRight)
        for s in series:
            s.attachAxis(x)
            s.attachAxis(y)
        level.attachAxis(x)
        level.attachAxis(y2)

    def _draw_hourly(self, m: metrics.Metrics) -> None:
        chart = self._reset(self.hourly_chart)
        hours = m.table("hour")
        counts = QBarSet(self.tr("取号数"))
        counts.setColor(QColor("#5b9bd5"))
        wait = QLineSeries()
        wait.setName(self.tr("平均等候（分钟）"))
        wait.setColor(QColor("#d9534f"))
        labels = []
        for i, (hour, g) in enumerate(hours):
            labels.append(f"{hour}")
            counts.append(round(g.tickets / max(1, len(m.by.get("day", {}))), 1))
            wait.append(i, round((g.wait.mean or 0) / 60))
        bars = QBarSeries()
        bars.append(counts)
        bars.setLabelsVisible(True)  # value labels on the bars
        bars.setLabelsFormat("@value")
        bars.setLabelsPosition(QBarSeries.LabelsPosition.LabelsInsideEnd)
        chart.addSeries(bars)
        chart.addSeries(wait)
        x = QBarCategoryAxis()
        x.append(labels or ["—"])
        y = QValueAxis()
        y.setTitleText(self.tr("日均取号"))
        y.setLabelFormat("%.0f")
        y2 = QValueAxis()
        y2.setTitleText(self.tr("分钟"))
        y2.setLabelFormat("%.0f")
        counts_max = max([counts.at(i) for i in range(counts.count())] + [1.0])
        y.setRange(0, counts_max * 1.15)
        y2.setRange(0, max([p.y() for p in wait.points()] + [1.0]) * 1.15)
        y.applyNiceNumbers()
        y2.applyNiceNumbers()
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(y2, Qt.AlignmentFlag.AlignRight)
        bars.attachAxis(x)
        bars.attachAxis(y)
        wait.attachAxis(x)
        wait.attachAxis(y2)

    def _draw_procedures(self, m: metrics.Metrics) -> None:
        chart = self._reset(self.procedure_chart)
        names = {p.code: p.name.zh_CN for p in self.ctx.catalog.procedures}
        top = sorted(m.by.get("procedure", {}).items(), key=lambda kv: -kv[1].items)[:8]
        top.reverse()  # the biggest at the top of a horizontal bar chart
        bar_set = QBarSet(self.tr("事项数"))
        bar_set.setColor(QColor("#ed7d31"))
        labels = []
        for code, g in top:
            bar_set.append(g.items)
            labels.append(names.get(code, code))
        series = QHorizontalBarSeries()
        series.append(bar_set)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideEnd)
        chart.addSeries(series)
        y = QBarCategoryAxis()
        y.append(labels or ["—"])
        y.setTruncateLabels(False)
        x = QValueAxis()
        x.setLabelFormat("%.0f")
        x.setRange(0, max([g.items for _, g in top] + [1]) * 1.15)
        x.applyNiceNumbers()
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(y)
        series.attachAxis(x)
        chart.legend().setVisible(False)

