"""The closed days' aggregates kept in a cache file across restarts (counter/day_cache.py).

A "restart" is a second `DayAggregates` over the same database and file. Each test checks the
figures against a full `metrics.compute` of the same period, field by field.
"""
from __future__ import annotations

import logging
import math
import os
import pickle
import shutil
import stat
import subprocess
import sys
import uuid
from dataclasses import fields
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from counter import day_aggregates, day_cache
from counter.clock import STATION_TZ, UTC, local
from counter.day_aggregates import VIEW_DIMENSIONS, DayAggregates
from counter.metrics import Group, Metrics, Period, compute
from counter.models import Item, Rating, ServiceWindow, Ticket, TicketEvent, User, Visit
from counter.simulate import SimOptions, simulate

pytestmark = pytest.mark.both_engines

DAYS = 8
CLOSED = DAYS - day_aggregates.VOLATILE_DAYS


def _seeded(ctx, seed: int = 5) -> Period:
    """Eight days of a small hall, with one low rating on a closed day (a row the view lists)."""
    simulate(ctx, SimOptions(days=DAYS, visits_per_day=30, windows=3, seed=seed))
    today = ctx.clock.today()
    period = Period(today - timedelta(days=DAYS - 1), today)
    with ctx.sessions.begin() as session:
        visit = session.scalar(select(Visit.id).join(Ticket, Ticket.id == Visit.ticket_id)
                               .where(Ticket.service_day == period.start + timedelta(days=2),
                                      Visit.id.not_in(select(Rating.visit_id))).order_by(Visit.id))
        session.add(Rating(visit_id=visit, level=1, reason="等候时间太长", source="kiosk", rated_at=ctx.clock.now()))
    return period


def assert_group(a: Group, b: Group, where: str) -> None:
    for f in fields(Group):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if f.name in ("wait", "handling", "hall", "citizen", "item_time"):
            assert sorted(x.values) == sorted(y.values), f"{where}.{f.name}"
        elif isinstance(x, float):
            assert math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-6), f"{where}.{f.name}"
        else:
            assert x == y, f"{where}.{f.name}"


def assert_same(merged: Metrics, full: Metrics) -> None:
    """Every group of every dimension, and the low-rating rows (without the masked ID number,
    which the cache does not keep, and the citizen's serial number, which counts per query)."""
    assert merged.period == full.period and merged.target_minutes == full.target_minutes
    assert_group(merged.total, full.total, "total")
    for dimension in VIEW_DIMENSIONS:
        mine, theirs = merged.by.get(dimension, {}), full.by.get(dimension, {})
        assert sorted(mine, key=repr) == sorted(theirs, key=repr), dimension
        for key, group in theirs.items():
            assert_group(mine[key], group, f"{dimension}[{key!r}]")

    def rows(m):
        return sorted((r._replace(id_number_masked="", citizen_no=0) for r in m.rating_rows),
                      key=lambda r: (r.visit_id, r.position))
    assert rows(merged) == rows(full)


class Spy:
    """The days `compute_days` was asked for."""

    def __init__(self, monkeypatch):
        self.days: list = []
        real = day_aggregates.compute_days

        def spy(ctx, period, target):
            self.days += [period.start + timedelta(days=i) for i in range(period.days)]
            return real(ctx, period, target)

        monkeypatch.setattr(day_aggregates, "compute_days", spy)


def test_a_restart_computes_no_closed_day_and_gives_the_same_figures(ctx, tmp_path, monkeypatch):
    period = _seeded(ctx)
    path = tmp_path / "cache" / "days.bin"
    first = DayAggregates(cache=path)
    assert first.fill(ctx, period) == CLOSED
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not first.dirty
    assert [p.name for p in path.parent.iterdir()] == ["days.bin"]  # no temp file left behind

    spy = Spy(monkeypatch)
    second = DayAggregates(cache=path)  # the program started again
    assert second.fill(ctx, period) == 0
    assert second.last_load["days"] == CLOSED and second.last_load["dropped"] == 0
    merged = second.metrics(ctx, period)
    assert spy.days == [ctx.clock.today() - timedelta(days=i) for i in (2, 1, 0)]  # the recent days only
    assert_same(merged, compute(ctx, period))
    assert merged.total.visits > 0 and merged.rating_rows  # a real check: there are low ratings
    # a shorter period inside, and the manager's dimensions only
    inner = Period(period.start + timedelta(days=1), period.end - timedelta(days=4))
    assert_same(second.metrics(ctx, inner), compute(ctx, inner))


