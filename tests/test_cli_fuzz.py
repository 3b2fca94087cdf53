"""Fuzzing every command's arguments (issue 17): exit code 0, 1 or 2 only, never "internal error",
a failure says so in one line on stderr, and a failing command creates no file.

Bounded so that it runs in well under a minute on two cores: a fresh migrated SQLite database
per test, a few hundred examples in all. Commands run in-process (`counter.cli.main`).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from counter.forms.validators import VALIDATORS, Check
from counter.hall_settings import NAMES as HALL_SETTINGS
from tests.helpers import run_main

NUMBERS = ["-1", "0", "1", "2", "999", "1000", "20260230", "-99999999999", "9" * 40, "9" * 5000, "nan", "inf",
           "-inf", "1e308", "-5", "0.5", "1_000", "０", "٣", " 3 ", "3\r\nX", "+7", "0x10"]
DATES = ["2026-11-23", "0001-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "1999-12-31", "2100-01-01",
         "20261123", "2026-11-23T10:00", "", " ", "\u202e2026-11-23"]
HOSTILE = ["", " ", "\x00", "\r\n", "a\r\nb", "\u202eevil", "\u2066x\u2069", "😀" * 20, "x" * 10_000,
           "' OR 1=1 --", "../../etc/passwd", "-", "--", "--help", "=", "\ud800", "\x1b[31mred"]
text = st.one_of(st.sampled_from(HOSTILE + NUMBERS + DATES), st.text(max_size=30))
number = st.one_of(st.sampled_from(NUMBERS), st.integers(-10**6, 10**6).map(str), text)
a_day = st.one_of(st.sampled_from(DATES), st.dates().map(str), text)


def out_name(draw_text: str, suffix: str) -> str:
    return f"out{abs(hash(draw_text)) % 5}{suffix}"


@st.composite
def command(draw) -> list[str]:
    """One command line for every command, with fuzzed values in its arguments."""
    which = draw(st.integers(0, 19))
    t, n, d = (lambda: draw(text)), (lambda: draw(number)), (lambda: draw(a_day))
    force = ["--force"] if draw(st.booleans()) else []
    return [
        lambda: ["init-db", "--windows", n()],
        lambda: ["add-user", t(), "--password-stdin", "--role", draw(st.sampled_from(["clerk", "admin", t()]))],
        lambda: ["add-user", "user" + str(draw(st.integers(0, 99))), "--password-stdin", "--display-name", t()],
        lambda: ["catalog", "list"] + (["--json"] if draw(st.booleans()) else []),
        lambda: ["catalog", "check", "--folder", t()],
        lambda: ["catalog", "guide", t(), "--out", out_name(t(), ".pdf"), *force],
        lambda: ["queue", "issue", "-c", t(), "--pdf", draw(st.sampled_from(["", "slip.pdf", t()])), *force],
        lambda: ["queue", "call-next", "--window", n()],
        lambda: ["--window", n(), "queue", "recall"],
        lambda: ["queue", "status", "--json"],
        lambda: ["queue", "close-day", "--day", d()],
        lambda: ["receipt", t(), "--out", out_name(t(), ".pdf"), *force],
        lambda: ["backup", "--out", draw(st.sampled_from(["", "b.backup", t()])), *force],
        lambda: ["restore", t()],
        lambda: ["audit", "verify", *draw(st.sampled_from([[], ["--expect-head", t()], ["--key", t()]]))],
        lambda: ["audit", "export", "--from", d(), "--to", d(), "--out", out_name(t(), ".csv"), *force],
        lambda: ["demo", "--days", n(), "--visits-per-day", draw(st.sampled_from(["0", "1", n()])),
                 "--windows", n(), "--end", d()],
        lambda: ["export-report", "--from", d(), "--to", d(), "--target-minutes", n(),
                 "--out", draw(st.sampled_from(["r.xlsx", "r.csv", "", t()])), *force],
        lambda: ["hall-settings", "show"] + (["--json"] if draw(st.booleans()) else []),
        lambda: ["hall-settings", "set", *(f"{draw(st.sampled_from([*HALL_SETTINGS, t()]))}="
                                           f"{draw(st.one_of(text, number))}" for _ in range(draw(st.integers(1, 3))))],
    ][which]()



def files(folder: Path) -> set[str]:
    """The files in a folder, without SQLite's own companions (-wal, -shm come and go with a connection)."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if not p.name.endswith(("-wal", "-shm", "-journal"))}


def assert_well_behaved(code, err: str) -> None:
    assert code in (0, 1, 2), (code, err)
    assert "internal error" not in err and "Traceback" not in err, err
    if code == 2:  # a refusal: exactly one line, bounded, nothing raw that reorders text
        assert err.endswith("\n") and err.count("\n") == 1 and len(err) < 1000, err
        assert "\u202e" not in err and "\r" not in err and "\x1b" not in err, err


@pytest.fixture
def hall(migrated_template, tmp_path, monkeypatch):
    """A fresh migrated SQLite database with windows 1–3, and an empty working folder."""
    work = tmp_path / "work"
    work.mkdir()
    db = tmp_path / "db" / "counter.sqlite3"
    db.parent.mkdir()
    shutil.copy(migrated_template, db)
    url = f"sqlite:///{db}"
    assert run_main(["--database", url, "init-db", "--windows", "3"])[0] == 0
    monkeypatch.chdir(work)
    return url, work, db.parent


@settings(max_examples=250, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(argv=command(), stdin=st.one_of(st.just(b"Clerk@2026x\n"), st.binary(max_size=20)))
def test_every_command_with_fuzzed_arguments(hall, argv, stdin):
    url, work, db_folder = hall
    before = files(work) | {"db/" + f for f in files(db_folder)}
    code, _, err = run_main(["--database", url, *argv], stdin)
    event(f"{argv[0]} exit {code}")  # --hypothesis-show-statistics: how far the values got
    assert_well_behaved(code, err)
    if code != 0:
        after = files(work) | {"db/" + f for f in files(db_folder)}
        assert after - before == set(), (argv, code, err)


@pytest.mark.parametrize("database", ["", " ", "typo", "sqlite:///{work}/typo.db", "sqlite:///{work}/no/such/dir/x.db",
                                      "postgresql+psycopg://u:secret@127.0.0.1:1/x", "sqlite://", "nosuch://x",
                                      "sqlite:///{work}/\u202etxt.db"])
@pytest.mark.parametrize("argv", [["queue", "status"], ["demo", "--days", "2"], ["audit", "verify"],
                                  ["add-user", "li", "--password-stdin"], ["backup", "--out", "b.backup"],
                                  ["hall-settings", "set", "priority_streak_limit=2"]])
def test_a_database_that_is_not_there_creates_nothing(tmp_path, monkeypatch, database, argv):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    data = Path(os.environ["COUNTER_DATA_DIR"])
    before = files(data)
    code, _, err = run_main(["--database", database.format(work=work), *argv])
    assert code == 2
    assert_well_behaved(code, err)
    assert "secret" not in err
    assert files(work) == set() and files(data) - before == set()


@settings(max_examples=300, deadline=None, derandomize=True)
@given(name=st.sampled_from(sorted(VALIDATORS)),
       raw=st.one_of(text, st.none(), st.integers(), st.floats(), st.binary(max_size=20), st.lists(text, max_size=2)))
def test_every_validator_answers_one_line_messages(name, raw):
    result = VALIDATORS[name](raw)
    assert isinstance(result, Check)
    if not result.ok:
        for message in (result.error.zh_CN, result.error.en):
            assert message and "\n" not in message and "\u202e" not in message and len(message) < 400
