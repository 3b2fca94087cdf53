"""The closed days' aggregates on disk: one file per terminal, so a restart does not compute a year again.

`DayAggregates` (counter.day_aggregates) keeps each closed day's `Metrics`; with a cache file it
loads them at its first use and writes them back after a fill. This module is the file and the
checks that decide what in it may still be shown. docs/day-cache.md says the same for people.

The file (`day-aggregates.bin` in the terminal's data folder, `counter.paths.data_dir()`):
16 bytes of magic, the SHA-256 of the rest, then a pickle (protocol 5) of plain values only —
ints, floats, strings, bytes, tuples, lists, dicts, None. It is read with an unpickler that
refuses every global, so a foreign or crafted file can fail to load but never runs code, and a
file whose digest does not match (torn, truncated, a flipped bit) is not read at all. Written
by the program itself, mode 0600, to a temp file in the same folder and `os.replace`d: a reader
sees the old file or the new one. Durations are the `Dist` arrays as bytes (float64, exact);
identical arrays of one day (the day's total, its day and weekday groups share most of theirs)
are stored once. The low-rating rows keep what the period view shows; the masked ID number is
not stored (the manager's tables never show it; the Excel export always computes in full) and
the window, clerk and procedure names are looked up again when the file is loaded (a rename is
shown as a full computation would show it).

What invalidates (each checked when the file is loaded; any failure to read is "nothing kept"):
- the whole file: another format or code version (`code_version`: a digest of the source of
  counter/metrics/, counter/day_aggregates.py, this module and counter/clock.py, with the
  field names of `Group`, `Metrics` and `RawRow` and `FORMAT`); another database or station
  (`instance_token`: a random number stored once per station in the database, with the station's
  id and code — a recreated or another database has another one or none); ratings whose newest
  id is below the mark the file was written with (the database went back: a restore);
- one day: another service-level target (it is part of each day's key); its fingerprint
  (`day_prints`: per service day the count and highest id of its tickets, ticket events, visits
  and ratings — every change of a ticket writes a ticket event, visits and ratings are only
  inserted) differs from the one taken just BEFORE the day was computed — read in ONE grouped
  statement over the cached days when the file is loaded (a year of a 34-window hall: 0.34 s on
  SQLite, 0.25 s on PostgreSQL, against ~12 s to compute it); a rating with an id above the
  file's mark (the in-memory rule of `DayAggregates`, carried across the restart).
The days are handed over still encoded and decoded when first needed (`decode_day`). No Qt.
"""
from __future__ import annotations

import functools
import gc
import hashlib
import importlib
import io
import logging
import os
import pickle
import pkgutil
import secrets
import sys
import tempfile
import threading
from contextlib import contextmanager
from collections import Counter as Tally
from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import CodeType
from typing import Any, Iterator

from sqlalchemy import and_, func, literal, select, union_all, update

from counter.clock import STATION_TZ
from counter.metrics import Dist, Group, Metrics, Period, RawRow

log = logging.getLogger(__name__)

FILE_NAME = "day-aggregates.bin"
MAGIC = b"counter-dayagg\n\x01"  # 16 bytes; the last one is the layout of the file itself
FORMAT = 1  # by hand: a change of meaning the code digest would not see (e.g. in the database)
_DIGEST = 32


class Unusable(Exception):
    """The file cannot be used (corrupt, foreign, another version, another database)."""


def default_file() -> Path:
    """This terminal's cache file (the data folder is created if needed: call it off the GUI thread)."""
    from counter.paths import data_dir

    return data_dir() / FILE_NAME


# --- the code version ---------------------------------------------------------------------------

def _const_text(const) -> str:
    """A constant as text that does not depend on the hash seed (frozen sets sorted)."""
    if isinstance(const, frozenset):
        return "frozenset" + repr(sorted(_const_text(c) for c in const))
    if isinstance(const, tuple):
        return "(" + ",".join(_const_text(c) for c in const) + ")"
    return repr(const)


