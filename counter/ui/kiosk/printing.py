"""The kiosk's one way to paper: `printer(pdf_bytes, name)`.

By default the PDF is saved in `<data dir>/kiosk-prints/` and, when a printer is configured,
handed to the spooler as a PDF (`print_pdf`); tests pass their own hook and keep the bytes. Every page that prints
(ticket slips, guides) calls the hook it was given and nothing else.
"""
from __future__ import annotations

import time
from typing import Callable

from counter import kiosk

Printer = Callable[[bytes, str], None]


def default_printer(settings: kiosk.KioskSettings) -> Printer:
    """Save the PDF in the data folder; send it to the configured printer, if any."""

    def send(pdf: bytes, name: str) -> None:
        from counter import paths

        if settings.save_slips:
            folder = paths.data_dir() / "kiosk-prints"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{time.strftime('%Y%m%d-%H%M%S')}-{name}.pdf").write_bytes(pdf)
        if settings.printer_name:
            print_pdf(pdf, name, settings.printer_name)

    return send


def print_pdf(pdf: bytes, name: str, printer_name: str) -> None:
    """The PDF itself to the slip printer (CUPS `lp`, at the PDF's own 80 mm page size; Qt on
    Windows). Returns once the spooler has the file (milliseconds: no page is rendered here), so a
    failure still shows on the kiosk as "print failed"; raises `spool.PrintError`."""
    from counter.printing import spool
    from counter.ui.print_jobs import print_document

    print_document(pdf, spool.job_title(name), printer_name)
