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
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
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

from counter import kpis, metrics, statuses
from counter.clock import local
from counter.kpis import duration_text
from counter.metrics import Period, period_preset
from counter.queueing import CATEGORIES
from counter.ui.where_time_goes import OvertimePanel, WhereTimeGoesTab

TICKET_STATUS_ZH = {"called": QT_TRANSLATE_NOOP("ManagerWindow", "已叫号"), "serving": QT_TRANSLATE_NOOP("ManagerWindow", "办理中")}


BACKLOG_SECONDS = 60  # how old the 需补正 / overdue counts may be


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


def _card(title: str, name: str, parent: QWidget, *, size: int = 15) -> tuple[QFrame, QLabel]:
    frame = QFrame(parent)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setStyleSheet("QFrame { background: #f7f9fc; border-radius: 6px; }")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(8, 4, 8, 4)
    caption = QLabel(title, frame)
    caption.setStyleSheet("color: #555;")
    value = QLabel("—", frame)
    value.setObjectName(name)
    value.setStyleSheet(f"font-size: {size}pt; font-weight: bold; color: #1f4e79;")
    layout.addWidget(caption)
    layout.addWidget(value)
    return frame, value


# a tile's colours by how its figure meets the target (text on them ≥ 4.5:1)
TILE_COLOURS = {kpis.GOOD: ("#e3f4e8", "#1b6e35", "#2e9e52"), kpis.NEAR: ("#fff4d6", "#7a5200", "#d99a00"),
                kpis.BAD: ("#fde4e2", "#a31b12", "#d9392e"), kpis.NEUTRAL: ("#f2f4f7", "#1f3b5c", "#b8c2cf")}
LEVEL_WORDS = {kpis.GOOD: QT_TRANSLATE_NOOP("ManagerWindow", "达标"), kpis.NEAR: QT_TRANSLATE_NOOP("ManagerWindow", "接近"),
               kpis.BAD: QT_TRANSLATE_NOOP("ManagerWindow", "未达标"), kpis.NEUTRAL: ""}


class KpiTile(QFrame):
    """One KPI: title, the figure large, the target, coloured by whether the target is met."""

    def __init__(self, key: str, parent: QWidget):
        super().__init__(parent)
        self.setObjectName(f"tile_{key}")
        self.level = kpis.NEUTRAL
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.title = QLabel(self)
        self.value = QLabel("—", self)
        self.value.setObjectName(f"tile_{key}_value")
        self.target = QLabel(self)
        self.target.setWordWrap(True)
        for label in (self.title, self.value, self.target):
            layout.addWidget(label)
        self.show_tile(None)

    def show_tile(self, tile: kpis.Tile | None) -> None:
        self.level = tile.level if tile else kpis.NEUTRAL
        background, text, edge = TILE_COLOURS[self.level]
        self.setStyleSheet(f"KpiTile {{ background: {background}; border-left: 6px solid {edge}; border-radius: 6px; }}"
                           f" QLabel {{ color: {text}; background: transparent; border: none; }}")
        if tile is None:
            return
        self.title.setText(tile.title)
        self.value.setText(tile.value)
        self.value.setStyleSheet("font-size: 24pt; font-weight: bold;")
        word = QCoreApplication.translate("ManagerWindow", LEVEL_WORDS[tile.level]) if LEVEL_WORDS[tile.level] else ""
        self.target.setText(tile.target + (f" · {word}" if word else ""))


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


def trend_buckets(m: metrics.Metrics) -> tuple[str, list[tuple[str, dict]]]:
    """The daily groups of the period merged per day (≤ 35 days), week (≤ 180) or month: means and
    p90 from the merged values, the service level from the merged counts."""
    from array import array

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


