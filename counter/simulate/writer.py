"""Writing a simulated day: row tuples per table, one executemany per table (no ORM per row)."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, insert, select, text

from counter.clock import UTC
from counter.db import upsert_insert
from counter.models import (
    Counter,
    Item,
    Rating,
    Receipt,
    Ticket,
    TicketEvent,
    Visit,
)

if TYPE_CHECKING:
    from counter.simulate.model import _T


class _Ids:
    """Primary keys for bulk inserts, assigned by the database before the rows are written
    (rows reference each other: events and visits their ticket, items their visit)."""

    BLOCK = 2000  # ids drawn from a sequence per round trip

    def __init__(self, session, *models):
        self.session = session
        self.postgres = session.bind.dialect.name == "postgresql"
        self.free: dict = {m: [] for m in models}
        self.next: dict = {}
        if not self.postgres:
            # SQLite: this transaction began IMMEDIATE, so no other writer can insert until it
            # commits; the next rowids are the ones SQLite itself would pick
            self.next = {m: (session.scalar(select(func.max(m.id))) or 0) + 1 for m in models}

    def take(self, model) -> int:
        if not self.postgres:
            value = self.next[model]
            self.next[model] = value + 1
            return value
        free = self.free[model]
        if not free:
            table = model.__tablename__
            free.extend(reversed(self.session.scalars(text(
                "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"),
                {"table": table, "n": self.BLOCK}).all()))
        return free.pop()


COLUMNS = {  # column order of the row tuples; times are whole seconds since the epoch (UTC)
    Ticket: ("id", "station_id", "category", "number", "service_day", "priority", "source", "status", "outcome",
             "window_id", "target_window_id", "issued_at", "called_at", "last_called_at", "answered_at", "recalls",
             "started_at", "finished_at", "no_show_at", "transferred_from_id"),
    TicketEvent: ("id", "ticket_id", "kind", "at", "window_id", "user_id", "detail"),
    Visit: ("id", "station_id", "key", "ticket_id", "window_id", "clerk_id", "status", "applicant_name",
            "applicant_id_number", "applicant_phone", "applicant_address", "proxy_name", "proxy_id_number",
            "identity", "started_at", "finished_at", "cancel_reason"),
    Item: ("id", "visit_id", "position", "procedure_code", "category", "values", "materials", "fee", "status",
           "status_reason", "promised_date", "started_at", "finished_at", "status_changed_at", "status_changed_by"),
    Receipt: ("id", "station_id", "number", "visit_id", "issued_at", "reprints"),
    Rating: ("id", "visit_id", "level", "reason", "source", "rated_at"),
}
_HMS = [f" {h:02d}:{m:02d}:{s:02d}.000000" for h in range(24) for m in range(60) for s in range(60)]
_EPOCH_DAY = date(1970, 1, 1).toordinal()


class _Rows:
    """Row tuples per table, written with one executemany per table (no ORM, no per-row types)."""

    def __init__(self):
        self.by_model = {model: [] for model in COLUMNS}
        self.counters = []
        self.tickets, self.events = self.by_model[Ticket], self.by_model[TicketEvent]
        self.visits, self.items = self.by_model[Visit], self.by_model[Item]
        self.receipts, self.ratings = self.by_model[Receipt], self.by_model[Rating]

    # SQLite: write values already in SQLAlchemy's storage format through the driver (False: the
    # Core executemany every other engine uses; benchmarks/simulate_writer.py compares the two)
    sqlite_storage_format = True

    def write(self, session, station_id: int) -> None:
        dialect = session.bind.dialect.name
        conn = session.connection()
        day_text: dict[int, str] = {}
        for model, rows in self.by_model.items():
            if not rows:
                continue
            table = model.__table__
            cols = COLUMNS[model]
            kinds = [_kind(table.c[name].type) for name in cols]
            if dialect == "sqlite" and self.sqlite_storage_format:
                # the driver's own executemany with values already in SQLAlchemy's SQLite storage
                # format ("YYYY-MM-DD HH:MM:SS.ffffff" UTC, ISO dates, JSON text): no per-row type work
                sql = (f'INSERT INTO {table.name} ({", ".join(chr(34) + c + chr(34) for c in cols)}) '
                       f'VALUES ({", ".join("?" * len(cols))})')
                conn.exec_driver_sql(sql, list(map(_sqlite_row(kinds, day_text), rows)))
            else:  # PostgreSQL & co: Core executemany with proper Python values
                convert = [_python_converter(kind) for kind in kinds]
                for start in range(0, len(rows), 20000):
                    conn.execute(insert(table), [
                        {c: (None if v is None else f(v) if f else v) for c, f, v in zip(cols, convert, row)}
                        for row in rows[start:start + 20000]])
        if self.counters:
            stmt = upsert_insert(session.get_bind())(Counter)
            bigger = func.max if dialect == "sqlite" else func.greatest
            stmt = stmt.on_conflict_do_update(
                index_elements=[Counter.station_id, Counter.key, Counter.day],
                set_={"value": bigger(Counter.value, stmt.excluded.value)})
            session.execute(stmt, [{"station_id": station_id, "key": k, "day": d, "value": v}
                                   for k, d, v in self.counters])


def _kind(sqltype) -> str:
    from counter.models import UtcDateTime

    if isinstance(sqltype, UtcDateTime):
        return "datetime"
    name = type(sqltype).__name__
    return {"Date": "date", "Boolean": "bool", "JSON": "json", "Numeric": "decimal"}.get(name, "")


def _sqlite_row(kinds: list[str], day_text: dict[int, str]):
    """One function turning a row tuple into the driver's values, built for the table's columns."""
    converters = [(i, _sqlite_converter(kind, day_text)) for i, kind in enumerate(kinds) if kind]

    def row(r: tuple) -> tuple:
        out = list(r)
        for i, convert in converters:
            value = out[i]
            if value is not None:
                out[i] = convert(value)
        return tuple(out)

    return row


def _sqlite_converter(kind: str, day_text: dict[int, str]):
    import json

    if kind == "datetime":
        def dt(seconds: int) -> str:
            d, r = divmod(seconds, 86400)
            prefix = day_text.get(d)
            if prefix is None:
                prefix = day_text[d] = date.fromordinal(_EPOCH_DAY + d).isoformat()
            return prefix + _HMS[r]
        return dt
    if kind == "date":
        return date.isoformat
    if kind == "bool":
        return int
    if kind == "json":
        return lambda v: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
    if kind == "decimal":
        return float
    return None


def _python_converter(kind: str):
    import json

    if kind == "datetime":
        return lambda s: datetime.fromtimestamp(s, UTC)
    if kind == "json":
        return lambda v: json.loads(v) if isinstance(v, str) else v
    return None


def _emit(rows, ids, sid, tid, letter, number, day, t: _T, events, base, cut, state) -> None:
    """Append the ticket and its events; today, only what happened before `now`."""
    status = "done"
    if cut is not None:
        events = [e for e in events if e[1] <= cut]
        last = events[-1][0]
        if last == "issue":
            status, t.outcome, t.window, t.called = "waiting", None, None, None
            t.last_called = t.started = t.finished = t.no_show = None
            t.recalls = 0
        elif last in ("call", "recall"):
            status, t.outcome, t.started, t.finished, t.no_show = "called", None, None, None, None
            t.recalls = sum(1 for e in events if e[0] == "recall")
            t.last_called = events[-1][1]
            state.current[t.window] = tid
        elif last == "start":
            status, t.outcome, t.finished = "serving", None, None
            state.current[t.window] = tid
        if t.window is not None:
            state.open_windows.add(t.window)

    def at(v):
        return None if v is None else base + round(v)

    rows.tickets.append((tid, sid, letter, number, day, letter == "V", "kiosk", status, t.outcome, t.window, None,
                         at(t.issued), at(t.called), at(t.last_called),
                         at(t.last_called) if t.started is not None else None,  # answered when service started
                         t.recalls, at(t.started), at(t.finished),
                         at(t.no_show), None))
    take = ids.take
    for kind, moment, window, user, detail in events:
        rows.events.append((take(TicketEvent), tid, kind, base + round(moment), window, user, detail))
