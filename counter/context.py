"""One application context handed to services and windows (no global singletons)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from counter import db
from counter.auth import Principal
from counter.clock import Clock, utcnow
from counter.config import Config
from counter.forms.spec import Catalog
from counter.models import ServiceWindow, Station


@dataclass
class AppContext:
    config: Config
    engine: Engine
    sessions: sessionmaker[Session]
    clock: Clock = field(default_factory=Clock)
    principal: Principal | None = None

    @classmethod
    def open(cls, config: Config, clock: Clock | None = None) -> AppContext:
        from counter import notify

        notify.register()  # stored visits are announced to the live views (display, manager)
        engine = db.make_engine(config.database_url)
        if not db.is_sqlite(engine) and (clock is None or type(clock) is Clock):
            # a shared database: its server's clock is the truth (a FixedClock is a test's own time)
            clock = db.server_clock(engine, source=clock.source if clock else utcnow)
        return cls(config=config, engine=engine, sessions=db.make_session_factory(engine),
                   clock=clock or Clock())

    @cached_property
    def catalog(self) -> Catalog:
        from counter.catalog import load_catalog

        return load_catalog()

    @cached_property
    def station(self) -> Station:
        """The station this terminal works for, created on first use.

        Looked up in a read-only session first: this is often first asked for inside another
        session's write transaction, and a second writer would wait for that one forever.

        The hall's settings are read in the same session and overlay this terminal's Config
        (`counter.hall_settings`): every start (window, kiosk, display, command) loads its station
        before it works, so from here on `config` holds the hall's values. A station created
        here has none yet: the terminal's own settings apply.
        """
        from counter import hall_settings

        with db.reading(self.sessions) as session:
            station = session.scalar(select(Station).where(Station.code == self.config.station_code))
            if station is not None:
                session.expunge(station)
                hall_settings.apply(self, hall_settings.stored_in(session, station.id))
                return station
        with self.sessions.begin() as session:
            station = session.scalar(select(Station).where(Station.code == self.config.station_code))
            if station is None:
                number = (session.scalar(select(Station.number).order_by(Station.number.desc())) or 0) + 1
                station = Station(code=self.config.station_code, name=self.config.station_name, number=number)
                session.add(station)
                session.flush()
            session.expunge(station)
        return station

    def window(self, session: Session) -> ServiceWindow:
        """This terminal's window row, created on first use (the queue's rule for new windows)."""
        from counter.queueing import window_row

        return window_row(session, self, self.config.window_number)

    def close(self) -> None:
        self.engine.dispose()
