"""Voice calls in the hall: a chime, then "请 A 零 一 二 号 到 3 号窗口" twice, one call after another.

The hall has no internet, so only engines that speak on the machine itself are used: espeak-ng
run directly (Linux: it reports its Mandarin voices as `cmn`/`cmn-latn-pinyin`, so the choice is
exact), then Qt's offline engines (speech-dispatcher, SAPI, WinRT, macOS). The voice is chosen by
what the engine reports (language code, else the voice's name: espeak's Mandarin voices reach Qt
as the C locale). Announcements wait in a queue: a new call never cuts off the one being spoken.
Without an engine, or without a Mandarin voice, each call is a chime and a log line, and
`warning` says so (the display shows it on its status line, `--self-test` prints it): a wrong
voice reads every character as "Chinese letter", which is worse than a chime.
"""
from __future__ import annotations

import logging
import math
import shutil
import struct
import subprocess
import tempfile
import wave
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

# Qt engines in order of preference; all speak locally. Anything not listed (a cloud plugin) is ignored.
OFFLINE_ENGINES = ("speechd", "flite", "sapi", "winrt", "macos", "darwin")
ESPEAK = "espeak-ng"
AUTO = "auto"
CHINESE_DIGITS = "零一二三四五六七八九"
# language codes of Mandarin voices, as engines report them (espeak-ng: cmn; SAPI/WinRT: zh-CN ...)
MANDARIN_CODES = ("cmn", "zh", "zh-cn", "zh-hans", "zh-hans-cn", "zh-cmn", "zh-sg", "zh-tw", "zh-hant-tw")
NOT_MANDARIN_CODES = ("yue", "zh-yue", "zh-hk", "zh-hant-hk", "zh-mo", "hak", "zh-hak", "nan", "zh-min-nan")
NOT_MANDARIN_NAMES = ("cantonese", "hakka", "jyutping", "粤", "粵", "客家")


def spoken_code(code: str) -> str:
    """"A012" -> "A 零 一 二": letter by letter, digit by digit (a voice reads "012" as 零十二)."""
    return " ".join(CHINESE_DIGITS[int(ch)] if ch.isdigit() else ch.upper() for ch in code if not ch.isspace())


def announcement_text(code: str, window_number: int) -> str:
    return f"请 {spoken_code(code)} 号 到 {window_number} 号窗口"


def choose_engine(available: list[str], preferred: tuple[str, ...] = OFFLINE_ENGINES) -> str | None:
    for name in preferred:
        if name in available:
            return name
    return None


@dataclass(frozen=True)
class Voice:
    """A voice as the engine reports it; `language` is the engine's own code ("" when unknown)."""

    name: str
    language: str = ""
    handle: object = field(default=None, compare=False, repr=False)

    @property
    def locale(self) -> str:
        """zh_CN for a Mandarin voice, else the language code as a locale name."""
        return "zh_CN" if mandarin_rank(self) else self.language.replace("-", "_")

    def describe(self) -> str:
        return f"{self.name} ({self.language or '?'})"


def mandarin_rank(voice: Voice) -> int:
    """0: not Mandarin; higher is better. espeak-ng's pinyin voice reads Hanzi best (Debian 12's
    plain `cmn` voice reads 请/零/号 through English rules)."""
    code = voice.language.lower().replace("_", "-")
    name = voice.name.lower()
    if code.split("-latn")[0] in NOT_MANDARIN_CODES or any(word in name for word in NOT_MANDARIN_NAMES):
        return 0
    pinyin = "pinyin" in code or "pinyin" in name
    variant = "+" in voice.name  # speech-dispatcher lists every espeak variant ("…+Half-Life…")
    if code in MANDARIN_CODES or code.startswith(("cmn", "zh-hans", "zh-cn")):
        rank = 6
    elif "mandarin" in name or "chinese" in name or "中文" in name or "普通话" in name:
        rank = 4  # Qt maps espeak's `cmn` to the C locale: the name is all that is left
    else:
        return 0
    return rank + (2 if pinyin else 0) + (0 if variant else 1)


