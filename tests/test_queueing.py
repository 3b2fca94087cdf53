"""Queue rules: order, anti-starvation, transfers, recalls, no-shows, daily numbering, close of day."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from counter import queueing as q
from counter.db import reading
from counter.models import ServiceWindow, Ticket, TicketEvent

pytestmark = pytest.mark.both_engines  # every rule on SQLite and on PostgreSQL


def fetch(ctx):
    """A plain session: objects read in it stay usable after it closes (reading() rolls back)."""
    return ctx.sessions()


def issue(ctx, clock, letter, **kw):
    clock.advance(seconds=30)  # distinct issue times, as in a real hall
    return q.issue_ticket(ctx, letter, **kw)


def call(ctx, clock, window=1):
    clock.advance(seconds=10)
    return q.call_next(ctx, window)


def set_categories(ctx, window, letters):
    with ctx.sessions.begin() as s:
        q.window_row(s, ctx, window).categories = letters


def test_numbers_per_category_and_waiting_ahead(ctx, clock):
    a1, a2, b1, a3 = (issue(ctx, clock, c) for c in "AABA")
    assert [a1.code, a2.code, b1.code, a3.code] == ["A001", "A002", "B001", "A003"]
    assert (a1.waiting_ahead, a2.waiting_ahead, b1.waiting_ahead, a3.waiting_ahead) == (0, 1, 0, 2)
    assert issue(ctx, clock, "v").priority is True
    with reading(ctx.sessions) as s:
        assert q.waiting_counts(s, ctx.station.id) == {"A": 3, "B": 1, "C": 0, "V": 1}


def test_unknown_category_is_a_bilingual_error(ctx):
    with pytest.raises(q.QueueError) as err:
        q.issue_ticket(ctx, "Z")
    assert "Z" in err.value.zh_CN and "category" in err.value.en


def test_priority_first_then_issue_time(ctx, clock):
    issue(ctx, clock, "A")
    issue(ctx, clock, "B")
    issue(ctx, clock, "V")
    order = [call(ctx, clock).code for _ in range(3)]
    assert order == ["V001", "A001", "B001"]
    assert call(ctx, clock) is None


def test_anti_starvation_after_streak_limit(ctx, clock):
    issue(ctx, clock, "A")  # the normal ticket waiting longest
    issue(ctx, clock, "B")
    for _ in range(5):
        issue(ctx, clock, "V")
    order = [call(ctx, clock).code for _ in range(7)]
    # limit 3: three priority calls, then the longest-waiting normal one, then priority again
    assert order == ["V001", "V002", "V003", "A001", "V004", "V005", "B001"]


def test_streak_is_per_window(ctx, clock):
    issue(ctx, clock, "A")
    for _ in range(4):
        issue(ctx, clock, "V")
    assert [call(ctx, clock, 1).code for _ in range(3)] == ["V001", "V002", "V003"]
    assert call(ctx, clock, 2).code == "V004"  # window 2 has no streak yet
    assert call(ctx, clock, 1).code == "A001"


def test_window_only_calls_categories_it_serves(ctx, clock):
    set_categories(ctx, 2, "B")
    issue(ctx, clock, "A")
    issue(ctx, clock, "B")
    assert call(ctx, clock, 2).code == "B001"
    assert call(ctx, clock, 2) is None
    set_categories(ctx, 3, "A,B,C,V")  # a merged window serves every queue
    assert call(ctx, clock, 3).code == "A001"


def test_paused_window_refuses_and_closed_window_opens(ctx, clock):
    issue(ctx, clock, "A")
    assert q.window_state(ctx, 1).state == "closed"
    q.open_window(ctx, 1)
    q.pause_window(ctx, 1)
    with pytest.raises(q.QueueError) as err:
        call(ctx, clock)
    assert "暂停" in err.value.zh_CN and "paused" in err.value.en
    q.resume_window(ctx, 1)
    assert call(ctx, clock).code == "A001"
    q.close_window(ctx, 1)
    issue(ctx, clock, "A")
    assert call(ctx, clock).code == "A002"  # the first call of the day opens the window
    assert q.window_state(ctx, 1).state == "open"


def test_recall_counts_and_no_show_needs_a_recall(ctx, clock):
    issue(ctx, clock, "A")
    call(ctx, clock)
    with pytest.raises(q.QueueError):
        q.no_show(ctx, 1)
    clock.advance(seconds=60)
    assert q.recall(ctx, 1).recalls == 1
    assert q.recall(ctx, 1).recalls == 2
    gone = q.no_show(ctx, 1)
    assert (gone.status, gone.outcome, gone.no_show_at) == ("done", "no_show", clock.now())
    assert gone.called_at < gone.no_show_at and gone.last_called_at is None
    with reading(ctx.sessions) as s:
        kinds = s.scalars(select(TicketEvent.kind).where(TicketEvent.ticket_id == gone.id)
                          .order_by(TicketEvent.id)).all()
    assert kinds == ["issue", "call", "recall", "recall", "no_show"]
    with pytest.raises(q.QueueError):
        q.recall(ctx, 1)  # nothing at the window any more


def test_transfer_to_category_keeps_place_and_takes_a_new_number(ctx, clock):
    first = issue(ctx, clock, "A")
    issue(ctx, clock, "B")  # B001 arrived after A001
    set_categories(ctx, 1, "A")
    set_categories(ctx, 2, "B")
    assert call(ctx, clock, 1).code == "A001"
    moved = q.transfer(ctx, 1, category="B")
    assert moved.code == "B002" and moved.status == "waiting" and moved.issued_at == first.issued_at
    assert call(ctx, clock, 2).id == first.id  # ahead of B001: it was issued earlier
    assert call(ctx, clock, 2).code == "B001"
    with reading(ctx.sessions) as s:
        detail = s.scalar(select(TicketEvent.detail).where(TicketEvent.kind == "transfer"))
    assert detail == "A001->B002"


def test_transfer_to_window_only_that_window_calls_it(ctx, clock):
    issue(ctx, clock, "A")
    issue(ctx, clock, "A")
    q.open_window(ctx, 5)
    called = call(ctx, clock, 1)
    q.start_service(ctx, 1)
    moved = q.transfer(ctx, 1, to_window=5)
    assert moved.code == "A001" and moved.target_window_id is not None
    assert call(ctx, clock, 1).code == "A002"  # window 1 does not take it back
    assert call(ctx, clock, 3) is None  # nor does any other window
    again = call(ctx, clock, 5)
    assert again.id == called.id and again.recalls == 0
    # served at window 1 first: its wait stays the first one, not the second leg
    assert again.started_at is not None and again.last_called_at > again.started_at


def test_transfer_to_unknown_or_own_window_is_refused(ctx, clock):
    issue(ctx, clock, "A")
    call(ctx, clock)
    with pytest.raises(q.QueueError):
        q.transfer(ctx, 1, to_window=42)
    with pytest.raises(q.QueueError):
        q.transfer(ctx, 1, to_window=1)
    with pytest.raises(q.QueueError):
        q.transfer(ctx, 1)


def test_start_and_finish(ctx, clock):
    issued = issue(ctx, clock, "C")
    called = call(ctx, clock)
    clock.advance(minutes=1)
    started = q.start_service(ctx, 1)
    assert started.status == "serving" and started.started_at == clock.now()
    assert started.last_called_at == called.called_at
    clock.advance(minutes=7)
    with ctx.sessions.begin() as s:
        q.finish_ticket(s, issued.id, clock.now())
        assert q.finish_ticket(s, issued.id, clock.now()).outcome == "served"  # twice: no change
    with fetch(ctx) as s:
        done = s.get(Ticket, issued.id)
        window = q.find_window(s, ctx.station.id, 1)
    assert (done.status, done.outcome, done.finished_at) == ("done", "served", clock.now())
    assert window.current_ticket_id is None


def test_call_next_settles_the_current_ticket_as_served(ctx, clock):
    issue(ctx, clock, "A")
    issue(ctx, clock, "A")
    first = call(ctx, clock)
    call(ctx, clock)
    with fetch(ctx) as s:
        settled = s.get(Ticket, first.id)
    assert settled.outcome == "served" and settled.started_at == first.called_at


def test_change_version_moves_on_every_change(ctx, clock):
    with reading(ctx.sessions) as s:
        v0 = q.change_version(s, ctx.station.id)
    issue(ctx, clock, "A")
    call(ctx, clock)
    q.recall(ctx, 1)
    with reading(ctx.sessions) as s:
        assert q.change_version(s, ctx.station.id) == v0 + 3
        calls = q.recent_calls(s, ctx.station.id, 5)
    assert [(c.code, c.window_number, c.recall) for c in calls] == [("A001", 1, True), ("A001", 1, False)]


def test_numbering_resets_at_shanghai_midnight_without_deleting(ctx, clock):
    # 23:59 Shanghai on 23 Nov is 15:59 UTC; one minute later it is the 24th there
    clock.moment = datetime(2026, 11, 23, 15, 58, tzinfo=timezone.utc)
    late = [issue(ctx, clock, "A").code for _ in range(2)]  # 23:58:30, 23:59:00
    clock.moment = datetime(2026, 11, 23, 16, 0, 30, tzinfo=timezone.utc)
    early = issue(ctx, clock, "A")
    assert late == ["A001", "A002"] and early.code == "A001"
    assert str(early.service_day) == "2026-11-24"
    with reading(ctx.sessions) as s:
        assert s.scalar(select(func.count()).select_from(Ticket)) == 3
    # yesterday's leftovers are not called today; close_day closes them, keeping the rows
    assert call(ctx, clock).id == early.id
    assert call(ctx, clock) is None
    assert q.close_day(ctx, early.service_day) == 2
    with fetch(ctx) as s:
        rows = s.scalars(select(Ticket).order_by(Ticket.id)).all()
    assert [(t.code, t.outcome) for t in rows] == [("A001", "closed"), ("A002", "closed"), ("A001", "served")]


def test_close_day_closes_waiting_and_called_and_windows(ctx, clock):
    for letter in "ABC":
        issue(ctx, clock, letter)
    call(ctx, clock)
    assert q.close_day(ctx, clock.today()) == 3
    with fetch(ctx) as s:
        outcomes = s.scalars(select(Ticket.outcome)).all()
        windows = s.scalars(select(ServiceWindow)).all()
    assert outcomes == ["closed"] * 3
    assert all(w.state == "closed" and w.current_ticket_id is None for w in windows)


def test_cancel_only_waiting(ctx, clock):
    t = issue(ctx, clock, "A")
    assert q.cancel_ticket(ctx, t.id).outcome == "cancelled"
    with pytest.raises(q.QueueError):
        q.cancel_ticket(ctx, t.id)


def test_finishing_the_visit_leaves_a_transferred_ticket_in_the_queue(ctx):
    from counter import queueing
    from counter.models import Ticket

    queueing.open_window(ctx, 2)
    queueing.issue_ticket(ctx, "A")
    queueing.call_next(ctx, 1)
    ticket = queueing.start_service(ctx, 1)
    queueing.transfer(ctx, 1, to_window=2)  # 户政 done here, 交管 next door
    with ctx.sessions.begin() as session:
        queueing.finish_ticket(session, ticket.id, ctx.clock.now())
    with ctx.sessions() as session:
        assert session.get(Ticket, ticket.id).status == "waiting"
    assert queueing.call_next(ctx, 2).id == ticket.id
