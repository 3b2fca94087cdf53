"""The citizens' kiosk as a service (no Qt): tickets, status by receipt, 好差评 ratings,
the clerk's "ready / collected" marks, and the kiosk's own settings and texts.

Proof. A receipt number is printed on paper citizens carry around, and numbers are sequential
(YYMMDD + station + 0001…), so a number alone proves nothing. Status AND rating need a proof as
well, whichever the citizen prefers: the receipt's query code (8 random digits printed on the
receipt and inside its QR code; stored only as a salted HMAC-SHA256, replaced by every print)
or the last four characters of the applicant's ID number. One field takes either: four
characters are the ID's last four, eight digits are the query code. The clerk's rating pad
needs no proof: the logged-in clerk at the window is the proof (`rate_visit(principal=…)`).

Brute force. Every kiosk lookup (status, starting a rating, storing a rating) goes through
`_prove`, is logged in `kiosk_attempts` (ok / wrong / unknown / locked, with its purpose) and
counts toward two locks:
- per receipt number: 5 failed proofs since the last right one or the last lock lock that
  number at every kiosk for 15 minutes;
- per kiosk terminal: 20 failed proofs within 15 minutes, across any numbers, lock every
  lookup at that terminal for 15 minutes (one kiosk cannot sweep the day's numbers).
A number that does not exist is answered exactly like a wrong proof (same message, same tries
left, same lock, the same hash computed): nothing tells whether a receipt exists before its
proof is right. Only then the kiosk says "rated already" or "not finished". Queries while
locked are refused (and logged as `locked`) without looking at the proof, so a lock cannot be
probed. Each lock is written to the audit trail (`kiosk.locked`, `kiosk.terminal_locked`) and
the application log. What the kiosk shows is masked (`counter.masking`): the name as 张*, never
a full ID or phone number.

The kiosk administrator PIN and the kiosk's settings live in `kiosk.json` in the terminal's
data folder (beside `settings.toml`, which `counter.config` owns; a separate file so the two
writers never overwrite each other). The PIN is stored only as a scrypt hash
(`counter.auth.hash_password`); a kiosk without the file starts with the demo PIN "123456"
(hashed on first use) which the administrator changes on the settings page.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from counter import audit, paths
from counter.auth import Principal, hash_password, require, verify_password
from counter.clock import local
from counter.db import reading
from counter.forms.spec import Text
from counter.masking import mask_name
from counter.models import (
    Item,
    ItemStatus,
    KioskAttempt,
    Rating,
    Receipt,
    ReceiptCode,
    Role,
    User,
    Visit,
    VisitStatus,
)
from counter.visits import STATUS_LABELS

log = logging.getLogger(__name__)

MAX_WRONG = 5  # failed proofs per receipt number before it is locked
LOCK_FOR = timedelta(minutes=15)
TERMINAL_MAX_FAILED = 20  # failed proofs per kiosk terminal within TERMINAL_WINDOW …
TERMINAL_WINDOW = timedelta(minutes=15)
TERMINAL_LOCK_FOR = timedelta(minutes=15)  # … lock every lookup at that terminal this long
CODE_LENGTH = 8  # digits: the kiosk keypad is digits (and X); nothing to confuse, easy to read out
FAILED = ("wrong", "unknown")
DEFAULT_PIN = "123456"
IDLE_SECONDS = 60


class KioskError(Exception):
    """Something the citizen is told; `zh_CN` and `en` are the messages."""

    def __init__(self, zh_CN: str, en: str):
        super().__init__(f"{zh_CN} / {en}")
        self.zh_CN, self.en = zh_CN, en

    def text(self, lang: str = "zh_CN") -> str:
        return self.en if lang == "en" else self.zh_CN


class ReceiptNotFound(KioskError):
    pass


class WrongProof(KioskError):
    """The receipt number and the proof do not match: also what a number that does not exist gets."""

    def __init__(self, left: int):
        super().__init__(f"回执号与查询码（或身份证号后四位）不符，还可尝试 {left} 次",
                         f"The receipt number and the query code (or last 4 of the ID number) do not match; "
                         f"{left} tries left")
        self.left = left


WrongIdNumber = WrongProof  # the name before query codes


class ReceiptLocked(KioskError):
    def __init__(self, until: datetime, now: datetime):
        minutes = _minutes(until, now)
        super().__init__(f"输入错误次数过多，该回执已锁定，请 {minutes} 分钟后再试或到窗口咨询",
                         f"Too many wrong tries: this receipt is locked; try again in {minutes} min "
                         "or ask at a window")
        self.until, self.minutes = until, minutes


class TerminalLocked(KioskError):
    def __init__(self, until: datetime, now: datetime):
        minutes = _minutes(until, now)
        super().__init__(f"本机输入错误次数过多，查询和评价暂停，请 {minutes} 分钟后再试或到窗口咨询",
                         f"Too many wrong tries at this kiosk: status and rating are paused; try again in "
                         f"{minutes} min or ask at a window")
        self.until, self.minutes = until, minutes


def _minutes(until: datetime, now: datetime) -> int:
    return max(1, int((until - now).total_seconds() + 59) // 60)


class RatingError(KioskError):
    pass


class StatusChangeError(KioskError):
    pass


# ----------------------------------------------------------------------------- status

@dataclass(frozen=True)
class ItemView:
    code: str
    name: Text
    status: str
    status_text: Text
    reason: str | None  # why it was rejected (or what needs correcting), as the clerk wrote it
    missing: tuple[Text, ...]  # materials still to bring (needs_materials)
    promised_date: date | None


@dataclass(frozen=True)
class StatusView:
    """What the kiosk may show about one receipt: masked, bilingual, nothing else."""

    receipt_number: str
    name_masked: str
    accepted_on: date
    items: tuple[ItemView, ...]


def normalise_receipt(raw: str) -> str:
    """Scanners may add spaces or a prefix symbol; receipt numbers are digits (13 today)."""
    return "".join(ch for ch in (raw or "") if ch.isalnum()).upper()


def normalise_proof(raw: str | None) -> str:
    """A query code or an ID's last four as typed: spaces and dashes dropped, x as X."""
    return "".join(ch for ch in (raw or "") if ch.isascii() and ch.isalnum()).upper()[:32]


