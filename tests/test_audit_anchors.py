"""Audit anchors: every kind of tampering in issue 17's table is found, on SQLite and PostgreSQL.

The forger here has full SQL access to the database (drops the SQLite triggers, or switches
them off on PostgreSQL as a superuser) but not the terminal's key file or anchor file, unless
a test says so.
"""
from __future__ import annotations

import json
import os
import stat

import pytest
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from counter import audit
from counter import audit_anchors as anchors
from counter.cli import main
from counter.models import AuditEntry, Station
from tests.helpers import fill, raw

pytestmark = pytest.mark.both_engines


def report(ctx, **kw):
    with ctx.sessions() as session:
        return audit.inspect(session, **kw)


def kinds(ctx, **kw):
    return [p.kind for p in report(ctx, **kw).problems]


def rows(ctx):
    with ctx.sessions() as session:
        return session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()


def recompute(ctx, key: bytes | None = None):
    """The forger rewrites every hash (and seq) after a change, as `audit verify` would check
    them; MACs are recomputed only with a stolen key, else left as they were."""
    chains: dict = {}
    for entry in rows(ctx):
        seq, prev = chains.get(entry.station_id, (0, audit.GENESIS))
        entry.seq, entry.prev_hash = seq + 1, prev
        entry.hash = audit.chain_hash(prev, entry)
        mac = anchors.sign(key, entry.hash) if key else entry.mac
        raw(ctx, "UPDATE audit_log SET seq = ?, prev_hash = ?, hash = ?, mac = ? WHERE id = ?",
            entry.seq, entry.prev_hash, entry.hash, mac, entry.id)
        chains[entry.station_id] = (entry.seq, entry.hash)


def test_an_honest_trail_is_intact_signed_and_anchored(ctx, clock):
    fill(ctx, clock)
    result = report(ctx)
    # one commit, one anchor
    assert result.intact and result.rows == 6 and result.unchecked == 0 and result.anchors == 1
    stored = rows(ctx)
    key = anchors.terminal_key(create=False)
    assert [r.seq for r in stored] == [1, 2, 3, 4, 5, 6]
    assert all(r.mac == anchors.sign(key, r.hash) and r.key_id == anchors.key_id(key) for r in stored)
    assert stat.S_IMODE(os.stat(anchors.key_file()).st_mode) == 0o600
    last = json.loads(anchors.anchor_file().read_text(encoding="utf-8").splitlines()[-1])
    assert (last["seq"], last["hash"]) == (6, stored[-1].hash)


@pytest.mark.parametrize("cut", [1, 3])
def test_deleting_the_last_rows_is_found(ctx, clock, cut):
    fill(ctx, clock)
    raw(ctx, f"DELETE FROM audit_log WHERE id > {6 - cut}")
    assert kinds(ctx) == ["cut"]
    assert kinds(ctx, anchored=False) == []  # what the old chain alone said: "intact"


def test_deleting_every_row_is_found(ctx, clock):
    fill(ctx, clock)
    raw(ctx, "DELETE FROM audit_log")
    assert kinds(ctx) == ["cut"]


def test_an_empty_trail_in_a_database_with_visits_is_found(ctx, clock, capsys):
    url = str(ctx.engine.url)
    assert main(["--database", url, "demo", "--days", "2", "--visits-per-day", "15", "--end", "2026-11-20"]) == 0
    raw(ctx, "DELETE FROM audit_log")
    assert kinds(ctx, anchored=False) == ["empty"]
    assert main(["--database", url, "audit", "verify", "--no-anchors"]) == 1
    assert "every row was deleted" in capsys.readouterr().out


def test_an_edit_with_the_chain_recomputed_is_found(ctx, clock):
    fill(ctx, clock)
    raw(ctx, "UPDATE audit_log SET detail = 'nothing happened' WHERE id = 3")
    recompute(ctx)
    problems = report(ctx).problems
    assert [(p.id, p.kind) for p in problems][:1] == [(3, "forged")]


def test_a_deletion_with_the_chain_recomputed_is_found(ctx, clock):
    fill(ctx, clock)
    raw(ctx, "DELETE FROM audit_log WHERE id = 2")
    recompute(ctx)
    assert [(p.id, p.kind) for p in report(ctx).problems][:1] == [(3, "forged")]


def test_a_recomputation_with_a_stolen_key_still_fails_the_anchor(ctx, clock):
    fill(ctx, clock)
    raw(ctx, "DELETE FROM audit_log WHERE id = 2")
    recompute(ctx, key=anchors.terminal_key())
    assert kinds(ctx) == ["cut"]  # 5 rows where the anchor saw 6
    raw(ctx, "UPDATE audit_log SET detail = 'x' WHERE id = 3")
    recompute(ctx, key=anchors.terminal_key())
    assert kinds(ctx) == ["cut"]


