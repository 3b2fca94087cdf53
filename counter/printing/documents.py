"""The plain data the printed documents are drawn from (no database, no Qt).

The services build these from the ORM objects; the renderers in this package only read them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class ReceiptLine:
    """One item (procedure) of the visit as printed on the receipt."""

    code: str
    name: str
    fee: Decimal
    promised: date | None
    status_label: str
    materials_received: tuple[str, ...] = ()
    materials_missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReceiptData:
    """An acceptance receipt (受理回执): one per visit, listing every item."""

    station_name: str
    receipt_number: str
    applicant_name: str
    id_number_masked: str
    lines: tuple[ReceiptLine, ...]
    clerk_name: str
    window_name: str
    issued_at: datetime  # aware, already in local time for display
    lookup_hint: str  # e.g. "凭本回执条码到大厅自助机查询办理进度，或拨打…"
    ticket_code: str | None = None
    proxy_name: str | None = None
    reprint: int = 0
    query_code: str | None = None  # the kiosk query code (printed, and inside the QR)

    @property
    def total(self) -> Decimal:
        return sum((line.fee for line in self.lines), Decimal("0"))


@dataclass(frozen=True)
class TicketSlipData:
    """A queue ticket printed on an 80 mm roll."""

    station_name: str
    ticket_code: str
    category_label: str
    waiting_ahead: int
    issued_at: datetime
    hint: str


@dataclass(frozen=True)
class GuideData:
    """A citizen guide (办事指南) page of one procedure."""

    code: str
    name: str
    name_en: str
    group: str
    legal_basis: str
    guide: str
    # (material name, "原件"/"复印件"/"原件及复印件" + required/optional note)
    materials: tuple[tuple[str, str], ...]
    fee: str
    time_limit: str
    where: str
