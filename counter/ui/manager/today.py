"""The manager's 今日实时 tab: KPI tiles, waiting counts, window states, clerks, overtime alerts.

The figures are read in the background (`metrics.today_live`, `kpis.today_extras`) every few
seconds; a refresh still running when the timer fires again is not doubled (a named task).
The open items' counts (需补正 / overdue) scan every item: read apart, at most once a minute.
"""
from __future__ import annotations

import time
from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QGridLayout, QGroupBox, QLabel, QSplitter, QVBoxLayout, QWidget

from counter import kpis, metrics, statuses
from counter.clock import local
from counter.kpis import duration_text
from counter.queueing import CATEGORIES
from counter.ui.manager.common import card, failure_text, fill, make_table, timed
from counter.ui.tasks import TaskRunner
from counter.ui.where_time_goes import OvertimePanel

TICKET_STATUS_ZH = {"called": QT_TRANSLATE_NOOP("TodayView", "已叫号"),
                    "serving": QT_TRANSLATE_NOOP("TodayView", "办理中")}

BACKLOG_SECONDS = 60  # how old the 需补正 / overdue counts may be

# a tile's colours by how its figure meets the target (text on them ≥ 4.5:1)
TILE_COLOURS = {kpis.GOOD: ("#e3f4e8", "#1b6e35", "#2e9e52"), kpis.NEAR: ("#fff4d6", "#7a5200", "#d99a00"),
                kpis.BAD: ("#fde4e2", "#a31b12", "#d9392e"), kpis.NEUTRAL: ("#f2f4f7", "#1f3b5c", "#b8c2cf")}
LEVEL_WORDS = {kpis.GOOD: QT_TRANSLATE_NOOP("TodayView", "达标"), kpis.NEAR: QT_TRANSLATE_NOOP("TodayView", "接近"),
               kpis.BAD: QT_TRANSLATE_NOOP("TodayView", "未达标"), kpis.NEUTRAL: ""}


class KpiTile(QFrame):
    """One KPI: title, the figure large, the target, coloured by whether the target is met."""

    def __init__(self, key: str, parent: QWidget):
        super().__init__(parent)
        self.setObjectName(f"tile_{key}")
        self.level = kpis.NEUTRAL
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.title = QLabel(self)
        self.value = QLabel("—", self)
        self.value.setObjectName(f"tile_{key}_value")
        self.target = QLabel(self)
        self.target.setWordWrap(True)
        for label in (self.title, self.value, self.target):
            layout.addWidget(label)
        self.show_tile(None)

    def show_tile(self, tile: kpis.Tile | None) -> None:
        self.level = tile.level if tile else kpis.NEUTRAL
        background, text, edge = TILE_COLOURS[self.level]
        self.setStyleSheet(f"KpiTile {{ background: {background}; border-left: 6px solid {edge}; border-radius: 6px; }}"
                           f" QLabel {{ color: {text}; background: transparent; border: none; }}")
        if tile is None:
            return
        self.title.setText(tile.title)
        self.value.setText(tile.value)
        self.value.setStyleSheet("font-size: 24pt; font-weight: bold;")
        word = QCoreApplication.translate("TodayView", LEVEL_WORDS[tile.level]) if LEVEL_WORDS[tile.level] else ""
        self.target.setText(tile.target + (f" · {word}" if word else ""))


