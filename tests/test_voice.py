"""The hall voice: what the announcer sends to its engine, the Mandarin voice choice, and a real
wav written with the chosen espeak-ng voice (skipped without espeak-ng, failing under CI=true)."""
from __future__ import annotations

import math
import shutil
import struct
import subprocess
import wave
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from counter.ui.announcer import (
    Announcer,
    EspeakEngine,
    SpeechEngine,
    Voice,
    announcement_text,
    choose_voice,
    parse_espeak_voices,
    select_engine,
    spoken_code,
)
from counter.ui.display_window import DisplayWindow
from tests.conftest import in_ci

ESPEAK_LISTING = """Pty Language       Age/Gender VoiceName          File                 Other Languages
 5  af              --/M      Afrikaans          gmw/af
 5  cmn             --/M      Chinese_(Mandarin,_latin_as_English) sit/cmn              (zh-cmn 5)(zh 5)
 5  cmn-latn-pinyin --/M      Chinese_(Mandarin,_latin_as_Pinyin) sit/cmn-Latn-pinyin  (zh-cmn 5)(zh 5)
 5  en-us           --/M      English_(America)  gmw/en-US            (en 3)
 5  yue             --/M      Chinese_(Cantonese) sit/yue              (zh-yue 5)(zh 8)
"""


class RecordingEngine(SpeechEngine):
    """An engine behind the announcer's own interface that records each utterance and ends it
    a few milliseconds later; it fails the test if a second one starts before the first ended."""

    name = "recorder"

    def __init__(self, voices: list[Voice], log: list[tuple], speak_ms: int = 5):
        super().__init__()
        self._voices = voices
        self.log = log
        self.voice: Voice | None = None
        self.speaking = False
        self.overlaps = 0
        self._speak_ms = speak_ms

    def voices(self) -> list[Voice]:
        return self._voices

    def set_voice(self, voice: Voice) -> None:
        self.voice = voice

    def say(self, text: str) -> None:
        if self.speaking:
            self.overlaps += 1
        self.speaking = True
        self.log.append(("say", text, self.voice.name, self.voice.language, self.voice.locale))
        QTimer.singleShot(self._speak_ms, self._end)

    def _end(self) -> None:
        self.speaking = False
        self.finished.emit(True)


class RecordingChime:
    def __init__(self, log: list[tuple]):
        self.log = log

    def play(self) -> None:
        self.log.append(("chime",))


ESPEAK_VOICES = parse_espeak_voices(ESPEAK_LISTING)


def test_ticket_codes_are_read_letter_by_letter_in_chinese_digits():
    assert spoken_code("A012") == "A 零 一 二"
    assert spoken_code("v100") == "V 一 零 零"
    assert announcement_text("A012", 3) == "请 A 零 一 二 号 到 3 号窗口"


def test_espeak_voice_list_is_parsed_with_its_language_codes():
    assert [(v.name, v.language) for v in ESPEAK_VOICES][:3] == [
        ("Afrikaans", "af"), ("Chinese (Mandarin, latin as English)", "cmn"),
        ("Chinese (Mandarin, latin as Pinyin)", "cmn-latn-pinyin")]


@pytest.mark.parametrize(("voices", "chosen"), [
    # espeak-ng itself: the pinyin voice reads Hanzi through its dictionary; never Cantonese
    (ESPEAK_VOICES, "Chinese (Mandarin, latin as Pinyin)"),
    # speech-dispatcher through Qt: `cmn` became the C locale, only the name says Mandarin
    ([Voice("Chinese (Cantonese)", ""), Voice("Chinese (Mandarin, latin as Pinyin)+Adam", ""),
      Voice("Chinese (Mandarin, latin as English)", ""), Voice("Chinese (Mandarin, latin as Pinyin)", ""),
      Voice("English (America)", "en-US")], "Chinese (Mandarin, latin as Pinyin)"),
    # Windows SAPI / WinRT
    ([Voice("Microsoft Zira Desktop", "en-US"), Voice("Microsoft Huihui Desktop", "zh-CN"),
      Voice("Microsoft Tracy", "zh-HK")], "Microsoft Huihui Desktop"),
    ([Voice("Chinese (Cantonese)", "yue"), Voice("English (America)", "en-US"), Voice("Hakka Chinese", "hak")], None),
    ([], None),
])
def test_the_mandarin_voice_is_chosen_by_code_or_name(voices, chosen):
    voice = choose_voice(voices)
    assert (voice.name if voice else None) == chosen
    if voice:
        assert voice.locale == "zh_CN"


