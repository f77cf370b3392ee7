"""Idle sessions end and leave nothing personal on screen; only staff can close the kiosk."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.session import ScreenKind, Status
from kiosk.station import Station
from kiosk.store.models import AuditEntry, BriefingRow, ComprehensionAnswer
from kiosk.ui.widgets.signature_pad import SignaturePad
from kiosk.ui.window import KioskWindow
from tests.session.fakes import FakeClock
from tests.ui.conftest import NAME, FakeInteraction
from tests.ui.drive import begin, kind, next_, scribble, sign_here, tap, texts, walk_to


def test_after_the_idle_time_the_briefing_is_abandoned_and_no_widget_holds_the_name(
    qtbot: QtBot, window: KioskWindow, prepared: str, station: Station, clock: FakeClock
) -> None:
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    sign_here(qtbot, window)
    assert any(NAME in t for t in texts()), "the sign page shows the patient's name"
    clock.advance(89)
    window.tick()
    assert not window.still_there.isVisible()
    clock.advance(1)
    window.tick()
    assert window.still_there.isVisible()
    assert "30\u00a0seconds" in window.still_there.countdown.text()
    clock.advance(12)
    window.tick()
    assert "18\u00a0seconds" in window.still_there.countdown.text()
    with qtbot.waitSignal(window.session_ended):
        clock.advance(18)
        window.tick()
    assert window.briefing is None
    assert window.stack.currentWidget() is window.welcome
    assert not window.still_there.isVisible()
    leftovers = [t for t in texts() if NAME in t or "Zoë" in t or "1951" in t]
    assert leftovers == []
    assert window.sign.pad.is_empty() and window.sign.pad.strokes() == ()
    assert ink(window.sign.pad) == 0, "the signature is still drawn"
    with station.store.reading() as session:
        row = session.get(BriefingRow, prepared)
        assert row is not None and row.status == "abandoned" and row.end_reason == "inactivity"


def test_the_next_patient_starts_in_the_kiosks_own_look(
    qtbot: QtBot, window: KioskWindow, prepared: str, clock: FakeClock
) -> None:
    """Larger text and high contrast chosen by one patient end with their session."""
    tap(qtbot, window.top.larger_button)
    tap(qtbot, window.top.contrast_button)
    begin(qtbot, window)
    assert window.larger and window.high_contrast
    with qtbot.waitSignal(window.session_ended):
        clock.advance(120)
        window.tick()
        clock.advance(60)
        window.tick()
    assert not window.larger and not window.high_contrast
    assert not window.top.larger_button.isChecked()
    assert not window.top.contrast_button.isChecked()
    assert window.look.larger is False


def test_a_press_or_a_key_anywhere_on_the_screen_keeps_the_briefing_going(
    qtbot: QtBot, window: KioskWindow, prepared: str, clock: FakeClock
) -> None:
    """As the platform delivers them: to the kiosk's window, before any widget."""
    begin(qtbot, window)
    handle = window.windowHandle()
    assert handle is not None
    since = 0
    for touch in (
        lambda: QTest.keyClick(handle, Qt.Key.Key_Shift),
        lambda: QTest.mouseClick(handle, Qt.MouseButton.LeftButton, pos=QPoint(2, 2)),
    ):
        clock.advance(88 - since)  # two seconds before "Are you still there?"
        window.tick()
        touch()
        clock.advance(2)
        window.tick()
        assert not window.still_there.isVisible(), "the touch was not seen"
        since = 2
    clock.advance(88)
    window.tick()
    assert window.still_there.isVisible()
    # "Are you still there?" shows: a touch anywhere on it is a yes, not only on its button
    # (reviewers touched the words and the countdown went on).
    yes = window.still_there.yes_button
    away = QPoint(4, window.height() - 4)
    assert not yes.geometry().contains(yes.parentWidget().mapFrom(window, away))
    QTest.mouseClick(handle, Qt.MouseButton.LeftButton, pos=away)
    assert not window.still_there.isVisible()
    assert window.briefing is not None and window.briefing.status is Status.IN_PROGRESS


def ink(pad: SignaturePad) -> int:
    """How many pixels of the pad are as dark as the ink (the guide line and hint are mid-grey)."""
    image = pad.grab().toImage()
    return sum(
        image.pixelColor(x, y).lightness() < 80
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )


def test_ink_counts_a_drawn_signature(qtbot: QtBot) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(800, 300)
    assert ink(pad) == 0
    scribble(pad)
    assert ink(pad) > 100


def test_a_touch_or_yes_keeps_the_briefing_going(
    qtbot: QtBot, window: KioskWindow, prepared: str, clock: FakeClock
) -> None:
    begin(qtbot, window)
    clock.advance(100)
    window.tick()
    assert window.still_there.isVisible()
    tap(qtbot, window.still_there.yes_button)
    assert not window.still_there.isVisible()
    clock.advance(60)
    window.tick()
    assert window.briefing is not None and kind(window) is ScreenKind.ABOUT
    clock.advance(29)
    next_(qtbot, window)  # any tap counts as being here
    clock.advance(89)
    window.tick()
    assert not window.still_there.isVisible()


def test_closing_the_window_without_staff_leaves_the_kiosk_running(
    qtbot: QtBot, window: KioskWindow, prepared: str, interaction: FakeInteraction
) -> None:
    interaction.answer = None  # nobody signs in
    begin(qtbot, window)
    assert window.close() is False
    qtbot.waitUntil(lambda: interaction.asked == ["Staff mode"])
    assert window.isVisible() and window.briefing is not None


