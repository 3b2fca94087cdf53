"""Helpers shared by several test modules (fixtures live in conftest.py; Qt driving in qt_helpers.py).

Builders of data through the real services (a finished visit, a logged-in clerk), the CLI run
as a process or in-process, the audit trail's adversary, a valid filling of any procedure.
"""
from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select

from counter import audit, kiosk
from counter.auth import Principal, create_user, login
from counter.catalog import load_catalog
from counter.cli import main
from counter.forms.engine import Form, procedure_form
from counter.forms.flow import VisitFlow
from counter.forms.spec import FieldSpec
from counter.forms.trial import fill_examples
from counter.models import Role, User
from counter.printing.documents import ReceiptData, ReceiptLine, TicketSlipData
from counter.visits import finish_visit

ROOT = Path(__file__).resolve().parent.parent
ID_NUMBER = "11010519491231002X"  # a valid number: female, born 1949-12-31
PHONE = "13812345678"


CATALOG = load_catalog()


TODAY = date(2026, 11, 23)


IDENTITY = {"name": "张三", "id_number": "11010519491231002X", "sex": "F", "phone": "13812345678",
            "address": "北京市朝阳区建国路1号", "proxy": False}


VALID = {
    "text": "测试内容", "name": "阿不都赛买提·木合麦提", "id_number": "11010519491231002X",
    "phone": "13812345678", "plate": "浙A12345", "vin": "LATPAB071W1005301", "address": "浙江省平湖市当湖街道1号",
    "licence_file_number": "330100123456", "licence_classes": "C1", "date": TODAY.isoformat(), "yes_no": True,
}


def login_clerk(ctx):
    """Clerk `li`, created once per database and logged in; returns the principal."""
    """A logged-in clerk principal (created once per database)."""
    station_id = ctx.station.id  # resolved before the write transaction (it may create the row)
    with ctx.sessions.begin() as session:
        if session.scalar(select(User).where(User.username == "li")) is None:
            create_user(session, ctx.clock, station_id=station_id, username="li", display_name="李警官",
                        role=Role.CLERK, password="Clerk@2026", must_change=False)
    with ctx.sessions() as session:
        return login(session, ctx.clock, "li", "Clerk@2026")


def make_visit(ctx, *, name="欧阳娜娜", id_number=ID_NUMBER, phone=PHONE, codes=("HZ-08",),
               missing: dict[str, list[str]] | None = None) -> str:
    """A finished visit through the real flow; returns its receipt number.

    `missing` maps a procedure code to material codes left missing (the item is then 需补正).
    """
    principal = login_clerk(ctx)
    flow = VisitFlow(ctx.catalog, ctx.clock.now, today=ctx.clock.today())
    for field, value in {"name": name, "id_number": id_number, "sex": "F", "phone": phone,
                         "address": "北京市朝阳区建国路1号"}.items():
        flow.identity.set(field, value)
    flow.choose(list(codes))
    for draft in flow.items:
        fill_examples(draft.form, flow.today)  # finish_visit re-checks every page
        left = (missing or {}).get(draft.procedure.code, [])
        draft.materials = {m.code: ("missing" if m.code in left else "received")
                           for m in draft.procedure.materials}
    done = finish_visit(ctx, flow, principal)
    return done.receipt_number


def print_code(ctx, number) -> str:
    """The query code printed on the receipt: what a print issues (the plaintext, once)."""
    with ctx.sessions.begin() as session:
        return kiosk.issue_query_code(session, number, ctx.clock.now())


def make_flow(ctx, codes=("HZ-08", "JG-A2"), ticket_id=None) -> VisitFlow:
    flow = VisitFlow(ctx.catalog, ctx.clock.now, today=ctx.clock.today())
    for field, value in {"name": "张三", "id_number": ID_NUMBER, "sex": "F", "phone": "13812345678",
                         "address": "北京市朝阳区建国路1号"}.items():
        flow.identity.set(field, value)
    flow.choose(list(codes))
    for draft in flow.items:
        fill_examples(draft.form, flow.today)  # finish_visit re-checks every page
        draft.materials = {m.code: "received" for m in draft.procedure.materials}
    flow.ticket_id = ticket_id
    return flow


