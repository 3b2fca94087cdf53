"""The journey's entries in the windows (issue 19), installed with one call each:

- the clerk window (`install_journey`): a menu 到证与送达 with 到证登记 (F10), 邮寄送证,
  未领取清单, 短信通知记录 (the outbox), and the notice sender — a QTimer that runs
  `counter.journey.notices.send_due` every minute through the task helper (the gateway is network:
  never on the GUI thread);
- the manager window (`install_followups`): 好差评回访 and the journey settings in its report menu.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence

from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
SEND_EVERY_MS = 60_000


class NoticeSender(QObject):
    """Sends the station's due notices now and then; one run at a time per window."""

    sent = Signal(object)  # the SendReport

    def __init__(self, ctx, parent: QObject | None = None, interval_ms: int = SEND_EVERY_MS):
        super().__init__(parent)
        self.ctx = ctx
        self.last_report = None
        self.tasks = TaskRunner(self, max_threads=1)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.send_now)
        self.timer.start()

    @property
    def busy(self) -> bool:
        return self.tasks.running("send")

    def send_now(self) -> None:
        from counter.journey import notices

        ctx = self.ctx
        self.tasks.run(lambda: notices.send_due(ctx), done=self._done, failed=self._failed, name="send")

    def _done(self, report) -> None:
        self.last_report = report
        self.sent.emit(report)

    def _failed(self, exc: Exception) -> None:  # the window keeps going; the next tick retries
        log.warning("notice sender: %r", exc)

    def stop(self) -> None:
        self.timer.stop()
        self.tasks.pool.waitForDone(10_000)
        self.tasks.close()


class JourneyActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        ctx = window.ctx
        self.dialog = None
        self.arrivals_action = self._action(self.tr("到证登记…"), "F10", self.open_arrivals, "arrivals")
        self.delivery_action = self._action(self.tr("邮寄送证…"), None, self.open_delivery, "delivery")
        self.uncollected_action = self._action(self.tr("未领取清单…"), None, self.open_uncollected, "uncollected")
        self.outbox_action = self._action(self.tr("短信通知记录…"), None, self.open_outbox, "outbox")
        menu = window.menuBar().addMenu(self.tr("到证与送达(&J)"))
        for action in (self.arrivals_action, self.delivery_action, self.uncollected_action, self.outbox_action):
            menu.addAction(action)
        self.menu = menu
        self.sender = NoticeSender(ctx, self)
        self.sender.sent.connect(self._report)

    def _action(self, text: str, shortcut: str | None, slot, name: str) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.open()

    def open_arrivals(self) -> None:
        from counter.ui.arrivals_dialog import ArrivalsDialog

        self._open(ArrivalsDialog(self.window.ctx, self.window))

    def open_delivery(self) -> None:
        from counter.ui.delivery_dialog import DeliveryDialog

        self._open(DeliveryDialog(self.window.ctx, self.window))

    def open_uncollected(self) -> None:
        from counter.ui.uncollected_dialog import UncollectedDialog

        self._open(UncollectedDialog(self.window.ctx, self.window))

    def open_outbox(self) -> None:
        from counter.ui.outbox_dialog import OutboxDialog

        self._open(OutboxDialog(self.window.ctx, self.window, self.sender))

    def _report(self, report) -> None:
        if report.sent or report.failed:
            self.window.statusBar().showMessage(
                self.tr("短信通知：已发送 {0}，失败 {1}").format(report.sent, report.failed), 8000)


def install_journey(window) -> JourneyActions:
    """The clerk window's journey menu and notice sender."""
    return JourneyActions(window)


def install_followups(window, menu) -> QAction:
    """好差评回访 and the station's journey settings in the manager window's menu."""
    action = QAction(QCoreApplication.translate("JourneyActions", "好差评回访…"), window)
    action.setObjectName("followups")

    def open_dialog() -> None:
        from counter.ui.followups_dialog import FollowUpsDialog

        window.followups_dialog = FollowUpsDialog(window.ctx, window)
        window.followups_dialog.open()

    action.triggered.connect(open_dialog)
    menu.addAction(action)
    settings_action = QAction(QCoreApplication.translate("JourneyActions", "到证、短信与回访设置…"), window)
    settings_action.setObjectName("journey_settings")

    def open_settings() -> None:
        from counter.ui.journey_settings_dialog import JourneySettingsDialog

        window.journey_settings_dialog = JourneySettingsDialog(window.ctx, window)
        window.journey_settings_dialog.open()

    settings_action.triggered.connect(open_settings)
    menu.addAction(settings_action)
    return action
