"""The PDF's look as data: page size, margins and paragraph styles."""

from __future__ import annotations

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import letter  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]

from kiosk.document.fonts import BASE_FONT, BOLD_FONT

PAGE = letter
MARGIN = 18 * mm
FOOTER_HEIGHT = 14 * mm
TEXT_WIDTH = PAGE[0] - 2 * MARGIN

_BODY = ParagraphStyle(
    "body", fontName=BASE_FONT, fontSize=10, leading=13.5, spaceAfter=4,
    shaping=1,  # HarfBuzz for the complex scripts of names (kiosk.document.harfbuzz)
)  # fmt: skip

STYLES: dict[str, ParagraphStyle] = {
    "body": _BODY,
    "small": ParagraphStyle("small", parent=_BODY, fontSize=8, leading=10.5, textColor=colors.HexColor("#374151")),
    "label": ParagraphStyle("label", parent=_BODY, fontName=BOLD_FONT, fontSize=9, spaceAfter=1),
    "title": ParagraphStyle("title", parent=_BODY, fontName=BOLD_FONT, fontSize=18, leading=22, spaceAfter=8),
    "h1": ParagraphStyle(
        "h1", parent=_BODY, fontName=BOLD_FONT, fontSize=14, leading=18, spaceBefore=10, spaceAfter=4,
        textColor=colors.HexColor("#1f4e79"), keepWithNext=1,  # a heading never ends a page
    ),
    "h2": ParagraphStyle("h2", parent=_BODY, fontName=BOLD_FONT, fontSize=11.5, leading=15, spaceBefore=6, spaceAfter=2, keepWithNext=1),
    "h3": ParagraphStyle("h3", parent=_BODY, fontName=BOLD_FONT, fontSize=10, spaceBefore=3, spaceAfter=1, keepWithNext=1),
    "ack": ParagraphStyle(
        "ack", parent=_BODY, fontName=BOLD_FONT, fontSize=9.5, textColor=colors.HexColor("#166534"),
        backColor=colors.HexColor("#f0fdf4"), borderPadding=3, spaceBefore=2, spaceAfter=6,
    ),
    "flag": ParagraphStyle(
        "flag", parent=_BODY, fontName=BOLD_FONT, fontSize=9.5, textColor=colors.HexColor("#92400e"),
        backColor=colors.HexColor("#fffbeb"), borderPadding=3, spaceBefore=2, spaceAfter=6,
    ),
    "footer": ParagraphStyle("footer", parent=_BODY, fontSize=7.5, leading=9, textColor=colors.HexColor("#4b5563")),
}  # fmt: skip
