"""The kiosk's home page: five big choices; stacked one under the other on a portrait screen."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout

from counter.ui.kiosk.common import KioskPage, Tile, label

ORDER = ("ticket", "checkin", "guide", "status", "rate")


class HomePage(KioskPage):
    def __init__(self, shell):
        super().__init__(shell)
        self.welcome = label("title", align=Qt.AlignmentFlag.AlignHCenter)
        self.lay.addWidget(self.welcome)
        self.grid = QGridLayout()
        self.grid.setSpacing(28)
        self.tiles: dict[str, Tile] = {}
        actions = {"ticket": shell.open_ticket, "checkin": shell.open_check_in, "guide": shell.open_guide,
                   "status": shell.open_status, "rate": shell.open_rate}
        for key in ORDER:
            tile = Tile("tileGreen" if key == "checkin" else "tile")
            tile.clicked.connect(lambda _=False, act=actions[key]: act())
            self.tiles[key] = tile
        self.set_portrait(False)
        self.lay.addLayout(self.grid, 1)

    def set_portrait(self, portrait: bool) -> None:
        for tile in self.tiles.values():
            self.grid.removeWidget(tile)
        for column in range(3):
            self.grid.setColumnStretch(column, 0)
        if portrait:  # one column: every tile the full width, in the order of the hall's errands
            for row, key in enumerate(ORDER):
                self.grid.addWidget(self.tiles[key], row, 0)
            return
        # landscape: 取号, the most common errand, twice as tall at the left
        self.grid.addWidget(self.tiles["ticket"], 0, 0, 2, 1)
        for i, key in enumerate(ORDER[1:]):
            self.grid.addWidget(self.tiles[key], i // 2, 1 + i % 2)
        for column in range(3):
            self.grid.setColumnStretch(column, 1)

    def retranslate(self) -> None:
        super().retranslate()
        self.welcome.setText(self.tr("您好！请选择要办理的业务"))
        self.tiles["ticket"].set_texts(self.tr("取号"), self.tr("排队取号，等候叫号"))
        self.tiles["checkin"].set_texts(self.tr("预约签到"), self.tr("已预约的请在此签到"))
        self.tiles["guide"].set_texts(self.tr("办事指南"), self.tr("材料、收费、时限"))
        self.tiles["status"].set_texts(self.tr("进度查询"), self.tr("扫描回执条码查询"))
        self.tiles["rate"].set_texts(self.tr("评价"), self.tr("好差评"))
