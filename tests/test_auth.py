"""Accounts and passwords: hashing, strength, first-login change, lockout and its end, admin services."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from counter.auth import (
    AuthError,
    PermissionDenied,
    admin_create_user,
    change_password,
    check_password,
    create_user,
    hash_password,
    list_accounts,
    login,
    password_problem,
    reset_password,
    set_active,
    set_role,
    verify_password,
)
from counter.models import AuditEntry, Role, User


def add(ctx, username="li", role=Role.CLERK, password="Clerk@2026", must_change=False):
    station_id = ctx.station.id
    with ctx.sessions.begin() as session:
        return create_user(session, ctx.clock, station_id=station_id, username=username, display_name=username,
                           role=role, password=password, must_change=must_change).id


def do_login(ctx, username, password):
    with ctx.sessions() as session:
        return login(session, ctx.clock, username, password, terminal="T1")


def actions(ctx):
    with ctx.sessions() as session:
        return [(e.username, e.action) for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_hash_is_scrypt_salted_and_verifies():
    first, second = hash_password("Clerk@2026"), hash_password("Clerk@2026")
    assert first.startswith("scrypt$") and first != second
    assert verify_password("Clerk@2026", first) and not verify_password("clerk@2026", first)
    assert not verify_password("x", "garbage") and not verify_password("x", "scrypt$1$2$3$!!$??")


@pytest.mark.parametrize("password, ok", [
    ("short1A", False), ("alllowercase", False), ("lowerUPPER", False), ("lower123", False),
    ("lowerUPPER1", True), ("lower12#$", True), ("UPPER12#$", True), ("Aa1!" * 65, False),
])
def test_password_rules(password, ok):
    assert (password_problem(password) is None) is ok


def test_user_names_and_display_names_are_checked(ctx):
    with pytest.raises(AuthError):
        add(ctx, username="bad name; DROP TABLE users")
    with pytest.raises(AuthError):
        add(ctx, username="x")
    with ctx.sessions.begin() as session, pytest.raises(AuthError):
        create_user(session, ctx.clock, station_id=ctx.station.id, username="ok1", display_name="a\x00b",
                    role=Role.CLERK, password="Clerk@2026")
    add(ctx, username="li")
    with pytest.raises(AuthError, match="taken"):
        add(ctx, username="li")


def test_login_audits_success_and_failures(ctx):
    add(ctx)
    with pytest.raises(AuthError):
        do_login(ctx, "li", "Wrong@2026")
    with pytest.raises(AuthError):
        do_login(ctx, "nobody", "Wrong@2026")
    principal = do_login(ctx, "li", "Clerk@2026")
    assert principal.username == "li" and principal.role == "clerk" and not principal.must_change_password
    assert actions(ctx)[-3:] == [("li", "login.failed"), ("nobody", "login.failed"), ("li", "login")]
    with ctx.sessions() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last.terminal == "T1" and last.at == ctx.clock.now() and last.user_id == principal.user_id


def test_five_wrong_passwords_lock_for_15_minutes_then_unlock(ctx, clock):
    add(ctx)
    for n in range(4):
        with pytest.raises(AuthError, match="Wrong user name"):
            do_login(ctx, "li", f"Wrong@{n}xyz")
    with pytest.raises(AuthError, match="locked"):
        do_login(ctx, "li", "Wrong@5xyz")
    with pytest.raises(AuthError, match="locked"):  # even the right password, while locked
        do_login(ctx, "li", "Clerk@2026")
    assert ("li", "account.locked") in actions(ctx) and actions(ctx)[-1] == ("li", "login.refused")
    clock.advance(minutes=14, seconds=59)
    with pytest.raises(AuthError, match="locked"):
        do_login(ctx, "li", "Clerk@2026")
    clock.advance(seconds=2)
    assert do_login(ctx, "li", "Clerk@2026").username == "li"
    with ctx.sessions() as session:
        user = session.scalar(select(User).where(User.username == "li"))
        assert user.failed_logins == 0 and user.locked_until is None


def test_a_success_resets_the_count(ctx):
    add(ctx)
    for _ in range(4):
        with pytest.raises(AuthError):
            do_login(ctx, "li", "Wrong@2026")
    do_login(ctx, "li", "Clerk@2026")
    for _ in range(4):
        with pytest.raises(AuthError, match="Wrong user name"):
            do_login(ctx, "li", "Wrong@2026")


def test_first_login_must_change_and_change_checks_everything(ctx):
    add(ctx, must_change=True)
    principal = do_login(ctx, "li", "Clerk@2026")
    assert principal.must_change_password
    with ctx.sessions.begin() as session, pytest.raises(AuthError, match="current password"):
        change_password(session, ctx.clock, principal, "nope", "New@pass2026")
    with ctx.sessions.begin() as session, pytest.raises(AuthError, match="differ"):
        change_password(session, ctx.clock, principal, "Clerk@2026", "Clerk@2026")
    with ctx.sessions.begin() as session, pytest.raises(AuthError, match="8-256"):
        change_password(session, ctx.clock, principal, "Clerk@2026", "weak")
    with ctx.sessions.begin() as session:
        changed = change_password(session, ctx.clock, principal, "Clerk@2026", "New@pass2026")
    assert not changed.must_change_password
    assert not do_login(ctx, "li", "New@pass2026").must_change_password
    assert ("li", "password.changed") in actions(ctx)


def test_unlock_check_is_the_same_clerks_password(ctx):
    add(ctx)
    principal = do_login(ctx, "li", "Clerk@2026")
    with ctx.sessions() as session:
        check_password(session, ctx.clock, principal, "Clerk@2026")
        with pytest.raises(AuthError):
            check_password(session, ctx.clock, principal, "Other@2026")


def test_admin_services(ctx):
    add(ctx, "boss", Role.ADMIN, "Admin@2026")
    admin = do_login(ctx, "boss", "Admin@2026")
    with ctx.sessions.begin() as session:
        user = admin_create_user(session, ctx.clock, admin, username="wang", display_name="王辅警",
                                 role=Role.CLERK, password="Temp@2026", terminal="T9")
        wang_id = user.id
    assert do_login(ctx, "wang", "Temp@2026").must_change_password  # a new account changes at first login
    with ctx.sessions.begin() as session:
        set_role(session, ctx.clock, admin, wang_id, Role.MANAGER)
        reset_password(session, ctx.clock, admin, wang_id, "Reset@2026")
        set_active(session, ctx.clock, admin, wang_id, False)
    with pytest.raises(AuthError):
        do_login(ctx, "wang", "Reset@2026")  # deactivated
    with ctx.sessions() as session:
        accounts = {a.username: a for a in list_accounts(session, admin)}
    assert accounts["wang"].role == "manager" and not accounts["wang"].active
    with ctx.sessions.begin() as session, pytest.raises(AuthError, match="own account"):
        set_active(session, ctx.clock, admin, admin.user_id, False)
    with ctx.sessions.begin() as session, pytest.raises(AuthError, match="last administrator"):
        set_role(session, ctx.clock, admin, admin.user_id, Role.CLERK)
    seen = [a for u, a in actions(ctx) if u == "boss"]
    assert seen.count("account.changed") == 2 and "account.password_reset" in seen and "account.created" in seen


def test_reset_password_lifts_a_lockout(ctx):
    add(ctx, "boss", Role.ADMIN, "Admin@2026")
    li = add(ctx)
    admin = do_login(ctx, "boss", "Admin@2026")
    for _ in range(5):
        with pytest.raises(AuthError):
            do_login(ctx, "li", "Wrong@2026")
    with ctx.sessions.begin() as session:
        reset_password(session, ctx.clock, admin, li, "Reset@2026")
    assert do_login(ctx, "li", "Reset@2026").must_change_password


def test_hostile_login_names_never_raise_anything_but_auth_error(ctx):
    add(ctx)
    for name in ["", " ", "' OR 1=1 --", "li\x00", "🙂" * 3000, "li'; DROP TABLE users; --", "\u202eli"]:
        with pytest.raises(AuthError):
            do_login(ctx, name, "Clerk@2026")
    with ctx.sessions() as session:
        assert len(session.scalars(select(User)).all()) == 1
        names = [e.username for e in session.scalars(select(AuditEntry))]
    assert all(n is None or len(n) <= 64 for n in names)
    assert do_login(ctx, "li", "Clerk@2026")


def test_non_admin_cannot_manage_accounts(ctx):
    li = add(ctx)
    clerk = do_login(ctx, "li", "Clerk@2026")
    with ctx.sessions.begin() as session:
        for call in (lambda: list_accounts(session, clerk),
                     lambda: set_active(session, ctx.clock, clerk, li, False),
                     lambda: reset_password(session, ctx.clock, clerk, li, "Reset@2026"),
                     lambda: admin_create_user(session, ctx.clock, None, username="x1", display_name="x",
                                               role=Role.ADMIN, password="Temp@2026")):
            with pytest.raises(PermissionDenied):
                call()
