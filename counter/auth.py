"""Accounts and passwords.

Passwords are hashed with scrypt (memory-hard, in the standard library), stored as
`scrypt$n$r$p$salt$hash`.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from counter.clock import Clock
from counter.models import Role, User

if TYPE_CHECKING:
    from counter.context import AppContext

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_FAILED = 5
LOCKOUT = timedelta(minutes=15)


class AuthError(Exception):
    """A login or account problem; `zh_CN` and `en` are messages for people."""

    def __init__(self, zh_CN: str, en: str):
        super().__init__(en)
        self.zh_CN, self.en = zh_CN, en


class PermissionDenied(AuthError):
    pass


@dataclass(frozen=True)
class Principal:
    """Who is logged in, as the services see it."""

    user_id: int
    username: str
    display_name: str
    role: str
    station_id: int
    must_change_password: bool = False

    def has(self, role: Role) -> bool:
        order = [Role.CLERK.value, Role.MANAGER.value, Role.ADMIN.value]
        return order.index(self.role) >= order.index(role.value)


def require(principal: Principal | None, role: Role) -> Principal:
    if principal is None or not principal.has(role):
        names = {"clerk": ("窗口人员", "clerk"), "manager": ("管理人员", "manager"),
                 "admin": ("系统管理员", "administrator")}
        zh, en = names[role.value]
        raise PermissionDenied(f"没有权限：此操作需要{zh}角色", f"Not allowed: this needs the {en} role")
    return principal


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    b64 = lambda b: base64.b64encode(b).decode()  # noqa: E731
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt)}${b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        candidate = hashlib.scrypt(
            password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
        return hmac.compare_digest(candidate, base64.b64decode(digest))
    except (ValueError, TypeError):
        return False


def password_problem(password: str) -> AuthError | None:
    kinds = sum(bool(re.search(p, password)) for p in (r"[a-z]", r"[A-Z]", r"\d", r"[^A-Za-z0-9]"))
    if len(password) < 8 or len(password) > 256 or kinds < 3:
        return AuthError(
            "密码须为8-256位，且包含大写字母、小写字母、数字、符号中的三种",
            "Passwords need 8-256 characters and 3 of: upper case, lower case, digits, symbols",
        )
    return None


def create_user(session: Session, clock: Clock, *, station_id: int, username: str, display_name: str,
                role: Role, password: str, must_change: bool = True, actor: Principal | None = None,
                terminal: str | None = None) -> User:
    """Create an account (audited). The caller checks who may: see `admin_create_user`."""
    problem = password_problem(password)
    if problem:
        raise problem
    display_name = (display_name or "").strip()
    if len(display_name) > 64 or any(not ch.isprintable() for ch in display_name):
        raise AuthError("姓名至多64个字符，且不能含控制字符", "Display names are up to 64 printable characters")
    if not re.fullmatch(r"[A-Za-z0-9_.-]{2,32}", username):
        raise AuthError("用户名须为2-32位字母、数字或 _ . -", "User names are 2-32 letters, digits, _ . or -")
    if session.scalar(select(User).where(User.username == username)):
        raise AuthError(f"用户名 {username} 已存在", f"User name {username} is taken")
    user = User(station_id=station_id, username=username, display_name=display_name or username,
                role=role.value, password_hash=hash_password(password), must_change_password=must_change,
                created_at=clock.now())
    session.add(user)
    session.flush()
    _audit(session, clock, actor, "account.created", f"user={username} role={role.value}", terminal,
           station_id=station_id)
    return user


def has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count(User.id))))


def login(session: Session, clock: Clock, username: str, password: str, *, terminal: str | None = None) -> Principal:
    """Check a password; five failures lock the account for 15 minutes. Commits the counters.

    Every outcome is audited: login, login.failed, account.locked, login.refused.
    """
    name = (username or "").strip()
    # The user's row is locked for the attempt (PostgreSQL; SQLite's transaction holds the write
    # lock already): parallel attempts are counted one after the other, so no burst of wrong
    # passwords from several terminals gets past the lockout, and none checks a stale lock.
    user = session.scalar(select(User).where(User.username == name).with_for_update()
                          .execution_options(populate_existing=True)) if name else None
    wrong = AuthError("用户名或密码错误", "Wrong user name or password")
    now = clock.now()
    if user is None or not user.active:
        why = "unknown user" if user is None else "inactive account"
        _audit(session, clock, None, "login.failed", why, terminal, username=_printable(name)[:64] or "-",
               station_id=user.station_id if user else None)
        session.commit()
        raise wrong
    who = dict(username=user.username, user_id=user.id, station_id=user.station_id)
    if user.locked_until and user.locked_until > now:
        minutes = int((user.locked_until - now).total_seconds() // 60) + 1
        _audit(session, clock, None, "login.refused", f"locked until {user.locked_until.isoformat()}", terminal,
               **who)
        session.commit()
        raise AuthError(f"账号已锁定，请 {minutes} 分钟后再试", f"Account locked; try again in {minutes} min")
    if not verify_password(password, user.password_hash):
        failed = session.execute(update(User).where(User.id == user.id)
                                 .values(failed_logins=User.failed_logins + 1)
                                 .returning(User.failed_logins)
                                 .execution_options(synchronize_session=False)).scalar_one()
        set_committed_value(user, "failed_logins", failed)  # what the row holds now
        _audit(session, clock, None, "login.failed", f"wrong password ({failed})", terminal, **who)
        if failed >= MAX_FAILED:
            user.locked_until, user.failed_logins = now + LOCKOUT, 0
            _audit(session, clock, None, "account.locked", f"{MAX_FAILED} wrong passwords, 15 min", terminal,
                   **who)
            session.commit()
            raise AuthError("密码连续错误5次，账号锁定15分钟", "5 wrong passwords: account locked for 15 minutes")
        session.commit()
        raise wrong
    user.failed_logins, user.locked_until = 0, None
    principal = _principal(user)
    _audit(session, clock, principal, "login", None, terminal)
    session.commit()
    return principal


def check_password(session: Session, clock: Clock, principal: Principal, password: str, *,
                   terminal: str | None = None) -> None:
    """Unlocking a terminal: the same clerk's password, under the same lockout rules as a login."""
    login(session, clock, principal.username, password, terminal=terminal)


