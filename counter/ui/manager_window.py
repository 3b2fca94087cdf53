"""The station manager's window: today live, a period with charts, and the Excel export.

Every database read runs in the thread pool with its own read-only session (`metrics.today_live`,
`metrics.compute`); results come back to the GUI thread by queued signals, so a slow query
never freezes the window. The live view refreshes every few seconds; a refresh still running
when the timer fires again is not doubled.
"""
from __future__ import annotations

import time
import traceback
from datetime import date, timedelta

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QDateTime, QObject, QRunnable, Qt, QThreadPool, QTime, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter import metrics, statuses
from counter.clock import local
from counter.metrics import Period, minutes_text, period_preset
from counter.queueing import CATEGORIES
from counter.ui.where_time_goes import OvertimePanel, WhereTimeGoesTab

TICKET_STATUS_ZH = {"called": QT_TRANSLATE_NOOP("ManagerWindow", "已叫号"), "serving": QT_TRANSLATE_NOOP("ManagerWindow", "办理中")}


class _Signals(QObject):
    done = Signal(object, float)  # result, seconds
    failed = Signal(str)


class _Job(QRunnable):
    """Call `work()` in a pool thread; report back with signals (queued to the GUI thread)."""

    def __init__(self, work, signals: _Signals):
        super().__init__()
        self.work, self.signals = work, signals

    def run(self) -> None:
        started = time.perf_counter()
        try:
            result = self.work()
        except Exception as exc:  # shown in the status bar; the window keeps going
            traceback.print_exc()
            self.signals.failed.emit(f"{exc.__class__.__name__}: {exc}")
        else:
            self.signals.done.emit(result, time.perf_counter() - started)


def _card(title: str, name: str, parent: QWidget) -> tuple[QFrame, QLabel]:
    frame = QFrame(parent)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setStyleSheet("QFrame { background: #f7f9fc; border-radius: 6px; }")
    layout = QVBoxLayout(frame)
    caption = QLabel(title, frame)
    caption.setStyleSheet("color: #555;")
    value = QLabel("—", frame)
    value.setObjectName(name)
    value.setStyleSheet("font-size: 22pt; font-weight: bold; color: #1f4e79;")
    layout.addWidget(caption)
    layout.addWidget(value)
    return frame, value


