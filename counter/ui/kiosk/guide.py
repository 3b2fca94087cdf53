"""办事指南: the catalogue browsed by group with big buttons, one procedure's facts, a printed copy.

No search field: the kiosk has no keyboard, and pinyin initials on letter keys ask an elderly
citizen to spell; the catalogue is a few dozen procedures in two groups, each a full-width row,
so a procedure is two taps and a finger's scroll away (docs/notes/kiosk.md).
"""
from __future__ import annotations

import logging
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from counter.ui.kiosk.common import KioskPage, label, restyle, scroll

log = logging.getLogger(__name__)

GROUPS = ("all", "hz", "jg")


class GuideListPage(KioskPage):
    def __init__(self, shell):
        super().__init__(shell, titled=True)
        self.group = "all"
        row = QHBoxLayout()
        self.group_buttons = QButtonGroup(self)
        self.group_button: dict[str, QPushButton] = {}
        for key in GROUPS:
            button = QPushButton(checkable=True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, k=key: self.filter(group=k))
            self.group_buttons.addButton(button)
            self.group_button[key] = button
            row.addWidget(button)
        self.group_button["all"].setChecked(True)
        self.lay.addLayout(row)
        self.list = QListWidget()
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.setWordWrap(True)
        QScroller.grabGesture(self.list.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.list.itemClicked.connect(lambda item: shell.show_procedure(item.data(Qt.ItemDataRole.UserRole)))
        self.lay.addWidget(self.list, 1)
        self.empty = label("muted")
        self.lay.addWidget(self.empty)
        self.nav()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("办事指南"))
        self.group_button["all"].setText(self.tr("全部"))
        self.group_button["hz"].setText(self.tr("户政业务"))
        self.group_button["jg"].setText(self.tr("交管业务"))
        self.filter()

    def reset(self) -> None:
        self.group = "all"
        self.group_button["all"].setChecked(True)
        self.filter()

    def filter(self, group: str | None = None) -> None:
        if group is not None:
            self.group = group
        procedures = [p for p in self.ctx.catalog.procedures if self.group == "all" or p.category == self.group]
        self.list.clear()
        for procedure in procedures:
            item = QListWidgetItem(f"{procedure.name(self.lang)}{self.dot}{procedure.group(self.lang)}")
            item.setData(Qt.ItemDataRole.UserRole, procedure.code)
            self.list.addItem(item)
        self.empty.setText("" if procedures else self.tr("没有找到相关事项"))


class GuideDetailPage(KioskPage):
    """One procedure: fee, time limit, where, what to bring, the guide; printable."""

    def __init__(self, shell):
        super().__init__(shell)
        self.procedure = None
        self.proc_title = label("title")
        self.lay.addWidget(self.proc_title)
        inner = QWidget()
        inner_lay = QVBoxLayout(inner)
        inner_lay.setSpacing(14)
        self.facts = label()
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.materials = label()
        self.materials.setTextFormat(Qt.TextFormat.RichText)
        self.guide = label()
        for line in (self.facts, self.materials, self.guide):
            inner_lay.addWidget(line)
        inner_lay.addStretch(1)
        self.lay.addWidget(scroll(inner), 1)
        self.printed = label("ok")
        self.lay.addWidget(self.printed)
        self.back = QPushButton()
        self.back.clicked.connect(shell.open_guide_list)
        self.print_button = QPushButton(objectName="primary")
        self.print_button.clicked.connect(self.print_guide)
        self.nav(self.back, self.print_button)
        self._printed_ok: bool | None = None

    def show_procedure(self, code: str) -> None:
        self.procedure = self.ctx.catalog.get(code)
        self._printed_ok = None
        self.retranslate()

    def reset(self) -> None:
        self.procedure, self._printed_ok = None, None
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.back.setText(self.tr("返回"))
        self.print_button.setText(self.tr("打印指南"))
        self._show_printed()
        self._render()

    def _render(self) -> None:
        from counter.guides import guide_data

        if self.procedure is None:
            for line in (self.proc_title, self.facts, self.materials, self.guide):
                line.clear()
            return
        data = guide_data(self.procedure, self.lang)
        self.proc_title.setText(data.name)
        facts = [(self.tr("收费标准"), data.fee), (self.tr("办理时限"), data.time_limit),
                 (self.tr("办理地点"), data.where)]
        self.facts.setText("".join(f"<p><b>{escape(k)}{self.colon}</b>{escape(v)}</p>" for k, v in facts))
        left, right = ("(", ")") if self.lang == "en" else ("（", "）")
        # numbered by hand: a rich-text <ol> puts its numbers in a margin a narrow screen cuts off
        rows = "".join(f"<p>{n}. {escape(name)} <span style='color:#4a5866'>{left}{escape(note)}{right}</span></p>"
                       for n, (name, note) in enumerate(data.materials, start=1))
        heading = self.tr("所需材料")
        self.materials.setText(f"<p><b>{escape(heading)}</b></p>{rows}")
        self.guide.setText(data.guide)

    def print_guide(self) -> None:
        from counter.guides import guide_data
        from counter.printing.guide import render_guide

        if self.procedure is None:
            return
        try:
            self.shell.printer(render_guide([guide_data(self.procedure, self.lang)]), f"guide-{self.procedure.code}")
            self._printed_ok = True
        except Exception:
            log.exception("kiosk: guide %s could not be printed", self.procedure.code)
            self._printed_ok = False
        self._show_printed()

    def _show_printed(self) -> None:
        if self._printed_ok is None:
            self.printed.clear()
            return
        self.printed.setText(self.tr("已打印，请在出纸口取走") if self._printed_ok
                             else self.tr("打印失败，请到咨询台求助"))
        restyle(self.printed, "ok" if self._printed_ok else "error")
