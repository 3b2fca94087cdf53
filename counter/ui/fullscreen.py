"""Full screen that holds without a window manager's help (kiosk images often run none).

`showFullScreen()` only asks the window manager; a minimal one (or none) leaves the window at its
size (a frameless kiosk stayed 595×465). `ScreenFiller` then sets the window's geometry to its
screen's geometry itself, again when the screen changes or its size changes, and when something
moves or resizes the window off it. The window's layout stops imposing a minimum size, so a window
whose type was sized for a larger screen can still shrink to a smaller one.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QRect, QTimer
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QLayout, QWidget

log = logging.getLogger(__name__)

MAX_TRIES = 5  # a window manager that keeps undoing our geometry wins after this many tries


class ScreenFiller(QObject):
    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window
        self._tries = 0
        self._screen: QScreen | None = None
        self._pending = False
        window.installEventFilter(self)

    def start(self) -> None:
        free_minimum(self.window)
        handle = self.window.windowHandle()
        if handle is not None:
            handle.screenChanged.connect(self._screen_changed)
        self._screen_changed(self.window.screen())

    def target(self) -> QRect:
        return self.window.screen().geometry()

    def fills(self) -> bool:
        target = self.target()
        return self.window.geometry() == target and self.window.frameGeometry() == target

    def apply(self) -> None:
        self._pending = False
        if not self.window.isVisible() or self.fills():
            self._tries = 0
            return
        if self._tries >= MAX_TRIES:
            return
        self._tries += 1
        target = self.target()
        log.info("window manager left %s at %s: taking the screen %s", type(self.window).__name__,
                 self.window.frameGeometry().getRect(), target.getRect())
        self.window.setMinimumSize(0, 0)
        self.window.setGeometry(target)

    def _later(self) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.apply)

    def _screen_changed(self, screen: QScreen | None) -> None:
        if self._screen is not None:
            self._screen.geometryChanged.disconnect(self._geometry_changed)
        self._screen = screen
        if screen is not None:
            screen.geometryChanged.connect(self._geometry_changed)
        self._geometry_changed()

    def _geometry_changed(self, *_args) -> None:
        self._tries = 0
        self.apply()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.window and event.type() in (QEvent.Type.Resize, QEvent.Type.Move,
                                                   QEvent.Type.WindowStateChange, QEvent.Type.Show):
            self._later()
        return False


def free_minimum(window: QWidget) -> None:
    """The layout no longer sets the window's minimum size (its type shrinks on resize instead)."""
    layout = window.layout()
    if layout is not None:
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    window.setMinimumSize(0, 0)


def fill_screen(window: QWidget) -> ScreenFiller:
    """After `showFullScreen()`: keep `window` on its whole screen (idempotent)."""
    filler = getattr(window, "_screen_filler", None)
    if filler is None:
        filler = ScreenFiller(window)
        window._screen_filler = filler
        filler.start()
    else:
        filler.apply()
    return filler
