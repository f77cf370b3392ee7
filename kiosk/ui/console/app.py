"""Starting the console: the Qt application, a normal resizable window, the fonts that show every
patient's name, and the records opened on the worker thread once the window is up."""

from __future__ import annotations

import kiosk.ui.source_scan  # noqa: F401  (first: what is imported after it is looked at faster)

# isort: split
import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication

from kiosk.i18n import SOURCE, words_for
from kiosk.services.console import ConsoleDesk
from kiosk.ui.collector import GuiCollector
from kiosk.ui.console.window import ConsoleWindow
from kiosk.ui.fonts import load_fonts
from kiosk.ui.probe import NoDisplay, display_problem

SHEET = """
QLabel#title { font-size: 18pt; font-weight: bold; }
QLabel#heading { font-size: 12pt; font-weight: bold; }
QLabel#notice { color: #8a1c00; font-weight: bold; }
QLabel#done { color: #1b5e20; font-weight: bold; }
QLabel#muted { color: #555555; }
"""


def run(open_desk: Callable[[], ConsoleDesk], language: str = SOURCE) -> int:
    """Run the console until staff close it, in `language` (the clinic's main one). NoDisplay
    (one sentence) when there is no display."""
    problem = display_problem()
    if problem:
        raise NoDisplay(problem)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("briefing-kiosk-console")  # for the platform, never shown
    load_fonts()
    load_fonts(fallbacks=True)
    app.setStyleSheet(SHEET)
    words = words_for(language)
    window = ConsoleWindow(open_desk, words)
    window.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if words.right_to_left else Qt.LayoutDirection.LeftToRight
    )
    window.resize(1200, 760)
    window.show()
    collector = GuiCollector(app)  # (from now on the worker thread's reads never free a widget)
    try:
        window.open()
        code = app.exec()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        collector.stop()
    return code
