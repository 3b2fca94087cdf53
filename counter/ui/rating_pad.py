"""The 好差评 rating screen, and the touch sizing shared with the kiosk.

`RatingPanel` is the screen itself (five levels, reasons for a bad one, thanks); the kiosk
shows it as one page, and the clerk turns it to the citizen at the end of a visit with
`RatingPadWindow`: a window on the customer-facing monitor (`QGuiApplication.screens()[1]`)
when one is attached, else a window on the clerk's screen.

Sizes are physical: a touch target is at least 15 mm, computed from the screen's PHYSICAL dots
per inch (the logical DPI is a desktop setting, 96 on most panels whatever their size), and
never under 90 px (15 mm on a 21–24" 1080p panel; what a screen without a true DPI gets).
Every colour of text on its background is at least 4.5:1, of a control's edge 3:1 (WCAG 2.1 AA;
tests/test_kiosk_screens.py measures the rendered pages).
"""
from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QBoxLayout,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter import kiosk
from counter.ui.tasks import TaskRunner
from counter.ui.citizen_language import CitizenLanguage, announce_language_change

log = logging.getLogger(__name__)

TOUCH_MM = 15.0
TOUCH_FLOOR_PX = 90  # 15 mm on a 21–24" 1080p panel; the floor where the DPI is not known (floor_px)
BODY_FLOOR_PX = 24

# the five levels' colours: text on white (and white on them when chosen) at least 6:1
LEVEL_COLOURS = {5: "#1b5e20", 4: "#3d6b00", 3: "#7a5c00", 2: "#a84300", 1: "#b71c1c"}


def px_per_mm(widget: QWidget | None = None) -> float:
    """Device-independent pixels per millimetre of glass, from the physical DPI."""
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    if screen is None:
        return 96.0 / 25.4
    dpi = screen.physicalDotsPerInch() / max(screen.devicePixelRatio(), 1.0)
    return max(dpi, 72.0) / 25.4


