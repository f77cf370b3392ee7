"""The shipped fonts on screen: DejaVu Sans as the kiosk's font before the first screen, and a moment
after it (kiosk.ui.app) every script font in assets/fonts, so a patient's name in any script the PDF
prints (kiosk.document.fontlist) shows in real glyphs even on a machine with no fonts of its own.
Qt finds them by script when DejaVu Sans lacks a letter, and shapes them itself (HarfBuzz)."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.paths import assets_dir

log = logging.getLogger(__name__)

BASE_FAMILY = "DejaVu Sans"


def load_fonts(*, fallbacks: bool = False) -> list[str]:
    """Register the shipped fonts: DejaVu Sans (and make it the kiosk's font), or with `fallbacks`
    the script fonts (Hebrew, Arabic, Indic, South-East Asian, Ethiopic, Hangul, CJK...), loaded a
    moment after the first screen to keep the start quick (about 5 ms here for all of them).
    The families registered; a file Qt cannot read is logged and left out."""
    families: list[str] = []
    for path in sorted((assets_dir() / "fonts").glob("*.ttf")):
        if path.name.startswith("DejaVu") == fallbacks:
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("the font file %s could not be loaded for the screen", path.name)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    app = QApplication.instance()
    if not fallbacks and isinstance(app, QApplication):
        font = QFont(BASE_FAMILY)
        font.setStyleHint(QFont.StyleHint.SansSerif)
        app.setFont(font)
    return families
