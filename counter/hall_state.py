"""What the hall's screens show, each read in one read-only unit of work of its own.

The windows call these from their background tasks (counter/ui/tasks.py) and only apply the
result: a screen never opens a session itself. `known_version` is the change counter the screen
last showed (`queueing.change_version`); when nothing moved, the read stops there and says None.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from counter import queueing as q
from counter.appointments.prefill import Prefill, prefill_for_ticket
from counter.context import AppContext
from counter.db import quick_read, reading


@dataclass
class PanelState:
    """The clerk's queue panel: this window, its current ticket, the waiting counts."""

    window_number: int = 0
    window_name: str = ""  # the stored name ("" before the window has a row)
    window_state: str = q.CLOSED
    ticket_id: int | None = None
    code: str = ""
    status: str = ""
    recalls: int = 0
    called_at: datetime | None = None
    issued_at: datetime | None = None
    started_at: datetime | None = None
    counts: dict[str, int] = field(default_factory=dict)
    booking: Prefill | None = None  # the serving ticket's appointment: its visit starts with it


def load_state(session, ctx: AppContext, window_number: int) -> PanelState:
    """The panel's state read in the caller's session."""
    state = PanelState(window_number=window_number,
                       counts=q.waiting_counts(session, ctx.station.id, ctx.clock.today()))
    found = q.window_and_current(session, ctx.station.id, window_number)
    if found is None:
        return state
    window, ticket = found
    state.window_name, state.window_state = window.name, window.state
    if ticket is not None:
        state.ticket_id, state.code, state.status = ticket.id, ticket.code, ticket.status
        state.recalls, state.called_at = ticket.recalls, ticket.last_called_at or ticket.called_at
        state.issued_at, state.started_at = ticket.issued_at, ticket.started_at
        if ticket.status == q.SERVING:  # read here, in the background, so F6/F5 never waits on it
            state.booking = prefill_for_ticket(session, ticket.id)
    return state


def panel_state(ctx: AppContext, window_number: int,
                known_version: int | None = None) -> tuple[int, PanelState] | None:
    """(change version, the panel's state); None when the version is still `known_version`."""
    with quick_read(ctx.sessions) as session:
        version = q.change_version(session, ctx.station.id)
        if known_version is not None and version == known_version:
            return None
        return version, load_state(session, ctx, window_number)


def other_windows(ctx: AppContext, own: int) -> list[tuple[int, str]]:
    """The hall's other windows (number, stored name): where a ticket can be transferred."""
    with quick_read(ctx.sessions) as session:
        return [(w.number, w.name) for w in q.list_windows(session, ctx.station.id) if w.number != own]


@dataclass
class HallView:
    """The hall display: recent calls, waiting counts, who is served where, predicted waits."""

    version: int
    calls: list
    counts: dict
    serving: list
    estimates: dict


def hall_view(ctx: AppContext, known_version: int | None) -> HallView | None:
    """What the hall display shows, or None when nothing moved since `known_version`."""
    from counter.waits import predicted_waits

    with reading(ctx.sessions) as session:
        version = q.change_version(session, ctx.station.id)
        if version == known_version:
            return None
        calls = q.recent_calls(session, ctx.station.id, 30)
        counts = q.waiting_counts(session, ctx.station.id, ctx.clock.today())
        serving = [(w.number, ticket.code if (ticket := q.current_ticket(session, w)) else None)
                   for w in q.list_windows(session, ctx.station.id) if w.state != q.CLOSED]
        estimates = predicted_waits(ctx, session=session)
    return HallView(version, calls, counts, serving, estimates)
