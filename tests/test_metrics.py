"""KPIs checked to the second on a hand-made day (see report_fixtures)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from counter import metrics
from counter.metrics import Period, percentile_cont
from tests.report_fixtures import DAY, EXPECTED, build

pytestmark = pytest.mark.both_engines  # the same tests on SQLite and PostgreSQL


@pytest.fixture
def day_metrics(ctx):
    ids = build(ctx)
    return metrics.compute(ctx, Period(DAY, DAY)), ids


def test_percentile_cont_matches_postgresql():
    assert percentile_cont([1, 2, 3, 4], 0.5) == 2.5
    assert percentile_cont([10], 0.9) == 10
    assert percentile_cont([420, 600, 1200, 1200, 1800, 4530], 0.9) == pytest.approx(3165)
    assert percentile_cont([], 0.5) is None


def test_waits_including_over_an_hour_recall_no_show_transfer_and_cancel(day_metrics):
    m, _ = day_metrics
    t = m.total
    assert t.tickets == EXPECTED["tickets"]
    assert sorted(t.wait.values) == sorted(EXPECTED["waits"])
    assert t.wait.mean == EXPECTED["wait_mean"]
    assert t.wait.p50 == EXPECTED["wait_p50"]
    assert t.wait.p90 == pytest.approx(EXPECTED["wait_p90"])
    assert t.wait.max == 4530  # 1 h 15 min 30 s: not 15 min (the MINUTE(timediff()) bug)
    assert t.service_level == pytest.approx(EXPECTED["service_level"])
    assert t.called == 5 and t.no_shows == 1 and t.cancelled == 1
    assert t.no_show_rate == pytest.approx(EXPECTED["no_show_rate"])


def test_handling_hall_and_citizen_times(day_metrics):
    m, _ = day_metrics
    t = m.total
    assert t.visits == 4 and t.items == 5
    assert sorted(t.handling.values) == sorted(EXPECTED["handling"])
    assert t.handling.mean == EXPECTED["handling_mean"]
    assert t.handling.p50 == EXPECTED["handling_p50"]
    assert t.handling.p90 == pytest.approx(EXPECTED["handling_p90"])
    assert sorted(t.hall.values) == sorted(EXPECTED["hall"])  # 2640 s visit across midnight included
    assert t.hall.mean == EXPECTED["hall_mean"]
    assert sorted(t.citizen.values) == sorted(EXPECTED["citizen"])  # T1+T2: one citizen, two queues
    assert t.citizen.mean == EXPECTED["citizen_mean"]
    assert t.items_per_visit == EXPECTED["items_per_visit"]


def test_clerk_hours_and_window_utilisation(day_metrics):
    m, ids = day_metrics
    t = m.total
    assert t.open_seconds == EXPECTED["open_seconds"]
    assert t.serving_seconds == EXPECTED["serving_seconds"]
    assert t.utilisation == pytest.approx(EXPECTED["utilisation"])
    assert t.visits_per_clerk_hour == pytest.approx(EXPECTED["visits_per_clerk_hour"])
    w1, w2 = ids["windows"]
    assert m.by["window"][w1].open_seconds == 50940  # 10:16 → 00:25 the next day
    assert m.by["window"][w2].serving_seconds == 1080
    c1, c2 = ids["clerks"]
    assert m.by["clerk"][c1].visits == 2 and m.by["clerk"][c1].handling.mean == (1440 + 2640) / 2
    assert m.by["clerk"][c2].rating_mean == 2


def test_groupings(day_metrics):
    m, _ = day_metrics
    assert list(m.by["day"]) == [DAY]  # the midnight visit stays on its ticket's day
    assert m.by["hour"][9].tickets == 3 and m.by["hour"][23].visits == 1
    assert m.by["weekday"][0].tickets == 6  # a Monday
    assert m.by["weekday_hour"][(0, 14)].wait.values.tolist() == [600.0]
    assert m.by["category"]["C"].no_shows == 1
    assert m.by["procedure"]["HZ-08"].item_time.values.tolist() == [840.0]
    assert m.by["procedure"]["HZ-14"].item_time.values.tolist() == [2640.0]
    assert m.by["item_category"]["jg"].items == 3
    assert m.by["procedure"]["HZ-08"].fees == 20.0
    assert m.total.rating_mean == 3.5 and m.total.satisfaction == 0.5
    assert [r.rating_reason for r in m.rating_rows] == ["等候时间太长"]


def test_other_days_are_empty_and_comparison(ctx):
    build(ctx)
    empty = metrics.compute(ctx, Period(date(2026, 11, 24), date(2026, 11, 24)))
    assert empty.total.tickets == 0 and empty.total.wait.mean is None
    current = metrics.compute(ctx, Period(DAY, DAY))
    changes = {c.kpi.key: c for c in metrics.compare(current, current)}
    assert changes["wait_mean"].percent == 0
    fake = metrics.Metrics(current.period, 20, metrics.Group())
    fake.total.wait.add(3250.0)  # twice the current mean
    change = {c.kpi.key: c for c in metrics.compare(fake, current)}["wait_mean"]
    assert change.percent == pytest.approx(-0.5) and change.better is True


def test_service_level_target_is_configurable(ctx):
    build(ctx)
    m = metrics.compute(ctx, Period(DAY, DAY), target_minutes=10)
    assert m.total.service_level == pytest.approx(2 / 6)


def test_period_presets():
    today = date(2026, 11, 25)  # a Wednesday
    assert metrics.period_preset("this_week", today) == Period(date(2026, 11, 23), today)
    assert metrics.period_preset("last_month", today) == Period(date(2026, 10, 1), date(2026, 10, 31))
    assert metrics.period_preset("this_year", today).start == date(2026, 1, 1)
    with pytest.raises(ValueError):
        Period(today, date(2026, 11, 1))


def test_today_live(ctx, clock):
    from counter.db import reading

    build(ctx)
    with reading(ctx.sessions) as session:
        today = metrics.today_live(session, ctx.station.id, clock.now())  # START: 10:00 on DAY
    assert today.tickets == 6 and today.visits == 4 and today.no_shows == 1
    assert today.waiting == {"A": 0, "B": 0, "C": 0, "V": 0}


def test_never_called_is_never_within_target_and_waits_stop_at_midnight(ctx, clock):
    """A ticket cancelled after 5 min is not 'called within 20 min'; one closed the next
    morning waited until midnight, not until the morning (DESIGN.md: end of the day)."""
    from counter import queueing
    from counter.db import reading

    cancelled = queueing.issue_ticket(ctx, "A")  # 10:00 Shanghai
    queueing.issue_ticket(ctx, "B")  # still waiting at the end of the day
    clock.advance(minutes=5)
    queueing.cancel_ticket(ctx, cancelled.id)
    clock.advance(hours=23)  # 09:05 the next morning
    queueing.close_day(ctx, cancelled.service_day)
    day = cancelled.service_day
    found = metrics.compute(ctx, Period(day, day))
    assert found.total.service_level == 0.0
    assert found.total.wait.max == 14 * 3600  # 10:00 to midnight, not to the next morning
    with reading(ctx.sessions) as session:
        live = metrics.today_live(session, ctx.station.id, clock.moment - timedelta(hours=23), 20)
    assert live.service_level == 0.0
