"""The kiosk's domain service without Qt: status lookup, lockout, ratings, ready/collected marks."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from counter import audit, kiosk
from counter.auth import PermissionDenied
from counter.models import AuditEntry, Item, KioskAttempt, Rating, Ticket
from tests.helpers import ID_NUMBER, PHONE, login_clerk, make_visit, print_code

pytestmark = pytest.mark.both_engines  # the same tests on SQLite and PostgreSQL




def items_of(ctx, number):
    return kiosk.receipt_items(ctx, number).items


def test_status_lookup_is_masked_and_bilingual(ctx):
    number = make_visit(ctx, codes=("HZ-08", "JG-A2"))
    view = kiosk.lookup_status(ctx, number, "002x")  # lower-case x is fine
    assert view.name_masked == "欧***"
    assert view.receipt_number == number
    assert [i.code for i in view.items] == ["HZ-08", "JG-A2"]
    first = view.items[0]
    assert first.status == "accepted" and first.status_text.zh_CN == "受理"
    assert first.status_text.en == "Accepted"
    assert first.promised_date is not None
    rendered = repr(view)
    assert ID_NUMBER not in rendered and PHONE not in rendered and "欧阳娜娜" not in rendered


def test_masking_short_name(ctx):
    number = make_visit(ctx, name="张三")
    assert kiosk.lookup_status(ctx, number, "002X").name_masked == "张*"


def test_needs_materials_lists_what_is_missing(ctx):
    procedure = ctx.catalog.get("HZ-08")
    required = [m for m in procedure.materials if m.required]
    number = make_visit(ctx, missing={"HZ-08": [required[0].code]})
    item = kiosk.lookup_status(ctx, number, "002X").items[0]
    assert item.status == "needs_materials" and item.status_text.zh_CN == "需补正"
    assert [m.zh_CN for m in item.missing] == [required[0].name.zh_CN]


def test_materials_brought_later_move_the_item_on(ctx):
    procedure = ctx.catalog.get("HZ-08")
    required = [m for m in procedure.materials if m.required]
    number = make_visit(ctx, missing={"HZ-08": [required[0].code]})
    item_id = items_of(ctx, number)[0].id
    principal = login_clerk(ctx)
    with pytest.raises(kiosk.StatusChangeError):
        kiosk.mark_ready(ctx, item_id, principal)  # not before the missing material is in
    kiosk.mark_in_progress(ctx, item_id, principal)
    shown = kiosk.lookup_status(ctx, number, "002X").items[0]
    assert shown.status == "in_progress" and shown.status_text.zh_CN == "办理中" and not shown.missing
    kiosk.mark_ready(ctx, item_id, principal)
    kiosk.mark_collected(ctx, item_id, principal)
    assert kiosk.lookup_status(ctx, number, "002X").items[0].status == "collected"


def test_rejected_shows_the_reason(ctx):
    number = make_visit(ctx)
    with ctx.sessions.begin() as session:
        item = session.scalars(select(Item)).first()
        item.status, item.status_reason = "rejected", "不符合换领条件"
    item = kiosk.lookup_status(ctx, number, "002X").items[0]
    assert item.status_text.zh_CN == "不予受理" and item.reason == "不符合换领条件"
    assert item.promised_date is None


def test_unknown_receipt_is_answered_like_a_wrong_proof(ctx):
    number = make_visit(ctx)
    with pytest.raises(kiosk.WrongProof) as missing:
        kiosk.lookup_status(ctx, "9999999999999", "1234")
    with pytest.raises(kiosk.WrongProof) as wrong:
        kiosk.lookup_status(ctx, number, "1234")
    assert missing.value.zh_CN == wrong.value.zh_CN and missing.value.en == wrong.value.en
    assert "9999999999999" not in missing.value.zh_CN
    with ctx.sessions() as session:
        assert [(a.receipt_number, a.outcome, a.purpose) for a in session.scalars(
            select(KioskAttempt).order_by(KioskAttempt.id))] == [
            ("9999999999999", "unknown", "status"), (number, "wrong", "status")]


def test_five_wrong_confirmations_lock_the_receipt_for_15_minutes(ctx, clock):
    number = make_visit(ctx)
    for left in (4, 3, 2, 1):
        with pytest.raises(kiosk.WrongProof) as wrong:
            kiosk.lookup_status(ctx, number, "0000")
        assert wrong.value.left == left
    with pytest.raises(kiosk.ReceiptLocked) as locked:
        kiosk.lookup_status(ctx, number, "0000")
    assert locked.value.minutes == 15
    # even the right answer is refused while locked
    clock.advance(minutes=14)
    with pytest.raises(kiosk.ReceiptLocked):
        kiosk.lookup_status(ctx, number, "002X")
    clock.advance(minutes=1, seconds=1)
    assert kiosk.lookup_status(ctx, number, "002X").name_masked == "欧***"
    with ctx.sessions() as session:
        rows = session.scalars(select(KioskAttempt).order_by(KioskAttempt.id)).all()
    assert [r.outcome for r in rows] == ["wrong"] * 5 + ["locked", "ok"]
    assert rows[4].locked_until == rows[4].at + timedelta(minutes=15)
    assert all(r.receipt_number == number for r in rows)
    with ctx.sessions() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "kiosk.locked")).all()
        assert audit.verify(session) is None
    assert len(entries) == 1 and number in entries[0].detail and entries[0].username == "kiosk"


def test_a_right_answer_resets_the_count(ctx):
    number = make_visit(ctx)
    for _ in range(4):
        with pytest.raises(kiosk.WrongProof):
            kiosk.lookup_status(ctx, number, "1111")
    kiosk.lookup_status(ctx, number, "002X")
    with pytest.raises(kiosk.WrongProof) as wrong:
        kiosk.lookup_status(ctx, number, "1111")
    assert wrong.value.left == 4


def test_the_lock_is_per_receipt(ctx):
    first = make_visit(ctx)
    second = make_visit(ctx, name="李四")
    for _ in range(5):
        with pytest.raises(kiosk.KioskError):
            kiosk.lookup_status(ctx, first, "1111")
    assert kiosk.lookup_status(ctx, second, "002X").name_masked == "李*"


def test_mark_ready_then_collected_records_who_and_when(ctx, clock):
    number = make_visit(ctx, codes=("HZ-08",))
    principal = login_clerk(ctx)
    item_id = items_of(ctx, number)[0].id
    clock.advance(days=2)
    item = kiosk.mark_ready(ctx, item_id, principal)
    assert item.status == "ready" and item.status_changed_by == principal.user_id
    assert item.status_changed_at == clock.now()
    assert kiosk.lookup_status(ctx, number, "002X").items[0].status_text.zh_CN == "待领取"
    clock.advance(hours=3)
    kiosk.mark_collected(ctx, item_id, principal)
    shown = items_of(ctx, number)[0]
    assert shown.status == "collected" and shown.changed_by == "李警官" and shown.changed_at == clock.now()
    assert kiosk.lookup_status(ctx, number, "002X").items[0].status_text.zh_CN == "已领取"
    with ctx.sessions() as session:
        trail = session.scalars(select(AuditEntry).where(AuditEntry.action == "item.status")).all()
    assert [(e.username, e.detail.split("-> ")[1]) for e in trail] == [("li", "ready"), ("li", "collected")]


def test_marks_follow_the_order_and_need_a_clerk(ctx):
    number = make_visit(ctx)
    item_id = items_of(ctx, number)[0].id
    with pytest.raises(kiosk.StatusChangeError):
        kiosk.mark_collected(ctx, item_id, login_clerk(ctx))  # not ready yet
    with pytest.raises(PermissionDenied):
        kiosk.mark_ready(ctx, item_id, None)
    kiosk.mark_ready(ctx, item_id, login_clerk(ctx))
    kiosk.mark_ready(ctx, item_id, login_clerk(ctx))  # twice: no error, no change
    assert items_of(ctx, number)[0].status == "ready"


def test_rating_once_per_visit_and_bad_needs_reason(ctx):
    number = make_visit(ctx)
    with pytest.raises(kiosk.RatingError):
        kiosk.rate_visit(ctx, number, 2, "", proof="002X")
    with pytest.raises(kiosk.RatingError):
        kiosk.rate_visit(ctx, number, 6, None, proof="002X")
    assert not kiosk.rated_already(ctx, number, "002X")
    kiosk.rate_visit(ctx, number, 1, "等候时间太长", proof="002X")
    with pytest.raises(kiosk.RatingError) as again:
        kiosk.rate_visit(ctx, number, 5, None, proof="002X")
    assert "已经评价" in again.value.zh_CN
    with ctx.sessions() as session:
        ratings = session.scalars(select(Rating)).all()
    assert [(r.level, r.reason, r.source) for r in ratings] == [(1, "等候时间太长", "kiosk")]
    assert kiosk.rated_already(ctx, number, "002X")


def test_take_ticket_is_from_the_kiosk(ctx):
    issued = kiosk.take_ticket(ctx, "B")
    assert issued.code == "B001" and issued.source == "kiosk"
    with ctx.sessions() as session:
        assert session.scalar(select(Ticket.source)) == "kiosk"
    data = kiosk.slip_data(ctx, issued)
    assert data.ticket_code == "B001" and "交管" in data.category_label


def test_settings_store_only_a_hash_of_the_pin(tmp_path):
    path = tmp_path / "settings.toml"
    settings = kiosk.KioskSettings.load(path)
    assert settings.check_pin("123456") and not settings.check_pin("654321")
    assert "123456" not in path.read_text()
    settings.set_pin("2468")
    again = kiosk.KioskSettings.load(path)
    assert again.check_pin("2468") and not again.check_pin("123456")
    with pytest.raises(kiosk.KioskError):
        settings.set_pin("12ab")


# ----------------------------------------------------------------------------- proof (issue 17)


def attempts(ctx) -> list[tuple[str, str, str | None]]:
    with ctx.sessions() as session:
        return [(a.receipt_number, a.outcome, a.purpose)
                for a in session.scalars(select(KioskAttempt).order_by(KioskAttempt.id))]


def test_a_rating_forged_with_only_the_receipt_number_fails_and_is_counted(ctx):
    number = make_visit(ctx)
    for proof in (None, "", "1234"):
        with pytest.raises(kiosk.WrongProof):
            kiosk.rate_visit(ctx, number, 1, "服务态度不好", proof=proof)
    with pytest.raises(kiosk.WrongProof):
        kiosk.rated_already(ctx, number, None)
    with pytest.raises(kiosk.ReceiptLocked):  # the fifth failure locks the receipt …
        kiosk.start_rating(ctx, number, "")
    with pytest.raises(kiosk.ReceiptLocked):  # … even for the right proof
        kiosk.rate_visit(ctx, number, 1, "服务态度不好", proof="002X")
    with ctx.sessions() as session:
        assert session.scalar(select(Rating)) is None
    assert attempts(ctx) == [(number, "wrong", "rating")] * 5 + [(number, "locked", "rating")]


def test_the_pad_needs_the_clerks_session_not_a_proof(ctx):
    number = make_visit(ctx)
    with pytest.raises(kiosk.RatingError):
        kiosk.rate_visit(ctx, number, 5, source="pad")  # no clerk: refused
    kiosk.rate_visit(ctx, number, 4, source="pad", principal=login_clerk(ctx))
    with ctx.sessions() as session:
        assert [(r.level, r.source) for r in session.scalars(select(Rating))] == [(4, "pad")]
        trail = session.scalars(select(AuditEntry).where(AuditEntry.action == "rating.pad")).all()
    assert [e.username for e in trail] == ["li"] and "level=4" in trail[0].detail
    assert attempts(ctx) == []  # not a kiosk lookup


def test_status_and_rating_with_the_query_code_or_the_last_4(ctx):
    first, second = make_visit(ctx), make_visit(ctx, name="李四")
    code = print_code(ctx, first)
    assert len(code) == kiosk.CODE_LENGTH and code.isdigit()
    assert kiosk.lookup_status(ctx, first, code).name_masked == "欧***"
    assert kiosk.lookup_status(ctx, first, f"{code[:4]} {code[4:]}").receipt_number == first  # as printed
    assert kiosk.lookup_status(ctx, second, "002x").name_masked == "李*"
    with pytest.raises(kiosk.WrongProof):
        kiosk.lookup_status(ctx, second, code)  # one receipt's code opens no other
    kiosk.start_rating(ctx, first, code)
    kiosk.rate_visit(ctx, first, 5, proof=code)
    kiosk.start_rating(ctx, second, "002X")
    kiosk.rate_visit(ctx, second, 3, proof="002X")
    with pytest.raises(kiosk.RatingError) as again:
        kiosk.start_rating(ctx, first, code)
    assert "已经评价" in again.value.zh_CN
    with ctx.sessions() as session:
        assert sorted(r.level for r in session.scalars(select(Rating))) == [3, 5]


def test_only_a_salted_hash_of_the_code_is_stored(ctx):
    from counter.models import ReceiptCode

    number = make_visit(ctx)
    code = print_code(ctx, number)
    with ctx.sessions() as session:
        row = session.scalar(select(ReceiptCode))
    assert code not in (row.salt, row.code_hash) and len(row.code_hash) == 64 and len(row.salt) == 32


def test_a_reprint_issues_a_new_code_and_the_old_one_stops_working(ctx):
    from counter.models import ReceiptCode
    from counter.visits import receipt_data, render_receipt_pdf

    number = make_visit(ctx)
    render_receipt_pdf(ctx, number)  # the first print issues a code
    with ctx.sessions() as session:
        first_hash = session.scalar(select(ReceiptCode.code_hash))
    assert first_hash is not None
    old = print_code(ctx, number)  # stands for the code on the paper in the citizen's hand
    assert kiosk.lookup_status(ctx, number, old).receipt_number == number
    render_receipt_pdf(ctx, number, reprint=True)
    with pytest.raises(kiosk.WrongProof):
        kiosk.lookup_status(ctx, number, old)
    assert kiosk.lookup_status(ctx, number, "002X").receipt_number == number  # the last 4 still work
    with ctx.sessions.begin() as session:  # what the print path hands the receipt renderer
        data = kiosk.with_query_code(ctx, session, receipt_data(session, ctx.catalog, number))
    assert len(data.query_code) == kiosk.CODE_LENGTH
    assert kiosk.lookup_status(ctx, number, data.query_code).receipt_number == number
    with ctx.sessions() as session:
        assert session.scalars(select(ReceiptCode)).all()[0].code_hash not in (first_hash, None)


def test_sixty_sequential_guesses_are_locked_out_and_never_reveal_existence(ctx, clock):
    real = {make_visit(ctx), make_visit(ctx, name="李四"), make_visit(ctx, name="王五")}
    prefix = min(real)[:-4]
    guesses = [f"{prefix}{n:04d}" for n in range(1, 61)]
    answers = {}
    for number in guesses:
        with pytest.raises(kiosk.KioskError) as refused:
            kiosk.rate_visit(ctx, number, 1, "等候时间太长", proof="0000")
        answers[number] = (type(refused.value), refused.value.zh_CN, refused.value.en)
    assert real <= set(guesses)
    first_lock = kiosk.TERMINAL_MAX_FAILED - 1
    for i, number in enumerate(guesses):
        expected = kiosk.WrongProof if i < first_lock else kiosk.TerminalLocked
        assert answers[number][0] is expected, (i, number)
    # an existing number and a missing one get the same words, before and after the lock
    before = {answers[n] for n in guesses[:first_lock]}
    after = {answers[n] for n in guesses[first_lock:]}
    assert len(before) == 1 and len(after) == 1
    with ctx.sessions() as session:
        rows = session.scalars(select(KioskAttempt).order_by(KioskAttempt.id)).all()
        assert session.scalar(select(Rating)) is None
        locks = session.scalars(select(AuditEntry).where(AuditEntry.action == "kiosk.terminal_locked")).all()
    assert len(rows) == 60 and len(locks) == 1
    assert [r.outcome for r in rows[first_lock + 1:]] == ["locked"] * (60 - first_lock - 1)
    assert rows[first_lock].terminal_locked_until == clock.now() + kiosk.TERMINAL_LOCK_FOR
    # even the right proof is refused at this kiosk while it is locked …
    with pytest.raises(kiosk.TerminalLocked):
        kiosk.lookup_status(ctx, min(real), "002X")
    clock.advance(minutes=15, seconds=1)  # … and accepted after it
    assert kiosk.lookup_status(ctx, min(real), "002X").receipt_number == min(real)


def test_the_terminal_lock_is_per_terminal(ctx, db_url, clock):
    from counter.config import Config
    from counter.context import AppContext

    number = make_visit(ctx)
    for n in range(kiosk.TERMINAL_MAX_FAILED):
        with pytest.raises(kiosk.KioskError):
            kiosk.lookup_status(ctx, f"26112300{n:05d}", "1234")
    with pytest.raises(kiosk.TerminalLocked):
        kiosk.lookup_status(ctx, number, "002X")
    other = AppContext.open(Config(database_url=db_url, terminal="kiosk-2"), clock=clock)
    try:
        assert kiosk.lookup_status(other, number, "002X").receipt_number == number
    finally:
        other.close()


def test_failures_spread_out_do_not_lock_the_terminal(ctx, clock):
    number = make_visit(ctx)
    for n in range(3 * kiosk.TERMINAL_MAX_FAILED):  # one mistyped number a minute, for an hour
        with pytest.raises(kiosk.WrongProof):
            kiosk.lookup_status(ctx, f"26112300{n:05d}", "1234")
        clock.advance(minutes=1)
    assert kiosk.lookup_status(ctx, number, "002X").receipt_number == number


def test_a_missing_number_locks_like_an_existing_one(ctx):
    number = make_visit(ctx)
    seen = {}
    for receipt in (number, "2611230019999"):
        seen[receipt] = []
        for _ in range(kiosk.MAX_WRONG + 1):
            with pytest.raises(kiosk.KioskError) as refused:
                kiosk.lookup_status(ctx, receipt, "1234")
            seen[receipt].append((type(refused.value), refused.value.zh_CN))
    assert seen[number] == seen["2611230019999"]
    assert seen[number][-1][0] is kiosk.ReceiptLocked


def test_a_scanned_qr_carries_the_number_and_the_code():
    assert kiosk.parse_scan("2611230010017-12345678") == ("2611230010017", "12345678")
    assert kiosk.parse_scan(" 2611230010017\n") == ("2611230010017", None)
    assert kiosk.parse_scan("") == ("", None)
    assert kiosk.normalise_proof(" 1234 5678 ") == "12345678" and kiosk.normalise_proof("002x") == "002X"
