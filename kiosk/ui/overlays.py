"""What lies over or beside the frame: the staff corner, “Are you still there?”, the language
chooser, and the watch for any touch (someone is here)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import Words
from kiosk.session.view import View
from kiosk.ui.pages.base import LINE_CHARACTERS, button, centred, label
from kiosk.ui.theme import Look
from kiosk.ui.typeset import wear

HOLD_MS = 3000
"""How long staff hold the top-left corner to open staff sign-in."""


class CornerHold(QWidget):
    """An unmarked square in the top-left corner: holding it for three seconds opens staff sign-in."""

    held = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("staffCorner")
        self.setFixedSize(72, 72)
        self.hold_ms = HOLD_MS
        """How long a finger must stay (a test of where the corner is need not wait three s)."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.held.emit)

    @property
    def holding(self) -> bool:
        """A finger is on the corner and the three seconds are running."""
        return self._timer.isActive()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._timer.start(self.hold_ms)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._timer.stop()
        event.accept()


class ScreenCorner(CornerHold):
    """The staff corner reaching the screen's own corner: an unmarked, undrawn area over the
    window from its top corner (top-left; top-right right to left) to the far edge of the top
    bar's corner square, held like it. The window's margins, and in practice mode the PRACTICE
    banner, lie between the screen's corner and that square: a finger held in the very corner,
    as staff are told, landed on neither (in practice mode, the corner was under the banner)."""

    def __init__(self, window: QWidget, square: QWidget) -> None:
        super().__init__()
        self.setParent(window)
        self.setObjectName("screenCorner")
        self.setMinimumSize(0, 0)
        self.setMaximumSize(16_777_215, 16_777_215)
        self._window, self._square = window, square
        # Its place follows the square's alone: a wider window moves the square (right to left)
        # or leaves it where it is (left to right).
        square.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (
            QEvent.Type.Move,
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.Hide,
            QEvent.Type.LayoutDirectionChange,
        ):
            self.follow()
        return False

    def follow(self) -> None:
        """Cover from the window's top corner to the square's far edge, above everything; hidden
        while the square is (staff mode hides the frame: its own controls are not covered)."""
        window, square = self._window, self._square
        if not square.isVisible():
            self.hide()
            return
        box = square.rect().translated(square.mapTo(window, square.rect().topLeft()))
        if window.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            self.setGeometry(box.left(), 0, window.width() - box.left(), box.bottom() + 1)
        else:
            self.setGeometry(0, 0, box.right() + 1, box.bottom() + 1)
        self.raise_()
        self.show()


class Cover(QWidget):
    """What covers the page: a title in the middle, what follows under it (`layout`), styled
    when it shows (it is hidden nearly always) and sized to the window."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.column = QVBoxLayout(self)
        self.column.addStretch(1)
        self.title = label(role="title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(self.title)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.hide()
        self.look: Look | None = None
        """The look to take when next shown (or when the screen is quiet: `restyle`)."""
        self._worn: Look | None = None
        self.below: QWidget | None = None
        """What stays in sight across the window's top, over it (practice mode's PRACTICE banner:
        the language list and "Are you still there?" covered it)."""

    def add(self, widget: QWidget) -> None:
        """A part under the title, centred across (the last one added stands lowest)."""
        self.column.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)

    def finish(self) -> None:
        self.column.addStretch(1)

    def restyle(self) -> bool:
        """Take the look, if it has not yet (whether it did)."""
        if self.look is None or self._worn == self.look:
            return False
        self._worn = self.look
        wear(self, self.look)
        return True

    def place(self) -> None:
        """Over the whole window but what stands across its top in sight (`below`)."""
        parent = self.parentWidget()
        if parent is None:
            return
        area = parent.rect()
        if self.below is not None and self.below.isVisible():
            area.setTop(self.below.geometry().bottom() + 1)
        self.setGeometry(area)

    def cover(self) -> None:
        """Over the window, on top."""
        self.place()
        if not self.isVisible():
            self.show()
            self.raise_()


YES_APART = 32
"""Room between the seconds left and "Yes, I am here" (px): the answer stands apart from the words,
as a screen's main action does (it touched the line above it)."""


