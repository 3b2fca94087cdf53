"""好差评回访: every bad rating is verified and answered (国办发〔2019〕51号).

A rating of 不满意 (2) or 非常不满意 (1), from the kiosk or the clerk's rating pad (both store
it through `counter.kiosk.rate_visit`), opens one follow-up case. Cases are opened by `sync`,
which reads the ratings that have no case yet — so the rating code needs no hook and a rating
stored by any terminal (or before this feature) gets its case; every reader here syncs first.
The contact deadline is N working days after the rating (the station's
`followup_working_days`, counted on the official calendar, counter.workdays). The manager
records what the citizen said and what was changed (both required) to close the case; a case
can be reassigned to another manager. Overdue: open and past its deadline.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from counter import audit
from counter.auth import Principal
from counter.clock import local_day
from counter.db import reading
from counter.journey import settings as journey_settings
from counter.journey.common import JourneyError, acting
from counter.masking import mask_name, mask_phone
from counter.models import FollowUp, Rating, Receipt, Role, User, Visit
from counter.workdays import default_calendar

BAD_LEVELS = (1, 2)
LEVELS = {1: ("非常不满意", "Very dissatisfied"), 2: ("不满意", "Dissatisfied")}


def due_on(rated_at: datetime, working_days: int) -> date:
    return default_calendar().add_working_days(local_day(rated_at), working_days).day


def sync(ctx) -> int:
    """Open a case for every bad rating of the station without one; returns how many opened."""
    station_id = ctx.station.id
    try:
        with ctx.sessions.begin() as session:
            days = journey_settings.load_in(session, station_id).followup_working_days
            missing = session.execute(
                select(Rating.id, Rating.rated_at, Visit.clerk_id).join(Visit, Visit.id == Rating.visit_id)
                .outerjoin(FollowUp, FollowUp.rating_id == Rating.id)
                .where(Visit.station_id == station_id, Rating.level.in_(BAD_LEVELS), FollowUp.id.is_(None))).all()
            for rating_id, rated_at, _clerk in missing:
                session.add(FollowUp(station_id=station_id, rating_id=rating_id, opened_at=ctx.clock.now(),
                                     due_on=due_on(rated_at, days)))
            if missing:
                session.flush()
                audit.log(ctx, session, "followup.opened", f"ratings={','.join(str(m[0]) for m in missing)}")
            return len(missing)
    except IntegrityError:  # another terminal opened them at the same moment
        return 0


@dataclass(frozen=True)
class Case:
    id: int
    rating_id: int
    level: int
    level_text: str
    reason: str
    source: str
    rated_at: datetime
    receipt_number: str
    name_masked: str
    phone_masked: str
    clerk: str
    due_on: date
    assignee_id: int | None
    assignee: str
    citizen_said: str | None
    changes: str | None
    closed_at: datetime | None
    overdue: bool
    answered_in_time: bool | None  # None: still open


def _cases(session, station_id: int, today: date, *, only_open: bool = False, period=None) -> list[Case]:
    users = {u.id: u.display_name for u in session.scalars(select(User))}
    query = (select(FollowUp, Rating, Visit, Receipt.number).join(Rating, Rating.id == FollowUp.rating_id)
             .join(Visit, Visit.id == Rating.visit_id).outerjoin(Receipt, Receipt.visit_id == Visit.id)
             .where(FollowUp.station_id == station_id))
    if only_open:
        query = query.where(FollowUp.closed_at.is_(None))
    if period is not None:
        lo, hi = period.utc_bounds()
        query = query.where(Rating.rated_at >= lo, Rating.rated_at < hi)
    out = []
    for case, rating, visit, number in session.execute(query.order_by(FollowUp.due_on, FollowUp.id)):
        closed_day = local_day(case.closed_at) if case.closed_at else None
        out.append(Case(
            case.id, rating.id, rating.level, LEVELS.get(rating.level, (str(rating.level),))[0],
            rating.reason or "", rating.source, rating.rated_at, number or "", mask_name(visit.applicant_name),
            mask_phone(visit.applicant_phone), users.get(visit.clerk_id, ""), case.due_on, case.assignee_id,
            users.get(case.assignee_id, ""), case.citizen_said, case.changes, case.closed_at,
            overdue=case.closed_at is None and today > case.due_on,
            answered_in_time=None if closed_day is None else closed_day <= case.due_on))
    return out


def cases(ctx, *, only_open: bool = False, period=None) -> list[Case]:
    sync(ctx)
    with reading(ctx.sessions) as session:
        return _cases(session, ctx.station.id, local_day(ctx.clock.now()), only_open=only_open, period=period)


def overdue(ctx) -> list[Case]:
    """Open cases past their deadline: for the manager's today view."""
    return [c for c in cases(ctx, only_open=True) if c.overdue]