def parse_scan(raw: str) -> tuple[str, str | None]:
    """What a scanner typed: the receipt number, and the query code when the receipt's QR held
    one (`NUMBER-CODE`, as counter.printing.documents.receipt_qr_payload writes it)."""
    from counter.printing.documents import parse_receipt_qr

    number, code = parse_receipt_qr(raw or "")
    code = normalise_proof(code) if code else ""
    return normalise_receipt(number), (code or None)


def _status_text(status: str) -> Text:
    zh, en = STATUS_LABELS.get(status, (status, status))
    return Text(zh, en)


def _item_view(ctx, item: Item) -> ItemView:
    procedure = ctx.catalog.by_code.get(item.procedure_code)
    names = {m.code: m.name for m in procedure.materials} if procedure else {}
    missing = tuple(names.get(code, Text(code, code)) for code, state in (item.materials or {}).items()
                    if state == "missing")
    show_missing = item.status == ItemStatus.NEEDS_MATERIALS.value
    show_reason = item.status in (ItemStatus.REJECTED.value, ItemStatus.NEEDS_MATERIALS.value)
    return ItemView(
        code=item.procedure_code,
        name=procedure.name if procedure else Text(item.procedure_code, item.procedure_code),
        status=item.status,
        status_text=_status_text(item.status),
        reason=item.status_reason if show_reason else None,
        missing=missing if show_missing else (),
        promised_date=item.promised_date if item.status not in (
            ItemStatus.REJECTED.value, ItemStatus.CANCELLED.value) else None,
    )


# ----------------------------------------------------------------------------- query codes

def new_query_code() -> str:
    """Eight random digits (secrets): 10^8 codes against 5 tries per 15 minutes per receipt."""
    return f"{secrets.randbelow(10 ** CODE_LENGTH):0{CODE_LENGTH}d}"


def _code_digest(salt_hex: str, code: str) -> str:
    return hmac.new(bytes.fromhex(salt_hex), code.encode("ascii"), hashlib.sha256).hexdigest()


def issue_query_code(session, receipt_number: str, now: datetime) -> str:
    """A new query code for the receipt being printed; returns the plaintext, stores its hash.

    Only the hash is kept, so a reprint cannot print the old code again: every print issues a
    new code and the code on any earlier paper stops working.
    """
    receipt = session.scalar(select(Receipt).where(Receipt.number == normalise_receipt(receipt_number)))
    if receipt is None:
        raise ValueError(f"no receipt numbered {receipt_number!r}")
    code, salt = new_query_code(), secrets.token_hex(16)
    row = session.get(ReceiptCode, receipt.id)
    if row is None:
        row = ReceiptCode(receipt_id=receipt.id)
        session.add(row)
    row.salt, row.code_hash, row.issued_at = salt, _code_digest(salt, code), now
    session.flush()
    return code


