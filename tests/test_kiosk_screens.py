"""The kiosk fit for citizens, many elderly: a true portrait layout chosen by the aspect ratio,
touch targets of 15 mm (never under 90 px) and body type of at least 24 px, and WCAG contrast
measured on the rendered pages (text 4.5:1, a control's edge 3:1)."""
from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPushButton, QWidget

from counter import kiosk
from counter.ui.kiosk import KioskWindow
from counter.ui.rating_pad import touch_px
from tests.helpers import make_visit
from tests.test_kiosk import settle

PORTRAIT, LANDSCAPE = (1080, 1920), (1920, 1080)


@pytest.fixture
def settings(tmp_path):
    return kiosk.KioskSettings.load(tmp_path / "settings.toml")


def kiosk_at(qtbot, ctx, settings, size) -> KioskWindow:
    win = KioskWindow(ctx, printer=lambda pdf, name: None, settings=settings)
    qtbot.addWidget(win, before_close_func=lambda w: w.unlock())
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    qtbot.wait(20)
    return win


def pages(qtbot, win: KioskWindow, ctx):
    """Every page a citizen meets, in the state they meet it: yields its name."""
    required = [m.code for m in ctx.catalog.get("JG-A2").materials if m.required][:1]
    number = make_visit(ctx, codes=("HZ-08", "JG-A2"), missing={"JG-A2": required})
    steps = [
        ("home", lambda: None),
        ("ticket-choose", win.open_ticket),
        ("ticket", lambda: win.take_ticket("A")),
        ("checkin", win.open_check_in),
        ("guide", win.open_guide),
        ("guide-detail", lambda: win.show_procedure("HZ-08")),
        ("status-query", win.open_status),
        ("status", lambda: (win.status_page.receipt.setText(number), win.status_page.proof.setText("002X"),
                            win.status_page.query())),
        ("rate-query", win.open_rate),
        ("rate", lambda: (win.show_rating(number, "002X"), win.rate_levels_page.rating.choose(2))),
    ]
    for name, step in steps:
        step()
        settle(qtbot, win)
        qtbot.wait(20)
        yield name


def shown(win: QWidget, kind) -> list:
    return [w for w in win.findChildren(kind) if w.isVisible() and w.width() > 0 and w.objectName() != "corner"]


# ------------------------------------------------------------------ layout

def test_portrait_is_chosen_by_aspect_ratio_and_fits(qtbot, ctx, settings):
    win = kiosk_at(qtbot, ctx, settings, PORTRAIT)
    assert win.portrait
    tiles = list(win.home_page.tiles.values())
    assert len({t.x() for t in tiles}) == 1 and all(t.width() > 0.8 * win.home_page.width() for t in tiles)
    assert [t.y() for t in tiles] == sorted(t.y() for t in tiles)  # stacked, in order
    bounds = QRect(0, 0, *PORTRAIT)
    for name in pages(qtbot, win, ctx):
        assert win.minimumSizeHint().width() <= PORTRAIT[0], name
        for w in shown(win, QWidget):
            if w.window() is not win or isinstance(w.parentWidget(), QWidget) and _scrolled(w, win):
                continue
            rect = QRect(w.mapTo(win, QPoint(0, 0)), w.size())
            assert bounds.contains(rect), f"{name}: {w.metaObject().className()} {w.objectName()} at {rect}"
        if name == "rate":
            levels = list(win.rate_levels_page.rating.level_buttons.values())
            assert len({b.x() for b in levels}) == 1  # rows, one under the other
            assert all(b.width() > 0.8 * win.rate_levels_page.width() for b in levels)
            reasons = win.rate_levels_page.rating.reason_buttons
            assert len({b.x() for b in reasons}) == 1
        if name in ("status-query", "checkin", "rate-query"):
            page = win.pages.currentWidget()
            field = page.findChildren(QLineEdit)[0]
            assert page.keypad.y() > field.y() + field.height()  # the keypad under the fields


def _scrolled(widget: QWidget, win: QWidget) -> bool:
    from PySide6.QtWidgets import QAbstractScrollArea

    parent = widget.parentWidget()
    while parent is not None and parent is not win:
        if isinstance(parent.parentWidget(), QAbstractScrollArea) and parent is parent.parentWidget().viewport():
            return True
        parent = parent.parentWidget()
    return False


def test_landscape_keeps_tiles_side_by_side_and_turns_back(qtbot, ctx, settings):
    win = kiosk_at(qtbot, ctx, settings, LANDSCAPE)
    assert not win.portrait
    tiles = win.home_page.tiles
    assert tiles["checkin"].y() == tiles["guide"].y() and tiles["checkin"].x() < tiles["guide"].x()
    win.open_status()
    qtbot.wait(20)
    assert win.status_page.keypad.x() > win.status_page.receipt.x() + win.status_page.receipt.width() - 1
    win.resize(*PORTRAIT)
    qtbot.waitUntil(lambda: win.portrait)
    win.open_status()
    qtbot.wait(20)
    assert win.status_page.keypad.y() > win.status_page.receipt.y()


