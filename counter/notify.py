"""Change notification: the display, queue panels and live views learn of calls and finished visits.

PostgreSQL: `NOTIFY counter_changes` with payload `"<station id>:<kind>"`, sent in the SAME
transaction as the change (so it is delivered at commit and dropped at rollback; a listener never
hears of a change it cannot yet read). A listener keeps one connection with `LISTEN` and wakes at
once.

SQLite (and PostgreSQL while its listening connection is down): `change_version` is polled: the
newest ticket event, the newest visit and the windows' versions, read from primary keys and the
windows' rows. No write updates a station-wide row for it (the former `change_markers` row was
one hot row every terminal's transaction queued on). Consumers treat a notification as
"something changed, poll now": `change_version` stays the one truth, a notification only makes
it fast.

No Qt here: `counter/ui/change_listener.py` runs `ChangeWatcher.run` in a thread and turns
changes into a Qt signal.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, make_url

from counter.models import Visit

log = logging.getLogger(__name__)

CHANNEL = "counter_changes"
RECONNECT_DELAYS = (0.5, 1, 2, 4, 8, 15)  # seconds between attempts to re-LISTEN


@dataclass(frozen=True)
class Change:
    station_id: int
    kind: str  # queue | visit:finished | visit:cancelled | hall:settings | poll (marker moved) | reconnected

    @classmethod
    def parse(cls, payload: str) -> Change | None:
        station, _, kind = payload.partition(":")
        try:
            return cls(int(station), kind or "queue")
        except ValueError:
            return None


def publish(connection: Connection, station_id: int, kind: str = "queue") -> None:
    """NOTIFY the listeners, inside the caller's transaction (PostgreSQL; a no-op elsewhere)."""
    if connection.dialect.name != "postgresql":
        return
    connection.execute(text("SELECT pg_notify(:channel, :payload)"),
                       {"channel": CHANNEL, "payload": f"{station_id}:{kind}"})


def register() -> None:
    """Announce every stored visit (called once at start-up by `AppContext.open`; idempotent)."""
    if not event.contains(Visit, "after_insert", _visit_stored):
        event.listen(Visit, "after_insert", _visit_stored)


def _visit_stored(_mapper, connection: Connection, visit: Visit) -> None:
    """A finished (or cancelled) visit is a change for the live views, with or without a ticket
    (pollers see the new visit's id in `change_version`)."""
    publish(connection, visit.station_id, f"visit:{visit.status}")


# Ticket events committed out of id order (PostgreSQL sequences hand out ids before commit) are
# still seen: the newest id minus the gaps among the last LATE_WINDOW ids. A late commit fills a
# gap and moves the figure; on SQLite writes are serialised and there are no such gaps.
LATE_WINDOW = 64

_VERSION_SQL = text("""
WITH top AS (SELECT coalesce(max(id), 0) AS m FROM ticket_events)
SELECT top.m - CASE WHEN top.m < :late THEN top.m ELSE :late END
       + (SELECT count(*) FROM ticket_events WHERE id > top.m - :late)
       + (SELECT coalesce(max(id), 0) FROM visits)
       + (SELECT coalesce(sum(version), 0) FROM service_windows WHERE station_id = :station)
FROM top
""")


def change_version(connection: Connection, station_id: int) -> int:
    """A number that moves on every queue change, visit and window state change: cheap to poll
    every 300 ms (index reads), and written by nobody in particular (no hot row).

    It counts the whole database's ticket events and visits (a database shared by several
    stations makes a station's pollers look once more, never miss a change)."""
    return int(connection.execute(_VERSION_SQL, {"late": LATE_WINDOW, "station": station_id}).scalar() or 0)


def libpq_conninfo(url: str) -> str:
    """`postgresql+psycopg://…` as a libpq URI (same host, port, socket folder, password)."""
    parsed = make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


class ChangeWatcher:
    """Calls `emit(Change)` for every change of one station until `stop` is set.

    `run` blocks: call it in a thread. On PostgreSQL it LISTENs (waking at once), re-connecting
    with back-off when the server goes away, and emits `reconnected` after each re-connection
    (changes may have been missed: consumers poll). Elsewhere it polls the change marker every
    `poll_interval` seconds.
    """

    def __init__(self, url: str, station_id: int, *, poll_interval: float = 1.0):
        self.url, self.station_id, self.poll_interval = url, station_id, poll_interval
        self.listening = threading.Event()  # set while a LISTEN connection is up
        self.postgres = make_url(url).get_backend_name() == "postgresql"

    def run(self, emit: Callable[[Change], None], stop: threading.Event) -> None:
        if self.postgres:
            self._listen(emit, stop)
        else:
            self._poll(emit, stop)

    def _listen(self, emit: Callable[[Change], None], stop: threading.Event) -> None:
        import psycopg

        attempt, first = 0, True
        while not stop.is_set():
            try:
                with psycopg.connect(libpq_conninfo(self.url), autocommit=True, connect_timeout=5,
                                     keepalives=1, keepalives_idle=10, keepalives_interval=5,
                                     keepalives_count=3) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    if not first:
                        emit(Change(self.station_id, "reconnected"))
                    first, attempt = False, 0
                    while not stop.is_set():
                        for note in conn.notifies(timeout=0.5):
                            change = Change.parse(note.payload)
                            if change is not None and change.station_id == self.station_id:
                                emit(change)
            except psycopg.Error as exc:
                self.listening.clear()
                delay = RECONNECT_DELAYS[min(attempt, len(RECONNECT_DELAYS) - 1)]
                attempt += 1
                log.info("change listener: %s; again in %s s", exc.__class__.__name__, delay)
                first = False
                stop.wait(delay)
        self.listening.clear()

    def _poll(self, emit: Callable[[Change], None], stop: threading.Event) -> None:
        from counter.db import make_engine

        engine = make_engine(self.url)
        last: int | None = None
        try:
            while not stop.is_set():
                try:
                    with engine.connect().execution_options(read_only=True) as conn:
                        version = change_version(conn, self.station_id)
                        conn.rollback()
                except Exception:
                    version = last
                if last is not None and version != last:
                    emit(Change(self.station_id, "poll"))
                last = version
                stop.wait(self.poll_interval)
        finally:
            engine.dispose()