def test_announcer_sends_each_call_twice_after_a_chime_one_call_at_a_time(qtbot):
    log: list[tuple] = []
    engine = RecordingEngine(ESPEAK_VOICES, log)
    announcer = Announcer(engine=engine, chime=RecordingChime(log), chime_ms=5, gap_ms=5)
    assert announcer.warning == "" and announcer.speaks
    finished: list[str] = []
    announcer.finished.connect(finished.append)
    announcer.announce_call("A012", 3)
    announcer.announce_call("B007", 12)  # while the first is still being spoken
    qtbot.waitUntil(lambda: len(finished) == 2, timeout=5000)
    first, second = "请 A 零 一 二 号 到 3 号窗口", "请 B 零 零 七 号 到 12 号窗口"
    voice = ("Chinese (Mandarin, latin as Pinyin)", "cmn-latn-pinyin", "zh_CN")
    assert log == [("chime",), ("say", first, *voice), ("say", first, *voice),
                   ("chime",), ("say", second, *voice), ("say", second, *voice)]
    assert engine.overlaps == 0
    assert finished == [first, second]


def test_a_voice_that_is_not_chinese_is_a_warning_and_only_a_chime(qtbot, ctx):
    log: list[tuple] = []
    engine = RecordingEngine([Voice("English (America)", "en-US"), Voice("Chinese (Cantonese)", "yue")], log)
    announcer = Announcer(engine=engine, chime=RecordingChime(log), chime_ms=5)
    assert not announcer.speaks
    assert "Mandarin" in announcer.warning and "recorder" in announcer.warning
    with qtbot.waitSignal(announcer.finished, timeout=3000):
        announcer.announce_call("A001", 1)
    assert log == [("chime",)]  # nothing garbled is read out

    display = DisplayWindow(ctx, announcer=announcer)
    display.refresh()  # the window's own first read runs in the background
    qtbot.addWidget(display)
    display.resize(1280, 720)
    display.show()
    assert display.status_warning.isVisible()
    assert display.status_warning.text() == announcer.warning
    assert not display.hint_label.isVisible()  # the warning takes the hint's line: it still fits
    assert display.minimumSizeHint().height() <= 720 and display.minimumSizeHint().width() <= 1280


def test_no_engine_is_a_warning_too(qtbot, ctx):
    announcer = Announcer(engine=None, chime=RecordingChime([]), chime_ms=5)
    assert announcer.engine is None and "No speech engine" in announcer.warning
    display = DisplayWindow(ctx, announcer=announcer)
    display.refresh()  # the window's own first read runs in the background
    qtbot.addWidget(display)
    display.show()
    assert display.status_warning.isVisible() and "语音" in display.status_warning.text()


def test_a_mandarin_voice_leaves_the_status_line_empty_until_speaking_fails(qtbot, ctx):
    class FailingEngine(RecordingEngine):
        def _end(self) -> None:
            self.speaking = False
            self.finished.emit(False)

    engine = FailingEngine(ESPEAK_VOICES, [])
    announcer = Announcer(engine=engine, chime=RecordingChime([]), chime_ms=5, gap_ms=5)
    display = DisplayWindow(ctx, announcer=announcer)
    display.refresh()  # the window's own first read runs in the background
    qtbot.addWidget(display)
    display.show()
    assert not display.status_warning.isVisible()
    with qtbot.waitSignal(announcer.finished, timeout=3000):
        announcer.announce_call("A001", 1)
    assert display.status_warning.isVisible() and "Speaking failed" in display.status_warning.text()