def with_query_code(ctx, session, data):
    """The receipt's print data with a freshly issued query code (`ReceiptData.query_code`)."""
    return replace(data, query_code=issue_query_code(session, data.receipt_number, ctx.clock.now()))


# ----------------------------------------------------------------------------- proof and locks

_DUMMY_SALT = "00" * 16  # a missing receipt costs the same HMAC as a present one


def _proof_matches(proof: str, id_number: str | None, salt: str | None, code_hash: str | None) -> bool:
    """Both comparisons, always, in constant time: the ID's last four, or the query code."""
    last4 = (id_number or "").strip().upper()[-4:]
    by_id = hmac.compare_digest(proof.encode(), last4.encode()) and len(proof) == 4 == len(last4)
    digest = _code_digest(salt or _DUMMY_SALT, proof)
    by_code = hmac.compare_digest(digest, code_hash or "-" * 64) and len(proof) == CODE_LENGTH
    return by_id or by_code


def lock_state(session, receipt_number: str, now: datetime) -> tuple[datetime | None, int]:
    """(locked until, failed proofs counted so far) for one receipt number, existing or not."""
    last_lock = session.scalar(select(KioskAttempt).where(
        KioskAttempt.receipt_number == receipt_number, KioskAttempt.locked_until.is_not(None))
        .order_by(KioskAttempt.id.desc()).limit(1))
    if last_lock is not None and last_lock.locked_until > now:
        return last_lock.locked_until, MAX_WRONG
    last_ok = session.scalar(select(func.max(KioskAttempt.id)).where(
        KioskAttempt.receipt_number == receipt_number, KioskAttempt.outcome == "ok"))
    since = max(last_ok or 0, last_lock.id if last_lock is not None else 0)
    wrong = session.scalar(select(func.count()).where(
        KioskAttempt.receipt_number == receipt_number, KioskAttempt.outcome.in_(FAILED),
        KioskAttempt.id > since)) or 0
    return None, wrong


def terminal_state(session, terminal: str, now: datetime) -> tuple[datetime | None, int]:
    """(locked until, failed proofs in the window since its last lock) for one kiosk terminal.

    A right proof does not reset this count: else one's own receipt would launder a sweep.
    """
    last_lock = session.scalar(select(KioskAttempt).where(
        KioskAttempt.terminal == terminal, KioskAttempt.terminal_locked_until.is_not(None))
        .order_by(KioskAttempt.id.desc()).limit(1))
    if last_lock is not None and last_lock.terminal_locked_until > now:
        return last_lock.terminal_locked_until, TERMINAL_MAX_FAILED
    failed = session.scalar(select(func.count()).where(
        KioskAttempt.terminal == terminal, KioskAttempt.outcome.in_(FAILED),
        KioskAttempt.at > now - TERMINAL_WINDOW,
        KioskAttempt.id > (last_lock.id if last_lock is not None else 0))) or 0
    return None, failed


def _prove(ctx, receipt_number: str, proof: str | None, purpose: str) -> int:
    """The visit id of a receipt whose proof is right; every call is one logged attempt.

    Raises WrongProof (also for a number that does not exist), ReceiptLocked or TerminalLocked,
    after the commit: the attempt is stored whatever the citizen sees.
    """
    number = normalise_receipt(receipt_number)[:32]
    given = normalise_proof(proof)
    now = ctx.clock.now()
    station_id = ctx.station.id  # resolved before the write transaction
    terminal = (ctx.config.terminal or "kiosk")[:64]
    with ctx.sessions.begin() as session:
        def attempt(outcome: str, locked_until: datetime | None = None,
                    terminal_until: datetime | None = None) -> None:
            session.add(KioskAttempt(station_id=station_id, receipt_number=number, at=now, outcome=outcome,
                                     locked_until=locked_until, terminal=terminal, purpose=purpose,
                                     terminal_locked_until=terminal_until))

        terminal_until, terminal_failed = terminal_state(session, terminal, now)
        receipt_until, wrong = lock_state(session, number, now)
        if terminal_until is not None or receipt_until is not None:
            attempt("locked")
            error: KioskError = (TerminalLocked(terminal_until, now) if terminal_until is not None
                                 else ReceiptLocked(receipt_until, now))
        else:
            row = session.execute(
                select(Receipt.visit_id, Visit.applicant_id_number, ReceiptCode.salt, ReceiptCode.code_hash)
                .join(Visit, Visit.id == Receipt.visit_id)
                .outerjoin(ReceiptCode, ReceiptCode.receipt_id == Receipt.id)
                .where(Receipt.number == number)).first()
            matches = _proof_matches(given, *(row[1:] if row is not None else (None, None, None)))
            if row is not None and matches:
                attempt("ok")
                return row.visit_id
            error = _failed(ctx, session, attempt, number, terminal, now, wrong + 1, terminal_failed + 1,
                            known=row is not None)
    raise error


