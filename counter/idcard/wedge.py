"""Keyboard-wedge readers: they type the ID number as keystrokes, far faster than a hand.

The UI feeds (character, time) events of the ID field; this decides from their rhythm alone
whether a reader typed them. A fast typist manages about 8 keys a second (120 ms apart) and
never 18 in a row under 50 ms; wedge readers send a key every 1–20 ms.
"""
from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from statistics import median

MIN_KEYS = 15  # an ID number is 18; a reader never types only part of it
WEDGE_MEDIAN_GAP = 0.035  # seconds between keys, typical of a reader
WEDGE_MAX_GAP = 0.15  # a single pause this long means a hand typed at least part of it


def typed_by_reader(events: Sequence[tuple[str, float]]) -> bool:
    """True when the keys (char, seconds) came at a reader's pace, not a person's."""
    if len(events) < MIN_KEYS:
        return False
    times = [at for _, at in events]
    gaps = [later - earlier for earlier, later in pairwise(times)]
    return median(gaps) <= WEDGE_MEDIAN_GAP and max(gaps) <= WEDGE_MAX_GAP


class WedgeWatch:
    """Keys typed into one ID field since it was last empty."""

    def __init__(self) -> None:
        self.events: list[tuple[str, float]] = []

    def key(self, char: str, at: float, field_text_before: str) -> None:
        if not field_text_before:
            self.events.clear()  # a new number starts
        if char:
            self.events.append((char, at))

    def verdict(self, number: str) -> bool:
        """Did a reader type `number` (the field's complete value)?"""
        typed = "".join(c for c, _ in self.events).upper()
        return typed.endswith(number.upper()) and typed_by_reader(self.events[-len(number):])