def _code_digest(h, code: CodeType) -> None:
    """A code object's instructions, names and constants (where there is no source)."""
    h.update(code.co_code)
    h.update(repr((code.co_names, code.co_varnames, code.co_freevars, code.co_cellvars)).encode())
    for const in code.co_consts:
        if isinstance(const, CodeType):
            _code_digest(h, const)
        else:
            h.update(_const_text(const).encode())


def _module_digest(h, name: str) -> None:
    module = sys.modules[name]
    loader = getattr(module, "__loader__", None)
    source = None
    try:
        source = loader.get_source(name) if loader is not None else None
    except (ImportError, OSError):
        source = None
    if source is not None:
        h.update(source.encode())
        return
    code = loader.get_code(name) if loader is not None else None  # a frozen bundle: no source
    if code is None:
        raise RuntimeError(f"no source and no code for {name}")
    _code_digest(h, code)


@functools.cache
def code_version() -> str:
    """A digest of what computes a day's figures: any change there leaves the old file unused."""
    import counter.clock
    import counter.day_aggregates
    import counter.metrics

    h = hashlib.sha256(f"format {FORMAT}".encode())
    for cls in (Group, Metrics):
        h.update(repr([f.name for f in fields(cls)]).encode())
    h.update(repr(RawRow._fields).encode())
    package = counter.metrics
    names = sorted({f"{package.__name__}.{m.name}" for m in pkgutil.iter_modules(package.__path__)}
                   | {n for n in sys.modules if n.startswith(f"{package.__name__}.")})
    for name in [package.__name__, *names, "counter.day_aggregates", __name__, counter.clock.__name__]:
        importlib.import_module(name)
        h.update(name.encode())
        _module_digest(h, name)
    return h.hexdigest()


# --- which database --------------------------------------------------------------------------

def instance_token(ctx, *, create: bool = False) -> int | None:
    """This station's random number in its database (None: none yet). A recreated or restored-
    from-elsewhere database has another one or none, so a file written for it is not used.

    `stations.instance_token` (migration 0016), set once: the first terminal to set it wins, the
    others read it (an UPDATE only where it is still NULL)."""
    from counter.db import reading
    from counter.models import Station

    station = ctx.station.id
    read = select(Station.instance_token).where(Station.id == station)
    with reading(ctx.sessions) as session:
        found = session.scalar(read)
    if found is not None or not create:
        return found
    with ctx.sessions.begin() as session:
        session.execute(update(Station).where(Station.id == station, Station.instance_token.is_(None))
                        .values(instance_token=secrets.randbelow(2**31 - 2) + 1))
    with reading(ctx.sessions) as session:
        return session.scalar(read)


def identity(ctx, token: int | None) -> tuple:
    station = ctx.station
    return (token, station.id, station.code)


# --- per-day fingerprints ----------------------------------------------------------------------

def _local_day(column, dialect: str):
    if dialect == "postgresql":
        return func.date(func.timezone(STATION_TZ.key, column))
    # SQLite keeps naive UTC text; Asia/Shanghai has been UTC+8 all year since 1991 (no DST)
    offset = STATION_TZ.utcoffset(datetime(2020, 1, 1))
    assert offset is not None and offset == STATION_TZ.utcoffset(datetime(2020, 7, 1)), "a zone with DST"
    return func.date(column, f"{int(offset.total_seconds()):+d} seconds")


