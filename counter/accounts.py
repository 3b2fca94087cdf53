"""Account work for the windows (the first administrator, the accounts dialog), one transaction each.

The windows call these with the application context; they never open a database session
themselves (`counter.ui` imports neither the ORM nor SQLAlchemy: import-linter holds it).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from counter import auth
from counter.auth import Account, Principal, Role

if TYPE_CHECKING:
    from counter.context import AppContext


def create_first_admin(ctx: AppContext, username: str, display_name: str, password: str) -> Principal:
    """The administrator of a new database, logged in at once. Raises AuthError."""
    with ctx.sessions.begin() as session:
        auth.create_user(session, ctx.clock, station_id=ctx.station.id, username=username,
                         display_name=display_name or username, role=Role.ADMIN, password=password,
                         must_change=False)
    with ctx.sessions() as session:
        return auth.login(session, ctx.clock, username, password)


def as_administrator(ctx: AppContext, fn: Callable[..., object], *args, **kw) -> None:
    """`fn(session, clock, principal, *args, terminal=…, **kw)` in one write transaction."""
    with ctx.sessions.begin() as session:
        fn(session, ctx.clock, ctx.principal, *args, terminal=ctx.config.terminal, **kw)


def list_accounts(ctx: AppContext) -> list[Account]:
    with ctx.sessions() as session:
        return auth.list_accounts(session, ctx.principal)
