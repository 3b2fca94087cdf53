"""Demo bookings (counter.demo)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from counter.appointments.common import Booking, store_booking
from counter.clock import STATION_TZ, as_utc
from counter.models import Appointment

def seed_demo(ctx, *, seed: int = 7, per_day: int = 12) -> int:
    """Demo bookings as the platform's file would bring them: today's and tomorrow's slots
    (09:00–16:30, half-hourly), the demo people's ID numbers; today's past ones are no-shows
    until someone checks them in. Returns how many were written (none when some exist)."""
    import random

    from counter.demo import GIVEN, SURNAMES
    from counter.simulate.model import demo_id_number  # moved there from counter.demo

    rng = random.Random(seed)
    now = ctx.clock.now()
    ctx.station  # noqa: B018
    with ctx.sessions.begin() as session:
        if session.scalar(select(func.count()).select_from(Appointment)
                          .where(Appointment.station_id == ctx.station.id)):
            return 0
        written = 0
        for offset in (0, 1):
            day = ctx.clock.today() + timedelta(days=offset)
            for n in range(per_day):
                start = (as_utc(datetime.combine(day, time(9), tzinfo=STATION_TZ))
                         + timedelta(minutes=30 * rng.randrange(16)))
                birth = date(rng.randint(1950, 2004), rng.randint(1, 12), rng.randint(1, 28))
                codes = rng.choice((["HZ-08"], ["JG-C1"], ["HZ-08", "JG-C1"], ["HZ-13"], ["JG-A3"]))
                booking = Booking(booking_id=f"DEMO-{day:%Y%m%d}-{n:03d}", code=f"{day:%m%d}{n:04d}",
                                  slot_start=start, slot_end=start + timedelta(minutes=30), procedures=tuple(codes),
                                  id_number=demo_id_number(rng, birth, rng.random() < 0.5),
                                  phone=f"139{rng.randint(0, 99999999):08d}",
                                  applicant_name=rng.choice(SURNAMES) + rng.choice(GIVEN))
                store_booking(session, ctx, booking, source=rng.choice(("platform", "platform", "phone")), now=now)
                written += 1
    return written
