"""The administrator's settings of this terminal, written to `settings.toml` (counter.config).

Station name, window number and the ticket categories the window serves, the terminal's role
(the mode the program starts in: counter, kiosk or display), the printers for receipts and for
ticket slips (from QPrinterInfo), the database URL with a "test connection" button, and the
language. Saving needs the administrator role (checked again here, not only by hiding the menu
entry) and is audited as `setting.changed`. Most settings apply the next time the program starts.
Saving and testing the connection run in the background (`self.tasks`): a database server that
does not answer (up to the test's 5 s connect timeout) never freezes the dialog.
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
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter.appointments import valid_capacity
from counter.auth import PermissionDenied, require
from counter.auth import Role
from counter.categories import CATEGORIES
from counter.config import read_settings
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
        self.setWindowTitle(self.tr("本机设置"))
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
        self.database_url = QLineEdit(stored.get("database_url", ""), self)
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
        targets = self._make_target_fields(stored, config)
        self.grace = QSpinBox(self)  # 预约: minutes after the slot's start a booking still has priority
        self.grace.setObjectName("settings_appointment_grace")
        self.grace.setRange(0, 120)
        self.grace.setSuffix(self.tr(" 分钟"))
        self.grace.setValue(int(stored.get("appointment_grace_minutes", config.appointment_grace_minutes)))
        self.capacity = QLineEdit(stored.get("appointment_capacity", config.appointment_capacity), self)
        self.capacity.setObjectName("settings_appointment_capacity")
        self.capacity.setPlaceholderText("A:6,B:6,C:3")
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
        form.addRow(self.tr("管理目标（所领导看板）"), targets)
        form.addRow(self.tr("预约迟到宽限"), self.grace)
        form.addRow(self.tr("每时段预约数（按类别）"), self.capacity)
        note = QLabel(self.tr("设置保存在本机的 settings.toml 中，下次启动程序时生效。"), self)
        note.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("settings_message")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(640, 0)

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

    def _make_target_fields(self, stored: dict, config) -> QHBoxLayout:
        row = QHBoxLayout()
        self.targets: dict[str, QSpinBox] = {}
        for key, (low, high), suffix in self.TARGETS:
            box = QSpinBox(self)
            box.setObjectName(f"settings_{key}")
            box.setRange(low, high)
            box.setSuffix(self.tr(suffix))
            value = stored.get(key, getattr(config, key))
            box.setValue(int(value) if isinstance(value, int) and not isinstance(value, bool) else getattr(config, key))
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
            **{key: box.value() for key, box in self.targets.items()},
            "appointment_grace_minutes": self.grace.value(),
            "appointment_capacity": self.capacity.text().replace(" ", "").upper(),
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
        """Check the form, then save in the background (the dialog closes when it is written).
        False, with the reason shown, when the form is refused."""
        try:
            require(self.ctx.principal, Role.ADMIN)
        except PermissionDenied as exc:
            self._error(exc.en if self.lang == "en" else f"{exc.zh_CN}\n{exc.en}")
            return False
        values = self.values()
        if not values["window_categories"] and not any(b.isChecked() for b in self.category_boxes.values()):
            self._error(self.tr("请至少选择一个叫号类别"))
            return False
        if not valid_capacity(values["appointment_capacity"]):
            self._error(self.tr("每时段预约数的格式为 A:6,B:6,C:3"))
            return False
        ctx = self.ctx
        return self.tasks.run(lambda: save_terminal_settings(ctx, values), done=lambda _changed: self.accept(),
                              failed=self._not_saved, busy=self.buttons.buttons(), name="save")

    def _not_saved(self, exc: Exception) -> None:
        if isinstance(exc, OSError):
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