class ManagerWindow(QMainWindow):
    today_refreshed = Signal(object)  # metrics.Today
    period_refreshed = Signal(object)  # metrics.Metrics
    logout_requested = Signal()
    flow = None  # the lock screen parks a clerk's open visit; a manager has none

    def __init__(self, ctx, parent: QWidget | None = None, refresh_ms: int = 5000):
        super().__init__(parent)
        self.ctx = ctx
        self.pool = QThreadPool.globalInstance()
        self.today: metrics.Today | None = None
        self.period_metrics: metrics.Metrics | None = None
        self.last_refresh_seconds: float | None = None
        self._today_busy = False
        self._period_busy = False
        self._backlog: tuple[float, tuple[int, int]] | None = None  # (read at, (需补正, overdue))
        self._backlog_busy = False
        from counter.day_aggregates import DayAggregates

        self.day_store = DayAggregates()  # the period view's per-day figures, kept for closed days
        self._warmed = False
        self._backlog_signals = _Signals(self)
        self._backlog_signals.done.connect(self._backlog_done)
        self._backlog_signals.failed.connect(self._backlog_failed)
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
        tabs.addTab(self._make_breakdown(), self.tr("分窗口 / 人员 / 评价"))
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
        # bad ratings answered (issue 19)
        from counter.ui.journey_menu import install_followups

        self.followups_action = install_followups(self, menu)
        toolbar = self.addToolBar(self.tr("报表"))
        toolbar.setObjectName("report_toolbar")
        toolbar.addAction(export)
        self._make_session_menu()
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

    # -- session: logout, lock, idle lock (the clerk window's lock screen) ----------------------
    def _make_session_menu(self) -> None:
        from counter.ui.lock_screen import TerminalLock

        menu = self.menuBar().addMenu(self.tr("系统(&S)"))
        self.lock_action = QAction(self.tr("锁定终端"), self)
        self.lock_action.setObjectName("lock_terminal")
        self.lock_action.setShortcut("Ctrl+L")
        self.logout_action = QAction(self.tr("注销"), self)
        self.logout_action.setObjectName("logout")
        self.logout_action.setShortcut("Ctrl+Shift+Q")
        self.logout_action.triggered.connect(self.logout_requested.emit)
        for action in (self.lock_action, self.logout_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
            menu.addAction(action)
        self.lock = TerminalLock(self)  # idle lock after config.idle_lock_minutes, as at the counter
        self.lock_action.triggered.connect(self.lock.lock)
        self.lock.principal_changed.connect(self._principal_changed)

    def save_draft(self) -> None:
        """The lock saves the clerk's draft first; the dashboard has nothing unsaved."""

    def _principal_changed(self, principal) -> None:
        """Someone else unlocked: a clerk does not get the manager's dashboard."""
        if principal is None or principal.role not in ("manager", "admin"):
            self.logout_requested.emit()

    def poll(self) -> None:
        """A call or a finished visit elsewhere in the hall: today's figures at once."""
        self.refresh_today()

    # -- today ---------------------------------------------------------------------------------
    def _make_today(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        tiles = QGridLayout()  # the targets first: coloured against them
        self.tiles: dict[str, KpiTile] = {}
        for i, key in enumerate(("wait_p90", "service_level", "hall_time", "satisfaction", "overdue",
                                 "needs_materials")):
            self.tiles[key] = KpiTile(key, page)
            tiles.addWidget(self.tiles[key], 0, i)
        layout.addLayout(tiles)
        grid = QGridLayout()
        self.waiting_labels: dict[str, QLabel] = {}
        for i, cat in enumerate(CATEGORIES):
            name = cat.en if self.ctx.config.lang == "en" else cat.zh  # category names are data
            frame, label = _card(self.tr("等候 {0} {1}").format(cat.letter, name), f"waiting_{cat.letter}", page)
            self.waiting_labels[cat.letter] = label
            grid.addWidget(frame, 0, i)
        cards = (("longest_wait", self.tr("当前最长等候")), ("avg_wait", self.tr("今日平均等候")),
                 ("avg_handling", self.tr("今日平均办理")), ("tickets_today", self.tr("今日取号 / 办件")),
                 ("no_shows", self.tr("过号")))
        self.cards: dict[str, QLabel] = {}
        for i, (name, title) in enumerate(cards):
            frame, label = _card(title, name, page)
            self.cards[name] = label
            grid.addWidget(frame, 0, len(CATEGORIES) + i)
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
        # the open items' counts scan every item: read apart, once a minute, not in every refresh
        cached = self._backlog
        if cached is None or time.monotonic() - cached[0] > BACKLOG_SECONDS:
            self._refresh_backlog()
        backlog = cached[1] if cached is not None else (None, None)

        def work():
            from counter.db import reading

            with reading(ctx.sessions) as session:
                now = ctx.clock.now()
                extras = kpis.today_extras(session, ctx.station.id, now, backlog)
                return (metrics.today_live(session, ctx.station.id, now, ctx.config.service_level_minutes),
                        extras)

        self.pool.start(_Job(work, self._today_signals))

    def _refresh_backlog(self) -> None:
        if self._backlog_busy:
            return
        self._backlog_busy = True
        ctx = self.ctx

        def work():
            from counter.db import reading

            with reading(ctx.sessions) as session:
                return kpis.backlog_counts(session, ctx.station.id, ctx.clock.today())

        self.pool.start(_Job(work, self._backlog_signals))

    @Slot(object, float)
    def _backlog_done(self, counts, _seconds: float) -> None:
        from dataclasses import replace

        self._backlog_busy = False
        self._backlog = (time.monotonic(), counts)
        if self.today is not None:  # the tiles at once, not at the next refresh
            self.extras = replace(self.extras, needs_materials=counts[0], overdue=counts[1])
            for tile in kpis.tiles(self.today, self.extras, self.ctx.config, self.ctx.config.lang):
                self.tiles[tile.key].show_tile(tile)

    @Slot(object, float)
    def _start_period_once(self, *_args) -> None:
        QTimer.singleShot(0, self.refresh_period)

    def _today_done(self, result, seconds: float) -> None:
        self._today_busy = False
        today, extras = result
        self.today, self.extras = today, extras
        self.last_refresh_seconds = seconds
        lang = self.ctx.config.lang
        for tile in kpis.tiles(today, extras, self.ctx.config, lang):
            self.tiles[tile.key].show_tile(tile)
        for letter, label in self.waiting_labels.items():
            label.setText(str(today.waiting.get(letter, 0)))
        longest = duration_text(today.longest_wait_seconds, lang)
        self.cards["longest_wait"].setText(f"{longest}" + (f"  {today.longest_wait_ticket}"
                                                           if today.longest_wait_ticket else ""))
        self.cards["avg_wait"].setText(duration_text(today.wait.mean, lang))
        self.cards["avg_handling"].setText(duration_text(today.handling.mean, lang))
        self.cards["tickets_today"].setText(f"{today.tickets} / {today.visits}")
        self.cards["no_shows"].setText(str(today.no_shows))
        rows = []
        for w in today.windows:
            busy = "" if w.since is None else duration_text((today.at - w.since).total_seconds(), lang)
            rows.append([w.name, statuses.label(statuses.WINDOW_STATE, w.state, self.ctx.config.lang), w.ticket or "—",
                         self.tr(TICKET_STATUS_ZH.get(w.ticket_status or "", "")), busy, w.clerk, str(w.visits)])
        _fill(self.windows_table, rows)
        _fill(self.clerks_table, [[name, str(n), duration_text(mean, lang)] for name, n, mean in today.clerks])
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

    @Slot(str)
    def _backlog_failed(self, message: str) -> None:
        self._backlog_busy = False
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
        self.daily_chart = self._chart_view(self.tr("每日趋势"), "daily_chart")
        self.hourly_chart = self._chart_view(self.tr("分时段：取号数与平均等候"), "hourly_chart")
        self.procedure_chart = self._chart_view(self.tr("办理量最多的事项"), "procedure_chart")
        charts.addWidget(self.daily_chart, 0, 0, 1, 2)
        charts.addWidget(self.hourly_chart, 1, 0)
        charts.addWidget(self.procedure_chart, 1, 1)
        layout.addLayout(charts, 1)
        self._preset_changed()
        return page

    def _make_breakdown(self) -> QWidget:
        """By window, by clerk and the ratings of the chosen period (as the Excel report's sheets)."""
        page = QWidget(self)
        page.setObjectName("breakdown")
        layout = QGridLayout(page)
        self.by_window_table = _table([self.tr("窗口"), self.tr("取号"), self.tr("办件"), self.tr("平均等候"),
                                       self.tr("P90 等候"), self.tr("达标率"), self.tr("平均办理")], "by_window_table", page)
        self.by_clerk_table = _table([self.tr("人员"), self.tr("办件"), self.tr("平均办理"), self.tr("P90 办理"),
                                      self.tr("评价数"), self.tr("好评率")], "by_clerk_table", page)
        self.ratings_table = _table([self.tr("评价"), self.tr("数量"), self.tr("占比")], "ratings_table", page)
        self.low_ratings_table = _table([self.tr("日期"), self.tr("号票"), self.tr("人员"), self.tr("窗口"),
                                         self.tr("评价"), self.tr("原因")], "low_ratings_table", page)
        header = self.low_ratings_table.horizontalHeader()
        for col in range(5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for row, col, title, table in ((0, 0, self.tr("按窗口"), self.by_window_table),
                                       (0, 1, self.tr("按人员"), self.by_clerk_table),
                                       (1, 0, self.tr("评价分布"), self.ratings_table),
                                       (1, 1, self.tr("差评明细（1–2 分）"), self.low_ratings_table)):
            box = QGroupBox(title, page)
            QVBoxLayout(box).addWidget(table)
            layout.addWidget(box, row, col)
        return page

    def _fill_breakdown(self, m: metrics.Metrics, names: dict) -> None:
        lang = self.ctx.config.lang

        def pct(value):
            return "—" if value is None else f"{value:.0%}"

        windows = names.get("windows", {})
        rows = []
        for wid, g in sorted(m.by.get("window", {}).items(), key=lambda kv: windows.get(kv[0], (9999, ""))[0]):
            name = windows.get(wid, (0, str(wid)))[1]
            rows.append([name, str(g.tickets), str(g.visits), duration_text(g.wait.mean, lang),
                         duration_text(g.wait.p90, lang), pct(g.service_level), duration_text(g.handling.mean, lang)])
        _fill(self.by_window_table, rows)
        clerks = names.get("clerks", {})
        rows = [[clerks.get(cid, str(cid)), str(g.visits), duration_text(g.handling.mean, lang),
                 duration_text(g.handling.p90, lang), str(g.rated), pct(g.satisfaction)]
                for cid, g in sorted(m.by.get("clerk", {}).items(), key=lambda kv: -kv[1].visits)]
        _fill(self.by_clerk_table, rows)
        total = m.total
        levels = {5: self.tr("5 非常满意"), 4: self.tr("4 满意"), 3: self.tr("3 基本满意"), 2: self.tr("2 不满意"),
                  1: self.tr("1 非常不满意")}
        _fill(self.ratings_table, [[levels[k], str(total.levels[k]),
                                    pct(total.levels[k] / total.rated if total.rated else None)] for k in levels])
        _fill(self.low_ratings_table, [[f"{r.service_day:%m-%d}", r.ticket_code, r.clerk_name, r.window_name,
                                        str(r.rating), r.rating_reason or ""] for r in m.rating_rows[-200:]])

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
        store = self.day_store

        def work():
            from counter.reports import _names

            from counter.day_aggregates import MANAGER_DIMENSIONS

            # closed days kept: a year in about a second once its days were computed
            return store.metrics(ctx, period, dimensions=MANAGER_DIMENSIONS), _names(ctx)

        self.pool.start(_Job(work, self._period_signals))

    @Slot(object, float)
    def _period_done(self, result, seconds: float) -> None:
        self._period_busy = False
        m, names = result
        self.last_period_seconds = seconds
        self.period_metrics = m
        t = m.total
        self.period_summary.setText(self.tr("{0}：取号 {1}，办件 {2}，平均等候 {3}，平均办理 {4}，办事总时长 {5}（{6:.1f} 秒）").format(
            m.period.label(), t.tickets, t.visits, duration_text(t.wait.mean, self.ctx.config.lang),
            duration_text(t.handling.mean, self.ctx.config.lang), duration_text(t.citizen.mean, self.ctx.config.lang),
            seconds))
        self._draw_daily(m)
        self._draw_hourly(m)
        self._draw_procedures(m)
        self._fill_breakdown(m, names)
        self.period_refreshed.emit(m)
        self._warm_year_once()

    def _warm_year_once(self) -> None:
        """After the first view: the last year's closed days computed in the background (a year of
        a big hall takes ~20 s once; then 今年 shows in well under a second)."""
        if self._warmed:
            return
        self._warmed = True
        ctx, store, today = self.ctx, self.day_store, self.ctx.clock.today()
        self._warm_signals = _Signals(self)
        self.pool.start(_Job(lambda: store.fill(ctx, Period(today - timedelta(days=365), today)),
                             self._warm_signals))

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
        size = {"day": self.tr("每日"), "week": self.tr("每周"), "month": self.tr("每月")}[buckets[0] if buckets else "day"]
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
        self.day_store.stop()
        self.lock.watcher.timer.stop()
        if self.export_runner is not None and self.export_runner.running:
            self.export_runner.request_cancel()
        self.pool.waitForDone(5000)
        super().closeEvent(event)
