"""The raw export writes its file outside any write transaction: on SQLite the other terminals
keep writing meanwhile (it held the database's write lock for the whole CSV before)."""
from __future__ import annotations

import sqlite3
from datetime import timedelta

from sqlalchemy.engine import make_url

from counter import audit, privacy
from counter.auth import Principal
from counter.models import AuditEntry, Role


def test_other_terminals_can_write_while_the_csv_is_written(ctx, tmp_path, monkeypatch):
    admin = Principal(user_id=None, username="admin1", display_name="管理员", role=Role.ADMIN.value,
                      station_id=ctx.station.id)
    path = make_url(str(ctx.engine.url)).database
    seen = {}
    real_write = audit.write_csv

    def write_while_another_terminal_writes(rows, out, columns):
        other = sqlite3.connect(path, timeout=0.5, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # "database is locked" if the export held the lock
            other.execute("ROLLBACK")
            seen["wrote"] = True
        finally:
            other.close()
        return real_write(rows, out, columns)

    monkeypatch.setattr(audit, "write_csv", write_while_another_terminal_writes)
    now = ctx.clock.now()
    out = tmp_path / "raw.csv"
    assert privacy.raw_export(ctx, admin, "公安部门案件协查", now - timedelta(days=1), now, out) == 0
    assert seen == {"wrote": True} and out.exists()
    with ctx.sessions() as session:
        assert session.query(AuditEntry).filter_by(action="export.raw").count() == 1
