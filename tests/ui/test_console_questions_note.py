"""The console's Questions view: a note typed for a question stays with it until staff mark the
question answered; marking the surgeon told, or looking at another question, never erases it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.i18n import words_for
from kiosk.services.console import Which
from kiosk.ui.console.describe import answer_whole, moment
from kiosk.ui.console.questions import QuestionsView
from kiosk.ui.console.window import ConsoleWindow
from tests.ui.console_drive import audited, console, demo_data, sign_in

EN = words_for("en")
NOTE = "Explained nerve risk, 1-2%. Patient OK."


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[ConsoleWindow]:
    demo_data(tmp_path / "data")
    yield from console(qtbot)


def _questions(qtbot: QtBot, window: ConsoleWindow) -> QuestionsView:
    sign_in(qtbot, window)
    view = window.questions
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.table.rowCount() > 1)
    return view


def _row(view: QuestionsView, flag_id: int) -> int:
    return next(n for n, f in enumerate(view.flags) if f.flag_id == flag_id)


def test_the_note_stays_when_the_surgeon_is_marked_told_and_goes_with_the_answer(
    qtbot: QtBot, window: ConsoleWindow
) -> None:
    view = _questions(qtbot, window)
    view.table.selectRow(0)
    flag_id = view.flags[0].flag_id
    qtbot.keyClicks(view.note, NOTE)
    view.told_button.click()
    qtbot.waitUntil(lambda: view.flags[_row(view, flag_id)].told_at is not None)
    assert view.shown is not None and view.shown.flag_id == flag_id
    assert view.note.text() == NOTE
    assert view.table.item(_row(view, flag_id), 5).text() == EN("console.questions.open")

    # Another question looked at, then this one again: the note typed for it is still there.
    view.table.selectRow(1 if _row(view, flag_id) == 0 else 0)
    assert view.note.text() == ""
    view.table.selectRow(_row(view, flag_id))
    assert view.note.text() == NOTE

    view.answer_button.click()
    qtbot.waitUntil(lambda: all(f.flag_id != flag_id for f in view.flags))
    assert view.note.text() == ""
    assert len(audited("surgeon_told")) == len(audited("flag_answered")) == 1
    assert view.desk is not None
    (answered,) = [f for f in view.desk.flags(Which.ALL) if f.flag_id == flag_id]
    assert answered.answer_note == NOTE


def test_an_answered_questions_note_is_shown_whole_with_who_and_when(
    qtbot: QtBot, window: ConsoleWindow
) -> None:
    """A reviewer could not read an answered question's note: its Answer cell was cut ("Answered
    by Renée Coordinator, Dec 7, 2026, …") and the note box stayed empty. Chosen, it is shown
    whole below the list, read only, with who answered and when."""
    view = _questions(qtbot, window)
    assert view.desk is not None
    flag_id = view.flags[0].flag_id
    long_note = " ".join([NOTE] * 8)  # longer than any column at 1920 wide
    view.desk.answer("Renée Coordinator", flag_id, long_note)
    view.which.setCurrentIndex(view.which.findData(Which.ALL.value))
    qtbot.waitUntil(lambda: any(f.flag_id == flag_id and not f.open for f in view.flags))
    assert not view.answer.isVisible()  # none chosen yet
    view.table.selectRow(_row(view, flag_id))
    flag = view.flags[_row(view, flag_id)]
    assert view.answer.isVisible() and not view.note.isVisible()
    assert view.answer.text() == answer_whole(EN, flag)
    assert long_note in view.answer.text() and "Renée Coordinator" in view.answer.text()
    assert moment(EN, flag.answered_at) in view.answer.text()
    # its lines all on screen: the label is as tall as its wrapped text needs
    qtbot.waitUntil(lambda: view.answer.height() >= view.answer.heightForWidth(view.answer.width()))
    assert view.answer.width() <= view.width()

    # an open question chosen: its note box again, no answer shown
    view.table.selectRow(next(n for n, f in enumerate(view.flags) if f.open))
    assert not view.answer.isVisible() and view.note.isVisible() and view.note.isEnabled()


def test_what_is_said_goes_once_it_is_out_of_date(qtbot: QtBot, window: ConsoleWindow) -> None:
    """A reviewer's "Write a short note…" stayed over the note a quick-note button had filled in,
    and "✓ Marked answered." stayed over another question chosen after."""
    view = _questions(qtbot, window)
    view.table.selectRow(0)
    view.answer_button.click()  # no note: refused
    refused = view.message.text()
    assert refused and not refused.startswith("✓")
    view.quick[1].click()  # "Answered by phone"
    assert view.note.text() == EN("staff.questions.by-phone") and view.message.text() == ""
    flag_id = view.flags[0].flag_id
    view.answer_button.click()
    qtbot.waitUntil(lambda: all(f.flag_id != flag_id for f in view.flags))
    assert view.message.text() == EN("staff.questions.answered")
    view.table.selectRow(0)  # another question: what was said was of the one answered
    assert view.shown is not None and view.message.text() == ""