def _closed_day_visit(ctx, period, *, rated: bool):
    """A ticketed visit of the earliest closed day, with or without a rating."""
    with ctx.sessions() as session:
        rated_ids = select(Rating.visit_id)
        stmt = (select(Visit.id, Ticket.service_day).join(Ticket, Ticket.id == Visit.ticket_id)
                .where(Ticket.service_day == period.start, Visit.finished_at.is_not(None))
                .where(Visit.id.in_(rated_ids) if rated else Visit.id.not_in(rated_ids)).order_by(Visit.id))
        return session.execute(stmt).first()


def test_a_rating_given_while_the_program_was_closed_drops_its_day(ctx, tmp_path, monkeypatch):
    period = _seeded(ctx)
    path = tmp_path / "cache" / "days.bin"
    DayAggregates(cache=path).fill(ctx, period)
    visit_id, day = _closed_day_visit(ctx, period, rated=False)
    with ctx.sessions.begin() as session:
        session.add(Rating(visit_id=visit_id, level=1, reason="等候时间太长", source="kiosk", rated_at=ctx.clock.now()))

    spy = Spy(monkeypatch)
    again = DayAggregates(cache=path)
    assert again.fill(ctx, period) == 1 and spy.days == [day]
    merged = again.metrics(ctx, period)
    assert_same(merged, compute(ctx, period))
    assert any(r.visit_id == visit_id for r in merged.rating_rows)


def test_the_rating_mark_is_kept_in_the_file(ctx, tmp_path, monkeypatch):
    """Even if the day's fingerprint could not see it, a rating above the file's mark drops its day."""
    period = _seeded(ctx)
    path = tmp_path / "cache" / "days.bin"
    first = DayAggregates(cache=path)
    first.fill(ctx, period)
    saved_mark = first._rating_mark
    with ctx.sessions() as session:
        assert saved_mark == session.scalar(select(func.max(Rating.id)))
    from counter.db import reading

    with reading(ctx.sessions) as session:
        before = day_cache.day_prints(session, ctx.station.id, period)
    visit_id, day = _closed_day_visit(ctx, period, rated=False)
    with ctx.sessions.begin() as session:
        session.add(Rating(visit_id=visit_id, level=2, reason="态度不好", source="pad", rated_at=ctx.clock.now()))
    monkeypatch.setattr(day_cache, "day_prints", lambda session, station, span: before)  # blind to the rating
    again = DayAggregates(cache=path)
    spy = Spy(monkeypatch)
    assert again.fill(ctx, period) == 1 and spy.days == [day]
    assert_same(again.metrics(ctx, period), compute(ctx, period))


