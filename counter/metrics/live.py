"""Today, live: the manager's dashboard (`today_live`, read every few seconds)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.clock import STATION_TZ, UTC, local
from counter.models import (
    ServiceWindow,
    Ticket,
    User,
    Visit,
)
from counter.metrics.dist import Dist
from counter.metrics.names import DEFAULT_TARGET_MINUTES
from counter.metrics.rows import local_day_end, seconds_between, wait_end


# --- today, live (the manager's dashboard) ------------------------------------------------------

@dataclass
class WindowNow:
    number: int
    name: str
    state: str
    ticket: str | None
    ticket_status: str | None
    since: datetime | None
    clerk: str
    visits: int


@dataclass
class Today:
    at: datetime
    waiting: dict[str, int]
    longest_wait_seconds: float | None
    longest_wait_ticket: str | None
    tickets: int
    visits: int
    no_shows: int
    wait: Dist
    handling: Dist
    service_level: float | None
    windows: list[WindowNow]
    clerks: list[tuple[str, int, float | None]]  # name, visits, mean handling seconds


def today_live(session: Session, station_id: int, now: datetime,
               target_minutes: float = DEFAULT_TARGET_MINUTES) -> Today:
    """The live figures of the day: small indexed queries (today's tickets and visits only)."""
    from counter.categories import CATEGORIES

    day = local(now).date()
    lo = datetime.combine(day, time(0), STATION_TZ).astimezone(UTC)
    waiting = {c.letter: 0 for c in CATEGORIES}
    longest, longest_code = None, None
    wait, handling = Dist(), Dist()
    tickets = no_shows = within = 0
    codes: dict[int, str] = {}
    rows = session.execute(select(Ticket.id, Ticket.category, Ticket.number, Ticket.status, Ticket.outcome,
                                  Ticket.issued_at, Ticket.called_at, Ticket.answered_at, Ticket.started_at,
                                  Ticket.finished_at)
                           .where(Ticket.station_id == station_id, Ticket.service_day == day))
    end_of_day = local_day_end(day)
    for tid, cat, number, status, outcome, issued, first_call, answered_at, started, finished in rows:
        tickets += 1
        codes[tid] = f"{cat}{number:03d}"
        if status == "waiting":
            waiting[cat] = waiting.get(cat, 0) + 1
            seconds = (now - issued).total_seconds()
            if longest is None or seconds > longest:
                longest, longest_code = seconds, codes[tid]
        if outcome == "no_show":
            no_shows += 1
        answered = (answered_at or started) if started is not None else None
        end = wait_end(answered=answered, first_call=first_call, ended=finished, day_end=end_of_day, now=now)
        w = (end - issued).total_seconds()
        wait.add(w)  # the same rule as the reports: the screen and the Excel file agree
        within += first_call is not None and w <= target_minutes * 60
    per_clerk: dict[int, Dist] = {}
    per_window: dict[int, int] = {}
    last_clerk: dict[int, int] = {}
    visits = 0
    vrows = session.execute(select(Visit.window_id, Visit.clerk_id, Visit.started_at, Visit.finished_at)
                            .where(Visit.station_id == station_id, Visit.started_at >= lo,
                                   Visit.started_at < lo + timedelta(days=1))
                            .order_by(Visit.started_at))
    for window_id, clerk_id, started, finished in vrows:
        visits += 1
        seconds = seconds_between(started, finished)
        d = per_clerk.setdefault(clerk_id, Dist())
        if seconds is not None:
            handling.add(seconds)
            d.add(seconds)
        else:
            d.add(0.0)  # counted, no time
        per_window[window_id] = per_window.get(window_id, 0) + 1
        last_clerk[window_id] = clerk_id
    names = dict(session.execute(select(User.id, User.display_name)).all())
    windows = []
    current_ids = {}
    for w in session.scalars(select(ServiceWindow).where(ServiceWindow.station_id == station_id)
                             .order_by(ServiceWindow.number)):
        current_ids[w.id] = w.current_ticket_id
        windows.append(w)
    current = {}
    ids = [i for i in current_ids.values() if i]
    if ids:
        for t in session.execute(select(Ticket.id, Ticket.category, Ticket.number, Ticket.status,
                                        Ticket.last_called_at, Ticket.started_at).where(Ticket.id.in_(ids))):
            current[t[0]] = t
    window_rows = []
    for w in windows:
        t = current.get(w.current_ticket_id)
        active = t is not None and t[3] in ("called", "serving")
        window_rows.append(WindowNow(
            number=w.number, name=w.name, state=w.state,
            ticket=f"{t[1]}{t[2]:03d}" if active else None, ticket_status=t[3] if active else None,
            since=(t[5] or t[4]) if active else None, clerk=names.get(last_clerk.get(w.id), ""),
            visits=per_window.get(w.id, 0)))
    clerks = sorted(((names.get(cid, str(cid)), d.count, d.mean) for cid, d in per_clerk.items()),
                    key=lambda c: (-c[1], c[0]))
    waited = wait.count
    return Today(at=now, waiting=waiting, longest_wait_seconds=longest, longest_wait_ticket=longest_code,
                 tickets=tickets, visits=visits, no_shows=no_shows, wait=wait, handling=handling,
                 service_level=within / waited if waited else None, windows=window_rows, clerks=clerks)


def minutes_text(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
