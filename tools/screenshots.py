"""Every screen at the sizes halls use, in zh_CN on demo data: python tools/screenshots.py OUTDIR

Renders the clerk window (1366×768, 1920×1080: idle, each page of a visit, the F2 guard), the
manager window (today, the period, the report dialog) and the hall display (1920×1080, 1280×720)
offscreen into PNGs named `<screen>-<page>-<width>x<height>.png`, plus `login.png`. Exits 1 when a
window's minimum size is larger than the screen or a visible widget lies outside its window
(each problem is printed).

The kiosk (1080×1920 portrait, 1920×1080) is rendered as a citizen meets it, page by named
page: home, ticket (the queues, then the number), checkin, guide (the list, one procedure),
status (the query, then a receipt with a ready and a 需补正 item) and rate (a bad level with its
reasons). `python tools/screenshots.py OUTDIR kiosk` renders only the kiosk.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["COUNTER_DATA_DIR"] = tempfile.mkdtemp()

from PySide6.QtCore import QPoint, QRect  # noqa: E402
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget  # noqa: E402

from counter.auth import login  # noqa: E402
from counter.config import Config  # noqa: E402
from counter.context import AppContext  # noqa: E402
from counter.db import upgrade  # noqa: E402
from counter.demo import seed_accounts, seed_visits  # noqa: E402
from counter.ui.app import make_application  # noqa: E402

CLERK_SIZES = [(1366, 768), (1920, 1080)]
MANAGER_SIZES = [(1366, 768), (1920, 1080)]
DISPLAY_SIZES = [(1920, 1080), (1280, 720)]
KIOSK_SIZES = [(1080, 1920), (1920, 1080)]
problems: list[str] = []


def settle(n: int = 5) -> None:
    for _ in range(n):
        QApplication.processEvents()


def _in_scrolled_content(widget: QWidget, window: QWidget) -> bool:
    """Inside a scroll area's viewport: may lie outside the window when scrolled (not a fault)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent.parentWidget(), QAbstractScrollArea) and parent is parent.parentWidget().viewport():
            return True
        parent = parent.parentWidget()
    return False


def check(window: QWidget, name: str, size: tuple[int, int]) -> None:
    """The window's minimum fits the screen; every visible widget lies inside the window."""
    width, height = size
    hint = window.minimumSizeHint()
    minimum = window.minimumSize()
    need_w, need_h = max(hint.width(), minimum.width()), max(hint.height(), minimum.height())
    if need_w > width or need_h > height:
        problems.append(f"{name}: minimum size {need_w}×{need_h} larger than the screen {width}×{height}")
    bounds = QRect(0, 0, window.width(), window.height())
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.isWindow() or _in_scrolled_content(widget, window):
            continue
        top_left = widget.mapTo(window, QPoint(0, 0))
        rect = QRect(top_left, widget.size())
        if rect.width() and rect.height() and not bounds.contains(rect):
            problems.append(f"{name}: {widget.metaObject().className()} '{widget.objectName()}' at "
                            f"{rect.x()},{rect.y()} {rect.width()}×{rect.height()} "
                            f"outside {bounds.width()}×{bounds.height()}")


def shoot(widget: QWidget, out: Path, name: str, size: tuple[int, int] | None = None) -> None:
    settle()
    if size is not None:
        check(widget, name, size)
    path = out / (f"{name}-{size[0]}x{size[1]}.png" if size else f"{name}.png")
    widget.grab().save(str(path))
    print(path)


def demo_context() -> AppContext:
    url = f"sqlite:///{os.environ['COUNTER_DATA_DIR']}/shots.sqlite3"
    upgrade(url)
    ctx = AppContext.open(Config(database_url=url, demo=True))
    seed_accounts(ctx)
    seed_visits(ctx, days=30, per_day=60)
    return ctx


def as_user(ctx: AppContext, username: str, password: str) -> None:
    with ctx.sessions() as session:
        ctx.principal = login(session, ctx.clock, username, password)


def sized(window: QWidget, size: tuple[int, int]) -> None:
    window.showNormal()
    window.resize(*size)
    settle(10)


