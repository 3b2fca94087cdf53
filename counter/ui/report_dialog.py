"""Choose a report period (presets, optional baseline) and export it to Excel off the GUI thread."""
from __future__ import annotations

import logging
import threading
from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QObject, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from counter.metrics import Period, period_preset
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

PRESETS = (("today", QT_TRANSLATE_NOOP("ReportDialog", "今天")), ("this_week", QT_TRANSLATE_NOOP("ReportDialog", "本周")),
           ("last_month", QT_TRANSLATE_NOOP("ReportDialog", "上月")), ("this_month", QT_TRANSLATE_NOOP("ReportDialog", "本月")),
           ("this_year", QT_TRANSLATE_NOOP("ReportDialog", "今年")),
           ("last_30_days", QT_TRANSLATE_NOOP("ReportDialog", "最近30天")), ("custom", QT_TRANSLATE_NOOP("ReportDialog", "自定义")))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ReportDialog(QDialog):
    """Period, optional baseline period, target file."""

    def __init__(self, today: date, parent: QWidget | None = None, default_dir: Path | None = None):
        super().__init__(parent)
        self.today = today
        self.setWindowTitle(self.tr("导出 Excel 报表"))
        form = QFormLayout(self)
        self.preset = QComboBox(self)
        self.preset.setObjectName("preset")
        for key, label in PRESETS:
            self.preset.addItem(self.tr(label), key)
        form.addRow(self.tr("统计期"), self.preset)
        self.date_from, self.date_to = self._date_edit("date_from"), self._date_edit("date_to")
        form.addRow(self.tr("从"), self.date_from)
        form.addRow(self.tr("到"), self.date_to)
        self.use_baseline = QCheckBox(self.tr("与对比期比较（如合并窗口前）"), self)
        self.use_baseline.setObjectName("use_baseline")
        form.addRow(self.use_baseline)
        self.base_from, self.base_to = self._date_edit("base_from"), self._date_edit("base_to")
        form.addRow(self.tr("对比期从"), self.base_from)
        form.addRow(self.tr("对比期到"), self.base_to)
        self.path = QLineEdit(self)
        self.path.setObjectName("path")
        browse = QPushButton(self.tr("浏览…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow(self.tr("保存到"), row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("导出"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.default_dir = default_dir or Path.home()
        self.preset.currentIndexChanged.connect(self._apply_preset)
        self.use_baseline.toggled.connect(self._baseline_toggled)
        self.preset.setCurrentIndex([key for key, _ in PRESETS].index("this_month"))
        self._apply_preset()
        self._baseline_toggled(False)
        # wide enough for a whole save path (it was 316 px, the path cut to its last characters)
        self.setMinimumWidth(min(900, max(560, self.path.fontMetrics().horizontalAdvance(self.path.text()) + 200)))

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setDate(_qdate(self.today))
        edit.dateChanged.connect(self._custom)
        return edit

    def _custom(self) -> None:
        if getattr(self, "_applying", False):
            return
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(len(PRESETS) - 1)
        self.preset.blockSignals(False)

    def _apply_preset(self) -> None:
        key = self.preset.currentData()
        if key == "custom":
            return
        period = period_preset(key, self.today)
        self._applying = True
        self.date_from.setDate(_qdate(period.start))
        self.date_to.setDate(_qdate(period.end))
        # a baseline of the same length just before, as a starting point
        length = period.days
        base_end = period.start.toordinal() - 1
        self.base_from.setDate(_qdate(date.fromordinal(base_end - length + 1)))
        self.base_to.setDate(_qdate(date.fromordinal(base_end)))
        self._applying = False
        self.path.setText(str(self.default_dir / f"报表_{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"))
        self.path.setCursorPosition(0)  # the folder shows first

    def _baseline_toggled(self, on: bool) -> None:
        self.base_from.setEnabled(on)
        self.base_to.setEnabled(on)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("保存报表"), self.path.text(), "Excel (*.xlsx)")
        if name:
            self.path.setText(name if name.lower().endswith(".xlsx") else name + ".xlsx")

    def period(self) -> Period:
        return Period(_pydate(self.date_from.date()), _pydate(self.date_to.date()))

    def baseline(self) -> Period | None:
        if not self.use_baseline.isChecked():
            return None
        return Period(_pydate(self.base_from.date()), _pydate(self.base_to.date()))

    def _accept(self) -> None:
        try:
            self.period()
            self.baseline()
        except ValueError:
            QMessageBox.warning(self, self.tr("日期有误"), self.tr("结束日期不能早于开始日期。"))
            return
        if not self.path.text().strip().lower().endswith(".xlsx"):
            QMessageBox.warning(self, self.tr("文件名有误"), self.tr("请保存为 .xlsx 文件。"))
            return
        self.accept()


class ExportRunner(QObject):
    """Runs one export in the background (a TaskRunner with progress) with a cancellable progress dialog."""

    finished = Signal(object)  # ExportResult, or None when cancelled or failed

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.parent_widget = parent
        self.cancel = threading.Event()
        self.tasks = TaskRunner(self, max_threads=1)
        self.dialog: QProgressDialog | None = None
        self.result = None
        self.error: str | None = None
        self.cancelled = False
        self.running = False

    def start(self, period: Period, baseline: Period | None, path: str | Path) -> None:
        self.dialog = QProgressDialog(self.tr("正在导出报表…"), self.tr("取消"), 0, 1000, self.parent_widget)
        self.dialog.setObjectName("export_progress")
        self.dialog.setWindowTitle(self.tr("导出 Excel"))
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.request_cancel)
        self.dialog.setValue(0)
        self.dialog.show()
        self.running = True
        ctx, cancel, target = self.ctx, self.cancel, Path(path)

        def work(report):
            from counter.reports import export_report

            return export_report(ctx, period, target, baseline=baseline, progress=report, cancel=cancel)

        self.tasks.run(work, done=self._done, failed=self._failed, progress=self._progress, name="export")

    @Slot()
    def request_cancel(self) -> None:
        self.cancel.set()
        if self.dialog is not None:
            self.dialog.setLabelText(self.tr("正在取消…"))

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        if self.dialog is not None and total and not self.cancel.is_set():
            self.dialog.setValue(min(999, int(1000 * done / total)))
            self.dialog.setLabelText(self.tr("正在导出报表… {0} / {1} 行").format(done, total))

    def _close(self) -> None:
        self.running = False
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.request_cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _done(self, result) -> None:
        self.result = result
        self._close()
        self.finished.emit(result)

    def _failed(self, exc: Exception) -> None:
        from counter.reports import ExportCancelled

        cancelled = isinstance(exc, ExportCancelled)
        message = "" if cancelled else f"{exc.__class__.__name__}: {exc}"
        if not cancelled:  # shown to the manager; the log has the trace
            log.error("report export failed", exc_info=exc)
        self.cancelled, self.error = cancelled, message or None
        self._close()
        if not cancelled and self.parent_widget is not None:
            QMessageBox.critical(self.parent_widget, self.tr("导出失败"), message)
        self.finished.emit(None)
