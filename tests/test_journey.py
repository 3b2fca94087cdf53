"""Issue 19, after the visit: arrivals, the notices outbox, delivery by post, the uncollected
list and the follow-ups of bad ratings — the services, on SQLite and PostgreSQL."""
from __future__ import annotations

import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from counter.journey import (
    arrivals,
    delivery,
    followups,
    notices,
    settings,
    uncollected,
)
from counter.journey.common import JourneyError
from counter.journey.gateways import FileGateway, HttpGateway
from counter.models import Arrival, Delivery, FollowUp, Item, Notice, Role
from tests.journey_fixtures import (
    items_of,
    local_sms_server,
    principal,
    rate,
    user,
    visit,
)

pytestmark = pytest.mark.both_engines
ID_CARD = ("HZ-07", "accepted", {"pickup": "station"})


@pytest.fixture
def sms_server():
    yield from local_sms_server()


@pytest.fixture
def clerk_id(ctx):
    uid = user(ctx)
    ctx.principal = principal(ctx, uid)
    return uid


def configure(ctx, **values):
    """Station settings as the console would set them (a clerk may not)."""
    who, ctx.principal = ctx.principal, None
    try:
        return settings.save(ctx, **values)
    finally:
        ctx.principal = who


def notices_of(ctx, item_id=None):
    with ctx.sessions() as session:
        query = select(Notice).order_by(Notice.id)
        if item_id is not None:
            query = query.where(Notice.item_id == item_id)
        rows = list(session.scalars(query))
        session.expunge_all()
        return rows


# ------------------------------------------------------------------------------------ arrivals

def test_a_batch_makes_document_items_ready_and_lists_the_refused(ctx, clerk_id):
    good = visit(ctx, clerk_id, [ID_CARD, ("HZ-01", "accepted", {})])
    second = visit(ctx, clerk_id, [("JG-C1", "in_progress", {"pickup": "station"})])
    ready = visit(ctx, clerk_id, [("HZ-07", "ready", {})])
    plain = visit(ctx, clerk_id, [("HZ-01", "accepted", {})])
    rejected = visit(ctx, clerk_id, [("HZ-08", "rejected", {})])
    scans = [good, " " + second + " ", good, "999999999999", ready, plain, rejected]
    preview = arrivals.check(ctx, scans)
    assert [v.ok for v in preview] == [True, True, False, False, False, False, False]
    assert items_of(ctx, good)[0].status == "accepted"  # checking changes nothing

    result = arrivals.register(ctx, scans)
    assert [v.number for v in result.registered] == [good, second]
    reasons = {v.number: v.reason_zh for v in result.refused}
    assert reasons == {good: "本批重复扫描", "999999999999": "回执号不存在", ready: "已到证登记（待领取）",
                       plain: "回执上没有需到证的证件", rejected: "状态为“不予受理”，不能到证登记"}
    card, birth = items_of(ctx, good)
    assert (card.status, birth.status) == ("ready", "accepted")
    assert items_of(ctx, second)[0].status == "ready"
    with ctx.sessions() as session:
        arrival = session.scalar(select(Arrival).where(Arrival.item_id == card.id))
        assert arrival.arrived_on == date(2026, 11, 23) and arrival.clerk_id == clerk_id
    [notice] = notices_of(ctx, card.id)
    assert notice.status == "queued" and notice.phone == "13800138000" and notice.kind == "ready"
    assert good in notice.text and "领取" in notice.text and "身份证件" in notice.text
    assert result.notices == 2


def test_scanned_numbers_are_cleaned():
    assert arrivals.normalise(" 2611230010001|12345678\r") == "2611230010001"
    assert arrivals.normalise("\x1b[31m99") == "31M99"
    assert len(arrivals.normalise("9" * 10_000)) == 32


def test_registering_the_same_receipt_again_is_refused(ctx, clerk_id):
    number = visit(ctx, clerk_id, [ID_CARD])
    arrivals.register(ctx, [number])
    again = arrivals.register(ctx, [number])
    assert not again.registered and again.refused[0].reason_en.startswith("Registered already")
    assert len(notices_of(ctx)) == 1


