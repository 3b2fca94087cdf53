"""Hostile input everywhere a person or a script can type: only validation messages, never a crash,
never a changed row.

Arbitrary Unicode (lone surrogates included), control characters, 10,000-character strings,
SQL fragments and emoji go into every validator, every field of every procedure's form, every
command-line parser, and commands run in-process against a database with rows in it.
"""
from __future__ import annotations

import contextlib
import io
import sqlite3
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter.catalog import load_catalog
from counter.cli import build_parser, main
from counter.forms.engine import Form, procedure_form
from counter.forms.validators import VALIDATORS, Check

SQL = ["' OR '1'='1", "'; DROP TABLE visits; --", "1; DELETE FROM users", "\" OR 1=1 --", "%' --",
       "UNION SELECT password_hash FROM users", "Robert'); DROP TABLE audit_log;--", "\\x00", "NULL", "%s%s%n"]
EMOJI = ["😀", "👨‍👩‍👧‍👦", "🇨🇳", "🙂" * 50, "\u202e\u202dabc", "Z̷̢͈a̸l̶g̵o̵", "\ufeff", "\u200b" * 20]
LONG = ["x" * 10_000, "身" * 10_000, "😀" * 10_000, "\x00" * 10_000, "1" * 10_000, "-" * 10_000,
        "11010519491231002X" * 556]

controls = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F) | st.sampled_from("\x7f\x85\u2028"),
                   max_size=30)
anything = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=200)
hostile = st.one_of(
    st.text(max_size=200),
    anything,
    controls,
    st.sampled_from(SQL + EMOJI + LONG),
    st.builds(lambda a, b, c: a + b + c, st.sampled_from(SQL + EMOJI), st.text(max_size=20), controls),
)
# what a field may receive from a widget or a restored draft: not only strings
values = st.one_of(hostile, st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                   st.lists(hostile, max_size=4), st.binary(max_size=40))

CATALOG = load_catalog()
TODAY = date(2026, 11, 23)
FIELDS = [(p.code, f.id) for p in CATALOG.procedures for page in p.pages for f in page.fields]
IDENTITY_FIELDS = [f.id for page in (CATALOG.identity,) for f in page.fields]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(name=st.sampled_from(sorted(VALIDATORS)), raw=values)
def test_validators_answer_with_a_check_never_an_exception(name, raw):
    result = VALIDATORS[name](raw)
    assert isinstance(result, Check)
    if not result.ok:
        assert result.error.zh_CN and result.error.en


@FAST
@given(field=st.sampled_from(IDENTITY_FIELDS), raw=values, other=st.sampled_from(IDENTITY_FIELDS), raw2=values)
def test_the_identity_form_never_raises(field, raw, other, raw2):
    form = Form((CATALOG.identity,), today=TODAY)
    for f, r in ((field, raw), (other, raw2)):
        assert isinstance(form.set(f, r), Check)
        form.derive(f)
    assert isinstance(form.errors(), dict)
    form.cleaned()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(target=st.sampled_from(FIELDS), raw=values, data=st.data())
def test_every_field_of_every_procedure_takes_anything(target, raw, data):
    code, field_id = target
    procedure = CATALOG.by_code[code]
    form = procedure_form(procedure, {}, TODAY)
    assert isinstance(form.set(field_id, raw), Check)
    # a second field too: conditions (visible_if) and cross-field rules see hostile values
    code2, other = data.draw(st.sampled_from([t for t in FIELDS if t[0] == code]))
    assert isinstance(form.set(other, data.draw(values)), Check)
    errors = form.errors()
    assert isinstance(errors, dict)
    form.cleaned()
    form.context()


# -------------------------------------------------------------------------------------- the CLI

PARSER = build_parser()
WORDS = ["init-db", "add-user", "catalog", "list", "check", "guide", "queue", "issue", "call-next", "recall",
         "status", "close-day", "receipt", "audit", "verify", "export", "report", "demo", "export-report",
         "--database", "--lang", "--demo", "--window", "--kiosk", "--display", "--self-test", "--role", "--out",
         "--from", "--to", "--json", "--category", "-c", "--day", "--days", "--expect-head", "--password-stdin",
         "--all", "--folder", "-w", "--seed", "zh_CN", "en", "clerk", "admin", "A", "V", "2026-11-23", "--", "-",
         "=", "--=", "-1", "1e309", "nan"]
