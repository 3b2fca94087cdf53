"""The names of the states things go through, one table each, in both languages.

Domain data like the catalogue's names: the CLI, the reports, the kiosk and the clerk's
windows all show these, picked by language (`label(state, lang)`), so they are written once
here and not in each screen's translation file.
"""
from __future__ import annotations

# An item (one procedure of a visit) after the counter: the kiosk shows these to the citizen.
ITEM_STATUS: dict[str, tuple[str, str]] = {
    "accepted": ("受理", "Accepted"),
    "in_progress": ("办理中", "In progress"),
    "ready": ("待领取", "Ready for collection"),
    "collected": ("已领取", "Collected"),
    "rejected": ("不予受理", "Rejected"),
    "needs_materials": ("需补正", "Materials missing"),
    "cancelled": ("已取消", "Cancelled"),
    "posted": ("已寄出", "Posted"),  # sent by post (邮寄, counter.journey.delivery)
}

# A visit (the citizen at the window).
VISIT_STATUS: dict[str, tuple[str, str]] = {
    "open": ("办理中", "Open"),
    "finished": ("已办结", "Finished"),
    "cancelled": ("已取消", "Cancelled"),
}

# A counter window in the hall. "未开放" (not open), not "关闭": a window nobody staffs yet
# today was never closed; the same word on the clerk's panel, the manager's view and the CLI.
WINDOW_STATE: dict[str, tuple[str, str]] = {
    "open": ("开放", "Open"),
    "paused": ("暂停", "Paused"),
    "closed": ("未开放", "Closed"),
}


def label(table: dict[str, tuple[str, str]], state: str | None, lang: str = "zh_CN") -> str:
    """The state's name in `lang`; an unknown state as it is stored."""
    zh, en = table.get(state or "", (state or "", state or ""))
    return en if lang == "en" else zh


def zh_names(*tables: dict[str, tuple[str, str]]) -> dict[str, str]:
    """State → Chinese name over several tables (the first wins), for the Chinese-only reports."""
    merged: dict[str, str] = {"": ""}
    for table in reversed(tables):
        merged.update({state: zh for state, (zh, _en) in table.items()})
    return merged
