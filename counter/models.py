"""The database tables (SQLAlchemy 2 typed ORM).

Every shared row carries its station: a district may run one server for all its stations.
Times are aware UTC (`UtcDateTime`); money is `Numeric(10, 2)` read back as `Decimal`.
"""
from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from counter import categories
from counter.clock import as_utc

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator):
    """Aware UTC in, aware UTC out, on SQLite (which forgets the zone) and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; store aware UTC times only")
        value = as_utc(value)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return None if value is None else as_utc(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UtcDateTime, Decimal: Numeric(10, 2), dict[str, Any]: JSON}


class Role(str, enum.Enum):
    CLERK = "clerk"
    MANAGER = "manager"
    ADMIN = "admin"


class VisitStatus(str, enum.Enum):
    OPEN = "open"
    FINISHED = "finished"
    CANCELLED = "cancelled"


class ItemStatus(str, enum.Enum):
    ACCEPTED = "accepted"  # 受理
    IN_PROGRESS = "in_progress"  # 办理中
    READY = "ready"  # 待领取
    COLLECTED = "collected"  # 已领取
    REJECTED = "rejected"  # 不予受理
    NEEDS_MATERIALS = "needs_materials"  # 需补正
    CANCELLED = "cancelled"  # the visit was cancelled before it was accepted
    POSTED = "posted"  # 已寄出: sent by post (送证上门) instead of collected


class TicketStatus(str, enum.Enum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"


class TicketOutcome(str, enum.Enum):
    SERVED = "served"
    NO_SHOW = "no_show"
    # no TRANSFERRED: a transfer moves the same ticket to another window (TicketEvent "transfer"),
    # it never ends it; no version of the program wrote "transferred" as an outcome
    CANCELLED = "cancelled"
    CLOSED = "closed"  # closed at the end of the day


class Station(Base):
    __tablename__ = "stations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    number: Mapped[int] = mapped_column(Integer, unique=True)  # three digits in receipt numbers
    # the station's amounts for fees the catalogue marks as a station setting (name -> "6.00")
    fee_settings: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # a random number set once (counter.day_cache): tells this database's station from a recreated
    # one; deferred, so loading the station never needs it
    instance_token: Mapped[int | None] = mapped_column(Integer, nullable=True, deferred=True)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("username"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    username: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16), default=Role.CLERK.value)
    password_hash: Mapped[str] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    badge_number: Mapped[str | None] = mapped_column(String(16))  # 警号 / 辅警编号, printed on receipts
    #: an auxiliary (辅警) accepts but cannot decide; the receipt names the responsible officer
    auxiliary: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    responsible_officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class ServiceWindow(Base):
    """A counter window in the hall ("window" is a reserved word in SQL, hence the table name)."""

    __tablename__ = "service_windows"
    __table_args__ = (UniqueConstraint("station_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(64))
    categories: Mapped[str] = mapped_column(String(32), default=categories.ALL)
    state: Mapped[str] = mapped_column(String(16), default="closed")  # open | paused | closed
    priority_streak: Mapped[int] = mapped_column(Integer, default=0)
    current_ticket_id: Mapped[int | None] = mapped_column(Integer)
    opened_at: Mapped[datetime | None]
    # + 1 on every open/pause/close: with the newest ticket event, what pollers compare
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # the visit at the window now (published by the clerk's window): for the overtime alert
    running_since: Mapped[datetime | None]
    running_standard_minutes: Mapped[int | None] = mapped_column(Integer)

    def serves(self) -> list[str]:
        return [c for c in self.categories.split(",") if c]


class Counter(Base):
    """Numbers handed out per station, per key and per day (tickets, receipts).

    Incremented inside the caller's transaction, so two terminals never get one number.
    """

    __tablename__ = "counters"

    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        UniqueConstraint("station_id", "service_day", "category", "number"),
        Index("ix_tickets_queue", "station_id", "status", "category", "issued_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    category: Mapped[str] = mapped_column(String(4))
    number: Mapped[int] = mapped_column(Integer)
    service_day: Mapped[date] = mapped_column(Date)
    priority: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(16), default="counter")  # counter | kiosk | cli
    status: Mapped[str] = mapped_column(String(16), default=TicketStatus.WAITING.value)
    outcome: Mapped[str | None] = mapped_column(String(16))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("service_windows.id"))
    target_window_id: Mapped[int | None] = mapped_column(ForeignKey("service_windows.id"))
    issued_at: Mapped[datetime]
    called_at: Mapped[datetime | None]  # first call
    last_called_at: Mapped[datetime | None]  # the call that was answered, if answered
    # the call answered, fixed once when service first starts: the wait rule's end (metrics)
    answered_at: Mapped[datetime | None]
    recalls: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    no_show_at: Mapped[datetime | None]
    transferred_from_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))

    @property
    def code(self) -> str:
        return f"{self.category}{self.number:03d}"


class TicketEvent(Base):
    """Every call, recall, transfer and outcome of a ticket, in order."""

    __tablename__ = "ticket_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime]
    window_id: Mapped[int | None] = mapped_column(ForeignKey("service_windows.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    detail: Mapped[str | None] = mapped_column(String(200))


class Visit(Base):
    __tablename__ = "visits"
    __table_args__ = (Index("ix_visits_station_started", "station_id", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    key: Mapped[str] = mapped_column(String(36), unique=True)  # idempotency key from the terminal
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"), index=True)
    window_id: Mapped[int | None] = mapped_column(ForeignKey("service_windows.id"))
    clerk_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(16), default=VisitStatus.OPEN.value)
    applicant_name: Mapped[str] = mapped_column(String(64), default="")
    applicant_id_number: Mapped[str] = mapped_column(String(18), default="", index=True)
    applicant_phone: Mapped[str] = mapped_column(String(32), default="")
    applicant_address: Mapped[str] = mapped_column(String(200), default="")
    proxy_name: Mapped[str | None] = mapped_column(String(64))
    proxy_id_number: Mapped[str | None] = mapped_column(String(18))
    identity: Mapped[dict[str, Any]] = mapped_column(default=dict)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    cancel_reason: Mapped[str | None] = mapped_column(String(200))
    identity_source: Mapped[str] = mapped_column(String(8), default="typed", server_default="typed")  # typed|card|wedge
    card_expired: Mapped[bool | None] = mapped_column(Boolean)  # the applicant's card, when read from it

    items: Mapped[list[Item]] = relationship(
        back_populates="visit", order_by="Item.position", cascade="all, delete-orphan"
    )
    receipt: Mapped[Receipt | None] = relationship(back_populates="visit", uselist=False)


class Item(Base):
    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    procedure_code: Mapped[str] = mapped_column(String(16), index=True)
    category: Mapped[str] = mapped_column(String(8))  # hz | jg
    values: Mapped[dict[str, Any]] = mapped_column(default=dict)
    materials: Mapped[dict[str, Any]] = mapped_column(default=dict)  # code -> received|missing
    fee: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    # fines and computed late surcharges: not fees, never in the fee total (罚缴分离);
    # [{"id", "kind": fine|late_surcharge, "label", "label_en", "amount": "200.00", "detail", "detail_en"}]
    amounts: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default=ItemStatus.ACCEPTED.value)
    status_reason: Mapped[str | None] = mapped_column(String(200))
    promised_date: Mapped[date | None] = mapped_column(Date)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    status_changed_at: Mapped[datetime | None]
    status_changed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    visit: Mapped[Visit] = relationship(back_populates="items")


class StepEvent(Base):
    """A form page entered and left: where the clerk's time goes."""

    __tablename__ = "step_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"), index=True)
    item_position: Mapped[int | None] = mapped_column(Integer)
    page: Mapped[str] = mapped_column(String(64))
    entered_at: Mapped[datetime]
    left_at: Mapped[datetime | None]
    how_left: Mapped[str | None] = mapped_column(String(16))  # next | back | cancel | finish
    refused: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # "next" refused with errors


