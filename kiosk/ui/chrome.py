"""The frame around every page: progress and display choices at the top; Back, a question flag, the
message line and the main action at the bottom. Also the staff corner and “Are you still there?”."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QVBoxLayout, QWidget

from kiosk.ui.pages.base import button, label

HOLD_MS = 3000
"""How long staff hold the top-left corner to open staff sign-in."""
FLAG = "?  I have a question about this"
FLAGGED = "✓  Question noted for your surgeon"


class TopBar(QWidget):
    larger = Signal(bool)
    contrast = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        self.corner = CornerHold()
        layout.addWidget(self.corner)
        column = QVBoxLayout()
        column.setSpacing(4)
        self.where = label(role="progress", wrap=False)
        self.bar = ProgressBar()
        column.addWidget(self.where)
        column.addWidget(self.bar)
        layout.addLayout(column, 1)
        self.larger_button = button("A+  Larger text", "small")
        self.larger_button.setCheckable(True)
        self.larger_button.toggled.connect(self.larger.emit)
        self.contrast_button = button("◐  High contrast", "small")
        self.contrast_button.setCheckable(True)
        self.contrast_button.toggled.connect(self.contrast.emit)
        layout.addWidget(self.larger_button)
        layout.addWidget(self.contrast_button)

    def progress(self, at: int, total: int) -> None:
        """Where the patient is; (0, 0) hides it (welcome, between patients)."""
        self.where.setText(f"Part {at} of {total}" if total else "")
        self.bar.setVisible(total > 0)
        self.bar.show_progress(at, max(total, 1))


class ProgressBar(QProgressBar):
    """The bar under "Part n of m", which only asks to be painted with the rest of the screen.

    QProgressBar repaints itself at once, synchronously, when its value changes (and when a new
    range resets it): in the middle of drawing a new screen, that painted the whole window before
    the new page's layout had run, and then again once it had. Here the change is made with the
    bar's updates off, which makes that repaint do nothing, and turning them on again schedules an
    ordinary update(), painted at the next turn of the event loop with everything else.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setTextVisible(False)

    def show_progress(self, value: int, maximum: int) -> None:
        if (value, maximum) == (self.value(), self.maximum()) and self.minimum() == 0:
            return
        self.setUpdatesEnabled(False)
        try:
            self.setRange(0, maximum)
            self.setValue(value)
        finally:
            self.setUpdatesEnabled(True)


class BottomBar(QWidget):
    def __init__(self) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        self.back = button("‹  Back")
        self.flag = button(FLAG, "flag")
        self.message = label(role="notice")
        self.message.hide()
        self.primary = button("Next  ›", "primary")
        layout.addWidget(self.back)
        layout.addWidget(self.flag)
        layout.addWidget(self.message, 1)
        layout.addStretch(0)  # holds Back and the main action apart while the message is hidden
        layout.addWidget(self.primary)

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def flagged(self, yes: bool) -> None:
        self.flag.setText(FLAGGED if yes else FLAG)


class CornerHold(QWidget):
    """An unmarked square in the top-left corner: holding it for three seconds opens staff sign-in."""

    held = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("staffCorner")
        self.setFixedSize(72, 72)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(HOLD_MS)
        self._timer.timeout.connect(self.held.emit)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._timer.start()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._timer.stop()
        event.accept()


class StillThere(QWidget):
    """“Are you still there?”, covering the page, with a large Yes and the seconds left."""

    yes = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = label("Are you still there?", "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        self.countdown = label()
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.countdown)
        self.yes_button = button("Yes, I am here", "primary", self.yes.emit)
        layout.addWidget(self.yes_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.hide()

    def show_seconds(self, seconds: float) -> None:
        left = max(0, round(seconds))
        self.countdown.setText(
            f"For your privacy, this briefing will close in {left} second{'s' if left != 1 else ''}."
        )
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        if not self.isVisible():
            self.show()
            self.raise_()


class Touches(QObject):
    """Sees every press and key anywhere in the application, and reports it (a touch means someone is here)."""

    touched = Signal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.TouchBegin,
            QEvent.Type.KeyPress,
        ):
            self.touched.emit()
        return False
