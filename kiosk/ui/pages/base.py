"""What every page shares: drawing a briefing, forgetting it, and the building blocks of its layout."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from kiosk.session import Briefing

log = logging.getLogger(__name__)

Row = TypeVar("Row", bound=QWidget)
Entry = TypeVar("Entry")

SAVE_FAILED = "That could not be saved just now. Please tap again, or ask a staff member."


class Page(QWidget):
    """One kind of screen. `show_briefing` draws the current state; `forget` wipes every personal detail.

    A page never moves the patient on by itself: it calls the briefing's intents and asks the window
    (`changed`) to draw again.
    """

    changed = Signal()
    """The briefing's state changed: the window redraws the current screen."""
    problem = Signal(str)
    """A sentence to show the patient (a blocker, a refused signature)."""

    primary_text = "Next"
    """The words on the main button at the bottom right; "" hides it."""

    def show_briefing(self, briefing: Briefing) -> None:
        raise NotImplementedError

    def forget(self) -> None:
        """Clear every text and input that could hold personal details."""

    def primary(self, briefing: Briefing) -> bool:
        """The main button was tapped. True if the page handled it; False to go on to the next screen."""
        return False

    def back(self, briefing: Briefing) -> bool:
        """Back was tapped. True if the page handled it (a step within the page); False to go back a screen."""
        return False

    def attempt(self, action: Callable[[], object]) -> bool:
        """Run one of the briefing's intents. A refusal or a failed save becomes a sentence on screen;
        the briefing's state is unchanged then, because it changes only after the store accepted."""
        from kiosk.session import FlowError  # loaded by now: a briefing is open

        try:
            action()
        except FlowError as exc:
            self.problem.emit(exc.blocker.value if exc.blocker else str(exc))
            return False
        except Exception as exc:
            if not not_saved(exc):
                raise
            # The exception's text can carry SQL parameters (names): log its kind only.
            log.error("an event could not be stored: %s", type(exc).__name__)
            self.problem.emit(SAVE_FAILED)
            return False
        return True


def not_saved(exc: BaseException) -> bool:
    """Whether an error means the store did not take a change (the patient may tap again).

    The store's modules are imported here, not at the top: the first screen is painted before the
    store (SQLAlchemy) has even loaded, and by the time a change can fail, it has."""
    from sqlalchemy.exc import SQLAlchemyError

    from kiosk.store.recorder import RecordError

    return isinstance(exc, RecordError | SQLAlchemyError | OSError)


def _blank(widget: QWidget) -> None:
    """Empty the words a widget on its way out holds: it is deleted only at the next turn of the
    event loop, and until then a patient's name must not be found in it."""
    for w in [widget, *widget.findChildren(QWidget)]:
        if isinstance(w, QLabel | QAbstractButton):
            w.setText("")
        w.setAccessibleName("")


def label(text: str = "", role: str | None = None, *, wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        widget.setProperty("role", role)
    return widget


def button(
    text: str, role: str | None = None, on_click: Callable[[], None] | None = None
) -> QPushButton:
    widget = QPushButton(text)
    widget.setProperty("kiosk", True)  # the theme sizes these; the keyboards size their own keys
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    if role:
        widget.setProperty("role", role)
    if on_click:
        widget.clicked.connect(on_click)
    return widget


def centred(widget: QWidget) -> QHBoxLayout:
    """A row holding the widget as wide as it may grow (up to its maximum width), centred."""
    row = QHBoxLayout()
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    row.addStretch(1)
    row.addWidget(widget, 100)
    row.addStretch(1)
    return row


def card() -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setProperty("role", "card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(24, 20, 24, 20)
    layout.setSpacing(12)
    return frame, layout


def kinetic(area: QScrollArea) -> QScrollArea:
    """Let a finger (or a held mouse button) drag the content and fling it, like a phone."""
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(area.viewport())
    props = scroller.scrollerProperties()
    props.setScrollMetric(
        QScrollerProperties.ScrollMetric.VerticalOvershootPolicy,
        QScrollerProperties.OvershootPolicy.OvershootAlwaysOff,
    )
    props.setScrollMetric(
        QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy,
        QScrollerProperties.OvershootPolicy.OvershootAlwaysOff,
    )
    scroller.setScrollerProperties(props)
    return area


class Reading(QScrollArea):
    """A column of content that scrolls with a finger when it is longer than the screen."""

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.column = QWidget()
        self.column.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.content = QVBoxLayout(self.column)
        self.content.setContentsMargins(0, 0, 16, 0)
        self.content.setSpacing(16)
        self.setWidget(self.column)
        kinetic(self)

    def clear(self) -> None:
        while self.content.count():
            item = self.content.takeAt(0)
            if item is None:
                break
            widget = item.widget()
            if widget is not None:
                widget.hide()
                _blank(widget)
                widget.deleteLater()
            # takeAt hands the item over and nobody else frees it (about 90 bytes a row, every
            # screen); deleting it leaves its widget alone, as in C++.
            shiboken6.delete(item)
        self.verticalScrollBar().setValue(0)

    def add(self, widget: QWidget) -> QWidget:
        self.content.addWidget(widget)
        widget.show()  # at once, not at the next turn of the event loop: the page is drawn in one go
        return widget

    def finish(self) -> None:
        self.content.addStretch(1)

    # -- rows kept from screen to screen (the patient's pages: a new row costs its making, its
    # styling and its deletion on every Next, where a kept one costs only its words) --

    @contextmanager
    def refilling(self, rows: int) -> Iterator[None]:
        """Around giving kept rows (`refill`) the next screen's words, when `rows` will show.

        Each widget shown into a visible window has Qt lay out its parents there and then, and ask
        the display server where the pointer is (a round trip, which waits for the server to finish
        drawing the last frame). When more than one row appears, the column is hidden meanwhile and
        laid out once when shown again, painted at the next turn of the event loop as before. A
        column not on screen (its page is not the current one) costs nothing yet either way."""
        items = (self.content.itemAt(n) for n in range(self.content.count()))
        showing = sum(1 for i in items if i is not None and (w := i.widget()) and not w.isHidden())
        hide = rows - showing > 1 and self.column.isVisible()
        if hide:
            self.column.hide()
        try:
            yield
        finally:
            if hide:
                self.column.show()

    def refill(
        self,
        kept: list[Row],
        items: Sequence[Entry],
        make: Callable[[], Row],
        fill: Callable[[Row, Entry], None],
        at: int = 0,
    ) -> None:
        """One kept row per item, given its words by `fill` and shown; rows are made (and placed from
        position `at` of the column) when `kept` has too few, and those left over are emptied
        (`_blank`) and hidden."""
        while len(kept) < len(items):
            row = make()
            self.content.insertWidget(at + len(kept), row)
            kept.append(row)
        for row, item in zip(kept, items, strict=False):
            fill(row, item)
            row.show()
        for row in kept[len(items) :]:
            _blank(row)
            row.hide()
