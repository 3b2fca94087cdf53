"""The receipt number as a Code128 barcode and QR codes, drawn as vectors (receipts, notices, ticket slips).

`draw_qr` draws straight on a canvas (the ticket slip); `QRFlowable` and `Code128Flowable` put the
codes in a platypus story (the receipt's layouts).
"""
from __future__ import annotations

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

INK = colors.black  # the codes, and the receipt's text and rules


def qr_matrix(data: str, error: str = "m") -> tuple[bytearray, ...]:
    """The modules of a regular (never micro) QR code of ``data``, without the quiet zone."""
    import segno

    return segno.make_qr(data, error=error, boost_error=False).matrix


def draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float,
            error: str = "m") -> None:
    """Draw a QR code of ``data`` as ONE filled vector path, lower-left corner at (x, y).

    ``size`` is the side of the code without quiet zone; leave about 4 modules of white around.
    Horizontal runs of dark modules are merged into one rectangle each.
    """
    matrix = qr_matrix(data, error)
    n = len(matrix)
    # Drawn in module units (origin at the top-left corner, y downwards) so every rectangle is
    # a few small integers: much faster than formatting floats for hundreds of rectangles.
    ops: list[str] = []
    for r, row in enumerate(matrix):
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                ops.append(f"{start} {r} {c - start} 1 re")
            else:
                c += 1
    module = size / n
    canvas.saveState()
    canvas.setFillColor(INK)
    canvas.transform(module, 0, 0, -module, x, y + size)
    canvas.addLiteral("\n".join(ops) + "\nf")  # the rectangles, then fill (reportlab's public raw-PDF call)
    canvas.restoreState()


def code128(data: str, bar_height: float, bar_width: float = 0.34 * mm) -> Code128:
    """A Code128 barcode widget (reportlab), without human-readable text or quiet zone."""
    return Code128(data, barHeight=bar_height, barWidth=bar_width, humanReadable=False,
                   quiet=False)


class QRFlowable(Flowable):
    """A QR code of ``size`` points (plus ``pad`` of white each side) as a platypus flowable."""

    def __init__(self, data: str, size: float, pad: float = 0.0, error: str = "m") -> None:
        super().__init__()
        self.data, self.size, self.pad, self.error = data, size, pad, error
        self.width = self.height = size + 2 * pad

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        draw_qr(self.canv, self.data, self.pad, self.pad, self.size, self.error)


class Code128Flowable(Flowable):
    """A Code128 barcode as a platypus flowable; ``quiet`` points of white left and right."""

    def __init__(self, data: str, bar_height: float, bar_width: float = 0.34 * mm,
                 quiet: float = 0.0) -> None:
        super().__init__()
        self.barcode = code128(data, bar_height, bar_width)
        self.quiet = quiet
        self.width = self.barcode.width + 2 * quiet
        self.height = bar_height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.barcode.drawOn(self.canv, self.quiet, 0)
