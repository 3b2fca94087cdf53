"""The hall's settings: one `hall_settings` row per station, the same for every terminal of the hall.

What is a fact of the hall rather than of one terminal (docs/hall-settings.md):

- priority_streak_limit: priority tickets called in a row before a normal one (0: priority
  always first). Per terminal, the call order depended on which window pressed "call next".
- appointment_grace_minutes, appointment_capacity: 预约 (a late booking becomes a walk-in's
  ticket after the grace; bookings per slot per queue letter).
- service_level_minutes, service_level_target_percent, hall_time_target_minutes,
  satisfaction_target_percent: the manager's targets (tiles, reports, overtime alerts).
- complaints_phone, missing_materials_days, rating_url, pickup_place: what every receipt, notice
  and SMS says.

Each terminal's `settings.toml` still holds these keys, as the fallback: a column that is NULL
(a hall upgraded from before migration 0015, nobody saved yet) is the terminal's own value, so an
existing hall keeps working as before. The first save stores every value for the whole hall.

The terminal uses the hall's values through its `Config`: `apply` overlays the stored ones on
`ctx.config` (dataclasses.replace), so `ctx.config.priority_streak_limit` and the like stay the
one way to read a setting. When a terminal learns of a change made at another terminal:

- when it loads its station (`AppContext.station`, the first thing every start does: the
  clerk's window, the kiosk, the display, each CLI command), in the same read-only session;
- when someone logs in at the clerk's login window (`refresh`, in the login's background task);
- when the settings dialog opens (it reads them to show them) and saves (the saving terminal
  uses the new values at once).

- on PostgreSQL, at once: `save` announces the change (NOTIFY, kind `CHANGED`) and every running
  terminal's change listener (clerk window, display, manager window, kiosk) calls `refresh`.

The queue's streak limit is not taken from the copy at all: `queueing.call_next` reads the hall's
value as each call is made. Replacing `ctx.config` from a background task is safe: it is one
reference to a frozen value, a reader sees the old settings or the new ones, never a mix.
"""
from __future__ import annotations

import logging
import unicodedata
from dataclasses import asdict, dataclass, fields, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session

from counter import audit, notify
from counter.auth import Principal, require
from counter.config import Config
from counter.db import reading
from counter.models import HallSettings, Role
from counter.safetext import quote

if TYPE_CHECKING:
    from counter.context import AppContext

log = logging.getLogger(__name__)


_TERMINAL: dict[str, Any] = {f.name: f.default for f in fields(Config)}  # Config holds the defaults


@dataclass(frozen=True)
class HallValues:
    """The hall-wide settings; the defaults are Config's, the one copy (a hall that never set anything)."""

    priority_streak_limit: int = _TERMINAL["priority_streak_limit"]
    appointment_grace_minutes: int = _TERMINAL["appointment_grace_minutes"]
    appointment_capacity: str = _TERMINAL["appointment_capacity"]
    service_level_minutes: int = _TERMINAL["service_level_minutes"]
    service_level_target_percent: int = _TERMINAL["service_level_target_percent"]
    hall_time_target_minutes: int = _TERMINAL["hall_time_target_minutes"]
    satisfaction_target_percent: int = _TERMINAL["satisfaction_target_percent"]
    complaints_phone: str = _TERMINAL["complaints_phone"]
    missing_materials_days: int = _TERMINAL["missing_materials_days"]
    rating_url: str = _TERMINAL["rating_url"]
    pickup_place: str = _TERMINAL["pickup_place"]


NAMES = tuple(f.name for f in fields(HallValues))