def test_changed_rows_of_a_closed_day_drop_that_day_only(ctx, tmp_path, monkeypatch):
    """A walk-in visit stored late (00:30 local: the previous day in UTC) and a ticket's late
    event: their days are computed again, the others come from the file."""
    period = _seeded(ctx)
    path = tmp_path / "cache" / "days.bin"
    DayAggregates(cache=path).fill(ctx, period)
    walk_in_day, event_day = period.start + timedelta(days=1), period.start + timedelta(days=3)
    started = datetime.combine(walk_in_day, time(0, 30), STATION_TZ).astimezone(UTC)
    assert started.date() < walk_in_day  # the UTC date is the day before
    with ctx.sessions.begin() as session:
        clerk = session.scalar(select(User.id).order_by(User.id))
        window = session.scalar(select(ServiceWindow.id).where(ServiceWindow.station_id == ctx.station.id))
        visit = Visit(station_id=ctx.station.id, key=str(uuid.uuid4()), window_id=window, clerk_id=clerk,
                      status="finished", started_at=started, finished_at=started + timedelta(minutes=7))
        visit.items.append(Item(position=0, procedure_code="HZ-01", category="hz", fee=Decimal("0"),
                                started_at=started, finished_at=started + timedelta(minutes=7)))
        session.add(visit)
        ticket = session.scalar(select(Ticket).where(Ticket.station_id == ctx.station.id,
                                                     Ticket.service_day == event_day, Ticket.outcome == "served")
                                .order_by(Ticket.id))
        ticket.recalls += 1  # a change of a ticket always comes with its event
        session.add(TicketEvent(ticket_id=ticket.id, kind="recall", at=ticket.issued_at + timedelta(minutes=1)))

    spy = Spy(monkeypatch)
    again = DayAggregates(cache=path)
    assert again.fill(ctx, period) == 2
    assert sorted(spy.days) == [walk_in_day, event_day]
    assert again.last_load["dropped"] == 2
    assert_same(again.metrics(ctx, period), compute(ctx, period))
    assert local(started).date() in again.metrics(ctx, period).by["day"]


def _recreate(request, db_url: str) -> str:
    """A new, empty, migrated database at the same URL."""
    if db_url.startswith("sqlite"):
        path = db_url.removeprefix("sqlite:///")
        os.remove(path)
        shutil.copy(request.getfixturevalue("migrated_template"), path)
        return db_url
    return request.getfixturevalue("pg_databases").fresh_shared()


def test_a_recreated_database_at_the_same_url_does_not_use_the_file(request, ctx, db_url, clock, tmp_path):
    from counter.config import Config
    from counter.context import AppContext

    period = _seeded(ctx)
    path = tmp_path / "cache" / "days.bin"
    DayAggregates(cache=path).fill(ctx, period)
    first_token = day_cache.instance_token(ctx)
    assert first_token is not None
    ctx.close()
    url = _recreate(request, db_url)
    again = AppContext.open(Config(database_url=url), clock=clock)
    try:
        _seeded(again)  # the same days, the same counts and ids: only the instance tells them apart
        assert day_cache.instance_token(again) is None
        assert day_cache.instance_token(again, create=True) not in (None, first_token)
        store = DayAggregates(cache=path)
        assert store.fill(again, period) == CLOSED
        assert_same(store.metrics(again, period), compute(again, period))
        assert DayAggregates(cache=path).fill(again, period) == 0  # written again, for this database
    finally:
        again.close()


def test_another_target_is_computed_and_both_are_kept(ctx, tmp_path):
    period = _seeded(ctx)
    path = tmp_path / "cache" / "days.bin"
    DayAggregates(cache=path).fill(ctx, period)
    again = DayAggregates(cache=path)
    assert again.fill(ctx, period, target_minutes=15) == CLOSED
    assert_same(again.metrics(ctx, period, target_minutes=15), compute(ctx, period, target_minutes=15))
    third = DayAggregates(cache=path)
    assert third.fill(ctx, period) == 0 and third.fill(ctx, period, target_minutes=15) == 0
    assert_same(third.metrics(ctx, period), compute(ctx, period))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty", "global"])
