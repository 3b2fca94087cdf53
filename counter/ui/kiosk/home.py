"""The kiosk's home page: four big choices."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout

from counter.ui.kiosk.common import KioskPage, Tile, label


class HomePage(KioskPage):
    def __init__(self, shell):
        super().__init__(shell)
        self.welcome = label("title", align=Qt.AlignmentFlag.AlignHCenter)
        self.lay.addWidget(self.welcome)
        grid = QGridLayout()
        grid.setSpacing(28)
        self.tiles: dict[str, Tile] = {}
        for i, (key, action) in enumerate((("ticket", shell.open_ticket), ("guide", shell.open_guide),
                                           ("status", shell.open_status), ("rate", shell.open_rate))):
            tile = Tile()
            tile.clicked.connect(lambda _=False, act=action: act())
            grid.addWidget(tile, i // 2, i % 2)
            self.tiles[key] = tile
        self.lay.addLayout(grid, 1)

    def retranslate(self) -> None:
        super().retranslate()
        self.welcome.setText(self.tr("您好！请选择要办理的业务"))
        self.tiles["ticket"].set_texts(self.tr("取号"), self.tr("排队取号，等候叫号"))
        self.tiles["guide"].set_texts(self.tr("办事指南"), self.tr("材料、收费、时限"))
        self.tiles["status"].set_texts(self.tr("进度查询"), self.tr("扫描回执条码查询"))
        self.tiles["rate"].set_texts(self.tr("评价"), self.tr("好差评"))
