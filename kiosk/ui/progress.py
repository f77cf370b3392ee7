"""The bar of the whole briefing under "Part n of m", in the frame's top (kiosk.ui.chrome)."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar


class ProgressBar(QProgressBar):
    """The bar under "Part n of m", which only asks to be painted with the rest of the screen.

    QProgressBar repaints itself at once, synchronously, when its value changes: in the middle of
    drawing a new screen, that painted the whole window before the new page's layout had run. Here
    the change is made with the bar's updates off, and turning them on again schedules an ordinary
    update(), painted at the next turn of the event loop with everything else.
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
