"""The briefing id as a QR code on the PDF, drawn as one filled path (reportlab's QR widget draws
each run of dark modules as a shape of its own, about 200 of them, through its renderer)."""

from __future__ import annotations

import itertools

from reportlab.graphics.barcode import qrencoder  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.platypus import Flowable  # type: ignore[import-untyped]

BORDER = 4
"""Quiet zone, in modules, as reportlab's QrCodeWidget leaves it."""


class QrCode(Flowable):  # type: ignore[misc]
    """A square QR code of `size` points (error correction M), each dark run where reportlab's
    QrCodeWidget of that size would put it."""

    def __init__(self, value: str, size: float) -> None:
        super().__init__()
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(value)
        code.make()
        self.modules: list[list[bool | None]] = code.modules
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        count = len(self.modules)
        box = self.width / (count + 2 * BORDER)
        path = self.canv.beginPath()
        for r, row in enumerate(self.modules):
            c = 0
            for dark, run in itertools.groupby(bool(m) for m in row):
                length = len(list(run))
                if dark:
                    path.rect(
                        (c + BORDER) * box, self.height - (r + BORDER + 1) * box, length * box, box
                    )
                c += length
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)
