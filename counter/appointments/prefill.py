"""The visit of an appointment ticket starts with what the booking already says."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.models import Appointment

@dataclass(frozen=True)
class Prefill:
    """What the booking already says: the clerk's visit starts with it, the clerk confirms."""

    identity: dict[str, Any]
    procedures: tuple[str, ...]
    code: str


def prefill_for_ticket(session: Session, ticket_id: int | None) -> Prefill | None:
    if ticket_id is None:
        return None
    row = session.scalar(select(Appointment).where(Appointment.ticket_id == ticket_id))
    if row is None:
        return None
    from counter.forms.validators import sex_from_id

    # sex as the identity page derives it from the ID number when one is typed
    identity: dict[str, Any] = {"id_number": row.applicant_id_number, "sex": sex_from_id(row.applicant_id_number),
                                "phone": row.applicant_phone}
    if row.applicant_name:
        identity["name"] = row.applicant_name
    if row.proxy_id_number:
        identity.update(proxy=True, proxy_name=row.proxy_name, proxy_id_number=row.proxy_id_number)
    return Prefill(identity=identity, procedures=tuple(row.procedures or ()), code=row.code)


def apply_prefill(flow, prefill: Prefill | None) -> int:
    """Fill a new visit (counter.forms.flow.VisitFlow) from the booking; returns fields filled."""
    if prefill is None:
        return 0
    for field_id, value in prefill.identity.items():
        flow.identity.set(field_id, value)
    known = [c for c in prefill.procedures if c in flow.catalog.by_code]
    if known:
        flow.choose(known)
    return len(prefill.identity) + len(known)

