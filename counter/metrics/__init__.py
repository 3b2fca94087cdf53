"""KPIs from the timestamps, as DESIGN.md defines them (screen, Excel and tests use this module).

Definitions (durations are exact seconds between aware UTC timestamps, never SQL MINUTE()):

- wait (等候时长) = the answered call − ticket `issued_at`. The answered call is the last call
  or recall before service first started, stored once as `tickets.answered_at` when service
  starts (queueing; a transfer after the start does not move it). For a ticket never served: its first
  call − issued (a no-show), else the moment it left the queue (cancelled, closed at the end of
  the day) − issued, else — still waiting — now or the end of its service day, whichever is first.
- handling (办理时长) = visit `finished_at` − `started_at`.
- time in hall per visit (单次办事时长) = visit `finished_at` − its ticket's `issued_at`.
- time in hall per citizen (办事总时长, the citizen's figure) = from the citizen's first ticket to
  the end of the citizen's last visit on that service day (the same applicant ID number). For a
  citizen with one visit this equals the per-visit figure; a citizen who had to queue twice at
  separate 户政 and 交管 windows counts both queues, which is what merging the windows saves.
- service level (服务达标率) = share of tickets whose wait ≤ the target (default 20 min).
- no-show rate (过号率) = tickets marked no-show / tickets called.
- items per visit (人均事项) = items / visits.
- visits per clerk-hour (人时办件量) = visits / clerk-hours; a clerk's hours on a day run from the
  start of the clerk's first visit to the end of the last (there is no shift log).
- window utilisation (窗口利用率) = serving time / open time; a window counts as open from the
  start of its first visit of the day to the end of its last; serving = the sum of handling times.

Every figure is available for the whole period and grouped by day, hour of day, weekday,
weekday × hour, category (ticket letter), window, clerk, procedure and item category, with the
mean, p50 and p90 (percentile_cont: linear interpolation, like PostgreSQL's).

How it is computed: one streamed query per period (tickets ⟕ visits ⟕ items ⟕ ratings, and
walk-in visits) whose rows are exactly the rows of the Excel "明细 Raw" sheet, folded into all
groupings in one pass in Python. The same code path runs on SQLite and PostgreSQL (no
dialect-specific SQL); percentiles are exact (values kept in compact float arrays).

The package, one part per job: `names` (the reports' Chinese names), `periods`, `dist`
(distributions and groups), `rows` (the one streamed query), `folding` (`Metrics`, `compute`),
`kpis` (the KPI list and comparison), `live` (today's dashboard). Everything is importable from
`counter.metrics` as before.
"""
from counter.metrics.names import (
    CATEGORY_ZH,
    DEFAULT_TARGET_MINUTES,
    ITEM_CATEGORY_ZH,
    OUTCOME_ZH,
    WEEKDAYS_ZH,
)
from counter.metrics.periods import (
    Period,
    period_preset,
)
from counter.metrics.dist import (
    Dist,
    Group,
    percentile_cont,
)
from counter.metrics.rows import (
    RawRow,
    count_raw_rows,
    local_day_end,
    raw_rows,
    seconds_between,
    wait_end,
)
from counter.metrics.folding import (
    Accumulator,
    DIMENSIONS,
    Metrics,
    compute,
)
from counter.metrics.kpis import (
    Change,
    KPIS,
    KPI_BY_KEY,
    Kpi,
    compare,
)
from counter.metrics.live import (
    Today,
    WindowNow,
    minutes_text,
    today_live,
)

__all__ = [
    "Accumulator",
    "CATEGORY_ZH",
    "Change",
    "DEFAULT_TARGET_MINUTES",
    "DIMENSIONS",
    "Dist",
    "Group",
    "ITEM_CATEGORY_ZH",
    "KPIS",
    "KPI_BY_KEY",
    "Kpi",
    "Metrics",
    "OUTCOME_ZH",
    "Period",
    "RawRow",
    "Today",
    "WEEKDAYS_ZH",
    "WindowNow",
    "compare",
    "compute",
    "count_raw_rows",
    "local_day_end",
    "minutes_text",
    "percentile_cont",
    "period_preset",
    "raw_rows",
    "seconds_between",
    "today_live",
    "wait_end",
]
