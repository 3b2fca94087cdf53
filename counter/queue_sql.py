"""PostgreSQL queue actions as single statements (data-modifying CTEs): one round trip each.

`queueing` keeps the ORM path (SQLite, and PostgreSQL for a window's first use); these do the
same in one statement, sent on an AUTOCOMMIT connection so the statement is its own transaction:
no BEGIN, no COMMIT, no separate lock, read, update, event and NOTIFY round trips (13 for
call-next before). The ORM path is the specification: tests/test_queue_sql.py runs the same
scenario on both and compares tickets, events and windows.

Concurrency (READ COMMITTED). The window row is locked first (`FOR UPDATE` in the first CTE):
two terminals at one window queue there, as before. After waiting on that lock the statement
sees the window's newest row but its snapshot of the tickets is older, so the current ticket is
settled by id with `status <> 'done'` (the newest row version is re-checked when the UPDATE
finds it changed); the next ticket is picked `FOR UPDATE SKIP LOCKED` (a row another terminal
holds is skipped, one it has just called no longer matches `status = 'waiting'` on re-check).
Events are inserted by one INSERT … SELECT in order (finish before call), like the ORM path.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.engine import Connection

from counter.clock import as_utc
from counter.models import Ticket

# A ticket's priority now: its own flag, or a checked-in appointment whose slot has started (an
# early arrival, counter.appointments); the called ticket keeps it, so the streak counts it.
PRIORITY_NOW = ("(t.priority OR (t.source = 'appointment' AND EXISTS (SELECT 1 FROM appointments a"
                " WHERE a.ticket_id = t.id AND a.priority_from <= :now)))")

CALL_NEXT = text("""
WITH w AS (
    SELECT id, station_id, number, name, state, categories, current_ticket_id,
           CASE WHEN state = 'open' THEN priority_streak ELSE 0 END AS streak,
           CASE WHEN :hall_rule THEN coalesce((SELECT h.priority_streak_limit FROM hall_settings h
                                               WHERE h.station_id = :station), :streak_limit)
                ELSE :streak_limit END AS streak_limit
    FROM service_windows WHERE station_id = :station AND number = :number
    FOR UPDATE
), go AS (
    SELECT * FROM w WHERE state <> 'paused'
), settled AS (
    UPDATE tickets t SET status = 'done', outcome = 'served', finished_at = :now,
        answered_at = CASE WHEN t.started_at IS NULL THEN coalesce(t.answered_at, t.last_called_at, :now)
                           ELSE t.answered_at END,
        started_at = coalesce(t.started_at, t.last_called_at, :now)
    FROM go WHERE t.id = go.current_ticket_id AND t.status <> 'done'
    RETURNING t.id, go.id AS window_id
), nxt AS (
    SELECT t.id FROM tickets t, go
    WHERE t.station_id = go.station_id AND t.service_day = :day AND t.status = 'waiting'
      AND (t.target_window_id = go.id
           OR (t.target_window_id IS NULL
               AND (go.categories = '' OR t.category = ANY (string_to_array(go.categories, ',')))))
    ORDER BY CASE WHEN go.streak_limit > 0 AND go.streak >= go.streak_limit
                  THEN """ + PRIORITY_NOW + """ ELSE NOT """ + PRIORITY_NOW + """ END,
             t.issued_at, t.id
    LIMIT 1
    FOR UPDATE OF t SKIP LOCKED
), called AS (
    UPDATE tickets t SET status = 'called', window_id = go.id, target_window_id = NULL,
        called_at = coalesce(t.called_at, :now), last_called_at = :now, priority = """ + PRIORITY_NOW + """
    FROM nxt, go WHERE t.id = nxt.id
    RETURNING t.*
), win AS (
    UPDATE service_windows sw SET state = 'open',
        opened_at = CASE WHEN go.state = 'open' THEN sw.opened_at ELSE :now END,
        priority_streak = CASE WHEN c.id IS NULL THEN go.streak WHEN c.priority THEN go.streak + 1 ELSE 0 END,
        current_ticket_id = c.id
    FROM go LEFT JOIN called c ON true
    WHERE sw.id = go.id
    RETURNING sw.id
), ev AS (
    INSERT INTO ticket_events (ticket_id, kind, at, window_id, user_id, detail)
    SELECT e.ticket_id, e.kind, :now, e.window_id, e.user_id, e.detail FROM (
        SELECT 1 AS ord, s.id AS ticket_id, 'finish' AS kind, s.window_id, CAST(NULL AS integer) AS user_id,
               'next called' AS detail FROM settled s
        UNION ALL
        SELECT 2, c.id, 'call', c.window_id, CAST(:user_id AS integer), NULL FROM called c) e
    ORDER BY e.ord
    RETURNING id
), note AS (
    SELECT pg_notify(:channel, :payload) FROM go
)
SELECT w.state AS window_state, w.name AS window_name, (SELECT count(*) FROM note) AS notified, c.*
FROM w LEFT JOIN called c ON true
""")

# The visit of a ticket is finished, inside the visit's transaction: the ticket's window is
# locked first (the InitPlan runs before the UPDATE locks the ticket), in call-next's order, so
# the two never deadlock; a ticket already done or transferred (waiting) is left alone.
FINISH = text("""
WITH w AS (
    SELECT sw.id FROM service_windows sw
    WHERE sw.id = (SELECT window_id FROM tickets WHERE id = :ticket)
    FOR UPDATE
), done AS (
    UPDATE tickets t SET status = 'done', outcome = 'served', finished_at = :now,
        answered_at = CASE WHEN t.started_at IS NULL THEN coalesce(t.answered_at, t.last_called_at, :now)
                           ELSE t.answered_at END,
        started_at = coalesce(t.started_at, t.last_called_at, :now)
    WHERE t.id = :ticket AND t.status NOT IN ('done', 'waiting') AND (SELECT count(*) FROM w) >= 0
    RETURNING t.*
), freed AS (
    UPDATE service_windows sw SET current_ticket_id = NULL
    FROM done WHERE sw.current_ticket_id = done.id
    RETURNING sw.id
), ev AS (
    INSERT INTO ticket_events (ticket_id, kind, at, window_id)
    SELECT done.id, 'finish', :now, done.window_id FROM done
    RETURNING id
), note AS (
    SELECT pg_notify(:channel, done.station_id || :kind) FROM done
)
SELECT (SELECT count(*) FROM note) AS notified, done.* FROM done
""")

# Recall, no-show and start act on the window's current ticket. The window's row is the newest
# (locked); the ticket's snapshot may predate a call-next at the same window that committed
# while we waited on the lock, so 'waiting' is accepted in the WHERE: the UPDATE re-checks the
# newest row version, which for a window's current ticket is 'called' or 'serving'.
_WINDOW = """
WITH w AS (
    SELECT id, name, current_ticket_id FROM service_windows
    WHERE station_id = :station AND number = :number
    FOR UPDATE
), cur AS (
    SELECT t.* FROM tickets t, w WHERE t.id = w.current_ticket_id
)"""

RECALL = text(_WINDOW + """, changed AS (
    UPDATE tickets t SET recalls = t.recalls + 1, last_called_at = :now
    FROM w WHERE t.id = w.current_ticket_id AND t.status IN ('waiting', 'called')
    RETURNING t.*
), ev AS (
    INSERT INTO ticket_events (ticket_id, kind, at, window_id, user_id, detail)
    SELECT c.id, 'recall', :now, w.id, CAST(:user_id AS integer), CAST(c.recalls AS varchar) FROM changed c, w
    RETURNING id
), note AS (
    SELECT pg_notify(:channel, :payload) FROM changed
)
SELECT w.name AS window_name, (SELECT count(*) FROM note) AS notified,
       (SELECT status FROM cur) AS current_status, (SELECT recalls FROM cur) AS current_recalls, c.*
