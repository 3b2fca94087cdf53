"""Distributions kept exactly (mean, p50, p90) and the groups they are folded into."""
from __future__ import annotations

from array import array
from collections import Counter as Tally
from dataclasses import dataclass, field
from decimal import Decimal




# --- distributions -----------------------------------------------------------------------------

def percentile_cont(sorted_values, fraction: float) -> float | None:
    """PostgreSQL's percentile_cont on an ascending sequence: linear interpolation."""
    n = len(sorted_values)
    if n == 0:
        return None
    pos = fraction * (n - 1)
    lo = int(pos)
    hi = min(lo + 1, n - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


class Dist:
    """Durations in seconds; every value is kept (8 bytes each) so percentiles are exact."""

    __slots__ = ("values", "add", "_sorted_len")

    def __init__(self):
        self.values = array("d")
        self.add = self.values.append  # the hot path: one C call per value
        self._sorted_len = -1

    @property
    def count(self) -> int:
        return len(self.values)

    @property
    def total(self) -> float:
        return sum(self.values)

    @property
    def max(self) -> float | None:
        return max(self.values) if self.values else None

    @property
    def mean(self) -> float | None:
        return sum(self.values) / len(self.values) if self.values else None

    def sorted(self) -> array:
        """The values in ascending order, sorted in place once (kept compact: 8 bytes a value)."""
        if self._sorted_len != len(self.values):
            self.values = array("d", sorted(self.values))
            self.add = self.values.append
            self._sorted_len = len(self.values)
        return self.values

    def percentile(self, fraction: float) -> float | None:
        return percentile_cont(self.sorted(), fraction)

    @property
    def p50(self) -> float | None:
        return self.percentile(0.5)

    @property
    def p90(self) -> float | None:
        return self.percentile(0.9)


@dataclass
class Group:
    """Every KPI's ingredients for one group (the whole period, one day, one clerk ...)."""

    tickets: int = 0
    called: int = 0
    served_tickets: int = 0
    no_shows: int = 0
    cancelled: int = 0
    closed: int = 0
    within_target: int = 0
    waited: int = 0  # tickets with a wait figure (all tickets)
    visits: int = 0
    items: int = 0
    fees: Decimal = Decimal("0")  # money stays Decimal; the Excel cell is the only float
    wait: Dist = field(default_factory=Dist)
    handling: Dist = field(default_factory=Dist)
    hall: Dist = field(default_factory=Dist)
    citizen: Dist = field(default_factory=Dist)
    item_time: Dist = field(default_factory=Dist)
    serving_seconds: float = 0.0
    open_seconds: float = 0.0
    clerk_seconds: float = 0.0
    rated: int = 0
    rating_sum: int = 0
    levels: Tally = field(default_factory=Tally)

    # -- the KPIs
    @property
    def service_level(self) -> float | None:
        return self.within_target / self.waited if self.waited else None

    @property
    def no_show_rate(self) -> float | None:
        return self.no_shows / self.called if self.called else None

    @property
    def items_per_visit(self) -> float | None:
        return self.items / self.visits if self.visits else None

    @property
    def visits_per_clerk_hour(self) -> float | None:
        return self.visits / (self.clerk_seconds / 3600) if self.clerk_seconds else None

    @property
    def utilisation(self) -> float | None:
        return self.serving_seconds / self.open_seconds if self.open_seconds else None

    @property
    def rating_mean(self) -> float | None:
        return self.rating_sum / self.rated if self.rated else None

    @property
    def satisfaction(self) -> float | None:
        """Share of ratings 4 or 5 (好评率)."""
        return (self.levels[4] + self.levels[5]) / self.rated if self.rated else None
