"""A refused birth date said whole where there is room for it. A reviewer (Spanish, Larger text,
High contrast, 1280x800, practice mode) typed a wrong date twice: the second refusal stood cut
at its last line in a small scrolling box, "There is more below" under it and the page empty
below that. The cue, taking room only while it shows, had come while the words were being laid
out and stayed, though they were whole without it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.ui.window import KioskWindow
from tests.ui.drive import chosen_look, next_, tap, type_date
from tests.ui.seen import has_more_cue, look, problems, settle


@pytest.mark.parametrize("practice_banner", [True])
def test_a_wrong_birth_date_twice_is_said_whole_with_no_cue(
    qtbot: QtBot, prepared: str, window: KioskWindow, practice_banner: bool
) -> None:
    chosen_look(qtbot, window, QSize(1280, 800), "es")
    tap(qtbot, window.top.contrast_button)
    tap(qtbot, window.welcome.start_button)
    for attempt in (1, 2):
        type_date(qtbot, window.identity.keypad, "01011960")
        next_(qtbot, window)
        settle()
        qtbot.waitUntil(window.identity.notice.isVisible)
        assert not has_more_cue(window.identity.said), f"'more below' after wrong date {attempt}"
        # Every text whole: nothing in a scrolling box counts as seen for want of a cue.
        found = problems(look(window, "identity", cue=lambda area: False))
        assert not found, f"after wrong date {attempt}: " + "; ".join(map(str, found))
