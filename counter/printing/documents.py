"""The plain data the printed documents are drawn from (no database, no Qt).

The services build these from the ORM objects; the renderers in this package only read them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal


def receipt_qr_payload(receipt_number: str, query_code: str | None = None) -> str:
    """What the receipt's QR code holds: the number, and the kiosk query code when there is one.

    Receipt numbers are digits only, so ``-`` separates them unambiguously:
    ``2611230010017`` or ``2611230010017-K7P2QX``. A scanner types this into the kiosk's field.
    """
    return f"{receipt_number}-{query_code}" if query_code else receipt_number


def parse_receipt_qr(text: str) -> tuple[str, str | None]:
    """The inverse of :func:`receipt_qr_payload`: ``(receipt number, query code or None)``."""
    number, _, code = text.strip().partition("-")
    return number, (code or None)


def hide_id_tail(value: str | None) -> str:
    """An ID number as the receipt may show it: the last four never (they are the kiosk's
    status secret), whatever the caller passed in. ``110101********1234`` -> ``110101************``."""
    value = (value or "").strip()
    if len(value) <= 4:
        return "*" * len(value)
    return value[:-4] + "****"


NOTHING = frozenset({"", "无", "无。", "—", "-", "none", "None"})


def real_materials(names: tuple[str, ...]) -> tuple[str, ...]:
    """Material names without blanks and without "无" (nothing)."""
    return tuple(n.strip() for n in names if (n or "").strip() not in NOTHING)


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
    #: a traffic fine and its late surcharge: not fees, never in the fee total (行政处罚法 art 72)
    fine: Decimal | None = None
    surcharge: Decimal | None = None
    committed_limit: str = ""  # 承诺时限, e.g. "45日" / "5个工作日" / "当场办结"
    statutory_limit: str = ""  # 法定时限
    pickup_method: str = ""  # 领取方式 (派出所领取 / 邮寄 …); empty: done on the spot
    pickup_place: str = ""  # where to collect, or the postal address (masked)
    pickup_bring: str = ""  # what to bring when collecting
    decided_by: str = ""  # the brigade that decides a traffic item (交管大队)
    card_validity: str = ""  # ID-card items: the new card's validity by age
    legal_basis: str = ""  # the procedure's legal basis (for the 一次性告知书)

    @property
    def missing(self) -> tuple[str, ...]:
        """The missing materials worth naming: "无" (none) is never a missing material."""
        return real_materials(self.materials_missing)

    @property
    def has_missing(self) -> bool:
        return bool(self.missing)


@dataclass(frozen=True)
class ReceiptData:
    """An acceptance receipt (受理回执): one per visit, listing every item."""

    station_name: str
    receipt_number: str
    applicant_name: str
    id_number_masked: str  # the renderer hides the last four again in any case
    lines: tuple[ReceiptLine, ...]
    clerk_name: str
    window_name: str
    issued_at: datetime  # aware, already in local time for display
    lookup_hint: str  # e.g. "凭本回执条码到大厅自助机查询办理进度，或拨打…"
    ticket_code: str | None = None
    proxy_name: str | None = None
    reprint: int = 0
    proxy_id_masked: str | None = None
    applicant_phone_masked: str = ""
    clerk_badge: str = ""
    #: an auxiliary (辅警) cannot decide: the responsible officer is named (S1 art 7)
    clerk_auxiliary: bool = False
    officer_name: str = ""
    officer_badge: str = ""
    complaints_phone: str = "12345"
    rating_url: str = ""  # empty: no rating QR, the kiosk's 好差评 is named instead
    query_code: str | None = None  # the kiosk query code (printed, and inside the QR)
    identity_check: str = ""  # 证件核验: how the identity was taken (读卡 / 人工录入)
    missing_deadline: date | None = None  # 一次性告知书: bring the missing materials by then
    submit_place: str = ""  # 一次性告知书: where to bring them

    @property
    def total(self) -> Decimal:
        """The fees; fines and surcharges are not fees and stay out of it."""
        return sum((line.fee for line in self.lines), Decimal("0"))

    @property
    def fines_total(self) -> Decimal:
        return sum(((line.fine or Decimal("0")) + (line.surcharge or Decimal("0"))
                    for line in self.lines), Decimal("0"))

    @property
    def has_fines(self) -> bool:
        return any(line.fine is not None or line.surcharge is not None for line in self.lines)

    @property
    def missing_lines(self) -> tuple[ReceiptLine, ...]:
        return tuple(line for line in self.lines if line.has_missing)

    @property
    def qr_payload(self) -> str:
        return receipt_qr_payload(self.receipt_number, self.query_code)


@dataclass(frozen=True)
class TicketSlipData:
    """A queue ticket printed on an 80 mm roll."""

    station_name: str
    ticket_code: str
    category_label: str
    waiting_ahead: int
    issued_at: datetime
    hint: str
    predicted_wait: str = ""  # "预计等候约 N 分钟" / "暂无估计" (counter.waits); empty: not printed


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