class FieldEvent(Base):
    """A field's error shown on "next" (kind error) or its value changed after one (corrected)."""

    __tablename__ = "field_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"), index=True)
    item_position: Mapped[int | None] = mapped_column(Integer)
    page: Mapped[str] = mapped_column(String(64))
    field: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(12))  # error | corrected
    at: Mapped[datetime]


class Receipt(Base):
    __tablename__ = "receipts"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    number: Mapped[str] = mapped_column(String(20), unique=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"), unique=True)
    issued_at: Mapped[datetime]
    reprints: Mapped[int] = mapped_column(Integer, default=0)

    visit: Mapped[Visit] = relationship(back_populates="receipt")


class Rating(Base):
    """好差评: one per visit."""

    __tablename__ = "ratings"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"), unique=True)
    level: Mapped[int] = mapped_column(Integer)  # 5 非常满意 … 1 非常不满意
    reason: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16), default="kiosk")
    rated_at: Mapped[datetime]


class ReceiptCode(Base):
    """A receipt's kiosk query code, only as a salted hash (HMAC-SHA256, see counter.kiosk).

    One row per receipt. Every print of the receipt (the first and each reprint) replaces it,
    so only the code on the newest paper works: the plaintext is never stored anywhere.
    """

    __tablename__ = "receipt_codes"

    receipt_id: Mapped[int] = mapped_column(ForeignKey("receipts.id"), primary_key=True)
    salt: Mapped[str] = mapped_column(String(32))  # 16 random bytes, hex
    code_hash: Mapped[str] = mapped_column(String(64))  # HMAC-SHA256(salt, code), hex
    issued_at: Mapped[datetime]