argv_strategy = st.lists(st.one_of(st.sampled_from(WORDS), hostile), max_size=8)


def _parse(argv):
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        return PARSER.parse_args(argv)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argv=argv_strategy)
def test_the_parser_answers_a_namespace_or_exit_2(argv):
    try:
        args = _parse(argv)
    except SystemExit as exc:
        if exc.code == 0:  # --help / -h, possibly abbreviated
            assert any(a.startswith("-h") or (a.startswith("--h") and "--help".startswith(a.split("=")[0]))
                       or a.startswith("-") for a in argv)
        else:
            assert exc.code == 2
        return
    assert args is not None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sub=st.sampled_from([["audit", "verify"], ["audit", "export", "--out", "x.csv"], ["receipt", "--out", "x.pdf"],
                            ["queue", "close-day"], ["add-user"], ["catalog", "guide", "--out", "x.pdf"],
                            ["export-report", "--out", "x.xlsx", "--from", "2026-01-01"]]),
       extra=st.lists(hostile, min_size=1, max_size=3))
def test_every_sub_parser_takes_hostile_values(sub, extra):
    for position in range(len(sub) + 1):
        argv = sub[:position] + extra + sub[position:]
        try:
            _parse(argv)
        except SystemExit as exc:
            assert exc.code in (0, 2)


# ------------------------------------------------------------- commands against a real database

def snapshot(path) -> dict[str, list]:
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    rows = {t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"').fetchall())) for t in tables}
    conn.close()
    return rows


@pytest.fixture
def filled(ctx):
    from tests.helpers import principal, visit_flow
    from counter.visits import finish_visit

    clerk = principal(ctx, "li", __import__("counter.models", fromlist=["Role"]).Role.CLERK)
    finish_visit(ctx, visit_flow(ctx), clerk)
    return ctx


def run_in_process(argv, stdin_text=""):
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        old = __import__("sys").stdin
        __import__("sys").stdin = io.StringIO(stdin_text)
        try:
            return main(argv)
        except SystemExit as exc:
            return exc.code
        finally:
            __import__("sys").stdin = old


def test_commands_with_hostile_arguments_change_no_row(filled, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    url = str(filled.engine.url)
    path = filled.engine.url.database
    filled.close()
    state = {"before": snapshot(path)}

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                      HealthCheck.function_scoped_fixture])
    @given(value=hostile, which=st.integers(0, 8))
    def attempt(value, which):
        commands = [
            ["receipt", value, "--out", str(tmp_path / "r.pdf")],
            ["audit", "export", "--from", value, "--out", str(tmp_path / "a.csv")],
            ["audit", "verify", "--expect-head", value],
            ["add-user", value, "--password-stdin"],
            ["queue", "recall", value],
            ["queue", "close-day", "--day", value],
            ["catalog", "guide", value, "--out", str(tmp_path / "g.pdf")],
            ["hall-settings", "set", f"pickup_place={value}"],
            ["hall-settings", "set", value],
        ]
        code = run_in_process(["--database", url, *commands[which]], stdin_text="Clerk@2026\n")
        assert isinstance(code, int)
        after = snapshot(path)
        if code == 0:  # a command that succeeded may change rows (a valid new account): new baseline
            state["before"] = after
        else:
            assert after == state["before"], (commands[which], code)

    attempt()


# ------------------------------------------------------------------- issue 17: each door checked


def _cli(argv, stdin=b""):
    from tests.helpers import run_main

    return run_main(argv, stdin)


def check_one_line_refusal(code, err, *needles):
    assert code == 2, err
    assert err.count("\n") == 1 and len(err) < 700 and "internal error" not in err, err
    for needle in needles:
        assert needle in err, (needle, err)


