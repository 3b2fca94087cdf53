"""Where the time goes (issue 20): the manager's tab, the today view's alert list, the clerk's alert label.

Thin: the figures come from `counter.steptimes`, the alerts from `counter.overtime`; each read
runs in the background (counter/ui/tasks.py) with its own session, so the windows never wait on
the database.
`TimeTables` turns a report into the rows the tables show and is tested without any widget.
"""
from __future__ import annotations

import logging
from datetime import date
from typing import ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter import overtime, steptimes
from counter.metrics import Period, period_preset
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
CONTEXT = "WhereTimeGoes"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


class TimeTables:
    """The four tables of the tab as rows of text (no widgets: tested on its own)."""

    HEADERS: ClassVar[dict[str, tuple[str, ...]]] = {
        "pages": (QT_TRANSLATE_NOOP("WhereTimeGoes", "事项"), QT_TRANSLATE_NOOP("WhereTimeGoes", "页面"),
                  QT_TRANSLATE_NOOP("WhereTimeGoes", "办件数"), QT_TRANSLATE_NOOP("WhereTimeGoes", "用时中位数"),
                  QT_TRANSLATE_NOOP("WhereTimeGoes", "用时P90"), QT_TRANSLATE_NOOP("WhereTimeGoes", "带错返回率"),
                  QT_TRANSLATE_NOOP("WhereTimeGoes", "返回修改")),
        "fields": (QT_TRANSLATE_NOOP("WhereTimeGoes", "事项"), QT_TRANSLATE_NOOP("WhereTimeGoes", "字段"),
                   QT_TRANSLATE_NOOP("WhereTimeGoes", "错误次数"), QT_TRANSLATE_NOOP("WhereTimeGoes", "更正次数")),
        "procedures": (QT_TRANSLATE_NOOP("WhereTimeGoes", "事项"), QT_TRANSLATE_NOOP("WhereTimeGoes", "标准时长"),
                       QT_TRANSLATE_NOOP("WhereTimeGoes", "事项数"), QT_TRANSLATE_NOOP("WhereTimeGoes", "用时中位数"),
                       QT_TRANSLATE_NOOP("WhereTimeGoes", "用时P90"), QT_TRANSLATE_NOOP("WhereTimeGoes", "超标准比例")),
        "clerks": (QT_TRANSLATE_NOOP("WhereTimeGoes", "人员"), QT_TRANSLATE_NOOP("WhereTimeGoes", "办件数"),
                   QT_TRANSLATE_NOOP("WhereTimeGoes", "办理中位数"), QT_TRANSLATE_NOOP("WhereTimeGoes", "用时/标准"),
                   QT_TRANSLATE_NOOP("WhereTimeGoes", "超标准办件"), QT_TRANSLATE_NOOP("WhereTimeGoes", "字段错误")),
    }

    def __init__(self, report: steptimes.TimeReport, lang: str = "zh_CN"):
        self.report, self.lang = report, lang

    def _time(self, seconds: float | None) -> str:
        """"2 分 30 秒": never "2:30", which reads as a clock (a page often takes under a minute)."""
        if seconds is None:
            return "—"
        minutes, secs = divmod(int(round(seconds)), 60)
        return f"{minutes} min {secs:02d} s" if self.lang == "en" else f"{minutes} 分 {secs:02d} 秒"

    def rows(self, name: str) -> list[list[str]]:
        r = self.report
        if name == "pages":
            return [[p.procedure or "—", p.title, str(p.time.count), self._time(p.time.p50),
                     self._time(p.time.p90), _percent(p.sent_back_rate), str(p.gone_back)]
                    for p in r.slowest_pages()]
        if name == "fields":
            return [[f.procedure or "—", f.label, str(f.errors), str(f.corrections)] for f in r.most_errors()]
        if name == "procedures":
            return [[f"{p.procedure} {p.name}", self._time(p.standard_minutes * 60), str(p.time.count),
                     self._time(p.time.p50), self._time(p.time.p90), _percent(p.over_rate)]
                    for p in sorted(r.procedures, key=lambda p: -(p.over_rate or 0))]
        if name == "clerks":
            return [[c.clerk, str(c.time.count), self._time(c.time.p50),
                     "—" if c.ratio is None else f"{c.ratio:.2f}", str(c.over), str(c.errors)]
                    for c in r.clerks]
        raise KeyError(name)