def choose_voice(voices: list[Voice]) -> Voice | None:
    ranked = [(mandarin_rank(v), -i, v) for i, v in enumerate(voices)]
    best = max((r for r in ranked if r[0] > 0), default=None, key=lambda r: r[:2])
    return best[2] if best else None


class SpeechEngine(QObject):
    """What the announcer needs from an engine; `finished(ok)` once after each `say`."""

    finished = Signal(bool)
    name = "?"

    def voices(self) -> list[Voice]:
        raise NotImplementedError

    def set_voice(self, voice: Voice) -> None:
        raise NotImplementedError

    def say(self, text: str) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        pass


class EspeakEngine(SpeechEngine):
    """espeak-ng as a process per utterance: the voice is named exactly, it ends when speech ends."""

    name = ESPEAK

    def __init__(self, parent: QObject | None = None, *, program: str | None = None, rate: int = 150,
                 wav: Path | None = None):
        super().__init__(parent)
        self.wav = wav  # write each utterance to this file instead of the speakers (checks, tests)
        self.program = program or shutil.which(ESPEAK)
        if not self.program:
            raise OSError("espeak-ng is not installed")
        self.rate = rate
        self._voice: Voice | None = None
        self._process: QProcess | None = None

    def voices(self) -> list[Voice]:
        out = subprocess.run([self.program, "--voices"], check=False, capture_output=True, text=True, timeout=10).stdout
        return parse_espeak_voices(out)

    def set_voice(self, voice: Voice) -> None:
        self._voice = voice

    def say(self, text: str) -> None:
        args = ["-s", str(self.rate)] + (["-v", str(self._voice.handle)] if self._voice else [])
        args += (["-w", str(self.wav)] if self.wav else []) + [text]
        process = QProcess(self)
        process.finished.connect(lambda code, _status: self._ended(process, code == 0 and not _audio_error(process)))
        process.errorOccurred.connect(
            lambda error: self._ended(process, False) if error == QProcess.ProcessError.FailedToStart else None)
        self._process = process
        process.start(self.program, args)

    def _ended(self, process: QProcess, ok: bool) -> None:
        if process is not self._process:
            return  # a stopped one
        self._process = None
        process.deleteLater()
        self.finished.emit(ok)

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.kill()
            process.waitForFinished(1000)
            process.deleteLater()


def _audio_error(process: QProcess) -> bool:
    """espeak-ng exits 0 when it cannot open the sound device; it only prints "error: …"."""
    errors = bytes(process.readAllStandardError().data()).decode(errors="replace")
    return any(line.startswith("error:") for line in errors.splitlines())


def parse_espeak_voices(listing: str) -> list[Voice]:
    """`espeak-ng --voices`: "Pty Language Age/Gender VoiceName File Other"; -v takes the Language."""
    voices = []
    for line in listing.splitlines()[1:]:
        parts = line.split()
        if len(parts) >= 4:
            voices.append(Voice(parts[3].replace("_", " "), parts[1], handle=parts[1]))
    return voices


class QtSpeechEngine(SpeechEngine):
    """QTextToSpeech (speech-dispatcher, SAPI, WinRT, macOS); its voices by name and language code."""

    def __init__(self, engine: str, parent: QObject | None = None):
        super().__init__(parent)
        from PySide6.QtTextToSpeech import QTextToSpeech

        self.name = engine
        self.speech = QTextToSpeech(engine, self)
        if self.speech.state() == QTextToSpeech.State.Error:
            raise OSError(self.speech.errorString() or f"speech engine {engine} failed")
        self._speaking = False
        self._saw_speaking = False
        self.speech.stateChanged.connect(self._on_state)

    def voices(self) -> list[Voice]:
        from PySide6.QtCore import QLocale

        seen: dict[str, Voice] = {}
        for locale in [*self.speech.availableLocales(), QLocale.c()]:
            for voice in self.speech.allVoices(locale):
                if voice.name() not in seen:
                    lang = voice.locale()
                    code = "" if lang.language() == QLocale.Language.C else lang.bcp47Name()
                    seen[voice.name()] = Voice(voice.name(), code, handle=voice)
        return list(seen.values())

    def set_voice(self, voice: Voice) -> None:
        self.speech.setVoice(voice.handle)

    def say(self, text: str) -> None:
        self._speaking, self._saw_speaking = True, False
        self.speech.say(text)

    def stop(self) -> None:
        self._speaking = False
        self.speech.stop()

    def _on_state(self, state) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if not self._speaking:
            return
        if state == QTextToSpeech.State.Speaking:
            self._saw_speaking = True
        elif state == QTextToSpeech.State.Error:
            log.warning("speech failed: %s", self.speech.errorString())
            self._speaking = False
            self.finished.emit(False)
        elif state == QTextToSpeech.State.Ready and self._saw_speaking:
            self._speaking = False
            self.finished.emit(True)


