"""Settings: command-line flags over environment over the settings file over defaults.

The settings file (`settings.toml` in the per-user data folder) holds what an administrator
sets once per terminal; everything shared by the hall lives in the database.
"""
from __future__ import annotations

import os
import platform
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from counter import paths

DEFAULT_STATION = ("DEMO01", "示范派出所综合服务大厅", 1)


@dataclass(frozen=True)
class Config:
    database_url: str
    lang: str = "zh_CN"
    demo: bool = False
    station_code: str = DEFAULT_STATION[0]
    station_name: str = DEFAULT_STATION[1]
    window_number: int = 1
    terminal: str = field(default_factory=lambda: platform.node() or "terminal")  # os.uname: not on Windows
    service_level_minutes: int = 20
    service_level_target_percent: int = 80  # the manager's tile: share called within the minutes above
    hall_time_target_minutes: int = 45  # the manager's tile: average ticket → receipt
    satisfaction_target_percent: int = 95  # the manager's tile: ratings 4–5 among today's ratings
    priority_streak_limit: int = 3
    idle_lock_minutes: int = 5
    role: str = "counter"  # the terminal's role, the mode it starts in: counter | kiosk | display
    window_categories: str = ""  # ticket categories this window serves ("A,B"); empty: all
    receipt_printer: str = ""  # empty: the system's default printer
    ticket_printer: str = ""  # the kiosk's 80 mm slip printer; empty: slips are saved as PDF only
    receipt_paper: str = "A4"  # the receipt printer's paper: A4 | A5 | 80mm (thermal roll)
    complaints_phone: str = "12345"  # 监督电话 on the receipt (12345, or the station's own number)
    missing_materials_days: int = 30  # 一次性告知书: days to bring the missing materials
    rating_url: str = ""  # 好差评 address in the receipt's rating QR; empty: the kiosk is named
    pickup_place: str = ""  # where documents are collected; empty: the station's hall
    audit_key_file: str = ""  # the audit key (counter.audit_anchors); empty: audit.key in the data folder
    reader_type: str = "none"  # ID card reader: none | serial (SAM module) | sdk (vendor termb) | wedge
    reader_port: str = ""  # serial: /dev/ttyUSB0 or COM3; sdk: the vendor's port number (1001 = USB)
    reader_baudrate: int = 115200
    appointment_grace_minutes: int = 15  # 预约: later than slot start + this, the ticket is a walk-in's
    appointment_capacity: str = "A:6,B:6,C:3"  # bookings per slot per queue letter (counter/phone bookings)


ROLES = ("counter", "kiosk", "display")
WINDOW_NUMBERS = range(1, 1000)  # a hall's windows are 1..999
LANGUAGES = ("zh_CN", "en")
RECEIPT_PAPERS = ("A4", "A5", "80mm")


def settings_file() -> Path:
    return paths.data_dir() / "settings.toml"


def read_settings(file: Path | None = None) -> dict:
    """What the settings file holds ({} when missing or broken)."""
    path = file or settings_file()
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
        return {}  # a broken settings file must not stop the hall; defaults apply


HEADER = "一窗通办 Counter: this terminal's settings (the settings dialog writes this file; comments are kept)"


def _document(path: Path):
    """The settings file as a tomlkit document (comments and order kept); a new one if missing or broken."""
    import tomlkit

    try:
        return tomlkit.parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        pass
    except (tomlkit.exceptions.TOMLKitError, OSError, UnicodeDecodeError):
        pass  # a broken file is replaced, as before: defaults apply until it is saved
    document = tomlkit.document()
    document.add(tomlkit.comment(HEADER))
    return document


def _write(document, path: Path) -> None:
    """Atomically, readable by this user only (the kiosk section holds the PIN's hash)."""
    import tomlkit

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(tomlkit.dumps(document), encoding="utf-8")
    try:
        os.chmod(tmp, 0o600)
    except OSError:
        pass
    os.replace(tmp, path)


def _merge(table, values: dict) -> None:
    for key, value in values.items():
        if value is None:
            table.pop(key, None)
        else:
            table[key] = value


def save_settings(values: dict, file: Path | None = None) -> Path:
    """Merge `values` into the settings file (None removes a key); written atomically.

    Keys are Config field names; the file is plain TOML an administrator may also edit by hand:
    their comments and the order of the keys survive a save (tomlkit).
    """
    path = file or settings_file()
    unknown = sorted(k for k in values if k not in Config.__dataclass_fields__)
    if unknown:
        raise ValueError(f"unknown settings: {', '.join(unknown)}")
    document = _document(path)
    _merge(document, values)
    _write(document, path)
    return path


def read_section(name: str, file: Path | None = None) -> dict:
    """One `[name]` table of the settings file ({} when missing)."""
    found = read_settings(file).get(name)
    return found if isinstance(found, dict) else {}


def save_section(name: str, values: dict, file: Path | None = None) -> Path:
    """Merge `values` into the `[name]` table of the settings file (the kiosk's own settings)."""
    import tomlkit

    path = file or settings_file()
    document = _document(path)
    table = document.get(name)
    if not isinstance(table, dict):
        table = tomlkit.table()
        document[name] = table
    _merge(table, values)
    _write(document, path)
    return path


def _well_typed(stored: dict, defaults: Config) -> dict:
    """Known settings whose type matches the default's: a hand-edited `"3"` for a number is
    ignored (the default applies) rather than failing deep inside the queue."""
    out = {}
    for key, value in stored.items():
        if key not in Config.__dataclass_fields__ or key == "database_url":
            continue
        default = getattr(defaults, key)
        expected = type(default) if default is not None else str
        if isinstance(value, expected) and not (expected is int and isinstance(value, bool)):
            out[key] = value
    return out


def load_config(*, database: str | None = None, lang: str | None = None, demo: bool = False,
                window: int | None = None, file: Path | None = None) -> Config:
    stored = read_settings(file)
    if database is not None and not database.strip():
        raise ValueError("数据库地址为空 / the database URL is empty")
    if window is not None and window not in WINDOW_NUMBERS:
        raise ValueError(f"窗口号应为 1–999 / the window number must be 1–999: {window}")
    url = database or os.environ.get("COUNTER_DATABASE_URL") or stored.get("database_url")
    if demo and not database and not os.environ.get("COUNTER_DATABASE_URL"):
        url = f"sqlite:///{paths.data_dir() / 'demo.sqlite3'}"
    config = Config(database_url=url or paths.default_database_url(), demo=demo)
    config = replace(config, **_well_typed(stored, config))
    if lang or os.environ.get("COUNTER_LANG"):
        config = replace(config, lang=lang or os.environ["COUNTER_LANG"])
    if config.window_number not in WINDOW_NUMBERS:  # a hand-edited settings file
        config = replace(config, window_number=1)
    if window is not None:
        config = replace(config, window_number=window)
    return config