def test_a_failing_batch_leaves_nothing_half_done(ctx, clerk_id, monkeypatch):
    first, second = visit(ctx, clerk_id, [ID_CARD]), visit(ctx, clerk_id, [ID_CARD])
    real, calls = notices.queue_in, []

    def breaks_on_the_second(*args, **kw):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(*args, **kw)

    monkeypatch.setattr(notices, "queue_in", breaks_on_the_second)
    with pytest.raises(RuntimeError):
        arrivals.register(ctx, [first, second])
    assert [i.status for n in (first, second) for i in items_of(ctx, n)] == ["accepted", "accepted"]
    with ctx.sessions() as session:
        assert session.scalar(select(func.count(Arrival.id))) == 0
    assert notices_of(ctx) == []


def test_no_phone_number_is_a_failed_notice_in_the_outbox(ctx, clerk_id):
    number = visit(ctx, clerk_id, [ID_CARD], phone="")
    arrivals.register(ctx, [number])
    [notice] = notices_of(ctx)
    assert notice.status == "failed" and "no phone" in notice.last_error


# ------------------------------------------------------------------------------------- notices

def test_the_file_gateway_sends_each_notice_once(ctx, clerk_id, tmp_path):
    arrivals.register(ctx, [visit(ctx, clerk_id, [ID_CARD]), visit(ctx, clerk_id, [ID_CARD], phone="13900139000")])
    gateway = FileGateway(tmp_path / "sms.jsonl")
    report = notices.send_due(ctx, gateway)
    assert (report.sent, report.retrying, report.failed) == (2, 0, 0)
    again = notices.send_due(ctx, gateway)
    assert again.sent == 0
    lines = gateway.sent()
    assert [line["to"] for line in lines] == ["13800138000", "13900139000"]
    assert lines[0]["id"] == f"{ctx.station.code}-{notices_of(ctx)[0].id}"
    assert all(n.status == "sent" and n.attempts == 1 and n.sent_at == ctx.clock.now() for n in notices_of(ctx))


def test_no_gateway_leaves_notices_queued(ctx, clerk_id):
    arrivals.register(ctx, [visit(ctx, clerk_id, [ID_CARD])])
    assert notices.send_due(ctx).no_gateway
    assert notices_of(ctx)[0].status == "queued"


def test_the_http_gateway_retries_with_backoff_then_sends(ctx, clerk_id, sms_server, clock):
    url, handler = sms_server
    configure(ctx, sms_gateway="http", sms_url=url, sms_token="s3cret", sms_signature="【示范派出所】")
    arrivals.register(ctx, [visit(ctx, clerk_id, [ID_CARD])])
    handler.answers[:] = [503, 500]
    first = notices.send_due(ctx)
    assert first.retrying == 1
    [notice] = notices_of(ctx)
    assert (notice.status, notice.attempts, notice.last_error) == ("queued", 1, "HTTP 503 Service Unavailable")
    assert notice.next_try_at == clock.now() + timedelta(minutes=1)
    assert notices.send_due(ctx).sent == 0  # not due yet: nothing posted
    assert len(handler.received) == 1
    clock.advance(minutes=1)
    notices.send_due(ctx)
    assert notices_of(ctx)[0].next_try_at == clock.now() + timedelta(minutes=5)
    clock.advance(minutes=5)
    assert notices.send_due(ctx).sent == 1
    [notice] = notices_of(ctx)
    assert (notice.status, notice.attempts, notice.gateway_id, notice.last_error) == ("sent", 3, "gw-3", None)
    body, auth = handler.received[-1]
    assert auth == "Bearer s3cret" and body["to"] == "13800138000" and body["text"].startswith("【示范派出所】")
    clock.advance(hours=1)
    notices.send_due(ctx)
    assert len(handler.received) == 3  # a sent row is never sent again


