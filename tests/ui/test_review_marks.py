"""The review's marks face the reading direction where they should: Arabic's question mark is ؟
(a Latin ? read as out of place to an Arabic reader), and a tick is the same tick in every language."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.session.view import Mark
from kiosk.ui.icons import Glyph, pixmap
from kiosk.ui.window import KioskWindow
from tests.ui.drive import begin, tap, walk_to


def drawn_marks(window: KioskWindow) -> dict[Mark, tuple[QImage, QImage, QImage]]:
    """For the first line of each mark on the review: its mark as drawn, and the same glyph
    drawn left to right and mirrored, in that line's colour and size."""
    page = window.review
    rows = page._lines  # (the rows as drawn for the view's lines, in their order)
    found: dict[Mark, tuple[QImage, QImage, QImage]] = {}
    for line, row in zip(window.model.view.lines, rows, strict=False):  # type: ignore[union-attr]
        if line.mark is None or line.mark in found:
            continue
        image = row.mark.pixmap().toImage()
        glyph, colour = Glyph(line.mark.value), page.colour(line.tone)
        ltr, rtl = (pixmap(glyph, colour, image.width(), right_to_left=d) for d in (False, True))
        found[line.mark] = (image, ltr.toImage(), rtl.toImage())
    return found


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_question_mark_faces_the_reading_direction_and_the_tick_does_not(
    qtbot: QtBot, window: KioskWindow, prepared: str, language: str
) -> None:
    tap(qtbot, window.welcome.languages.buttons[language])
    begin(qtbot, window)
    b = window.briefing
    assert b is not None
    walk_to(qtbot, window, ScreenKind.REVIEW, flag=b.form.risks[0].id)
    marks = drawn_marks(window)
    assert {Mark.TICK, Mark.QUESTION} <= set(marks)
    question, left_to_right, mirrored = marks[Mark.QUESTION]
    assert left_to_right != mirrored  # (the glyph is not symmetric: mirroring shows)
    assert question == (mirrored if language == "ar" else left_to_right)  # ؟ in Arabic
    tick, left_to_right, _ = marks[Mark.TICK]
    assert tick == left_to_right