@pytest.mark.parametrize("argv, needle", [
    (["demo", "--days", "9" * 5000], "number of days"),
    (["demo", "--days", "9" * 30], "number of days"),
    (["demo", "--days", "20260230"], "1–3660"),
    (["demo", "--days", "0"], "1–3660"),
    (["queue", "call-next", "--window", "9" * 5000], "1–999"),
    (["--window", "-1", "queue", "call-next"], "1–999"),
    (["export-report", "--from", "2026-11-01", "--to", "2026-11-30", "--target-minutes", "nan", "--out", "r.xlsx"],
     "minutes"),
    (["export-report", "--from", "2026-11-01", "--to", "2026-11-30", "--target-minutes", "inf", "--out", "r.xlsx"],
     "minutes"),
    (["export-report", "--from", "2026-11-01", "--to", "2026-11-30", "--target-minutes", "-5", "--out", "r.xlsx"],
     "minutes"),
    (["export-report", "--from", "2026-11-01", "--to", "2026-11-30", "--target-minutes", "0", "--out", "r.xlsx"],
     "minutes"),
    (["export-report", "--from", "2026-11-01", "--to", "2026-11-30", "--target-minutes", "1e308", "--out", "r.xlsx"],
     "minutes"),
    (["export-report", "--from", "0001-01-01", "--to", "9999-12-31", "--out", "r.xlsx"], "between 2000-01-01"),
    (["queue", "issue", "-c", "A", "--pdf", ""], "file name is empty"),
    (["add-user", "x" * 200, "--password-stdin"], "user names are 2-32"),
])
def test_each_bad_value_gets_its_own_clear_message(db_url, tmp_path, monkeypatch, argv, needle):
    monkeypatch.chdir(tmp_path)
    code, _, err = _cli(["--database", db_url, *argv])
    check_one_line_refusal(code, err, needle)
    assert not (tmp_path / "r.xlsx").exists()


def test_a_refused_pdf_issues_no_ticket(db_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert _cli(["--database", db_url, "queue", "issue", "-c", "A", "--pdf", ""])[0] == 2
    (tmp_path / "slip.pdf").write_bytes(b"keep me")
    code, _, err = _cli(["--database", db_url, "queue", "issue", "-c", "A", "--pdf", "slip.pdf"])
    check_one_line_refusal(code, err, "--force")
    assert (tmp_path / "slip.pdf").read_bytes() == b"keep me"
    code, out, _ = _cli(["--database", db_url, "queue", "issue", "-c", "A", "--json"])
    assert code == 0 and '"code": "A001"' in out  # the refused ones issued nothing
    assert _cli(["--database", db_url, "queue", "issue", "-c", "A", "--pdf", "slip.pdf", "--force"])[0] == 0
    assert (tmp_path / "slip.pdf").read_bytes().startswith(b"%PDF")


def test_a_password_that_is_not_utf8_is_refused(db_url):
    code, _, err = _cli(["--database", db_url, "add-user", "newuser", "--password-stdin"], b"\xff\xfeAbc@12345\n")
    check_one_line_refusal(code, err, "UTF-8")


@pytest.mark.parametrize("database", ["", "sqlite:///{tmp}/typo.db"])
def test_a_wrong_database_is_an_error_and_creates_nothing(tmp_path, database):
    for argv in (["queue", "status"], ["demo", "--days", "2"]):
        code, _, err = _cli(["--database", database.format(tmp=tmp_path), *argv])
        assert code == 2 and err.count("\n") == 1, err
    assert list(tmp_path.iterdir()) == []


def test_outputs_are_not_overwritten_and_backups_are_private(db_url, tmp_path):
    import os
    import stat

    out = tmp_path / "b.backup"
    assert _cli(["--database", db_url, "backup", "--out", str(out)])[0] == 0
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    first = out.read_bytes()
    code, _, err = _cli(["--database", db_url, "backup", "--out", str(out)])
    check_one_line_refusal(code, err, "--force")
    assert out.read_bytes() == first
    os.chmod(out, 0o644)
    assert _cli(["--database", db_url, "backup", "--out", str(out), "--force"])[0] == 0
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600


@pytest.mark.parametrize("value", ["A\r\nB: forged second line", "\u202eevil", "x" * 10_000, "\x1b[2J"])
def test_messages_quote_input_short_escaped_on_one_line(db_url, value):
    for argv in (["queue", "issue", "-c", value], ["receipt", value, "--out", "never.pdf"],
                 ["queue", "call-next", "--window", value], ["catalog", "guide", value, "--out", "never.pdf"]):
        code, _, err = _cli(["--database", db_url, *argv])
        assert code in (1, 2) and err.count("\n") == 1 and len(err) < 700, err
        assert "\u202e" not in err and "\r" not in err and "\x1b" not in err and "forged second line\n" not in err
