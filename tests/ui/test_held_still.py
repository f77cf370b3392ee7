"""What a page says in its own place never moves what is around it.

A question: what is said under its choices, a wrong answer read again, the answer named, never
move a choice or change the question's size. Signing: why Sign did nothing, said beside Clear,
never takes room from the pad.

A reviewer, at 1280x800 with Larger text under practice mode's PRACTICE banner, saw the question
drop from the title's size to a heading's when "Please try this question again" came (the
choices moved up about 30 px), the choices below the right answer jump when it was marked (its
words turned bold and took a line more), and the signature pad about 40 px shorter while a
message beside Clear took three lines."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from tests.ui.drive import (
    SHORT,
    begin,
    draw,
    forward,
    message,
    next_,
    pick,
    scroll_to_end,
    tap,
    walk_to,
    walk_to_a_long_risk,
)


@pytest.fixture
def practice_banner() -> bool:
    return True


def _begin_larger(qtbot: QtBot, window: KioskWindow, language: str) -> None:
    """1280x800, the language chosen, Larger text on, the birth date confirmed."""
    assert window.model is not None
    window.show_at(QSize(1280, 800))
    window.model.set_home_language(language)
    tap(qtbot, window.top.larger_button)
    begin(qtbot, window, "03141951")


def _looks(window: KioskWindow) -> tuple[object, list[tuple[int, int]]]:
    """The question's role (its size) and each choice's top and height on the window."""
    page = window.question
    shown = [b for b in page.buttons.values() if not b.isHidden()]
    return page.prompt.property("role"), [
        (b.mapTo(window, b.rect().topLeft()).y(), b.height()) for b in shown
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_question_holds_still_through_its_answers(
    qtbot: QtBot, window: KioskWindow, prepared: str, language: str
) -> None:
    _begin_larger(qtbot, window, language)
    b = window.briefing
    assert b is not None
    roles = set()
    questions = 0
    while b.current.kind is not ScreenKind.SIGN:
        if b.current.kind is not ScreenKind.QUESTION:
            forward(qtbot, window)
            continue
        question = b.form.question(b.current.id)
        wrong = [c.id for c in question.choices if c.id != question.answer]
        qtbot.waitUntil(window.question.isVisible)
        first = _looks(window)
        roles.add(first[0])
        seen = {}
        if questions % 2 == 0:  # wrong twice: asked again after the risk is read again, then named
            for n, choice in enumerate((wrong[0], wrong[-1])):
                pick(qtbot, window, choice)
                while b.current.id != question.id:
                    forward(qtbot, window)
                qtbot.waitUntil(window.question.feedback.isVisible)
                seen[f"wrong {n + 1}"] = _looks(window)
        else:  # Next before an answer, then the right one
            next_(qtbot, window)
            qtbot.waitUntil(window.question.feedback.isVisible)
            seen["next before an answer"] = _looks(window)
            pick(qtbot, window, question.answer)
            seen["right"] = _looks(window)
        for when, looks in seen.items():
            assert looks == first, f"{question.id}: {when}: {looks} (first shown: {first})"
        questions += 1
        next_(qtbot, window)
    assert questions == 5
    assert "title" in roles  # the question is in the title's size where it fits


def _pad(window: KioskWindow) -> QRect:
    pad = window.sign.pad
    return QRect(pad.mapTo(window, pad.rect().topLeft()), pad.size())


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_why_sign_did_nothing_never_takes_room_from_the_pad(
    qtbot: QtBot, window: KioskWindow, prepared: str, language: str
) -> None:
    _begin_larger(qtbot, window, language)
    walk_to(qtbot, window, ScreenKind.SIGN)
    qtbot.waitUntil(window.sign.pad.isVisible)
    before = _pad(window)
    said = []
    sign = window.bottom.primary
    assert not sign.isEnabled()  # the statement not read to its end yet: a greyed Sign, tapped
    qtbot.mouseClick(sign, Qt.MouseButton.LeftButton)
    said.append((message(window), _pad(window)))
    scroll_to_end(qtbot, window.sign.statement)
    qtbot.waitUntil(sign.isEnabled)
    tap(qtbot, sign)  # nothing drawn
    said.append((message(window), _pad(window)))
    pad = window.sign.pad
    draw(pad, [(pad.width() / 2, pad.height() / 2), (pad.width() / 2 + 2, pad.height() / 2)])
    tap(qtbot, sign)  # a dot
    said.append((message(window), _pad(window)))
    assert all(words for words, _ in said) and len({words for words, _ in said}) == 3
    lines = max(window.sign.notice.heightForWidth(window.sign.notice.width()) for _ in said)
    assert [rect for _, rect in said] == [before] * 3, (before, said, lines)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_risk_read_to_its_end_stays_at_its_end_once_acknowledged(
    qtbot: QtBot, window: KioskWindow, prepared: str, language: str
) -> None:
    """ "I understand this risk" becomes a line, and the words get its room: a reviewer saw the
    text cut at both ends and "There is more below" said again (the scroll bar kept a value from
    a moment's layout, 5 px short of the end)."""
    _begin_larger(qtbot, window, language)
    window.show_at(SHORT)
    walk_to_a_long_risk(qtbot, window)
    area = window.reading.body
    bar = area.verticalScrollBar()
    scroll_to_end(qtbot, area)
    qtbot.waitUntil(window.reading.understand.isEnabled)
    room = area.viewport().height()
    assert bar.maximum() > 0  # it scrolls: the case
    tap(qtbot, window.reading.understand)
    qtbot.waitUntil(lambda: area.viewport().height() > room)  # the words took the button's room
    qtbot.waitUntil(lambda: bar.value() == bar.maximum())
    assert bar.value() == bar.maximum()
    assert window.bottom.message.text() != window.words("frame.more-below")


def test_new_words_are_not_held_at_the_end_of_the_last(qtbot: QtBot) -> None:
    """Held at the end of one risk, the next one's rows came in while it was held: the new range
    scrolled them to their end as they came, and they were counted read (the layout matrix found
    "I understand this risk" enabled on a risk whose end had never been on screen)."""
    from PySide6.QtWidgets import QLabel

    from kiosk.ui.pages.base import label
    from kiosk.ui.pages.scroll import Reading

    area = Reading(hold_end=True)
    qtbot.addWidget(area)
    rows: list[QLabel] = []
    area.refill(rows, [f"line {n}" for n in range(12)], label, QLabel.setText)
    area.resize(300, 120)
    area.show()
    qtbot.waitExposed(area)
    bar = area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 1)
    bar.setValue(bar.maximum())  # read to the end: held there
    read = []
    area.at_end.connect(lambda: read.append(bar.value()))
    with area.refilling(40):  # the next screen's words, longer
        area.refill(rows, [f"other {n}" for n in range(40)], label, QLabel.setText)
    qtbot.waitUntil(lambda: bar.maximum() > 300)
    assert bar.value() < bar.maximum() and read == []