class AuditEntry(Base):
    """Append-only trail; each row hashes the previous one (see counter.audit)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    at: Mapped[datetime]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    username: Mapped[str | None] = mapped_column(String(64))
    terminal: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # the row's number in its station's chain (1, 2, 3 … without gaps); None: written before 0005
    seq: Mapped[int | None] = mapped_column(Integer)
    key_id: Mapped[str | None] = mapped_column(String(16))  # which terminal key signed `mac`
    mac: Mapped[str | None] = mapped_column(String(64))  # HMAC-SHA256(key, hash): the keyed chain

    __table_args__ = (Index("ix_audit_log_station_seq", "station_id", "seq", unique=True),)


class ChangeMarker(Base):
    """No longer written (0007): one row per station bumped by every write serialised the hall.
    Pollers read `notify.change_version` instead. Kept so older terminals still find the table."""

    __tablename__ = "change_markers"

    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    changed_at: Mapped[datetime | None]


class KioskAttempt(Base):
    """A kiosk lookup (status, rating): one row per proof checked, kept as the brute-force log.

    outcome: ok | wrong (the proof did not match) | locked (refused while locked) | unknown (no
    such receipt; the citizen is told exactly what a wrong proof is told). The failed attempt
    that locks a receipt carries `locked_until`; the one that locks the kiosk terminal carries
    `terminal_locked_until`. purpose: status | rating.
    """

    __tablename__ = "kiosk_attempts"
    __table_args__ = (Index("ix_kiosk_attempts_receipt_at", "receipt_number", "at"),
                      Index("ix_kiosk_attempts_terminal_at", "terminal", "at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    receipt_number: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime]
    outcome: Mapped[str] = mapped_column(String(16))
    locked_until: Mapped[datetime | None]
    terminal: Mapped[str | None] = mapped_column(String(64))
    purpose: Mapped[str | None] = mapped_column(String(16))
    terminal_locked_until: Mapped[datetime | None]


class Collection(Base):
    """A hand-out (领证): who collected which item, at which hand-out visit.

    One row per item handed out (an item is collected once). `by_proxy` is true when a relative
    collected it with the pick-up voucher (S1 art 81); then the collector is not the applicant.
    """

    __tablename__ = "collections"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), unique=True)
    handout_visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"), index=True)
    collector_name: Mapped[str] = mapped_column(String(64))
    collector_id_number: Mapped[str] = mapped_column(String(18))
    by_proxy: Mapped[bool] = mapped_column(Boolean, default=False)
    relation: Mapped[str | None] = mapped_column(String(16))  # the proxy's relation to the applicant
    clerk_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    collected_at: Mapped[datetime]


# ----------------------------------------------------------------------------- the journey after the visit
# (counter.journey: arrivals, the notice outbox, delivery by post, follow-ups of bad ratings)


class JourneySettings(Base):
    """The station's settings for notices, postage, uncollected items and follow-ups (one row)."""

    __tablename__ = "journey_settings"

    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"), primary_key=True)
    sms_gateway: Mapped[str] = mapped_column(String(8), default="none")  # none | http | file
    sms_url: Mapped[str] = mapped_column(String(300), default="")
    sms_token: Mapped[str] = mapped_column(String(200), default="")
    sms_signature: Mapped[str] = mapped_column(String(32), default="")  # 【…派出所】 before each text
    postage: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    uncollected_days: Mapped[int] = mapped_column(Integer, default=90)
    followup_working_days: Mapped[int] = mapped_column(Integer, default=3)


