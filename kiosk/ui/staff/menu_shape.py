"""The staff menu's actions in the shape of the screen: two to a row on a landscape screen; on a
portrait one, one to a row across the page, tall, in the patient's larger type, spread in its height."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QPushButton, QSizePolicy, QSpacerItem

from kiosk.session.staff_type import StaffType
from kiosk.ui import theme
from kiosk.ui.staff.look import staff_look
from kiosk.ui.theme import Look

ACTIONS_GAP = 24
"""Room between two actions, at 1280x800 (scaled like the screen): closer, a finger meant for one
lands on the other."""
LEAVE_GAP = 40
"""Room between the actions and "Close the kiosk" on a landscape screen (twice it, scaled like the
screen, on a portrait one: Close asks first, but a finger should not find it by mistake)."""
TALL = (96, 144)
"""A portrait screen's actions: their least and greatest height at 1280x800 (scaled like the
screen); between the two they share the page's height, and what is left goes above and below."""
PADDING, BORDER = 20, 2
"""A button's room beside its words and its border (the theme's `QPushButton[kiosk="true"]`)."""
LANDSCAPE = ((0, 0, 1, 1), (0, 1, 1, 1), (1, 0, 1, 1), (1, 1, 1, 1), (2, 0, 1, 2), (3, 0, 1, 2))
"""Where each action stands on a landscape screen: (row, column, rows, columns)."""


class MenuShape:
    """Lays out `actions` (in `grid`, under the spacer `above`, in the menu's `column`) and sizes
    them and `leave` for the page's size, each time `fit` is told it."""

    def __init__(
        self,
        column: QBoxLayout,
        grid: QGridLayout,
        above: QSpacerItem,
        leave_gap: QSpacerItem,
        actions: tuple[QPushButton, ...],
        leave: QPushButton,
    ) -> None:
        self.column, self.grid, self.above, self.leave_gap = column, grid, above, leave_gap
        self.actions, self.leave = actions, leave
        self.look: Look | None = None
        self.sizes: StaffType | None = None
        """Staff's type sizes in that look (`kiosk.session.staff_type`)."""
        self.placed: tuple[bool, float] | None = None
        """On a portrait screen or not, at which scale: as the actions stand now."""
        self.fit(QSize(1280, 800))

    def fit(self, size: QSize) -> None:
        look = self.look or Look(theme.STANDARD, theme.BASE_PX)
        portrait = size.height() > size.width()
        self.grid.setSpacing(max(ACTIONS_GAP, look.room(ACTIONS_GAP)))
        if self.placed != (portrait, look.reach):
            self._place(portrait, look)
        sizes = self.sizes or staff_look(look, size)[1]
        px = self._type(look, sizes, size.width()) if portrait else 0
        low, high = (look.room(h) for h in TALL)
        tall = f"font-size: {px}px; min-height: {low}px; max-height: {high}px;" if px else ""
        for b in self.actions:
            if b.styleSheet() != tall:
                b.setStyleSheet(tall)
        sheet = f"font-size: {px}px;" if px else ""
        if self.leave.styleSheet() != sheet:
            self.leave.setStyleSheet(sheet)

    def _place(self, portrait: bool, look: Look) -> None:
        """One action to a row, growing in height (portrait), or two to a row as they are."""
        self.placed = (portrait, look.reach)
        grid = self.grid
        for b in self.actions:
            grid.removeWidget(b)
        for n, b in enumerate(self.actions):
            grid.addWidget(b, *((n, 0, 1, 1) if portrait else LANDSCAPE[n]))
            tall = QSizePolicy.Policy.Expanding if portrait else QSizePolicy.Policy.Fixed
            b.setSizePolicy(QSizePolicy.Policy.Minimum, tall)
        grid.setColumnStretch(0, 1 if portrait else 0)
        grid.setColumnStretch(2, 0 if portrait else 1)
        # Spread in the height: as much room above the actions as under Close, the actions
        # taking the most of it (up to their greatest height).
        column = self.column
        column.setStretch(column.indexOf(self.above), 1 if portrait else 0)
        column.setStretch(column.indexOf(grid), 4 if portrait else 0)
        gap = look.room(2 * LEAVE_GAP) if portrait else LEAVE_GAP
        self.leave_gap.changeSize(0, gap, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        column.invalidate()

    def _type(self, look: Look, sizes: StaffType, width: int) -> int:
        """The patient's larger reading size on this screen, or the largest below it (down to the
        body size) at which every action's words fit across the page on one line."""
        room = width - 2 * (look.room(PADDING) + BORDER) - 2
        font = QFont(self.actions[0].font())
        texts = [b.text() for b in (*self.actions, self.leave)]
        px = sizes.reading
        while px > sizes.body:
            font.setPixelSize(px)
            if max(QFontMetrics(font).horizontalAdvance(t) for t in texts) <= room:
                break
            px -= 1
        return px
