"""Wrong passwords from several terminals at once are counted one by one: the fifth locks."""
from __future__ import annotations

import threading

import pytest

from counter.auth import AuthError, create_user, login
from counter.models import Role

pytestmark = pytest.mark.both_engines


def test_parallel_wrong_passwords_lock_the_account_at_five(ctx):
    with ctx.sessions.begin() as session:
        create_user(session, ctx.clock, station_id=ctx.station.id, username="wang", display_name="王",
                    role=Role.CLERK, password="Right@2026", must_change=False)
    said, start = [], threading.Barrier(8)

    def attempt():
        start.wait()
        with ctx.sessions() as session:
            try:
                login(session, ctx.clock, "wang", "Wrong@2026")
            except AuthError as exc:
                said.append(exc.en)

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert said.count("5 wrong passwords: account locked for 15 minutes") == 1
    assert said.count("Wrong user name or password") == 4
    assert sum(1 for s in said if s.startswith("Account locked")) == 3
    with ctx.sessions() as session, pytest.raises(AuthError, match="Account locked"):
        login(session, ctx.clock, "wang", "Right@2026")
