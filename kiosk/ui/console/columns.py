"""The desk's table columns, fitted to what the rows show whenever the rows change or the window
is resized: each column as wide as its widest cell (of the rows in view and a few hundred more),
and the room left over to the text columns (a patient's name, what a question was about).

Sized once at the first load, a longer name read later was cut ("فاطمة…"), what a question was
about showed as "If the …" and an empty last column took half the width (a reviewer at 1280x800).
Qt's own Stretch mode gives a text column only the room the others leave, so a name a little
longer than that was cut even in a window with space to scroll to: here a text column is never
narrower than its text (up to TEXT_WIDEST), and the table scrolls sideways when they do not fit.
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


class FittedColumns(QObject):
    """Keeps `table`'s columns fitted to its rows; `text` are the columns that take the room left."""

    def __init__(self, table: QTableView, text: Collection[int]) -> None:
        super().__init__(table)
        self.table = table
        self.text = frozenset(text)
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
        """Each column as wide as its widest cell or heading; the text columns share what is left
        (but those staff sized by hand, which stay as they are)."""
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
        text = sorted((self.text & set(range(count))) - self.held)
        spare = table.viewport().width() - sum(widths)
        if spare > 0 and text:
            for n, column in enumerate(text):
                widths[column] += spare // len(text) + (1 if n < spare % len(text) else 0)
        self._fitting = True
        try:
            for column, width in enumerate(widths):
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        finally:
            self._fitting = False