FROM w LEFT JOIN changed c ON true
""")

NO_SHOW = text(_WINDOW + """, changed AS (
    UPDATE tickets t SET no_show_at = :now, last_called_at = NULL, status = 'done', outcome = 'no_show',
        finished_at = :now
    FROM w WHERE t.id = w.current_ticket_id AND t.status IN ('waiting', 'called') AND t.recalls >= 1
    RETURNING t.*
), win AS (
    UPDATE service_windows sw SET current_ticket_id = NULL FROM changed c, w WHERE sw.id = w.id
    RETURNING sw.id
), ev AS (
    INSERT INTO ticket_events (ticket_id, kind, at, window_id, user_id)
    SELECT c.id, 'no_show', :now, w.id, CAST(:user_id AS integer) FROM changed c, w
    RETURNING id
), note AS (
    SELECT pg_notify(:channel, :payload) FROM changed
)
SELECT w.name AS window_name, (SELECT count(*) FROM note) AS notified,
       (SELECT status FROM cur) AS current_status, (SELECT recalls FROM cur) AS current_recalls, c.*
FROM w LEFT JOIN changed c ON true
""")

START = text(_WINDOW + """, changed AS (
    UPDATE tickets t SET status = 'serving',
        answered_at = CASE WHEN t.started_at IS NULL THEN coalesce(t.answered_at, t.last_called_at, :now)
                           ELSE t.answered_at END,
        started_at = coalesce(t.started_at, :now)
    FROM w WHERE t.id = w.current_ticket_id AND t.status IN ('waiting', 'called')
    RETURNING t.*
), ev AS (
    INSERT INTO ticket_events (ticket_id, kind, at, window_id, user_id)
    SELECT c.id, 'start', :now, w.id, CAST(:user_id AS integer) FROM changed c, w
    RETURNING id
), note AS (
    SELECT pg_notify(:channel, :payload) FROM changed
)
SELECT w.name AS window_name, (SELECT count(*) FROM note) AS notified,
       (SELECT status FROM cur) AS current_status, (SELECT recalls FROM cur) AS current_recalls, c.*