def test_a_gap_in_the_numbering_is_found(ctx, clock):
    fill(ctx, clock)
    raw(ctx, "DELETE FROM audit_log WHERE id IN (3, 4)")
    problem = report(ctx).problems[0]
    assert (problem.id, problem.kind, problem.previous_id) == (5, "deleted", 2)
    assert "seq 2 → 5" in problem.describe("en")


def test_stripped_signatures_are_found(ctx, clock):
    fill(ctx, clock)
    raw(ctx, "UPDATE audit_log SET mac = NULL, key_id = NULL WHERE id = 4")
    assert [(p.id, p.kind) for p in report(ctx).problems] == [(4, "unsigned")]


def test_an_edited_anchor_file_is_found(ctx, clock):
    fill(ctx, clock)
    path = anchors.anchor_file()
    lines = path.read_text(encoding="utf-8").splitlines()
    forged = json.loads(lines[-1])
    forged["seq"] = 2
    path.write_text("\n".join(lines[:-1] + [json.dumps(forged)]) + "\n", encoding="utf-8")
    assert kinds(ctx) == ["anchor"]


def test_rows_of_another_terminal_are_checked_with_its_key(ctx, clock, tmp_path, monkeypatch, capsys):
    fill(ctx, clock, n=2)
    other = tmp_path / "other.key"
    monkeypatch.setenv(anchors.KEY_ENV, str(other))  # the second terminal's own key
    fill(ctx, clock, n=2)
    assert stat.S_IMODE(other.stat().st_mode) == 0o600
    monkeypatch.delenv(anchors.KEY_ENV)
    result = report(ctx)
    assert result.intact and result.unchecked == 2
    url = str(ctx.engine.url)
    assert main(["--database", url, "audit", "verify"]) == 0
    assert "2 rows signed by other terminals' keys" in capsys.readouterr().out
    raw(ctx, "UPDATE audit_log SET detail = 'x' WHERE id = 4")
    recompute(ctx)
    assert kinds(ctx) == []  # without the other key (and its anchors) this terminal cannot tell
    assert main(["--database", url, "audit", "verify", "--key", str(other), "--no-anchors"]) == 1
    assert "wrong signature" in capsys.readouterr().out


def test_each_station_has_its_own_chain(ctx, clock):
    fill(ctx, clock, n=2)
    with ctx.sessions.begin() as session:
        other = Station(code="OTHER1", name="另一所", number=2)
        session.add(other)
        session.flush()
        for i in range(3):
            audit.record(session, None, "citizen.search", f"other {i}", station_id=other.id)
    fill(ctx, clock, n=1)
    stored = rows(ctx)
    assert [(r.station_id == ctx.station.id, r.seq) for r in stored] == [
        (True, 1), (True, 2), (False, 1), (False, 2), (False, 3), (True, 3)]
    assert stored[2].prev_hash == audit.GENESIS
    result = report(ctx)
    assert result.intact and {s: v[0] for s, v in result.heads.items()} == {ctx.station.id: 3, other.id: 3}


@pytest.mark.parametrize("sql", ["UPDATE audit_log SET detail = 'x'", "DELETE FROM audit_log"])
def test_the_database_refuses_changes_to_audit_rows(ctx, clock, sql):
    fill(ctx, clock, n=2)
    with pytest.raises(DBAPIError, match="append-only"), ctx.engine.begin() as conn:
        conn.exec_driver_sql(sql)
    assert len(rows(ctx)) == 2 and report(ctx).intact


def test_a_restore_resets_the_anchors_visibly(ctx, clock, tmp_path, capsys):
    if ctx.engine.dialect.name != "sqlite":
        pytest.skip("pg_restore into the shared test database: covered by tests/test_backup.py")
    url = str(ctx.engine.url)
    fill(ctx, clock, n=2)
    backup = tmp_path / "before.backup"
    assert main(["--database", url, "backup", "--out", str(backup)]) == 0
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    fill(ctx, clock, n=3)
    assert main(["--database", url, "restore", str(backup), "--yes"]) == 0
    assert report(ctx).intact  # 2 rows again: the anchors of 5 rows were reset by the restore
    assert '"reset": "restore"' in anchors.anchor_file().read_text(encoding="utf-8")


def test_demo_writes_a_real_days_audit_rows(ctx, capsys):
    url = str(ctx.engine.url)
    assert main(["--database", url, "demo", "--days", "3", "--visits-per-day", "40", "--end", "2026-11-20"]) == 0
    stored = rows(ctx)
    actions = {r.action for r in stored}
    assert {"login", "logout", "visit.finished", "receipt.reprint"} <= actions
    with ctx.sessions() as session:
        from sqlalchemy import func

        from counter.models import Receipt, Visit
        visits = session.scalar(select(func.count(Visit.id)).where(Visit.status == "finished"))
        reprints = session.scalar(select(func.sum(Receipt.reprints)))
    assert sum(r.action == "visit.finished" for r in stored) == visits
    assert sum(r.action == "receipt.reprint" for r in stored) == reprints
    capsys.readouterr()
    assert main(["--database", url, "audit", "verify"]) == 0
    raw(ctx, f"DELETE FROM audit_log WHERE id = {stored[-1].id}")
    assert main(["--database", url, "audit", "verify"]) == 1