class TodayView(QWidget):
    """Today's live figures; `status` is the "updated at" label the window puts in its status bar."""

    refreshed = Signal(object)  # metrics.Today
    failed = Signal(str)  # one line for the status bar

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = TaskRunner(self)
        self.today: metrics.Today | None = None
        self.extras: kpis.TodayExtras | None = None
        self.last_refresh_seconds: float | None = None
        self._backlog: tuple[float, tuple[int, int]] | None = None  # (read at, (需补正, overdue))
        self.status = QLabel(self)
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        tiles = QGridLayout()  # the targets first: coloured against them
        self.tiles: dict[str, KpiTile] = {}
        for i, key in enumerate(("wait_p90", "service_level", "hall_time", "satisfaction", "overdue",
                                 "needs_materials")):
            self.tiles[key] = KpiTile(key, self)
            tiles.addWidget(self.tiles[key], 0, i)
        layout.addLayout(tiles)
        grid = QGridLayout()
        self.waiting_labels: dict[str, QLabel] = {}
        for i, cat in enumerate(CATEGORIES):
            name = cat.en if self.ctx.config.lang == "en" else cat.zh  # category names are data
            frame, label = card(self.tr("等候 {0} {1}").format(cat.letter, name), f"waiting_{cat.letter}", self)
            self.waiting_labels[cat.letter] = label
            grid.addWidget(frame, 0, i)
        cards = (("longest_wait", self.tr("当前最长等候")), ("avg_wait", self.tr("今日平均等候")),
                 ("avg_handling", self.tr("今日平均办理")), ("tickets_today", self.tr("今日取号 / 办件")),
                 ("no_shows", self.tr("过号")))
        self.cards: dict[str, QLabel] = {}
        for i, (name, title) in enumerate(cards):
            frame, label = card(title, name, self)
            self.cards[name] = label
            grid.addWidget(frame, 0, len(CATEGORIES) + i)
        layout.addLayout(grid)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        box = QGroupBox(self.tr("窗口状态"), split)
        inner = QVBoxLayout(box)
        self.windows_table = make_table([self.tr("窗口"), self.tr("状态"), self.tr("当前号"), self.tr("号状态"),
                                         self.tr("已用时"), self.tr("人员"), self.tr("今日办件")], "windows_table", box)
        inner.addWidget(self.windows_table)
        box2 = QGroupBox(self.tr("人员今日办件"), split)
        inner2 = QVBoxLayout(box2)
        self.clerks_table = make_table([self.tr("人员"), self.tr("办件数"), self.tr("平均办理")], "clerks_table", box2)
        inner2.addWidget(self.clerks_table)
        split.addWidget(box)
        split.addWidget(box2)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        layout.addWidget(OvertimePanel(self.ctx, self.refreshed, self))  # issue 20: overtime alerts

    @Slot()
    def refresh(self) -> None:
        if self.tasks.running("today"):
            return
        ctx = self.ctx
        cached = self._backlog
        if cached is None or time.monotonic() - cached[0] > BACKLOG_SECONDS:
            self._refresh_backlog()
        backlog = cached[1] if cached is not None else (None, None)

        self.tasks.run(timed(lambda: kpis.today_now(ctx, backlog)), done=self._done, failed=self._failed,
                       name="today")

    def _refresh_backlog(self) -> None:
        ctx = self.ctx
        self.tasks.run(lambda: kpis.backlog_now(ctx), done=self._backlog_done, failed=self._failed, name="backlog")

    def _backlog_done(self, counts: tuple[int, int]) -> None:
        self._backlog = (time.monotonic(), counts)
        if self.today is not None and self.extras is not None:  # the tiles at once, not at the next refresh
            self.extras = replace(self.extras, needs_materials=counts[0], overdue=counts[1])
            for tile in kpis.tiles(self.today, self.extras, self.ctx.config, self.ctx.config.lang):
                self.tiles[tile.key].show_tile(tile)

    def _done(self, outcome) -> None:
        (today, extras), seconds = outcome
        self.today, self.extras = today, extras
        self.last_refresh_seconds = seconds
        lang = self.ctx.config.lang
        for tile in kpis.tiles(today, extras, self.ctx.config, lang):
            self.tiles[tile.key].show_tile(tile)
        for letter, label in self.waiting_labels.items():
            label.setText(str(today.waiting.get(letter, 0)))
        longest = duration_text(today.longest_wait_seconds, lang)
        self.cards["longest_wait"].setText(f"{longest}" + (f"  {today.longest_wait_ticket}"
                                                           if today.longest_wait_ticket else ""))
        self.cards["avg_wait"].setText(duration_text(today.wait.mean, lang))
        self.cards["avg_handling"].setText(duration_text(today.handling.mean, lang))
        self.cards["tickets_today"].setText(f"{today.tickets} / {today.visits}")
        self.cards["no_shows"].setText(str(today.no_shows))
        rows = []
        for w in today.windows:
            busy = "" if w.since is None else duration_text((today.at - w.since).total_seconds(), lang)
            rows.append([w.name, statuses.label(statuses.WINDOW_STATE, w.state, lang), w.ticket or "—",
                         self.tr(TICKET_STATUS_ZH.get(w.ticket_status or "", "")), busy, w.clerk, str(w.visits)])
        fill(self.windows_table, rows)
        fill(self.clerks_table, [[name, str(n), duration_text(mean, lang)] for name, n, mean in today.clerks])
        self.status.setText(self.tr("更新于 {0}（{1} ms）").format(local(today.at).strftime("%H:%M:%S"),
                                                                 int(seconds * 1000)))
        self.refreshed.emit(today)

    def _failed(self, exc: Exception) -> None:
        # only this view's task ended: the TaskRunner frees its name, the period view's stays busy
        self.failed.emit(failure_text("today", exc))
