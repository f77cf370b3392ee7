"""A patient, played by a program: whole briefings through the real kiosk widgets, with no test
framework (for the benchmarks, the soak and the fault suite, which run outside pytest).

Every tap is a real mouse press and release on the widget (`QTest.mouseClick`), so the same slots,
intents, store writes and repaints run as for a finger. Nothing here reaches into the session
engine to skip a screen.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from time import monotonic

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QWidget

from kiosk.session import ScreenKind
from kiosk.session.kinds import READING
from kiosk.ui.window import KioskWindow

DOB_DIGITS = "03141951"
"""March 14, 1951, as typed on the date keypad (month, day, year)."""


class RobotError(AssertionError):
    """The kiosk did not do what a patient's tap should have made it do."""


def tap(widget: QWidget) -> None:
    if not widget.isVisible():
        raise RobotError(f"{widget!r} is not on screen")
    if not widget.isEnabled():
        raise RobotError(f"{widget!r} is disabled")
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def key(keypad: QWidget, text: str) -> QAbstractButton:
    for b in keypad.findChildren(QAbstractButton):
        if b.text() == text and b.isVisible():
            return b
    raise RobotError(f"no key {text!r}")


def kind(window: KioskWindow) -> ScreenKind:
    return window.briefing.current.kind if window.briefing else ScreenKind.WELCOME


def type_name(window: KioskWindow, name: str) -> None:
    """A plain ASCII name on the on-screen keyboard (capitals with Shift when not offered)."""
    from kiosk.ui.widgets.key_words import SHIFT_TEXT

    keyboard = window.identity.keyboard
    for ch in name:
        label = "Space" if ch == " " else ch
        visible = {b.text() for b in keyboard.findChildren(QAbstractButton) if b.isVisible()}
        if label not in visible:
            tap(key(keyboard, SHIFT_TEXT))
        tap(key(keyboard, label))


