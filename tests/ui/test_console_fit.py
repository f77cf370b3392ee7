"""The console at 1200x760 in English, Spanish and Arabic, with briefings waiting for the next free
kiosk (the longest status and kiosk): every column of the lists is in view without scrolling
sideways (the open questions too), a cell cut to fit shows its whole text on hover and a moment,
an MRN or a count is never cut; the procedure's name and the search hint are whole. Measured as a
person sees it: each text's rendered width against the part of its widget the window shows."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QTableView,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.config import load_config
from kiosk.i18n import words_for
from kiosk.services.console import ConsoleDesk
from kiosk.session import SystemClock
from kiosk.store import open_store
from kiosk.store.briefings import ANY_KIOSK, prepare_briefing
from kiosk.ui.console import table as briefings_table
from kiosk.ui.console.window import ConsoleWindow
from kiosk.ui.fonts import load_fonts
from tests.ui.console_drive import BRIEFINGS, FORM, demo_data, listed, sign_in

WAITING = ("Maximiliano Fernández de la Cruz", "عبد الرحمن بن عبد العزيز")


@pytest.fixture(params=["en", "es", "ar"])
def window(request: pytest.FixtureRequest, qtbot: QtBot, tmp_path: Path) -> Iterator[ConsoleWindow]:
    demo_data(tmp_path / "data")
    store = open_store(load_config().database_url, "front-desk")
    for n, name in enumerate(WAITING):
        prepare_briefing(
            store, FORM, name=name, date_of_birth=date(1950, 3, 4 + n), mrn=f"W-{n}",
            staff="Sam Carter", now=datetime.now(UTC), kiosk_id=ANY_KIOSK,
        )  # fmt: skip
    store.close()
    load_fonts()
    load_fonts(fallbacks=True)
    words = words_for(request.param)
    window = ConsoleWindow(lambda: ConsoleDesk.open(load_config(), SystemClock()), words)
    if words.right_to_left:
        window.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    window.resize(1200, 760)
    window.show()
    window.open()
    qtbot.waitUntil(lambda: window.sign_in.ok.isEnabled())
    yield window
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def shown(widget: QWidget) -> QRect:
    """The part of `widget` (in its own coordinates) its window shows: its rect cut by every
    parent's."""
    seen = widget.rect()
    child: QWidget = widget
    parent = widget.parentWidget()
    while parent is not None:
        seen = seen.intersected(QRect(widget.mapFrom(parent, QPoint(0, 0)), parent.size()))
        child, parent = parent, parent.parentWidget()
    assert child.isWindow()
    return seen


def _width(widget: QWidget, text: str) -> int:
    """The width `text` takes drawn in `widget`'s font (what Qt's views lay out, rounded up)."""
    return math.ceil(QFontMetricsF(widget.font()).horizontalAdvance(text))


def _cell_margin(table: QTableView) -> int:
    """The room a cell's text leaves on each side (Qt's item delegate)."""
    return table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1


def _check_table(qtbot: QtBot, table: QTableView, whole: set[int]) -> None:
    """Every column in view; every heading whole; a cell longer than its column has its whole
    text on hover, and a `whole` column's cells are never cut."""
    # Qt sets the scroll bar's range a moment after the columns are resized.
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0, timeout=2000)
    viewport = table.viewport()
    assert shown(viewport) == viewport.rect()
    header, model = table.horizontalHeader(), table.model()
    header_margin = table.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    for column in range(model.columnCount()):
        left, width = header.sectionViewportPosition(column), header.sectionSize(column)
        assert left >= 0 and left + width <= viewport.width(), f"column {column} out of view"
        heading = str(model.headerData(column, Qt.Orientation.Horizontal))
        assert _width(header, heading) + 2 * header_margin <= width, heading
        for row in range(model.rowCount()):
            index = model.index(row, column)
            text = str(model.data(index) or "")
            cell = table.visualRect(index)  # the cell less its grid line
            assert cell.left() >= 0 and cell.right() < viewport.width()  # all of its width in view
            rendered = _width(table, text) + 2 * _cell_margin(table)
            if rendered > cell.width():
                assert column not in whole, f"{text!r} cut in column {column}"
                assert model.data(index, Qt.ItemDataRole.ToolTipRole) == text


def _check_combo(combo: QComboBox) -> None:
    assert shown(combo) == combo.rect()
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    text = combo.currentText()
    assert _width(combo, text) <= field.width(), text


def _check_hint(edit: QLineEdit) -> None:
    """The search hint whole: its width within the box's text area, less its clear button."""
    assert shown(edit) == edit.rect()
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    area = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    room = area.width() - margins.left() - margins.right() - 2 * 2  # Qt's own 2 px each side
    room -= sum(b.width() for b in edit.findChildren(QToolButton))  # the clear button's place
    hint = edit.placeholderText()
    assert _width(edit, hint) <= room, hint


def test_every_column_of_the_lists_is_in_view(qtbot: QtBot, window: ConsoleWindow) -> None:
    sign_in(qtbot, window)
    listed(qtbot, window, BRIEFINGS + len(WAITING))
    view = window.briefings
    qtbot.waitUntil(lambda: not view.columns._soon.isActive())
    t = briefings_table
    _check_table(qtbot, view.table, {t.WHEN, t.MRN, t.LANGUAGE, t.RISKS, t.OPEN})
    window.tabs.setCurrentWidget(window.questions)
    questions = window.questions
    qtbot.waitUntil(lambda: questions.table.rowCount() > 0)
    qtbot.waitUntil(lambda: not questions.columns._soon.isActive())
    _check_table(qtbot, questions.table, {0, 2})
    assert window.width() == 1200  # nothing made the window wider than it was opened


def test_the_search_hint_is_whole(qtbot: QtBot, window: ConsoleWindow) -> None:
    sign_in(qtbot, window)
    listed(qtbot, window, BRIEFINGS + len(WAITING))
    _check_hint(window.briefings.bar.search)


def test_the_procedure_s_name_is_whole(qtbot: QtBot, window: ConsoleWindow) -> None:
    sign_in(qtbot, window)
    view = window.prepare
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.procedure.count() > 0 and view.kiosk.count() > 1)
    qtbot.waitUntil(lambda: shown(view.procedure) == view.procedure.rect())
    _check_combo(view.procedure)
    _check_combo(view.kiosk)
    _check_combo(view.language)
    assert window.width() == 1200