def day_prints(session, station_id: int, period: Period) -> dict[date, tuple]:
    """Per service day of `period`: (tag, count, highest id, count, highest id) for its tickets (1),
    their events (2), its ticketed visits and their ratings (3), its walk-in visits (by local day)
    and their ratings (4). One statement; a day without rows has no entry."""
    from counter.models import Rating, Ticket, TicketEvent, Visit

    lo, hi = period.utc_bounds()
    days = and_(Ticket.station_id == station_id, Ticket.service_day >= period.start, Ticket.service_day <= period.end)
    tickets = (select(literal(1), Ticket.service_day, func.count(), func.max(Ticket.id), literal(0), literal(0))
               .where(days).group_by(Ticket.service_day))
    events = (select(literal(2), Ticket.service_day, func.count(), func.max(TicketEvent.id), literal(0), literal(0))
              .select_from(TicketEvent).join(Ticket, Ticket.id == TicketEvent.ticket_id)
              .where(days).group_by(Ticket.service_day))
    visits = (select(literal(3), Ticket.service_day, func.count(Visit.id), func.max(Visit.id),
                     func.count(Rating.id), func.max(Rating.id))
              .select_from(Visit).join(Ticket, Ticket.id == Visit.ticket_id)
              .outerjoin(Rating, Rating.visit_id == Visit.id)
              .where(days).group_by(Ticket.service_day))
    day = _local_day(Visit.started_at, session.get_bind().dialect.name)
    walk_ins = (select(literal(4), day, func.count(Visit.id), func.max(Visit.id),
                       func.count(Rating.id), func.max(Rating.id))
                .select_from(Visit).outerjoin(Rating, Rating.visit_id == Visit.id)
                .where(Visit.station_id == station_id, Visit.ticket_id.is_(None), Visit.started_at >= lo,
                       Visit.started_at < hi)
                .group_by(day))
    found: dict[date, list] = {}
    for tag, when, *numbers in session.execute(union_all(tickets, events, visits, walk_ins)):
        if isinstance(when, str):
            when = date.fromisoformat(when[:10])
        found.setdefault(when, []).append((int(tag), *(None if n is None else int(n) for n in numbers)))
    return {d: tuple(sorted(rows)) for d, rows in found.items()}


# --- a day's metrics as plain values ------------------------------------------------------------

_GROUP_FIELDS = tuple(f.name for f in fields(Group))
_KINDS = tuple("dist" if isinstance(v, Dist) else "money" if isinstance(v, Decimal) else
               "tally" if isinstance(v, Tally) else "plain"
               for v in (getattr(Group(), name) for name in _GROUP_FIELDS))
_HINTS = [str(getattr(h, "__forward_arg__", h)) for h in RawRow.__annotations__.values()]  # "datetime | None" …
_ROW_KINDS = tuple("datetime" if hint.startswith("datetime") else "date" if hint == "date" else
                   "money" if hint == "Decimal" else "plain" for hint in _HINTS)
_NOT_STORED = frozenset({"id_number_masked"})  # a citizen's (masked) number: not in the file
_LOOKED_UP = {"window_name", "clerk_name", "procedure_name"}


def _encode_group(g: Group, blobs: dict[bytes, int]) -> tuple:
    out: list[Any] = []
    for name, kind in zip(_GROUP_FIELDS, _KINDS):
        value = getattr(g, name)
        if kind == "dist":
            data = value.values.tobytes()
            out.append(blobs.setdefault(data, len(blobs)) if data else -1)
        elif kind == "money":
            out.append(str(value))
        elif kind == "tally":
            out.append(tuple(sorted(value.items())))
        else:
            out.append(value)
    return tuple(out)


_PLAIN = tuple((n, i) for i, (n, k) in enumerate(zip(_GROUP_FIELDS, _KINDS)) if k == "plain")
_DISTS = tuple((n, i) for i, (n, k) in enumerate(zip(_GROUP_FIELDS, _KINDS)) if k == "dist")
_MONEY = tuple((n, i) for i, (n, k) in enumerate(zip(_GROUP_FIELDS, _KINDS)) if k == "money")
_TALLY = tuple((n, i) for i, (n, k) in enumerate(zip(_GROUP_FIELDS, _KINDS)) if k == "tally")


