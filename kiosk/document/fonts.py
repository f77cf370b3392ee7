"""Fonts for the briefing PDF, in one place for callers: the files and their registration
(kiosk.document.fontfiles) and the shaping that prints every name in real glyphs, in reading order
(kiosk.document.shaping)."""

from __future__ import annotations

from kiosk.document.fontfiles import (
    ARABIC_FONT,
    BASE_FONT,
    BOLD_FONT,
    CJK_FONT,
    HEBREW_FONT,
    REPLACEMENT,
    FontError,
    check_fonts,
    fonts_dir,
    loaded,
    register_fonts,
)
from kiosk.document.shaping import missing_glyphs, paragraph_markup, visual_order

__all__ = [
    "ARABIC_FONT",
    "BASE_FONT",
    "BOLD_FONT",
    "CJK_FONT",
    "HEBREW_FONT",
    "REPLACEMENT",
    "FontError",
    "check_fonts",
    "fonts_dir",
    "loaded",
    "missing_glyphs",
    "paragraph_markup",
    "register_fonts",
    "visual_order",
]
