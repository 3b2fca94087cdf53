"""取号 at the kiosk: a ticket issued with `source="kiosk"` and its printed slip."""
from __future__ import annotations

from typing import TYPE_CHECKING

from counter.clock import local

if TYPE_CHECKING:
    from counter.context import AppContext


def take_ticket(ctx: AppContext, category: str):
    """A ticket issued at the kiosk (`source="kiosk"`): the counter.queueing.IssuedTicket."""
    from counter.queueing import issue_ticket

    return issue_ticket(ctx, category, source="kiosk")


def slip_data(ctx: AppContext, ticket, lang: str = "zh_CN"):
    """The printed slip for an issued ticket (both languages on the paper, like the CLI)."""
    from counter.printing.documents import TicketSlipData
    from counter.queueing import lookup_category

    cat = lookup_category(ticket.category)
    return TicketSlipData(station_name=ctx.station.name, ticket_code=ticket.code,
                          category_label=f"{cat.zh} {cat.en}", waiting_ahead=ticket.waiting_ahead,
                          issued_at=local(ticket.issued_at),
                          hint=("请留意大厅显示屏和语音叫号，过号请重新取号 / "
                                "Watch the display and listen for your number"))
