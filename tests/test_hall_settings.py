"""The hall's settings (counter.hall_settings): one row per station that every terminal uses,
each terminal's settings.toml as the fallback until the first save; the console command."""
from __future__ import annotations

from dataclasses import asdict, fields

import pytest
from sqlalchemy import select

from counter import hall_settings as hs
from counter import queueing as q
from counter.auth import PermissionDenied
from counter.config import Config, load_config, save_settings
from counter.context import AppContext
from counter.models import AuditEntry, HallSettings, Role
from tests.helpers import principal, run_main

pytestmark = pytest.mark.both_engines  # every rule on SQLite and on PostgreSQL


def audit_rows(ctx) -> list[AuditEntry]:
    with ctx.sessions() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == "hall.settings")
                                    .order_by(AuditEntry.id)))


def row(ctx) -> HallSettings | None:
    with ctx.sessions() as session:
        return session.get(HallSettings, ctx.station.id)


def test_the_defaults_are_configs():
    config = Config(database_url="")
    assert asdict(hs.HallValues()) == {f.name: getattr(config, f.name) for f in fields(hs.HallValues)}


def test_a_hall_that_never_saved_uses_each_terminals_settings_file(db_url, clock):
    save_settings({"priority_streak_limit": 5, "complaints_phone": "010-6655", "pickup_place": "二楼"})
    ctx = AppContext.open(load_config(database=db_url), clock=clock)
    try:
        assert hs.stored(ctx) == {}
        values = hs.load(ctx)
        assert (values.priority_streak_limit, values.complaints_phone, values.pickup_place) == (5, "010-6655", "二楼")
        assert values.appointment_grace_minutes == 15  # neither the hall nor the file: the default
        assert ctx.config.priority_streak_limit == 5
    finally:
        ctx.close()


def test_a_manager_saves_every_value_for_the_hall_audited(ctx):
    ctx.config = Config(database_url=ctx.config.database_url, pickup_place="东门大厅")  # this terminal's file
    boss = principal(ctx, "boss", Role.MANAGER)
    saved = hs.save(ctx, boss, priority_streak_limit=2, rating_url=" https://pj.example.cn/r ")
    assert saved.priority_streak_limit == 2 and saved.rating_url == "https://pj.example.cn/r"
    stored = hs.stored(ctx)
    assert set(stored) == set(hs.NAMES)  # the first save stores them all: the hall agrees from now on
    assert stored["pickup_place"] == "东门大厅" and stored["complaints_phone"] == "12345"
    assert ctx.config.priority_streak_limit == 2 and ctx.config.rating_url == "https://pj.example.cn/r"
    (entry,) = audit_rows(ctx)
    assert entry.username == "boss"
    assert "priority_streak_limit: 3→2" in entry.detail and 'rating_url: ""→https://pj.example.cn/r' in entry.detail
    assert "pickup_place" in entry.detail  # stored from this terminal: named
    hs.save(ctx, boss, priority_streak_limit="2")  # the console's text; nothing changes: no row
    assert len(audit_rows(ctx)) == 1
    hs.save(ctx, boss, missing_materials_days=15)
    assert audit_rows(ctx)[-1].detail == "missing_materials_days: 30→15"


def test_an_administrator_may_save_a_clerk_may_not(ctx):
    hs.save(ctx, principal(ctx, "root", Role.ADMIN), appointment_grace_minutes=5)
    assert hs.stored(ctx)["appointment_grace_minutes"] == 5
    clerk = principal(ctx, "li", Role.CLERK)
    with pytest.raises(PermissionDenied):
        hs.save(ctx, clerk, appointment_grace_minutes=30)
    ctx.principal = clerk  # the context's own principal counts the same
    with pytest.raises(PermissionDenied):
        hs.save(ctx, appointment_grace_minutes=30)
    assert hs.stored(ctx)["appointment_grace_minutes"] == 5 and len(audit_rows(ctx)) == 1


@pytest.mark.parametrize(("changes", "zh", "en"), [
    ({"priority_streak_limit": 21}, "0–20", "0–20"),
    ({"priority_streak_limit": -1}, "连续优先叫号上限", "priority streak limit"),
    ({"priority_streak_limit": "٣"}, "整数", "whole number"),
    ({"priority_streak_limit": "9" * 5000}, "整数", "whole number"),
    ({"priority_streak_limit": True}, "整数", "whole number"),
    ({"priority_streak_limit": 2.5}, "整数", "whole number"),
    ({"service_level_target_percent": 101}, "1–100", "1–100"),
    ({"hall_time_target_minutes": 0}, "1–480", "1–480"),
    ({"missing_materials_days": 366}, "1–365", "1–365"),
    ({"appointment_capacity": "A:x"}, "A:6,B:6,C:3", "A:6,B:6,C:3"),
    ({"appointment_capacity": "Z:3"}, "A:6,B:6,C:3", "A:6,B:6,C:3"),
    ({"complaints_phone": ""}, "监督电话", "complaints phone"),
    ({"complaints_phone": "call us"}, "监督电话", "complaints phone"),
    ({"complaints_phone": 12345}, "文字", "text"),
    ({"rating_url": "ftp://x"}, "http://", "http://"),
    ({"rating_url": "https://a b"}, "http://", "http://"),
    ({"pickup_place": "二楼\u202e大厅"}, "控制字符", "control characters"),
    ({"pickup_place": "x" * 101}, "最多 100", "at most 100"),
    ({"pickup_place": "line\r\nbreak"}, "控制字符", "control characters"),
    ({"no_such_setting": 1, "priority_streak_limit": 2}, "no_such_setting", "no_such_setting"),
])
def test_a_refused_value_is_one_clear_line_and_stores_nothing(ctx, changes, zh, en):
    boss = principal(ctx, "boss", Role.MANAGER)
    with pytest.raises(hs.HallSettingsError) as refused:
        hs.save(ctx, boss, **changes)
    error = refused.value
    assert zh in error.zh_CN and en in error.en and error.text("en") == error.en
    for message in (error.zh_CN, error.en):
        assert "\n" not in message and "\r" not in message and "\u202e" not in message and len(message) < 400
    assert row(ctx) is None and audit_rows(ctx) == []


