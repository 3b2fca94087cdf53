"""The citizens' kiosk (`python main.py --kiosk`): take a ticket, check in, read the guide, check status, rate.

Touch first: full screen without a frame, targets at least 15 mm of glass (from the screen's
physical DPI, never under 90 px), type of at least 24 px, contrast of at least 4.5:1, a true
portrait layout when the screen is taller than wide (`KioskPage.set_portrait`), Simplified
Chinese with a one-tap switch to English that changes every text in place
(`counter.ui.citizen_language`). Every database call runs in a background task
(`KioskWindow.tasks`, `counter.ui.tasks`). Every flow is a page of one QStackedWidget
(`window.KioskWindow`); each page is its own module and sets its own layout:

- `home`    five big choices
- `ticket`  取号: queue choice, the number, the predicted wait and the printed slip; home after 10 s
- `checkin` 预约签到: the booking code scanned, or the ID's and the phone's last 4
- `guide`   办事指南: browsed by group (no keyboard), one procedure, a printed guide
- `status`  进度查询: receipt number and proof, then the items
- `rate`    评价: receipt number and proof, then the five levels (`counter.ui.rating_pad.RatingPanel`)
- `admin`   the administrator's PIN and the kiosk settings
- `keypad`  the on-screen keypad; `printing` the one way to paper; `common` the shared pieces.

Barcode scanners type like keyboards and end with Enter: the receipt fields take them, and a
scan on the home screen opens the status page with the number already in. Status and rating
both ask for a proof after the receipt number, in one field: the receipt's 8-digit query code
or the applicant's ID's last four (`counter.kiosk`). A scanned QR code that holds
`NUMBER-CODE` fills in both and goes straight on.
"""
from counter.ui.kiosk.window import KioskWindow

__all__ = ["KioskWindow"]
