"""Proof and locks: the receipt's query code or the ID's last four, every try counted.

A receipt number alone proves nothing (it is printed on paper and sequential). Every kiosk
lookup goes through `prove`, is logged in `kiosk_attempts` and counts toward the per-receipt
and per-terminal locks described in `counter.kiosk`.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from counter import audit
from counter.kiosk.errors import KioskError, ReceiptLocked, ReceiptNotFound, TerminalLocked, WrongProof
from counter.models import KioskAttempt, Receipt, ReceiptCode, Visit

if TYPE_CHECKING:
    from counter.context import AppContext

log = logging.getLogger(__name__)

MAX_WRONG = 5  # failed proofs per receipt number before it is locked
LOCK_FOR = timedelta(minutes=15)
TERMINAL_MAX_FAILED = 20  # failed proofs per kiosk terminal within TERMINAL_WINDOW …
TERMINAL_WINDOW = timedelta(minutes=15)
TERMINAL_LOCK_FOR = timedelta(minutes=15)  # … lock every lookup at that terminal this long
CODE_LENGTH = 8  # digits: the kiosk keypad is digits (and X); nothing to confuse, easy to read out
FAILED = ("wrong", "unknown")


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


def with_query_code(ctx: AppContext, session, data):
    """The receipt's print data with a freshly issued query code (`ReceiptData.query_code`)."""
    return replace(data, query_code=issue_query_code(session, data.receipt_number, ctx.clock.now()))


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


def prove(ctx: AppContext, receipt_number: str, proof: str | None, purpose: str) -> int:
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
                                 else ReceiptLocked(receipt_until or now, now))
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


def _failed(ctx: AppContext, session, attempt, number: str, terminal: str, now: datetime, wrong: int,
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


def visit_for_receipt(session, receipt_number: str) -> Visit:
    number = normalise_receipt(receipt_number)
    receipt = session.scalar(select(Receipt).where(Receipt.number == number)) if number else None
    if receipt is None:
        raise ReceiptNotFound(f"没有找到回执号 {number or '（空）'}，请核对后重新输入",
                              f"No receipt numbered {number or '(empty)'}; check and try again")
    return receipt.visit
