"""A patient who types their name is told in their language that a staff member will confirm it,
before they type and on the first screen after Sign (staff's sign-in, its top theirs); going back
from it leaves the name as typed (a reviewer's Arabic patient met staff's English page unwarned)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.i18n import words_for
from kiosk.session import ScreenKind, Status
from kiosk.session.signature import TYPED_NOTE, TYPING_NOTE
from kiosk.station import Station
from kiosk.store.staff import add_staff
from kiosk.ui.interaction import Interaction
from kiosk.ui.staff.sign_in import ForPatient, StaffSignIn
from kiosk.ui.window import KioskWindow
from tests.ui.drive import begin, english, message, next_, scroll_to_end, tap, walk_to

ARABIC = words_for("ar")


class ShownToPatient(Interaction):
    """Staff sign-in as the kiosk shows it (its own window, over the patient's screen) where it
    speaks to a patient; else answered at once (the window closed at the test's end asks too)."""

    def staff_sign_in(
        self, parent: QWidget, reason: str, patient: ForPatient | None = None
    ) -> str | None:
        if patient is None:
            return "Sam Carter"
        return super().staff_sign_in(parent, reason, patient)


@pytest.fixture
def interaction(station: Station) -> Interaction:
    add_staff(station.store, "Sam Carter", "482916", datetime.now(UTC))
    return ShownToPatient(station)


def _shown(root: QWidget, text: str) -> list[QLabel]:
    return [w for w in root.findChildren(QLabel) if w.text() == text and w.isVisible()]


def _on_sign_in_arabic(qtbot: QtBot, window: KioskWindow) -> None:
    """At 1280x800 with Larger text, the signing screen, in Arabic (chosen there, as a patient may)."""
    tap(qtbot, window.top.larger_button)
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    assert window.model is not None
    window.model.choose_language("ar")
    scroll_to_end(qtbot, window.sign.statement)
    qtbot.waitUntil(window.bottom.primary.isEnabled)


def test_the_signing_screen_says_first_that_a_staff_member_confirms_a_typed_name(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    _on_sign_in_arabic(qtbot, window)
    note = ARABIC(TYPED_NOTE)
    (said,) = _shown(window.sign, note)
    # right under the way to a typed name, in its column (beside Clear, it read as Clear's)
    switch = window.sign.switch
    under = (
        said.mapTo(window, QPoint(0, 0)).y() - switch.mapTo(window, QPoint(0, switch.height())).y()
    )
    assert 0 <= under <= 24, under
    left = switch.mapTo(window, QPoint(0, 0)).x()
    assert left <= said.mapTo(window, QPoint(0, 0)).x() < left + switch.width()
    tap(qtbot, window.sign.switch)
    qtbot.waitUntil(window.sign.typed.isVisible)
    assert _shown(window.sign, ARABIC(TYPING_NOTE)), "not said while the name is typed"


def _when_asked(qtbot: QtBot, do: Callable[[StaffSignIn], None]) -> None:
    """Once staff's sign-in shows (its own event loop: Sign's tap returns when it closes), `do`."""

    def look() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, StaffSignIn)]
        shown = [w for w in shown if w.isVisible()]
        if not shown:
            QTimer.singleShot(10, look)
            return
        do(shown[0])

    QTimer.singleShot(0, look)


@pytest.mark.parametrize("way_back", ["patient", "staff"])
def test_sign_with_a_typed_name_speaks_the_patients_language_first_and_back_keeps_it(
    qtbot: QtBot, window: KioskWindow, prepared: str, way_back: str
) -> None:
    _on_sign_in_arabic(qtbot, window)
    tap(qtbot, window.sign.switch)
    qtbot.waitUntil(window.sign.typed.isVisible)
    window.sign.typed.setText("Maria")
    seen: dict[str, object] = {}

    def asked(dialog: StaffSignIn) -> None:
        said = _shown(dialog, ARABIC("sign.staff-call"))
        title = _shown(dialog, english("staff.sign-in.title"))  # staff's words stay theirs
        seen["said"] = bool(said) and bool(title)
        if said and title:  # over staff's words
            top = said[0].mapTo(dialog, QPoint(0, 0)).y()
            seen["first"] = top < title[0].mapTo(dialog, QPoint(0, 0)).y()
        back = dialog.patient_back if way_back == "patient" else dialog.cancel
        seen["back"] = back.text()
        tap(qtbot, back)

    _when_asked(qtbot, asked)
    next_(qtbot, window)  # Sign: returns once the sign-in is closed
    assert seen.get("said"), "the patient's line is not on staff's sign-in"
    assert seen.get("first"), "the patient's line is not at its top"
    if way_back == "patient":
        assert seen["back"] == ARABIC("sign.staff-call-back")
    # Back where they were: the name as typed, the keys, nothing refused, nothing signed.
    assert window.sign.typed.isVisible() and window.sign.typed.text() == "Maria"
    assert window.sign.keyboard.isVisible()
    assert message(window) == ""
    assert _shown(window.sign, ARABIC(TYPING_NOTE))
    b = window.briefing
    assert b is not None and b.status is Status.IN_PROGRESS