def test_a_refusal_fails_at_once_and_retries_end(ctx, clerk_id, sms_server, clock):
    url, handler = sms_server
    arrivals.register(ctx, [visit(ctx, clerk_id, [ID_CARD]), visit(ctx, clerk_id, [ID_CARD])])
    handler.answers[:] = [401] + [500] * 10
    gateway = HttpGateway(url, "wrong")
    notices.send_due(ctx, gateway)
    refused, flaky = notices_of(ctx)
    assert refused.status == "failed" and refused.attempts == 1 and "401" in refused.last_error
    for _ in range(notices.MAX_ATTEMPTS):
        clock.advance(hours=5)
        notices.send_due(ctx, gateway)
    flaky = notices_of(ctx)[1]
    assert (flaky.status, flaky.attempts) == ("failed", notices.MAX_ATTEMPTS)


def test_an_unreachable_gateway_is_retried(ctx, clerk_id):
    arrivals.register(ctx, [visit(ctx, clerk_id, [ID_CARD])])
    report = notices.send_due(ctx, HttpGateway("http://127.0.0.1:9/sms", timeout=2))
    assert report.retrying == 1 and notices_of(ctx)[0].status == "queued"


def test_collection_closes_the_notice_trail(ctx, clerk_id):
    from counter import kiosk

    number = visit(ctx, clerk_id, [ID_CARD])
    arrivals.register(ctx, [number])
    item_id = items_of(ctx, number)[0].id
    kiosk.mark_collected(ctx, item_id, ctx.principal)
    report = notices.send_due(ctx, FileGateway())
    assert report.closed == 1 and report.sent == 0
    [notice] = notices_of(ctx)
    assert notice.status == "cancelled" and notice.closed_at is not None


def test_the_hand_out_closes_the_trail_in_its_own_transaction(ctx, clerk_id):
    from counter import handout

    number = visit(ctx, clerk_id, [ID_CARD])
    arrivals.register(ctx, [number])
    notices.send_due(ctx, FileGateway())
    item_id = items_of(ctx, number)[0].id
    collect = visit(ctx, clerk_id, [("HZ-17", "accepted", {"receipt_number": number})])
    with ctx.sessions.begin() as session:
        from counter.models import Receipt

        hv = session.scalar(select(Receipt).where(Receipt.number == collect)).visit
        handout.record(ctx, session, hv, [handout.Handout(0, number, (item_id,), "张三", "110105199001011234",
                                                          False, None)], ctx.principal, ctx.clock.now())
    [notice] = notices_of(ctx)
    assert notice.status == "sent" and notice.closed_at == ctx.clock.now()
    assert items_of(ctx, number)[0].status == "collected"


def test_an_item_marked_ready_in_the_status_dialog_gets_its_notice(ctx, clerk_id, clock):
    from counter import kiosk

    old = visit(ctx, clerk_id, [("HZ-07", "ready", {})])  # ready before this feature: no SMS now
    with ctx.sessions.begin() as session:
        session.get(Item, items_of(ctx, old)[0].id).status_changed_at = clock.now() - timedelta(days=30)
    number = visit(ctx, clerk_id, [ID_CARD, ("HZ-01", "accepted", {})])
    card, birth = items_of(ctx, number)
    kiosk.mark_ready(ctx, card.id, ctx.principal)
    kiosk.mark_ready(ctx, birth.id, ctx.principal)  # not a document made elsewhere
    report = notices.send_due(ctx, FileGateway())
    assert (report.adopted, report.sent) == (1, 1)
    [notice] = notices_of(ctx)
    assert notice.item_id == card.id and notice.status == "sent"
    with ctx.sessions() as session:
        arrival = session.scalar(select(Arrival))
        assert (arrival.item_id, arrival.batch, arrival.arrived_on) == (card.id, "marked-ready", date(2026, 11, 23))
    assert notices.send_due(ctx, FileGateway()).adopted == 0


