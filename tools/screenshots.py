"""Screenshots of the clerk window for the README (offscreen): python tools/screenshots.py OUTDIR"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["COUNTER_DATA_DIR"] = tempfile.mkdtemp()

from PySide6.QtWidgets import QApplication  # noqa: E402

from counter.auth import login  # noqa: E402
from counter.config import Config  # noqa: E402
from counter.context import AppContext  # noqa: E402
from counter.db import upgrade  # noqa: E402
from counter.demo import seed_accounts  # noqa: E402
from counter.ui.app import make_application  # noqa: E402
from counter.ui.login_dialog import LoginDialog  # noqa: E402
from counter.ui.main_window import MainWindow  # noqa: E402


def shoot(widget, path: Path) -> None:
    QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    _app = make_application("zh_CN")  # kept: the widgets need it alive
    url = f"sqlite:///{os.environ['COUNTER_DATA_DIR']}/shots.sqlite3"
    upgrade(url)
    ctx = AppContext.open(Config(database_url=url, demo=True))
    seed_accounts(ctx)
    from counter.demo import DEMO_ACCOUNTS

    dialog = LoginDialog(ctx, DEMO_ACCOUNTS)
    dialog.show()
    shoot(dialog, out / "login.png")
    with ctx.sessions() as session:
        ctx.principal = login(session, ctx.clock, "li", "Clerk@2026")
    win = MainWindow(ctx)
    win.resize(1280, 800)
    win.show()
    win.new_visit()
    page = win.wizard.current
    for field, text in {"name": "张三", "id_number": "110105194912310021", "phone": "1381234",
                        "address": "北京市朝阳区建国路1号"}.items():
        page.editor(field).setText(text)
        page.editor(field).textEdited.emit(text)
    win.next_step()
    shoot(win, out / "clerk-identity-errors.png")
    page.editor("id_number").setText("11010519491231002X")
    page.editor("id_number").textEdited.emit("11010519491231002X")
    page.editor("phone").setText("13812345678")
    page.editor("phone").textEdited.emit("13812345678")
    win.next_step()
    picker = win.wizard.current
    picker.filter.setText("sfz")
    picker.set_chosen(["HZ-08", "JG-A2"])
    shoot(win, out / "clerk-procedures.png")
    win.next_step()
    win.wizard.current.editor("reason").set_value("damaged")
    win.flow.items[0].form.set("reason", "damaged")
    win.wizard.current.refresh_visibility()
    shoot(win, out / "clerk-item-page.png")
    win.next_step()
    win.wizard.current.mark_all_received()
    shoot(win, out / "clerk-materials.png")
    win.next_step()
    win.flow.items[1].form.set("plate", "浙F12345")
    win.flow.items[1].form.set("reason", "damaged")
    win.wizard._show_step()
    win.next_step()
    win.wizard.current.groups["owner_id"].buttons()[0].setChecked(True)
    win.wizard.current.groups["old_licence"].buttons()[1].setChecked(True)
    win.next_step()
    shoot(win, out / "clerk-review.png")
    win.close()
    ctx.close()
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