def close(ctx, case_id: int, citizen_said: str, changes: str, principal: Principal | None = None) -> Case:
    """Answer the case: what the citizen said and what was changed (both required)."""
    who = acting(ctx, principal, Role.MANAGER)
    said, changed = (citizen_said or "").strip(), (changes or "").strip()
    if not said or not changed:
        raise JourneyError("请填写群众反映的情况和整改措施后再办结",
                           "Record what the citizen said and what was changed")
    with ctx.sessions.begin() as session:
        case = session.get(FollowUp, case_id, with_for_update=True)
        if case is None or case.station_id != ctx.station.id:
            raise JourneyError("没有该回访记录", f"No follow-up {case_id}")
        if case.closed_at is not None:
            raise JourneyError("该回访已办结", "This follow-up is closed already")
        case.citizen_said, case.changes = said[:4000], changed[:4000]
        case.closed_at, case.closed_by = ctx.clock.now(), who.user_id if who else None
        audit.log(ctx, session, "followup.closed", f"case={case_id} rating={case.rating_id}", principal=who)
    return next(c for c in cases(ctx) if c.id == case_id)


def managers(ctx) -> list[tuple[int, str]]:
    with reading(ctx.sessions) as session:
        return [(u.id, u.display_name) for u in session.scalars(
            select(User).where(User.station_id == ctx.station.id, User.active.is_(True),
                               User.role.in_((Role.MANAGER.value, Role.ADMIN.value))).order_by(User.id))]


def reassign(ctx, case_id: int, user_id: int, principal: Principal | None = None) -> None:
    who = acting(ctx, principal, Role.MANAGER)
    if user_id not in dict(managers(ctx)):
        raise JourneyError("只能转交给本所的管理人员", "A follow-up goes to one of the station's managers only")
    with ctx.sessions.begin() as session:
        case = session.get(FollowUp, case_id, with_for_update=True)
        if case is None or case.station_id != ctx.station.id:
            raise JourneyError("没有该回访记录", f"No follow-up {case_id}")
        if case.closed_at is not None:
            raise JourneyError("该回访已办结", "This follow-up is closed already")
        before, case.assignee_id = case.assignee_id, user_id
        audit.log(ctx, session, "followup.reassigned", f"case={case_id} from={before} to={user_id}", principal=who)


@dataclass(frozen=True)
class Summary:
    bad: int
    closed: int
    in_time: int
    overdue: int
    reasons: tuple[tuple[str, int], ...]

    @property
    def share_in_time(self) -> float | None:
        return self.in_time / self.bad if self.bad else None


def summary(all_cases: list[Case]) -> Summary:
    reasons: dict[str, int] = {}
    for case in all_cases:
        for reason in filter(None, (r.strip() for r in case.reason.replace("；", ";").split(";"))):
            reasons[reason] = reasons.get(reason, 0) + 1
    return Summary(len(all_cases), sum(1 for c in all_cases if c.closed_at),
                   sum(1 for c in all_cases if c.answered_in_time),
                   sum(1 for c in all_cases if c.overdue),
                   tuple(sorted(reasons.items(), key=lambda r: (-r[1], r[0]))))