def principal(ctx, username: str, role: Role) -> Principal:
    station_id = ctx.station.id
    with ctx.sessions.begin() as session:
        create_user(session, ctx.clock, station_id=station_id, username=username, display_name=username,
                    role=role, password="Passw0rd!", must_change=False)
    with ctx.sessions() as session:
        return login(session, ctx.clock, username, "Passw0rd!")


def visit_flow(ctx):
    f = VisitFlow(ctx.catalog, ctx.clock.now, today=ctx.clock.today())
    for field, value in {"name": "张三", "id_number": ID_NUMBER, "sex": "F", "phone": "13812345678",
                         "address": "北京市朝阳区建国路1号"}.items():
        f.identity.set(field, value)
    f.choose(["HZ-08"])
    for draft in f.items:
        fill_examples(draft.form, f.today)  # finish_visit re-checks every page
        draft.materials = {m.code: "received" for m in draft.procedure.materials}
    return f


def run_cli(*args, stdin: str | None = None, url: str | None = None, env_extra=None):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env_extra or {})}
    cmd = [sys.executable, str(ROOT / "main.py")]
    if url:
        cmd += ["--database", url]
    return subprocess.run([*cmd, *args], input=stdin, capture_output=True, text=True, env=env, timeout=120,
                          cwd=ROOT)


def run_main(argv: list[str], stdin: bytes = b"Clerk@2026x\n") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:
                code = exc.code
    finally:
        sys.stdin = old
    return code, out.getvalue(), err.getvalue()


def fill(ctx, clock, n=6):
    _ = ctx.station  # resolved (and created) before the write transaction
    with ctx.sessions.begin() as session:
        for i in range(n):
            audit.log(ctx, session, "citizen.search", f"查询 #{i} 🙂 \x07 '; DROP TABLE audit_log; --")
            clock.advance(minutes=1)


def raw(ctx, sql: str, *params):
    """The inspector's adversary: edits the database directly with SQL, bypassing the program."""
    from sqlalchemy import create_engine

    engine = create_engine(ctx.engine.url)  # a plain connection: none of the program's hooks
    paramstyle = "?" if engine.dialect.name == "sqlite" else "%s"
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":  # a superuser can switch triggers and foreign keys off
            conn.exec_driver_sql("SET session_replication_role = replica")
        else:  # whoever holds the file can drop the write-once triggers first
            conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_update")
            conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_delete")
        conn.exec_driver_sql(sql.replace("?", paramstyle), tuple(params))
    engine.dispose()


def fonts_of(pdf: bytes) -> list[dict]:
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page["/Resources"].get_object()
        for font in resources["/Font"].get_object().values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            found.append({
                "base": str(font["/BaseFont"]),
                "subtype": str(font["/Subtype"]),
                "embedded": descriptor is not None and "/FontFile2" in descriptor.get_object(),
            })
    return found


def valid_value(spec: FieldSpec):
    if spec.pattern and spec.placeholder.zh_CN:
        return spec.placeholder.zh_CN
    if spec.type == "choice":
        return spec.options[0].value
    if spec.type == "multi_choice":
        return [spec.options[0].value]
    if spec.type in ("number", "amount"):
        low = spec.min if spec.min is not None else 1
        return str(max(low, 1) if spec.max is None or spec.max >= 1 else low)
    return VALID[spec.type]


# where the law needs more than "any valid value" (rules-review.md): six months' residence for a
# residence permit; a school bus driver aged 25 to 60 (this one born 1986)
LAWFUL = {"HZ-15": {"living_since": "2026-01-01"}}


LAWFUL_IDENTITY = {"JG-C8": {"id_number": "110105198601010028", "sex": "F"}}


def identity(code: str = "") -> Form:
    form = Form((CATALOG.identity,), today=TODAY)
    for key, value in {**IDENTITY, **LAWFUL_IDENTITY.get(code, {})}.items():
        form.set(key, value)
    return form