class HallSettings(Base):
    """The hall's shared settings (one row per station; counter.hall_settings): the queue's
    rule, appointments, the manager's targets and what every receipt says. NULL: not set for the
    hall yet, each terminal uses its own settings.toml (a hall from before 0015); the first save
    stores every column."""

    __tablename__ = "hall_settings"

    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"), primary_key=True)
    priority_streak_limit: Mapped[int | None] = mapped_column(Integer)
    appointment_grace_minutes: Mapped[int | None] = mapped_column(Integer)
    appointment_capacity: Mapped[str | None] = mapped_column(String(64))
    service_level_minutes: Mapped[int | None] = mapped_column(Integer)
    service_level_target_percent: Mapped[int | None] = mapped_column(Integer)
    hall_time_target_minutes: Mapped[int | None] = mapped_column(Integer)
    satisfaction_target_percent: Mapped[int | None] = mapped_column(Integer)
    complaints_phone: Mapped[str | None] = mapped_column(String(32))
    missing_materials_days: Mapped[int | None] = mapped_column(Integer)
    rating_url: Mapped[str | None] = mapped_column(String(300))
    pickup_place: Mapped[str | None] = mapped_column(String(100))


class Arrival(Base):
    """到证登记: a document made elsewhere arrived at the station (one row per item)."""

    __tablename__ = "arrivals"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), unique=True)
    receipt_number: Mapped[str] = mapped_column(String(20))
    arrived_on: Mapped[date] = mapped_column(Date)
    registered_at: Mapped[datetime]
    clerk_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    batch: Mapped[str] = mapped_column(String(36))
    reminded_at: Mapped[datetime | None]  # the last reminder from the uncollected list
    note: Mapped[str | None] = mapped_column(String(200))  # what the clerk found out (moved away …)


class Notice(Base):
    """An SMS in the outbox: queued -> sent, or failed after its retries; closed by collection."""

    __tablename__ = "notices"
    __table_args__ = (Index("ix_notices_due", "status", "next_try_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # ready | posted | reminder
    phone: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="queued")  # queued|sending|sent|failed|cancelled
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    gateway_id: Mapped[str | None] = mapped_column(String(64))  # the gateway's message id
    closed_at: Mapped[datetime | None]  # the item was collected or posted: the trail is closed


class Delivery(Base):
    """邮寄 (送证上门): the checked address, the postage and, once sent, the tracking number."""

    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), unique=True)
    division_code: Mapped[str] = mapped_column(String(6))  # GB/T 2260 district
    address: Mapped[str] = mapped_column(String(200))  # street and house number
    recipient: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str] = mapped_column(String(32))
    postage: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    tracking_number: Mapped[str | None] = mapped_column(String(40))
    recorded_at: Mapped[datetime]
    posted_at: Mapped[datetime | None]
    clerk_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class FollowUp(Base):
    """好差评回访: every 不满意/非常不满意 rating opens one case (国办发〔2019〕51号)."""

    __tablename__ = "followups"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"), index=True)
    rating_id: Mapped[int] = mapped_column(ForeignKey("ratings.id"), unique=True)
    opened_at: Mapped[datetime]
    due_on: Mapped[date] = mapped_column(Date)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    citizen_said: Mapped[str | None] = mapped_column(Text)
    changes: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class Appointment(Base):
    """A booked slot (预约): from the provincial platform's file, or made at the counter / by phone.

    `booking_id` is the platform's own id (counter-made ones get "CTR-<code>"): importing the same
    file twice updates the rows, never duplicates them. `code` is what the citizen shows at
    check-in. status: booked | checked_in | cancelled (a no-show is a booked one whose slot ended).
    arrival: early | on_time | late (late = beyond the grace period: served as a walk-in).
    `priority_from`: when the checked-in ticket becomes a priority ticket (its slot's start).
    """

    __tablename__ = "appointments"
    __table_args__ = (UniqueConstraint("station_id", "booking_id"),
                      UniqueConstraint("station_id", "code", name="uq_appointments_station_code"),
                      Index("ix_appointments_station_slot", "station_id", "slot_start"))

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    booking_id: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(16), default="platform")  # platform | counter | phone
    category: Mapped[str] = mapped_column(String(4))  # the queue letter: A 户政, B 交管, C both
    procedures: Mapped[list[Any]] = mapped_column(JSON, default=list)
    slot_start: Mapped[datetime]
    slot_end: Mapped[datetime]
    applicant_name: Mapped[str] = mapped_column(String(64), default="")
    applicant_id_number: Mapped[str] = mapped_column(String(18))
    applicant_phone: Mapped[str] = mapped_column(String(32))
    proxy_name: Mapped[str | None] = mapped_column(String(64))
    proxy_id_number: Mapped[str | None] = mapped_column(String(18))
    status: Mapped[str] = mapped_column(String(16), default="booked")
    arrival: Mapped[str | None] = mapped_column(String(8))
    checked_in_at: Mapped[datetime | None]
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"), index=True)
    priority_from: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