def _principal(user: User) -> Principal:
    return Principal(user.id, user.username, user.display_name, user.role, user.station_id,
                     bool(user.must_change_password))


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def _audit(session: Session, clock: Clock, principal: Principal | None, action: str, detail: str | None,
           terminal: str | None, **kw) -> None:
    from counter.audit import record

    if principal is None and "username" not in kw:
        kw["username"] = None
    record(session, principal, action, detail, terminal, at=clock.now(), **kw)


# ----------------------------------------------------------------------------- account services


def change_password(session: Session, clock: Clock, principal: Principal, old: str, new: str, *,
                    terminal: str | None = None) -> Principal:
    """The user's own change (forced on first login). The old password must be right."""
    user = session.get(User, principal.user_id)
    if user is None or not user.active:
        raise AuthError("账号不存在或已停用", "The account does not exist or is deactivated")
    if not verify_password(old, user.password_hash):
        raise AuthError("原密码错误", "The current password is wrong")
    if new == old:
        raise AuthError("新密码不能与原密码相同", "The new password must differ from the current one")
    problem = password_problem(new)
    if problem:
        raise problem
    user.password_hash = hash_password(new)
    user.must_change_password = False
    _audit(session, clock, principal, "password.changed", None, terminal)
    session.flush()
    return _principal(user)


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    display_name: str
    role: str
    active: bool
    must_change_password: bool
    locked_until: object