def test_the_kiosk_text_for_a_ready_item(ctx):
    state, where, bring = notices.ready_text(ctx, "示范派出所")
    assert state == "可领取" and where == "示范派出所" and "回执" in bring
    assert notices.ready_text(ctx, "X", "en")[0] == "Ready for collection"


# ------------------------------------------------------------------------------------ delivery

def test_posting_records_a_checked_address_and_the_tracking_number(ctx, clerk_id):
    configure(ctx, postage=Decimal("12.5"))
    number = visit(ctx, clerk_id, [("HZ-07", "accepted", {"pickup": "post", "post_address": "朝阳区某路1号"})])
    with pytest.raises(JourneyError, match="Division code 110199"):
        delivery.record_address(ctx, number, "110199", "某路1号")
    with pytest.raises(JourneyError):
        delivery.record_address(ctx, number, "110100", "某路1号")  # a city, not a district
    assert delivery.record_address(ctx, number, "110105", "建国路 1号") == 1
    with pytest.raises(JourneyError, match="not arrived"):
        delivery.mark_sent(ctx, number, "SF1234567890")
    arrivals.register(ctx, [number])
    [ready_notice] = notices_of(ctx)
    assert "邮寄" in ready_notice.text
    assert delivery.mark_sent(ctx, number, "sf1234567890") == 1
    [item] = items_of(ctx, number)
    assert item.status == "posted"
    with ctx.sessions() as session:
        row = session.scalar(select(Delivery))
        assert (row.division_code, row.address, row.postage, row.tracking_number) == (
            "110105", "建国路 1号", Decimal("12.50"), "SF1234567890")
    first, posted = notices_of(ctx)
    assert first.status == "cancelled" and first.closed_at is not None
    assert posted.kind == "posted" and posted.status == "queued" and "SF1234567890" in posted.text
    with pytest.raises(JourneyError, match="posted already"):
        delivery.mark_sent(ctx, number, "SF1234567890")
    view = delivery.view(ctx, number)
    assert view.items[0].status_text == "已寄出" and view.postage_setting == Decimal("12.50")
    assert delivery.full_address("110105", "建国路1号") == "北京市朝阳区建国路1号"


def test_posting_needs_an_address_and_a_post_item(ctx, clerk_id):
    number = visit(ctx, clerk_id, [("HZ-07", "accepted", {"pickup": "post"})])
    arrivals.register(ctx, [number])
    with pytest.raises(JourneyError, match="address first"):
        delivery.mark_sent(ctx, number, "SF1234567890")
    with pytest.raises(JourneyError, match="no item to post"):
        delivery.view(ctx, visit(ctx, clerk_id, [ID_CARD]))
    with pytest.raises(JourneyError, match="tracking number"):
        delivery.mark_sent(ctx, number, "号")


# --------------------------------------------------------------------------------- uncollected

def test_items_ready_too_long_are_listed_and_reminded(ctx, clerk_id):
    old, recent = visit(ctx, clerk_id, [ID_CARD], name="李四"), visit(ctx, clerk_id, [ID_CARD])
    arrivals.register(ctx, [old], arrived_on=date(2026, 8, 1))
    arrivals.register(ctx, [recent], arrived_on=date(2026, 11, 1))
    rows = uncollected.list_items(ctx)
    assert [(r.receipt_number, r.days, r.name_masked) for r in rows] == [(old, 114, "李*")]
    assert [r.receipt_number for r in uncollected.list_items(ctx, days=10)] == [old, recent]
    configure(ctx, uncollected_days=10)
    assert len(uncollected.list_items(ctx)) == 2
    notice_id = uncollected.remind(ctx, rows[0].item_id)
    uncollected.note(ctx, rows[0].item_id, "电话空号，已联系社区")
    [row] = [r for r in uncollected.list_items(ctx) if r.receipt_number == old]
    assert row.reminded_at == ctx.clock.now() and row.note == "电话空号，已联系社区"
    reminder = next(n for n in notices_of(ctx) if n.id == notice_id)
    assert reminder.kind == "reminder" and "114天" in reminder.text


