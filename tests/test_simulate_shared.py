"""The simulator on a database a terminal is using at the same time: the database hands out the
keys, so the terminal's ticket (its id taken, not yet committed) and the simulated rows never
collide (max(id)+1 picked the terminal's id and waited on it, then failed)."""
from __future__ import annotations

from datetime import timedelta

import psycopg
import pytest
from sqlalchemy import func, select

from counter.models import Ticket
from counter.notify import libpq_conninfo
from counter.simulate import SimOptions, simulate

pytestmark = pytest.mark.postgres


def test_simulation_beside_a_terminal_mid_transaction(pg_url, clock):
    from counter.config import Config
    from counter.context import AppContext

    ctx = AppContext.open(Config(database_url=pg_url), clock=clock)
    try:
        ctx.station  # noqa: B018
        with psycopg.connect(libpq_conninfo(pg_url)) as terminal:  # a kiosk's ticket, not committed yet
            terminal.execute("SET lock_timeout = '5s'")
            taken = terminal.execute(
                "INSERT INTO tickets (station_id, category, number, service_day, priority, source, status, "
                "issued_at, recalls) VALUES (%s, 'A', 999, %s, false, 'kiosk', 'waiting', now(), 0) RETURNING id",
                (ctx.station.id, clock.today() + timedelta(days=30))).fetchone()[0]
            result = simulate(ctx, SimOptions(days=2, visits_per_day=20, windows=2, seed=5))
            terminal.commit()
        with ctx.sessions() as s:
            ids = s.scalars(select(Ticket.id)).all()
            assert taken in ids and len(ids) == len(set(ids)) == result.tickets + 1
            assert s.scalar(select(func.count()).select_from(Ticket).where(Ticket.id == taken)) == 1
    finally:
        ctx.close()