def test_values_are_put_in_form():
    assert hs.checked({"appointment_capacity": " a:4, b:2 ", "priority_streak_limit": " 4 ",
                       "complaints_phone": " 010-1234 5678 ", "rating_url": "", "pickup_place": " 二楼 "}) == {
        "appointment_capacity": "A:4,B:2", "priority_streak_limit": 4, "complaints_phone": "010-1234 5678",
        "rating_url": "", "pickup_place": "二楼"}


def test_two_terminals_call_by_the_same_streak_limit_after_one_saves(ctx, db_url, clock):
    other = AppContext.open(Config(database_url=db_url, window_number=2, priority_streak_limit=5), clock=clock)
    try:
        assert other.station.id == ctx.station.id and other.config.priority_streak_limit == 5  # its own file
        hs.save(ctx, principal(ctx, "boss", Role.MANAGER), priority_streak_limit=1)
        assert ctx.config.priority_streak_limit == 1  # the saving terminal at once
        assert other.config.priority_streak_limit == 5  # a running terminal's copy: until it reads again
        for letter in "AVVV":
            clock.advance(seconds=30)
            q.issue_ticket(other, letter)
        # but the queue's rule is read as the call is made: the hall's limit 1 at window 2, whatever
        # window 2's copy says — V, then the normal one, then V
        called = []
        for _ in range(3):
            clock.advance(seconds=10)
            called.append(q.call_next(other, 2).code)
        assert called == ["V001", "A001", "V002"]
        assert hs.refresh(other).priority_streak_limit == 1 and other.config.priority_streak_limit == 1
        started = AppContext.open(Config(database_url=db_url, window_number=3, priority_streak_limit=4), clock=clock)
        try:
            assert started.station.id == ctx.station.id  # loading the station reads the hall's settings
            assert started.config.priority_streak_limit == 1
        finally:
            started.close()
    finally:
        other.close()


def test_the_station_of_a_database_before_0015_still_loads(tmp_path, clock):
    from counter.db import upgrade

    import sqlite3

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    upgrade(url, "0014")
    with sqlite3.connect(tmp_path / "old.sqlite3") as db:  # an old hall has its station row already
        db.execute("INSERT INTO stations (code, name, number) VALUES ('DEMO01', '示范派出所综合服务大厅', 1)")
    old = AppContext.open(Config(database_url=url, priority_streak_limit=4), clock=clock)
    try:
        assert old.station.code == old.config.station_code and old.config.priority_streak_limit == 4
    finally:
        old.close()


# ------------------------------------------------------------------------------------- the console


def test_the_console_shows_and_sets_the_halls_settings(db_url, ctx):
    code, out, _ = run_main(["--database", db_url, "hall-settings", "show"])
    assert code == 0 and "priority_streak_limit = 3\t(本机 / terminal)" in out
    code, out, err = run_main(["--database", db_url, "hall-settings", "set", "priority-streak-limit=2",
                               "complaints_phone=010-12345678"])
    assert code == 0, err
    assert "priority_streak_limit = 2" in out and "complaints_phone = 010-12345678" in out
    code, out, _ = run_main(["--database", db_url, "hall-settings", "show", "--json"])
    import json

    shown = json.loads(out)
    assert shown["priority_streak_limit"] == {"value": 2, "hall": True}
    assert shown["complaints_phone"]["value"] == "010-12345678"
    (entry,) = audit_rows(ctx)
    assert entry.username.startswith("os:") and "complaints_phone: 12345→010-12345678" in entry.detail


@pytest.mark.parametrize(("argv", "needle"), [
    (["set", "priority_streak_limit=99"], "0–20"),
    (["set", "appointment_capacity=A:x"], "A:6,B:6,C:3"),
    (["set", "nothing"], "NAME=VALUE"),
    (["set", "=3"], "NAME=VALUE"),
    (["set", "colour=red"], "colour"),
    (["set", "pickup_place=a\u202eb"], "control characters"),
    (["set", "priority_streak_limit=1", "priority_streak_limit=2"], "twice"),
])
def test_the_console_refuses_in_one_line_and_stores_nothing(db_url, ctx, argv, needle):
    code, _, err = run_main(["--database", db_url, "hall-settings", *argv])
    assert code == 2 and err.count("\n") == 1 and needle in err, err
    assert "\u202e" not in err and "internal error" not in err
    assert row(ctx) is None
