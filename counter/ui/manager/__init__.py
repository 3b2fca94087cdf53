"""The station manager's window: a module per tab (today, period, breakdown) and the window frame.

The 时间去哪了 tab is `counter/ui/where_time_goes.py`. Each view reads the database through its own
`TaskRunner` (counter/ui/tasks.py), so a failed or slow query of one view never holds another.
"""
from counter.ui.manager.window import ManagerWindow

__all__ = ["ManagerWindow"]
