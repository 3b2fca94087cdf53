"""Badge numbers and auxiliaries: the service, `add-user`, and the accounts dialog."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select

from counter.auth import AuthError, create_user
from counter.badges import admin_set_badge, set_badge
from counter.models import AuditEntry, Role, User
from tests.helpers import run_cli


def _user(ctx, username: str, role: Role = Role.CLERK) -> None:
    with ctx.sessions.begin() as session:
        create_user(session, ctx.clock, station_id=ctx.station.id, username=username,
                    display_name=username, role=role, password="Clerk@2026", must_change=False)


@pytest.mark.both_engines
def test_an_auxiliary_answers_to_an_officer_of_the_station(ctx):
    for name in ("zhao", "fu", "qian"):
        _user(ctx, name)
    with ctx.sessions.begin() as session:
        by = {u.username: u for u in session.scalars(select(User))}
        set_badge(session, by["zhao"], badge_number="012345")
        set_badge(session, by["qian"], badge_number="F0001", auxiliary=True)
        set_badge(session, by["fu"], badge_number="F1023", auxiliary=True, officer="zhao")
    with ctx.sessions() as session:
        fu = session.scalar(select(User).where(User.username == "fu"))
        zhao = session.scalar(select(User).where(User.username == "zhao"))
        assert (fu.badge_number, fu.auxiliary, fu.responsible_officer_id) == ("F1023", True, zhao.id)
        assert (zhao.badge_number, zhao.auxiliary) == ("012345", False)
    for officer, badge in (("qian", "F1"), ("fu", "F1"), ("nobody", "F1"), (None, "警号 1")):
        with pytest.raises(AuthError), ctx.sessions.begin() as session:
            fu = session.scalar(select(User).where(User.username == "fu"))
            set_badge(session, fu, badge_number=badge, auxiliary=True, officer=officer)


def test_only_an_administrator_sets_badges_and_it_is_audited(ctx, people):
    _user(ctx, "fu")
    with pytest.raises(AuthError), ctx.sessions.begin() as session:
        admin_set_badge(session, ctx.clock, people[Role.CLERK], username="fu", badge_number="F1")
    with ctx.sessions.begin() as session:
        admin_set_badge(session, ctx.clock, people[Role.ADMIN], username="fu", badge_number="F1",
                        auxiliary=True, officer="clerk1")
    with ctx.sessions() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "account.badge"))
        assert "user=fu" in entry.detail and "auxiliary=1" in entry.detail


def test_add_user_with_badge_and_officer(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    assert run_cli("init-db", url=url).returncode == 0
    officer = run_cli("add-user", "zhao", "--display-name", "赵警官", "--badge", "012345",
                  "--password-stdin", stdin="Clerk@2026\n", url=url)
    assert officer.returncode == 0, officer.stderr
    aux = run_cli("add-user", "fu", "--badge", "F1023", "--auxiliary", "--officer", "zhao",
              "--password-stdin", stdin="Clerk@2026\n", url=url)
    assert aux.returncode == 0, aux.stderr
    wrong = run_cli("add-user", "wu", "--auxiliary", "--officer", "fu", "--password-stdin",
                stdin="Clerk@2026\n", url=url)
    assert wrong.returncode == 2 and "责任民警" in wrong.stderr and "Traceback" not in wrong.stderr
    rows = sqlite3.connect(url.removeprefix("sqlite:///")).execute(
        "SELECT u.username, u.badge_number, u.auxiliary, o.username FROM users u "
        "LEFT JOIN users o ON o.id = u.responsible_officer_id ORDER BY u.username").fetchall()
    assert rows == [("fu", "F1023", 1, "zhao"), ("zhao", "012345", 0, None)]  # wu rolled back


def test_users_dialog_creates_an_auxiliary(qtbot, ctx, people):
    from counter.ui.users_dialog import UsersDialog

    ctx.principal = people[Role.ADMIN]
    dialog = UsersDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert not dialog.new_officer.isEnabled()
    dialog.new_username.setText("fu")
    dialog.new_display.setText("付辅警")
    dialog.new_password.setText("Temp@2026")
    dialog.new_badge.setText("F1023")
    dialog.new_auxiliary.setChecked(True)
    assert dialog.new_officer.isEnabled()
    dialog.new_officer.setText("clerk1")
    dialog.create_from_form()
    qtbot.waitUntil(lambda: not dialog.tasks.busy)
    assert dialog.new_badge.text() == "" and not dialog.new_auxiliary.isChecked()
    with ctx.sessions() as session:
        fu = session.scalar(select(User).where(User.username == "fu"))
        officer = session.scalar(select(User).where(User.username == "clerk1"))
        assert (fu.badge_number, fu.auxiliary, fu.responsible_officer_id) == ("F1023", True, officer.id)
