"""Badge numbers and auxiliaries: who is printed on a receipt as accepting and as responsible.

An auxiliary police officer (辅警) may accept an application but cannot decide it; the receipt
then names the responsible officer (民警) and the officer's badge number (S1 art 7). The
administrator records each account's badge number (警号, or the auxiliary's number), whether it
is an auxiliary's, and for an auxiliary the responsible officer.
"""
from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.auth import AuthError, Principal, require
from counter.clock import Clock
from counter.models import Role, User

BADGE = re.compile(r"[A-Za-z0-9-]{1,16}")


def _user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        raise AuthError(f"账号 {username} 不存在", f"No account named {username}")
    return user


def set_badge(session: Session, user: User, *, badge_number: str | None, auxiliary: bool = False,
              officer: str | None = None) -> User:
    """Record a badge (None or "" clears it), the auxiliary flag and an auxiliary's officer.

    The officer is named by user name; it must be an officer (not an auxiliary) of the same
    station and not the auxiliary themself.
    """
    badge = (badge_number or "").strip()
    if badge and not BADGE.fullmatch(badge):
        raise AuthError("警号为1-16位字母、数字或 -", "A badge number is 1-16 letters, digits or -")
    responsible = None
    if auxiliary and officer:
        responsible = _user(session, officer)
        if responsible.id == user.id or responsible.auxiliary or responsible.station_id != user.station_id:
            raise AuthError("责任民警须为本所的在编民警", "The responsible officer must be an officer of this station")
    user.badge_number = badge or None
    user.auxiliary = bool(auxiliary)
    user.responsible_officer_id = responsible.id if responsible else None
    session.flush()
    return user


def admin_set_badge(session: Session, clock: Clock, actor: Principal | None, *, username: str,
                    badge_number: str | None, auxiliary: bool = False, officer: str | None = None,
                    terminal: str | None = None) -> User:
    """The administrator's change (audited)."""
    from counter.audit import record

    actor = require(actor, Role.ADMIN)
    user = set_badge(session, _user(session, username), badge_number=badge_number,
                     auxiliary=auxiliary, officer=officer)
    record(session, actor, "account.badge",
           f"user={user.username} badge={user.badge_number or '-'} auxiliary={int(user.auxiliary)} "
           f"officer={officer or '-'}", terminal, at=clock.now())
    return user
