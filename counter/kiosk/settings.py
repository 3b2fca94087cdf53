"""The kiosk's own settings: the administrator PIN (a scrypt hash), idle time, saving slips.

They live in the `[kiosk]` table of the terminal's `settings.toml` (`counter.config`), beside
the terminal's other settings; the slip printer is the terminal's `ticket_printer` (one key
for the settings dialog and the kiosk's own settings page). The PIN is stored only as a scrypt
hash (`counter.auth.hash_password`); a kiosk without one starts with the demo PIN "123456"
(hashed on first use) which the administrator changes on the settings page. A `kiosk.json`
from an older version is read once into the table and renamed `kiosk.json.imported`.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from counter import audit
from counter.auth import hash_password, verify_password
from counter.config import read_section, read_settings, save_section, save_settings, settings_file
from counter.kiosk.errors import KioskError

if TYPE_CHECKING:
    from counter.context import AppContext

log = logging.getLogger(__name__)

DEFAULT_PIN = "123456"
IDLE_SECONDS = 60
SECTION = "kiosk"
OWN = ("pin_hash", "idle_seconds", "save_slips")  # the [kiosk] table; the printer is ticket_printer


def _legacy(folder: Path) -> dict:
    """What an older kiosk kept in kiosk.json (renamed once read), or {}."""
    old = folder / "kiosk.json"
    try:
        stored = json.loads(old.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    try:
        old.rename(old.with_name("kiosk.json.imported"))
    except OSError:
        log.warning("kiosk: %s read but not renamed", old)
    return stored if isinstance(stored, dict) else {}


@dataclass
class KioskSettings:
    """Per-kiosk settings in `settings.toml` (`[kiosk]` and `ticket_printer`); the PIN only as a hash."""

    pin_hash: str = ""
    idle_seconds: int = IDLE_SECONDS
    printer_name: str = ""  # empty: no printer; slips are only saved as PDF
    save_slips: bool = True
    path: Path | None = field(default=None, repr=False, compare=False)  # the settings file

    @staticmethod
    def default_path() -> Path:
        return settings_file()

    @classmethod
    def load(cls, path: Path | None = None) -> KioskSettings:
        path = path or cls.default_path()
        stored = read_section(SECTION, path)
        imported = {} if stored else _legacy(path.parent)
        values = {k: v for k, v in (stored or imported).items() if k in OWN}
        printer = read_settings(path).get("ticket_printer", imported.get("printer_name", ""))
        settings = cls(**values, printer_name=printer if isinstance(printer, str) else "", path=path)
        if not settings.pin_hash or imported:
            settings.pin_hash = settings.pin_hash or hash_password(DEFAULT_PIN)
            settings.save()
        return settings

    def save(self) -> None:
        path = self.path or self.default_path()
        save_section(SECTION, {k: getattr(self, k) for k in OWN}, path)
        save_settings({"ticket_printer": self.printer_name}, path)

    def check_pin(self, pin: str) -> bool:
        return bool(pin) and verify_password(pin, self.pin_hash)

    def set_pin(self, pin: str) -> None:
        if not (pin.isdigit() and 4 <= len(pin) <= 12):
            raise KioskError("PIN 须为 4–12 位数字", "The PIN must be 4 to 12 digits")
        self.pin_hash = hash_password(pin)
        self.save()


def audit_kiosk(ctx: AppContext, action: str, detail: str) -> None:
    """An administrator's act at the kiosk (settings, exit) in the audit trail."""
    ctx.station  # noqa: B018 - resolved before the write transaction
    with ctx.sessions.begin() as session:
        audit.log(ctx, session, action, detail, username="kiosk-admin")
