"""The hand-out (领证): the second visit of a document application.

The clerk types or scans the application's receipt number into a hand-out item (a procedure with
`hands_out = [...]` in its catalogue file). When the visit is finished, the receipt is matched:
it must be this station's, belong to the applicant typed on the identity page, and carry an item
of a handed-out procedure that is 待领取. The collector is the applicant in person, or a relative
(the identity page's proxy) with the pick-up voucher (领取凭证), who may never be the applicant
(《户口居民身份证管理工作规范(试行)》 art 81). Every failure is one clear line and nothing is
stored; on success the items become 已领取 and a `Collection` row records who took them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter import audit
from counter.catalog_extras import hands_out
from counter.forms.flow import ItemDraft, VisitFlow
from counter.models import Collection, Item, ItemStatus, Receipt, Visit
from counter.visits import STATUS_LABELS, VisitError

# 亲属 who may collect for the applicant (S1 art 81 says "亲属"; a guardian collects for a minor)
RELATIVES = ("spouse", "parent", "child", "sibling", "grandparent", "grandchild", "guardian")
VOUCHER = "pickup_voucher"


class HandoutError(VisitError):
    """A hand-out that cannot be done: wrong receipt, wrong person, nothing ready."""


@dataclass(frozen=True)
class Handout:
    """One hand-out item of the visit, checked: the items it will mark collected."""

    position: int
    receipt_number: str
    item_ids: tuple[int, ...]
    collector_name: str
    collector_id_number: str
    by_proxy: bool
    relation: str | None


def is_handout(draft: ItemDraft) -> bool:
    return bool(hands_out(draft.procedure))


def check(session: Session, station_id: int, flow: VisitFlow) -> list[Handout]:
    """Every hand-out item of the flow, matched against the database; raises `HandoutError`."""
    identity = flow.identity.cleaned()
    return [_check_one(session, station_id, position, draft, identity)
            for position, draft in enumerate(flow.items) if is_handout(draft)]


def _check_one(session: Session, station_id: int, position: int, draft: ItemDraft,
               identity: dict) -> Handout:
    values = draft.form.cleaned()
    number = str(values.get("receipt_number", "")).strip()
    if not number:
        raise HandoutError("请扫描或输入受理回执号", "Scan or type the receipt number of the application")
    receipt = session.scalar(select(Receipt).where(Receipt.number == number))
    if receipt is None:
        raise HandoutError(f"回执号 {number} 不存在，请核对", f"No receipt numbered {number}: check the number")
    if receipt.station_id != station_id:
        raise HandoutError(f"回执 {number} 不是本所受理的，请到受理单位领取",
                           f"Receipt {number} was issued by another station: collect it there")
    visit: Visit = receipt.visit
    codes = hands_out(draft.procedure)
    candidates = [i for i in visit.items if i.procedure_code in codes]
    if not candidates:
        raise HandoutError(f"回执 {number} 上没有可在此领取的证件", f"Receipt {number} has no document to collect here")
    applicant = str(identity.get("id_number", "")).upper()
    if visit.applicant_id_number.upper() != applicant:
        raise HandoutError("申请人身份号码与回执登记的不一致",
                           "The applicant's ID number differs from the one on the receipt")
    by_proxy = bool(identity.get("proxy"))
    relation = values.get("collector_relation") if by_proxy else None
    if by_proxy:
        _check_proxy(draft, identity, relation)
    missing = draft.missing()
    if missing:
        names = "、".join(m.name.zh_CN for m in missing)
        raise HandoutError(f"领证材料不全：{names}", "Materials missing for the hand-out: "
                           + ", ".join(m.name.en for m in missing))
    ready = [i for i in candidates if i.status == ItemStatus.READY.value]
    if not ready:
        raise _nothing_ready(number, candidates)
    return Handout(
        position=position, receipt_number=number, item_ids=tuple(i.id for i in ready),
        collector_name=str(identity.get("proxy_name" if by_proxy else "name", "")),
        collector_id_number=str(identity.get("proxy_id_number" if by_proxy else "id_number", "")).upper(),
        by_proxy=by_proxy, relation=relation,
    )


def _check_proxy(draft: ItemDraft, identity: dict, relation: str | None) -> None:
    if str(identity.get("proxy_id_number", "")).upper() == str(identity.get("id_number", "")).upper():
        raise HandoutError("代领人身份号码不能与申请人相同", "The collector's ID number cannot be the applicant's")
    if relation not in RELATIVES:
        raise HandoutError("代领人须为申请人的亲属（或未成年人的监护人），其他人不能代领",
                           "Only a relative (or a minor's guardian) may collect for the applicant")
    if draft.materials.get(VOUCHER) != "received":
        raise HandoutError("亲属代领须出示《居民身份证领取凭证》",
                           "A relative collecting must show the pick-up voucher")


def _nothing_ready(number: str, candidates: list[Item]) -> HandoutError:
    collected = [i for i in candidates if i.status == ItemStatus.COLLECTED.value]
    if collected and len(collected) == len(candidates):
        when = max((i.status_changed_at for i in collected if i.status_changed_at), default=None)
        day = f"{when:%Y-%m-%d}" if when else ""
        return HandoutError(f"回执 {number} 的证件已于 {day} 领取".replace("于  ", ""),
                            f"The document of receipt {number} was already collected {day}".strip())
    status = candidates[0].status
    zh, en = STATUS_LABELS.get(status, (status, status))
    return HandoutError(f"证件尚未制作完成（{zh}），暂不能领取", f"The document is not ready yet ({en.lower()})")


def record(ctx, session: Session, visit: Visit, handouts: list[Handout], principal, at: datetime) -> None:
    """Mark the matched items 已领取, the hand-out items themselves too, and keep who collected."""
    clerk_id = principal.user_id
    for handout in handouts:
        for item_id in handout.item_ids:
            item = session.get(Item, item_id, with_for_update=True, populate_existing=True)
            if item is None or item.status != ItemStatus.READY.value:  # another window was quicker
                raise HandoutError(f"回执 {handout.receipt_number} 的证件刚被其他窗口处理，请重新查询",
                                   f"Receipt {handout.receipt_number} was just handled at another window")
            item.status, item.status_changed_at, item.status_changed_by = ItemStatus.COLLECTED.value, at, clerk_id
            session.add(Collection(
                station_id=visit.station_id, item_id=item.id, handout_visit_id=visit.id,
                collector_name=handout.collector_name[:64], collector_id_number=handout.collector_id_number[:18],
                by_proxy=handout.by_proxy, relation=handout.relation, clerk_id=clerk_id, collected_at=at))
        from counter.journey.notices import close_trail  # collected: its notices stop

        close_trail(session, handout.item_ids, at)
        own = visit.items[handout.position]
        own.status, own.status_changed_at, own.status_changed_by = ItemStatus.COLLECTED.value, at, clerk_id
        audit.log(ctx, session, "item.collected",
                  f"receipt={handout.receipt_number} items={','.join(map(str, handout.item_ids))} "
                  f"proxy={'yes' if handout.by_proxy else 'no'}", principal=principal)
