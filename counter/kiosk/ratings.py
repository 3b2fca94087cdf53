"""好差评: the one rating of a visit, from the kiosk (with a proof) or the clerk's pad (the clerk vouches)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from counter import audit
from counter.auth import Principal
from counter.db import reading
from counter.forms.spec import Text
from counter.kiosk.errors import RatingError
from counter.kiosk.proof import prove, visit_for_receipt
from counter.models import Rating, Role, Visit, VisitStatus

if TYPE_CHECKING:
    from counter.context import AppContext


RATING_LEVELS: tuple[tuple[int, Text], ...] = (
    (5, Text("非常满意", "Very satisfied")),
    (4, Text("满意", "Satisfied")),
    (3, Text("基本满意", "Fairly satisfied")),
    (2, Text("不满意", "Dissatisfied")),
    (1, Text("非常不满意", "Very dissatisfied")),
)
BAD_LEVELS = (1, 2)
BAD_REASONS: tuple[Text, ...] = (
    Text("等候时间太长", "Waited too long"),
    Text("办事效率低", "Slow service"),
    Text("服务态度不好", "Unfriendly staff"),
    Text("材料要求不清楚", "Unclear what to bring"),
    Text("多次往返仍未办成", "Came several times, still not done"),
)


def level_text(level: int) -> Text:
    return dict(RATING_LEVELS).get(level, Text(str(level), str(level)))


def _ready_to_rate(session, visit_id: int) -> None:
    """Refuse a visit that is not finished or is rated already (said only after the proof)."""
    visit = session.get(Visit, visit_id)
    if visit.status != VisitStatus.FINISHED.value:
        raise RatingError("该次办事尚未办结，暂不能评价", "This visit is not finished yet")
    if session.scalar(select(Rating.id).where(Rating.visit_id == visit_id)) is not None:
        raise _rated_already_error()


def _rated_already_error() -> RatingError:
    return RatingError("该次办事已经评价过，感谢您的参与", "This visit has been rated already. Thank you.")


def rated_already(ctx: AppContext, receipt_number: str, proof: str | None) -> bool:
    """Whether the visit is rated: a proof-checked, counted lookup like any other."""
    visit_id = prove(ctx, receipt_number, proof, "rating")
    with reading(ctx.sessions) as session:
        return session.scalar(select(Rating.id).where(Rating.visit_id == visit_id)) is not None


def start_rating(ctx: AppContext, receipt_number: str, proof: str | None) -> None:
    """The kiosk's first rating step: the proof (counted), then "not finished" or "rated already"."""
    visit_id = prove(ctx, receipt_number, proof, "rating")
    with reading(ctx.sessions) as session:
        _ready_to_rate(session, visit_id)


def rate_visit(ctx: AppContext, receipt_number: str, level: int, reason: str | None = None, *,
               proof: str | None = None, principal: Principal | None = None, source: str = "kiosk") -> int:
    """Store the one rating of the visit of this receipt; returns the rating's id.

    Levels 5 非常满意 … 1 非常不满意; 1 and 2 need a reason (a preset one or typed).
    At the kiosk (`source="kiosk"`) the rating needs the same proof as the status — the query
    code or the ID's last four — checked and counted by `_prove`; without it nothing is stored.
    On the clerk's pad (`source="pad"`) the logged-in clerk is the proof (`principal`), and the
    rating is written to the audit trail under the clerk's name.
    Raises WrongProof, ReceiptLocked, TerminalLocked or RatingError (bad level, missing reason,
    no clerk on the pad, not finished, rated already).
    """
    if level not in dict(RATING_LEVELS):
        raise RatingError("请选择评价等级", "Choose a rating")
    reason = (reason or "").strip() or None
    if level in BAD_LEVELS and not reason:
        raise RatingError("“不满意”或“非常不满意”请选择或填写原因",
                          "Please choose or type a reason for a dissatisfied rating")
    if source == "pad":
        if principal is None or not principal.has(Role.CLERK):
            raise RatingError("评价器须由已登录的窗口工作人员打开",
                              "The rating pad needs a clerk logged in at the window")
        with reading(ctx.sessions) as session:
            visit_id = visit_for_receipt(session, receipt_number).id
    else:
        visit_id = prove(ctx, receipt_number, proof, "rating")
    ctx.station  # noqa: B018 - resolved before the write transaction
    try:
        with ctx.sessions.begin() as session:
            _ready_to_rate(session, visit_id)
            rating = Rating(visit_id=visit_id, level=level, reason=reason[:500] if reason else None,
                            source=source, rated_at=ctx.clock.now())
            session.add(rating)
            session.flush()
            if source == "pad":
                audit.log(ctx, session, "rating.pad", f"visit={visit_id} level={level} (the clerk's rating pad)",
                          principal=principal)
            return rating.id
    except IntegrityError as exc:  # another kiosk or the rating pad was quicker
        raise _rated_already_error() from exc