def test_alt_f4_without_staff_leaves_the_kiosk_running(
    qtbot: QtBot, window: KioskWindow, interaction: FakeInteraction
) -> None:
    interaction.answer = None
    qtbot.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert window.close() is False
    assert window.isVisible()


def test_staff_hold_the_corner_to_sign_in_and_can_close_the_kiosk(
    qtbot: QtBot, window: KioskWindow, prepared: str, station: Station, interaction: FakeInteraction
) -> None:
    begin(qtbot, window)
    qtbot.mousePress(window.top.corner, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.top.corner.held, timeout=5000):
        pass
    assert interaction.asked == ["Staff mode"]
    assert window.stack.currentWidget() is window.staff
    assert "Sam Carter" in window.staff.who.text()
    tap(qtbot, window.staff.leave_button)
    assert window.isVisible()  # asked first
    tap(qtbot, window.staff.leave_confirm.go_button)
    assert not window.isVisible()
    with station.store.reading() as session:
        row = session.get(BriefingRow, prepared)
        assert row is not None and row.status == "abandoned" and row.end_reason == "staff"
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.actor == "Sam Carter")
        ).all()
    assert "staff_mode_opened" in actions and "kiosk_left" in actions


def test_a_short_press_on_the_corner_does_nothing(
    qtbot: QtBot, window: KioskWindow, interaction: FakeInteraction
) -> None:
    assert window.top.corner.hold_ms == window.screen_corner.hold_ms == 3000  # as staff are told
    qtbot.mousePress(window.top.corner, Qt.MouseButton.LeftButton)
    assert window.top.corner.holding
    qtbot.mouseRelease(window.top.corner, Qt.MouseButton.LeftButton)
    assert not window.top.corner.holding  # let go before three seconds: nothing will open
    assert interaction.asked == []


def test_the_screen_s_very_corner_opens_staff_sign_in_in_either_direction(
    qtbot: QtBot, window: KioskWindow, interaction: FakeInteraction
) -> None:
    """Staff are told to hold the top-left corner: the pixel in the screen's corner (in the
    window's margin, outside the top bar's square) is the corner too, and top-right in Arabic;
    staff mode's own page, which hides the frame, is not covered by it."""
    corner = window.screen_corner
    corner.hold_ms = 50  # where the corner is, here; how long it is held, in the test above

    def held_at(point: QPoint) -> None:
        assert window.childAt(point) is corner, window.childAt(point)
        qtbot.mousePress(corner, Qt.MouseButton.LeftButton, pos=corner.mapFrom(window, point))
        with qtbot.waitSignal(corner.held, timeout=5000):
            pass

    held_at(QPoint(1, 1))
    assert interaction.asked == ["Staff mode"]
    assert window.stack.currentWidget() is window.staff and not corner.isVisible()
    assert window.childAt(QPoint(1, 1)) is not corner
    tap(qtbot, window.staff.back_button)
    assert corner.isVisible()
    window.model.choose_language("ar")
    qtbot.waitUntil(lambda: corner.geometry().right() == window.width() - 1)
    held_at(QPoint(window.width() - 2, 1))
    assert interaction.asked == ["Staff mode", "Staff mode"]


def test_staff_mode_returns_to_the_patient_screen_and_times_out(
    qtbot: QtBot, window: KioskWindow, prepared: str, clock: FakeClock
) -> None:
    begin(qtbot, window)
    window.open_staff()
    assert window.stack.currentWidget() is window.staff
    tap(qtbot, window.staff.back_button)
    assert kind(window) is ScreenKind.ABOUT and window.stack.currentWidget() is window.reading
    window.open_staff()
    clock.advance(91)
    window.tick()
    assert window.stack.currentWidget() is window.reading
    assert window.staff.who.text() == ""


@pytest.mark.parametrize("settings", [{"idle_warning_seconds": 20, "idle_end_seconds": 5}])
def test_the_idle_times_are_settings(
    qtbot: QtBot, window: KioskWindow, prepared: str, clock: FakeClock
) -> None:
    begin(qtbot, window)
    clock.advance(19)
    window.tick()
    assert not window.still_there.isVisible()
    clock.advance(1)
    window.tick()
    assert window.still_there.isVisible()
    assert "5\u00a0seconds" in window.still_there.countdown.text()
    with qtbot.waitSignal(window.session_ended):
        clock.advance(5)
        window.tick()


def test_a_tap_that_answers_are_you_still_there_does_not_reach_the_screen_under_it(
    qtbot: QtBot, window: KioskWindow, prepared: str, station: Station, clock: FakeClock
) -> None:
    """The press said yes and took the cover away before it was delivered: it landed on the
    question's answer under it, stored a wrong answer and sent the patient to "Not quite"."""
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.QUESTION)
    question = window.model.view.screen_id if window.model is not None else None
    clock.advance(90)
    window.tick()
    assert window.still_there.isVisible()
    handle = window.windowHandle()
    assert handle is not None
    for choice in window.question.buttons.values():
        if not choice.isVisible():
            continue
        at = choice.mapTo(window, choice.rect().center())
        QTest.mouseClick(handle, Qt.MouseButton.LeftButton, pos=at)
        qtbot.waitUntil(lambda: not window.still_there.isVisible())
        QTest.qWait(0)
        assert kind(window) is ScreenKind.QUESTION
        assert window.model is not None and window.model.view.screen_id == question
        assert not any(b.property("picked") == "true" for b in window.question.buttons.values())
        break
    with station.store.reading() as session:
        assert session.scalars(select(ComprehensionAnswer)).first() is None