def _failed(ctx, session, attempt, number: str, terminal: str, now: datetime, wrong: int,
            terminal_failed: int, *, known: bool) -> KioskError:
    """Record a failed proof; lock the receipt number and/or the terminal when it is one too many."""
    receipt_until = now + LOCK_FOR if wrong >= MAX_WRONG else None
    terminal_until = now + TERMINAL_LOCK_FOR if terminal_failed >= TERMINAL_MAX_FAILED else None
    attempt("wrong" if known else "unknown", receipt_until, terminal_until)
    if receipt_until is not None:
        audit.log(ctx, session, "kiosk.locked", f"receipt {number} locked at the kiosk until "
                  f"{receipt_until.isoformat()} after {wrong} failed proofs", username="kiosk")
        log.warning("kiosk: receipt %s locked until %s after %d failed proofs (terminal %s)",
                    number, receipt_until.isoformat(), wrong, terminal)
    if terminal_until is not None:
        audit.log(ctx, session, "kiosk.terminal_locked", f"kiosk terminal {terminal} locked until "
                  f"{terminal_until.isoformat()} after {terminal_failed} failed proofs within "
                  f"{int(TERMINAL_WINDOW.total_seconds() // 60)} min", username="kiosk")
        log.warning("kiosk: terminal %s locked until %s after %d failed proofs",
                    terminal, terminal_until.isoformat(), terminal_failed)
        return TerminalLocked(terminal_until, now)
    if receipt_until is not None:
        return ReceiptLocked(receipt_until, now)
    return WrongProof(MAX_WRONG - wrong)


# ----------------------------------------------------------------------------- status

def lookup_status(ctx, receipt_number: str, proof: str) -> StatusView:
    """The items of a receipt, if `proof` (its query code or the ID's last four) is right.

    Raises WrongProof (with tries left; also for a number that does not exist), ReceiptLocked
    or TerminalLocked.
    """
    visit_id = _prove(ctx, receipt_number, proof, "status")
    with reading(ctx.sessions) as session:
        visit = session.get(Visit, visit_id)
        return StatusView(receipt_number=visit.receipt.number, name_masked=mask_name(visit.applicant_name),
                          accepted_on=local(visit.receipt.issued_at).date(),
                          items=tuple(_item_view(ctx, item) for item in visit.items))


# ----------------------------------------------------------------------------- tickets

def take_ticket(ctx, category: str):
    """A ticket issued at the kiosk (`source="kiosk"`): the counter.queueing.IssuedTicket."""
    from counter.queueing import issue_ticket

    return issue_ticket(ctx, category, source="kiosk")


def slip_data(ctx, ticket, lang: str = "zh_CN"):
    """The printed slip for an issued ticket (both languages on the paper, like the CLI)."""
    from counter.printing.documents import TicketSlipData
    from counter.queueing import lookup_category

    cat = lookup_category(ticket.category)
    return TicketSlipData(station_name=ctx.station.name, ticket_code=ticket.code,
                          category_label=f"{cat.zh} {cat.en}", waiting_ahead=ticket.waiting_ahead,
                          issued_at=local(ticket.issued_at),
                          hint="请留意大厅显示屏和语音叫号，过号请重新取号 / Watch the display and listen for your number")


# ----------------------------------------------------------------------------- ratings

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


def _visit_for_receipt(session, receipt_number: str) -> Visit:
    number = normalise_receipt(receipt_number)
    receipt = session.scalar(select(Receipt).where(Receipt.number == number)) if number else None
    if receipt is None:
        raise ReceiptNotFound(f"没有找到回执号 {number or '（空）'}，请核对后重新输入",
                              f"No receipt numbered {number or '(empty)'}; check and try again")
    return receipt.visit


