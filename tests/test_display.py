"""Hall display, voice announcer and the clerk's queue panel (pytest-qt, offscreen)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from counter import queueing as q
from counter.config import Config
from counter.context import AppContext
from counter.ui.announcer import Announcer, announcement_text, choose_engine
from counter.ui.display_window import DisplayWindow
from counter.ui.queue_panel import QueuePanel

MAIN = Path(__file__).resolve().parent.parent / "main.py"


@pytest.fixture
def live_ctx(db_url):
    """Real clock: another process calls with its own clock, so both must agree on today."""
    context = AppContext.open(Config(database_url=db_url))
    yield context
    context.close()


def test_display_shows_a_call_from_another_process_within_a_second(qtbot, live_ctx, db_url):
    q.issue_ticket(live_ctx, "B")
    q.issue_ticket(live_ctx, "A")
    announcer = Announcer(engine=None, chime_ms=5)
    heard: list[str] = []
    announcer.started.connect(heard.append)
    display = DisplayWindow(live_ctx, announcer=announcer)
    display.refresh()  # the window's own first read runs in the background
    qtbot.addWidget(display)
    display.resize(1280, 720)
    display.show()
    assert display.newest_code.text() == "—"
    assert display.count_labels["A"].text() == "1" and display.count_labels["B"].text() == "1"

    with live_ctx.sessions.begin() as session:  # the CLI calls only to windows that exist
        q.window_row(session, live_ctx, 4)
    done = subprocess.run([sys.executable, str(MAIN), "--database", db_url, "queue", "call-next",
                           "--window", "4"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    # arrives (how fast it arrives is measured in benchmarks/notify_latency.py)
    qtbot.waitUntil(lambda: display.newest_code.text() == "B001", timeout=5000)
    assert "4" in display.newest_window.text()
    assert display.count_labels["B"].text() == "0"
    qtbot.waitUntil(lambda: heard == [announcement_text("B001", 4)], timeout=1000)


def test_display_lists_earlier_calls_and_announces_in_order(qtbot, live_ctx):
    for letter in "AAB":
        q.issue_ticket(live_ctx, letter)
    q.call_next(live_ctx, 1)  # called before the display started: shown, not announced
    announcer = Announcer(engine=None, chime_ms=5)
    heard: list[str] = []
    announcer.started.connect(heard.append)
    display = DisplayWindow(live_ctx, announcer=announcer)
    display.refresh()  # the window's own first read runs in the background
    qtbot.addWidget(display)
    q.call_next(live_ctx, 2)
    q.call_next(live_ctx, 3)
    display.refresh()
    assert display.newest_code.text() == "B001"
    assert [code.text() for code, _ in display.history_rows[:2]] == ["A002", "A001"]
    qtbot.waitUntil(lambda: len(heard) == 2, timeout=1000)
    assert heard == ["请 A 零 零 二 号 到 2 号窗口", "请 B 零 零 一 号 到 3 号窗口"]


def test_the_display_reads_the_hall_off_the_gui_thread(qtbot, live_ctx, monkeypatch):
    """A slow database (here 1.5 s per read) never stops the screen: the clock keeps ticking."""
    import time

    from PySide6.QtCore import QElapsedTimer, QTimer

    import counter.ui.display_window as dw

    display = DisplayWindow(live_ctx, announcer=Announcer(engine=None, chime_ms=5))
    display.refresh()  # the window's own first read runs in the background
    qtbot.addWidget(display)
    q.issue_ticket(live_ctx, "A")
    q.call_next(live_ctx, 1)
    slow_read = dw.hall_view

    def read_slowly(ctx, version):
        time.sleep(1.5)
        return slow_read(ctx, version)

    monkeypatch.setattr(dw, "hall_view", read_slowly)
    gaps, clock = [], QElapsedTimer()
    clock.start()
    ticker = QTimer(interval=10)
    ticker.timeout.connect(lambda: (gaps.append(clock.restart())))
    ticker.start()
    display.poll()
    assert display.tasks.busy  # the read runs in the pool
    qtbot.waitUntil(lambda: display.newest_code.text() == "A001", timeout=10000)
    ticker.stop()
    assert len(gaps) > 50 and max(gaps) < 500  # the event loop turned all along (measured: ~10–30 ms)


def test_engine_choice_is_offline_only():
    assert choose_engine(["mock", "speechd"]) == "speechd"
    assert choose_engine(["mock"]) is None
    assert choose_engine(["some-cloud-tts", "flite"]) == "flite"
    assert choose_engine([]) is None


def test_no_engine_means_chime_not_error(qtbot):
    announcer = Announcer()  # offscreen: auto picks no engine
    assert announcer.engine is None
    with qtbot.waitSignal(announcer.finished, timeout=3000):
        announcer.announce_call("A012", 3)


def _speaking_announcer(engine: str | None) -> Announcer:
    if engine == "mock":
        from PySide6.QtTextToSpeech import QTextToSpeech

        if "mock" not in QTextToSpeech.availableEngines():
            pytest.skip("Qt's mock speech engine is not installed")
    return Announcer(engine=engine, chime_ms=50)


@pytest.mark.parametrize("engine", ["mock", None])
def test_announcements_queue_and_never_cut_each_other_off(qtbot, engine):
    announcer = _speaking_announcer(engine)
    assert announcer.engine == engine
    log: list[tuple[str, str]] = []
    announcer.started.connect(lambda t: log.append(("start", t)))
    announcer.finished.connect(lambda t: log.append(("end", t)))
    texts = [announcement_text(code, w) for code, w in (("A001", 1), ("B002", 2), ("V003", 3))]
    for text in texts:
        announcer.say(text)
    # the first is being spoken, the others wait their turn
    assert announcer.busy and announcer.pending() == texts[1:]
    qtbot.waitUntil(lambda: len(log) == 6, timeout=10000)
    assert log == [(kind, t) for t in texts for kind in ("start", "end")]


@pytest.fixture
def panel(qtbot, ctx):
    widget = QueuePanel(ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def _settle(qtbot, panel) -> None:
    """The panel's actions run in the background: wait until their results are shown."""
    qtbot.waitUntil(lambda: not panel.tasks.busy, timeout=10000)


