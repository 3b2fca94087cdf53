"""backup --out FILE and restore FILE, through the real command line, on both engines."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from counter import queueing as q
from counter.cli import main
from counter.config import Config
from counter.context import AppContext
from counter.models import Ticket


def tickets(url: str) -> int:
    ctx = AppContext.open(Config(database_url=url))
    try:
        with ctx.sessions() as s:
            return s.scalar(select(func.count()).select_from(Ticket))
    finally:
        ctx.close()


def issue(url: str, n: int) -> None:
    ctx = AppContext.open(Config(database_url=url))
    try:
        for _ in range(n):
            q.issue_ticket(ctx, "A")
    finally:
        ctx.close()


def test_backup_then_restore_brings_back_the_state(engine_url, tmp_path, capsys):
    issue(engine_url, 3)
    out = tmp_path / "backups" / "counter.backup"
    assert main(["--database", engine_url, "backup", "--out", str(out)]) == 0
    assert out.exists() and out.stat().st_size > 0
    assert "backed up" in capsys.readouterr().out

    issue(engine_url, 2)
    assert tickets(engine_url) == 5
    assert main(["--database", engine_url, "restore", str(out)]) == 2  # refuses without --yes
    assert "--yes" in capsys.readouterr().err
    assert main(["--database", engine_url, "restore", str(out), "--yes"]) == 0
    assert tickets(engine_url) == 3
    issue(engine_url, 1)  # and the restored database works: numbering goes on from the backup
    assert tickets(engine_url) == 4


def test_restore_refuses_a_file_that_is_not_a_backup(db_url, tmp_path, capsys):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    assert main(["--database", db_url, "restore", str(junk), "--yes"]) != 0
    assert "backup" in capsys.readouterr().err
    assert tickets(db_url) == 0


@pytest.mark.postgres
def test_postgres_backup_restores_into_another_database(pg_url, pg_cluster, tmp_path):
    issue(pg_url, 4)
    out = tmp_path / "pg.dump"
    assert main(["--database", pg_url, "backup", "--out", str(out)]) == 0
    pg_cluster.drop_database("counter_restored")
    target = pg_cluster.create_database("counter_restored")
    try:
        assert main(["--database", target, "restore", str(out), "--yes"]) == 0
        assert tickets(target) == 4
    finally:
        pg_cluster.drop_database("counter_restored")


def test_missing_pg_dump_is_explained(monkeypatch, capsys):
    import counter.commands.maintenance as m

    monkeypatch.setattr(m.shutil, "which", lambda name: None)
    monkeypatch.setattr("glob.glob", lambda pattern: [])
    code = main(["--database", "postgresql+psycopg://u:pw@127.0.0.1:1/x", "backup", "--out", "/tmp/x.dump"])
    err = capsys.readouterr().err
    assert code == 2 and "pg_dump" in err and "postgresql-client" in err and "pw" not in err
