"""The KPI list (Summary sheet, comparison with a baseline, dashboard)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable
from counter.metrics.dist import Group
from counter.metrics.folding import Metrics




# --- the KPI list (Summary sheet, comparison, dashboard) --------------------------------------

@dataclass(frozen=True)
class Kpi:
    key: str
    zh: str
    en: str
    unit: str  # "min" | "%" | "" | "count" | "per_h"
    get: Callable[[Group], float | None]
    lower_is_better: bool = True


def _minutes(value: float | None) -> float | None:
    return None if value is None else value / 60


KPIS: tuple[Kpi, ...] = (
    Kpi("tickets", "取号数", "Tickets issued", "count", lambda g: g.tickets, False),
    Kpi("visits", "办件数", "Visits", "count", lambda g: g.visits, False),
    Kpi("items", "办理事项数", "Items", "count", lambda g: g.items, False),
    Kpi("wait_mean", "平均等候时长", "Average wait", "min", lambda g: _minutes(g.wait.mean)),
    Kpi("wait_p50", "等候时长中位数 P50", "Wait p50", "min", lambda g: _minutes(g.wait.p50)),
    Kpi("wait_p90", "等候时长 P90", "Wait p90", "min", lambda g: _minutes(g.wait.p90)),
    Kpi("wait_max", "最长等候", "Longest wait", "min", lambda g: _minutes(g.wait.max)),
    Kpi("service_level", "服务达标率（等候≤目标）", "Service level (wait ≤ target)", "%",
        lambda g: g.service_level, False),
    Kpi("no_show_rate", "过号率", "No-show rate", "%", lambda g: g.no_show_rate),
    Kpi("handling_mean", "平均办理时长", "Average handling time", "min", lambda g: _minutes(g.handling.mean)),
    Kpi("handling_p50", "办理时长中位数 P50", "Handling p50", "min", lambda g: _minutes(g.handling.p50)),
    Kpi("handling_p90", "办理时长 P90", "Handling p90", "min", lambda g: _minutes(g.handling.p90)),
    Kpi("citizen_mean", "平均办事总时长（按人）", "Time in hall per citizen, average", "min",
        lambda g: _minutes(g.citizen.mean)),
    Kpi("citizen_p50", "办事总时长中位数 P50（按人）", "Time in hall per citizen p50", "min",
        lambda g: _minutes(g.citizen.p50)),
    Kpi("citizen_p90", "办事总时长 P90（按人）", "Time in hall per citizen p90", "min",
        lambda g: _minutes(g.citizen.p90)),
    Kpi("hall_mean", "平均单次办事时长（按号）", "Time in hall per visit, average", "min",
        lambda g: _minutes(g.hall.mean)),
    Kpi("hall_p50", "单次办事时长中位数 P50", "Time in hall per visit p50", "min", lambda g: _minutes(g.hall.p50)),
    Kpi("hall_p90", "单次办事时长 P90", "Time in hall per visit p90", "min", lambda g: _minutes(g.hall.p90)),
    Kpi("items_per_visit", "人均办理事项", "Items per visit", "", lambda g: g.items_per_visit, False),
    Kpi("visits_per_clerk_hour", "人时办件量", "Visits per clerk-hour", "per_h",
        lambda g: g.visits_per_clerk_hour, False),
    Kpi("utilisation", "窗口利用率", "Window utilisation", "%", lambda g: g.utilisation, False),
    Kpi("rating_mean", "平均评价（1–5）", "Average rating (1–5)", "", lambda g: g.rating_mean, False),
    Kpi("satisfaction", "好评率（4–5分）", "Satisfied (4–5)", "%", lambda g: g.satisfaction, False),
)
KPI_BY_KEY = {k.key: k for k in KPIS}


@dataclass(frozen=True)
class Change:
    kpi: Kpi
    baseline: float | None
    current: float | None

    @property
    def delta(self) -> float | None:
        if self.baseline is None or self.current is None:
            return None
        return self.current - self.baseline

    @property
    def percent(self) -> float | None:
        """(current − baseline) / baseline, as a fraction (−0.4 = 40% less)."""
        if self.delta is None or not self.baseline:
            return None
        return self.delta / self.baseline

    @property
    def better(self) -> bool | None:
        if not self.delta:
            return None
        return (self.delta < 0) == self.kpi.lower_is_better


def compare(baseline: Metrics, current: Metrics) -> list[Change]:
    return [Change(k, k.get(baseline.total), k.get(current.total)) for k in KPIS]