def type_values(page, values: dict[str, str]) -> None:
    for field, text in values.items():
        page.editor(field).setText(text)
        page.editor(field).textEdited.emit(text)


def clerk(ctx: AppContext, out: Path, size: tuple[int, int]) -> None:
    from counter.ui.main_window import MainWindow

    as_user(ctx, "li", "Clerk@2026")
    win = MainWindow(ctx)
    sized(win, size)
    shoot(win, out, "clerk-idle", size)
    win.queue_panel.start_visit()  # F6: the called citizen came; the visit is the ticket's
    if win.flow is None:
        win.new_visit()
    page = win.wizard.current
    type_values(page, {"name": "张三", "id_number": "110105194912310021", "phone": "1381234",
                       "address": "北京市朝阳区建国路1号"})
    win.next_step()
    shoot(win, out, "clerk-identity-errors", size)
    type_values(page, {"id_number": "11010519491231002X", "phone": "13812345678"})
    win.next_step()
    picker = win.wizard.current
    picker.filter.setText("")
    picker.set_chosen(["JG-A2", "HZ-08"])  # chosen in this order: 已选 keeps it
    shoot(win, out, "clerk-procedures", size)
    win.next_step()
    win.wizard.current.editor("plate").setText("浙F12345")
    win.flow.items[0].form.set("plate", "浙F12345")
    win.flow.items[0].form.set("reason", "damaged")
    win.wizard._show_step()
    shoot(win, out, "clerk-item-page", size)
    win.next_step()
    win.wizard.current.groups["owner_id"].buttons()[0].setChecked(True)
    win.wizard.current.groups["old_licence"].buttons()[1].setChecked(True)
    shoot(win, out, "clerk-materials", size)
    win.next_step()
    win.flow.items[1].form.set("reason", "damaged")
    win.wizard._show_step()
    win.next_step()
    win.wizard.current.mark_all_received()
    win.next_step()
    shoot(win, out, "clerk-review", size)
    win.call_next()  # F2 with the visit open: asked, not called
    settle()
    shoot(win.call_question, out, "clerk-f2-guard")
    win.call_question.close()
    win.journal.discard(win.flow.key)
    win.flow = None
    win.close()
    settle()


def manager(ctx: AppContext, out: Path, size: tuple[int, int]) -> None:
    from counter.ui.manager_window import ManagerWindow
    from counter.ui.report_dialog import ReportDialog

    as_user(ctx, "zhang", "Manager@2026")
    win = ManagerWindow(ctx)
    sized(win, size)
    win.refresh_today()
    win.wait(60000)
    settle(20)
    win.wait(60000)
    settle(20)
    shoot(win, out, "manager-today", size)
    win.tabs.setCurrentIndex(1)
    win.wait(60000)
    settle(20)
    shoot(win, out, "manager-period", size)
    names = {2: "breakdown", 3: "time"}  # 分窗口/人员/评价, 时间去哪了
    for i in range(2, win.tabs.count()):
        win.tabs.setCurrentIndex(i)
        settle(10)  # a tab computes when first shown: let it start, finish, and paint
        win.wait(60000)
        settle(20)
        shoot(win, out, f"manager-{win.tabs.widget(i).objectName() or names.get(i, i)}", size)
    dialog = ReportDialog(ctx.clock.today(), win)
    dialog.show()
    settle(10)
    shoot(dialog, out, "manager-report-dialog")
    dialog.close()
    win.close()
    settle()


def display(ctx: AppContext, out: Path, size: tuple[int, int]) -> None:
    from counter import queueing as q
    from counter.ui.announcer import Announcer
    from counter.ui.display_window import DisplayWindow

    win = DisplayWindow(ctx, announcer=Announcer(engine=None, chime_ms=5))
    sized(win, size)
    win.refresh()
    shoot(win, out, "display", size)
    win.close()
    settle()
    del q


