"""Chinese names used by the reports and the dashboard (Excel sheets are Chinese-first)."""
from __future__ import annotations



from counter import categories


DEFAULT_TARGET_MINUTES = 20
WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
CATEGORY_ZH = categories.zh_names()  # the ticket categories (counter/categories.py), "" = 无号
ITEM_CATEGORY_ZH = {"hz": "户政", "jg": "交管"}
OUTCOME_ZH = {"served": "已办理", "no_show": "过号", "cancelled": "取消", "closed": "日终关闭",
              "transferred": "已转移", None: "未结束", "": "未结束"}
