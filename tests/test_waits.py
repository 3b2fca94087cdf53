"""The predicted wait: no number without recent data; the replay of the windows; appointments due."""
from __future__ import annotations

import pytest

from counter import appointments as ap
from counter import queueing as q
from counter import waits
from counter.db import reading

pytestmark = pytest.mark.both_engines


def serve_three(ctx, clock, window=1, minutes=5):
    """Window `window` calls three A tickets, five minutes each: its recent rate."""
    for _ in range(3):
        q.issue_ticket(ctx, "A")
    q.call_next(ctx, window)
    for _ in range(3):
        clock.advance(minutes=minutes)
        q.call_next(ctx, window)


def only_a(ctx, window=1):
    with ctx.sessions.begin() as s:
        q.window_row(s, ctx, window).categories = "A"


def test_no_recent_data_says_no_estimate(ctx, clock):
    q.issue_ticket(ctx, "A")
    assert waits.predicted_wait(ctx, "A").zh_CN == "暂无估计"
    q.open_window(ctx, 1)
    assert waits.predicted_wait(ctx, "A").minutes is None  # open, but nothing served yet
    serve_three(ctx, clock)
    assert waits.predicted_wait(ctx, "A").minutes is not None
    clock.advance(hours=3)  # the data is old now
    assert waits.predicted_wait(ctx, "A").en == "no estimate yet"


def test_replay_counts_the_queue_and_the_citizen_at_the_window(ctx, clock):
    only_a(ctx)
    serve_three(ctx, clock)
    q.issue_ticket(ctx, "A")
    q.issue_ticket(ctx, "A")
    q.call_next(ctx, 1)  # one at the window (just called), one waiting
    clock.advance(minutes=2)
    # 3 min left at the window + 5 for the one waiting
    assert waits.predicted_wait(ctx, "A").minutes == 8
    assert waits.predicted_wait(ctx, "A").zh_CN == "预计等候约 8 分钟"
    assert waits.predicted_wait(ctx, "B").minutes is None  # no open window serves B
    with reading(ctx.sessions) as s:
        naive = waits.naive_wait_seconds(s, ctx.station.id, "A", clock.now(), 1)
    assert naive == 300


def test_a_second_window_halves_it_and_priority_goes_first(ctx, clock):
    only_a(ctx)
    serve_three(ctx, clock)
    only_a(ctx, 2)
    serve_three(ctx, clock, window=2, minutes=5)
    for _ in range(4):
        q.issue_ticket(ctx, "A")
    # both windows are free (their last call found nobody): the four waiting take two rounds
    assert waits.predicted_wait(ctx, "A").minutes == 10
    own = q.issue_ticket(ctx, "A")
    assert waits.predicted_wait(ctx, "A", ticket_id=own.id).minutes == 10
    for window in (1, 2):
        with ctx.sessions.begin() as s:
            q.window_row(s, ctx, window).categories = "A,V"
    q.issue_ticket(ctx, "V")
    q.issue_ticket(ctx, "V")  # issued later, called first: one more round for our ticket
    assert waits.predicted_wait(ctx, "A", ticket_id=own.id).minutes == 15


def test_appointments_due_are_counted_ahead_of_a_walk_in(ctx, clock):
    only_a(ctx)
    serve_three(ctx, clock)
    before = waits.predicted_wait(ctx, "A").minutes
    start = clock.now()
    for n in range(4):
        ap.book(ctx, {"slot_start": start.isoformat(), "slot_end": (start.replace(hour=start.hour + 1)).isoformat(),
                      "procedures": ["HZ-08"], "id_number": "11010519491231002X", "phone": f"1381234{n:04d}"})
    assert before == 1  # a free window: called at once (never "0 minutes")
    # four due, priority: three go before the walk-in (the streak limit is 3), each
    # 5 min × the share who come (0.85) = 12.75
    assert waits.predicted_wait(ctx, "A").minutes == 13


def test_predicted_waits_for_the_display_cover_every_queue(ctx, clock):
    serve_three(ctx, clock)
    shown = waits.predicted_waits(ctx)
    assert set(shown) == {c.letter for c in q.CATEGORIES}
    assert all(p.minutes is not None for p in shown.values())  # window 1 serves every queue


def test_the_command_lines_slip_prints_the_predicted_wait(tmp_path):
    import subprocess

    from tests.helpers import run_cli as run

    url = f"sqlite:///{tmp_path / 'slip.sqlite3'}"
    assert run("init-db", url=url).returncode == 0
    slip = tmp_path / "slip.pdf"
    assert run("queue", "issue", "-c", "A", "--pdf", str(slip), url=url).returncode == 0
    text = subprocess.run(["pdftotext", "-layout", str(slip), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "前面还有 0 人等候" in text and "暂无估计" in text  # nothing served yet: no number


def test_the_display_shows_each_queues_wait_and_updates_it_on_a_call(qtbot, ctx, clock):
    from counter.ui.display_window import DisplayWindow

    display = DisplayWindow(ctx)
    display.refresh()  # the window's own first read runs in the background
    qtbot.addWidget(display)
    display.refresh()
    assert display.wait_labels["A"].text() == "暂无估计"
    only_a(ctx)
    serve_three(ctx, clock)
    for _ in range(3):
        q.issue_ticket(ctx, "A")
    display.refresh()
    assert display.wait_labels["A"].text() == "约15分"  # "预计等候约 15 分钟", short: four queues share a line
    assert display.wait_labels["B"].text() == "暂无估计"  # window 1 serves A only
    for _ in range(2):
        clock.advance(minutes=5)
        q.call_next(ctx, 1)
    display.refresh()  # one at the window (5 min), one waiting (5 min)
    assert display.wait_labels["A"].text() == "约10分"
