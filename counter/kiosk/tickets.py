"""取号 and 预约签到 at the kiosk: a ticket, its predicted wait and its printed slip."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from counter.clock import local
from counter.forms.spec import Text
from counter.kiosk.errors import KioskError

if TYPE_CHECKING:
    from counter.context import AppContext

SLIP_HINT = "请留意大厅显示屏和语音叫号，过号请重新取号 / Watch the display and listen for your number"


@dataclass(frozen=True)
class KioskTicket:
    """What the kiosk's ticket page shows and prints, computed away from the GUI thread."""

    ticket: Any  # counter.queueing.IssuedTicket
    wait: Text  # "预计等候约 N 分钟" / "暂无估计" (counter.waits)
    told: Text | None = None  # a check-in's message (priority, early, late), None for a walk-in
    slip_pdf: bytes = b""  # the rendered slip, ready for the printer


def take_ticket(ctx: AppContext, category: str):
    """A ticket issued at the kiosk (`source="kiosk"`): the counter.queueing.IssuedTicket."""
    from counter.queueing import issue_ticket

    return issue_ticket(ctx, category, source="kiosk")


def predicted_wait(ctx: AppContext, ticket) -> Text:
    """The wait of this very ticket (its place in the queue), in both languages."""
    from counter.waits import predicted_wait as predict

    prediction = predict(ctx, ticket.category, ticket_id=ticket.id)
    return Text(prediction.zh_CN, prediction.en)


def slip_data(ctx: AppContext, ticket, lang: str = "zh_CN", wait: Text | None = None):
    """The printed slip for an issued ticket (both languages on the paper, like the CLI)."""
    from counter.printing.documents import TicketSlipData
    from counter.queueing import lookup_category

    cat = lookup_category(ticket.category)
    return TicketSlipData(station_name=ctx.station.name, ticket_code=ticket.code,
                          category_label=f"{cat.zh} {cat.en}", waiting_ahead=ticket.waiting_ahead,
                          issued_at=local(ticket.issued_at), hint=SLIP_HINT,
                          predicted_wait=f"{wait.zh_CN} / {wait.en}" if wait is not None else "")


def _with_slip(ctx: AppContext, ticket, told: Text | None = None) -> KioskTicket:
    from counter.printing.ticket_slip import render_ticket_slip

    wait = predicted_wait(ctx, ticket)
    try:
        pdf = render_ticket_slip(slip_data(ctx, ticket, wait=wait))
    except Exception:  # the number is issued: the page shows it, printing says it failed
        pdf = b""
    return KioskTicket(ticket=ticket, wait=wait, told=told, slip_pdf=pdf)


def issue_at_kiosk(ctx: AppContext, category: str) -> KioskTicket:
    """取号: the ticket, its predicted wait and its slip (one background task at the kiosk)."""
    return _with_slip(ctx, take_ticket(ctx, category))


def check_in_at_kiosk(ctx: AppContext, *, code: str | None = None, id_last4: str | None = None,
                      phone_last4: str | None = None) -> KioskTicket:
    """预约签到: scan the booking code, or the ID's and the phone's last 4 (`counter.appointments`).

    Raises KioskError with the appointment's own message (not found, checked in already, …)."""
    from counter import appointments

    try:
        done = appointments.check_in(ctx, code=code or None, id_last4=id_last4 or None,
                                     phone_last4=phone_last4 or None, source="kiosk")
    except appointments.AppointmentError as exc:
        raise KioskError(exc.zh_CN, exc.en) from exc
    return _with_slip(ctx, done.ticket, Text(done.zh_CN, done.en))