def open_engine(name: str, parent: QObject | None = None) -> SpeechEngine:
    return EspeakEngine(parent) if name == ESPEAK else QtSpeechEngine(name, parent)


def engine_candidates() -> list[str]:
    names = [ESPEAK] if shutil.which(ESPEAK) else []
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech

        available = list(QTextToSpeech.availableEngines())
    except ImportError:  # PySide6-Addons not installed
        available = []
    return names + [name for name in OFFLINE_ENGINES if name in available]


def select_engine(parent: QObject | None = None,
                  names: list[str] | None = None) -> tuple[SpeechEngine | None, Voice | None]:
    """The first engine that has a Mandarin voice; else the first that opens (no voice: a warning)."""
    fallback: SpeechEngine | None = None
    for name in engine_candidates() if names is None else names:
        try:
            engine = open_engine(name, parent)
            voice = choose_voice(engine.voices())
        except Exception as exc:
            log.warning("speech engine %s unusable: %s", name, exc)
            continue
        if voice is not None:
            if fallback is not None:
                fallback.deleteLater()
            return engine, voice
        if fallback is None:
            fallback = engine
        else:
            engine.deleteLater()
    return fallback, None


def _auto_engine_wanted() -> bool:
    # tests and headless runs: nobody listens, and a real engine would really talk
    return QGuiApplication.platformName() not in ("offscreen", "minimal")


class Chime:
    """A two-tone ding-dong before each call (a wav made once); the system beep without audio."""

    def __init__(self, parent: QObject):
        self._effect = None
        if not _auto_engine_wanted():
            return
        try:
            from PySide6.QtCore import QUrl
            from PySide6.QtMultimedia import QSoundEffect

            self._effect = QSoundEffect(parent)
            self._effect.setSource(QUrl.fromLocalFile(str(chime_wav())))
        except Exception as exc:
            log.info("no sound effect (%s): the chime is a beep", exc)
            self._effect = None

    def play(self) -> None:
        from_effect = self._effect is not None and self._effect.status() != self._effect.Status.Error
        if from_effect:
            self._effect.play()
        else:
            QApplication.beep()


def chime_wav(rate: int = 22050) -> Path:
    path = Path(tempfile.gettempdir()) / "counter-chime.wav"
    if path.exists():
        return path
    frames = bytearray()
    for freq, seconds in ((880.0, 0.35), (660.0, 0.55)):
        count = int(rate * seconds)
        for i in range(count):
            decay = math.exp(-3.0 * i / count)
            frames += struct.pack("<h", int(12000 * decay * math.sin(2 * math.pi * freq * i / rate)))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))
    return path