def _ready_to_rate(session, visit_id: int) -> None:
    """Refuse a visit that is not finished or is rated already (said only after the proof)."""
    visit = session.get(Visit, visit_id)
    if visit.status != VisitStatus.FINISHED.value:
        raise RatingError("该次办事尚未办结，暂不能评价", "This visit is not finished yet")
    if session.scalar(select(Rating.id).where(Rating.visit_id == visit_id)) is not None:
        raise _rated_already_error()


def _rated_already_error() -> RatingError:
    return RatingError("该次办事已经评价过，感谢您的参与", "This visit has been rated already. Thank you.")


def rated_already(ctx, receipt_number: str, proof: str | None) -> bool:
    """Whether the visit is rated: a proof-checked, counted lookup like any other."""
    visit_id = _prove(ctx, receipt_number, proof, "rating")
    with reading(ctx.sessions) as session:
        return session.scalar(select(Rating.id).where(Rating.visit_id == visit_id)) is not None


def start_rating(ctx, receipt_number: str, proof: str | None) -> None:
    """The kiosk's first rating step: the proof (counted), then "not finished" or "rated already"."""
    visit_id = _prove(ctx, receipt_number, proof, "rating")
    with reading(ctx.sessions) as session:
        _ready_to_rate(session, visit_id)


