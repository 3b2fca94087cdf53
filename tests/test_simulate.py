"""The demo simulator: deterministic per seed, and merged windows shorten the time in hall."""
from __future__ import annotations

import pytest

import hashlib
import shutil
from datetime import date

from sqlalchemy import select

from counter import metrics
from counter.config import Config
from counter.context import AppContext
from counter.metrics import Period
from counter.models import Item, Rating, Ticket, TicketEvent, Visit
from counter.simulate import SimOptions, simulate

pytestmark = pytest.mark.both_engines  # the same tests on SQLite and PostgreSQL


def digest(ctx) -> str:
    h = hashlib.sha256()
    with ctx.sessions() as s:
        for model in (Ticket, TicketEvent, Visit, Item, Rating):
            cols = [c for c in model.__table__.c]
            for row in s.execute(select(*cols).order_by(model.id)):
                h.update(repr(tuple(row)).encode())
    return h.hexdigest()


def second_ctx(migrated_template, tmp_path, clock, name="second"):
    path = tmp_path / f"{name}.sqlite3"
    shutil.copy(migrated_template, path)
    return AppContext.open(Config(database_url=f"sqlite:///{path}"), clock=clock)


def test_same_seed_same_data(ctx, clock, migrated_template, tmp_path):
    options = SimOptions(days=5, visits_per_day=40, windows=3, seed=42)
    first = simulate(ctx, options)
    other = second_ctx(migrated_template, tmp_path, clock)
    try:
        again = simulate(other, options)
        assert (first.tickets, first.visits, first.items) == (again.tickets, again.visits, again.items)
        assert digest(ctx) == digest(other)
        third = second_ctx(migrated_template, tmp_path, clock, "third")
        changed = simulate(third, SimOptions(days=5, visits_per_day=40, windows=3, seed=43))
        assert digest(third) != digest(ctx) or changed.tickets != first.tickets
        third.close()
    finally:
        other.close()


def test_simulated_data_is_plausible(ctx, clock):
    result = simulate(ctx, SimOptions(days=7, visits_per_day=80, windows=4, seed=3))
    m = metrics.compute(ctx, Period(result.first_day, result.last_day))
    t = m.total
    assert t.visits > 300 and 1.0 < t.items_per_visit < 2.0
    assert t.no_shows > 0 and t.rated > 0 and t.levels[5] > t.levels[1]
    assert any(r.rating_reason for r in m.rating_rows)
    assert m.by["category"].get("V") is not None  # priority tickets
    weekday = m.by["weekday"]
    # Sunday lighter than a full weekday (Monday is today here, cut at 10:00: a half day)
    assert weekday[6].tickets < weekday[1].tickets
    hours = m.by["hour"]
    assert hours[9].tickets + hours[10].tickets > hours[12].tickets + hours[13].tickets  # morning peak
    # today (10:00 on the fixed clock) is cut at now: nothing issued later, some still in the hall
    with ctx.sessions() as s:
        today = s.scalars(select(Ticket).where(Ticket.service_day == clock.today())).all()
    assert today and max(t.issued_at for t in today) <= clock.now()
    assert {t.status for t in today} & {"waiting", "called", "serving"}


def test_before_after_shows_shorter_time_in_hall(ctx):
    switch = date(2026, 11, 9)
    simulate(ctx, SimOptions(days=28, visits_per_day=150, windows=6, seed=5, end=date(2026, 11, 22),
                             before_after=switch))
    before = metrics.compute(ctx, Period(date(2026, 10, 26), date(2026, 11, 8)))
    after = metrics.compute(ctx, Period(switch, date(2026, 11, 22)))
    assert set(before.by["category"]) <= {"A", "B", "V"}
    assert set(after.by["category"]) <= {"C", "V"}
    # separate windows: citizens with both kinds of business queued twice
    assert before.total.visits > before.total.citizen.count
    assert after.total.visits == after.total.citizen.count
    assert after.total.citizen.mean < 0.9 * before.total.citizen.mean
    assert after.total.wait.mean < before.total.wait.mean


def test_cli_demo(db_url):
    from counter.cli import main

    args = ["--database", db_url, "demo", "--days", "2", "--seed", "3", "--visits-per-day", "20", "--windows", "2"]
    assert main(args) == 0
    assert main(args) == 2  # the same days again: refused, nothing doubled


def test_demo_seed_visits_uses_the_simulator(ctx):
    from counter.demo import seed_accounts, seed_visits

    seed_accounts(ctx)
    assert seed_visits(ctx) > 0
    assert seed_visits(ctx) == 0  # only once


def _stored_text(url: str) -> list[tuple]:
    """Every simulated row exactly as SQLite stores it (no type conversion on the way out)."""
    import sqlite3

    from counter.simulate.writer import COLUMNS

    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return [row for model in COLUMNS
                for row in conn.execute(f"SELECT * FROM {model.__table__.name} ORDER BY id")]


def test_the_sqlite_fast_writer_stores_what_sqlalchemy_would(migrated_template, tmp_path, monkeypatch):
    """The SQLite writer hands the driver values in SQLAlchemy's own storage format (faster:
    benchmarks/simulate_writer.py); the same hall written through Core must be byte-identical."""
    from counter.simulate.writer import _Rows

    options = SimOptions(days=3, visits_per_day=40, windows=3, end=date(2026, 11, 20))
    stored = []
    for storage_format, name in ((True, "fast.sqlite3"), (False, "core.sqlite3")):
        monkeypatch.setattr(_Rows, "sqlite_storage_format", storage_format)
        shutil.copy(migrated_template, tmp_path / name)
        url = f"sqlite:///{tmp_path / name}"
        ctx = AppContext.open(Config(database_url=url))
        try:
            simulate(ctx, options)
        finally:
            ctx.close()
        stored.append(_stored_text(url))
    assert stored[0] and stored[0] == stored[1]