def _need(program: str) -> str:
    path = shutil.which(program)
    if path is None:
        if in_ci():
            pytest.fail(f"{program} is not installed (tools/system-deps.sh test)")
        pytest.skip(f"{program} is not installed")
    return path


def _wav_stats(path: Path) -> tuple[float, float]:
    """(seconds, RMS amplitude 0..1) of a 16-bit mono wav."""
    with wave.open(str(path)) as wav:
        assert wav.getsampwidth() == 2 and wav.getnchannels() == 1
        frames = wav.readframes(wav.getnframes())
        seconds = wav.getnframes() / wav.getframerate()
    samples = struct.unpack(f"<{len(frames) // 2}h", frames)
    return seconds, math.sqrt(sum(s * s for s in samples) / max(len(samples), 1)) / 32768


def test_the_chosen_espeak_voice_speaks_mandarin_into_a_wav(qtbot, tmp_path):
    espeak = _need("espeak-ng")
    engine, voice = select_engine(None, ["espeak-ng"])
    assert engine is not None and voice is not None, "espeak-ng lists no Mandarin voice"
    assert voice.language.startswith("cmn") and voice.locale == "zh_CN"
    text = announcement_text("A012", 3)
    # phonemes: every syllable through the Mandarin rules with its tone (the English fallback
    # reads 请 as "Chinese letter" and marks it "(en)")
    phonemes = subprocess.run([espeak, "-v", str(voice.handle), "-q", "-x", text], check=False,
                              capture_output=True, text=True, timeout=30).stdout
    assert "(en)" not in phonemes
    for syllable in ("tS;h'i21N", "l'i35N", "j'i55", "'@r51", "ts.hw'A55N"):  # 请 零 一 二 窗
        assert syllable in phonemes, phonemes
    # the real engine, through the announcer, into a file instead of the speakers
    out = tmp_path / "call.wav"
    announcer = Announcer(engine=EspeakEngine(wav=out), chime=RecordingChime([]), chime_ms=5, gap_ms=5, repeat=1)
    assert announcer.speaks and announcer.voice == voice and announcer.warning == ""
    with qtbot.waitSignal(announcer.finished, timeout=30000):
        announcer.announce_call("A012", 3)
    assert announcer.warning == ""  # espeak-ng exited 0
    seconds, rms = _wav_stats(out)
    assert 1.5 < seconds < 8, seconds  # 11 syllables; the English fallback took ~7 s
    assert rms > 0.02, rms  # not silence
    if shutil.which("sox"):  # the same figures as an administrator would check them
        stat = subprocess.run(["sox", str(out), "-n", "stat"], check=False, capture_output=True, text=True).stderr
        assert float(stat.split("RMS     amplitude:")[1].split()[0]) > 0.02


def test_espeak_without_a_sound_device_is_a_failure_not_silence(qtbot, tmp_path):
    """espeak-ng exits 0 when it cannot open the sound device and only prints "error: …" (seen on
    a machine without a sound card); a stand-in program does the same here, whatever the machine."""
    fake = tmp_path / "espeak-ng"
    fake.write_text("#!/bin/sh\n"
                    "if [ \"$1\" = --voices ]; then cat <<'EOF'\n" + ESPEAK_LISTING + "EOF\nexit 0; fi\n"
                    "echo 'error: No such file or directory' >&2\nexit 0\n")
    fake.chmod(0o755)
    announcer = Announcer(engine=EspeakEngine(program=str(fake)), chime=RecordingChime([]), chime_ms=5, gap_ms=5)
    assert announcer.speaks and announcer.warning == ""
    with qtbot.waitSignal(announcer.finished, timeout=10000):
        announcer.announce_call("A001", 1)
    assert "Speaking failed (espeak-ng)" in announcer.warning