def kiosk_receipt(ctx: AppContext) -> tuple[str, str]:
    """A demo receipt of two items to show at the kiosk, made one 待领取 and one 需补正 (a required
    material missing): its number and the applicant's ID's last four (the kiosk's proof)."""
    from sqlalchemy import func, select

    from counter.models import Item, ItemStatus, Visit

    with ctx.sessions.begin() as session:
        two = select(Item.visit_id).group_by(Item.visit_id).having(func.count(Item.id) >= 2)
        visit = session.scalars(select(Visit).where(Visit.id.in_(two), Visit.receipt != None)  # noqa: E711
                                .order_by(Visit.id.desc())).first()
        assert visit is not None and visit.receipt is not None
        ready, short = visit.items[0], visit.items[1]
        ready.status = ItemStatus.READY.value
        procedure = ctx.catalog.by_code.get(short.procedure_code)
        required = [m.code for m in procedure.materials if m.required][:1] if procedure else []
        short.status = ItemStatus.NEEDS_MATERIALS.value
        short.materials = {**(short.materials or {}), **{code: "missing" for code in required}}
        return visit.receipt.number, visit.applicant_id_number[-4:]


def kiosk(ctx: AppContext, out: Path, size: tuple[int, int]) -> None:
    """The kiosk page by named page, each as a citizen reaches it (flows filled in)."""
    from counter.ui.kiosk import KioskWindow

    win = KioskWindow(ctx, printer=lambda pdf, name: None)
    sized(win, size)

    def shot(name: str) -> None:
        win.tasks.wait()
        settle(10)
        shoot(win, out, f"kiosk-{name}", size)

    shot("home")
    win.open_ticket()
    shot("ticket-choose")
    win.take_ticket("A")
    shot("ticket")
    win.open_check_in()
    win.check_in_page.id4.setText("002X")
    shot("checkin")
    win.open_guide()
    shot("guide")
    win.show_procedure("HZ-08")
    shot("guide-detail")
    number, last4 = kiosk_receipt(ctx)
    win.open_status()
    win.status_page.receipt.setText(number)
    shot("status-query")
    win.status_page.proof.setText(last4)
    win.status_page.query()
    shot("status")
    win.open_rate()
    shot("rate-query")
    win.show_rating(number, last4)
    win.rate_levels_page.rating.choose(2)  # a bad level: the reasons, not yet sent
    shot("rate")
    win.unlock()
    win.close()
    settle()


def busy_hall(ctx: AppContext, windows: int = 12) -> None:
    """A dozen windows open, each with a citizen; the newest call a recall (重呼)."""
    from counter import queueing as q

    with ctx.sessions.begin() as session:
        for number in range(1, windows + 1):
            q.window_row(session, ctx, number)
    for number in range(1, windows + 1):
        for letter in "AB":
            q.issue_ticket(ctx, letter)
        try:
            q.open_window(ctx, number)
        except q.QueueError:
            pass
        try:
            q.call_next(ctx, number)
        except q.QueueError:
            pass
    q.recall(ctx, 2)


def main(out: Path, only: str = "") -> int:
    out.mkdir(parents=True, exist_ok=True)
    _app = make_application("zh_CN")  # kept: the widgets need it alive
    ctx = demo_context()
    if only == "kiosk":
        for size in KIOSK_SIZES:
            kiosk(ctx, out, size)
        for problem in problems:
            print("PROBLEM", problem)
        sys.stdout.flush()
        return 1 if problems else 0
    from counter.demo import DEMO_ACCOUNTS
    from counter.ui.login_dialog import LoginDialog

    dialog = LoginDialog(ctx, DEMO_ACCOUNTS)
    dialog.show()
    shoot(dialog, out, "login")
    dialog.close()
    for size in CLERK_SIZES:
        clerk(ctx, out, size)
    for size in MANAGER_SIZES:
        manager(ctx, out, size)
    for size in KIOSK_SIZES:
        kiosk(ctx, out, size)
    busy_hall(ctx)
    for size in DISPLAY_SIZES:
        display(ctx, out, size)
    for problem in problems:
        print("PROBLEM", problem)
    sys.stdout.flush()
    return 1 if problems else 0


if __name__ == "__main__":
    code = main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"), *sys.argv[2:3])
    os._exit(code)
