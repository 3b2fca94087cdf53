"""The administrator's settings of this terminal, written to `settings.toml` (counter.config).

Station name, window number and the ticket categories the window serves, the terminal's role
(the mode the program starts in: counter, kiosk or display), the printers for receipts and for
ticket slips (from QPrinterInfo), the database URL with a "test connection" button, and the
language. Saving them needs the administrator role (checked again here, not only by hiding the
menu entry) and is audited as `setting.changed`. Most settings apply the next time the program starts.

The group "本大厅（所有终端）" holds what every terminal of the hall shares (`counter.hall_settings`:
the queue's priority streak, appointments, the manager's targets, what receipts say). It is read
from the database when the dialog opens (this terminal uses what it read from then on) and saved
there, audited as `hall.settings`; a manager or an administrator may change it, anyone else sees it
read-only with a note why. A manager sees this terminal's own settings read-only.

Reading, saving and testing the connection run in the background (`self.tasks`): a database
server that does not answer (up to the test's 5 s connect timeout) never freezes the dialog.
"""
from __future__ import annotations

import logging
import re

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter import hall_settings
from counter.auth import AuthError, PermissionDenied, require
from counter.auth import Role
from counter.categories import CATEGORIES
from counter.config import read_settings
from counter.db import safe_url
from counter.terminal_settings import save_terminal_settings
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

ROLE_LABELS = (("counter", QT_TRANSLATE_NOOP("SettingsDialog", "窗口（办件、叫号）")),
               ("kiosk", QT_TRANSLATE_NOOP("SettingsDialog", "自助机（取号、指南、查询、评价）")),
               ("display", QT_TRANSLATE_NOOP("SettingsDialog", "叫号屏（大厅显示屏）")))
# each language is named in its own language, as language menus do
LANGUAGES = (("zh_CN", "简体中文"), ("en", "English"))
READER_LABELS = (("none", QT_TRANSLATE_NOOP("SettingsDialog", "无")),
                 ("serial", QT_TRANSLATE_NOOP("SettingsDialog", "串口/USB串口（安全模块协议）")),
                 ("sdk", QT_TRANSLATE_NOOP("SettingsDialog", "厂商驱动（termb）")),
                 ("wedge", QT_TRANSLATE_NOOP("SettingsDialog", "键盘输入式（直接输入号码）")))
BAUD_RATES = (115200, 57600, 38400, 19200, 9600)
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


class HallNotSaved(Exception):
    """Saving the hall's settings failed after this terminal's file was (or was not) written."""

    def __init__(self, cause: Exception, terminal_saved: bool):
        super().__init__(str(cause))
        self.cause, self.terminal_saved = cause, terminal_saved


def read_hall(ctx) -> tuple[hall_settings.HallValues, frozenset[str]]:
    """(the values this terminal uses, the names the hall has stored); from now on it uses them."""
    stored = hall_settings.stored(ctx)
    hall_settings.apply(ctx, stored)
    return hall_settings.values_of(ctx.config, stored), frozenset(stored)


def english_part(message: str) -> str:
    """`test_connection` answers "中文 / English" pieces; an English screen shows the English ones."""
    parts = re.split(r"(?<=[:;,])\s+|\s+/\s+", message)
    return " ".join(p for p in parts if p and not CJK.search(p)) or message


class SettingsDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.lang = ctx.config.lang
        self.tasks = TaskRunner(self)
        self.connection_ok: bool | None = None  # the last test's answer (None: not tested yet)
        principal = ctx.principal
        self.admin = principal is not None and principal.has(Role.ADMIN)  # this terminal's settings
        self.manager = principal is not None and principal.has(Role.MANAGER)  # the hall's settings
        self.setWindowTitle(self.tr("本机与大厅设置"))
        config = ctx.config
        stored = read_settings()
        self.station_name = QLineEdit(stored.get("station_name", config.station_name), self)
        self.station_name.setObjectName("settings_station_name")
        self.station_name.setMaxLength(128)
        self.window_number = QSpinBox(self)
        self.window_number.setObjectName("settings_window_number")
        self.window_number.setRange(1, 99)
        self.window_number.setValue(int(stored.get("window_number", config.window_number)))
        served = set(filter(None, str(stored.get("window_categories", config.window_categories)).split(",")))
        categories = QHBoxLayout()
        self.category_boxes: dict[str, QCheckBox] = {}
        for cat in CATEGORIES:
            box = QCheckBox(f"{cat.letter} {cat.en if self.lang == 'en' else cat.zh}", self)
            box.setObjectName(f"settings_category_{cat.letter}")
            box.setChecked(not served or cat.letter in served)
            categories.addWidget(box)
            self.category_boxes[cat.letter] = box
        categories.addStretch(1)
        self.role = QComboBox(self)
        self.role.setObjectName("settings_role")
        for value, label in ROLE_LABELS:
            self.role.addItem(self.tr(label), value)
        self.role.setCurrentIndex(max(0, self.role.findData(stored.get("role", config.role))))
        printers = QPrinterInfo.availablePrinterNames()
        self.receipt_printer = self._printer_combo("settings_receipt_printer", printers, self.tr("（系统默认打印机）"),
                                                   stored.get("receipt_printer", config.receipt_printer))
        self.ticket_printer = self._printer_combo("settings_ticket_printer", printers, self.tr("（不打印，仅保存PDF）"),
                                                  stored.get("ticket_printer", config.ticket_printer))
        url = str(stored.get("database_url", ""))
        self.database_url = QLineEdit(url if self.admin else safe_url(url) if url else "", self)  # no password shown
        self.database_url.setObjectName("settings_database_url")
        self.database_url.setPlaceholderText(self.tr("留空：本机 SQLite 文件；多终端：postgresql+psycopg://用户@服务器/counter"))
        self.test_button = QPushButton(self.tr("测试连接"), self)
        self.test_button.setObjectName("settings_test_connection")
        self.test_button.setAutoDefault(False)
        self.test_button.clicked.connect(self.test_connection)
        url_row = QHBoxLayout()
        url_row.addWidget(self.database_url, 1)
        url_row.addWidget(self.test_button)
        self.connection_result = QLabel(self)
        self.connection_result.setObjectName("settings_connection_result")
        self.connection_result.setWordWrap(True)
        self.language = QComboBox(self)
        self.language.setObjectName("settings_language")
        for value, label in LANGUAGES:
            self.language.addItem(label, value)
        self.language.setCurrentIndex(max(0, self.language.findData(stored.get("lang", config.lang))))
        self._make_reader_fields(stored, config)
        form = QFormLayout()
        form.addRow(self.tr("派出所（大厅）名称"), self.station_name)
        form.addRow(self.tr("窗口号"), self.window_number)
        form.addRow(self.tr("本窗口叫号类别"), categories)
        form.addRow(self.tr("终端角色（启动方式）"), self.role)
        form.addRow(self.tr("回执打印机"), self.receipt_printer)
        form.addRow(self.tr("号票打印机"), self.ticket_printer)
        form.addRow(self.tr("数据库地址"), url_row)
        form.addRow("", self.connection_result)
        form.addRow(self.tr("界面语言"), self.language)
        form.addRow(self.tr("身份证阅读器"), self.reader_type)
        form.addRow(self.tr("阅读器端口 / 波特率"), self.reader_row)
        note = QLabel(self.tr("本机设置保存在本机的 settings.toml 中，下次启动程序时生效。") if self.admin else
                      self.tr("本机设置只有系统管理员可以修改。"), self)
        note.setObjectName("settings_terminal_note")
        note.setWordWrap(True)
        terminal = QGroupBox(self.tr("本机（仅此终端）"), self)
        terminal.setObjectName("settings_terminal_group")
        box = QVBoxLayout(terminal)
        box.addLayout(form)
        box.addWidget(note)
        self.terminal_fields: list[QWidget] = [
            self.station_name, self.window_number, *self.category_boxes.values(), self.role, self.receipt_printer,
            self.ticket_printer, self.database_url, self.test_button, self.language, self.reader_type,
            self.reader_port, self.reader_baudrate]
        for widget in self.terminal_fields if not self.admin else ():
            widget.setEnabled(False)
        self.hall_group = self._make_hall_group(config)
        self.message = QLabel(self)
        self.message.setObjectName("settings_message")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        # two pages, not one column: both groups at once are taller than a 1366×768 screen
        self.pages = QTabWidget(self)
        self.pages.setObjectName("settings_pages")
        self.pages.addTab(terminal, self.tr("本机"))
        self.pages.addTab(self.hall_group, self.tr("本大厅"))
        if not self.admin:  # a manager changes the hall's settings only: open there
            self.pages.setCurrentWidget(self.hall_group)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(680, 0)
        self.load_hall()

    # -- the hall's settings (counter.hall_settings)
    def _make_hall_group(self, config) -> QGroupBox:
        self.streak = QSpinBox(self)  # priority tickets called in a row before a normal one
        self.streak.setObjectName("settings_priority_streak_limit")
        self.streak.setRange(*hall_settings.NUMBERS["priority_streak_limit"][:2])
        self.streak.setSpecialValueText(self.tr("0（优先号总是先叫）"))
        targets = self._make_target_fields(config)
        self.grace = QSpinBox(self)  # 预约: minutes after the slot's start a booking still has priority
        self.grace.setObjectName("settings_appointment_grace")
        self.grace.setRange(*hall_settings.NUMBERS["appointment_grace_minutes"][:2])
        self.grace.setSuffix(self.tr(" 分钟"))
        self.capacity = QLineEdit(self)
        self.capacity.setObjectName("settings_appointment_capacity")
        self.capacity.setPlaceholderText("A:6,B:6,C:3")
        self.complaints_phone = QLineEdit(self)
        self.complaints_phone.setObjectName("settings_complaints_phone")
        self.complaints_phone.setMaxLength(hall_settings.TEXTS["complaints_phone"][0])
        self.complaints_phone.setPlaceholderText(self.tr("如 12345 或 010-12345678"))
        self.missing_days = QSpinBox(self)
        self.missing_days.setObjectName("settings_missing_materials_days")
        self.missing_days.setRange(*hall_settings.NUMBERS["missing_materials_days"][:2])
        self.missing_days.setSuffix(self.tr(" 天"))
        self.rating_url = QLineEdit(self)
        self.rating_url.setObjectName("settings_rating_url")
        self.rating_url.setMaxLength(hall_settings.TEXTS["rating_url"][0])
        self.rating_url.setPlaceholderText(self.tr("如 https://… ；留空：回执上不印评价二维码"))
        self.pickup_place = QLineEdit(self)
        self.pickup_place.setObjectName("settings_pickup_place")
        self.pickup_place.setMaxLength(hall_settings.TEXTS["pickup_place"][0])
        self.pickup_place.setPlaceholderText(self.tr("留空：本所大厅"))
        self.show_hall(hall_settings.values_of(config, {}))  # this terminal's values until the hall's are read
        form = QFormLayout()
        form.addRow(self.tr("连续优先叫号上限"), self.streak)
        form.addRow(self.tr("管理目标（所领导看板）"), targets)
        form.addRow(self.tr("预约迟到宽限"), self.grace)
        form.addRow(self.tr("每时段预约数（按类别）"), self.capacity)
        form.addRow(self.tr("监督电话"), self.complaints_phone)
        form.addRow(self.tr("补正材料期限"), self.missing_days)
        form.addRow(self.tr("好差评地址"), self.rating_url)
        form.addRow(self.tr("领取地点"), self.pickup_place)
        self.hall_note = QLabel(self)
        self.hall_note.setObjectName("settings_hall_note")
        self.hall_note.setWordWrap(True)
        group = QGroupBox(self.tr("本大厅（所有终端）"), self)
        group.setObjectName("settings_hall_group")
        box = QVBoxLayout(group)
        box.addLayout(form)
        box.addWidget(self.hall_note)
        self.hall_fields: list[QWidget] = [self.streak, *self.targets.values(), self.grace, self.capacity,
                                           self.complaints_phone, self.missing_days, self.rating_url,
                                           self.pickup_place]
        self.hall_loaded: hall_settings.HallValues | None = None  # as read from the database
        self.hall_stored: frozenset[str] = frozenset()  # the names the hall has stored
        return group

    def load_hall(self) -> bool:
        """Read the hall's settings in the background; the group waits for them (read-only
        meanwhile: nothing typed over this terminal's values is saved for the hall by mistake)."""
        for widget in self.hall_fields:
            widget.setEnabled(False)
        self.hall_note.setText(self.tr("正在读取本大厅的设置…"))
        ctx = self.ctx
        return self.tasks.run(lambda: read_hall(ctx), done=self._hall_read, failed=self._hall_not_read,
                              name="load_hall")

    def _hall_read(self, answer: tuple[hall_settings.HallValues, frozenset[str]]) -> None:
        values, stored_names = answer
        self.hall_loaded, self.hall_stored = values, stored_names
        self.show_hall(values)
        for widget in self.hall_fields:
            widget.setEnabled(self.manager)
        if not self.manager:
            self.hall_note.setText(self.tr("本大厅的设置只有管理人员或系统管理员可以修改。"))
        elif len(stored_names) < len(hall_settings.NAMES):
            self.hall_note.setText(self.tr("本大厅尚未统一保存这些设置：显示的是本机 settings.toml 中的值，"
                                           "保存后大厅所有终端都使用这些值。"))
        else:
            self.hall_note.setText(self.tr("保存在数据库中，大厅所有终端共用；其他终端在下次登录或启动时使用新值。"))

    def _hall_not_read(self, exc: Exception) -> None:
        log.warning("reading the hall settings failed: %r", exc)
        self.hall_note.setText(self.tr("无法读取本大厅的设置（数据库未连接），暂不能修改。"))

    def show_hall(self, values: hall_settings.HallValues) -> None:
        self.streak.setValue(values.priority_streak_limit)
        for key, box in self.targets.items():
            box.setValue(getattr(values, key))
        self.grace.setValue(values.appointment_grace_minutes)
        self.capacity.setText(values.appointment_capacity)
        self.complaints_phone.setText(values.complaints_phone)
        self.missing_days.setValue(values.missing_materials_days)
        self.rating_url.setText(values.rating_url)
        self.pickup_place.setText(values.pickup_place)

    def hall_values(self) -> dict:
        """The hall group as it is on screen (checked by the service, not here)."""
        return {
            "priority_streak_limit": self.streak.value(),
            **{key: box.value() for key, box in self.targets.items()},
            "appointment_grace_minutes": self.grace.value(),
            "appointment_capacity": self.capacity.text().replace(" ", "").upper(),
            "complaints_phone": self.complaints_phone.text().strip(),
            "missing_materials_days": self.missing_days.value(),
            "rating_url": self.rating_url.text().strip(),
            "pickup_place": self.pickup_place.text().strip(),
        }

    def hall_changes(self) -> dict | None:
        """What to save for the hall: the fields changed since they were read ({}: none), or None
        when the hall is not saved from here (not read, or not a manager's)."""
        if self.hall_loaded is None or not self.manager:
            return None
        return {key: value for key, value in self.hall_values().items() if getattr(self.hall_loaded, key) != value}

    def _make_reader_fields(self, stored: dict, config) -> None:
        self.reader_type = QComboBox(self)
        self.reader_type.setObjectName("settings_reader_type")
        for value, label in READER_LABELS:
            self.reader_type.addItem(self.tr(label), value)
        reader = stored.get("reader_type", config.reader_type)
        self.reader_type.setCurrentIndex(max(0, self.reader_type.findData(reader)))
        self.reader_port = QLineEdit(stored.get("reader_port", config.reader_port), self)
        self.reader_port.setObjectName("settings_reader_port")
        self.reader_port.setPlaceholderText(self.tr("如 /dev/ttyUSB0、COM3；厂商驱动填端口号（USB 为 1001）"))
        self.reader_baudrate = QComboBox(self)
        self.reader_baudrate.setObjectName("settings_reader_baudrate")
        for rate in BAUD_RATES:
            self.reader_baudrate.addItem(str(rate), rate)
        self.reader_baudrate.setCurrentIndex(
            max(0, self.reader_baudrate.findData(stored.get("reader_baudrate", config.reader_baudrate))))
        self.reader_row = QHBoxLayout()
        self.reader_row.addWidget(self.reader_port, 1)
        self.reader_row.addWidget(self.reader_baudrate)

    def _printer_combo(self, name: str, printers: list[str], none_label: str, current: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.addItem(none_label, "")
        for printer in printers:
            combo.addItem(printer, printer)
        if current and combo.findData(current) < 0:  # configured, but not installed on this machine now
            combo.addItem(self.tr("{0}（未找到）").format(current), current)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    TARGETS = (  # setting, (low, high), suffix: the manager window's tiles are coloured against them
        ("service_level_minutes", (1, 240), QT_TRANSLATE_NOOP("SettingsDialog", " 分内叫号")),
        ("service_level_target_percent", (1, 100), QT_TRANSLATE_NOOP("SettingsDialog", "% 达标")),
        ("hall_time_target_minutes", (1, 480), QT_TRANSLATE_NOOP("SettingsDialog", " 分在厅")),
        ("satisfaction_target_percent", (1, 100), QT_TRANSLATE_NOOP("SettingsDialog", "% 好评")),
    )

    def _make_target_fields(self, config) -> QHBoxLayout:
        row = QHBoxLayout()
        self.targets: dict[str, QSpinBox] = {}
        for key, (low, high), suffix in self.TARGETS:
            box = QSpinBox(self)
            box.setObjectName(f"settings_{key}")
            box.setRange(low, high)
            box.setSuffix(self.tr(suffix))
            box.setValue(getattr(config, key))
            row.addWidget(box)
            self.targets[key] = box
        return row

    # -- reading the form
    def values(self) -> dict:
        letters = [letter for letter, box in self.category_boxes.items() if box.isChecked()]
        return {
            "station_name": self.station_name.text().strip() or self.ctx.config.station_name,
            "window_number": self.window_number.value(),
            "window_categories": "" if len(letters) == len(self.category_boxes) else ",".join(letters),
            "role": self.role.currentData(),
            "receipt_printer": self.receipt_printer.currentData(),
            "ticket_printer": self.ticket_printer.currentData(),
            "database_url": self.database_url.text().strip() or None,  # None: the default SQLite file
            "lang": self.language.currentData(),
            "reader_type": self.reader_type.currentData(),
            "reader_port": self.reader_port.text().strip(),
            "reader_baudrate": self.reader_baudrate.currentData(),
        }

    # -- actions
    def test_connection(self) -> bool:
        """Start testing the URL in the background; False when a test is still running.
        The answer goes to `connection_result` (and `connection_ok`)."""
        from counter.db import test_connection
        from counter.paths import default_database_url

        url = self.database_url.text().strip() or default_database_url()
        self.connection_ok = None
        self.connection_result.setStyleSheet("")
        self.connection_result.setText(self.tr("正在连接…"))
        return self.tasks.run(lambda: test_connection(url), done=self._tested, failed=self._not_tested,
                              busy=[self.test_button], name="test_connection")

    def _tested(self, answer: tuple[bool, str]) -> None:
        ok, message = answer
        if self.lang == "en":
            message = english_part(message)
        self.connection_ok = ok
        self.connection_result.setStyleSheet("color: #1b5e20;" if ok else "color: #b00020;")
        self.connection_result.setText(message)

    def _not_tested(self, exc: Exception) -> None:  # test_connection answers; this is a bug, said plainly
        log.warning("testing the connection failed: %r", exc)
        self._tested((False, "无法连接数据库 / the database cannot be reached"))

    def save(self) -> bool:
        """Check the form, then save in the background (the dialog closes when it is written):
        this terminal's settings (administrators) to its file, then the hall's (managers and
        administrators) through `hall_settings.save`. False, with the reason shown, when the form
        is refused."""
        if not self.manager:  # neither part is theirs: the terminal's settings are the dialog's own
            try:
                require(self.ctx.principal, Role.ADMIN)
            except PermissionDenied as exc:
                self._error(exc.en if self.lang == "en" else f"{exc.zh_CN}\n{exc.en}")
                return False
        values = self.values() if self.admin else None
        if values is not None and not any(b.isChecked() for b in self.category_boxes.values()):
            self._error(self.tr("请至少选择一个叫号类别"))
            return False
        hall = self.hall_changes()
        if hall is not None:
            try:
                hall_settings.checked(hall)  # the one-line reason before anything is written
            except hall_settings.HallSettingsError as exc:
                self._error(exc.text(self.lang))
                return False
            if not hall and len(self.hall_stored) == len(hall_settings.NAMES):
                hall = None  # nothing changed, and the hall has every value already
        if values is None and hall is None:
            self.accept()
            return True
        ctx, principal = self.ctx, self.ctx.principal

        def work():
            if values is not None:
                save_terminal_settings(ctx, values)
            if hall is not None:
                try:  # the first save stores every shown value for the hall
                    hall_settings.save(ctx, principal, **hall)
                except Exception as exc:
                    raise HallNotSaved(exc, terminal_saved=values is not None) from exc

        return self.tasks.run(work, done=lambda _none: self.accept(), failed=self._not_saved,
                              busy=self.buttons.buttons(), name="save")

    def _not_saved(self, exc: Exception) -> None:
        if isinstance(exc, HallNotSaved):
            cause = exc.cause
            if isinstance(cause, (hall_settings.HallSettingsError, AuthError)):
                reason = cause.en if self.lang == "en" else cause.zh_CN
            else:
                log.warning("saving the hall settings failed: %r", cause)
                reason = self.tr("无法连接数据库，请稍后重试")
            if exc.terminal_saved:
                self._error(self.tr("本机设置已保存；本大厅的设置未能保存：{0}").format(reason))
            else:
                self._error(self.tr("本大厅的设置未能保存：{0}").format(reason))
        elif isinstance(exc, OSError):
            self._error(self.tr("设置未能保存：{0}").format(exc))
        else:  # the file is written before the database; anything else is said in one line, logged
            log.warning("saving the settings failed: %r", exc)
            self._error(self.tr("无法连接数据库，请稍后重试"))

    def reject(self) -> None:
        if self.tasks.running("save"):  # Escape while saving: the save finishes, then the dialog closes
            return
        super().reject()

    def _error(self, text: str) -> None:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(text)