class Announcer(QObject):
    """Speaks queued announcements one at a time: chime, the call, a pause, the call again.

    `engine`: "auto" picks an offline engine with a Mandarin voice, None means chime only, an engine
    name ("espeak-ng", "speechd", Qt's "mock"), or a `SpeechEngine` (tests record with one).
    `started`/`finished` carry the spoken text, in queue order; `warning` is "" when all is well.
    """

    started = Signal(str)
    finished = Signal(str)
    warning_changed = Signal(str)

    def __init__(self, parent: QObject | None = None, *, engine: str | SpeechEngine | None = AUTO,
                 chime_ms: int = 1500, gap_ms: int = 700, repeat: int = 2, max_ms: int = 20000,
                 chime=None):
        super().__init__(parent)
        self._queue: deque[str] = deque()
        self._current: str | None = None
        self._steps: deque[str] = deque()
        self._speaking = False
        self._chime_ms, self._gap_ms, self._repeat = chime_ms, gap_ms, repeat
        self._speech, self.voice = self._open(engine)
        if self._speech is not None:
            self._speech.finished.connect(self._spoken)
            if self.voice is not None:
                self._speech.set_voice(self.voice)
        self.warning = self._base_warning = self._warning_text()
        if self.warning:
            log.warning("voice: %s", self.warning)
        self._chime = chime if chime is not None else Chime(self)  # anything with play()
        # a stuck engine must not silence the hall for the rest of the day
        self._watchdog = QTimer(self, singleShot=True, interval=max_ms)
        self._watchdog.timeout.connect(self._stuck)
        self._step_timer = QTimer(self, singleShot=True)
        self._step_timer.timeout.connect(self._advance)

    def _open(self, engine) -> tuple[SpeechEngine | None, Voice | None]:
        if isinstance(engine, SpeechEngine):
            engine.setParent(self)
            return engine, choose_voice(engine.voices())
        if engine == AUTO:
            return select_engine(self) if _auto_engine_wanted() else (None, None)
        if engine is None:
            return None, None
        return select_engine(self, [engine])

    def _warning_text(self) -> str:
        if self._speech is None:
            return self.tr("没有语音引擎，叫号只有提示音 · No speech engine: calls are a chime only")
        if self.voice is None:
            return self.tr("语音引擎 %1 没有中文（普通话）语音，叫号只有提示音 · "
                           "Speech engine %1 has no Mandarin voice: calls are a chime only").replace(
                               "%1", self._speech.name)
        return ""

    @property
    def engine(self) -> str | None:
        return None if self._speech is None else self._speech.name

    @property
    def speaks(self) -> bool:
        return self._speech is not None and self.voice is not None

    def describe(self) -> str:
        """One line for --self-test and the log."""
        if not self.speaks:
            return self.warning
        return f"{self.engine}: {self.voice.describe()} → {self.voice.locale}"

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

    def _next(self) -> None:
        if not self._queue:
            self._current = None
            return
        self._current = self._queue.popleft()
        self.started.emit(self._current)
        log.info("announce: %s", self._current)
        self._steps = deque(["chime"])
        if self.speaks:
            for i in range(self._repeat):
                self._steps.extend(["gap", "say"] if i else ["say"])
        self._advance()

    def _advance(self) -> None:
        if self._current is None:
            return
        if not self._steps:
            self._done()
            return
        step = self._steps.popleft()
        if step == "chime":
            self._chime.play()
            self._step_timer.start(self._chime_ms)
        elif step == "gap":
            self._step_timer.start(self._gap_ms)
        else:
            self._speaking = True
            self._watchdog.start()
            self._speech.say(self._current)

    def _spoken(self, ok: bool) -> None:
        if not self._speaking:
            return  # after the watchdog gave up on it
        self._speaking = False
        self._watchdog.stop()
        if not ok:
            log.warning("speech failed: %s", self._current)
            QApplication.beep()
            self._set_warning(self.tr("语音播报失败（%1），请检查音箱和语音引擎 · Speaking failed (%1): "
                                      "check the speakers and the speech engine").replace("%1", self.engine or ""))
        else:
            self._set_warning(self._base_warning)  # it speaks again
        QTimer.singleShot(0, self, self._advance)  # from the event loop: the engine's slot has returned

    def _set_warning(self, text: str) -> None:
        if text != self.warning:
            self.warning = text
            self.warning_changed.emit(text)

    def _stuck(self) -> None:
        log.warning("speech engine stuck: %s", self._current)
        self._speaking = False
        self._speech.stop()
        self._advance()

    def _done(self) -> None:
        self._watchdog.stop()
        self._step_timer.stop()
        text, self._current = self._current, None
        self.finished.emit(text)
        # next one from the event loop: a slot reacting to `finished` sees a consistent state
        QTimer.singleShot(0, self, self._next_if_idle)

    def _next_if_idle(self) -> None:
        if self._current is None:
            self._next()