def rate_visit(ctx, receipt_number: str, level: int, reason: str | None = None, *,
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
            raise RatingError("评价器须由已登录的窗口工作人员打开", "The rating pad needs a clerk logged in at the window")
        with reading(ctx.sessions) as session:
            visit_id = _visit_for_receipt(session, receipt_number).id
    else:
        visit_id = _prove(ctx, receipt_number, proof, "rating")
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


# ----------------------------------------------------------------------------- item status (clerks)

@dataclass(frozen=True)
class ClerkItem:
    id: int
    position: int
    code: str
    name: Text
    status: str
    status_text: Text
    promised_date: date | None
    changed_at: datetime | None
    changed_by: str | None


@dataclass(frozen=True)
class ClerkReceipt:
    receipt_number: str
    name_masked: str
    items: tuple[ClerkItem, ...]


# which status each mark may come from
_FROM = {
    # 需补正 → 办理中 when the citizen brings what was missing (补正完成)
    ItemStatus.IN_PROGRESS.value: (ItemStatus.ACCEPTED.value, ItemStatus.NEEDS_MATERIALS.value),
    ItemStatus.READY.value: (ItemStatus.ACCEPTED.value, ItemStatus.IN_PROGRESS.value),
    ItemStatus.COLLECTED.value: (ItemStatus.READY.value,),
}


def receipt_items(ctx, receipt_number: str) -> ClerkReceipt:
    """A receipt's items for the clerk's status dialog."""
    with reading(ctx.sessions) as session:
        visit = _visit_for_receipt(session, receipt_number)
        users = {u.id: u.display_name for u in session.scalars(select(User))}
        items = tuple(ClerkItem(
            id=item.id, position=item.position, code=item.procedure_code,
            name=(ctx.catalog.by_code[item.procedure_code].name if item.procedure_code in ctx.catalog.by_code
                  else Text(item.procedure_code, item.procedure_code)),
            status=item.status, status_text=_status_text(item.status), promised_date=item.promised_date,
            changed_at=item.status_changed_at, changed_by=users.get(item.status_changed_by))
            for item in visit.items)
        return ClerkReceipt(visit.receipt.number, mask_name(visit.applicant_name), items)


def can_mark(status: str, target: str) -> bool:
    return status in _FROM[target]


def _mark(ctx, item_id: int, principal: Principal | None, target: str) -> Item:
    principal = require(principal, Role.CLERK)
    now = ctx.clock.now()
    with ctx.sessions.begin() as session:
        item = session.get(Item, item_id)
        if item is None:
            raise StatusChangeError("没有该办理事项", f"No item {item_id}")
        if item.status == target:
            return _detached(session, item)  # pressing twice changes nothing
        if item.status not in _FROM[target]:
            now_zh, now_en = STATUS_LABELS.get(item.status, (item.status, item.status))
            to_zh, to_en = STATUS_LABELS[target]
            raise StatusChangeError(f"“{now_zh}”的事项不能标记为“{to_zh}”",
                                    f"An item that is {now_en.lower()} cannot become {to_en.lower()}")
        if item.status == ItemStatus.NEEDS_MATERIALS.value:  # the missing materials came in
            item.materials = {code: "received" for code in item.materials}
            item.status_reason = None
        item.status = target
        item.status_changed_at = now
        item.status_changed_by = principal.user_id
        audit.log(ctx, session, "item.status", f"item {item.id} ({item.procedure_code}) -> {target}",
                  principal=principal)
        log.info("item %s (%s) -> %s by %s", item.id, item.procedure_code, target, principal.username)
        return _detached(session, item)


def _detached(session, item: Item) -> Item:
    session.flush()
    session.refresh(item)
    session.expunge(item)
    return item


def mark_in_progress(ctx, item_id: int, principal: Principal | None) -> Item:
    """办理中: being processed (from 受理, or from 需补正 once the missing materials are in)."""
    return _mark(ctx, item_id, principal, ItemStatus.IN_PROGRESS.value)


def mark_ready(ctx, item_id: int, principal: Principal | None) -> Item:
    """待领取: the document is ready for collection (from 受理 or 办理中)."""
    return _mark(ctx, item_id, principal, ItemStatus.READY.value)


def mark_collected(ctx, item_id: int, principal: Principal | None) -> Item:
    """已领取: the citizen took it (from 待领取)."""
    return _mark(ctx, item_id, principal, ItemStatus.COLLECTED.value)


# ----------------------------------------------------------------------------- the kiosk's settings

@dataclass
class KioskSettings:
    """Per-kiosk settings in `<data dir>/kiosk.json`; the PIN only as a scrypt hash."""

    pin_hash: str = ""
    idle_seconds: int = IDLE_SECONDS
    printer_name: str = ""  # empty: no printer; slips are only saved as PDF
    save_slips: bool = True
    path: Path | None = field(default=None, repr=False, compare=False)

    @staticmethod
    def default_path() -> Path:
        return paths.data_dir() / "kiosk.json"

    @classmethod
    def load(cls, path: Path | None = None) -> KioskSettings:
        path = path or cls.default_path()
        stored: dict = {}
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}  # missing or broken: defaults, and a fresh demo PIN
        known = {k: v for k, v in stored.items() if k in cls.__dataclass_fields__ and k != "path"}
        settings = cls(**known, path=path)
        if not settings.pin_hash:
            settings.pin_hash = hash_password(DEFAULT_PIN)
            settings.save()
        return settings

    def save(self) -> None:
        path = self.path or self.default_path()
        data = {k: v for k, v in asdict(self).items() if k != "path"}
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        try:
            os.chmod(tmp, 0o600)
        except OSError:
            pass
        os.replace(tmp, path)

    def check_pin(self, pin: str) -> bool:
        return bool(pin) and verify_password(pin, self.pin_hash)

    def set_pin(self, pin: str) -> None:
        if not (pin.isdigit() and 4 <= len(pin) <= 12):
            raise KioskError("PIN 须为 4–12 位数字", "The PIN must be 4 to 12 digits")
        self.pin_hash = hash_password(pin)
        self.save()


def audit_kiosk(ctx, action: str, detail: str) -> None:
    """An administrator's act at the kiosk (settings, exit) in the audit trail."""
    ctx.station  # noqa: B018 - resolved before the write transaction
    with ctx.sessions.begin() as session:
        audit.log(ctx, session, action, detail, username="kiosk-admin")


