"""The kiosk's own settings: the administrator PIN (a scrypt hash), idle time, slip printer.

The kiosk administrator PIN and the kiosk's settings live in `kiosk.json` in the terminal's
data folder (beside `settings.toml`, which `counter.config` owns; a separate file so the two
writers never overwrite each other). The PIN is stored only as a scrypt hash
(`counter.auth.hash_password`); a kiosk without the file starts with the demo PIN "123456"
(hashed on first use) which the administrator changes on the settings page.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from counter import audit, paths
from counter.auth import hash_password, verify_password
from counter.kiosk.errors import KioskError

DEFAULT_PIN = "123456"
IDLE_SECONDS = 60


@dataclass
class KioskSettings:
    """Per-kiosk settings in `<data dir>/kiosk.json`; the PIN only as a scrypt hash."""

    pin_hash: str = ""
    idle_seconds: int = IDLE_SECONDS
    printer_name: str = ""  # empty: no printer; slips are only saved as PDF
    save_slips: bool = True
    path: Path | None = field(default=None, repr=False, compare=False)

    @staticmethod
    def default_path() -> Path:
        return paths.data_dir() / "kiosk.json"

    @classmethod
    def load(cls, path: Path | None = None) -> KioskSettings:
        path = path or cls.default_path()
        stored: dict = {}
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}  # missing or broken: defaults, and a fresh demo PIN
        known = {k: v for k, v in stored.items() if k in cls.__dataclass_fields__ and k != "path"}
        settings = cls(**known, path=path)
        if not settings.pin_hash:
            settings.pin_hash = hash_password(DEFAULT_PIN)
            settings.save()
        return settings

    def save(self) -> None:
        path = self.path or self.default_path()
        data = {k: v for k, v in asdict(self).items() if k != "path"}
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        try:
            os.chmod(tmp, 0o600)
        except OSError:
            pass
        os.replace(tmp, path)

    def check_pin(self, pin: str) -> bool:
        return bool(pin) and verify_password(pin, self.pin_hash)

    def set_pin(self, pin: str) -> None:
        if not (pin.isdigit() and 4 <= len(pin) <= 12):
            raise KioskError("PIN 须为 4–12 位数字", "The PIN must be 4 to 12 digits")
        self.pin_hash = hash_password(pin)
        self.save()


def audit_kiosk(ctx, action: str, detail: str) -> None:
    """An administrator's act at the kiosk (settings, exit) in the audit trail."""
    ctx.station  # noqa: B018 - resolved before the write transaction
    with ctx.sessions.begin() as session:
        audit.log(ctx, session, action, detail, username="kiosk-admin")
