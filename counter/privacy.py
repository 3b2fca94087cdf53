"""Citizens' personal data: who may see it, and a record of every look.

- `search_visits`: a citizen's past visits by ID number or receipt number (any clerk), audited
  as `citizen.search`; ID numbers, phones and addresses masked unless the searcher is a
  manager or administrator (the masking rules live in counter.masking only).
- `visit_detail`: one visit with its items, audited as `citizen.view`, masked the same way.
- `raw_export`: visits of a period with full ID numbers, only for an administrator who types a
  reason; audited as `export.raw` with the reason, the period and the row count.

The audit rows themselves never hold a full ID number: the searched number is masked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from counter import audit
from counter.auth import AuthError, Principal, PermissionDenied, require
from counter.db import reading
from counter.clock import as_utc, format_local
from counter.context import AppContext
from counter.masking import mask_id_number, mask_phone
from counter.models import Receipt, Role, User, Visit
from counter.visits import status_label

MAX_QUERY = 32
MIN_REASON = 4


@dataclass(frozen=True)
class VisitRow:
    visit_id: int
    receipt_number: str | None
    started_at: datetime
    status: str
    applicant_name: str
    id_number: str  # masked unless the reader may see it
    phone: str
    address: str
    clerk: str
    items: tuple[tuple[str, str], ...]  # (procedure code, status label)
    masked: bool


def _sees_everything(principal: Principal) -> bool:
    return principal.has(Role.MANAGER)


def _normalise(raw: str) -> str:
    return "".join(ch for ch in (raw or "") if ch.isalnum()).upper()[:MAX_QUERY]


def _row(ctx: AppContext, visit: Visit, clerk: str, masked: bool) -> VisitRow:
    return VisitRow(
        visit_id=visit.id,
        receipt_number=visit.receipt.number if visit.receipt else None,
        started_at=visit.started_at,
        status=visit.status,
        applicant_name=visit.applicant_name,
        id_number=mask_id_number(visit.applicant_id_number) if masked else visit.applicant_id_number,
        phone=mask_phone(visit.applicant_phone) if masked else visit.applicant_phone,
        address="" if masked else visit.applicant_address,
        clerk=clerk,
        items=tuple((i.procedure_code, status_label(i.status, ctx.config.lang)) for i in visit.items),
        masked=masked,
    )


def search_visits(ctx: AppContext, principal: Principal | None, query: str, limit: int = 100) -> list[VisitRow]:
    """Past visits of one citizen, by 18-character ID number or by receipt number. Audited."""
    principal = require(principal, Role.CLERK)
    key = _normalise(query)
    if not key:
        raise AuthError("请输入身份证号或回执号", "Type an ID number or a receipt number")
    masked = not _sees_everything(principal)
    with ctx.sessions.begin() as session:
        base = select(Visit).options(selectinload(Visit.items), selectinload(Visit.receipt))
        if key.isdigit() and len(key) != 18:
            how = "receipt"
            stmt = base.join(Receipt, Receipt.visit_id == Visit.id).where(Receipt.number == key)
        else:
            how = "id_number"
            stmt = base.where(Visit.applicant_id_number == key)
        stmt = stmt.where(Visit.station_id == principal.station_id).order_by(Visit.started_at.desc()).limit(limit)
        visits = session.scalars(stmt).all()
        clerks = _clerk_names(session, {v.clerk_id for v in visits})
        rows = [_row(ctx, v, clerks.get(v.clerk_id, ""), masked) for v in visits]
        shown = mask_id_number(key) if how == "id_number" else key
        audit.log(ctx, session, "citizen.search",
                  f"by={how} query={shown} results={len(rows)} visits={','.join(str(r.visit_id) for r in rows)}"
                  f"{' masked' if masked else ' unmasked'}", principal=principal)
    return rows


def visit_detail(ctx: AppContext, principal: Principal | None, visit_id: int) -> VisitRow:
    principal = require(principal, Role.CLERK)
    masked = not _sees_everything(principal)
    with ctx.sessions.begin() as session:
        visit = session.get(Visit, visit_id)
        if visit is None or visit.station_id != principal.station_id:
            raise AuthError("没有该办件", "No such visit")
        row = _row(ctx, visit, _clerk_names(session, {visit.clerk_id}).get(visit.clerk_id, ""), masked)
        audit.log(ctx, session, "citizen.view", f"visit={visit.id}{' masked' if masked else ' unmasked'}",
                  principal=principal)
    return row


def _clerk_names(session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all())


# ----------------------------------------------------------------------------------- raw export

RAW_COLUMNS = ["visit_id", "receipt_number", "started_local", "finished_local", "status", "applicant_name",
               "applicant_id_number", "applicant_phone", "applicant_address", "proxy_name", "proxy_id_number",
               "procedures", "clerk"]


def raw_export(ctx: AppContext, principal: Principal | None, reason: str, start: datetime, end: datetime,
               out: Path) -> int:
    """Visits of [start, end) with FULL personal data to a CSV. Administrators only, with a reason."""
    principal = require(principal, Role.ADMIN)
    reason = re.sub(r"\s+", " ", "".join(ch for ch in (reason or "") if ch.isprintable() or ch.isspace())).strip()
    if len(reason) < MIN_REASON:
        raise PermissionDenied("导出完整个人信息须填写事由（至少4个字）",
                               "A raw export needs a reason (at least 4 characters)")
    # Read in a read transaction (on SQLite no write lock: the other terminals keep writing while
    # the file is written), then the audit entry in its own short write transaction. A file whose
    # export could not be audited is removed: no full-data export without its trace.
    with reading(ctx.sessions) as session:
        visits = session.scalars(
            select(Visit).options(selectinload(Visit.items), selectinload(Visit.receipt))
            .where(Visit.station_id == principal.station_id, Visit.started_at >= as_utc(start),
                   Visit.started_at < as_utc(end))
            .order_by(Visit.started_at)).all()
        clerks = _clerk_names(session, {v.clerk_id for v in visits})
        rows = [{
            "visit_id": v.id, "receipt_number": v.receipt.number if v.receipt else "",
            "started_local": format_local(v.started_at), "finished_local": format_local(v.finished_at),
            "status": v.status, "applicant_name": v.applicant_name, "applicant_id_number": v.applicant_id_number,
            "applicant_phone": v.applicant_phone, "applicant_address": v.applicant_address,
            "proxy_name": v.proxy_name or "", "proxy_id_number": v.proxy_id_number or "",
            "procedures": " ".join(i.procedure_code for i in v.items), "clerk": clerks.get(v.clerk_id, ""),
        } for v in visits]
    audit.write_csv(rows, out, RAW_COLUMNS)
    try:
        with ctx.sessions.begin() as session:
            audit.log(ctx, session, "export.raw",
                      f"reason={reason[:500]} from={format_local(start)} to={format_local(end)} rows={len(rows)} "
                      f"file={Path(out).name}", principal=principal)
    except BaseException:
        Path(out).unlink(missing_ok=True)
        raise
    return len(rows)
