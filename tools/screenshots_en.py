"""Screenshots for the README's install and settings sections (offscreen):
the clerk window in English and the administrator's settings dialog in both languages.
python tools/screenshots_en.py OUTDIR   (after `make translations`)"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["COUNTER_DATA_DIR"] = tempfile.mkdtemp()

from PySide6.QtCore import QLocale  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from counter.auth import login  # noqa: E402
from counter.config import Config  # noqa: E402
from counter.context import AppContext  # noqa: E402
from counter.db import upgrade  # noqa: E402
from counter.demo import seed_accounts  # noqa: E402
from counter.ui.app import install_translator, make_application  # noqa: E402


def shoot(widget, path: Path) -> None:
    for _ in range(3):
        QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def context(lang: str, station: str) -> AppContext:
    url = f"sqlite:///{os.environ['COUNTER_DATA_DIR']}/shots-{lang}.sqlite3"
    upgrade(url)
    ctx = AppContext.open(Config(database_url=url, demo=True, lang=lang, station_name=station, station_code=lang))
    seed_accounts(ctx)
    with ctx.sessions() as session:
        ctx.principal = login(session, ctx.clock, "admin", "Admin@2026")
    return ctx


def main(out: Path) -> None:
    from counter.ui.main_window import MainWindow
    from counter.ui.settings_dialog import SettingsDialog

    out.mkdir(parents=True, exist_ok=True)
    app = make_application("zh_CN")
    ctx = context("zh_CN", "示范派出所综合服务大厅")
    settings = SettingsDialog(ctx)
    settings.show()
    shoot(settings, out / "settings-zh_CN.png")
    settings.close()
    installed = install_translator(app, "en")
    ctx = context("en", "Demo Station Service Hall")
    window = MainWindow(ctx)
    window.show()
    window.new_visit()
    for field, value in {"name": "Chen Jing", "id_number": "11010519491231002X", "sex": "F",
                         "phone": "13812345678", "address": "1 Jianguo Road, Chaoyang, Beijing"}.items():
        window.flow.identity.set(field, value)
    window.wizard._show_step()
    window.next_step()
    window.wizard.current.set_chosen(["HZ-08", "JG-A2"])
    shoot(window, out / "clerk-en-procedures.png")
    window.next_step()
    shoot(window, out / "clerk-en-item-page.png")
    settings = SettingsDialog(ctx, window)
    settings.show()
    settings.test_connection()
    shoot(settings, out / "settings-en.png")
    for translator in installed:
        app.removeTranslator(translator)
    QLocale.setDefault(QLocale.system())


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
