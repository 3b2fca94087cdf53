"""The old import path of the manager's window: the window and its tabs are `counter/ui/manager/`."""
from counter.ui.manager.period import trend_buckets
from counter.ui.manager.today import TILE_COLOURS, KpiTile
from counter.ui.manager.window import ManagerWindow

__all__ = ["TILE_COLOURS", "KpiTile", "ManagerWindow", "trend_buckets"]