def filled(procedure) -> Form:
    form = procedure_form(procedure, identity(procedure.code).values, TODAY)
    for spec in procedure.all_fields():
        if spec.id not in form.raw or spec.default is None:
            form.set(spec.id, LAWFUL.get(procedure.code, {}).get(spec.id) or valid_value(spec))
    return form


# --- printed documents: a receipt and a ticket slip with fixed, realistic content

CST = timezone(timedelta(hours=8))
RECEIPT_NUMBER = "2611230010017"


def make_receipt(reprint: int = 0, proxy: str | None = None) -> ReceiptData:
    return ReceiptData(
        station_name="某某市公安局某某分局城关派出所",
        receipt_number=RECEIPT_NUMBER,
        applicant_name="张三丰",
        id_number_masked="110101********1234",
        lines=(
            ReceiptLine("HZ-08", "居民身份证换领", Decimal("20"), date(2027, 1, 7), "受理",
                        ("居民户口簿", "原居民身份证"), ()),
            ReceiptLine("JG-12", "机动车驾驶证期满换证", Decimal("10.5"), date(2026, 11, 24),
                        "需补正", ("机动车驾驶证",), ("身体条件证明",)),
            ReceiptLine("JG-31", "机动车检验合格标志核发", Decimal("0"), None, "受理",
                        ("机动车行驶证",), ()),
        ),
        clerk_name="李警官",
        window_name="3号综合窗口",
        issued_at=datetime(2026, 11, 23, 9, 41, tzinfo=CST),
        lookup_hint="凭本回执条码到大厅自助机查询办理进度，或拨打 0000-12345678 咨询。",
        ticket_code="C003",
        proxy_name=proxy,
        reprint=reprint,
    )


def make_slip(code: str = "C003") -> TicketSlipData:
    return TicketSlipData("城关派出所", code, "综合业务（户政+交管）", 7,
                          datetime(2026, 11, 23, 9, 12, tzinfo=CST),
                          "请留意大厅显示屏及语音叫号，过号请重新取号。")


# --- a clerk walking one visit through its pages (step times, issue 20)

WALK_IDENTITY = {"name": "张三", "id_number": "11010519491231002X", "sex": "F", "phone": "13812345678",
            "address": "北京市朝阳区建国路1号"}


def walk_visit(ctx, clock, *, typo: bool = True, back: bool = True, loss_minutes: float = 2) -> VisitFlow:
    """Identity (with a wrong ID number first), HZ-12's page (a date left out), materials, review."""
    flow = VisitFlow(ctx.catalog, ctx.clock.now, today=ctx.clock.today())
    for key, value in WALK_IDENTITY.items():
        flow.identity.set(key, value)
    if typo:
        flow.identity.set("id_number", "110105194912310021")  # wrong check digit
        clock.advance(seconds=40)
        assert "id_number" in flow.next()
        assert "id_number" in flow.next()  # pressed again on the same value: not a new error
        flow.identity.set("id_number", WALK_IDENTITY["id_number"])
    clock.advance(seconds=50)
    assert flow.next() == {}
    flow.choose(["HZ-12"])
    clock.advance(seconds=20)
    assert flow.next() == {}  # procedures -> HZ-12's page
    form = flow.items[0].form
    form.set("circumstance", "lost")
    form.set("fingerprint_matched", True)
    clock.advance(minutes=loss_minutes / 2)
    assert "loss_date" in flow.next()
    form.set("loss_date", (ctx.clock.today() - timedelta(days=2)).isoformat())
    clock.advance(minutes=loss_minutes / 2)
    assert flow.next() == {}  # -> materials
    if back:
        clock.advance(seconds=10)
        flow.back()  # the clerk goes back to the page
        clock.advance(seconds=30)
        assert flow.next() == {}
    flow.items[0].materials = {m.code: "received" for m in flow.items[0].procedure.materials}
    clock.advance(seconds=30)
    assert flow.next() == {}  # -> review
    clock.advance(seconds=20)
    return flow


# --- a catalogue folder with one small procedure, for the catalogue CLI