# name: (low, high, Chinese label, English label)
NUMBERS: dict[str, tuple[int, int, str, str]] = {
    "priority_streak_limit": (0, 20, "连续优先叫号上限", "the priority streak limit"),
    "appointment_grace_minutes": (0, 120, "预约迟到宽限（分钟）", "the appointment grace (minutes)"),
    "service_level_minutes": (1, 240, "叫号时限（分钟）", "the service level's minutes"),
    "service_level_target_percent": (1, 100, "按时叫号目标（%）", "the service level target (%)"),
    "hall_time_target_minutes": (1, 480, "在厅时长目标（分钟）", "the time-in-hall target (minutes)"),
    "satisfaction_target_percent": (1, 100, "好评率目标（%）", "the satisfaction target (%)"),
    "missing_materials_days": (1, 365, "补正材料期限（天）", "the days to bring missing materials"),
}
# name: (longest, Chinese label, English label)
TEXTS: dict[str, tuple[int, str, str]] = {
    "appointment_capacity": (64, "每时段预约数", "the bookings per slot"),
    "complaints_phone": (32, "监督电话", "the complaints phone"),
    "rating_url": (300, "好差评地址", "the rating address"),
    "pickup_place": (100, "领取地点", "the pick-up place"),
}
PHONE_CHARACTERS = frozenset("0123456789-+() ")


class HallSettingsError(ValueError):
    """One clear line for the user, in Chinese and English (`zh_CN`, `en`)."""

    def __init__(self, zh_CN: str, en: str):
        super().__init__(en)
        self.zh_CN, self.en = zh_CN, en

    def text(self, lang: str = "zh_CN") -> str:
        return self.en if lang == "en" else self.zh_CN


# ------------------------------------------------------------------------------------- reading


def stored_in(session: Session, station_id: int) -> dict[str, Any]:
    """The settings the hall has stored ({} when none): names with a value, NULLs left out.

    A database without the table (older than 0015: a terminal is refused before it gets here,
    this is the last guard) has none: the terminal's own settings apply."""
    try:
        row = session.get(HallSettings, station_id)
    except (OperationalError, ProgrammingError) as exc:
        log.warning("hall settings not read (the database is older than 0015?): %s", exc)
        return {}
    if row is None:
        return {}
    return {name: value for name in NAMES if (value := getattr(row, name)) is not None}


def stored(ctx: AppContext) -> dict[str, Any]:
    """What the hall has stored, read in a short read-only session."""
    station_id = ctx.station.id
    with reading(ctx.sessions) as session:
        return stored_in(session, station_id)


def values_of(config: Config, hall: dict[str, Any]) -> HallValues:
    """The hall's values where it has them, else this terminal's (its settings.toml, its defaults)."""
    return HallValues(**{name: hall.get(name, getattr(config, name)) for name in NAMES})


def load(ctx: AppContext) -> HallValues:
    """The settings this terminal works with: the hall's, else its own."""
    hall = stored(ctx)
    return values_of(ctx.config, hall)


def apply(ctx: AppContext, hall: dict[str, Any]) -> None:
    """Overlay the hall's stored values on the terminal's Config (only the names it has)."""
    wanted = {name: value for name, value in hall.items() if name in NAMES}
    if any(getattr(ctx.config, name) != value for name, value in wanted.items()):
        ctx.config = replace(ctx.config, **wanted)


CHANGED = "hall:settings"  # the change kind (counter.notify) a save announces


def refresh(ctx: AppContext) -> HallValues:
    """Read the hall's settings again and use them from now on (a change made at another terminal)."""
    hall = stored(ctx)
    apply(ctx, hall)
    return values_of(ctx.config, hall)


# ------------------------------------------------------------------------------------- checking


def _hidden(text: str) -> bool:
    """Control, format (bidi, zero width) and separator characters: they break a printed line."""
    return any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") for c in text)


def _number(name: str, value: Any) -> int:
    low, high, zh, en = NUMBERS[name]
    refused = HallSettingsError(f"{zh}应为 {low}–{high} 的整数",
                                f"{en.capitalize()} must be a whole number {low}–{high}")
    if isinstance(value, bool):
        raise refused
    if isinstance(value, str):
        text = value.strip()
        if not (text.isascii() and text.isdigit()) or len(text) > 6:
            raise refused
        value = int(text)
    if not isinstance(value, int) or not low <= value <= high:
        raise refused
    return value