def _failure_text(exc: Exception) -> str:
    """Shown where the figures would be; the window keeps going."""
    log.warning("where the time goes / overtime alerts: %s", exc)  # every 15 s while the database is away
    return f"{exc.__class__.__name__}: {exc}"


def _table(headers, name: str, parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels([_tr(h) for h in headers])
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))


class WhereTimeGoesTab(QWidget):
    """The manager's tab: slowest pages, error-prone fields, procedures against standard, clerks."""

    refreshed = Signal(object)  # steptimes.TimeReport

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.report: steptimes.TimeReport | None = None
        self.tasks = TaskRunner(self)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.preset = QComboBox(self)
        self.preset.setObjectName("time_preset")
        for key, label in (("last_30_days", QT_TRANSLATE_NOOP("WhereTimeGoes", "最近30天")),
                           ("this_week", QT_TRANSLATE_NOOP("WhereTimeGoes", "本周")),
                           ("this_month", QT_TRANSLATE_NOOP("WhereTimeGoes", "本月")),
                           ("last_month", QT_TRANSLATE_NOOP("WhereTimeGoes", "上月")),
                           ("today", QT_TRANSLATE_NOOP("WhereTimeGoes", "今天"))):
            self.preset.addItem(_tr(label), key)
        self.date_from, self.date_to = QDateEdit(self), QDateEdit(self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.apply = QPushButton(self.tr("查询"), self)
        self.apply.setObjectName("time_apply")
        self.apply.clicked.connect(self.refresh)
        self.preset.currentIndexChanged.connect(self._preset_changed)
        self.summary = QLabel(self)
        self.summary.setObjectName("time_summary")
        for widget in (QLabel(self.tr("统计期"), self), self.preset, self.date_from, QLabel("–", self),
                       self.date_to, self.apply):
            bar.addWidget(widget)
        bar.addWidget(self.summary, 1)
        layout.addLayout(bar)
        grid = QGridLayout()
        titles = {"pages": self.tr("最慢的十个页面"), "fields": self.tr("错误最多的字段"),
                  "procedures": self.tr("按事项：用时与标准办理时长"), "clerks": self.tr("按人员")}
        self.tables: dict[str, QTableWidget] = {}
        for i, (name, title) in enumerate(titles.items()):
            box = QGroupBox(title, self)
            inner = QVBoxLayout(box)
            self.tables[name] = _table(TimeTables.HEADERS[name], f"time_{name}", box)
            inner.addWidget(self.tables[name])
            grid.addWidget(box, i // 2, i % 2)
        layout.addLayout(grid, 1)
        self._preset_changed()

    def _preset_changed(self) -> None:
        period = period_preset(self.preset.currentData(), self.ctx.clock.today())
        self.date_from.setDate(QDate(period.start.year, period.start.month, period.start.day))
        self.date_to.setDate(QDate(period.end.year, period.end.month, period.end.day))

    def period(self) -> Period:
        a, b = self.date_from.date(), self.date_to.date()
        start, end = date(a.year(), a.month(), a.day()), date(b.year(), b.month(), b.day())
        return Period(min(start, end), max(start, end))

    def refresh(self) -> None:
        ctx, period = self.ctx, self.period()
        self.summary.setText(self.tr("计算中…"))
        self.tasks.run(lambda: steptimes.report(ctx, period), done=self._done,
                       failed=lambda exc: self._failed(_failure_text(exc)))

    def showEvent(self, event) -> None:  # computed when first looked at, not at every start
        super().showEvent(event)
        if self.report is None:
            QTimer.singleShot(0, self, self.refresh)

    def _done(self, report: steptimes.TimeReport) -> None:
        self.report = report
        tables = TimeTables(report, self.ctx.config.lang)
        for name, table in self.tables.items():
            _fill(table, tables.rows(name))
        self.summary.setText(self.tr("{0}：{1} 个页面，{2} 个字段有错误").format(
            report.period.label(), len(report.pages), len([f for f in report.fields if f.errors])))
        self.refreshed.emit(report)

    def _failed(self, message: str) -> None:
        self.summary.setText(self.tr("读取失败：") + message)


def _alert_text(ctx, alert: overtime.Alert) -> str:
    return alert.text(getattr(ctx.config, "lang", "zh_CN"))


class OvertimePanel(QGroupBox):
    """The manager's today view: every overtime alert of the hall, refreshed with the live figures."""

    refreshed = Signal(object)  # list[overtime.Alert]

    def __init__(self, ctx, refresh_signal=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("超时提醒"))
        self.ctx = ctx
        self.alerts: list[overtime.Alert] | None = None
        self.tasks = TaskRunner(self)
        self.list = QListWidget(self)
        self.list.setObjectName("overtime_alerts")
        self.list.setMaximumHeight(120)
        QVBoxLayout(self).addWidget(self.list)
        if refresh_signal is not None:
            refresh_signal.connect(self.refresh)

    def refresh(self, *_args) -> None:
        if self.tasks.running("alerts"):
            return
        ctx = self.ctx
        self.tasks.run(lambda: overtime.hall_alerts_now(ctx), done=self._done,
                       failed=lambda exc: self._failed(_failure_text(exc)), name="alerts")

    def _done(self, alerts: list[overtime.Alert]) -> None:
        self.alerts = alerts
        self.list.clear()
        self.list.addItems([_alert_text(self.ctx, a) for a in alerts] or [self.tr("暂无超时")])
        self.refreshed.emit(alerts)

    def _failed(self, message: str) -> None:
        self.list.clear()
        self.list.addItem(self.tr("读取失败：") + message)


class OvertimeLabel(QLabel):
    """The clerk's status bar: the own visit past its standard time, waiting citizens, queues.

    It also publishes the visit this window runs (when it changes) for the manager's alert."""

    refreshed = Signal(object)  # list[overtime.Alert]

    def __init__(self, ctx, current_flow, parent: QWidget | None = None, interval_ms: int = 15000):
        super().__init__(parent)
        self.setObjectName("overtime_label")
        self.ctx, self.current_flow = ctx, current_flow
        self.alerts: list[overtime.Alert] | None = None
        self._published: tuple = (None, None)  # nothing written until a visit runs here
        self.tasks = TaskRunner(self)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        QTimer.singleShot(0, self, self.refresh)

    def refresh(self) -> None:
        if self.tasks.running("alerts"):
            return
        ctx, flow = self.ctx, self.current_flow()
        wanted = (flow.started_at, overtime.flow_standard_minutes(flow)) if flow is not None else (None, None)
        publish = wanted != self._published

        def work():  # the database part; the own visit is read on the GUI thread (the flow lives there)
            if publish:
                overtime.publish_running(ctx, flow)
            return wanted, overtime.queue_alerts_now(ctx)

        self.tasks.run(work, done=self._done, failed=self._failed, name="alerts")

    def _done(self, result) -> None:
        self._published, hall = result
        own = overtime.flow_alert(self.current_flow(), self.ctx.clock.now(), self.tr("本窗口"))
        alerts = ([own] if own else []) + hall
        self.alerts = alerts
        self.refreshed.emit(alerts)
        if not alerts:
            self.setText("")
            self.setToolTip("")
            return
        first = _alert_text(self.ctx, alerts[0])
        more = self.tr("（另 {0} 条）").format(len(alerts) - 1) if len(alerts) > 1 else ""
        self.setText("⏱ " + first + more)
        self.setStyleSheet("color: #9C0006; font-weight: bold;")
        self.setToolTip("\n".join(_alert_text(self.ctx, a) for a in alerts))

    def _failed(self, exc: Exception) -> None:
        _failure_text(exc)  # logged; the connection banner tells the clerk, the label stays as it was


__all__ = ["OvertimeLabel", "OvertimePanel", "TimeTables", "WhereTimeGoesTab"]