def _decode_group(data: tuple, blobs: list[bytes]) -> Group:
    """A `Group` as `Group(...)` would make it, its attributes set directly (50,000 for a year)."""
    if len(data) != len(_GROUP_FIELDS):
        raise Unusable("a group of another shape")
    g = object.__new__(Group)
    attrs = g.__dict__
    for name, i in _PLAIN:
        attrs[name] = data[i]
    for name, i in _DISTS:
        dist = attrs[name] = Dist()
        if data[i] >= 0:
            dist.values.frombytes(blobs[data[i]])
    for name, i in _MONEY:
        attrs[name] = Decimal(data[i])
    for name, i in _TALLY:
        tally = attrs[name] = Tally()
        dict.update(tally, data[i])  # (level, count) pairs, each level once
    return g


def _encode_row(row: RawRow) -> tuple:
    out: list[Any] = []
    value: Any
    for name, kind, value in zip(RawRow._fields, _ROW_KINDS, row):
        if name in _NOT_STORED or name in _LOOKED_UP or value is None:
            out.append(None if name not in _NOT_STORED else "")
        elif kind == "datetime":
            out.append(value.isoformat())
        elif kind == "date":
            out.append(value.toordinal())
        elif kind == "money":
            out.append(str(value))
        else:
            out.append(value)
    return tuple(out)


@dataclass
class Names:
    """The names a rating row shows, as the database and the catalogue have them now."""

    windows: dict[int, str]
    clerks: dict[int, str]
    procedures: dict[str, str]


def current_names(ctx) -> Names:
    from counter.db import reading
    from counter.models import ServiceWindow, User

    with reading(ctx.sessions) as session:
        windows = dict(session.execute(select(ServiceWindow.id, ServiceWindow.name)
                                       .where(ServiceWindow.station_id == ctx.station.id)).all())
        clerks = dict(session.execute(select(User.id, User.display_name)).all())
    return Names(windows, clerks, {p.code: p.name.zh_CN for p in ctx.catalog.procedures})


def _decode_row(data: tuple, names: Names) -> RawRow:
    if len(data) != len(RawRow._fields):
        raise Unusable("a rating row of another shape")
    values: list[Any] = []
    for kind, value in zip(_ROW_KINDS, data):
        if value is None:
            values.append(None)
        elif kind == "datetime":
            values.append(datetime.fromisoformat(value))
        elif kind == "date":
            values.append(date.fromordinal(value))
        elif kind == "money":
            values.append(Decimal(value))
        else:
            values.append(value)
    row = RawRow(*values)
    return row._replace(  # as raw_rows names them
        window_name=names.windows.get(row.window_id, "") if row.window_id is not None else "",
        clerk_name=names.clerks.get(row.clerk_id, "") if row.clerk_id else "",
        procedure_name=names.procedures.get(row.procedure_code, row.procedure_code or ""))


def encode_day(m: Metrics) -> tuple:
    blobs: dict[bytes, int] = {}
    total = _encode_group(m.total, blobs)
    by = {}
    for dimension, table in m.by.items():
        by[dimension] = [(key.toordinal() if dimension == "day" else key, _encode_group(g, blobs))
                         for key, g in table.items()]
    return list(blobs), total, by, [_encode_row(r) for r in m.rating_rows]


