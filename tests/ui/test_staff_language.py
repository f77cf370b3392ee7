"""Staff read the clinic's main language on the kiosk, whatever the patient chose; Arabic mirrored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.i18n import words_for
from kiosk.ui.interaction import Interaction
from kiosk.ui.window import KioskWindow


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> dict[str, object]:
    return {"languages": request.param}


@pytest.mark.parametrize(
    ("settings", "main", "direction"),
    [
        ("es, en, ar", "es", Qt.LayoutDirection.LeftToRight),
        ("ar, en", "ar", Qt.LayoutDirection.RightToLeft),
        ("en, es", "en", Qt.LayoutDirection.LeftToRight),
    ],
    indirect=["settings"],
)
def test_staff_mode_and_sign_in_read_the_clinics_main_language(
    window: KioskWindow, main: str, direction: Qt.LayoutDirection
) -> None:
    words = words_for(main)
    page = window.staff_mode.page
    assert window.station.staff_language == main
    assert page.words.language == main and page.layoutDirection() == direction
    assert page.prepare_button.text() == words("staff.menu.prepare")
    assert Interaction(window.station).words.language == main


@pytest.mark.parametrize("settings", ["ar, en"], indirect=True)
def test_the_sign_in_dialog_is_mirrored_in_arabic(window: KioskWindow) -> None:
    from kiosk.ui.staff.sign_in import StaffSignIn

    words = Interaction(window.station).words
    dialog = StaffSignIn(window, window.station, words("staff.mode-reason"), words)
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.windowTitle() == words("staff.sign-in.title")
    dialog.deleteLater()
