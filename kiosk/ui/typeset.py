"""Text sizes by code, not by style sheet: "Larger text" within a frame.

A part of the patient's window (the top bar, the bottom bar, a page, an overlay) wears the look's
style sheet, which holds colours, borders and room: none of them changes with the text size, so
switching "Larger text" never sets a sheet (a new sheet re-polished every widget of the page and
took most of the switch's frame). The text size is each widget's own font, set here: the body
size, or for a few roles a size in proportion to it (a title, a heading, a language's name, a
typed field). A font set here names its pixel size and nothing else, so the sheet's weights
(a bold heading, a picked choice) still apply over it and change with the widget's role.

A part is set when it takes a look, and a page again after each draw (`typeset`). A widget made
or given another role while a page draws takes its size at once (`refit`: a row the reading
column makes, a question's title that becomes a heading), since the draw measures it. Widgets
with a sheet of their own (keys, the keypad's fields) size their text themselves and are left
alone. Staff mode keeps the sized sheet (`Look.stylesheet(sized=True)`): nobody switches
its text size while it is open, and it makes its widgets as it goes.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from kiosk.ui.theme import BASE_PX, ENTRY_PX, ROLE_PX, Look

BODY = "textBody"
"""The dynamic property of a part that holds its body size (its widgets' sizes follow it)."""


def wear(part: QWidget, look: Look) -> None:
    """`part` in `look`: its sheet (set only when it differs: another palette, screen or
    direction) and every widget's text size."""
    sheet = look.stylesheet()
    if part.styleSheet() != sheet:
        part.setStyleSheet(sheet)
    typeset(part, look.body)


def typeset(part: QWidget, body: int) -> None:
    """Every widget of `part` in its size for a body text of `body` px (a widget already in its
    size is not touched: after a draw only the widgets it made are set)."""
    part.setProperty(BODY, body)
    _size(part, body)  # (the part's own sheet is the look's)
    _size_all(part.findChildren(QWidget), body)


def refit(widget: QWidget) -> None:
    """`widget` and the widgets in it in their sizes now (a row just made, a role just changed),
    if it is in a part that was set already; otherwise they are sized with their part."""
    parent = widget.parentWidget()
    while parent is not None:
        body = parent.property(BODY)
        if isinstance(body, int):
            _size_all((widget, *widget.findChildren(QWidget)), body)
            return
        parent = parent.parentWidget()


def size_for(widget: QWidget, body: int) -> int:
    """The pixel size of `widget`'s text beside a body text of `body` px."""
    if isinstance(widget, QLineEdit):
        return round(ENTRY_PX * body / BASE_PX)
    if isinstance(widget, (QLabel, QAbstractButton)):
        share = ROLE_PX.get(str(widget.property("role") or ""))
        if share is not None:
            return round(share * body / BASE_PX)
    return body


def _size_all(widgets: Iterable[QWidget], body: int) -> None:
    for widget in widgets:
        if not widget.styleSheet():  # a key with its own sheet sizes its own text
            _size(widget, size_for(widget, body))


def _size(widget: QWidget, px: int) -> None:
    if widget.font().pixelSize() == px:
        return
    font = QFont()  # the size alone: family and weight still come from the app and the sheet
    font.setPixelSize(px)
    widget.setFont(font)