def _press(qtbot, panel, key) -> None:
    qtbot.keyClick(panel, key)
    _settle(qtbot, panel)


def test_panel_f2_calls_and_f4_needs_f3(qtbot, panel, ctx, clock):
    q.issue_ticket(ctx, "A")
    clock.advance(seconds=30)
    q.issue_ticket(ctx, "C")
    panel.refresh()
    assert panel.count_labels["A"].text() == "1"
    assert not panel.recall_action.isEnabled() and not panel.no_show_action.isEnabled()

    _press(qtbot, panel, Qt.Key.Key_F2)
    assert panel.code_label.text() == "A001"
    assert panel.count_labels["A"].text() == "0"
    assert panel.recall_action.isEnabled()
    assert not panel.no_show_action.isEnabled()  # F4 only after a recall
    _press(qtbot, panel, Qt.Key.Key_F4)
    assert panel.code_label.text() == "A001"  # nothing happened

    _press(qtbot, panel, Qt.Key.Key_F3)
    assert panel.state.recalls == 1 and panel.no_show_action.isEnabled()
    _press(qtbot, panel, Qt.Key.Key_F4)
    assert panel.code_label.text() == "—"
    with ctx.sessions() as s:
        assert s.get(q.Ticket, panel.state.ticket_id or 1).outcome == "no_show"


def test_panel_start_visit_emits_ticket_and_transfer(qtbot, panel, ctx):
    issued = q.issue_ticket(ctx, "A")
    panel.call_action.trigger()
    _settle(qtbot, panel)
    with qtbot.waitSignal(panel.ticket_started, timeout=1000) as signal:
        _press(qtbot, panel, Qt.Key.Key_F6)
    assert signal.args == [issued.id]
    assert panel.state.status == "serving" and not panel.recall_action.isEnabled()
    panel.transfer_action.trigger()
    _settle(qtbot, panel)
    dialog = panel.transfer_dialog
    assert dialog.isVisible() and dialog.to_category.isChecked()
    dialog.category_box.setCurrentIndex(dialog.category_box.findData("B"))
    dialog.accept()
    _settle(qtbot, panel)
    assert panel.code_label.text() == "—" and panel.count_labels["B"].text() == "1"


def test_panel_pause_blocks_calling(qtbot, panel, ctx):
    q.issue_ticket(ctx, "A")
    _settle(qtbot, panel)
    panel.pause_action.trigger()
    _settle(qtbot, panel)
    assert panel.state.window_state == "paused" and not panel.call_action.isEnabled()
    panel.call_next()  # even if invoked directly, the service refuses with a message
    _settle(qtbot, panel)
    assert "暂停" in panel.message_label.text()
    panel.pause_action.trigger()
    _settle(qtbot, panel)
    _press(qtbot, panel, Qt.Key.Key_F2)
    assert panel.code_label.text() == "A001"


def test_panel_sees_calls_made_elsewhere(qtbot, ctx):
    panel = QueuePanel(ctx, poll_ms=50)
    qtbot.addWidget(panel)
    q.issue_ticket(ctx, "A")
    qtbot.waitUntil(lambda: panel.count_labels["A"].text() == "1", timeout=1000)