@pytest.mark.parametrize("size", [PORTRAIT, LANDSCAPE], ids=["1080x1920", "1920x1080"])
def test_touch_targets_and_type_are_big_enough(qtbot, ctx, settings, size):
    win = kiosk_at(qtbot, ctx, settings, size)
    target = touch_px(win)
    screen = win.screen()
    mm = 15 * screen.physicalDotsPerInch() / max(screen.devicePixelRatio(), 1) / 25.4
    assert target >= max(mm, 90)  # 15 mm of glass from the PHYSICAL dpi, never under 90 px
    for name in pages(qtbot, win, ctx):
        for w in shown(win, QPushButton) + shown(win, QLineEdit):
            assert w.height() >= target and w.width() >= target, f"{name}: {w.text()!r} {w.size()}"
        for w in shown(win, QLabel) + shown(win, QPushButton):
            if w.text():
                assert w.font().pixelSize() >= 24, f"{name}: {w.text()!r} at {w.font().pixelSize()} px"


# ------------------------------------------------------------------ contrast

def luminance(argb: int) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel((argb >> 16) & 255) + 0.7152 * channel((argb >> 8) & 255) + 0.0722 * channel(argb & 255)


def contrast(a: int, b: int) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


class Shot:
    """The window as rendered: colour counts of any rectangle (every 2nd pixel)."""

    def __init__(self, win: QWidget):
        image = win.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        self.width, self.height = image.width(), image.height()
        self.stride = image.bytesPerLine() // 4
        self.pixels = memoryview(bytes(image.constBits())).cast("I")

    def colours(self, rect: QRect) -> Counter:
        rect = rect.intersected(QRect(0, 0, self.width, self.height))
        counts: Counter = Counter()
        for y in range(rect.top(), rect.bottom() + 1, 2):
            start = y * self.stride
            counts.update(self.pixels[start + rect.left():start + rect.right() + 1:2])
        return counts


def frequent(counts: Counter, exclude: int, share: float = 0.15) -> list[int]:
    rest = sum(n for c, n in counts.items() if c != exclude)
    return [c for c, n in counts.items() if c != exclude and rest and n >= max(8, share * rest)]


def list_rows(win: QWidget):
    """Each visible row of a list, without its 1 px separator (decoration, not text)."""
    for w in shown(win, QListWidget):
        viewport = w.viewport()
        for i in range(w.count()):
            rect = w.visualItemRect(w.item(i)).intersected(viewport.rect())
            if rect.height() > 4:
                yield w.item(i), QRect(viewport.mapTo(win, rect.topLeft()), rect.size()).adjusted(0, 0, 0, -3)


def rect_of(w: QWidget, win: QWidget) -> QRect:
    return QRect(w.mapTo(win, QPoint(0, 0)), w.size())


@pytest.mark.parametrize("size", [PORTRAIT, LANDSCAPE], ids=["1080x1920", "1920x1080"])
def test_every_page_has_enough_contrast(qtbot, ctx, settings, size):
    win = kiosk_at(qtbot, ctx, settings, size)
    failures = []
    for name in pages(qtbot, win, ctx):
        shot = Shot(win)
        texts = [w for w in shown(win, QLabel) if w.text().strip()]
        texts += [w for w in shown(win, QPushButton) + shown(win, QLineEdit) if w.text().strip()]
        areas = [(w, rect_of(w, win)) for w in texts] + list(list_rows(win))
        for w, area in areas:  # text: every colour of the glyphs against the background, 4.5:1
            counts = shot.colours(area)
            if not counts:
                continue
            background = counts.most_common(1)[0][0]
            for colour in frequent(counts, background):
                ratio = contrast(colour, background)
                if ratio < 4.5:
                    failures.append(f"{name}: text {getattr(w, 'text', lambda: '')()!r} "
                                    f"#{colour & 0xffffff:06x} on #{background & 0xffffff:06x} {ratio:.1f}:1")
        for w in shown(win, QPushButton) + shown(win, QLineEdit):  # a control's edge: 3:1 to what surrounds it
            inner = rect_of(w, win)
            around = shot.colours(inner.adjusted(-6, -6, 6, 6)) - shot.colours(inner)
            if not around:
                continue
            outside = around.most_common(1)[0][0]
            ring = shot.colours(inner) - shot.colours(inner.adjusted(6, 6, -6, -6))
            best = max((contrast(c, outside) for c in frequent(ring, -1)), default=1.0)
            if best < 3.0:
                failures.append(f"{name}: control {w.objectName() or w.text()!r} edge {best:.1f}:1 "
                                f"on #{outside & 0xffffff:06x}")
    assert not failures, "\n".join(failures)


def test_the_rating_colours_pass_on_white():
    from counter.ui.rating_pad import LEVEL_COLOURS

    white = 0xFFFFFFFF
    for level, colour in LEVEL_COLOURS.items():
        assert contrast(int(colour[1:], 16), white) >= 4.5, level