# ----------------------------------------------------------------------------- texts

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("自助服务", "Self-service"),
    "welcome": ("您好！请选择要办理的业务", "Welcome! What would you like to do?"),
    "ticket": ("取号", "Take a ticket"),
    "ticket_sub": ("排队取号，等候叫号", "Queue number for a window"),
    "guide": ("办事指南", "Guide"),
    "guide_sub": ("材料、收费、时限", "Papers, fees, time limits"),
    "status": ("进度查询", "Check status"),
    "status_sub": ("扫描回执条码查询", "Scan your receipt"),
    "rate": ("评价", "Rate our service"),
    "rate_sub": ("好差评", "Tell us how we did"),
    "lang": ("English", "中文"),
    "home": ("返回首页", "Home"),
    "back": ("返回", "Back"),
    "choose_queue": ("请选择业务类别", "Choose the kind of service"),
    "cat_A": ("户政业务：户口、身份证、居住证", "Household: residence, ID cards, residence permits"),
    "cat_B": ("交管业务：车辆、驾驶证、违法处理", "Traffic: vehicles, driving licences, violations"),
    "cat_C": ("同时办理户政和交管业务", "Both household and traffic business"),
    "cat_V": ("70岁以上老人、残疾人、孕妇、怀抱婴儿者、现役军人", "Over 70, disabled, pregnant, with a baby, "
              "or serving military"),
    "your_number": ("您的号码", "Your number"),
    "ahead": ("前面还有 {n} 人等候", "{n} waiting ahead of you"),
    "take_slip": ("请取走号票，留意大厅显示屏和语音叫号", "Please take your slip and watch the display"),
    "print_failed": ("号票打印失败，请记住您的号码或到咨询台求助", "The slip could not be printed: remember your number "
                     "or ask at the help desk"),
    "search": ("搜索：输入事项名称或拼音首字母", "Search: name or pinyin initials"),
    "group_hz": ("户政业务", "Household"),
    "group_jg": ("交管业务", "Traffic"),
    "group_all": ("全部", "All"),
    "materials": ("所需材料", "What to bring"),
    "fee": ("收费标准", "Fee"),
    "time_limit": ("办理时限", "Time limit"),
    "where": ("办理地点", "Where"),
    "print_guide": ("打印指南", "Print this guide"),
    "printed": ("已打印，请在出纸口取走", "Printed: please take it from the slot"),
    "no_match": ("没有找到相关事项", "Nothing found"),
    "scan_prompt": ("请将回执上的二维码或条码对准扫描口，或输入回执号",
                    "Scan the QR code or barcode on your receipt, or type its number"),
    "receipt_number": ("回执号", "Receipt number"),
    "id_last4": ("查询码或身份证号后四位", "Query code or last 4 of ID"),
    "id_prompt": ("请输入回执上的8位查询码，或申请人身份证号码的后四位",
                  ("Enter the 8-digit query code on the receipt, or the last four characters of the "
                   "applicant's ID number")),
    "query": ("查询", "Check"),
    "next": ("下一步", "Next"),
    "clear": ("清除", "Clear"),
    "delete": ("删除", "Delete"),
    "applicant": ("申请人", "Applicant"),
    "accepted_on": ("受理日期", "Accepted on"),
    "promised": ("承诺办结", "Promised by"),
    "missing": ("需补正材料", "Still to bring"),
    "ready_hint": ("已办好，请携带回执和身份证到窗口领取", "Ready: bring this receipt and your ID card to a window"),
    "reason": ("原因", "Reason"),
    "rate_prompt": ("请扫描回执二维码，或输入回执号和查询码（或身份证号后四位），对本次办事进行评价",
                    ("Scan your receipt's QR code, or type its number and query code (or the last 4 of "
                     "the ID number), to rate your visit")),
    "rate_question": ("您对本次服务满意吗？", "How satisfied are you with our service?"),
    "reason_prompt": ("请告诉我们不满意的原因（必选或填写）", "Please tell us why (choose or type)"),
    "other_reason": ("其他原因（可输入）", "Other reason (type here)"),
    "submit": ("提交评价", "Submit"),
    "thanks": ("感谢您的评价！", "Thank you for your rating!"),
    "thanks_sub": ("您的意见将帮助我们改进服务", "Your feedback helps us improve"),
    "admin_pin": ("管理员PIN", "Administrator PIN"),
    "wrong_pin": ("PIN 不正确", "Wrong PIN"),
    "ok": ("确定", "OK"),
    "cancel": ("取消", "Cancel"),
    "settings": ("自助机设置", "Kiosk settings"),
    "exit_kiosk": ("退出自助机", "Exit kiosk"),
    "save": ("保存", "Save"),
    "new_pin": ("新PIN（4–12位数字，留空不改）", "New PIN (4–12 digits, empty: unchanged)"),
    "idle": ("无操作返回首页（秒）", "Back home after idle (seconds)"),
    "printer": ("号票打印机", "Ticket printer"),
    "no_printer": ("（不打印，仅保存PDF）", "(none: save PDF only)"),
    "saved": ("已保存", "Saved"),
}


def text(key: str, lang: str = "zh_CN", **kw) -> str:
    zh, en = TEXTS[key]
    value = en if lang == "en" else zh
    return value.format(**kw) if kw else value
