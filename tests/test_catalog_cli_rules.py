"""`catalog show`, `catalog try`, `catalog fee-setting` and the rule checks of `catalog check`, as
real processes."""
from __future__ import annotations

import json

from tests.helpers import catalog_folder, run_cli

IDENTITY = ["--set", "name=张三", "--set", "id_number=110105198005150024", "--set", "phone=13812345678",
            "--set", "address=北京市朝阳区建国路1号"]


def test_show_json_has_fields_rules_with_basis_fees_and_limits():
    result = run_cli("catalog", "show", "JG-C1", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {f["id"] for f in data["fields"]} >= {"licence_expiry", "medical_exam_date"}
    expired = [r for r in data["rules"] if r["id"] == "expired_a_year"][0]
    assert expired["severity"] == "error" and "第七十九条" in expired["basis"]["zh_CN"]
    assert expired["when"] == {"field": "licence_expiry", "at_least": "1y", "before": "today"}
    assert data["fee"]["default"] == "10.00" and data["time_limit"]["days"] == 1
    hz16 = json.loads(run_cli("catalog", "show", "hz-16", "--json").stdout)
    assert hz16["time_limit"]["rules"][0]["days"] == 3
    assert run_cli("catalog", "show", "NOPE").returncode == 2


def test_show_text_lists_the_rules():
    out = run_cli("catalog", "show", "JG-D2").stdout
    assert "加处罚款" in out and "第七十二条" in out


def test_try_exit_codes_and_output():
    ok = run_cli("catalog", "try", "HZ-08", "--today", "2026-11-28", *IDENTITY, "--set", "reason=changed", "--json")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    data = json.loads(ok.stdout)
    assert data["acceptable"] and data["items"][0]["fee"] == "20.00" and data["items"][0]["must_be_present"]
    proxy = run_cli("catalog", "try", "HZ-08", "--today", "2026-11-28", *IDENTITY, "--set", "reason=changed",
                "--set", "proxy=yes", "--set", "proxy_name=李四", "--set", "proxy_id_number=110105197001010134")
    assert proxy.returncode == 1 and "本人到场" in proxy.stdout and "不能受理" in proxy.stdout
    late = run_cli("catalog", "try", "JG-A1", "--today", "2026-12-30", *IDENTITY, "--set", "plate=京A12345",
               "--set", "vin=LATPAB071W1005301", "--set", "reason=lost", "--json")
    items = json.loads(late.stdout)["items"]
    assert not items[0]["calendar_known"]
    assert any("节假日" in w["zh_CN"] for w in json.loads(late.stdout)["warnings"])


def test_try_bad_arguments_exit_2():
    assert run_cli("catalog", "try", "XX-99", "--today", "2026-11-28").returncode == 2
    unknown = run_cli("catalog", "try", "HZ-08", "--today", "2026-11-28", "--set", "nope=1")
    assert unknown.returncode == 2 and "nope" in unknown.stderr
    assert run_cli("catalog", "try", "HZ-08", "--today", "28.11.2026").returncode == 2
    assert run_cli("catalog", "try", "HZ-08", "--today", "2026-11-28", "--set", "novalue").returncode == 2


def test_fee_setting_changes_what_try_charges(tmp_path):
    url = f"sqlite:///{tmp_path / 'fees.sqlite3'}"
    assert run_cli("init-db", url=url).returncode == 0
    listed = run_cli("catalog", "fee-setting", url=url)
    assert listed.returncode == 0 and "hukou_booklet_reissue" in listed.stdout and "HZ-13" in listed.stdout
    assert run_cli("catalog", "fee-setting", "hukou_booklet_reissue", "10.00", url=url).returncode == 0
    assert run_cli("catalog", "fee-setting", "hukou_booklet_reissue", "1.234", url=url).returncode == 2
    assert run_cli("catalog", "fee-setting", "nope", "1.00", url=url).returncode == 2
    tried = run_cli("catalog", "try", "HZ-13", "--today", "2026-11-28", *IDENTITY, "--set", "reason=lost", "--json",
                url=url)
    assert json.loads(tried.stdout)["items"][0]["fee"] == "10.00"


def test_check_warns_about_an_unknown_calendar_year_but_passes():
    result = run_cli("catalog", "check")
    assert result.returncode == 0, result.stdout
    assert "目录检查通过" in result.stdout


def test_check_refuses_unknown_fields_and_dates_compared_with_numbers(tmp_path):
    folder = catalog_folder(tmp_path, '''
[[rules]]
field = "due"
when = { field = "due", gte = 3 }
message = { zh_CN = "甲", en = "A" }
basis = { zh_CN = "甲", en = "A" }

[[rules]]
field = "count"
when = { field = "count", at_least = "3d", before = "today" }
message = { zh_CN = "甲", en = "A" }
basis = { zh_CN = "甲", en = "A" }

[[rules]]
field = "ghost"
when = { field = "due", after = "spectre" }
message = { zh_CN = "甲", en = "A" }

[[rules]]
field = "kind"
when = { field = "kind", in = ["b"] }
message = { zh_CN = "甲", en = "A" }
basis = { zh_CN = "甲", en = "A" }

[[rules]]
field = "due"
when = { field = "count", age_below = 16, at_most = "3x", before = "today" }
message = { zh_CN = "甲", en = "A" }
basis = { zh_CN = "甲", en = "A" }

[[amounts]]
id = "s"
kind = "late_surcharge"
of = "fine"
received = "count"
label = { zh_CN = "甲", en = "A" }
''')
    result = run_cli("catalog", "check", "--folder", str(folder))
    out = result.stdout
    assert result.returncode == 1
    assert "gte compares a date with a number" in out
    assert "compares 'count' (number) with a date" in out
    assert "unknown field 'ghost'" in out and "unknown field 'spectre'" in out
    assert "rules[2].basis: missing text" in out
    assert "'b' is not an option of 'kind'" in out
    assert "an age needs a birth date or an ID number" in out and "'3x' is not a duration" in out
    assert "of names no earlier amount 'fine'" in out and "received names 'count', which is not a date" in out
