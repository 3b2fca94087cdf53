"""The citizens' kiosk as a service (no Qt), one module per job:

- `proof`     receipt numbers, query codes, the proof and the brute-force locks
- `status`    进度查询: what the kiosk may show about a receipt
- `tickets`   取号 at the kiosk and its slip
- `ratings`   好差评 (the kiosk and the clerk's rating pad)
- `settings`  the kiosk's own settings (PIN hash, idle time, slip printer)
- `errors`    what the citizen is told, in both languages

The clerk's "ready / collected" marks live beside the visits (`counter.item_marks`).

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
"""
from counter.item_marks import (  # the clerk's marks, importable from here as before
    ClerkItem,
    ClerkReceipt,
    can_mark,
    mark_collected,
    mark_in_progress,
    mark_ready,
    receipt_items,
)
from counter.kiosk.errors import (
    KioskError,
    RatingError,
    ReceiptLocked,
    ReceiptNotFound,
    StatusChangeError,
    TerminalLocked,
    WrongIdNumber,
    WrongProof,
)
from counter.kiosk.proof import (
    CODE_LENGTH,
    FAILED,
    LOCK_FOR,
    MAX_WRONG,
    TERMINAL_LOCK_FOR,
    TERMINAL_MAX_FAILED,
    TERMINAL_WINDOW,
    issue_query_code,
    lock_state,
    new_query_code,
    normalise_proof,
    normalise_receipt,
    parse_scan,
    terminal_state,
    with_query_code,
)
from counter.kiosk.ratings import (
    BAD_LEVELS,
    BAD_REASONS,
    RATING_LEVELS,
    level_text,
    rate_visit,
    rated_already,
    start_rating,
)
from counter.kiosk.settings import DEFAULT_PIN, IDLE_SECONDS, KioskSettings, audit_kiosk
from counter.kiosk.status import ItemView, StatusView, lookup_status
from counter.kiosk.tickets import KioskTicket, check_in_at_kiosk, issue_at_kiosk, predicted_wait, slip_data, take_ticket

__all__ = [
    "BAD_LEVELS", "BAD_REASONS", "CODE_LENGTH", "DEFAULT_PIN", "FAILED", "IDLE_SECONDS", "LOCK_FOR", "MAX_WRONG",
    "RATING_LEVELS", "TERMINAL_LOCK_FOR", "TERMINAL_MAX_FAILED", "TERMINAL_WINDOW",
    "ClerkItem", "ClerkReceipt", "ItemView", "KioskError", "KioskSettings", "RatingError", "ReceiptLocked",
    "ReceiptNotFound", "StatusChangeError", "StatusView", "TerminalLocked", "WrongIdNumber", "WrongProof",
    "audit_kiosk", "can_mark", "issue_query_code", "level_text", "lock_state", "lookup_status", "mark_collected",
    "mark_in_progress", "mark_ready", "new_query_code", "normalise_proof", "normalise_receipt", "parse_scan",
    "rate_visit", "rated_already", "receipt_items", "slip_data", "start_rating", "take_ticket", "terminal_state",
    "with_query_code", "KioskTicket", "check_in_at_kiosk", "issue_at_kiosk", "predicted_wait",
]