# ---------------------------------------------------------------------------------- follow-ups

def test_a_bad_rating_opens_a_case_with_a_working_day_deadline(ctx, clerk_id, clock):
    manager = user(ctx, "zhang", Role.MANAGER)
    other = user(ctx, "zhao", Role.MANAGER)
    ctx.principal = principal(ctx, manager)
    bad = visit(ctx, clerk_id, [ID_CARD])
    rate(ctx, bad, 2, "材料要求不清楚")
    rate(ctx, visit(ctx, clerk_id, [ID_CARD]), 5, None)
    rate(ctx, visit(ctx, clerk_id, [ID_CARD]), 1, "服务态度不好", source="pad")
    assert followups.sync(ctx) == 2
    assert followups.sync(ctx) == 0
    cases = followups.cases(ctx)
    assert [c.due_on for c in cases] == [date(2026, 11, 26)] * 2  # Monday + 3 working days
    assert not followups.overdue(ctx)
    with pytest.raises(JourneyError, match="what was changed"):
        followups.close(ctx, cases[0].id, "材料清单看不懂", "")
    with pytest.raises(JourneyError):
        followups.reassign(ctx, cases[0].id, clerk_id)  # a clerk is not a manager
    followups.reassign(ctx, cases[1].id, other)
    done = followups.close(ctx, cases[0].id, "材料清单看不懂", "窗口张贴了图示清单")
    assert done.answered_in_time is True and done.closed_at == clock.now()
    clock.advance(days=4)  # Friday 27th: past Thursday's deadline
    [late] = followups.overdue(ctx)
    assert late.id == cases[1].id and late.assignee == "zhao警官"
    from counter import overtime

    [alert] = [a for a in overtime.hall_alerts_now(ctx) if a.kind == "followup"]  # the manager's today view
    assert alert.subject == late.receipt_number and "好差评回访逾期" in alert.text.zh_CN
    summary = followups.summary(followups.cases(ctx))
    assert (summary.bad, summary.closed, summary.in_time, summary.overdue) == (2, 1, 1, 1)
    assert dict(summary.reasons) == {"材料要求不清楚": 1, "服务态度不好": 1}
    with ctx.sessions() as session:
        assert session.scalar(select(func.count(FollowUp.id))) == 2


def test_clerks_cannot_close_follow_ups(ctx, clerk_id):
    from counter.auth import PermissionDenied

    rate(ctx, visit(ctx, clerk_id, [ID_CARD]), 1)
    [case] = followups.cases(ctx)
    with pytest.raises(PermissionDenied):
        followups.close(ctx, case.id, "a", "b")


def test_settings_are_checked(ctx):
    with pytest.raises(JourneyError):
        settings.save(ctx, sms_gateway="http", sms_url="ftp://x")
    with pytest.raises(JourneyError):
        settings.save(ctx, postage="abc")
    with pytest.raises(JourneyError):
        settings.save(ctx, uncollected_days=0)
    saved = settings.save(ctx, postage="8", followup_working_days=5)
    assert settings.load(ctx) == saved and saved.postage == Decimal("8.00")


def test_two_terminals_sending_at_once_send_each_notice_once(ctx, clerk_id, db_url, clock):
    from counter.config import Config
    from counter.context import AppContext

    numbers = [visit(ctx, clerk_id, [ID_CARD], phone=f"139{n:08d}") for n in range(12)]
    arrivals.register(ctx, numbers)
    seen, lock = [], threading.Lock()

    class Recording:
        def send(self, sms):
            with lock:
                seen.append(sms.id)
            return sms.id

    def terminal():
        other = AppContext.open(Config(database_url=ctx.config.database_url), clock=clock)
        try:
            for _ in range(3):
                notices.send_due(other, Recording(), limit=4)
        finally:
            other.close()

    threads = [threading.Thread(target=terminal) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(seen) == sorted(set(seen)) and len(seen) == 12
    assert all(n.status == "sent" and n.attempts == 1 for n in notices_of(ctx))
