"""`--self-test` reports each peripheral: printer, voice (engine and language), screen."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from counter.ui import announcer, self_test

ROOT = Path(__file__).resolve().parent.parent


def test_self_test_prints_a_line_for_each_peripheral():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--self-test"], check=False, capture_output=True,
                          text=True, env=env, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for name in ("printer", "voice", "screen"):
        assert any(re.match(rf"(ok  |WARN)  {name}: \S", line) for line in lines), (name, done.stdout)
    screen = next(line for line in lines if " screen: " in line)
    assert re.search(r"\d+×\d+ at \(\d+,\d+\)", screen) and "[offscreen]" in screen
    voice = next(line for line in lines if " voice: " in line)
    if shutil.which("espeak-ng"):  # tools/system-deps.sh installs it
        assert voice.startswith("ok") and "espeak-ng" in voice and "cmn" in voice and "zh_CN" in voice
    summary = lines[-1]
    assert summary.startswith("self-test: all passed")
    if any(line.startswith("WARN") for line in lines):
        assert "warnings:" in summary


@pytest.mark.parametrize(("engines", "expected"), [
    ([], "no speech engine"),
    (["mock"], "no Mandarin voice"),  # Qt's mock engine speaks English, Norwegian and Finnish only
])
def test_a_missing_or_foreign_voice_is_a_warning(qapp, monkeypatch, engines, expected):
    if engines == ["mock"]:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if "mock" not in QTextToSpeech.availableEngines():
            pytest.skip("Qt's mock speech engine is not installed")
    monkeypatch.setattr(announcer, "engine_candidates", lambda: list(engines))
    [(ok, text)] = self_test.report_voice()
    assert not ok and expected in text


def test_screens_are_reported_with_their_geometry(qapp):
    lines = self_test.report_screens()
    assert lines and all(ok and "×" in text for ok, text in lines)