def decode_day(data: tuple, day: date, target: float, names: Names) -> Metrics:
    blobs, total, by, rows = data
    m = Metrics(Period(day, day), target, _decode_group(total, blobs))
    for dimension, table in by.items():
        m.by[dimension] = {(date.fromordinal(key) if dimension == "day" else key): _decode_group(g, blobs)
                           for key, g in table}
    m.rating_rows = [_decode_row(r, names) for r in rows]
    return m


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_on = True


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while many objects without cycles are made (reading the file,
    decoding days): the collector walking them again and again as they pile up cost as much as
    making them (0.8 s of 1.5 for a year). Global, so counted across threads."""
    global _gc_pauses, _gc_was_on
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_on = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_on:
                gc.enable()


# --- the file ------------------------------------------------------------------------------------

class _PlainValues(pickle.Unpickler):
    """Plain values only: a pickle that names any global (a class, a function) is refused."""

    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"{module}.{name} is not a plain value")


def read_file(path: Path) -> dict | None:
    """The file's content (None: there is none); `Unusable` when it cannot be trusted."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise Unusable(f"cannot read: {exc}") from exc
    if len(raw) < len(MAGIC) + _DIGEST or raw[:len(MAGIC)] != MAGIC:
        raise Unusable("not a day cache of this layout")
    body = raw[len(MAGIC) + _DIGEST:]
    if hashlib.sha256(body).digest() != raw[len(MAGIC):len(MAGIC) + _DIGEST]:
        raise Unusable("damaged (the digest does not match)")
    try:
        content = _PlainValues(io.BytesIO(body)).load()
    except Exception as exc:  # a pickle of something else: anything can go wrong, nothing runs
        raise Unusable(f"unreadable: {exc}") from exc
    if not isinstance(content, dict):
        raise Unusable("not a day cache")
    return content


def write_file(path: Path, content: dict) -> int:
    """Atomically, mode 0600 (a temp file in the same folder, then os.replace). Returns the size."""
    body = pickle.dumps(content, protocol=5)
    data = MAGIC + hashlib.sha256(body).digest() + body
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # mkstemp: 0600
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    return len(data)


# --- loading and saving ----------------------------------------------------------------------------

Entry = tuple[float, date, tuple, Any]  # target minutes, day, fingerprint, Metrics or its encoded form


@dataclass
class Loaded:
    entries: list[Entry]  # each day still in its encoded form: `decode_day` when it is first needed
    rating_mark: int
    dropped: int  # days in the file whose rows changed since
    names: Names  # for `decode_day`


def load(ctx, path: Path) -> Loaded | None:
    """The file's days still valid for this database (None: no file). Raises `Unusable`.

    The days are not decoded here (a year is ~50,000 groups, ~0.4 s): the first view needs a
    month of them, the year's fill decodes the rest in the background."""
    from counter.db import reading
    from counter.models import Rating

    with paused_gc():  # the file's ~200,000 tuples, without cycles
        content = read_file(path)
    if content is None:
        return None
    if content.get("code") != code_version():
        raise Unusable("written by another version of the figures' code")
    token = instance_token(ctx)
    if token is None or tuple(content.get("database", ())) != identity(ctx, token):
        raise Unusable("written for another database or station")
    mark = content.get("rating_mark")
    stored = content.get("days")
    if not isinstance(mark, int) or not isinstance(stored, list):
        raise Unusable("incomplete")
    names = current_names(ctx)
    if not stored:
        return Loaded([], mark, 0, names)
    ordinals = [entry[1] for entry in stored]
    span = Period(date.fromordinal(min(ordinals)), date.fromordinal(max(ordinals)))
    with reading(ctx.sessions) as session:
        newest = session.scalar(select(func.max(Rating.id))) or 0
        if newest < mark:
            raise Unusable("the database went back (its ratings end below the file's mark): restored?")
        prints = day_prints(session, ctx.station.id, span)
    entries: list[Entry] = []
    for target, ordinal, print_, data in stored:
        day, print_ = date.fromordinal(ordinal), tuple(tuple(p) for p in print_)
        if prints.get(day, ()) == print_:
            entries.append((float(target), day, print_, data))
    return Loaded(entries, mark, len(stored) - len(entries), names)


def save(ctx, path: Path, entries: list[Entry], rating_mark: int) -> int:
    """Write these days (all of one station; each a `Metrics` or the encoded form it was loaded
    in) with the rating mark. Returns the file's size."""
    content = {
        "code": code_version(),
        "database": identity(ctx, instance_token(ctx, create=True)),
        "rating_mark": rating_mark,
        "days": [(target, day.toordinal(), print_, encode_day(m) if isinstance(m, Metrics) else m)
                 for target, day, print_, m in entries],
    }
    return write_file(path, content)
