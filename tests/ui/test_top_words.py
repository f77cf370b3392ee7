"""A toggle in the top bar shows its words wherever the way the bar is laid out has room for them:
in Spanish, portrait, Larger text, Listen stood as its glyph alone in a column 380 px wide (the
column as wide as "Letra más grande" under it). A reviewer: in Spanish and Arabic, an unlabelled
loudspeaker is a guess for a patient with poor eyesight."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from tests.ui.drive import begin, chosen_look, walk_to
from tests.ui.matrix import HEARD
from tests.ui.seen import settle


@pytest.mark.parametrize("language", ["es", "ar", "en"])
@pytest.mark.parametrize("size", [QSize(1080, 1920), QSize(1280, 800)], ids=str)
def test_no_toggle_is_its_glyph_alone_where_its_words_have_room(
    qtbot: QtBot,
    window: KioskWindow,
    prepared: str,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    size: QSize,
) -> None:
    monkeypatch.setattr(window.station.audio, "clips_for", lambda form, said: HEARD if said else ())
    monkeypatch.setattr(window.station.audio, "voice", lambda form: "a voice")
    chosen_look(qtbot, window, size, language)
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.QUESTION)  # the longest heading
    settle()
    top = window.top
    for b in top._compact:
        words = max(b.fontMetrics().horizontalAdvance(t) for t in top._words(b))
        room = b.width()
        assert words + top._globe_only_px() > room, f"{b.accessibleName()}: room for its words"
