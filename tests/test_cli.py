"""The administrator's command line, run as a real process."""
from __future__ import annotations

import json

import pytest
from tests.helpers import ROOT, run_cli
from pypdf import PdfReader




@pytest.fixture
def fresh_url(tmp_path):
    return f"sqlite:///{tmp_path / 'cli.sqlite3'}"


def test_help_lists_the_commands():
    out = run_cli("--help").stdout
    for command in ("init-db", "add-user", "catalog", "receipt", "--self-test", "--kiosk", "--display"):
        assert command in out


def test_init_db_then_add_user(fresh_url):
    assert run_cli("init-db", url=fresh_url).returncode == 0
    result = run_cli("add-user", "li", "--role", "clerk", "--password-stdin", stdin="Clerk@2026\n", url=fresh_url)
    assert result.returncode == 0, result.stderr
    again = run_cli("add-user", "li", "--role", "clerk", "--password-stdin", stdin="Clerk@2026\n", url=fresh_url)
    assert again.returncode == 2 and "已存在" in again.stderr
    weak = run_cli("add-user", "wu", "--password-stdin", stdin="short\n", url=fresh_url)
    assert weak.returncode == 2 and "8" in weak.stderr
    import sqlite3

    rows = sqlite3.connect(fresh_url.removeprefix("sqlite:///")).execute(
        "SELECT username, role, must_change_password, password_hash FROM users").fetchall()
    assert [(r[0], r[1], r[2]) for r in rows] == [("li", "clerk", 1)]
    assert rows[0][3].startswith("scrypt$") and "Clerk@2026" not in rows[0][3]


def test_commands_refuse_an_uninitialised_database(fresh_url):
    result = run_cli("add-user", "li", "--password-stdin", stdin="Clerk@2026\n", url=fresh_url)
    assert result.returncode == 2 and "init-db" in result.stderr and "Traceback" not in result.stderr


def test_unreachable_database_is_explained_without_traceback(tmp_path):
    url = f"sqlite:///{tmp_path / 'no-such-dir' / 'x' / 'db.sqlite3'}"
    (tmp_path / "no-such-dir").write_text("a file where a folder should be")
    result = run_cli("init-db", url=url)
    assert result.returncode == 2
    assert "无法打开数据库" in result.stderr and "Traceback" not in result.stderr


def test_catalog_list_json_and_check():
    listing = json.loads(run_cli("catalog", "list", "--json").stdout)
    codes = {row["code"] for row in listing}
    assert {"HZ-08", "JG-C1"} <= codes
    hz08 = next(row for row in listing if row["code"] == "HZ-08")
    assert hz08["fee"] == "20.00" and hz08["time_limit_days"] == 45
    check = run_cli("catalog", "check")
    assert check.returncode == 0 and "OK" in check.stdout


def test_catalog_check_fails_on_a_broken_file(tmp_path):
    folder = tmp_path / "procedures"
    folder.mkdir()
    (folder / "_identity.toml").write_text((ROOT / "resources/procedures/_identity.toml").read_text("utf-8"), "utf-8")
    (folder / "XX-01.toml").write_text(
        'code = "XX-01"\ncategory = "zz"\nname = { zh_CN = "坏文件" }\n[fee]\ndefault = 1.5\n'
        '[[pages]]\nid = "p"\ntitle = { zh_CN = "页", en = "Page" }\n[[pages.fields]]\nid = "a"\n'
        'label = { zh_CN = "甲", en = "A" }\nvisible_if = { field = "nope", in = ["x"] }\nmin = "abc"\n', "utf-8")
    (folder / "XX-02.toml").write_bytes("code = 'XX-02'\nname = '坏'\n".encode("gb18030"))
    result = run_cli("catalog", "check", "--folder", str(folder))
    assert result.returncode == 1
    out = result.stdout
    assert "XX-01.toml: category" in out
    assert "no en text" in out
    assert "unknown field 'nope'" in out
    assert "never a float" in out
    assert "materials" in out
    assert "'abc' is not a number" in out
    assert "XX-02.toml" in out and "Traceback" not in result.stderr


def test_catalog_guide_pdf(tmp_path):
    out = tmp_path / "guide.pdf"
    assert run_cli("catalog", "guide", "HZ-08", "--out", str(out)).returncode == 0
    text = PdfReader(out).pages[0].extract_text()
    assert "居民身份证换领" in text and "居民户口簿" in text
    bad = run_cli("catalog", "guide", "NOPE", "--out", str(out))
    assert bad.returncode == 2 and "NOPE" in bad.stderr


def test_receipt_reprint_from_the_command_line(tmp_path, ctx):
    from counter.auth import create_user, login
    from counter.forms.flow import VisitFlow
    from counter.models import Receipt, Role
    from counter.visits import finish_visit

    with ctx.sessions.begin() as session:
        create_user(session, ctx.clock, station_id=ctx.station.id, username="li", display_name="李警官",
                    role=Role.CLERK, password="Clerk@2026", must_change=False)
    with ctx.sessions() as session:
        principal = login(session, ctx.clock, "li", "Clerk@2026")
    flow = VisitFlow(ctx.catalog, ctx.clock.now, today=ctx.clock.today())
    for key, value in {"name": "张三", "id_number": "11010519491231002X", "sex": "F", "phone": "13812345678",
                       "address": "北京市朝阳区建国路1号"}.items():
        flow.identity.set(key, value)
    flow.choose(["HZ-12"])
    from counter.forms.trial import fill_examples

    fill_examples(flow.items[0].form, flow.today)  # finish_visit re-checks every page
    done = finish_visit(ctx, flow, principal)
    out = tmp_path / "r.pdf"
    result = run_cli("receipt", done.receipt_number, "--out", str(out), url=ctx.config.database_url)
    assert result.returncode == 0, result.stderr
    text = PdfReader(out).pages[0].extract_text()
    assert done.receipt_number in text and "补打" in text
    with ctx.sessions() as session:
        assert session.query(Receipt).one().reprints == 1
    again = run_cli("receipt", done.receipt_number, "--out", str(out), url=ctx.config.database_url)
    assert again.returncode == 2 and "--force" in again.stderr  # an existing file is kept
    missing = run_cli("receipt", "0000000000000", "--out", str(tmp_path / "m.pdf"), url=ctx.config.database_url)
    assert missing.returncode == 1 and "不存在" in missing.stderr


def test_self_test_passes():
    result = run_cli("--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all passed" in result.stdout


def test_an_unwritable_output_fails_before_anything_changes(tmp_path, db_url):
    import sqlite3

    run_cli("init-db", url=db_url)
    result = run_cli("queue", "issue", "-c", "A", "--pdf", str(tmp_path / "no-such-dir" / "slip.pdf"), url=db_url)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    tickets = sqlite3.connect(db_url.removeprefix("sqlite:///")).execute("SELECT count(*) FROM tickets").fetchone()
    assert tickets == (0,)  # no ticket issued for a slip that could not be written
    folder = run_cli("backup", "--out", str(tmp_path), url=db_url)
    assert folder.returncode == 2 and "文件夹" in folder.stderr and "Traceback" not in folder.stderr
    report = run_cli("export-report", "--from", "2026-11-01", "--to", "2026-11-02", "--out", "/proc/x.xlsx", url=db_url)
    assert report.returncode == 2 and "Traceback" not in report.stderr
