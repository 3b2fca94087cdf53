"""A hand-made day with known answers (shared by the metrics and report tests).

Monday 2026-11-23, Asia/Shanghai (UTC+8). Six tickets:
T1 A001 wait 75.5 min (over an hour), visit with two items, rated 5;
T2 B001 recalled once, the recall answered (wait 7 min), same citizen as T1, rated 2 with a reason;
T3 C001 no-show after a recall (wait = first call, 20 min: within the target);
T4 C002 called 23:40, visit crossing midnight (23:41 → 00:25 next day);
T5 A002 served at window 1 then transferred (becomes B002) and called again at window 2;
T6 C003 never called, cancelled after 30 min.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from counter.models import Item, Rating, ServiceWindow, Ticket, TicketEvent, User, Visit

DAY = date(2026, 11, 23)
CST = timezone(timedelta(hours=8))


def at(hh: int, mm: int, ss: int = 0, day: int = 23) -> datetime:
    return datetime(2026, 11, day, hh, mm, ss, tzinfo=CST).astimezone(timezone.utc)


EXPECTED = {
    "tickets": 6, "visits": 4, "items": 5,
    "waits": [4530, 420, 1200, 1200, 600, 1800],
    "wait_mean": 1625.0, "wait_p50": 1200.0, "wait_p90": 3165.0, "wait_max": 4530.0,
    "service_level": 4 / 6, "no_show_rate": 1 / 5,
    "handling": [1440, 480, 2640, 600], "handling_mean": 1290.0, "handling_p50": 1020.0, "handling_p90": 2280.0,
    "hall": [6000, 930, 3900, 2460], "hall_mean": 3322.5,
    "citizen": [6000, 3900, 2460], "citizen_mean": 4120.0,
    "items_per_visit": 1.25,
    "open_seconds": 50940 + 19710, "serving_seconds": 5160,
    "visits_per_clerk_hour": 4 / (70650 / 3600), "utilisation": 5160 / 70650,
    "rating_mean": 3.5, "satisfaction": 0.5,
}


def build(ctx) -> dict:
    """Insert the day for ctx's station; returns the ids."""
    sid = ctx.station.id
    with ctx.sessions.begin() as s:
        u1 = User(station_id=sid, username="c1", display_name="甲警官", role="clerk", password_hash="x",
                  created_at=at(8, 0))
        u2 = User(station_id=sid, username="c2", display_name="乙辅警", role="clerk", password_hash="x",
                  created_at=at(8, 0))
        w1 = ServiceWindow(station_id=sid, number=1, name="1号窗口", categories="A,B,C,V", state="closed")
        w2 = ServiceWindow(station_id=sid, number=2, name="2号窗口", categories="A,B,C,V", state="closed")
        s.add_all([u1, u2, w1, w2])
        s.flush()

        def ticket(cat, number, issued, **kw):
            t = Ticket(station_id=sid, category=cat, number=number, service_day=DAY, priority=False, source="kiosk",
                       status="done", issued_at=issued, recalls=kw.pop("recalls", 0), **kw)
            s.add(t)
            s.flush()
            return t

        def events(t, *evs):
            for kind, moment, window in evs:
                s.add(TicketEvent(ticket_id=t.id, kind=kind, at=moment, window_id=window.id if window else None))

        def visit(t, window, clerk, start, end, id_number, items):
            v = Visit(station_id=sid, key=f"k{t.id}-{window.id}", ticket_id=t.id, window_id=window.id,
                      clerk_id=clerk.id,
                      status="finished", applicant_name="张三", applicant_id_number=id_number, started_at=start,
                      finished_at=end)
            for pos, (code, cat, a, b) in enumerate(items):
                v.items.append(Item(position=pos, procedure_code=code, category=cat, values={}, materials={},
                                    fee=Decimal("20.00") if code == "HZ-08" else Decimal("0"), status="accepted",
                                    started_at=a, finished_at=b))
            s.add(v)
            s.flush()
            return v

        x_id, y_id, z_id = "110105199001011234", "110105198502023456", "110105197003035678"
        t1 = ticket("A", 1, at(9, 0), called_at=at(10, 15, 30), last_called_at=at(10, 15, 30),
                    answered_at=at(10, 15, 30),
                    started_at=at(10, 16), finished_at=at(10, 40), outcome="served", window_id=w1.id)
        events(t1, ("issue", at(9, 0), None), ("call", at(10, 15, 30), w1), ("start", at(10, 16), w1),
               ("finish", at(10, 40), w1))
        v1 = visit(t1, w1, u1, at(10, 16), at(10, 40), x_id,
                   [("HZ-08", "hz", at(10, 16), at(10, 30)), ("JG-C1", "jg", at(10, 30), at(10, 40))])
        t2 = ticket("B", 1, at(9, 5), called_at=at(9, 10), last_called_at=at(9, 12), answered_at=at(9, 12), recalls=1,
                    started_at=at(9, 12, 30), finished_at=at(9, 20, 30), outcome="served", window_id=w2.id)
        events(t2, ("issue", at(9, 5), None), ("call", at(9, 10), w2), ("recall", at(9, 12), w2),
               ("start", at(9, 12, 30), w2), ("finish", at(9, 20, 30), w2))
        v2 = visit(t2, w2, u2, at(9, 12, 30), at(9, 20, 30), x_id, [("JG-D1", "jg", at(9, 12, 30), at(9, 20, 30))])
        t3 = ticket("C", 1, at(9, 30), called_at=at(9, 50), last_called_at=None, recalls=1, no_show_at=at(9, 54),
                    finished_at=at(9, 54), outcome="no_show", window_id=w1.id)
        events(t3, ("issue", at(9, 30), None), ("call", at(9, 50), w1), ("recall", at(9, 52), w1),
               ("no_show", at(9, 54), w1))
        t4 = ticket("C", 2, at(23, 20), called_at=at(23, 40), last_called_at=at(23, 40), answered_at=at(23, 40),
                    started_at=at(23, 41),
                    finished_at=at(0, 25, day=24), outcome="served", window_id=w1.id)
        events(t4, ("issue", at(23, 20), None), ("call", at(23, 40), w1), ("start", at(23, 41), w1),
               ("finish", at(0, 25, day=24), w1))
        visit(t4, w1, u1, at(23, 41), at(0, 25, day=24), y_id, [("HZ-14", "hz", at(23, 41), at(0, 25, day=24))])
        t5 = ticket("B", 2, at(14, 0), called_at=at(14, 10), last_called_at=at(14, 30), answered_at=at(14, 10),
                    started_at=at(14, 11),
                    finished_at=at(14, 41), outcome="served", window_id=w2.id)
        events(t5, ("issue", at(14, 0), None), ("call", at(14, 10), w1), ("start", at(14, 11), w1),
               ("transfer", at(14, 12), w1), ("call", at(14, 30), w2), ("finish", at(14, 41), w2))
        visit(t5, w2, u2, at(14, 31), at(14, 41), z_id, [("JG-C2", "jg", at(14, 31), at(14, 41))])
        t6 = ticket("C", 3, at(16, 0), finished_at=at(16, 30), outcome="cancelled")
        events(t6, ("issue", at(16, 0), None), ("cancel", at(16, 30), None))
        s.add(Rating(visit_id=v1.id, level=5, rated_at=at(10, 41)))
        s.add(Rating(visit_id=v2.id, level=2, reason="等候时间太长", rated_at=at(9, 21)))
        return {"clerks": (u1.id, u2.id), "windows": (w1.id, w2.id),
                "tickets": [t.id for t in (t1, t2, t3, t4, t5, t6)]}