def test_a_damaged_or_foreign_file_is_ignored_and_replaced(ctx, tmp_path, damage, caplog):
    caplog.set_level(logging.INFO, logger="counter.day_aggregates")
    period = _seeded(ctx)
    path = tmp_path / "cache" / "days.bin"
    DayAggregates(cache=path).fill(ctx, period)
    good = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(os.urandom(5000))
    elif damage == "truncated":
        path.write_bytes(good[:len(good) // 2])
    elif damage == "flipped":
        path.write_bytes(good[:-100] + bytes([good[-100] ^ 1]) + good[-99:])
    elif damage == "empty":
        path.write_bytes(b"")
    else:  # the right magic and digest around a pickle that names a global: refused, never called
        body = pickle.dumps({"code": day_cache.code_version(), "days": [os.getcwd]}, protocol=5)
        import hashlib

        path.write_bytes(day_cache.MAGIC + hashlib.sha256(body).digest() + body)
        with pytest.raises(day_cache.Unusable, match="not a plain value"):
            day_cache.read_file(path)
    store = DayAggregates(cache=path)
    assert store.fill(ctx, period) == CLOSED
    assert_same(store.metrics(ctx, period), compute(ctx, period))
    assert "day cache not used" in caplog.text
    assert DayAggregates(cache=path).fill(ctx, period) == 0  # replaced by a good one
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_another_code_version_is_not_used(ctx, tmp_path, monkeypatch):
    period = _seeded(ctx)
    path = tmp_path / "cache" / "days.bin"
    DayAggregates(cache=path).fill(ctx, period)
    monkeypatch.setattr(day_cache, "code_version", lambda: "changed")
    assert DayAggregates(cache=path).fill(ctx, period) == CLOSED


def test_a_database_whose_ratings_went_back_is_not_used(ctx, tmp_path):
    """A restored backup: the newest rating is below the file's mark."""
    period = _seeded(ctx)
    path = tmp_path / "cache" / "days.bin"
    DayAggregates(cache=path).fill(ctx, period)
    with ctx.sessions.begin() as session:
        newest = session.scalar(select(func.max(Rating.id)))
        session.delete(session.get(Rating, newest))
    assert DayAggregates(cache=path).fill(ctx, period) == CLOSED


def test_a_file_that_cannot_be_written_is_logged_not_raised(ctx, tmp_path, caplog):
    period = _seeded(ctx)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    store = DayAggregates(cache=blocker / "days.bin")
    assert store.fill(ctx, period) == CLOSED  # no exception
    assert "could not be written" in caplog.text and store.dirty
    assert_same(store.metrics(ctx, period), compute(ctx, period))


def test_without_a_file_everything_stays_in_memory(ctx, tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("COUNTER_DATA_DIR", str(data))
    period = _seeded(ctx)
    store = DayAggregates()
    assert store.fill(ctx, period) == CLOSED and not store.dirty and not store.save(ctx)
    assert list(data.iterdir()) == [] and day_cache.instance_token(ctx) is None


def test_the_code_version_does_not_depend_on_the_hash_seed_nor_on_the_source():
    """A frozen bundle has no source: the code objects are digested (frozen sets sorted)."""
    script = ("import sys, importlib.machinery as m\n"
              "if sys.argv[1] == 'code': m.SourceFileLoader.get_source = lambda self, name: None\n"
              "from counter import day_cache; print(day_cache.code_version())")
    seen = {}
    for mode in ("source", "code"):
        for seed in ("1", "2"):
            done = subprocess.run([sys.executable, "-c", script, mode], capture_output=True, text=True, check=True,
                                  env={**os.environ, "PYTHONHASHSEED": seed})
            seen[(mode, seed)] = done.stdout.strip()
    assert seen[("source", "1")] == seen[("source", "2")] == day_cache.code_version()
    assert seen[("code", "1")] == seen[("code", "2")] != seen[("source", "1")]


def test_a_day_that_cannot_be_decoded_is_computed_again(ctx, tmp_path, monkeypatch, caplog):
    period = _seeded(ctx)
    path = tmp_path / "cache" / "days.bin"
    DayAggregates(cache=path).fill(ctx, period)
    real, bad = day_cache.decode_day, period.start + timedelta(days=1)

    def decode(data, day, target, names):
        if day == bad:
            raise ValueError("a day of another shape")
        return real(data, day, target, names)

    monkeypatch.setattr(day_cache, "decode_day", decode)
    spy = Spy(monkeypatch)
    store = DayAggregates(cache=path)
    merged = store.metrics(ctx, period)  # decoded when needed, not at the load
    assert bad in spy.days and "could not be decoded" in caplog.text
    assert_same(merged, compute(ctx, period))
    assert store.fill(ctx, period) == 0 and len(store) == CLOSED