class StillThere(Cover):
    """“Are you still there?”, covering the page, with a large Yes and the seconds left."""

    yes = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.countdown = label()
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # As wide as a line of a page may be, its lines whole, in the middle.
        self.column.addLayout(centred(self.countdown))
        self.column.addSpacing(YES_APART)
        self.yes_button: QPushButton = button("", "primary", self.yes.emit)
        self.add(self.yes_button)
        self.finish()

    def draw(self, seconds: int | None, words: Words) -> None:
        if seconds is None:
            self.hide()
            return
        self.restyle()
        self.title.setText(words("still-there.title"))
        self.countdown.setText(words("still-there.countdown", count=max(0, seconds)))
        # A line no longer than the pages' (it ran the whole width of a wide screen, 85 letters).
        line = self.countdown.fontMetrics().averageCharWidth() * LINE_CHARACTERS
        self.countdown.setMaximumWidth(line)
        self.yes_button.setText(words("still-there.yes"))
        self.cover()


class Touches(QObject):
    """Sees every press and key in the windows it watches, and reports it (a touch means someone
    is here).

    It watches the kiosk window's platform window (`watch`), where every press, touch and key
    arrives before Qt hands it to a widget, not the whole application: a filter on the
    application is called, in Python, for every event to every object (each widget shown,
    hidden, polished or laid out), hundreds a tap. While a dialog of its own is open (staff
    sign-in), `everywhere` watches the whole application for as long.
    """

    touched = Signal()

    def __init__(self, parent: QObject, repeat: tuple[type[QWidget], ...] = ()) -> None:
        super().__init__(parent)
        self._repeat = repeat
        """Where a quick second tap is a tap of its own: keypads, keyboards, the signature pad."""

    def watch(self, widget: QWidget) -> None:
        widget.winId()  # the platform window exists from here on
        handle = widget.windowHandle()
        if handle is not None:
            handle.installEventFilter(self)

    def unwatch(self, widget: QWidget) -> None:
        handle = widget.windowHandle()
        if handle is not None:
            handle.removeEventFilter(self)

    @contextmanager
    def everywhere(self) -> Iterator[None]:
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        try:
            yield
        finally:
            if app is not None:
                app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in INPUT:
            self.touched.emit()
        elif kind == QEvent.Type.MouseButtonDblClick and isinstance(event, QMouseEvent):
            return self._one_tap(watched, event)
        return False

    def _one_tap(self, watched: QObject, event: QMouseEvent) -> bool:
        """Whether to drop the second tap of a double tap (Qt sends it as a double click, which a
        button takes as a tap): a quick or trembling finger would otherwise tap Next again on the
        screen the first tap brought (skipping it), turn a toggle back, or answer twice. Keys of a
        keypad or keyboard, the signature pad and text fields take each tap (a date has 11 in it)."""
        widget: QObject | None = watched
        if not isinstance(watched, QWidget):  # a window: the widget under the finger in it
            top = next(
                (w for w in QApplication.topLevelWidgets() if w.windowHandle() is watched), None
            )
            if top is not None:
                widget = top.childAt(event.position().toPoint()) or top
        while isinstance(widget, QWidget):
            if isinstance(widget, self._repeat) or widget.property(EACH_TAP) is True:
                return False
            widget = widget.parentWidget()
        return True


INPUT = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress})

EACH_TAP = "eachTap"
"""A widget's property (True) where every tap counts, a quick second one too: keys that are no
keypad of their own (the witness's PIN keys dropped a digit typed twice quickly: 1124 became 124)."""


class LanguageChooser(Cover):
    """The languages, covering the page: a big button for each (named in its own script) and
    Close. Opened from the language button at the top of any screen; the screen under it stays
    as it was, in the language chosen."""

    chosen = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        from kiosk.ui.widgets.languages import GAP, LanguageButtons

        self.buttons = LanguageButtons(vertical=True)
        self.buttons.chosen.connect(self.chosen.emit)
        self.column.setSpacing(GAP + 2)  # Close as far from the last language (24 px at least)
        self.add(self.buttons)
        self.close_button: QPushButton = button("", None, self.closed.emit)
        self.close_button.setObjectName("closeLanguages")
        self.add(self.close_button)
        self.finish()

    def draw(self, view: View, words: Words) -> None:
        if not view.choosing_language:
            self.hide()
            return
        self.restyle()
        self.title.setText(words("languages.title"))
        self.close_button.setText(words("languages.close"))
        self.buttons.draw(view.languages)
        self.cover()