def _capacity(text: str) -> str:
    from counter.appointments import valid_capacity

    normal = text.replace(" ", "").upper()
    if not normal.isascii() or not valid_capacity(normal):
        raise HallSettingsError("每时段预约数的格式为 A:6,B:6,C:3（留空：不限）",
                                "The bookings per slot are written A:6,B:6,C:3 (empty: no limit)")
    return normal


def _text(name: str, value: Any) -> str:
    longest, zh, en = TEXTS[name]
    if not isinstance(value, str):
        raise HallSettingsError(f"{zh}应为文字", f"{en.capitalize()} must be text")
    text = value.strip()
    if len(text) > longest or _hidden(text):
        raise HallSettingsError(f"{zh}过长或含控制字符（最多 {longest} 字）",
                                f"{en.capitalize()} is too long or has control characters (at most {longest})")
    if name == "appointment_capacity":
        return _capacity(text)
    if name == "complaints_phone" and (not text or not set(text) <= PHONE_CHARACTERS
                                       or sum(c.isdigit() for c in text) < 3):
        raise HallSettingsError("监督电话应为电话号码，如 12345 或 010-12345678",
                                "The complaints phone is a phone number such as 12345 or 010-12345678")
    if name == "rating_url" and text and (not text.startswith(("http://", "https://")) or " " in text):
        raise HallSettingsError("好差评地址应以 http:// 或 https:// 开头（留空：不印二维码）",
                                "The rating address starts with http:// or https:// (empty: no QR code)")
    return text


def checked(changes: dict[str, Any]) -> dict[str, Any]:
    """The changes with their values checked and put in form (text numbers from the console
    become numbers, spaces are trimmed); HallSettingsError names the first one refused."""
    unknown = sorted(set(changes) - set(NAMES))
    if unknown:
        shown = ", ".join(quote(k, 40) for k in unknown)
        raise HallSettingsError(f"未知的大厅设置：{shown}（可设的名称见 hall-settings show）",
                                f"Unknown hall settings: {shown} (known: {', '.join(NAMES)})")
    return {name: (_number(name, value) if name in NUMBERS else _text(name, value))
            for name, value in changes.items()}


# -------------------------------------------------------------------------------------- saving


def _shown(value: Any) -> str:
    return '""' if value == "" else str(value)


def save(ctx: AppContext, principal: Principal | None = None, **changes: Any) -> HallValues:
    """Change some of the hall's settings (a manager or an administrator; the console too).

    One transaction: the row is locked, the values checked, every setting stored (the first
    save stores this terminal's values of the ones not changed, so that the whole hall agrees
    from then on), one audit row `hall.settings` names each change as old→new. Nothing changed
    and nothing to store: no write, no audit row. The saving terminal uses the new values at once.
    """
    who = principal if principal is not None else ctx.principal
    if who is not None:
        require(who, Role.MANAGER)
    wanted = checked(changes)
    station_id = ctx.station.id
    with ctx.sessions.begin() as session:
        row = session.get(HallSettings, station_id, with_for_update=True)
        before = {} if row is None else {n: v for n in NAMES if (v := getattr(row, n)) is not None}
        current = values_of(ctx.config, before)
        value = replace(current, **wanted)
        differ = {name: (getattr(current, name), new) for name, new in asdict(value).items()
                  if getattr(current, name) != new}
        first = len(before) < len(NAMES)
        if differ or first:
            if row is None:
                row = HallSettings(station_id=station_id)
                session.add(row)
            for name in NAMES:
                setattr(row, name, getattr(value, name))
            shown = "; ".join(f"{name}: {_shown(old)}→{_shown(new)}" for name, (old, new) in sorted(differ.items()))
            if first:
                unset = ", ".join(n for n in NAMES if n not in before and n not in differ)
                if unset:
                    shown = f"{shown}; " if shown else ""
                    shown += f"stored for the hall from terminal {ctx.config.terminal}: {unset}"
            audit.log(ctx, session, "hall.settings", shown[:2000] or "(no change)", principal=who)
            notify.publish(session.connection(), station_id, CHANGED)  # running terminals read again
    apply(ctx, asdict(value))
    return value
