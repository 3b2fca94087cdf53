"""Saving the terminal settings dialog: the file, then the hall's rows (station name, window queues).

Where each kind of setting lives (docs/notes/structure.md): this terminal's own settings in
`settings.toml`; what the whole hall shares (the station's name, which queues a window serves)
in the database as well, so the display and the other terminals see it.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from counter import audit
from counter import categories as cats
from counter.config import read_settings, save_settings
from counter.db import safe_url
from counter.models import Station
from counter.windows import window_row

if TYPE_CHECKING:
    from counter.context import AppContext

log = logging.getLogger(__name__)


def changed_settings(values: dict, before: dict) -> dict:
    """The settings that differ from the stored file (a missing database URL is the default)."""
    return {k: v for k, v in values.items() if before.get(k, None if k == "database_url" else "") != v
            and not (v is None and k not in before)}


def save_terminal_settings(ctx: AppContext, values: dict) -> dict:
    """Write the settings file, then the rest; returns what changed. OSError: the file was not written."""
    changed = changed_settings(values, read_settings())
    save_settings(values)
    store_hall_settings(ctx, values, changed)
    return changed


def store_hall_settings(ctx: AppContext, values: dict, changed: dict) -> None:
    """The station's name and this window's categories in the database (shared by the hall), and
    one audit row naming what changed. A database away does not lose the file: logged, not raised."""
    shown = {k: (safe_url(v) if k == "database_url" and v else v) for k, v in changed.items()}
    detail = "; ".join(f"{k}={v!s}" for k, v in sorted(shown.items())) or "(no change)"
    try:
        station_id = ctx.station.id
        with ctx.sessions.begin() as session:
            station = session.get(Station, station_id)
            if station is not None and station.name != values["station_name"]:
                station.name = values["station_name"]
            categories = values["window_categories"] or cats.ALL
            window = window_row(session, station_id, values["window_number"], categories=categories)
            window.categories = categories
            audit.log(ctx, session, "setting.changed", detail[:2000])
    except Exception:  # the file is saved; the hall's copy follows on the next save
        log.exception("settings saved to the file, not to the database")
