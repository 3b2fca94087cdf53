"""The station's journey settings for managers: SMS gateway, signature, postage, days before
an item is uncollected, working days to answer a bad rating (`counter.journey.settings`).
The token is shown as dots and kept when the field is left empty."""
from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from counter.auth import AuthError
from counter.journey import settings
from counter.journey.common import JourneyError
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class JourneySettingsDialog(QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = TaskRunner(self)  # reading and saving wait for the database here, never the window
        self.lang = "en" if ctx.config.lang == "en" else "zh_CN"
        self.setWindowTitle(self.tr("到证、短信与回访设置"))
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.gateway = QComboBox()
        self.gateway.setObjectName("sms_gateway")
        for value, text in (("none", self.tr("不发送（通知保持排队）")), ("http", self.tr("短信网关（HTTP）")),
                            ("file", self.tr("写入文件（演示、测试）"))):
            self.gateway.addItem(text, value)
        form.addRow(self.tr("短信发送方式"), self.gateway)
        self.url = QLineEdit()
        self.url.setObjectName("sms_url")
        self.url.setPlaceholderText("https://…")
        form.addRow(self.tr("网关地址"), self.url)
        self.token = QLineEdit()
        self.token.setObjectName("sms_token")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("网关令牌"), self.token)
        self.signature = QLineEdit()
        self.signature.setObjectName("sms_signature")
        self.signature.setPlaceholderText(self.tr("如【示范派出所】"))
        form.addRow(self.tr("短信签名"), self.signature)
        self.postage = QLineEdit()
        self.postage.setObjectName("postage")
        form.addRow(self.tr("邮费（元）"), self.postage)
        self.uncollected = QSpinBox()
        self.uncollected.setObjectName("uncollected_days")
        self.uncollected.setRange(1, 3650)
        form.addRow(self.tr("待领取超过多少天列为未领取"), self.uncollected)
        self.followup = QSpinBox()
        self.followup.setObjectName("followup_working_days")
        self.followup.setRange(1, 30)
        form.addRow(self.tr("差评回访期限（工作日）"), self.followup)
        lay.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        lay.addWidget(buttons)
        self.fields = [self.gateway, self.url, self.token, self.signature, self.postage, self.uncollected,
                       self.followup]
        ctx = self.ctx
        # the fields wait for the stored values: nothing typed over the defaults is saved by mistake
        self.loaded = False
        self.tasks.run(lambda: settings.load(ctx), done=self._loaded, failed=self._not_loaded,
                       busy=[*self.fields, self.save_button], name="load")

    def _not_loaded(self, exc: Exception) -> None:
        self._say_failure(exc)
        self.save_button.setEnabled(False)  # empty fields must never be saved over the stored values

    def _loaded(self, current: settings.StationJourney) -> None:
        self.loaded = True
        self.gateway.setCurrentIndex(self.gateway.findData(current.sms_gateway))
        self.url.setText(current.sms_url)
        self.token.setPlaceholderText(self.tr("已设置，留空不改") if current.sms_token else "")
        self.signature.setText(current.sms_signature)
        self.postage.setText(f"{current.postage:.2f}")
        self.uncollected.setValue(current.uncollected_days)
        self.followup.setValue(current.followup_working_days)

    def save(self) -> None:
        if not self.loaded:
            return
        changes = {"sms_gateway": self.gateway.currentData(), "sms_url": self.url.text().strip(),
                   "sms_signature": self.signature.text().strip(), "postage": self.postage.text().strip(),
                   "uncollected_days": self.uncollected.value(), "followup_working_days": self.followup.value()}
        if self.token.text():
            changes["sms_token"] = self.token.text()
        ctx = self.ctx
        self.tasks.run(lambda: settings.save(ctx, **changes), done=lambda _saved: self.accept(),
                       failed=self._say_failure, busy=[*self.fields, self.save_button], name="save")

    def reject(self) -> None:
        if self.tasks.running("save"):  # Escape while saving: the save finishes (and closes) first
            return
        super().reject()

    def _say_failure(self, exc: Exception) -> None:
        if isinstance(exc, (JourneyError, AuthError)):
            self.message.setText(exc.en if self.lang == "en" else exc.zh_CN)
        else:  # the database is away: said, never a traceback
            log.warning("journey settings: %r", exc)
            self.message.setText(self.tr("无法连接数据库，请稍后重试"))
        self.message.setStyleSheet("color: #b00020;")
