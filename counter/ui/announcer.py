"""Voice calls in the hall: "请 A012 号 到 3 号窗口", one after another, offline only.

The hall has no internet, so only engines that speak on the machine itself are ever chosen
(speech-dispatcher, flite, SAPI, WinRT, macOS). Announcements wait in a queue: a new call never
cuts off the one being spoken (a citizen who misses half a call misses the call). Without an
engine (or on the offscreen test platform) each announcement is a chime and a log line.
"""
from __future__ import annotations

import logging
from collections import deque

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

# in order of preference; all speak locally. Anything not listed (a future cloud plugin) is ignored.
OFFLINE_ENGINES = ("speechd", "flite", "sapi", "winrt", "macos", "darwin")
AUTO = "auto"


def announcement_text(code: str, window_number: int) -> str:
    return f"请 {code} 号 到 {window_number} 号窗口"


def choose_engine(available: list[str], preferred: tuple[str, ...] = OFFLINE_ENGINES) -> str | None:
    for name in preferred:
        if name in available:
            return name
    return None


def _auto_engine() -> str | None:
    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return None  # tests and headless runs: nobody listens, and speechd would really talk
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:  # PySide6-Addons not installed: chime only
        return None
    return choose_engine(list(QTextToSpeech.availableEngines()))


class Announcer(QObject):
    """Speaks queued announcements one at a time.

    `engine`: "auto" picks an offline engine, None means chime only, or an explicit engine name
    (tests pass Qt's "mock" engine). `started`/`finished` carry the text, in queue order.
    """

    started = Signal(str)
    finished = Signal(str)

    def __init__(self, parent: QObject | None = None, *, engine: str | None = AUTO,
                 chime_ms: int = 1500, max_ms: int = 20000):
        super().__init__(parent)
        self._queue: deque[str] = deque()
        self._current: str | None = None
        self._saw_speaking = False
        self._chime_ms = chime_ms
        self._speech = self._make_speech(_auto_engine() if engine == AUTO else engine)
        # a stuck engine must not silence the hall for the rest of the day
        self._watchdog = QTimer(self, singleShot=True, interval=max_ms)
        self._watchdog.timeout.connect(self._done)
        self._chime_timer = QTimer(self, singleShot=True, interval=chime_ms)
        self._chime_timer.timeout.connect(self._done)

    @property
    def engine(self) -> str | None:
        return None if self._speech is None else self._speech.engine()

    @property
    def busy(self) -> bool:
        return self._current is not None

    def pending(self) -> list[str]:
        return list(self._queue)

    def announce_call(self, code: str, window_number: int) -> None:
        self.say(announcement_text(code, window_number))

    def say(self, text: str) -> None:
        self._queue.append(text)
        if self._current is None:
            self._next()

    def _make_speech(self, engine: str | None):
        if engine is None:
            log.info("no offline speech engine: announcements are a chime and a log line")
            return None
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech

            speech = QTextToSpeech(engine, self)
        except Exception as exc:  # noqa: BLE001 - a broken engine means chime, never a crash
            log.warning("speech engine %s unusable (%s): chime only", engine, exc)
            return None
        if speech.state() == QTextToSpeech.State.Error:
            log.warning("speech engine %s: %s; chime only", engine, speech.errorString())
            return None
        self._prefer_chinese(speech)
        speech.stateChanged.connect(self._on_state)
        return speech

    @staticmethod
    def _prefer_chinese(speech) -> None:
        for loc in speech.availableLocales():
            if loc.name().startswith("zh"):
                speech.setLocale(loc)
                return

    def _next(self) -> None:
        if not self._queue:
            self._current = None
            return
        self._current = self._queue.popleft()
        self.started.emit(self._current)
        log.info("announce: %s", self._current)
        if self._speech is None:
            QApplication.beep()
            self._chime_timer.start()
            return
        self._saw_speaking = False
        self._watchdog.start()
        self._speech.say(self._current)

    def _on_state(self, state) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self._current is None:
            return
        if state == QTextToSpeech.State.Speaking:
            self._saw_speaking = True
        elif state == QTextToSpeech.State.Error:
            log.warning("speech failed (%s): %s", self._speech.errorString(), self._current)
            QApplication.beep()
            self._done()
        elif state == QTextToSpeech.State.Ready and self._saw_speaking:
            self._done()

    def _done(self) -> None:
        if self._current is None:
            return
        self._watchdog.stop()
        self._chime_timer.stop()
        text, self._current = self._current, None
        self.finished.emit(text)
        # next one from the event loop: a slot reacting to `finished` sees a consistent state
        QTimer.singleShot(0, self._next_if_idle)

    def _next_if_idle(self) -> None:
        if self._current is None:
            self._next()
