"""Migration 0007 fills `answered_at` with exactly the rule metrics used before (both engines)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from counter import db

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=timezone.utc)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    if request.param == "postgresql":
        return request.getfixturevalue("pg_own_url_empty")
    return f"sqlite:///{tmp_path / 'old.sqlite3'}"


@pytest.fixture
def pg_own_url_empty(pg_cluster):
    name = "counter_m0007"
    pg_cluster.drop_database(name)
    url = pg_cluster.create_database(name)
    yield url
    pg_cluster.drop_database(name)


def test_backfill_follows_the_old_wait_rule(empty_url):
    db.upgrade(empty_url, "0006")
    engine = db.make_engine(empty_url)
    tickets = {  # id: (last_called_at, started_at, events (kind, at)), expected answered_at
        1: (at(10), at(11), [("call", at(10))], at(10)),                      # plain: the call
        2: (at(12), at(13), [("call", at(5)), ("recall", at(12))], at(12)),   # the recall answered
        # transferred after start
        3: (at(40), at(21), [("call", at(20)), ("transfer", at(22)), ("call", at(40))], at(20)),
        4: (None, None, [("call", at(30)), ("no_show", at(35))], None),       # never served
        5: (None, at(50), [], at(50)),                                        # started without a call
    }
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO stations (id, code, name, number) VALUES (1, 'S', 'S', 1)"))
        for tid, (last, started, events, _expected) in tickets.items():
            conn.execute(text(
                "INSERT INTO tickets (id, station_id, category, number, service_day, priority, source, status, "
                "issued_at, last_called_at, started_at, recalls) "
                "VALUES (:id, 1, 'A', :id, :day, false, 'kiosk', 'done', :issued, :last, :started, 0)"),
                {"id": tid, "day": T0.date(), "issued": at(0), "last": last, "started": started})
            for kind, moment in events:
                conn.execute(text("INSERT INTO ticket_events (ticket_id, kind, at) VALUES (:t, :k, :a)"),
                             {"t": tid, "k": kind, "a": moment})
    engine.dispose()
    db.upgrade(empty_url)
    engine = db.make_engine(empty_url)
    from counter.models import Ticket
    from sqlalchemy.orm import Session

    with Session(engine) as session:
        found = {t.id: t.answered_at for t in session.query(Ticket)}
        versions = session.execute(text("SELECT count(*) FROM service_windows WHERE version <> 0")).scalar()
    engine.dispose()
    assert found == {tid: expected for tid, (*_rest, expected) in tickets.items()}
    assert versions == 0
