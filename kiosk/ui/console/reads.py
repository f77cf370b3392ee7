"""Reads for the console's views (and their tables), run on the worker thread; an answer that
arrives after staff moved on (or signed out) is dropped, and a failure is one sentence from the
catalog."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
)

from kiosk.i18n import Msg, Words, msg
from kiosk.services.console import StaffError
from kiosk.ui.jobs import Jobs

log = logging.getLogger(__name__)


def rows_table(table: QTableView) -> None:
    """A console list: one row chosen at a time, rows striped, no row numbers."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()


def select_row(table: QTableView, row: int) -> None:
    """Highlight one whole row, and make it current. (QTableView.selectRow highlights nothing in a
    right-to-left table whose columns fill its width exactly, as the desk's are fitted.)"""
    flags = (
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    table.selectionModel().setCurrentIndex(table.model().index(row, 0), flags)


def read_only_table(words: Words, columns: tuple[str, ...]) -> QTableWidget:
    """A `rows_table` whose cells are filled by the view, headed by these catalog ids; a cell
    longer than its column is cut with "…" (its whole text on hover), never wrapped out of sight."""
    table = QTableWidget(0, len(columns))
    for column, message in enumerate(columns):
        heading = QTableWidgetItem(words(message))
        heading.setToolTip(words(message))  # a heading cut to fit the window, whole on hover
        table.setHorizontalHeaderItem(column, heading)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    rows_table(table)
    return table


def tell(label: QLabel, text: str, done: bool = False, plain: bool = False) -> None:
    """A message line: what went wrong (the notice colour), what was done (the done colour), or
    (`plain`) how things stand, neither (a briefing never signed has no PDF: it had shown green)."""
    label.setObjectName("muted" if plain else "done" if done else "notice")
    label.style().unpolish(label)
    label.style().polish(label)
    label.setText(text)


class Reads:
    """One view's reads: asking again, or `drop()`, makes every earlier answer unwanted."""

    def __init__(self, jobs: Jobs) -> None:
        self.jobs = jobs
        self._asked = 0

    def run(
        self,
        work: Callable[[], Any],
        arrived: Callable[[Any], None],
        refused: Callable[[Msg], None],
    ) -> None:
        self._asked += 1
        asked = self._asked

        def done(result: Any) -> None:
            if asked == self._asked:
                arrived(result)

        def failed(exc: Exception) -> None:
            if asked != self._asked:
                return
            if isinstance(exc, StaffError):
                refused(exc.text)
            else:
                log.error("a console read failed: %s", type(exc).__name__)
                refused(msg("console.store-failed"))

        self.jobs.run(work, done, failed)

    def drop(self) -> None:
        self._asked += 1