def list_accounts(session: Session, actor: Principal | None) -> list[Account]:
    require(actor, Role.ADMIN)
    users = session.scalars(select(User).order_by(User.username)).all()
    return [Account(u.id, u.username, u.display_name, u.role, u.active, u.must_change_password, u.locked_until)
            for u in users]


def admin_create_user(session: Session, clock: Clock, actor: Principal | None, *, username: str,
                      display_name: str, role: Role, password: str, terminal: str | None = None) -> User:
    actor = require(actor, Role.ADMIN)
    return create_user(session, clock, station_id=actor.station_id, username=username,
                       display_name=display_name, role=role, password=password, must_change=True,
                       actor=actor, terminal=terminal)


def _target(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise AuthError("账号不存在", "No such account")
    return user


def _last_admin(session: Session, user: User) -> bool:
    if user.role != Role.ADMIN.value or not user.active:
        return False
    admins = session.scalar(select(func.count(User.id)).where(User.role == Role.ADMIN.value, User.active.is_(True)))
    return admins <= 1


def set_active(session: Session, clock: Clock, actor: Principal | None, user_id: int, active: bool, *,
               terminal: str | None = None) -> None:
    actor = require(actor, Role.ADMIN)
    user = _target(session, user_id)
    if not active and user.id == actor.user_id:
        raise AuthError("不能停用自己的账号", "You cannot deactivate your own account")
    if not active and _last_admin(session, user):
        raise AuthError("不能停用最后一个系统管理员", "The last administrator cannot be deactivated")
    user.active = active
    _audit(session, clock, actor, "account.changed", f"user={user.username} active={active}", terminal)
    session.flush()


def set_role(session: Session, clock: Clock, actor: Principal | None, user_id: int, role: Role, *,
             terminal: str | None = None) -> None:
    actor = require(actor, Role.ADMIN)
    user = _target(session, user_id)
    if role != Role.ADMIN and _last_admin(session, user):
        raise AuthError("不能取消最后一个系统管理员的角色", "The last administrator must stay an administrator")
    before, user.role = user.role, role.value
    _audit(session, clock, actor, "account.changed", f"user={user.username} role {before}->{role.value}", terminal)
    session.flush()


def reset_password(session: Session, clock: Clock, actor: Principal | None, user_id: int, password: str, *,
                   terminal: str | None = None) -> None:
    """A temporary password the user must change at the next login; also lifts a lockout."""
    actor = require(actor, Role.ADMIN)
    problem = password_problem(password)
    if problem:
        raise problem
    user = _target(session, user_id)
    user.password_hash = hash_password(password)
    user.must_change_password = True
    user.failed_logins, user.locked_until = 0, None
    _audit(session, clock, actor, "account.password_reset", f"user={user.username}", terminal)
    session.flush()


# ------------------------------------------------------------------ services for windows
# Each opens and commits its own unit of work: a window calls these, never a session.


def sign_in(ctx: AppContext, username: str, password: str) -> Principal:
    """A login at this terminal (audited: login / login.failed / account.locked / login.refused)."""
    with ctx.sessions() as session:
        return login(session, ctx.clock, username, password, terminal=ctx.config.terminal)


def unlock(ctx: AppContext, locked: Principal, username: str, password: str) -> Principal | None:
    """Unlocking a locked terminal: the same clerk's password (None), or another clerk's login
    (that clerk's principal). Same lockout rules as a login."""
    name = (username or "").strip()
    with ctx.sessions() as session:
        if not name or name == locked.username:
            check_password(session, ctx.clock, locked, password, terminal=ctx.config.terminal)
            return None
        return login(session, ctx.clock, name, password, terminal=ctx.config.terminal)


def change_own_password(ctx: AppContext, principal: Principal, old: str, new: str) -> Principal:
    with ctx.sessions.begin() as session:
        return change_password(session, ctx.clock, principal, old, new, terminal=ctx.config.terminal)


def any_users(ctx: AppContext) -> bool:
    with ctx.sessions() as session:
        return has_users(session)
