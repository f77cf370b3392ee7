"""The desk's table columns, fitted to what the rows show whenever the rows change or the window
is resized: each column as wide as its widest cell (of the rows in view and a few hundred more),
and the room left over to the text columns (a patient's name, what a question was about).

Sized once at the first load, a longer name read later was cut ("فاطمة…"), what a question was
about showed as "If the …" and an empty last column took half the width (a reviewer at 1280x800).
Qt's own Stretch mode gives a text column only the room the others leave, so a name a little
longer than that was cut even in a window with space for it. When the columns do not all fit the
window, the widest ones give way, down to one width (`fitted`): every column stays in view (the
table scrolled sideways had hidden the open questions), a cell longer than its column is cut with
"…" and shows its whole text on hover, and a cell no wider than the others is never cut.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

CONTENTS_PRECISION = 300
"""A column's width is measured over the rows in view and this many more (not every row of a long
list at each page read)."""
TEXT_WIDEST = 560
"""A text column is never fitted wider than this (a name can be 200 letters): the rest on hover."""
OTHER_WIDEST = 400
"""Nor any other column (a status, who answered and when)."""
NARROWEST = 48
"""No column is made narrower than this to fit (in a window too small for that, the table scrolls)."""
CUT_FIRST_NARROWEST = 96
"""The columns cut first are cut no narrower than this before the next ones are cut too."""


def fitted(
    widths: list[int],
    room: int,
    text: frozenset[int],
    held: set[int],
    whole: frozenset[int] = frozenset(),
) -> list[int]:
    """The widths to give columns as wide as `widths` in `room` pixels. When they fit, the `text`
    columns are given the room left over. When they do not, the widest are cut to one width that
    makes them fit: first only the others (a status, a kiosk), then the `text` ones too (a name),
    each time not below CUT_FIRST_NARROWEST; then every one, `whole` ones too (a moment, a count),
    not below NARROWEST. Columns staff sized by hand (`held`) stay as they are."""
    spare = room - sum(widths)
    if spare >= 0:
        grow = [c for c in range(len(widths)) if c in text and c not in held]
        out = list(widths)
        for n, column in enumerate(grow):
            out[column] += spare // len(grow) + (1 if n < spare % len(grow) else 0)
        return out
    free = [c for c in range(len(widths)) if c not in held]
    others = [c for c in free if c not in text and c not in whole]
    for cut in (others, [c for c in free if c not in whole]):
        cap = _cap(widths, cut, room)
        if cap >= CUT_FIRST_NARROWEST:
            return [min(w, cap) if c in cut else w for c, w in enumerate(widths)]
    cap = max(NARROWEST, _cap(widths, free, room))
    return [min(w, cap) if c in free else w for c, w in enumerate(widths)]


def _cap(widths: list[int], cut: list[int], room: int) -> int:
    """The one width to cut the `cut` columns wider than it to, for all the columns to fit `room`
    (0 when even that does not make them fit)."""
    left = room - sum(w for c, w in enumerate(widths) if c not in cut)
    below = 0
    for n, width in enumerate(sorted(widths[c] for c in cut)):
        others = len(cut) - n  # these are at least `width` wide: all cut to one width
        if below + width * others >= left:
            return max(0, (left - below) // others)
        below += width
    return 0  # no columns to cut


class FittedColumns(QObject):
    """Keeps `table`'s columns fitted to its rows and its window; `text` are the columns that take
    the room left, `whole` those cut last (a moment, a count)."""

    def __init__(
        self, table: QTableView, text: Collection[int], whole: Collection[int] = ()
    ) -> None:
        super().__init__(table)
        self.table = table
        self.text = frozenset(text)
        self.whole = frozenset(whole)
        """Columns cut to fit the window only when cutting the others is not enough."""
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setResizeContentsPrecision(CONTENTS_PRECISION)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # staff may still widen one
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)  # a page of rows (or a table's cells set one by one) fits once
        self._soon.timeout.connect(self.fit)
        self._fitting = False
        self.held: set[int] = set()
        """Columns staff widened or narrowed by hand: kept as they made them (the list, read again
        every few seconds, had put them back at once)."""
        header.sectionResized.connect(self._resized)
        model = table.model()
        model.modelReset.connect(self._soon.start)
        model.rowsInserted.connect(self._soon.start)
        model.rowsRemoved.connect(self._soon.start)
        model.dataChanged.connect(self._soon.start)
        model.layoutChanged.connect(self._soon.start)
        table.viewport().installEventFilter(self)
        self._soon.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._soon.start()
        return False

    def _resized(self, column: int, _old: int, _new: int) -> None:
        if not self._fitting:
            self.held.add(column)

    def fit(self) -> None:
        """Each column as wide as its widest cell or heading, the widest cut to fit the window; the
        text columns share what is left (but those staff sized by hand, which stay as they are)."""
        table, header = self.table, self.table.horizontalHeader()
        count = header.count()
        if not count:
            return
        widths = []
        for column in range(count):
            if column in self.held:
                widths.append(header.sectionSize(column))
                continue
            wanted = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
            widths.append(min(wanted, TEXT_WIDEST if column in self.text else OTHER_WIDEST))
        widths = fitted(widths, table.viewport().width(), self.text, self.held, self.whole)
        self._fitting = True
        try:
            for column, width in enumerate(widths):
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        finally:
            self._fitting = False
