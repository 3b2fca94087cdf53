"""Page stays and field events for simulated visits, so the demo's "where the time goes" is real.

`counter.simulate` stores visits and items with their times but no page stays. This fills them
in for every visit that has none: the visit's time is cut into its pages (identity, procedures,
each item's pages and materials, review) inside the stored visit and item times, so the pages
add up to the handling time the reports show. What makes it worth looking at:

- some fields are error-prone (the applicant's ID number and phone, every date field, each
  procedure's first free-text field): an error on "next", a correction, the page's time longer;
- clerks differ: each clerk has a speed (the simulator's item times) and an error rate (a new
  auxiliary officer makes about five times the errors of the most careful one) and goes back to
  a finished page more or less often (`PROFILES`).

`counter.simulate` calls it after writing its days (`SimOptions.page_times`, on by default).

Deterministic for a seed. Rows are bulk-inserted (one executemany per table).
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import insert, select

from counter.forms.spec import Procedure
from counter.models import FieldEvent, Item, StepEvent, Visit

IDENTITY_PRONE = {"id_number": 0.10, "phone": 0.06}
PRONE_RATE = 0.12
CHUNK = 2000  # visits per bulk insert  # the chance of an error at one error-prone field of a procedure page


def prone_fields(procedure: Procedure) -> dict[int, list[str]]:
    """Per page index, its error-prone fields: dates, and the procedure's first text field."""
    found: dict[int, list[str]] = {}
    text_taken = False
    for index, page in enumerate(procedure.pages):
        for spec in page.fields:
            if spec.type == "date" or (spec.type == "text" and not text_taken):
                text_taken = text_taken or spec.type == "text"
                found.setdefault(index, []).append(spec.id)
    return found


# (speed, errors): handling time and error rate against the average clerk, by user id modulo 4;
# in the demo 王辅警 (id 4), the new auxiliary officer, is slow and makes the most errors, 李警官
# (id 3) is the average, the simulator's extra clerks are fast (5) and a little slow (6)
PROFILES = ((1.1, 2.4), (0.9, 0.5), (1.05, 1.5), (0.95, 1.0))  # speeds average 1: the same hall load


def clerk_speed(clerk_id: int) -> float:
    """The simulator's factor on a clerk's item times (`counter.simulate`)."""
    return PROFILES[clerk_id % len(PROFILES)][0]


def clerk_errors(clerk_id: int) -> float:
    return PROFILES[clerk_id % len(PROFILES)][1]


def _split(start: datetime, end: datetime, weights: list[float]) -> list[tuple[datetime, datetime]]:
    total = sum(weights) or 1.0
    span = (end - start).total_seconds()
    cuts, moment = [], start
    for w in weights:
        nxt = moment + timedelta(seconds=span * w / total)
        cuts.append((moment, nxt))
        moment = nxt
    if cuts:
        cuts[-1] = (cuts[-1][0], end)
    return cuts


class _Visit:
    """Builds one visit's stays and field events in time order."""

    def __init__(self, rng: random.Random, visit_id: int, errors: float):
        self.rng, self.visit_id, self.errors = rng, visit_id, errors
        self.steps: list[dict] = []
        self.fields: list[dict] = []

    def stay(self, step: str, item: int | None, start: datetime, end: datetime,
             prone: dict[str, float], how: str = "next") -> None:
        refused = 0
        for name, rate in prone.items():
            if self.rng.random() < rate * self.errors:
                at = start + (end - start) * self.rng.uniform(0.4, 0.8)
                fixed = at + (end - at) * self.rng.uniform(0.3, 0.8)
                self.fields.append({"visit_id": self.visit_id, "item_position": item, "page": step, "field": name,
                                        "kind": "error", "at": at})
                self.fields.append({"visit_id": self.visit_id, "item_position": item, "page": step, "field": name,
                                        "kind": "corrected", "at": fixed})
                refused += 1
        self.steps.append({"visit_id": self.visit_id, "item_position": item, "page": step, "entered_at": start,
                               "left_at": end, "how_left": how, "refused": refused})

    def page(self, step: str, item: int | None, start: datetime, end: datetime, prone: dict[str, float],
             back_rate: float) -> None:
        """A page, sometimes left, looked at again from the next page, and left again."""
        if self.rng.random() < back_rate and (end - start).total_seconds() > 60:
            first, second = _split(start, end, [0.7, 0.3])
            # simplified: the short look at the next page is counted in this page's time
            self.stay(step, item, *first, prone, "back")
            self.stay(step, item, *second, {}, "next")  # counted as "gone back to"
        else:
            self.stay(step, item, start, end, prone)


