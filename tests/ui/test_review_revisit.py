"""From Review, one tap on a risk's row (or a flagged question's) shows its screen, and one tap on
"Back to the summary" returns (no Back beside it doing the same): through the real widgets."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, QRect
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.session.review_views import Row
from kiosk.session.view import Mark
from kiosk.ui.icons import Glyph, pixmap
from kiosk.ui.pages.review import RowButton
from kiosk.ui.window import KioskWindow
from tests.ui.drive import (
    acknowledge,
    begin,
    english,
    forward,
    kind,
    next_,
    tap,
    tap_on_screen,
    walk_to,
)


def row(window: KioskWindow, screen_id: str, nth: int = 0) -> tuple[Row, RowButton]:
    """Review's `nth` row for `screen_id`, as the view has it and as drawn."""
    assert window.model is not None
    found = [
        (n, line)
        for n, line in enumerate(window.model.view.lines)
        if isinstance(line, Row) and line.screen_id == screen_id
    ]
    n, line = found[nth]
    return line, window.review._lines[n].button


def tap_row(qtbot: QtBot, window: KioskWindow, screen_id: str) -> None:
    """Scroll Review to the row, as a finger would, and tap it."""
    _, button = row(window, screen_id)
    window.review.body.ensureWidgetVisible(button)
    tap_on_screen(qtbot, button)


@pytest.fixture
def review(qtbot: QtBot, window: KioskWindow, prepared: str) -> KioskWindow:
    """Walked to Review in English, the first risk flagged on the way."""
    begin(qtbot, window)
    b = window.briefing
    assert b is not None
    walk_to(qtbot, window, ScreenKind.REVIEW, flag=b.form.risks[0].id)
    return window


def test_a_risk_tapped_on_review_shows_and_one_tap_returns(
    qtbot: QtBot, review: KioskWindow
) -> None:
    window = review
    b = window.briefing
    assert b is not None
    risk = b.form.risks[2]
    tap_row(qtbot, window, risk.id)
    assert (kind(window), b.current.id) == (ScreenKind.RISK, risk.id)
    assert window.reading.title.text() == risk.title
    assert window.bottom.primary.text() == english("review.back-to-summary")
    assert window.bottom.back.isHidden()  # one way back, the main action: not two
    next_(qtbot, window)
    assert kind(window) is ScreenKind.REVIEW
    assert window.bottom.primary.text() == english("frame.next")
    assert not window.bottom.back.isHidden()  # on Review itself, Back as on every screen


def test_a_crossed_risk_acknowledged_from_review_is_ticked_there(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    begin(qtbot, window)
    b = window.briefing
    assert b is not None
    risk = b.form.risks[1]
    while b.current.id != risk.id:
        forward(qtbot, window)
    # The risk screens make a risk left unacknowledged impossible (Review guards it a second
    # time): let this one by unacknowledged, and nothing stored of it.
    b.acknowledgements[risk.id] = next(iter(b.acknowledgements.values()))
    walk_to(qtbot, window, ScreenKind.REVIEW)
    del b.acknowledgements[risk.id]
    next_(qtbot, window)  # refused: a risk outstanding
    assert kind(window) is ScreenKind.REVIEW
    line, button = row(window, risk.id)
    assert line.mark is Mark.CROSS
    assert english("review.risk-missing", title=risk.title) == button.line.text.text()
    tap_row(qtbot, window, risk.id)
    assert b.current.id == risk.id
    acknowledge(qtbot, window)  # "I understand this risk", as on the path
    assert risk.id in b.acknowledgements
    next_(qtbot, window)  # "Back to the summary"
    assert kind(window) is ScreenKind.REVIEW
    line, button = row(window, risk.id)
    assert line.mark is Mark.TICK and button.line.text.text() == risk.title
    next_(qtbot, window)
    assert kind(window) is ScreenKind.SIGN


def test_a_flagged_screen_tapped_on_review_shows_and_returns(
    qtbot: QtBot, review: KioskWindow
) -> None:
    window = review
    b = window.briefing
    assert b is not None
    flagged = b.flags[0]
    _, button = row(window, flagged, nth=1)  # the risk's row, then its question's
    window.review.body.ensureWidgetVisible(button)
    tap_on_screen(qtbot, button)
    assert b.current.id == flagged
    next_(qtbot, window)
    assert kind(window) is ScreenKind.REVIEW


@pytest.mark.parametrize("language", ["ar", "es"])
def test_rows_are_large_targets_apart_with_an_arrow_that_points_on(
    qtbot: QtBot, window: KioskWindow, prepared: str, language: str
) -> None:
    tap(qtbot, window.welcome.languages.buttons[language])
    tap(qtbot, window.top.larger_button)
    begin(qtbot, window)
    b = window.briefing
    assert b is not None
    walk_to(qtbot, window, ScreenKind.REVIEW, flag=b.form.risks[0].id)
    column = window.review.body.column
    lines = window.model.view.lines  # type: ignore[union-attr]
    slots = window.review._lines  # (the rows as drawn for the view's lines, in their order)
    buttons = [
        slot.button for line, slot in zip(lines, slots, strict=False) if isinstance(line, Row)
    ]
    assert len(buttons) == len(b.form.risks) + 1
    frames = [QRect(x.mapTo(column, QPoint(0, 0)), x.size()) for x in buttons]
    assert all(f.height() >= 64 for f in frames)
    gaps = [after.top() - before.bottom() - 1 for before, after in pairwise(frames)]
    assert min(gaps) >= 24
    arrow = buttons[0].arrow.pixmap().toImage()
    palette = window.review.look.palette
    rtl = language == "ar"
    drawn = [
        pixmap(Glyph.NEXT, palette.button_text, arrow.width(), right_to_left=d).toImage()
        for d in (False, True)
    ]
    assert drawn[0] != drawn[1] and arrow == drawn[rtl]  # to the left in Arabic


def test_back_from_a_row_the_list_is_where_it_was(qtbot: QtBot, review: KioskWindow) -> None:
    """A reviewer opened a flagged row at the foot of the list and came back to its top: the next
    flagged row meant scrolling down again. The list stays where it was; a new Review starts at
    its top."""
    window = review
    b = window.briefing
    assert b is not None
    bar = window.review.body.verticalScrollBar()
    _, button = row(window, b.flags[0], nth=1)  # the flagged question's row, at the foot
    window.review.body.ensureWidgetVisible(button)
    scrolled = bar.value()
    assert scrolled > 0  # (at 1280x800 the list is longer than its room)
    tap_on_screen(qtbot, button)
    next_(qtbot, window)
    assert kind(window) is ScreenKind.REVIEW
    qtbot.waitUntil(lambda: bar.value() == scrolled)
