"""The administrator's settings: settings.toml written by config.save_settings, the dialog
(administrators only, audited), and the terminal role the program starts in."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from counter import kiosk
from counter.auth import create_user, login
from counter.cli import build_parser
from counter.config import load_config, read_settings, save_settings, settings_file
from counter.models import AuditEntry, Role, ServiceWindow, Station
from counter.ui.app import apply_terminal_role
from counter.ui.settings_dialog import SettingsDialog, english_part


def test_save_settings_merges_and_round_trips(tmp_path):
    path = tmp_path / "settings.toml"
    save_settings({"station_name": '东城 "一窗" \\ 大厅', "window_number": 4}, path)
    save_settings({"role": "kiosk", "lang": "en"}, path)
    config = load_config(file=path)
    expected = ('东城 "一窗" \\ 大厅', 4, "kiosk", "en")
    assert (config.station_name, config.window_number, config.role, config.lang) == expected
    save_settings({"role": None}, path)  # None removes a key
    assert "role" not in read_settings(path)
    with pytest.raises(ValueError):
        save_settings({"no_such_setting": 1}, path)


def _principal(ctx, role: Role, name: str):
    with ctx.sessions.begin() as session:
        create_user(session, ctx.clock, station_id=ctx.station.id, username=name, display_name=name,
                    role=role, password="Secret@2026x", must_change=False)
    with ctx.sessions() as session:
        return login(session, ctx.clock, name, "Secret@2026x")


def test_admin_saves_settings_to_the_file_the_database_and_the_audit_trail(qtbot, ctx):
    ctx.principal = _principal(ctx, Role.ADMIN, "boss")
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.station_name.setText("Test Hall East")
    dialog.window_number.setValue(5)
    dialog.category_boxes["A"].setChecked(False)
    dialog.role.setCurrentIndex(dialog.role.findData("display"))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.save()
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    stored = read_settings()
    assert stored["station_name"] == "Test Hall East" and stored["window_number"] == 5
    assert stored["window_categories"] == "B,C,V" and stored["role"] == "display" and stored["lang"] == "en"
    assert "database_url" not in stored  # empty: the default SQLite file
    with ctx.sessions() as session:
        assert session.get(Station, ctx.station.id).name == "Test Hall East"
        window = session.scalar(select(ServiceWindow).where(ServiceWindow.number == 5))
        assert window.categories == "B,C,V"
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "setting.changed"))
        assert entry.username == "boss" and "role=display" in entry.detail and "window_number=5" in entry.detail


def test_a_clerk_cannot_save_settings(qtbot, ctx):
    ctx.principal = _principal(ctx, Role.CLERK, "li")
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.window_number.setValue(9)
    assert not dialog.save()
    assert not settings_file().exists()
    assert "administrator" in dialog.message.text()


def test_ticket_printer_goes_to_the_kiosk_settings_too(qtbot, ctx):
    ctx.principal = _principal(ctx, Role.ADMIN, "boss")
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.ticket_printer.addItem("Slip-80", "Slip-80")
    dialog.ticket_printer.setCurrentIndex(dialog.ticket_printer.count() - 1)
    assert dialog.save()
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert read_settings()["ticket_printer"] == "Slip-80"
    assert kiosk.KioskSettings.load().printer_name == "Slip-80"


def test_test_connection_says_whether_the_database_answers(qtbot, ctx, tmp_path, db_url):
    ctx.principal = _principal(ctx, Role.ADMIN, "boss")  # this terminal's settings are the administrator's
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.database_url.setText(db_url)

    def answered():
        assert dialog.test_connection() and not dialog.test_button.isEnabled()
        qtbot.waitUntil(lambda: not dialog.tasks.busy, timeout=15000)
        assert dialog.test_button.isEnabled()
        return dialog.connection_ok

    assert answered()
    assert "SQLite" in dialog.connection_result.text()
    dialog.database_url.setText("postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert answered() is False
    dialog.lang = "en"
    dialog.database_url.setText("not a url")
    assert answered() is False
    assert dialog.connection_result.text() == "invalid database URL"


def test_english_part_of_a_bilingual_message():
    assert english_part("连接成功 / connected: SQLite 3.40.1, 数据库结构为最新 / schema up to date (0003)") == \
        "connected: SQLite 3.40.1, schema up to date (0003)"


@pytest.mark.parametrize(("flags", "stored", "mode"), [
    ([], {}, "counter"),
    ([], {"role": "kiosk"}, "kiosk"),
    ([], {"role": "display"}, "display"),
    (["--kiosk"], {"role": "display"}, "kiosk"),  # a flag wins over the settings
    (["--display"], {"role": "kiosk"}, "display"),
])
def test_the_program_starts_in_the_terminal_role(flags, stored, mode):
    args = build_parser().parse_args(flags)
    assert apply_terminal_role(args, stored) == mode


def test_a_hand_edited_setting_of_the_wrong_type_falls_back_to_the_default(tmp_path):
    from counter.config import load_config

    file = tmp_path / "settings.toml"
    file.write_text('priority_streak_limit = "5"\nwindow_number = 4\nidle_lock_minutes = true\n', "utf-8")
    config = load_config(file=file)
    assert config.priority_streak_limit == 3 and config.window_number == 4 and config.idle_lock_minutes == 5


def test_saving_keeps_an_administrators_comments(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('# 大厅2号机 — set up by 王工\nlang = "en"  # the English-speaking desk\n', encoding="utf-8")
    save_settings({"window_number": 2}, path)
    text = path.read_text(encoding="utf-8")
    assert "# 大厅2号机 — set up by 王工" in text and "# the English-speaking desk" in text
    assert read_settings(path) == {"lang": "en", "window_number": 2}


def test_an_old_kiosk_json_moves_into_the_settings_file(tmp_path):
    import json

    (tmp_path / "kiosk.json").write_text(json.dumps({"pin_hash": "", "idle_seconds": 90, "printer_name": "Slip-80",
                                                      "save_slips": False}), encoding="utf-8")
    settings = kiosk.KioskSettings.load(tmp_path / "settings.toml")
    assert (settings.idle_seconds, settings.printer_name, settings.save_slips) == (90, "Slip-80", False)
    assert settings.check_pin(kiosk.DEFAULT_PIN)
    stored = read_settings(tmp_path / "settings.toml")
    assert stored["ticket_printer"] == "Slip-80" and stored["kiosk"]["idle_seconds"] == 90
    assert not (tmp_path / "kiosk.json").exists() and (tmp_path / "kiosk.json.imported").exists()