FROM w LEFT JOIN changed c ON true
""")

# A new ticket: the day's number for its category (the same upsert as numbering.next_number),
# the ticket, its event, NOTIFY, and how many of its queue wait ahead of it (the statement's
# snapshot does not see the new row itself; everything visible was issued before it).
ISSUE = text("""
WITH num AS (
    INSERT INTO counters (station_id, key, day, value) VALUES (:station, :key, :day, 1)
    ON CONFLICT (station_id, key, day) DO UPDATE SET value = counters.value + 1
    RETURNING value
), t AS (
    INSERT INTO tickets (station_id, category, number, service_day, priority, source, status, issued_at, recalls)
    SELECT :station, :category, num.value, :day, :priority, :source, 'waiting', :now, 0 FROM num
    RETURNING *
), ev AS (
    INSERT INTO ticket_events (ticket_id, kind, at, user_id, detail)
    SELECT t.id, 'issue', :now, CAST(:user_id AS integer), :source FROM t
    RETURNING id
), note AS (
    SELECT pg_notify(:channel, :payload)
)
SELECT t.*, (SELECT count(*) FROM note) AS notified,
       (SELECT count(*) FROM tickets w
        WHERE w.station_id = :station AND w.service_day = :day AND w.status = 'waiting'
          AND w.category = :category AND w.target_window_id IS NULL AND w.issued_at <= :now) AS ahead
FROM t
""")

_TICKET_COLUMNS = tuple(c.key for c in Ticket.__table__.columns)


@dataclass(frozen=True)
class CallResult:
    found_window: bool  # False: the window has no row yet (its first use goes the ORM way)
    paused: bool
    window_name: str
    ticket: Ticket | None


def call_next(conn: Connection, *, station_id: int, number: int, now, day, streak_limit: int,
              user_id: int | None, channel: str, hall_rule: bool = True) -> CallResult:
    """One round trip on an AUTOCOMMIT connection (the statement is its own transaction).

    `hall_rule`: the hall's stored streak limit applies (read in the statement), `streak_limit`
    where the hall has none; False: `streak_limit` as given (tests, simulations)."""
    row = conn.execute(CALL_NEXT, {
        "station": station_id, "number": number, "now": now, "day": day, "streak_limit": streak_limit,
        "hall_rule": hall_rule, "user_id": user_id, "channel": channel,
        "payload": f"{station_id}:queue"}).mappings().first()
    if row is None:
        return CallResult(False, False, "", None)
    ticket = _ticket(row) if row["id"] is not None else None
    return CallResult(True, row["window_state"] == "paused", row["window_name"], ticket)


def _ticket(row) -> Ticket:
    """A detached Ticket with the row's values (what the ORM path returns)."""
    values = {key: row[key] for key in _TICKET_COLUMNS}
    return Ticket(**{k: as_utc(v) if isinstance(v, datetime) else v for k, v in values.items()})


def finish_ticket(conn: Connection, *, ticket_id: int, now, channel: str) -> Ticket | None:
    """One round trip in the caller's transaction; None when the ticket was not at a window."""
    row = conn.execute(FINISH, {"ticket": ticket_id, "now": now, "channel": channel,
                                "kind": ":queue"}).mappings().first()
    return _ticket(row) if row is not None else None


@dataclass(frozen=True)
class WindowResult:
    window_name: str
    current_status: str | None  # the window's current ticket as the statement saw it
    current_recalls: int | None
    ticket: Ticket | None  # the ticket changed; None when nothing was


def window_action(conn: Connection, statement, *, station_id: int, number: int, now, user_id: int | None,
                  channel: str) -> WindowResult | None:
    """Recall / no-show / start on the window's current ticket, one round trip; None when the window has
    no row yet (the ORM path creates it and says there is no ticket)."""
    row = conn.execute(statement, {
        "station": station_id, "number": number, "now": now, "user_id": user_id, "channel": channel,
        "payload": f"{station_id}:queue"}).mappings().first()
    if row is None:
        return None
    changed = _ticket(row) if row["id"] is not None else None
    return WindowResult(row["window_name"], row["current_status"], row["current_recalls"], changed)


def issue_ticket(conn: Connection, *, station_id: int, category: str, day, now, priority: bool, source: str,
                 user_id: int | None, channel: str) -> tuple[Ticket, int]:
    """(the new ticket, how many wait ahead of it): one round trip on an AUTOCOMMIT connection."""
    row = conn.execute(ISSUE, {
        "station": station_id, "key": f"ticket:{category}", "category": category, "day": day, "now": now,
        "priority": priority, "source": source, "user_id": user_id, "channel": channel,
        "payload": f"{station_id}:queue"}).mappings().one()
    return _ticket(row), int(row["ahead"])
