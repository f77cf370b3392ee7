"""Sign tapped before what signing means was read to its end: "Please read what signing means to
the end first." is said beside Clear, and nothing else on the page moves or changes its type. A
reviewer, in practice mode at 1280x800 with Larger text: the name and the time over the pad turned
bold and larger, the heading wrapped, and the pad shrank 75 px under the signature already drawn
(its line jumped up through the ink)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from pytestqt.qtbot import QtBot

from kiosk.content import load_form
from kiosk.session import ScreenKind
from kiosk.station import Station
from kiosk.store.briefings import prepare_briefing
from kiosk.ui.window import KioskWindow
from tests.conftest import MILD
from tests.session.fakes import FakeClock
from tests.ui.conftest import DOB
from tests.ui.drive import (
    begin,
    chosen_look,
    message,
    offer_listen,
    scribble,
    walk_to,
    walk_up_with_larger_text,
)
from tests.ui.seen import on_window, settle


def _seen(window: KioskWindow) -> dict[str, object]:
    page = window.sign
    return {
        "pad": on_window(window, page.pad),
        "who": (on_window(window, page.who), page.who.font().pixelSize(), page.who.font().bold()),
        "title": (on_window(window, page.title), page.title.font().pixelSize()),
        "statement": on_window(window, page.statement),
        "sign": on_window(window, window.bottom.primary),
    }


def sign_then_refused(qtbot: QtBot, window: KioskWindow) -> None:
    """On to signing; a signature drawn and Sign tapped, greyed, before the statement was read to
    its end: refused, and neither the drawing nor the refusal moved anything."""
    walk_to(qtbot, window, ScreenKind.SIGN)
    settle()
    page = window.sign
    assert page.cue.isVisible(), "the statement fits: nothing to read to its end here"
    before = _seen(window)
    scribble(page.pad)
    settle()
    assert _seen(window) == before, "drawing moved the page"
    sign = window.bottom.primary
    assert not sign.isEnabled()
    qtbot.mouseClick(sign, Qt.MouseButton.LeftButton)  # greyed, tapped: refused, and why
    settle()
    assert message(window) == window.words("blocker.statement-not-read")
    assert _seen(window) == before


@pytest.mark.parametrize(
    ("size", "language", "practice_banner"),
    [
        pytest.param(QSize(1280, 800), "es", True, id="1280x800-es-banner"),
        pytest.param(QSize(1080, 1920), "es", False, id="1080x1920-es"),
    ],
)
def test_sign_before_reading_moves_nothing(
    qtbot: QtBot,
    window: KioskWindow,
    station: Station,
    clock: FakeClock,
    practice_banner: bool,
    size: QSize,
    language: str,
) -> None:
    prepare_briefing(
        station.store,
        load_form(MILD),
        name="Nguyễn Thị Ánh",
        date_of_birth=DOB,
        mrn=None,
        staff="Sam Carter",
        now=clock.now(),
    )
    chosen_look(qtbot, window, size, language)  # Larger text
    begin(qtbot, window)
    sign_then_refused(qtbot, window)


@pytest.mark.parametrize("practice_banner", [True])
@pytest.mark.parametrize("settings", [{"walk_up_mode": True}])
def test_a_walk_up_patients_sign_before_reading_moves_nothing(
    qtbot: QtBot, window: KioskWindow, practice_banner: bool
) -> None:
    """The reviewer's walk: practice mode, walk-up, Listen offered, Larger text on from the name on."""
    offer_listen(window, "en")
    window.show_at(QSize(1280, 800))
    walk_up_with_larger_text(qtbot, window)
    sign_then_refused(qtbot, window)
