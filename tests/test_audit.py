"""The audit trail: a hash chain that shows the first edited, deleted or reordered row."""
from __future__ import annotations

import csv
import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from counter import audit
from counter.auth import create_user, login
from counter.cli import main
from counter.models import AuditEntry, Role
from tests.helpers import fill, raw

pytestmark = pytest.mark.both_engines  # the same tests on SQLite and PostgreSQL

ROOT = Path(__file__).resolve().parent.parent



def check(ctx):
    with ctx.sessions() as session:
        return audit.verify(session)


def test_an_untouched_chain_verifies(ctx, clock):
    fill(ctx, clock)
    assert check(ctx) is None
    with ctx.sessions() as session:
        rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert rows[0].prev_hash == audit.GENESIS
    assert all(b.prev_hash == a.hash for a, b in zip(rows, rows[1:]))
    assert all(len(r.hash) == 64 for r in rows)


def test_an_empty_trail_verifies(ctx):
    assert check(ctx) is None


def test_an_edited_row_is_found(ctx, clock):
    fill(ctx, clock)
    raw(ctx, "UPDATE audit_log SET detail = 'nothing to see' WHERE id = 3")
    problem = check(ctx)
    assert (problem.id, problem.kind) == (3, "changed")


@pytest.mark.parametrize("column, value", [("username", "someone"), ("action", "login"),
                                           ("at", "2020-01-01 00:00:00.000000"), ("terminal", "X"),
                                           ("station_id", None), ("user_id", 42)])
def test_every_column_is_covered(ctx, clock, column, value):
    fill(ctx, clock)
    raw(ctx, f"UPDATE audit_log SET {column} = ? WHERE id = 4", value)
    assert check(ctx).id == 4


def test_an_edit_that_also_recomputes_its_own_hash_is_found_by_its_signature(ctx, clock):
    fill(ctx, clock)
    with ctx.sessions() as session:
        entry = session.get(AuditEntry, 2)
        entry.detail = "forged"
        forged = audit.chain_hash(entry.prev_hash, entry)
        session.rollback()
    raw(ctx, "UPDATE audit_log SET detail = 'forged', hash = ? WHERE id = 2", forged)
    problem = check(ctx)
    assert (problem.id, problem.kind) == (2, "forged")


def test_a_deleted_row_is_found(ctx, clock):
    fill(ctx, clock)
    raw(ctx, "DELETE FROM audit_log WHERE id = 3")
    problem = check(ctx)
    assert (problem.id, problem.kind, problem.previous_id) == (4, "deleted", 2)


def test_a_deleted_first_row_is_found(ctx, clock):
    fill(ctx, clock)
    raw(ctx, "DELETE FROM audit_log WHERE id = 1")
    assert (check(ctx).id, check(ctx).kind) == (2, "deleted")


def test_reordered_rows_are_found(ctx, clock):
    fill(ctx, clock)
    # swap rows 3 and 4 completely (every column but the id), as a forger moving an entry would
    raw(ctx, "UPDATE audit_log SET id = -3 WHERE id = 3")
    raw(ctx, "UPDATE audit_log SET id = 3 WHERE id = 4")
    raw(ctx, "UPDATE audit_log SET id = 4 WHERE id = -3")
    problem = check(ctx)
    assert (problem.id, problem.kind) == (3, "reordered")


def test_cli_verify_exit_codes_and_first_bad_row(ctx, clock, capsys):
    fill(ctx, clock)
    url = str(ctx.engine.url)
    assert main(["--database", url, "audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert "intact" in out and "6 rows" in out
    assert re.search(r"head (\d+:[0-9a-f]{64})", out)
    raw(ctx, "DELETE FROM audit_log WHERE id = 2")
    assert main(["--database", url, "audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "row 3" in out and "deleted" in out and "#3" in out


def test_cli_verify_expect_head_detects_a_cut_end(ctx, clock, capsys):
    fill(ctx, clock)
    url = str(ctx.engine.url)
    main(["--database", url, "audit", "verify"])
    head = re.search(r"head (\d+:[0-9a-f]{64})", capsys.readouterr().out).group(1)
    assert main(["--database", url, "audit", "verify", "--expect-head", head]) == 0
    raw(ctx, "DELETE FROM audit_log WHERE id = 6")
    # the chain alone cannot see a cut end; the anchor file and the noted head can
    assert main(["--database", url, "audit", "verify", "--no-anchors"]) == 0
    assert main(["--database", url, "audit", "verify"]) == 1
    assert main(["--database", url, "audit", "verify", "--no-anchors", "--expect-head", head]) == 1
    with pytest.raises(SystemExit) as exc:
        main(["--database", url, "audit", "verify", "--expect-head", "nonsense"])
    assert exc.value.code == 2


def test_export_a_period_to_csv_and_the_export_is_audited(ctx, clock, tmp_path, capsys):
    fill(ctx, clock, n=3)  # 10:00, 10:01, 10:02 local on 2026-11-23
    clock.advance(days=2)
    fill(ctx, clock, n=2)  # two days later
    out = tmp_path / "audit.csv"
    url = str(ctx.engine.url)
    assert main(["--database", url, "audit", "export", "--from", "2026-11-23", "--to", "2026-11-23",
                 "--out", str(out)]) == 0
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 3 and rows[0]["time_local"].startswith("2026-11-23 10:00")
    assert rows[0]["detail"].startswith("查询 #0 🙂") and rows[0]["action_zh"] == "查询群众办件"
    with ctx.sessions() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last.action == "export.audit" and "rows=3" in last.detail
    assert check(ctx) is None
    assert main(["--database", url, "audit", "export", "--from", "2026-11-25", "--to", "2026-11-24",
                 "--out", str(out)]) == 2


def test_csv_cells_cannot_become_formulas():
    text = audit.to_csv([{"id": 1, "detail": "=HYPERLINK(\"http://x\")"}], ["id", "detail"])
    assert "'=HYPERLINK" in text


def test_login_and_visit_records_chain_with_others(ctx, clock):
    station = ctx.station.id
    with ctx.sessions.begin() as session:
        create_user(session, ctx.clock, station_id=station, username="li", display_name="李",
                    role=Role.CLERK, password="Clerk@2026", must_change=False)
    with ctx.sessions() as session:
        login(session, ctx.clock, "li", "Clerk@2026")
    fill(ctx, clock, n=2)
    assert check(ctx) is None


def test_retention_rule_and_no_code_deletes_audit_rows(ctx):
    now = ctx.clock.now()
    assert not audit.can_purge(now - timedelta(days=180), now)
    assert not audit.can_purge(now - timedelta(days=179), now)
    assert audit.can_purge(now - timedelta(days=181), now)
    pattern = re.compile(r"(delete\s+from|update)\s+audit_log|delete\(\s*AuditEntry|update\(\s*AuditEntry",
                         re.IGNORECASE)
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "counter").rglob("*.py")
                 if p.parts[-2] != "migrations" and pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
