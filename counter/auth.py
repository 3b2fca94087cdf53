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
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter.clock import Clock
from counter.models import Role, User

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

    def has(self, role: Role) -> bool:
        order = [Role.CLERK.value, Role.MANAGER.value, Role.ADMIN.value]
        return order.index(self.role) >= order.index(role.value)


def require(principal: Principal | None, role: Role) -> Principal:
    if principal is None or not principal.has(role):
        names = {"clerk": ("窗口人员", "clerk"), "manager": ("管理人员", "manager"), "admin": ("系统管理员", "administrator")}
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
    if len(password) < 8 or kinds < 3:
        return AuthError(
            "密码至少8位，且包含大写字母、小写字母、数字、符号中的三种",
            "Passwords need at least 8 characters and 3 of: upper case, lower case, digits, symbols",
        )
    return None


def create_user(session: Session, clock: Clock, *, station_id: int, username: str, display_name: str,
                role: Role, password: str, must_change: bool = True) -> User:
    problem = password_problem(password)
    if problem:
        raise problem
    if not re.fullmatch(r"[A-Za-z0-9_.-]{2,32}", username):
        raise AuthError("用户名须为2-32位字母、数字或 _ . -", "User names are 2-32 letters, digits, _ . or -")
    if session.scalar(select(User).where(User.username == username)):
        raise AuthError(f"用户名 {username} 已存在", f"User name {username} is taken")
    user = User(station_id=station_id, username=username, display_name=display_name or username,
                role=role.value, password_hash=hash_password(password), must_change_password=must_change,
                created_at=clock.now())
    session.add(user)
    session.flush()
    return user


def has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count(User.id))))


def login(session: Session, clock: Clock, username: str, password: str) -> Principal:
    """Check a password; five failures lock the account for 15 minutes. Commits the counters."""
    user = session.scalar(select(User).where(User.username == username.strip()))
    wrong = AuthError("用户名或密码错误", "Wrong user name or password")
    if user is None or not user.active:
        raise wrong
    now = clock.now()
    if user.locked_until and user.locked_until > now:
        minutes = int((user.locked_until - now).total_seconds() // 60) + 1
        raise AuthError(f"账号已锁定，请 {minutes} 分钟后再试", f"Account locked; try again in {minutes} min")
    if not verify_password(password, user.password_hash):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED:
            user.locked_until, user.failed_logins = now + LOCKOUT, 0
            session.commit()
            raise AuthError("密码连续错误5次，账号锁定15分钟", "5 wrong passwords: account locked for 15 minutes")
        session.commit()
        raise wrong
    user.failed_logins, user.locked_until = 0, None
    session.commit()
    return Principal(user.id, user.username, user.display_name, user.role, user.station_id)
