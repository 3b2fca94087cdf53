"""The manager's 分窗口 / 人员 / 评价 tab: the period's figures by window, by clerk and the ratings
(as the Excel report's sheets); filled whenever the period view has computed a period."""
from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QGroupBox, QHeaderView, QVBoxLayout, QWidget

from counter import metrics
from counter.kpis import duration_text
from counter.ui.manager.common import fill, make_table


class BreakdownView(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("breakdown")
        layout = QGridLayout(self)
        self.by_window_table = make_table([self.tr("窗口"), self.tr("取号"), self.tr("办件"), self.tr("平均等候"),
                                           self.tr("P90 等候"), self.tr("达标率"), self.tr("平均办理")],
                                          "by_window_table", self)
        self.by_clerk_table = make_table([self.tr("人员"), self.tr("办件"), self.tr("平均办理"), self.tr("P90 办理"),
                                          self.tr("评价数"), self.tr("好评率")], "by_clerk_table", self)
        self.ratings_table = make_table([self.tr("评价"), self.tr("数量"), self.tr("占比")], "ratings_table", self)
        self.low_ratings_table = make_table([self.tr("日期"), self.tr("号票"), self.tr("人员"), self.tr("窗口"),
                                             self.tr("评价"), self.tr("原因")], "low_ratings_table", self)
        header = self.low_ratings_table.horizontalHeader()
        for col in range(5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for row, col, title, table in ((0, 0, self.tr("按窗口"), self.by_window_table),
                                       (0, 1, self.tr("按人员"), self.by_clerk_table),
                                       (1, 0, self.tr("评价分布"), self.ratings_table),
                                       (1, 1, self.tr("差评明细（1–2 分）"), self.low_ratings_table)):
            box = QGroupBox(title, self)
            QVBoxLayout(box).addWidget(table)
            layout.addWidget(box, row, col)

    def show_period(self, m: metrics.Metrics, names: dict) -> None:
        lang = self.ctx.config.lang

        def pct(value):
            return "—" if value is None else f"{value:.0%}"

        windows = names.get("windows", {})
        rows = []
        for wid, g in sorted(m.by.get("window", {}).items(), key=lambda kv: windows.get(kv[0], (9999, ""))[0]):
            name = windows.get(wid, (0, str(wid)))[1]
            rows.append([name, str(g.tickets), str(g.visits), duration_text(g.wait.mean, lang),
                         duration_text(g.wait.p90, lang), pct(g.service_level), duration_text(g.handling.mean, lang)])
        fill(self.by_window_table, rows)
        clerks = names.get("clerks", {})
        rows = [[clerks.get(cid, str(cid)), str(g.visits), duration_text(g.handling.mean, lang),
                 duration_text(g.handling.p90, lang), str(g.rated), pct(g.satisfaction)]
                for cid, g in sorted(m.by.get("clerk", {}).items(), key=lambda kv: -kv[1].visits)]
        fill(self.by_clerk_table, rows)
        total = m.total
        levels = {5: self.tr("5 非常满意"), 4: self.tr("4 满意"), 3: self.tr("3 基本满意"), 2: self.tr("2 不满意"),
                  1: self.tr("1 非常不满意")}
        fill(self.ratings_table, [[levels[k], str(total.levels[k]),
                                   pct(total.levels[k] / total.rated if total.rated else None)] for k in levels])
        fill(self.low_ratings_table, [[f"{r.service_day:%m-%d}", r.ticket_code, r.clerk_name, r.window_name,
                                       str(r.rating), r.rating_reason or ""] for r in m.rating_rows[-200:]])