def floor_px(widget: QWidget | None = None) -> int:
    """90 px on a 1080-class screen (15 mm on a 21–24" panel, whatever DPI it reports); on a
    shorter screen (1366×768, 1280×720: 15–19" panels, 94–100 dpi) its short side / 12, still
    over 15 mm there, so that a keypad page fits the height."""
    window = widget.window() if widget is not None else None
    if window is not None and window.width() > 0 and window.height() > 0:
        short = min(window.width(), window.height())
    else:
        screen = QGuiApplication.primaryScreen()
        short = min(screen.size().width(), screen.size().height()) if screen is not None else 1080
    return TOUCH_FLOOR_PX if short >= 1000 else max(short // 12, 48)


def touch_px(widget: QWidget | None = None, mm: float = TOUCH_MM) -> int:
    """The smallest side of a touch target: `mm` of glass, never under the floor (90 px at 1080p)."""
    return max(int(round(mm * px_per_mm(widget) + 0.5)), floor_px(widget))


def base_font_px(widget: QWidget) -> int:
    """Body type: at least 6 mm and 24 px tall, larger on a big screen (the short side / 36)."""
    size = min(widget.width() or 1080, widget.height() or 1080)
    return max(int(6 * px_per_mm(widget)), size // 36, BODY_FLOOR_PX)


def touch_style(font_px: int, target_px: int) -> str:
    """The kiosk's look: light, high contrast, big type; buttons at least `target_px` tall.

    A style sheet's min-height is the content's: padding and border are taken off, so a button
    is the target itself, not a third more (a keypad page must fit a 768 px screen)."""
    f = font_px
    button_min = max(target_px - 2 * (f // 3) - 6, 0)  # padding f//3 and a 3 px border, top and bottom
    field_min = target_px - 6
    return f"""
    QWidget {{ font-size: {f}px; color: #1b1f24; }}
    #KioskRoot, #RatingPadWindow {{ background: #eef3f9; }}
    QLabel#title {{ font-size: {int(f * 1.6)}px; font-weight: bold; color: #0d47a1; }}
    QLabel#subtitle {{ font-size: {int(f * 1.15)}px; color: #33404d; }}
    QLabel#muted {{ font-size: {int(f * 0.85)}px; color: #4a5866; }}
    QLabel#error {{ font-size: {f}px; color: #b71c1c; font-weight: bold; }}
    QLabel#ok {{ font-size: {f}px; color: #1b5e20; font-weight: bold; }}
    QLabel#huge {{ font-size: {int(f * 5)}px; font-weight: bold; color: #0d47a1; }}
    QLabel#header {{ font-size: {int(f * 1.2)}px; font-weight: bold; color: #ffffff; }}
    QWidget#headerBar {{ background: #0d47a1; }}
    QWidget#card {{ background: #ffffff; border: 2px solid #c5d3e3; border-radius: {f // 2}px; }}
    QPushButton {{
        min-height: {button_min}px; min-width: {target_px - 2 * (f // 2) - 6}px; padding: {f // 3}px {f // 2}px;
        background: #ffffff; border: 3px solid #1565c0; border-radius: {f // 2}px;
        color: #0d47a1; font-weight: bold;
    }}
    QPushButton:pressed {{ background: #bbdefb; }}
    QPushButton:checked {{ background: #1565c0; color: #ffffff; }}
    QPushButton:disabled {{ color: #56616d; border-color: #7d8894; }}
    QPushButton#tile, QPushButton#tileGreen {{
        background: #1565c0; border: none; border-radius: {f}px;
    }}
    QPushButton#tileGreen {{ background: #1b5e20; }}
    QPushButton#tile:pressed {{ background: #0d47a1; }}
    QPushButton#tileGreen:pressed {{ background: #0f3d14; }}
    QLabel#tileTitle {{ font-size: {int(f * 2.0)}px; font-weight: bold; color: #ffffff; }}
    QLabel#tileSub {{ font-size: {int(f * 1.0)}px; color: #e3f2fd; }}
    QPushButton#primary {{ background: #1565c0; color: #ffffff; border: 3px solid #1565c0; }}
    QPushButton#primary:pressed {{ background: #0d47a1; border-color: #0d47a1; }}
    QPushButton#primary:disabled {{ background: #c5ced8; border-color: #c5ced8; color: #33404d; }}
    QPushButton#headerButton {{
        background: transparent; color: #ffffff; border: 3px solid #ffffff; font-size: {f}px;
    }}
    QPushButton#corner {{ background: transparent; border: none; min-width: 0; min-height: 0; }}
    QPushButton#key {{ font-size: {int(f * 1.3)}px; }}
    QLineEdit {{
        min-height: {field_min}px; font-size: {int(f * 1.3)}px; padding: 0 {f // 2}px;
        border: 3px solid #1565c0; border-radius: {f // 3}px; background: #ffffff;
    }}
    QListWidget {{ font-size: {f}px; border: 2px solid #c5d3e3; background: #ffffff; }}
    QListWidget::item {{ min-height: {target_px}px; padding: {f // 3}px; border-bottom: 1px solid #dde5ee; }}
    QListWidget::item:selected {{ background: #bbdefb; color: #0d47a1; }}
    QScrollBar:vertical {{
        width: {max(24, target_px // 2)}px; background: #dde5ee; border: none; border-radius: 6px; margin: 0;
    }}
    QScrollBar::handle:vertical {{ background: #1565c0; min-height: {target_px}px; border-radius: 6px; }}
    QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
    QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
    QScrollArea {{ border: none; background: transparent; }}
    QWidget#scrollInner {{ background: transparent; }}
    QPushButton#primary {{ min-width: {target_px * 3}px; }}
    QPushButton#level1, QPushButton#level2, QPushButton#level3, QPushButton#level4, QPushButton#level5 {{
        min-height: {int(target_px * 1.5)}px; min-width: {target_px}px;
    }}
    QLabel#levelText {{ font-size: {int(f * 1.35)}px; font-weight: bold; }}
    """


class LevelButton(QPushButton):
    """One of the five levels: coloured, its words wrapped inside (long in English)."""

    def __init__(self, level: int):
        super().__init__(objectName=f"level{level}", checkable=True)
        self.colour = LEVEL_COLOURS[level]
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.set_row_height(None)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        self.label = QLabel(objectName="levelText", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        lay.addWidget(self.label)
        self.toggled.connect(self._look)
        self._look(False)

    def set_row_height(self, px: int | None) -> None:
        """A full-width row `px` tall (portrait), or the window's column height (None)."""
        row = f"min-height: {px}px;" if px else ""
        self.setStyleSheet(f"QPushButton {{ border: 4px solid {self.colour}; {row} }}"
                           f"QPushButton:checked {{ background: {self.colour}; }}")

    def setText(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleName(text)

    def text(self) -> str:
        return self.label.text()

    def _look(self, checked: bool) -> None:
        self.label.setStyleSheet(f"color: {'#ffffff' if checked else self.colour};")


class RatingPanel(CitizenLanguage, QWidget):
    """Five levels (非常满意 … 非常不满意); a bad one asks for a reason; then thanks.

    `set_receipt(number, proof=…)` starts a rating of that receipt's visit; `rated` carries the
    stored rating's id. At the kiosk the rating is stored with the proof the citizen gave (the
    query code or the ID's last four, checked again by `kiosk.rate_visit`); on the clerk's pad
    (`source="pad"`) the clerk who opened it is the proof (`principal`), no code is asked.
    """

    rated = Signal(int)

    def __init__(self, ctx, lang: str = "zh_CN", *, source: str = "kiosk", principal=None,
                 parent: QWidget | None = None, tasks: TaskRunner | None = None):
        super().__init__(parent)
        self.ctx, self.lang, self.source, self.principal = ctx, lang, source, principal
        # the window's runner (the kiosk's, the pad's), else its own: the rating is stored off the GUI thread
        self.tasks = tasks if tasks is not None else TaskRunner(self)
        self.receipt_number: str | None = None
        self.proof: str | None = None
        self.level: int | None = None
        self._build()
        self.retranslate(lang)

    # -- layout
    def _build(self) -> None:
        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        ask = QWidget()
        lay = QVBoxLayout(ask)
        lay.setSpacing(18)
        self.question = QLabel(objectName="title", alignment=Qt.AlignmentFlag.AlignCenter)
        self.receipt_label = QLabel(objectName="muted", alignment=Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.question)
        lay.addWidget(self.receipt_label)
        levels = self.levels_box = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        levels.setSpacing(16)
        self.level_group = QButtonGroup(self)
        self.level_buttons: dict[int, LevelButton] = {}
        for level, _ in kiosk.RATING_LEVELS:
            button = LevelButton(level)
            button.clicked.connect(lambda _=False, lv=level: self.choose(lv))
            self.level_group.addButton(button, level)
            self.level_buttons[level] = button
            levels.addWidget(button, 1)
        lay.addLayout(levels, 2)

        self.reason_box = QWidget()
        reasons = QVBoxLayout(self.reason_box)
        reasons.setContentsMargins(0, 0, 0, 0)
        self.reason_prompt = QLabel(objectName="subtitle")
        reasons.addWidget(self.reason_prompt)
        # reasons are choices only: a citizen's screen has no keyboard
        self.reason_grid = QGridLayout()
        self.reason_grid.setSpacing(12)
        self.reason_buttons: list[QPushButton] = []
        for _reason in kiosk.BAD_REASONS:
            button = QPushButton(checkable=True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            self.reason_buttons.append(button)
        self._place_reasons(columns=3)
        reasons.addLayout(self.reason_grid)
        self.reason_box.hide()
        lay.addWidget(self.reason_box)

        self.error = QLabel(objectName="error", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        lay.addWidget(self.error)
        self.submit = QPushButton(objectName="primary")
        self.submit.clicked.connect(self.send)
        self.submit.hide()
        lay.addWidget(self.submit, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addStretch(1)
        self.stack.addWidget(ask)

        thanks = QWidget()
        tl = QVBoxLayout(thanks)
        tl.addStretch(1)
        self.thanks = QLabel(objectName="title", alignment=Qt.AlignmentFlag.AlignCenter)
        self.thanks_sub = QLabel(objectName="subtitle", alignment=Qt.AlignmentFlag.AlignCenter)
        self.thanks_level = QLabel(objectName="subtitle", alignment=Qt.AlignmentFlag.AlignCenter)
        for label in (self.thanks, self.thanks_level, self.thanks_sub):
            tl.addWidget(label)
        tl.addStretch(2)
        self.stack.addWidget(thanks)

    def _place_reasons(self, columns: int) -> None:
        for i, button in enumerate(self.reason_buttons):
            self.reason_grid.addWidget(button, i // columns, i % columns)

    def set_portrait(self, portrait: bool) -> None:
        """Portrait: the levels as full-width rows, one reason per row."""
        self.levels_box.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                                     else QBoxLayout.Direction.LeftToRight)
        for button in self.level_buttons.values():
            button.set_row_height(touch_px(self) if portrait else None)
        self._place_reasons(columns=1 if portrait else 3)

    # -- language
    def citizen_lang(self) -> str:
        # inside the kiosk or the pad window: that window's language; alone: its own
        return getattr(self.window(), "lang", None) or self.lang

    def retranslate(self, lang: str | None = None) -> None:
        if lang is not None:
            self.lang = lang
        lang = self.lang = self.citizen_lang()
        self.question.setText(self.tr("您对本次服务满意吗？"))
        colon = ": " if lang == "en" else "："
        number = self.tr("回执号")
        self.receipt_label.setText(f"{number}{colon}{self.receipt_number}" if self.receipt_number else "")
        for level, text in kiosk.RATING_LEVELS:  # the levels and reasons are stored data, bilingual
            self.level_buttons[level].setText(text(lang))
        self.reason_prompt.setText(self.tr("请选择不满意的原因（可多选）"))
        for button, reason in zip(self.reason_buttons, kiosk.BAD_REASONS, strict=True):
            button.setText(reason(lang))
        self.submit.setText(self.tr("提交评价"))
        self.thanks.setText(self.tr("感谢您的评价！"))
        self.thanks_sub.setText(self.tr("您的意见将帮助我们改进服务"))
        if self.level is not None:
            self.thanks_level.setText(kiosk.level_text(self.level)(lang))
        if self._error is not None:
            self.error.setText(self._error.text(lang))

    _error: kiosk.KioskError | None = None

    # -- state
    def set_receipt(self, number: str | None, *, proof: str | None = None) -> None:
        self.reset()
        self.receipt_number, self.proof = number, proof
        self.retranslate(self.lang)

    def reset(self) -> None:
        self.receipt_number, self.proof, self.level, self._error = None, None, None, None
        self.level_group.setExclusive(False)
        for button in self.level_buttons.values():
            button.setChecked(False)
        self.level_group.setExclusive(True)
        for button in self.reason_buttons:
            button.setChecked(False)
        self.reason_box.hide()
        self.submit.hide()
        self.error.clear()
        self.thanks_level.clear()
        self.stack.setCurrentIndex(0)
        self.retranslate(self.lang)

    def choose(self, level: int) -> None:
        self.level = level
        self.level_buttons[level].setChecked(True)
        self._show_error(None)
        if level in kiosk.BAD_LEVELS:
            self.reason_box.show()
            self.submit.show()
            return
        self.reason_box.hide()
        self.submit.hide()
        self.send()  # a good rating is one tap

    def reason(self) -> str:
        # stored in Chinese whatever the citizen's language: the manager's report reads one language
        return "；".join(reason.zh_CN for button, reason in zip(self.reason_buttons, kiosk.BAD_REASONS, strict=True)
                        if button.isChecked())

    def send(self) -> None:
        if self.level is None or not self.receipt_number:
            return
        ctx, number, level, proof = self.ctx, self.receipt_number, self.level, self.proof
        reason = self.reason() if level in kiosk.BAD_LEVELS else None
        principal, source = self.principal, self.source

        def store() -> int:
            return kiosk.rate_visit(ctx, number, level, reason, proof=proof, principal=principal, source=source)

        self.tasks.run(store, done=self._stored, failed=self._failed,
                       busy=[self.submit, *self.level_buttons.values(), *self.reason_buttons], name="rate")

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, kiosk.KioskError):
            self._show_error(exc)
        else:  # the database is away: said in one line, logged, never a traceback
            log.warning("storing a rating failed: %r", exc)
            self._show_error(kiosk.KioskError("系统繁忙，请稍后再试", "The system is busy, please try again"))

    def _stored(self, rating_id: int) -> None:
        self.thanks_level.setText(kiosk.level_text(self.level)(self.lang))
        self.stack.setCurrentIndex(1)
        self.rated.emit(rating_id)

    def _show_error(self, exc: kiosk.KioskError | None) -> None:
        self._error = exc
        self.error.setText(exc.text(self.lang) if exc else "")

    @property
    def thanked(self) -> bool:
        return self.stack.currentIndex() == 1


class RatingPadWindow(CitizenLanguage, QWidget):
    """The rating screen for the citizen at the counter, on the customer-facing monitor.

    Closes itself `close_after_ms` after the thanks (default 6 s), or when the clerk closes it.
    """

    rated = Signal(int)

    def __init__(self, ctx, receipt_number: str, *, lang: str = "zh_CN", close_after_ms: int = 6000,
                 parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("RatingPadWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.close_after_ms = close_after_ms
        self.lang = lang
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.lang_button = QPushButton(objectName="headerButton")
        self.lang_button.setStyleSheet("QPushButton { color: #0d47a1; border-color: #0d47a1; }")
        self.lang_button.clicked.connect(self.toggle_language)
        bar.addWidget(self.lang_button)
        lay.addLayout(bar)
        self.tasks = TaskRunner(self)  # the rating is stored in the background, as at the kiosk
        # the clerk logged in when the pad was opened vouches for the rating: no code asked
        self.panel = RatingPanel(ctx, lang, source="pad", principal=ctx.principal, parent=self, tasks=self.tasks)
        self.panel.set_receipt(receipt_number)
        self.panel.rated.connect(self._rated)
        lay.addWidget(self.panel, 1)
        self.retranslate()
        self._restyle()

    def toggle_language(self) -> None:
        self.lang = "en" if self.lang == "zh_CN" else "zh_CN"
        announce_language_change(self)  # this window and the panel retranslate

    def citizen_lang(self) -> str:
        return self.lang

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("服务评价"))
        self.lang_button.setText("English" if self.lang == "zh_CN" else "中文")  # each in its own words

    def _rated(self, rating_id: int) -> None:
        self.rated.emit(rating_id)
        if self.close_after_ms >= 0:
            QTimer.singleShot(self.close_after_ms, self.close)

    def _restyle(self) -> None:
        self.setStyleSheet(touch_style(base_font_px(self), touch_px(self)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._restyle()

    def show_on_customer_screen(self, screens: Callable[[], list] | None = None) -> bool:
        """Full screen on the second monitor if there is one (True), else a window here."""
        found = (screens or QGuiApplication.screens)()
        if len(found) > 1:
            target = found[1]
            self.setScreen(target)
            self.setGeometry(target.geometry())
            self.showFullScreen()
            return True
        self.resize(1024, 720)
        self.show()
        return False