def test_terminals_appending_at_once_never_share_a_row_number(ctx):
    """Four terminals (threads, own connections) log at the same time: one chain, no gap, no fork."""
    import threading

    from counter.config import Config
    from counter.context import AppContext

    _ = ctx.station
    errors = []

    def terminal(n):
        other = AppContext.open(Config(database_url=str(ctx.engine.url.render_as_string(hide_password=False)),
                                       terminal=f"T{n}"))
        try:
            for i in range(8):
                with other.sessions.begin() as session:
                    audit.log(other, session, "citizen.search", f"terminal {n} #{i}")
        except Exception as exc:
            errors.append(exc)
        finally:
            other.close()

    threads = [threading.Thread(target=terminal, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(r.seq for r in rows(ctx)) == list(range(1, 33))
    assert report(ctx).intact


def test_rows_written_before_0005_are_checked_as_the_old_chain(tmp_path, clock):
    """An upgraded database: the old global unkeyed chain first, then the keyed station chains."""
    from datetime import timedelta

    from counter.config import Config
    from counter.context import AppContext
    from counter.db import upgrade

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    upgrade(url, "0004")
    prev = audit.GENESIS
    for i in range(3):
        old = AuditEntry(station_id=None, at=clock.now() - timedelta(days=1, minutes=i), user_id=None,
                         username="os:old", terminal="T0", action="login", detail=f"old {i}")
        old.hash = audit.chain_hash(prev, old)
        raw_url(url, "INSERT INTO audit_log (station_id, at, user_id, username, terminal, action, detail, prev_hash, "
                     "hash) VALUES (NULL, ?, NULL, 'os:old', 'T0', 'login', ?, ?, ?)",
                old.at.strftime("%Y-%m-%d %H:%M:%S.%f"), old.detail, prev, old.hash)
        prev = old.hash
    upgrade(url)
    ctx = AppContext.open(Config(database_url=url), clock=clock)
    try:
        fill(ctx, clock, n=2)
        result = report(ctx)
        assert result.intact and result.rows == 5, result.problems
        late = AuditEntry(station_id=None, at=clock.now(), user_id=None, username="os:old", terminal="T0",
                          action="login", detail="slipped in later as an old row")
        raw_url(url, "INSERT INTO audit_log (station_id, at, user_id, username, terminal, action, detail, prev_hash, "
                     "hash) VALUES (NULL, ?, NULL, 'os:old', 'T0', 'login', ?, ?, ?)",
                late.at.strftime("%Y-%m-%d %H:%M:%S.%f"), late.detail, prev, audit.chain_hash(prev, late))
        assert kinds(ctx) == ["inserted"]
    finally:
        ctx.close()


def raw_url(url: str, sql: str, *params):
    import sqlite3

    conn = sqlite3.connect(url.removeprefix("sqlite:///"))
    with conn:
        conn.execute(sql, params)
    conn.close()


def test_a_database_created_anew_resets_its_anchors(tmp_path, clock, capsys):
    """The same path, a new database (the demo reset by deleting its file): no false "cut"."""
    from counter.config import Config
    from counter.context import AppContext

    url = f"sqlite:///{tmp_path / 'again.sqlite3'}"
    assert main(["--database", url, "init-db"]) == 0
    first = AppContext.open(Config(database_url=url), clock=clock)
    fill(first, clock, n=3)
    first.close()
    assert report_for(url).intact
    for name in ("again.sqlite3", "again.sqlite3-wal", "again.sqlite3-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    assert main(["--database", url, "init-db"]) == 0
    capsys.readouterr()
    assert main(["--database", url, "audit", "verify"]) == 0
    assert "anchors reset: init-db" in capsys.readouterr().out
    assert '"reset": "init-db"' in anchors.anchor_file().read_text(encoding="utf-8")


def report_for(url: str):
    from counter.config import Config
    from counter.context import AppContext

    ctx = AppContext.open(Config(database_url=url))
    try:
        return report(ctx)
    finally:
        ctx.close()


def test_a_key_created_by_several_threads_at_once_is_one_whole_key(tmp_path):
    """The first audit entries of a terminal are written from background tasks at the same time:
    each must get the same complete key (no thread reads a half-written file), no draft is left."""
    import threading

    path = tmp_path / "keys" / "audit.key"
    keys, errors = [], []

    def create():
        try:
            keys.append(anchors._create_key(path))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=create) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(set(keys)) == 1 and len(keys[0]) == 32
    assert anchors.read_key(path) == keys[0]
    assert [p.name for p in path.parent.iterdir()] == ["audit.key"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
