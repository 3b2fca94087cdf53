"""What the citizen (or the clerk) is told when a kiosk service says no: one line, zh_CN and en."""
from __future__ import annotations

from datetime import datetime


class KioskError(Exception):
    """Something the citizen is told; `zh_CN` and `en` are the messages."""

    def __init__(self, zh_CN: str, en: str):
        super().__init__(f"{zh_CN} / {en}")
        self.zh_CN, self.en = zh_CN, en

    def text(self, lang: str = "zh_CN") -> str:
        return self.en if lang == "en" else self.zh_CN


class ReceiptNotFound(KioskError):
    pass


class WrongProof(KioskError):
    """The receipt number and the proof do not match: also what a number that does not exist gets."""

    def __init__(self, left: int):
        super().__init__(f"回执号与查询码（或身份证号后四位）不符，还可尝试 {left} 次",
                         f"The receipt number and the query code (or last 4 of the ID number) do not match; "
                         f"{left} tries left")
        self.left = left


WrongIdNumber = WrongProof  # the name before query codes


class ReceiptLocked(KioskError):
    def __init__(self, until: datetime, now: datetime):
        minutes = _minutes(until, now)
        super().__init__(f"输入错误次数过多，该回执已锁定，请 {minutes} 分钟后再试或到窗口咨询",
                         f"Too many wrong tries: this receipt is locked; try again in {minutes} min "
                         "or ask at a window")
        self.until, self.minutes = until, minutes


class TerminalLocked(KioskError):
    def __init__(self, until: datetime, now: datetime):
        minutes = _minutes(until, now)
        super().__init__(f"本机输入错误次数过多，查询和评价暂停，请 {minutes} 分钟后再试或到窗口咨询",
                         f"Too many wrong tries at this kiosk: status and rating are paused; try again in "
                         f"{minutes} min or ask at a window")
        self.until, self.minutes = until, minutes


def _minutes(until: datetime, now: datetime) -> int:
    return max(1, int((until - now).total_seconds() + 59) // 60)


class RatingError(KioskError):
    pass


class StatusChangeError(KioskError):
    pass
