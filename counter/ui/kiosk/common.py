"""Pieces every kiosk page uses: labels, touch scrolling, the big tile, the page frame."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from counter import kiosk
from counter.forms.spec import Text
from counter.ui.citizen_language import CitizenLanguage

if TYPE_CHECKING:
    from counter.ui.kiosk.window import KioskWindow

log = logging.getLogger(__name__)

BUSY = Text("系统繁忙，请稍后再试", "The system is busy, please try again")
LOOKING_UP = Text("正在查询，请稍候…", "Looking it up, please wait…")  # a slow network: the press was taken


def citizen_error(exc: Exception) -> Text:
    """What the citizen reads when a task failed: the service's own words, or "busy".

    Services say no with `zh_CN`/`en` (KioskError, QueueError, AppointmentError); anything else
    (the network, the database) is logged and told as one calm line."""
    zh, en = getattr(exc, "zh_CN", None), getattr(exc, "en", None)
    if isinstance(zh, str) and isinstance(en, str):
        return Text(zh, en)
    log.error("kiosk: task failed: %r", exc, exc_info=exc)
    return BUSY


def orient(box: QBoxLayout, portrait: bool) -> None:
    """Side by side in landscape, one under the other in portrait (the keypad under the fields)."""
    box.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)


def label(name: str = "", *, wrap: bool = True, align=Qt.AlignmentFlag.AlignLeft) -> QLabel:
    found = QLabel()
    if name:
        found.setObjectName(name)
    found.setWordWrap(wrap)
    found.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    return found


def scroll(inner: QWidget) -> QScrollArea:
    """A touch-scrollable area (drag with a finger) on the page's own background."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.viewport().setAutoFillBackground(False)
    inner.setObjectName("scrollInner")
    inner.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    area.setWidget(inner)
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    return area


def expanding(button: QPushButton) -> QPushButton:
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return button


def restyle(widget: QWidget, name: str) -> None:
    """A new object name and the style sheet applied again (error red, ok green).

    Through the widget's own (empty) sheet rather than `widget.style().polish()`: PySide may hand
    back a stale wrapper of another type for the style-sheet style (seen in the tests as
    "'QWidgetItem' object has no attribute 'polish'")."""
    if widget.objectName() == name:
        return
    widget.setObjectName(name)
    widget.setStyleSheet(f"/* {name} */")  # a changed sheet re-polishes; the window's rules apply


class Tile(QPushButton):
    """A big touch button with a title and a smaller line under it."""

    def __init__(self, object_name: str = "tile"):
        super().__init__(objectName=object_name)
        expanding(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 16, 16, 16)
        lay.addStretch(1)
        self.title = QLabel(objectName="tileTitle", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.sub = QLabel(objectName="tileSub", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        for line in (self.title, self.sub):
            line.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
            lay.addWidget(line)
        lay.addStretch(1)

    def set_texts(self, title: str, sub: str) -> None:
        self.title.setText(title)
        self.sub.setText(sub)
        self.setAccessibleName(f"{title} {sub}")


class KioskPage(CitizenLanguage, QWidget):
    """One page of the kiosk's stack: builds its own layout, sets its own texts.

    `reset()` forgets what a citizen typed or was shown (the kiosk going home);
    `retranslate()` sets every text in the kiosk's current language.
    """

    def __init__(self, shell: KioskWindow, *, titled: bool = False):
        super().__init__()
        self.shell = shell
        self.ctx = shell.ctx
        self.lay = QVBoxLayout(self)
        self.lay.setContentsMargins(0, 0, 0, 0)
        self.lay.setSpacing(18)
        self.title = label("title") if titled else None
        if self.title is not None:
            self.lay.addWidget(self.title)
        self._home_buttons: list[QPushButton] = []

    # -- the citizen's language and its typography
    def citizen_lang(self) -> str:
        return self.shell.lang

    @property
    def lang(self) -> str:
        return self.shell.lang

    @property
    def colon(self) -> str:
        return ": " if self.lang == "en" else "："

    @property
    def dot(self) -> str:
        return "  ·  " if self.lang == "en" else "　·　"

    @property
    def gap(self) -> str:
        return "    " if self.lang == "en" else "　　"

    def retranslate(self) -> None:
        for button in self._home_buttons:
            button.setText(self.tr("返回首页"))

    def reset(self) -> None:
        """Nothing typed or shown is kept (the default: nothing to forget)."""

    def set_portrait(self, portrait: bool) -> None:
        """Lay the page out for a portrait (height > width) or a landscape screen."""
        for box in getattr(self, "turning", ()):
            orient(box, portrait)

    # -- the line under a page's fields: an error (red) or a note such as "please wait"
    def message_line(self) -> QLabel:
        self.error_shown: Text | None = None
        self.error = label("error")
        return self.error

    def say(self, text: Text | None, style: str = "error") -> None:
        self.error_shown = text
        restyle(self.error, style)
        self.show_said()

    def show_said(self) -> None:
        """The line in the kiosk's current language (after a language switch too)."""
        self.error.setText(self.error_shown(self.lang) if self.error_shown else "")

    # -- the row of buttons at the foot of a page
    def nav(self, *buttons: QPushButton) -> None:
        row = QHBoxLayout()
        home = QPushButton()
        home.clicked.connect(self.shell.go_home)
        self._home_buttons.append(home)
        row.addWidget(home)
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        self.lay.addLayout(row)


def receipt_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(40)  # a QR scan: number, "-", query code
    edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
    return edit


def proof_edit() -> QLineEdit:
    """The query code (8 digits) or the ID's last four, in one field, hidden as typed."""
    edit = QLineEdit()
    edit.setMaxLength(kiosk.CODE_LENGTH)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def proof_ready(edit: QLineEdit) -> bool:
    return len(kiosk.normalise_proof(edit.text())) in (4, kiosk.CODE_LENGTH)


def take_scan(receipt: QLineEdit, proof: QLineEdit) -> bool:
    """Split a scanned `NUMBER-CODE` over the two fields; True if it carried the code."""
    number, code = kiosk.parse_scan(receipt.text())
    if code is None:
        return False
    receipt.setText(number)
    proof.setText(code[:kiosk.CODE_LENGTH])
    return True
