"""Readable and touchable at every supported display: nothing clipped, the main action on screen,
targets at least 64 px, text at least 24 px, and every colour pair at 7:1 or better."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui import theme
from kiosk.ui.window import KioskWindow
from tests.ui.drive import acknowledge, choose, kind, next_, sign_here, tap, type_date

DISPLAYS = [QSize(1280, 800), QSize(1920, 1080), QSize(1080, 1920)]


def _on_window(window: KioskWindow, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def check_screen(window: KioskWindow, where: str) -> None:
    """What a patient sees now: it fits, and everything on it can be read and touched."""
    page = window.stack.currentWidget()
    room = window.stack.size()
    need = page.minimumSizeHint()
    assert need.width() <= room.width() and need.height() <= room.height(), (
        f"{where}: the page needs {need.width()}×{need.height()} but has {room.width()}×{room.height()}"
    )
    screen = window.rect()
    buttons = [b for b in window.findChildren(QAbstractButton) if b.isVisible()]
    assert buttons, where
    for b in buttons:
        box = _on_window(window, b)
        assert screen.contains(box), f"{where}: {b.text()!r} is off screen at {box}"
        if b is not window.top.corner:
            assert b.width() >= theme.TOUCH_PX and b.height() >= theme.TOUCH_PX, (
                f"{where}: {b.text()!r} is {b.width()}×{b.height()}"
            )
    primary = window.bottom.primary
    if primary.isVisible():
        others = [
            b.height() for b in buttons if b is not primary and b.property("role") != "primary"
        ]
        assert primary.height() > max(others, default=0), (
            f"{where}: the main action is not the largest"
        )
    body = window.look.body
    assert body >= theme.BASE_PX
    for text in window.findChildren(QLabel):
        if text.isVisible() and text.text():
            assert text.font().pixelSize() >= theme.BASE_PX or text.font().pixelSize() == -1, (
                f"{where}: {text.text()[:30]!r} at {text.font().pixelSize()} px"
            )


def walk_checking(qtbot: QtBot, window: KioskWindow, label: str) -> list[str]:
    seen = []
    check_screen(window, f"{label} welcome")
    tap(qtbot, window.welcome.start_button)
    check_screen(window, f"{label} identity")
    type_date(qtbot, window.identity.keypad, "03141951")
    next_(qtbot, window)
    b = window.briefing
    assert b is not None
    for _ in range(len(b.screens) * 2):
        if kind(window) is ScreenKind.DONE:
            break
        screen = b.current
        check_screen(window, f"{label} {screen.id}")
        seen.append(screen.id)
        if screen.kind is ScreenKind.RISK:
            acknowledge(qtbot, window)
            check_screen(window, f"{label} {screen.id} acknowledged")
        elif screen.kind is ScreenKind.QUESTION:
            choose(qtbot, window, b.form.question(screen.id).answer)
            check_screen(window, f"{label} {screen.id} answered")
        elif screen.kind is ScreenKind.SIGN:
            tap(qtbot, window.sign.switch)
            check_screen(window, f"{label} typed signature")
            tap(qtbot, window.sign.switch)

            sign_here(qtbot, window)
            with qtbot.waitSignal(window.pdf_finished, timeout=30_000):
                next_(qtbot, window)
            break
        next_(qtbot, window)
        assert b.current != screen or b.revisiting, (
            f"{label}: stuck on {screen.id}: {window.bottom.message.text()}"
        )
    check_screen(window, f"{label} done")
    return seen


@pytest.mark.parametrize("display", DISPLAYS, ids=lambda s: f"{s.width()}x{s.height()}")
def test_every_screen_fits_and_can_be_read_and_touched(
    qtbot: QtBot, window: KioskWindow, prepared: str, display: QSize
) -> None:
    window.show_at(display)
    assert window.size() == display
    assert window.look.body == theme.body_px(display) >= 24
    walk_checking(qtbot, window, f"{display.width()}×{display.height()}")


def test_larger_text_and_high_contrast_are_on_every_screen_and_still_fit(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    tap(qtbot, window.top.larger_button)
    tap(qtbot, window.top.contrast_button)
    assert window.look.body == round(24 * theme.LARGER)
    assert window.look.palette is theme.HIGH_CONTRAST
    assert "#000000" in window.styleSheet()
    walk_checking(qtbot, window, "larger text")
    tap(qtbot, window.top.larger_button)
    assert window.look.body == 24


def test_text_sizes_follow_the_display_and_never_shrink() -> None:
    assert theme.body_px(QSize(1280, 800)) == 24
    assert theme.body_px(QSize(1920, 1080)) == 32
    assert theme.body_px(QSize(1080, 1920)) == 24
    assert theme.body_px(QSize(800, 600)) == 24
    assert theme.body_px(QSize(3840, 2160)) == 65


@pytest.mark.parametrize("palette", [theme.STANDARD, theme.HIGH_CONTRAST], ids=lambda p: p.name)
def test_every_text_colour_has_at_least_7_to_1_contrast(palette: theme.Palette) -> None:
    colours = theme.palette_colours(palette)
    for text, background in theme.TEXT_PAIRS:
        ratio = theme.contrast(colours[text], colours[background])
        assert ratio >= 7.0, f"{palette.name}: {text} on {background} is {ratio:.2f}:1"


def test_the_contrast_formula_matches_wcag() -> None:
    assert theme.contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert theme.contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_long_content_scrolls_with_a_finger(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    from PySide6.QtWidgets import QScroller

    tap(qtbot, window.welcome.start_button)
    type_date(qtbot, window.identity.keypad, "03141951")
    next_(qtbot, window)
    viewport = window.reading.body.viewport()
    assert QScroller.hasScroller(viewport)
