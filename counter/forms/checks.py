"""The result of checking one typed value: the normalised value, or a message for people."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counter.forms.spec import Text


@dataclass(frozen=True)
class Check:
    value: Any = None  # normalised value (str, Decimal, date as ISO string, list …) when valid
    error: Text | None = None  # blocks "next"
    warning: Text | None = None  # shown, does not block

    @property
    def ok(self) -> bool:
        return self.error is None


def ok(value: Any, warning: Text | None = None) -> Check:
    return Check(value=value, warning=warning)


def fail(zh_CN: str, en: str) -> Check:
    return Check(error=Text(zh_CN, en))