def _mouse(
    widget: QWidget, kind_: QEvent.Type, x: float, y: float, buttons: Qt.MouseButton
) -> None:
    event = QMouseEvent(
        kind_,
        QPointF(x, y),
        QPointF(widget.mapToGlobal(QPoint(round(x), round(y)))),
        Qt.MouseButton.LeftButton,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def scribble(pad: QWidget) -> None:
    """A signature: a wave and a cross stroke, as mouse moves (what a finger synthesizes)."""
    w, h = pad.width(), pad.height()
    for points in (
        [(w * 0.1 + i * w * 0.012, h * 0.5 + h * 0.2 * math.sin(i / 4)) for i in range(60)],
        [(w * 0.3 + i * w * 0.02, h * 0.7 - i * h * 0.01) for i in range(20)],
    ):
        (x0, y0), *rest = points
        _mouse(pad, QEvent.Type.MouseButtonPress, x0, y0, Qt.MouseButton.LeftButton)
        for x, y in rest:
            _mouse(pad, QEvent.Type.MouseMove, x, y, Qt.MouseButton.LeftButton)
        _mouse(pad, QEvent.Type.MouseButtonRelease, *points[-1], Qt.MouseButton.NoButton)


def sign_here(window: KioskWindow) -> None:
    """Read what signing means to its end, and sign on the pad (Sign is not tapped)."""
    read_to_end(window.sign.statement, window.bottom.primary.isEnabled)
    scribble(window.sign.pad)


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Run the event loop until `condition()` holds (a PDF job's result arriving, say)."""
    deadline = monotonic() + timeout
    while not condition():
        if monotonic() > deadline:
            raise RobotError(f"waited {timeout:.0f} s in vain")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def read_to_end(area: QAbstractScrollArea, ready: Callable[[], bool]) -> None:
    """Slide a text up to its end, as a finger would, and wait until the screen has seen it
    (`ready`: what reading it to the end allows)."""
    bar = area.verticalScrollBar()
    bar.setValue(bar.maximum())
    wait_until(ready, timeout=5.0)


def message(window: KioskWindow) -> str:
    """What a tap that did nothing says: the message line under the page, or the page's own place
    for it (the identity page's under the name or beside the keys, a question's under its choices,
    signing's beside Clear, a reading screen's right under its words or under "I understand this
    risk", Review's under its rows); "" if none."""
    view = window.model.view if window.model is not None else None
    if view is not None and view.message_in_page:
        if view.kind in READING:  # where "There is more below" stands, or under "I understand"
            for said in (window.reading.under.message, window.reading.refused):
                if not said.isHidden():
                    return said.text()
            return ""
        if view.kind is ScreenKind.REVIEW:  # right under the rows
            said = window.review.under.message
            return said.text() if not said.isHidden() else ""
        if view.kind is ScreenKind.QUESTION:  # the line there also holds the word on the answer
            feedback = window.question.feedback
            return feedback.text.text() if view.refusal and not feedback.isHidden() else ""
        if view.kind is ScreenKind.SIGN:  # beside Clear, under the pad
            return window.sign.notice.text()
        page = window.identity  # a name's refusal under it; a date's beside the keys
        for notice in (page.name_notice, page.date_notice, page.notice):
            if not notice.isHidden():
                return notice.text()
        return ""
    return window.bottom.message.text()


def begin(window: KioskWindow, *, name: str = "Robin Test", dob_digits: str = DOB_DIGITS) -> str:
    """From Welcome to the first reading screen: Start, the name if this is a walk-up briefing, the
    date of birth. Returns the briefing id."""
    tap(window.welcome.start_button)
    if kind(window) is not ScreenKind.IDENTITY or window.briefing is None:
        raise RobotError(f"Start did not open a briefing: {window.welcome.message.text()!r}")
    if window.identity.keyboard.isVisible():
        type_name(window, name)
        tap(window.bottom.primary)
    for d in dob_digits:
        tap(key(window.identity.keypad, d))
    tap(window.bottom.primary)
    if kind(window) is ScreenKind.IDENTITY:
        raise RobotError(f"identity refused: {message(window)!r}")
    return window.briefing.briefing_id


def step(window: KioskWindow, on_acknowledged: Callable[[str, str], None] | None = None) -> None:
    """Do what the current screen asks (acknowledge a risk, answer a question rightly), then Next."""
    b = window.briefing
    if b is None:
        raise RobotError("no briefing is open")
    screen = b.current
    if screen.kind is ScreenKind.RISK and screen.id not in b.acknowledgements:
        read_to_end(window.reading.body, window.reading.understand.isEnabled)
        tap(window.reading.understand)
        if screen.id not in b.acknowledgements:
            raise RobotError(f"risk {screen.id} was not acknowledged")
        if on_acknowledged:
            on_acknowledged(b.briefing_id, screen.id)  # the store has it: record() committed
    elif screen.kind is ScreenKind.QUESTION and not b.answers_to(screen.id):
        button = window.question.buttons[b.form.question(screen.id).answer]
        window.question.choices.ensureWidgetVisible(button)
        tap(button)
    tap(window.bottom.primary)
    if b.current == screen:
        raise RobotError(f"stuck on {screen.id}: {message(window)!r}")


def complete(
    window: KioskWindow,
    *,
    name: str = "Robin Test",
    on_acknowledged: Callable[[str, str], None] | None = None,
    wait_for_pdf: bool = True,
) -> str:
    """One whole briefing from Welcome back to Welcome: identity, every screen, a drawn signature,
    Sign, the PDF (waited for unless told not to), Finish. Returns the briefing id."""
    briefing_id = begin(window, name=name)
    b = window.briefing
    assert b is not None
    for _ in range(len(b.screens) * 2):
        if kind(window) is ScreenKind.SIGN:
            break
        step(window, on_acknowledged)
    else:
        raise RobotError("the signing screen never came")
    sign_here(window)
    outcome: list[str] = []

    def failed(_briefing_id: str, why: str) -> None:
        outcome.append(f"failed: {why}")

    window.pdf_finished.connect(outcome.append)
    window.pdf_failed.connect(failed)
    try:
        tap(window.bottom.primary)
        if kind(window) is not ScreenKind.DONE:
            raise RobotError(f"Sign did not finish: {message(window)!r}")
        if wait_for_pdf:
            wait_until(lambda: bool(outcome))
    finally:
        window.pdf_finished.disconnect(outcome.append)
        window.pdf_failed.disconnect(failed)
    tap(window.done.finish)
    if window.briefing is not None:
        raise RobotError("Finish did not return to Welcome")
    return briefing_id
