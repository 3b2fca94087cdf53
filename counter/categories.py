"""The hall's ticket categories: one table for the queue, the kiosk, the reports and the demo.

Data, not code: a station with another split edits this tuple only. `who` is what the kiosk
shows under the category (who should take it); it is bilingual data like the catalogue's
names, picked by the citizen's language.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    letter: str
    zh: str
    en: str
    priority: bool = False
    who_zh: str = ""
    who_en: str = ""

    def name(self, lang: str = "zh_CN") -> str:
        return self.en if lang == "en" else self.zh

    def who(self, lang: str = "zh_CN") -> str:
        return self.who_en if lang == "en" else self.who_zh


CATEGORIES: tuple[Category, ...] = (
    Category("A", "户政", "Household registration",
             who_zh="户政业务：户口、身份证、居住证", who_en="Household: residence, ID cards, residence permits"),
    Category("B", "交管", "Traffic management",
             who_zh="交管业务：车辆、驾驶证、违法处理", who_en="Traffic: vehicles, driving licences, violations"),
    Category("C", "综合", "Combined service",
             who_zh="同时办理户政和交管业务", who_en="Both household and traffic business"),
    Category("V", "绿色通道", "Priority lane", priority=True,
             who_zh="70岁以上老人、残疾人、孕妇、怀抱婴儿者、现役军人",
             who_en="Over 70, disabled, pregnant, with a baby, or serving military"),
)

LETTERS: tuple[str, ...] = tuple(c.letter for c in CATEGORIES)
ALL = ",".join(LETTERS)  # a window that serves every queue (`Window.categories`)
NO_TICKET = ""  # a visit without a ticket (reports: 无号)


def zh_names() -> dict[str, str]:
    """Letter → Chinese name, with 无号 for a visit without a ticket (the reports' column)."""
    return {c.letter: c.zh for c in CATEGORIES} | {NO_TICKET: "无号"}