def seed_step_events(ctx, *, seed: int = 11) -> int:
    """Page stays and field events for every visit of ctx's station that has none; returns visits done."""
    rng = random.Random(seed)
    catalog = ctx.catalog
    station_id = ctx.station.id
    with ctx.sessions.begin() as session:
        have = select(StepEvent.visit_id).distinct()
        visits = session.execute(select(Visit.id, Visit.clerk_id, Visit.started_at, Visit.finished_at)
                                 .where(Visit.station_id == station_id, Visit.finished_at.is_not(None),
                                        Visit.id.not_in(have)).order_by(Visit.id)).all()
        if not visits:
            return 0
        items: dict[int, list[tuple]] = {}
        for visit_id, position, code, started, finished in session.execute(
                select(Item.visit_id, Item.position, Item.procedure_code, Item.started_at, Item.finished_at)
                .join(Visit, Visit.id == Item.visit_id).where(Visit.station_id == station_id)
                .order_by(Item.visit_id, Item.position)):
            items.setdefault(visit_id, []).append((position, code, started, finished))
        for chunk in range(0, len(visits), CHUNK):  # memory stays flat for a simulated year
            steps, fields = [], []
            for visit_id, clerk_id, started, finished in visits[chunk:chunk + CHUNK]:
                built = _one_visit(rng, catalog, visit_id, clerk_errors(clerk_id), started, finished,
                                   items.pop(visit_id, []))
                steps += built.steps
                fields += built.fields
            session.execute(insert(StepEvent.__table__), steps)  # Core executemany: no ORM bookkeeping
            if fields:
                session.execute(insert(FieldEvent.__table__), fields)
    return len(visits)


def _one_visit(rng, catalog, visit_id, factor, started, finished, items) -> _Visit:
    v = _Visit(rng, visit_id, factor)
    back_rate = 0.04 * factor
    first_item = items[0][2] if items and items[0][2] is not None else started + (finished - started) * 0.2
    first_item = min(max(first_item, started), finished)
    identity, procedures = _split(started, first_item, [0.75, 0.25])
    v.page("identity", None, *identity, IDENTITY_PRONE, back_rate)
    v.stay("procedures", None, *procedures, {})
    moment = first_item
    for position, code, item_start, item_end in items:
        procedure = catalog.by_code.get(code)
        item_start = max(item_start or moment, moment)
        item_end = min(max(item_end or item_start, item_start), finished)
        pages = len(procedure.pages) if procedure is not None else 1
        prone = prone_fields(procedure) if procedure is not None else {}
        # an error-prone page takes longer: the weights make the split show where time goes
        weights = [1.0 + len(procedure.pages[i].fields if procedure else ()) * 0.25
                   + 0.6 * len(prone.get(i, ())) * factor for i in range(pages)] + [0.5]
        spans = _split(item_start, item_end, weights)
        for index in range(pages):
            v.page(f"{position}/page/{index}", position, *spans[index],
                   {name: PRONE_RATE for name in prone.get(index, ())}, back_rate)
        v.stay(f"{position}/materials/0", position, *spans[-1], {})
        moment = item_end
    v.stay("review", None, moment, finished, {}, "finish")
    return v


__all__ = ["clerk_errors", "clerk_speed", "prone_fields", "seed_step_events"]
