"""The station manager's window: the tabs, the report menu and export, the session menu.

Each tab is its own module and reads the database through its own TaskRunner; the window only
wires them: the live view refreshes on a timer and on a change elsewhere in the hall, the period
view starts once today's figures are on screen, and a failed read is one line in the status bar.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from counter.metrics import Period
from counter.ui.manager.breakdown import BreakdownView
from counter.ui.manager.period import PeriodView
from counter.ui.manager.today import TodayView
from counter.ui.tasks import TaskRunner
from counter.ui.where_time_goes import WhereTimeGoesTab


def _shown(view: str, name: str) -> property:
    """A view's attribute read through the window (the tests and the benchmark read them so)."""
    return property(lambda self: getattr(getattr(self, view), name))


class ManagerWindow(QMainWindow):
    today_refreshed = Signal(object)  # metrics.Today
    period_refreshed = Signal(object)  # metrics.Metrics
    logout_requested = Signal()
    flow = None  # the lock screen parks a clerk's open visit; a manager has none

    today = _shown("today_view", "today")
    extras = _shown("today_view", "extras")
    tiles = _shown("today_view", "tiles")
    cards = _shown("today_view", "cards")
    waiting_labels = _shown("today_view", "waiting_labels")
    windows_table = _shown("today_view", "windows_table")
    clerks_table = _shown("today_view", "clerks_table")
    last_refresh_seconds = _shown("today_view", "last_refresh_seconds")
    period_metrics = _shown("period_view", "period_metrics")
    day_store = _shown("period_view", "day_store")
    period_from = _shown("period_view", "period_from")
    period_to = _shown("period_view", "period_to")
    daily_chart = _shown("period_view", "daily_chart")
    hourly_chart = _shown("period_view", "hourly_chart")
    procedure_chart = _shown("period_view", "procedure_chart")

    def __init__(self, ctx, parent: QWidget | None = None, refresh_ms: int = 5000):
        super().__init__(parent)
        self.ctx = ctx
        self.export_runner = None
        self.setWindowTitle(self.tr("一窗通办 — 所领导看板"))
        tabs = QTabWidget(self)
        tabs.setObjectName("manager_tabs")
        self.today_view = TodayView(ctx, tabs)
        self.period_view = PeriodView(ctx, tabs)
        self.breakdown_view = BreakdownView(ctx, tabs)
        tabs.addTab(self.today_view, self.tr("今日实时"))
        tabs.addTab(self.period_view, self.tr("统计分析"))
        tabs.addTab(self.breakdown_view, self.tr("分窗口 / 人员 / 评价"))
        tabs.addTab(WhereTimeGoesTab(ctx, tabs), self.tr("时间去哪了"))  # issue 20
        self.tabs = tabs
        self.setCentralWidget(tabs)
        self.today_view.refreshed.connect(self.today_refreshed)
        self.period_view.refreshed.connect(self._period_shown)
        for view in (self.today_view, self.period_view):
            view.failed.connect(self._failed)
        self._make_report_menu()
        self._make_session_menu()
        self.status = self.today_view.status
        self.statusBar().addPermanentWidget(self.status)
        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(self.refresh_today)
        self.timer.start()
        self.resize(1280, 820)
        QTimer.singleShot(0, self, self.refresh_today)
        # the period's charts start once today's figures are on screen: computed first, they held
        # the live view back by seconds (both are Python work sharing one interpreter)
        self.today_view.refreshed.connect(self._start_period_once, Qt.ConnectionType.SingleShotConnection)
        from counter.ui.change_listener import listen_for_changes

        self.change_listener = listen_for_changes(ctx, self)

    def _make_report_menu(self) -> None:
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
        self.settings_action = QAction(self.tr("本机与大厅设置…"), self)  # the hall's targets, queue, receipts
        self.settings_action.setObjectName("hall_settings")
        self.settings_action.triggered.connect(self.open_settings)
        menu.addAction(self.settings_action)
        menu.addSeparator()
        for action in (self.lock_action, self.logout_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
            menu.addAction(action)
        self.lock = TerminalLock(self)  # idle lock after config.idle_lock_minutes, as at the counter
        self.lock_action.triggered.connect(self.lock.lock)
        self.lock.principal_changed.connect(self._principal_changed)

    def open_settings(self) -> None:
        """The settings dialog: the hall's group is the manager's to change (counter.hall_settings)."""
        from counter.ui.settings_dialog import SettingsDialog

        self.settings_dialog = SettingsDialog(self.ctx, self)
        self.settings_dialog.open()

    def save_draft(self) -> None:
        """The lock saves the clerk's draft first; the dashboard has nothing unsaved."""

    def _principal_changed(self, principal) -> None:
        """Someone else unlocked: a clerk does not get the manager's dashboard."""
        if principal is None or principal.role not in ("manager", "admin"):
            self.logout_requested.emit()

    def poll(self) -> None:
        """A call or a finished visit elsewhere in the hall: today's figures at once."""
        self.refresh_today()

    # -- the views -------------------------------------------------------------------------------
    @Slot()
    def refresh_today(self) -> None:
        self.today_view.refresh()

    @Slot()
    def refresh_period(self) -> None:
        self.period_view.refresh()

    def selected_period(self) -> Period:
        return self.period_view.selected_period()

    def _start_period_once(self, *_args) -> None:
        QTimer.singleShot(0, self, self.refresh_period)

    def _period_shown(self, m, names) -> None:
        self.breakdown_view.show_period(m, names)
        self.period_refreshed.emit(m)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every view's reads are done (tests, screenshots); True when they are."""
        return all([runner.wait(msecs) for runner in self.findChildren(TaskRunner)])

    def _failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("读取失败：") + message, 10000)

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
        for runner in self.findChildren(TaskRunner):  # every tab's, the alerts' and the export's
            runner.wait(5000)  # reads still out finish; their results are dropped
            runner.close()
        super().closeEvent(event)
