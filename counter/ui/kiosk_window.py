"""Where the kiosk used to live: it is the package `counter.ui.kiosk` now."""
from counter.ui.kiosk.printing import Printer, default_printer, print_pdf
from counter.ui.kiosk.window import KioskWindow

__all__ = ["KioskWindow", "Printer", "default_printer", "print_pdf"]