def _table(headers: list[str], name: str, parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = table.item(r, c)
            if item is None:
                item = QTableWidgetItem()
                table.setItem(r, c, item)
            item.setText(value)


class ManagerWindow(QMainWindow):
    today_refreshed = Signal(object)  # metrics.Today
    period_refreshed = Signal(object)  # metrics.Metrics

    def __init__(self, ctx, parent: QWidget | None = None, refresh_ms: int = 5000):
        super().__init__(parent)
        self.ctx = ctx
        self.pool = QThreadPool.globalInstance()
        self.today: metrics.Today | None = None
        self.period_metrics: metrics.Metrics | None = None
        self.last_refresh_seconds: float | None = None
        self._today_busy = False
        self._period_busy = False
        self._today_signals = _Signals(self)
        self._today_signals.done.connect(self._today_done)
        self._today_signals.failed.connect(self._today_failed)
        self._period_signals = _Signals(self)
        self._period_signals.done.connect(self._period_done)
        self._period_signals.failed.connect(self._period_failed)
        self.export_runner = None
        self.setWindowTitle(self.tr("一窗通办 — 所领导看板"))
        tabs = QTabWidget(self)
        tabs.setObjectName("manager_tabs")
        tabs.addTab(self._make_today(), self.tr("今日实时"))
        tabs.addTab(self._make_period(), self.tr("统计分析"))
        tabs.addTab(WhereTimeGoesTab(ctx, tabs), self.tr("时间去哪了"))  # issue 20
        self.tabs = tabs
        self.setCentralWidget(tabs)
        export = QAction(self.tr("导出 Excel 报表…"), self)
        export.setObjectName("export_report")
        export.setShortcut("Ctrl+E")
        export.triggered.connect(self.export_report)
        self.export_action = export
        menu = self.menuBar().addMenu(self.tr("报表(&R)"))
        menu.addAction(export)
        toolbar = self.addToolBar(self.tr("报表"))
        toolbar.setObjectName("report_toolbar")
        toolbar.addAction(export)
        self.status = QLabel(self)
        self.statusBar().addPermanentWidget(self.status)
        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(self.refresh_today)
        self.timer.start()
        self.resize(1280, 820)
        QTimer.singleShot(0, self.refresh_today)
        # the period's charts start once today's figures are on screen: computed first, they held
        # the live view back by seconds (both are Python work sharing one interpreter)
        self._today_signals.done.connect(self._start_period_once, Qt.ConnectionType.SingleShotConnection)
        from counter.ui.change_listener import listen_for_changes

        self.change_listener = listen_for_changes(ctx, self)

    def poll(self) -> None:
        """A call or a finished visit elsewhere in the hall: today's figures at once."""
        self.refresh_today()

    # -- today ---------------------------------------------------------------------------------
    def _make_today(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        grid = QGridLayout()
        self.waiting_labels: dict[str, QLabel] = {}
        for i, cat in enumerate(CATEGORIES):
            name = cat.en if self.ctx.config.lang == "en" else cat.zh  # category names are data
            frame, label = _card(self.tr("等候 {0} {1}").format(cat.letter, name), f"waiting_{cat.letter}", page)
            self.waiting_labels[cat.letter] = label
            grid.addWidget(frame, 0, i)
        cards = (("longest_wait", self.tr("当前最长等候")), ("avg_wait", self.tr("今日平均等候")),
                 ("avg_handling", self.tr("今日平均办理")), ("service_level", self.tr("服务达标率")),
                 ("tickets_today", self.tr("今日取号 / 办件")), ("no_shows", self.tr("过号")))
        self.cards: dict[str, QLabel] = {}
        for i, (name, title) in enumerate(cards):
            frame, label = _card(title, name, page)
            self.cards[name] = label
            grid.addWidget(frame, 1 + i // 4, i % 4)
        layout.addLayout(grid)
        split = QSplitter(Qt.Orientation.Horizontal, page)
        box = QGroupBox(self.tr("窗口状态"), split)
        inner = QVBoxLayout(box)
        self.windows_table = _table([self.tr("窗口"), self.tr("状态"), self.tr("当前号"), self.tr("号状态"),
                                     self.tr("已用时"), self.tr("人员"), self.tr("今日办件")], "windows_table", box)
        inner.addWidget(self.windows_table)
        box2 = QGroupBox(self.tr("人员今日办件"), split)
        inner2 = QVBoxLayout(box2)
        self.clerks_table = _table([self.tr("人员"), self.tr("办件数"), self.tr("平均办理")], "clerks_table", box2)
        inner2.addWidget(self.clerks_table)
        split.addWidget(box)
        split.addWidget(box2)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        layout.addWidget(OvertimePanel(self.ctx, self.today_refreshed, page))  # issue 20: overtime alerts
        return page

    @Slot()
    def refresh_today(self) -> None:
        if self._today_busy:
            return
        self._today_busy = True
        ctx = self.ctx

        def work():
            from counter.db import reading

            with reading(ctx.sessions) as session:
                return metrics.today_live(session, ctx.station.id, ctx.clock.now(),
                                          ctx.config.service_level_minutes)

        self.pool.start(_Job(work, self._today_signals))

    @Slot(object, float)
    def _start_period_once(self, *_args) -> None:
        QTimer.singleShot(0, self.refresh_period)

    def _today_done(self, today: metrics.Today, seconds: float) -> None:
        self._today_busy = False
        self.today = today
        self.last_refresh_seconds = seconds
        for letter, label in self.waiting_labels.items():
            label.setText(str(today.waiting.get(letter, 0)))
        longest = minutes_text(today.longest_wait_seconds)
        self.cards["longest_wait"].setText(f"{longest}" + (f"  {today.longest_wait_ticket}"
                                                           if today.longest_wait_ticket else ""))
        self.cards["avg_wait"].setText(minutes_text(today.wait.mean))
        self.cards["avg_handling"].setText(minutes_text(today.handling.mean))
        self.cards["service_level"].setText("—" if today.service_level is None else f"{today.service_level:.0%}")
        self.cards["tickets_today"].setText(f"{today.tickets} / {today.visits}")
        self.cards["no_shows"].setText(str(today.no_shows))
        rows = []
        for w in today.windows:
            busy = "" if w.since is None else minutes_text((today.at - w.since).total_seconds())
            rows.append([w.name, statuses.label(statuses.WINDOW_STATE, w.state, self.ctx.config.lang), w.ticket or "—",
                         self.tr(TICKET_STATUS_ZH.get(w.ticket_status or "", "")), busy, w.clerk, str(w.visits)])
        _fill(self.windows_table, rows)
        _fill(self.clerks_table, [[name, str(n), minutes_text(mean)] for name, n, mean in today.clerks])
        self.status.setText(self.tr("更新于 {0}（{1} ms）").format(local(today.at).strftime("%H:%M:%S"),
                                                                 int(seconds * 1000)))
        self.today_refreshed.emit(today)

    @Slot(str)
    def _today_failed(self, message: str) -> None:
        self._today_busy = False  # only this view's query failed: the other may still be running
        self._failed(message)

    @Slot(str)
    def _period_failed(self, message: str) -> None:
        self._period_busy = False
        self._failed(message)

    def _failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("读取失败：") + message, 10000)

    # -- period ----------------------------------------------------------------------------------
    def _make_period(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.period_preset = QComboBox(page)
        self.period_preset.setObjectName("period_preset")
        for key, label in (("last_30_days", QT_TRANSLATE_NOOP("ManagerWindow", "最近30天")),
                           ("this_week", QT_TRANSLATE_NOOP("ManagerWindow", "本周")),
                           ("this_month", QT_TRANSLATE_NOOP("ManagerWindow", "本月")),
                           ("last_month", QT_TRANSLATE_NOOP("ManagerWindow", "上月")),
                           ("this_year", QT_TRANSLATE_NOOP("ManagerWindow", "今年"))):
            self.period_preset.addItem(self.tr(label), key)
        self.period_from = QDateEdit(page)
        self.period_to = QDateEdit(page)
        for edit in (self.period_from, self.period_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        apply = QPushButton(self.tr("查询"), page)
        apply.setObjectName("period_apply")
        apply.clicked.connect(self.refresh_period)
        self.period_preset.currentIndexChanged.connect(self._preset_changed)
        bar.addWidget(QLabel(self.tr("统计期"), page))
        bar.addWidget(self.period_preset)
        bar.addWidget(self.period_from)
        bar.addWidget(QLabel("–", page))
        bar.addWidget(self.period_to)
        bar.addWidget(apply)
        self.period_summary = QLabel(page)
        self.period_summary.setObjectName("period_summary")
        bar.addWidget(self.period_summary, 1)
        layout.addLayout(bar)
        charts = QGridLayout()
        self.daily_chart = self._chart_view(self.tr("每日趋势（分钟）"), "daily_chart")
        self.hourly_chart = self._chart_view(self.tr("分时段：取号数与平均等候"), "hourly_chart")
        self.procedure_chart = self._chart_view(self.tr("办理量最多的事项"), "procedure_chart")
        charts.addWidget(self.daily_chart, 0, 0, 1, 2)
        charts.addWidget(self.hourly_chart, 1, 0)
        charts.addWidget(self.procedure_chart, 1, 1)
        layout.addLayout(charts, 1)
        self._preset_changed()
        return page

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
    def refresh_period(self) -> None:
        if self._period_busy:
            return
        self._period_busy = True
        ctx, period = self.ctx, self.selected_period()
        self.period_summary.setText(self.tr("计算中…"))
        self.pool.start(_Job(lambda: metrics.compute(ctx, period), self._period_signals))

    @Slot(object, float)
    def _period_done(self, m: metrics.Metrics, seconds: float) -> None:
        self._period_busy = False
        self.period_metrics = m
        t = m.total
        self.period_summary.setText(self.tr("{0}：取号 {1}，办件 {2}，平均等候 {3}，平均办理 {4}，办事总时长 {5}（{6:.1f} 秒）").format(
            m.period.label(), t.tickets, t.visits, minutes_text(t.wait.mean), minutes_text(t.handling.mean),
            minutes_text(t.citizen.mean), seconds))
        self._draw_daily(m)
        self._draw_hourly(m)
        self._draw_procedures(m)
        self.period_refreshed.emit(m)

    def _reset(self, view: QChartView) -> QChart:
        chart = view.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        return chart

    def _draw_daily(self, m: metrics.Metrics) -> None:
        chart = self._reset(self.daily_chart)
        series = []
        for name, get, color in ((self.tr("平均等候"), lambda g: g.wait.mean, "#d9534f"),
                                 (self.tr("平均办理"), lambda g: g.handling.mean, "#5b9bd5"),
                                 (self.tr("办事总时长"), lambda g: g.citizen.mean, "#70ad47")):
            s = QLineSeries()
            s.setName(name)
            s.setColor(QColor(color))
            for day, g in m.table("day"):
                value = get(g)
                if value is not None:
                    moment = QDateTime(QDate(day.year, day.month, day.day), QTime(12, 0))
                    s.append(moment.toMSecsSinceEpoch(), value / 60)
            chart.addSeries(s)
            series.append(s)
        x = QDateTimeAxis()
        x.setFormat("MM-dd")
        x.setTickCount(min(12, max(2, m.period.days)))
        start, end = m.period.start, m.period.end + timedelta(days=1)
        x.setRange(QDateTime(QDate(start.year, start.month, start.day), QTime(0, 0)),
                   QDateTime(QDate(end.year, end.month, end.day), QTime(0, 0)))
        y = QValueAxis()
        y.setTitleText(self.tr("分钟"))
        y.setLabelFormat("%.0f")
        top = max([p.y() for s in series for p in s.points()] + [1.0])
        y.setRange(0, top * 1.1)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for s in series:
            s.attachAxis(x)
            s.attachAxis(y)

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
            counts.append(g.tickets / max(1, len(m.by.get("day", {}))))
            wait.append(i, (g.wait.mean or 0) / 60)
        bars = QBarSeries()
        bars.append(counts)
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
        top = sorted(m.by.get("procedure", {}).items(), key=lambda kv: -kv[1].items)[:10]
        top.reverse()  # the biggest at the top of a horizontal bar chart
        bar_set = QBarSet(self.tr("事项数"))
        bar_set.setColor(QColor("#ed7d31"))
        labels = []
        for code, g in top:
            bar_set.append(g.items)
            labels.append(names.get(code, code))
        series = QHorizontalBarSeries()
        series.append(bar_set)
        chart.addSeries(series)
        y = QBarCategoryAxis()
        y.append(labels or ["—"])
        y.setTruncateLabels(False)
        x = QValueAxis()
        x.setLabelFormat("%.0f")
        x.setRange(0, max([g.items for _, g in top] + [1]) * 1.1)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(y)
        series.attachAxis(x)
        chart.legend().setVisible(False)

    # -- export --------------------------------------------------------------------------------------
    @Slot()
    def export_report(self) -> None:
        from counter.ui.report_dialog import ReportDialog

        if self.export_runner is not None and self.export_runner.running:
            return
        dialog = ReportDialog(self.ctx.clock.today(), self)
        if not dialog.exec():
            return
        self.start_export(dialog.period(), dialog.baseline(), dialog.path.text().strip())

    def start_export(self, period: Period, baseline: Period | None, path: str):
        from counter.ui.report_dialog import ExportRunner

        self.export_runner = ExportRunner(self.ctx, self)
        self.export_runner.finished.connect(self._export_finished)
        self.export_runner.start(period, baseline, path)
        return self.export_runner

    @Slot(object)
    def _export_finished(self, result) -> None:
        if result is not None:
            self.statusBar().showMessage(self.tr("已导出：{0}（{1} 行明细）").format(result.path, result.rows), 15000)
        elif self.export_runner is not None and self.export_runner.cancelled:
            self.statusBar().showMessage(self.tr("已取消导出"), 8000)

    def closeEvent(self, event) -> None:
        self.timer.stop()
        if self.export_runner is not None and self.export_runner.running:
            self.export_runner.request_cancel()
        self.pool.waitForDone(5000)
        super().closeEvent(event)
