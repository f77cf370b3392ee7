"""What a signature means stays on screen while the patient types their name instead of drawing it.

A reviewer found the statement gone as soon as "I cannot sign with my finger" was tapped, even on a
portrait screen and at 1920x1080 where half the screen stood empty under the keys: a patient
signing by typing could no longer read what they signed. It stands under the keys now, its heading
and first point on screen, clear of the keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from tests.ui.drive import begin, chosen_look, scroll_to_end, tap, walk_to
from tests.ui.seen import clip, on_window, settle

SLACK_PX = 1
"""Rounding between the font's metrics and the layout: a pixel over is not a cut."""


def read_whole(window: KioskWindow, label: QLabel) -> str:
    """Why the label's words are not all readable on the window ("" when they are)."""
    if not label.isVisible():
        return "not shown"
    words = on_window(window, label, label.contentsRect())  # where its words are drawn
    seen = clip(window, label).visible.intersected(window.rect())
    if not seen.adjusted(-SLACK_PX, -SLACK_PX, SLACK_PX, SLACK_PX).contains(words):
        return f"words at {words.getRect()}, visible {seen.getRect()}"
    keys = window.sign.keyboard
    if keys.isVisible() and on_window(window, keys).intersects(words):
        return f"words at {words.getRect()} over the keys at {on_window(window, keys).getRect()}"
    return ""


@pytest.mark.parametrize("larger", [False, True], ids=["normal", "larger"])
@pytest.mark.parametrize(
    "display", [QSize(1080, 1920), QSize(1920, 1080)], ids=["portrait", "1920x1080"]
)
def test_the_statement_can_be_read_while_the_name_is_typed(
    qtbot: QtBot, window: KioskWindow, prepared: str, display: QSize, larger: bool
) -> None:
    chosen_look(qtbot, window, display, "en", larger=larger)
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    page = window.sign
    scroll_to_end(qtbot, page.statement)  # read, as a patient does before choosing to type
    qtbot.waitUntil(window.bottom.primary.isEnabled)
    tap(qtbot, page.switch)
    qtbot.waitUntil(page.keyboard.isVisible)
    page.typed.setText("Zoë")
    settle()
    column = page.statement.content
    rows = [column.itemAt(n).widget() for n in range(column.count())]  # type: ignore[union-attr]
    first = next(r for r in rows if isinstance(r, QLabel) and r.text())
    assert read_whole(window, page.title) == "", "the statement's heading"
    assert read_whole(window, first) == "", "its first point"
    assert window.bottom.primary.isEnabled()  # read before: Sign waits for nothing


@pytest.mark.parametrize(
    ("display", "larger", "language"),
    [
        (QSize(1280, 800), False, "en"),
        (QSize(1280, 800), True, "en"),
        (QSize(1920, 1080), True, "es"),
        (QSize(1920, 1080), True, "ar"),
    ],
    ids=["1280x800-normal-en", "1280x800-larger-en", "1920x1080-larger-es", "1920x1080-larger-ar"],
)
def test_what_a_signature_means_is_never_gone_while_the_name_is_typed(
    qtbot: QtBot,
    window: KioskWindow,
    prepared: str,
    display: QSize,
    larger: bool,
    language: str,
) -> None:
    """Under the keys, its heading and a few lines with "There is more below"; where there is
    no room for those (1280x800 with Larger text), "Read what your signature means" shows it in
    the keys' place, and "Back to the keys" brings them back. Sign still waits for the whole
    statement to have been on screen: chosen before it was read, typing lets it be read there."""
    chosen_look(qtbot, window, display, language, larger=larger)
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    page = window.sign
    settle()
    read_already = window.bottom.primary.isEnabled()  # (the statement was whole beside the pad)
    tap(qtbot, page.switch)  # not read to its end yet, if it scrolls
    qtbot.waitUntil(page.keyboard.isVisible)
    settle()
    assert window.bottom.primary.isEnabled() == read_already
    read = page.under.read
    instead = read.isVisible()
    assert instead != page.statement_box.isVisible()  # the one or the other, never neither
    if display == QSize(1280, 800):
        assert instead == larger
        assert not (larger and read_already)  # Larger text: it scrolls beside the pad
    if instead:
        assert read.text() == window.words("sign.read-meaning")
        tap(qtbot, read)
        settle()
        assert not page.keyboard.isVisible()
    column = page.statement.content
    first = column.itemAt(0).widget()  # type: ignore[union-attr]
    assert isinstance(first, QLabel)
    assert read_whole(window, page.title) == "", "the statement's heading"
    assert read_whole(window, first) == "", "its first point"
    assert page.cue.isVisible() == page.has_more  # "There is more below", while there is
    scroll_to_end(qtbot, page.statement)
    qtbot.waitUntil(window.bottom.primary.isEnabled)
    if instead:
        assert read.text() == window.words("sign.back-to-keys")
        tap(qtbot, read)
        settle()
        assert page.keyboard.isVisible() and not page.statement_box.isVisible()


@pytest.mark.parametrize(
    "display", [QSize(1920, 1080), QSize(1080, 1920)], ids=["1920", "portrait"]
)
def test_a_switch_of_language_while_typing_the_name_types_on_and_asks_for_the_new_words(
    qtbot: QtBot, window: KioskWindow, prepared: str, display: QSize
) -> None:
    """A reviewer switched from Spanish to Arabic while typing their name: the kiosk went back to
    the finger's box, and "I cannot sign with my finger" had to be found again. The keys stay; the
    statement in its new words is read under them (or behind the button there) before Sign."""
    chosen_look(qtbot, window, display, "es", larger=True)
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    page = window.sign
    scroll_to_end(qtbot, page.statement)
    qtbot.waitUntil(window.bottom.primary.isEnabled)
    tap(qtbot, page.switch)
    qtbot.waitUntil(page.keyboard.isVisible)
    tap(qtbot, window.top.language_button)
    tap(qtbot, window.language_chooser.buttons.buttons["ar"])
    settle()
    assert window.words.language == "ar"
    assert page.keyboard.isVisible() and not page.pad.isVisible()
    # (Sign waits for the new words to have been on screen: whole under the keys, at once.)
    if page.under.read.isVisible():  # no room under the keys: the button shows them
        tap(qtbot, page.under.read)
        settle()
    scroll_to_end(qtbot, page.statement)
    qtbot.waitUntil(window.bottom.primary.isEnabled)


@pytest.mark.parametrize("language", ["es", "ar", "en"])
def test_under_the_keys_the_statement_has_three_lines_at_least(
    qtbot: QtBot, window: KioskWindow, prepared: str, language: str
) -> None:
    """A reviewer, in Spanish at 1920x1080 with Larger text: the statement under the keys in a box
    two lines tall, lines sliced where a drag stopped. With less room than three lines it is shown
    in the keys' place, behind "Read what your signature means"."""
    chosen_look(qtbot, window, QSize(1920, 1080), language, larger=True)
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    page = window.sign
    scroll_to_end(qtbot, page.statement)
    tap(qtbot, page.switch)
    qtbot.waitUntil(page.keyboard.isVisible)
    settle()
    if page.statement_box.isVisible():
        lines = page.statement.viewport().height() / page.statement.fontMetrics().lineSpacing()
        assert lines >= 3 - 0.1, lines
    else:
        assert page.under.read.isVisible()
