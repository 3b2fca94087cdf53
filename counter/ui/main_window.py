"""The clerk's window: queue panel, guided visit, receipt. Keyboard first (F5, Enter, Esc)."""
from __future__ import annotations

import logging

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QInputDialog, QLabel, QMainWindow, QMessageBox, QWidget

from counter.appointments import apply_prefill
from counter.auth import AuthError
from counter.context import AppContext
from counter.db import is_connection_error
from counter.drafts import DraftJournal
from counter.forms.flow import VisitFlow
from counter.visits import VisitError, cancel_visit, finish_visit, render_receipt_pdf
from counter.ui.connection_banner import ConnectionBanner, pin_finish_time
from counter.printing import spool
from counter.ui.print_jobs import BackgroundPrinter, PrintStatus
from counter.ui.tasks import TaskRunner
from counter.ui.visit_wizard import VisitWizard

log = logging.getLogger(__name__)
SAVE_FAILED = VisitError("保存失败，已录入内容已作为草稿保留，请稍后重试。",
                         "Saving failed; what you typed is kept as a draft. Try again.")


class MainWindow(QMainWindow):
    visit_finished = Signal(str)  # receipt number
    logout_requested = Signal()

    def __init__(self, ctx: AppContext, journal: DraftJournal | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.lang = ctx.config.lang
        self.journal = journal or DraftJournal()
        self.flow: VisitFlow | None = None
        self.last_receipt: tuple[str, bytes] | None = None
        self.preview = None  # the open PdfPrintPreviewDialog (it deletes itself on close)
        self.last_printed: tuple[str, bytes, str] | None = None  # title, PDF, job name: for the preview
        self.printer = BackgroundPrinter(self, self.lang)  # receipts print off the GUI thread
        self.tasks = TaskRunner(self)  # storing a visit and rendering its receipt: off the GUI thread
        self.printer.printed.connect(self._printed)
        self.printer.failed.connect(self._print_failed)
        self.setWindowTitle(self.tr("一窗通办 — {0}号窗口").format(ctx.config.window_number))
        self.wizard = VisitWizard(self.lang, self)
        self.wizard.step_changed.connect(self._update_actions)
        self.wizard.page_completed.connect(self.save_draft)
        self.setCentralWidget(self.wizard)
        self._make_actions()
        self.connection_banner = ConnectionBanner.install(self)  # instead of error boxes
        self._make_queue_panel()
        self._listen_for_changes()
        principal = ctx.principal
        who = self.tr("{0}（{1}）").format(principal.display_name, principal.username) if principal else ""
        self.operator_label = QLabel(self.tr("操作员：") + who, self)
        self.print_status = PrintStatus(self)  # the last print job's outcome: stays until the next one
        self.print_status.setObjectName("print_status")
        self.statusBar().addWidget(self.print_status, 1)
        self.statusBar().addPermanentWidget(self.operator_label)
        from counter.ui.where_time_goes import OvertimeLabel  # overtime alerts (issue 20)

        self.statusBar().addPermanentWidget(OvertimeLabel(ctx, lambda: self.flow, self))
        from counter.ui.security import install_security  # lock, citizen search, accounts (issue 7)

        self.security = install_security(self)
        # arrivals, delivery, notices (issue 19)
        from counter.ui.journey_menu import install_journey

        self.journey = install_journey(self)
        from counter.ui.card_reader import install_card_reader  # F12: the ID card reader (issue 20)

        self.card_reader = install_card_reader(self)
        from counter.ui.appointment_dialog import install_appointments  # 预约: booking and check-in (issue 19)

        self.appointment_actions = install_appointments(self)
        self.wizard.clear()
        self._update_actions()
        self._guard_call_next()
        self.queue_panel.state_shown.connect(self._update_prompt)
        self.wizard.step_changed.connect(self._update_header)
        self.elapsed_timer = QTimer(self, interval=1000)  # the header's and the panel's elapsed times
        self.elapsed_timer.timeout.connect(self._tick)
        self.elapsed_timer.start()
        self._update_prompt()
        self.resize(1280, 720)  # when un-maximised; fits 1366×768 with the taskbar
        self.setWindowState(Qt.WindowState.WindowMaximized)  # opens maximised
        QTimer.singleShot(0, self, self._warm_up)

    def _warm_up(self) -> None:
        """Load the catalogue and the pinyin tables while the clerk is still reading the screen."""
        from counter.forms.search import search_keys

        for procedure in self.ctx.catalog.procedures:
            search_keys(procedure)

    # -- actions
    def _action(self, text: str, shortcut, slot, name: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{text} ({QKeySequence(shortcuts[0]).toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.new_visit_action = self._action(self.tr("新建办件"), "F5", lambda: self.new_visit(), "new_visit")
        self.next_action = self._action(self.tr("下一步"), [Qt.Key.Key_Return, Qt.Key.Key_Enter], self.next_step,
                                        "next_step")
        self.back_action = self._action(self.tr("上一步"), "Esc", self.previous_step, "previous_step")
        self.finish_action = self._action(self.tr("办结并打印回执"), ["Ctrl+Return", "Ctrl+Enter"],
                                          self.finish, "finish_visit")
        self.cancel_action = self._action(self.tr("取消办件"), "Ctrl+W", self.cancel, "cancel_visit")
        self.all_received_action = self._action(self.tr("必需材料全部已收"), "Ctrl+M", self.mark_all_received,
                                                "all_received")
        self.guide_action = self._action(self.tr("办事指南"), "F1", self.show_guide, "show_guide")
        self.reprint_action = self._action(self.tr("补打回执…"), "Ctrl+R", self.reprint, "reprint")
        self.preview_action = self._action(self.tr("预览回执"), "Ctrl+P", self.preview_last, "preview_receipt")
        self.item_status_action = self._action(self.tr("办件状态（待领取/已领取）…"), "F8", self.item_status,
                                               "item_status")
        self.rating_action = self._action(self.tr("请群众评价"), "Ctrl+E", self.ask_rating, "ask_rating")
        self.dashboard_action = self._action(self.tr("管理看板与报表…"), "Ctrl+D", self.open_dashboard, "dashboard")
        self.dashboard_action.setVisible(bool(self.ctx.principal) and self.ctx.principal.role in ("manager", "admin"))
        self.logout_action = self._action(self.tr("注销"), "Ctrl+Shift+Q", self.logout_requested.emit, "logout")
        visit_menu = self.menuBar().addMenu(self.tr("办件(&V)"))
        for action in (self.new_visit_action, self.next_action, self.back_action, self.all_received_action,
                       self.finish_action, self.cancel_action):
            visit_menu.addAction(action)
        visit_menu.addSeparator()
        visit_menu.addAction(self.guide_action)
        visit_menu.addAction(self.preview_action)
        visit_menu.addAction(self.reprint_action)
        visit_menu.addAction(self.item_status_action)
        visit_menu.addAction(self.rating_action)
        visit_menu.addSeparator()
        visit_menu.addAction(self.dashboard_action)
        self.session_menu = session_menu = self.menuBar().addMenu(self.tr("系统(&S)"))
        session_menu.addAction(self.logout_action)
        toolbar = self.addToolBar(self.tr("办件"))
        toolbar.setObjectName("visit_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.new_visit_action, self.back_action, self.next_action, self.finish_action,
                       self.cancel_action):
            toolbar.addAction(action)
        self.queue_menu = self.menuBar().addMenu(self.tr("叫号(&Q)"))

    def _make_queue_panel(self) -> None:
        from counter.ui.queue_panel import QueuePanel

        self.queue_panel = QueuePanel(self.ctx, self)
        dock = QDockWidget(self.tr("排队叫号"), self)
        dock.setObjectName("queue_dock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        dock.setWidget(self.queue_panel)
        dock.setMinimumWidth(230)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        for action in self.queue_panel.actions():
            self.queue_menu.addAction(action)
        self.queue_panel.ticket_started.connect(self.new_visit_for_ticket)

    def _listen_for_changes(self) -> None:
        """The queue panel hears of calls at once (PostgreSQL NOTIFY; a poll on SQLite)."""
        from counter.ui.change_listener import listen_for_changes

        self.change_listener = listen_for_changes(self.ctx, self.queue_panel)
        if self.change_listener is not None:
            self.queue_panel.slow_down(15000)  # the listener's thread polls; the GUI thread need not

    def _update_actions(self) -> None:
        if self.storing():  # frozen while stored; while the banner waits, "finish" means retry now
            for action in (self.next_action, self.back_action, self.cancel_action, self.new_visit_action,
                           self.all_received_action, self.logout_action):
                action.setEnabled(False)
            self.finish_action.setEnabled(not (self.tasks.running("finish") or self.tasks.running("cancel")))
            return
        self.logout_action.setEnabled(True)
        active = self.flow is not None
        self.next_action.setEnabled(active and not self.wizard.at_review())
        self.back_action.setEnabled(active and self.flow.index > 0)
        self.finish_action.setEnabled(active and self.wizard.at_review())
        self.cancel_action.setEnabled(active)
        self.new_visit_action.setEnabled(not active)
        self.all_received_action.setEnabled(active and self.flow.step.kind == "materials")

    # -- whose visit is open, and what to press next
    def _tick(self) -> None:
        self._update_header()
        self.queue_panel.show_times(self.ctx.clock.now())

    def visit_header_text(self) -> str:
        """Ticket, applicant's name and masked ID, elapsed time: pinned above every page."""
        from counter.masking import mask_id_number
        from counter.ui.queue_panel import minutes_seconds

        if self.flow is None:
            return ""
        raw = self.flow.identity.raw
        panel = self.queue_panel.state
        ticket = panel.code if self.flow.ticket_id is not None and panel.ticket_id == self.flow.ticket_id \
            else (self.tr("已叫号") if self.flow.ticket_id is not None else self.tr("无号"))
        name = str(raw.get("name") or "").strip() or self.tr("（未录入姓名）")
        elapsed = (self.ctx.clock.now() - self.flow.started_at).total_seconds()
        parts = [self.tr("当前办件"), ticket, name]
        if raw.get("id_number"):
            parts.append(mask_id_number(str(raw["id_number"])))
        parts.append(self.tr("已用时 {0}").format(minutes_seconds(elapsed, self.lang)))
        return ("  ·  " if self.lang == "en" else "　·　").join(parts)

    def _update_header(self) -> None:
        self.wizard.set_header(self.visit_header_text())

    def _update_prompt(self) -> None:
        """The prompt line says what to press now, from the queue state (never a stale "F5 or F2")."""
        from counter import queueing as q

        if self.flow is not None:
            self._update_header()
            return
        s = self.queue_panel.state
        if s.status == q.CALLED:
            text = self.tr("已叫 {0}：群众到窗口后按 F6 开始办理（F3 重呼，F4 过号）").format(s.code)
        elif s.status == q.SERVING:
            text = self.tr("{0} 办理中：按 F5 为该号新建办件").format(s.code)
        elif s.window_state == q.PAUSED:
            text = self.tr("窗口已暂停叫号：按 F9 恢复，或按 F5 新建办件")
        else:
            text = self.tr("按 F2 叫下一号，或按 F5 新建办件")
        self.wizard.clear(text)

    def _guard_call_next(self) -> None:
        """F2 (or its button) while a visit is open must not silently call the next citizen."""
        action = self.queue_panel.call_action
        action.triggered.disconnect()
        action.triggered.connect(self.call_next)

    def storing(self) -> bool:
        """A finish or a cancel is being stored (or waits for the database)."""
        tasks, banner = getattr(self, "tasks", None), getattr(self, "connection_banner", None)
        return bool(tasks is not None and (tasks.running("finish") or tasks.running("cancel"))
                    or banner is not None and banner.pending)

    def call_next(self) -> None:
        if self.storing():  # the visit is not done until it is stored: no question, no parking
            self.statusBar().showMessage(self.tr("正在保存办件，保存完成后再叫号"), 5000)
            return
        if self.flow is None:
            self.queue_panel.call_next()
            return
        name = str(self.flow.identity.raw.get("name") or "").strip() or self.tr("（未录入姓名）")
        self.call_question = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("当前办件尚未办结"),
            self.tr("申请人 {0} 的办件尚未办结。\n请先办结（Ctrl+Enter）或取消（Ctrl+W）；"
                    "也可以暂存为草稿后叫下一号（草稿在下次登录时可恢复）。").format(name),
            QMessageBox.StandardButton.NoButton, self)
        park = self.call_question.addButton(self.tr("暂存并叫下一号"), QMessageBox.ButtonRole.AcceptRole)
        park.setObjectName("park_and_call")
        back = self.call_question.addButton(self.tr("返回办件"), QMessageBox.ButtonRole.RejectRole)
        self.call_question.setDefaultButton(back)
        self.call_question.setEscapeButton(back)
        self.call_question.buttonClicked.connect(lambda button: button is park and self.park_and_call())
        self.call_question.open()

    def park_and_call(self) -> None:
        """Keep the open visit as a parked draft (offered back at the clerk's next login), then call."""
        if self.storing():
            return
        if self.flow is not None and self.ctx.principal is not None:
            self.journal.save(self.ctx.principal.username, self.flow.to_dict(), parked=True)
            self.flow = None
            self._update_actions()
        self.queue_panel.call_next()
        self._update_prompt()

    # -- the visit
    def new_visit(self, ticket_id: int | None = None) -> None:
        from counter import queueing as q

        if self.flow is not None:
            return
        panel = self.queue_panel.state
        if ticket_id is None and panel.status == q.SERVING and panel.ticket_id is not None:
            ticket_id = panel.ticket_id  # the ticket at this window is being served: the visit is its
        self.flow = VisitFlow(self.ctx.catalog, self.ctx.clock.now, today=self.ctx.clock.today(), lang=self.lang)
        self.flow.ticket_id = ticket_id
        if ticket_id is not None and ticket_id == panel.ticket_id:  # read with the panel, off this thread
            apply_prefill(self.flow, panel.booking)  # an appointment: identity and procedures booked
        self.flow.remembered = self._remembered_choices()
        self.flow.fee_settings = self._fee_settings()
        self.wizard.start(self.flow)
        self._update_actions()
        self._update_header()

    def new_visit_for_ticket(self, ticket_id: int) -> None:
        self.new_visit(ticket_id)

    def _fee_settings(self) -> dict:
        """The station's fee settings as loaded with the station (the review shows what finish stores)."""
        return dict(getattr(self.ctx.station, "fee_settings", None) or {})

    def resume(self, flow: VisitFlow) -> None:
        flow.fee_settings = self._fee_settings()
        self.flow = flow
        self.wizard.start(flow)
        self._update_actions()
        self._update_header()

    def next_step(self) -> None:
        if self.flow is not None:
            self.wizard.next()
            self._update_actions()

    def previous_step(self) -> None:
        if self.flow is not None:
            self.wizard.back()
            self._update_actions()

    def mark_all_received(self) -> None:
        from counter.ui.materials_page import MaterialsPage

        if isinstance(self.wizard.current, MaterialsPage):
            self.wizard.current.mark_all_received()

    def selected_procedure(self):
        """The procedure the clerk is on: the highlighted one in the list, or the current item's."""
        from counter.ui.procedure_picker import ProcedurePicker

        if isinstance(self.wizard.current, ProcedurePicker):
            code = self.wizard.current.current_code() or next(iter(self.wizard.current.visible_codes()), None)
            return self.ctx.catalog.by_code.get(code) if code else None
        if self.flow is not None and self.flow.step.item is not None:
            return self.flow.items[self.flow.step.item].procedure
        return None

    def show_guide(self) -> None:
        from counter.ui.guide_dialog import GuideDialog

        procedure = self.selected_procedure()
        if procedure is None:
            self.statusBar().showMessage(self.tr("请先在事项列表中选中一个事项，再按 F1"), 5000)
            return
        self.guide = GuideDialog(procedure, self.lang, self)
        self.guide.open()

    def save_draft(self) -> None:
        if self.flow is not None and self.ctx.principal is not None:
            self.journal.save(self.ctx.principal.username, self.flow.to_dict())

    def finish(self) -> None:
        """Store the visit and render its receipt in the background: a slow or silent network
        never freezes the window. The visit is frozen meanwhile (what is stored is what the
        clerk reviewed)."""
        if self.flow is None or not self.wizard.at_review() or self.tasks.running("finish"):
            return
        if self.connection_banner.pending:  # already waiting for the database: try now
            self.connection_banner.retry_now()
            return
        self.save_draft()
        pressed = self.ctx.clock.now()
        flow = self.flow
        work = self._storing_work(flow, self.ctx.principal)

        def failed(exc):
            self._finish_settled()
            if isinstance(exc, (VisitError, AuthError)):
                self._warn(exc)
            elif is_connection_error(exc):  # unreachable: banner, keep the values, retry, store once
                log.warning("finishing visit %s: database unreachable, retrying", flow.key)
                self._hold_finish(pressed)
            else:  # the draft is saved, nothing is half-written
                log.error("finishing visit %s failed", flow.key, exc_info=exc)
                self._warn(SAVE_FAILED)

        self.wizard.setEnabled(False)
        self.statusBar().showMessage(self.tr("正在保存办件…"))  # a slow network: say why the page is grey
        self.tasks.run(work, done=lambda result: self._finish_done(flow, result), failed=failed, name="finish")
        self._update_actions()

    def _storing_work(self, flow: VisitFlow, principal):
        """What a finish does off the GUI thread: store the visit, then render its receipt."""
        ctx, lang = self.ctx, self.lang

        def work():
            done = finish_visit(ctx, flow, principal)
            return done, render_receipt_pdf(ctx, done.receipt_number, lang=lang)

        return work

    def _finish_settled(self) -> None:
        self.wizard.setEnabled(True)
        self.statusBar().clearMessage()
        self._update_actions()

    def _finish_done(self, flow: VisitFlow, result) -> None:
        self._finish_settled()
        self._finished(flow, *result)

    def _hold_finish(self, pressed) -> None:
        """Retry until the database is back. The visit is frozen meanwhile (what is stored is what
        the clerk reviewed) and stored for the clerk who pressed finish."""
        flow = self.flow
        pin_finish_time(flow, pressed)  # stored later with the time the clerk pressed finish
        self.save_draft()

        def failed(exc):
            self._finish_settled()
            log.error("finishing visit %s failed after reconnecting: %s", flow.key, exc)
            self._warn(exc if isinstance(exc, (VisitError, AuthError)) else SAVE_FAILED)

        self.wizard.setEnabled(False)
        self.connection_banner.hold(self._storing_work(flow, self.ctx.principal),
                                    lambda result: self._finish_done(flow, result), failed)
        self._update_actions()

    def _finished(self, flow: VisitFlow, done, pdf: bytes) -> None:
        self._remember_choices(flow)
        self.journal.discard(flow.key)
        if self.flow is flow:
            self.flow = None
        self._update_prompt()
        self._update_actions()
        self.last_receipt = (done.receipt_number, pdf)
        # no transient "finished" message: it would hide the print line below for seconds
        self.visit_finished.emit(done.receipt_number)
        self.print_receipt(pdf, done.receipt_number, self.tr("受理回执 {0}").format(done.receipt_number))

    # -- printing: Ctrl+Enter is the one confirmation; the preview is there on demand (Ctrl+P)
    def print_receipt(self, pdf: bytes, number: str, title: str) -> None:
        """Straight to the receipt printer, off the GUI thread; the outcome shows in the status bar."""
        job_name = f"receipt-{number}"
        self.last_printed = (title, pdf, job_name)
        self.print_status.say(self.tr("回执 {0} 正在送往打印机…").format(number))  # also says: stored
        self.printer.submit(pdf, spool.job_title(job_name), self.ctx.config.receipt_printer)

    def _printed(self, title: str, job) -> None:
        number = spool.number_of(title)
        printer = job.printer or self.tr("（系统默认）")
        self.print_status.say(self.tr("回执 {0} 已送往打印机 {1}").format(number, printer))

    def _print_failed(self, title: str, message: str) -> None:
        number = spool.number_of(title)
        self.print_status.say(self.tr("回执 {0} 未打印：{1}（回执已保存：Ctrl+P 重新打印，Ctrl+R 补打）")
                               .format(number, message), error=True)

    def preview_last(self) -> None:
        if self.last_printed is None:
            self.statusBar().showMessage(self.tr("还没有可预览的回执：请先办结一个办件"), 5000)
            return
        title, pdf, job_name = self.last_printed
        self.show_preview(pdf, title, job_name)

    def show_preview(self, pdf: bytes, title: str, job_name: str = "receipt") -> None:
        """One preview at a time: an open one closes (and deletes itself) first."""
        from counter.ui.receipt_preview_dialog import PdfPrintPreviewDialog

        if self.preview is not None:
            self.preview.close()
        dialog = self.preview = PdfPrintPreviewDialog(pdf, title, self, printer_name=self.ctx.config.receipt_printer,
                                                      printer=self.printer, job_name=job_name)
        dialog.destroyed.connect(lambda *_: self._preview_gone(dialog))
        dialog.open()

    def _preview_gone(self, dialog) -> None:
        if self.preview is dialog:
            self.preview = None

    def cancel(self) -> None:
        """Ask first (opened, not exec'd: a terminal that locks meanwhile hides the question)."""
        if self.flow is None:
            return
        self.cancel_question = QMessageBox(QMessageBox.Icon.Question, self.tr("取消办件"),
                                           self.tr("确定取消本次办件吗？已录入的内容不再办理，办件时间仍计入统计。"),
                                           QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        self.cancel_question.setDefaultButton(QMessageBox.StandardButton.No)
        self.cancel_question.finished.connect(
            lambda answer: answer == QMessageBox.StandardButton.Yes and self.cancel_confirmed())
        self.cancel_question.open()

    def cancel_confirmed(self) -> None:
        """Store the cancellation in the background (kept for statistics); the visit is frozen meanwhile."""
        if self.flow is None or self.tasks.running("cancel"):
            return
        ctx, flow, principal = self.ctx, self.flow, self.ctx.principal

        def done(_visit_id) -> None:
            self.wizard.setEnabled(True)
            if self.flow is not flow:
                return
            self.journal.discard(flow.key)
            self.flow = None
            self._update_prompt()
            self._update_actions()

        def failed(exc: Exception) -> None:
            self.wizard.setEnabled(True)
            self._update_actions()
            if isinstance(exc, (VisitError, AuthError)):
                self._warn(exc)
            else:  # the visit stays open with its draft: cancel again when the database answers
                log.warning("cancelling visit %s failed: %r", flow.key, exc)
                self._warn(VisitError("取消失败：数据库暂时无法访问，办件仍保留，请稍后重试。",
                                      "Cancelling failed: the database cannot be reached; the visit is kept. "
                                      "Try again later."))

        self.wizard.setEnabled(False)
        self.tasks.run(lambda: cancel_visit(ctx, flow, principal, reason="clerk cancelled"), done=done,
                       failed=failed, busy=[self.cancel_action, self.finish_action], name="cancel")

    def reprint(self) -> None:
        """Ask for the receipt number (scanned or typed); not in a modal loop: the terminal may lock."""
        self.reprint_dialog = QInputDialog(self)
        self.reprint_dialog.setWindowTitle(self.tr("补打回执"))
        self.reprint_dialog.setLabelText(self.tr("回执号（可扫码）："))
        self.reprint_dialog.textValueSelected.connect(self.reprint_number)
        self.reprint_dialog.open()

    def reprint_number(self, number: str) -> None:
        if not number.strip():
            return
        number, lang = number.strip(), self.lang

        def failed(exc):
            if isinstance(exc, VisitError):
                self._warn(exc)
            else:
                log.error("reprinting %s failed", number, exc_info=exc)
                self._warn(VisitError("补打失败：数据库暂时无法访问，请稍后重试。",
                                      "Reprint failed: the database cannot be reached; try again later."))

        self.tasks.run(lambda: render_receipt_pdf(self.ctx, number, reprint=True, lang=lang),
                       done=lambda pdf: self.print_receipt(pdf, number, self.tr("补打回执 {0}").format(number)),
                       failed=failed, busy=[self.reprint_action], name="reprint")

    def open_dashboard(self) -> None:
        from counter.ui.manager_window import ManagerWindow

        if not self.dashboard_action.isVisible():
            return  # a clerk's terminal: reports need the manager role
        self.dashboard = ManagerWindow(self.ctx)
        self.dashboard.logout_requested.connect(self.logout_requested.emit)  # 注销 there ends the session
        self.dashboard.show()

    def _settings_key(self) -> str:
        return f"clerks/{self.ctx.principal.username if self.ctx.principal else '-'}/last_choices"

    def _remembered_choices(self) -> dict:
        """The choices this clerk made last time, per procedure (QSettings: this terminal)."""
        import json

        try:
            return json.loads(QSettings().value(self._settings_key(), "{}") or "{}")
        except (TypeError, ValueError):
            return {}

    def _remember_choices(self, flow: VisitFlow) -> None:
        import json

        remembered = self._remembered_choices()
        remembered.update(flow.choices_made())
        QSettings().setValue(self._settings_key(), json.dumps(remembered, ensure_ascii=False))

    def item_status(self) -> None:
        from counter.ui.item_status_dialog import ItemStatusDialog

        self.item_status_dialog = ItemStatusDialog(self.ctx, self)
        self.item_status_dialog.open()

    def ask_rating(self) -> None:
        """Turn the rating pad to the citizen for the visit just finished (second monitor if any)."""
        from counter.ui.rating_pad import RatingPadWindow

        if self.last_receipt is None:
            self.statusBar().showMessage(self.tr("请先办结一个办件"), 5000)
            return
        self.rating_pad = RatingPadWindow(self.ctx, self.last_receipt[0], lang=self.lang)
        self.rating_pad.show_on_customer_screen()

    def _warn(self, exc) -> None:
        text = exc.en if self.lang == "en" else exc.zh_CN  # no English line in the Chinese UI
        QMessageBox.warning(self, self.tr("无法完成"), text)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.save_draft()  # an open visit is kept as a draft, never lost
        self.connection_banner.abandon()  # a pending finish stays a draft for the next start
        self.tasks.pool.waitForDone(10000)  # a visit being stored is stored (finishing again is idempotent)
        self.tasks.close()
        self.queue_panel.stop()
        self.printer.wait(10000)  # a receipt being handed to the spooler is not cut off
        self.elapsed_timer.stop()
        if getattr(self, "dashboard", None) is not None:
            self.dashboard.close()  # a dashboard opened from here does not outlive the session
        if self.change_listener is not None:
            self.change_listener.stop()
        super().closeEvent(event)