def catalog_folder(tmp_path, body: str):
    folder = tmp_path / "procedures"
    folder.mkdir()
    (folder / "_identity.toml").write_text((ROOT / "resources/procedures/_identity.toml").read_text("utf-8"), "utf-8")
    (folder / "XX-01.toml").write_text(
        'code = "XX-01"\ncategory = "hz"\nname = { zh_CN = "甲", en = "A" }\nlegal_basis = { zh_CN = "甲", en = "A" }\n'
        'guide = { zh_CN = "甲", en = "A" }\n[[materials]]\ncode = "m"\nname = { zh_CN = "甲", en = "A" }\n'
        '[[pages]]\nid = "p"\ntitle = { zh_CN = "页", en = "Page" }\n'
        '[[pages.fields]]\nid = "due"\ntype = "date"\nlabel = { zh_CN = "甲", en = "A" }\n'
        '[[pages.fields]]\nid = "count"\ntype = "number"\nlabel = { zh_CN = "乙", en = "B" }\n'
        '[[pages.fields]]\nid = "kind"\ntype = "choice"\nlabel = { zh_CN = "丙", en = "C" }\n'
        'options = [ { value = "a", label = { zh_CN = "甲", en = "A" } } ]\n' + body, "utf-8")
    return folder


# -- many terminals pressing "call next" at once (test_queue_concurrency on SQLite, test_pg_concurrency)

RACE_PROCESSES = 8
RACE_TICKETS = 300


def race_caller(url: str, window: int, start, results) -> None:
    """One terminal: call next until nobody is waiting; count every error instead of dying.

    Runs in a spawned process (a separate terminal), so it lives in an importable module."""
    from counter import queueing as q
    from counter.config import Config
    from counter.context import AppContext

    ctx = AppContext.open(Config(database_url=url, window_number=window))
    called, errors, misses = [], [], 0
    ctx.station  # noqa: B018 - resolve the station before the race starts
    start.wait()
    while misses < 3:  # a few empty answers in a row: the queue is really empty
        try:
            ticket = q.call_next(ctx, window)
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
            if len(errors) > 50:
                break
            continue
        if ticket is None:
            misses += 1
        else:
            misses = 0
            called.append(ticket.id)
    ctx.close()
    results.put((window, called, errors))


def check_call_next_race(url: str, processes: int = RACE_PROCESSES, tickets: int = RACE_TICKETS) -> None:
    """`tickets` waiting, `processes` terminals calling at once: every ticket called exactly once,
    none lost, no error (in particular no "database is locked"); asserts all of it."""
    import multiprocessing as mp
    from collections import Counter as Tally

    from sqlalchemy import func

    from counter import queueing as q
    from counter.config import Config
    from counter.context import AppContext
    from counter.models import Ticket, TicketEvent

    ctx = AppContext.open(Config(database_url=url))
    letters = "AAABBBCV"
    issued = [q.issue_ticket(ctx, letters[i % len(letters)]).id for i in range(tickets)]

    spawn = mp.get_context("spawn")
    start, results = spawn.Event(), spawn.Queue()
    procs = [spawn.Process(target=race_caller, args=(url, n + 1, start, results)) for n in range(processes)]
    for p in procs:
        p.start()
    start.set()
    outcomes = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0

    errors = [e for _, _, errs in outcomes for e in errs]
    assert errors == []  # in particular no "database is locked" escaped
    called = [t for _, ids, _ in outcomes for t in ids]
    duplicates = [t for t, n in Tally(called).items() if n > 1]
    assert duplicates == []
    assert sorted(called) == sorted(issued)
    assert sum(1 for _, ids, _ in outcomes if ids) >= 2  # the race really was run in parallel

    with ctx.sessions() as s:
        calls = s.scalar(select(func.count()).select_from(TicketEvent).where(TicketEvent.kind == "call"))
        waiting = s.scalar(select(func.count()).select_from(Ticket).where(Ticket.status == "waiting"))
    assert (calls, waiting) == (tickets, 0)
    ctx.close()
