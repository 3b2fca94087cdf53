"""Find procedures as a clerk types: Chinese name, code, English, or pinyin initials (`sfz`)."""
from __future__ import annotations

from functools import lru_cache

from counter.forms.spec import Procedure


@lru_cache(maxsize=None)
def _pinyin(text: str) -> tuple[str, str]:
    from pypinyin import Style, lazy_pinyin  # imported on first search: start-up speed

    initials = "".join(lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore"))
    full = "".join(lazy_pinyin(text, errors="ignore"))
    return initials.lower(), full.lower()


def search_keys(procedure: Procedure) -> str:
    words = [procedure.code, procedure.code.replace("-", ""), procedure.name.zh_CN, procedure.name.en,
             procedure.group.zh_CN, *procedure.keywords]
    for chinese in (procedure.name.zh_CN, procedure.group.zh_CN, *procedure.keywords):
        words += list(_pinyin(chinese))
    return " ".join(words).lower()


def matches(keys: str, query: str) -> bool:
    """Every typed term must occur somewhere in the keys."""
    return all(term in keys for term in query.lower().split())


def search(procedures: tuple[Procedure, ...] | list[Procedure], query: str) -> list[Procedure]:
    return [p for p in procedures if matches(search_keys(p), query)]
