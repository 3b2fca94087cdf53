"""`main.py queue …`: exit codes and JSON for dispensers and hardware callers."""
from __future__ import annotations

import json

import pytest

from counter.cli import main


@pytest.fixture(autouse=True)
def windows(db_url, capsys):
    """Windows exist only once created (init-db or the settings): a typo never opens a window."""
    assert main(["--database", db_url, "init-db", "--windows", "9"]) == 0
    capsys.readouterr()


def run(capsys, db_url, *argv):
    code = main(["--database", db_url, "queue", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_issue_json(capsys, db_url):
    code, out, _ = run(capsys, db_url, "issue", "--category", "A", "--json")
    data = json.loads(out)
    assert code == 0
    assert (data["code"], data["waiting_ahead"], data["category_zh"]) == ("A001", 0, "户政")
    code, out, _ = run(capsys, db_url, "issue", "-c", "A", "--json")
    assert json.loads(out)["waiting_ahead"] == 1


def test_call_next_exit_codes_and_json(capsys, db_url):
    run(capsys, db_url, "issue", "-c", "B")
    code, out, _ = run(capsys, db_url, "call-next", "--window", "3", "--json")
    data = json.loads(out)
    assert code == 0 and data["called"] is True
    assert (data["ticket"]["code"], data["ticket"]["window"], data["ticket"]["status"]) == ("B001", 3, "called")
    code, out, _ = run(capsys, db_url, "call-next", "--window", "3", "--json")
    assert code == 1 and json.loads(out) == {"called": False, "window": 3}
    code, out, _ = run(capsys, db_url, "call-next", "--window", "3")
    assert code == 1 and "nobody is waiting" in out


def test_plain_text_names_ticket_and_window(capsys, db_url):
    run(capsys, db_url, "issue", "-c", "V")
    code, out, _ = run(capsys, db_url, "call-next", "-w", "2")
    assert code == 0 and "V001" in out and "2 号窗口" in out


def test_global_window_flag_is_the_default(capsys, db_url):
    run(capsys, db_url, "issue", "-c", "A")
    code = main(["--database", db_url, "--window", "7", "queue", "call-next", "--json"])
    assert code == 0 and json.loads(capsys.readouterr().out)["ticket"]["window"] == 7


def test_unknown_category_fails_with_message(capsys, db_url):
    code, _, err = run(capsys, db_url, "issue", "-c", "Z")
    assert code == 2 and "Z" in err


def test_recall_and_status(capsys, db_url):
    run(capsys, db_url, "issue", "-c", "A")
    run(capsys, db_url, "issue", "-c", "C")
    run(capsys, db_url, "call-next", "-w", "1")
    code, out, _ = run(capsys, db_url, "recall", "-w", "1", "--json")
    assert code == 0 and json.loads(out)["ticket"]["recalls"] == 1
    code, out, _ = run(capsys, db_url, "status", "--json")
    data = json.loads(out)
    assert data["waiting"] == {"A": 0, "B": 0, "C": 1, "V": 0}
    assert [c["code"] for c in data["recent_calls"]] == ["A001", "A001"]
    code, _, err = run(capsys, db_url, "recall", "-w", "9")
    assert code == 2 and "no called ticket" in err


def test_a_window_must_exist_and_be_1_to_999(capsys, db_url):
    run(capsys, db_url, "issue", "-c", "A")
    for bad in ("-1", "0", "1000", "20260230", "-99999999999", "9" * 5000, "１", "3\r\nX"):
        for argv in (["queue", "call-next", "--window", bad], ["--window", bad, "queue", "call-next"]):
            with pytest.raises(SystemExit) as exc:
                main(["--database", db_url, *argv])
            err = capsys.readouterr().err
            assert exc.value.code == 2 and "1–999" in err and err.count("\n") == 1 and len(err) < 400
    code, _, err = run(capsys, db_url, "call-next", "--window", "12")
    assert code == 2 and "no window 12" in err and "init-db" in err
    code, _, _ = run(capsys, db_url, "issue", "-c", "A")
    from sqlalchemy import create_engine, text
    engine = create_engine(db_url)
    with engine.connect() as conn:
        assert sorted(conn.execute(text("SELECT number FROM service_windows")).scalars()) == list(range(1, 10))
    engine.dispose()
