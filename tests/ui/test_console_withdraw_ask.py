"""Withdrawing a briefing at the console asks about the right patient and chooses nothing for staff.

The dialog preselected "Made for the wrong patient" (one click of OK recorded, in the audit log, a
reason staff never chose) and did not say whose briefing it was. Now it names the patient and their
date of birth, no reason is chosen until staff choose one (OK disabled till then, Enter does
nothing), and Cancel withdraws nothing. Driven through the real window: the briefing
chosen in the list, Withdraw… pressed, and the dialog, up as staff see it (modal), answered with a
click on its own buttons."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
)
from pytestqt.qtbot import QtBot

from kiosk.config import load_config
from kiosk.i18n import Words, words_for
from kiosk.services.console import ConsoleDesk
from kiosk.session import SystemClock
from kiosk.store import open_store
from kiosk.store.briefings import prepare_briefing
from kiosk.store.models import BriefingRow, BriefingStatus
from kiosk.ui.console.reads import select_row
from kiosk.ui.console.window import ConsoleWindow
from tests.ui.console_drive import BRIEFINGS, FORM, STAFF, audited, demo_data, listed, sign_in
from tests.ui.seen import look as seen_look
from tests.ui.seen import problems, report, settle

PATIENT, BORN = "Zoë Ångström-Öberg", date(1951, 3, 14)
OTHER, OTHER_BORN = "Marta Ruiz Delgado", date(1987, 11, 2)
"""Another patient waiting, born another day: the dialog must not name them."""


@pytest.fixture(params=["en", "ar"])
def words(request: pytest.FixtureRequest) -> Words:
    return words_for(request.param)


@pytest.fixture
def briefing_ids(tmp_path: Path) -> dict[str, str]:
    demo_data(tmp_path / "data")
    store = open_store(load_config().database_url, "front-desk")
    ids = {}
    for n, (name, born) in enumerate(((PATIENT, BORN), (OTHER, OTHER_BORN))):
        ids[name] = prepare_briefing(
            store, FORM, name=name, date_of_birth=born, mrn=f"W-{n}", staff=STAFF,
            now=datetime.now(UTC),
        )  # fmt: skip
    store.close()
    return ids


@pytest.fixture
def window(qtbot: QtBot, briefing_ids: dict[str, str], words: Words) -> Iterator[ConsoleWindow]:
    w = ConsoleWindow(lambda: ConsoleDesk.open(load_config(), SystemClock()), words)
    if words.right_to_left:
        w.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    w.resize(1200, 760)
    w.show()
    w.open()
    qtbot.waitUntil(lambda: w.sign_in.ok.isEnabled())
    yield w
    w.close()
    w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def open_patient(qtbot: QtBot, window: ConsoleWindow, briefing_id: str) -> None:
    """Signed in, the patient's briefing chosen in the list, its Withdraw… on screen."""
    sign_in(qtbot, window)
    listed(qtbot, window, BRIEFINGS + 2)
    view = window.briefings
    row = next(n for n, r in enumerate(view.model.rows) if r.briefing_id == briefing_id)
    select_row(view.table, row)  # selectRow highlights nothing in a right-to-left table
    qtbot.waitUntil(
        lambda: view.pane.briefing_id == briefing_id and view.pane.withdraw_button.isVisible()
    )


def answered_by(qtbot: QtBot, staff: Callable[[QDialog], None]) -> list[str]:
    """Once the next dialog is up (run modally, as for staff), `staff` answer it; what it said,
    every text on it, collected. Closed whatever `staff` found, so a failing test never hangs."""
    said: list[str] = []
    looks = iter(range(500))

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):  # not up yet (the click is still being delivered)
            if next(looks, None) is not None:
                QTimer.singleShot(10, answer)
            return
        try:
            qtbot.waitExposed(dialog)
            said.append("\n".join(t.text() for t in dialog.findChildren(QLabel)))
            staff(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, answer)
    return said


def button(dialog: QDialog, role: QDialogButtonBox.ButtonRole) -> QAbstractButton:
    """The dialog's button that accepts (OK) or rejects (Cancel)."""
    (box,) = dialog.findChildren(QDialogButtonBox)
    (found,) = [b for b in box.buttons() if box.buttonRole(b) == role]
    return found


def preselected(dialog: QDialog, options: list[str]) -> list[str]:
    """The answers the dialog shows chosen before staff touched it (a radio button checked, a list
    showing one)."""
    radios = [r.text() for r in dialog.findChildren(QRadioButton) if r.isChecked()]
    lists = [c.currentText() for c in dialog.findChildren(QComboBox) if c.currentText() in options]
    return radios + lists


def click_words(qtbot: QtBot, answer: QRadioButton) -> None:
    """A click on the answer's words (a radio button's middle is empty space in a right-to-left
    dialog: its words stand at its right)."""
    option = QStyleOptionButton()
    answer.initStyleOption(option)
    words = answer.style().subElementRect(QStyle.SubElement.SE_RadioButtonClickRect, option, answer)
    qtbot.mouseClick(answer, Qt.MouseButton.LeftButton, pos=words.center())


def status(briefing_id: str) -> BriefingStatus:
    store = open_store(load_config().database_url, "check", create=False)
    try:
        with store.reading() as s:
            row = s.get(BriefingRow, briefing_id)
            assert row is not None
            return row.status
    finally:
        store.close()


def test_the_dialog_names_the_patient_chooses_nothing_and_cancel_withdraws_nothing(
    qtbot: QtBot,
    window: ConsoleWindow,
    briefing_ids: dict[str, str],
    words: Words,
) -> None:
    reasons = [words("staff.withdraw.wrong-patient"), words("staff.withdraw.not-wanted")]

    def look_then_cancel(dialog: QDialog) -> None:
        assert preselected(dialog, reasons) == [], "a reason chosen for staff"
        ok = button(dialog, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = button(dialog, QDialogButtonBox.ButtonRole.RejectRole)
        assert not ok.isEnabled(), f"{ok.text()!r} works with no reason chosen"
        assert [a.text() for a in dialog.findChildren(QRadioButton)] == reasons
        assert (ok.text(), cancel.text()) == (
            words("console.choice.ok"),
            words("console.choice.cancel"),
        )
        qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter, no reason chosen: nothing happens
        assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
        settle()
        seen = problems(seen_look(dialog, "withdraw: why?"))
        assert not seen, report(seen)
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()

    said = answered_by(qtbot, look_then_cancel)
    open_patient(qtbot, window, briefing_ids[PATIENT])
    qtbot.mouseClick(window.briefings.pane.withdraw_button, Qt.MouseButton.LeftButton)
    assert len(said) == 1
    assert PATIENT in said[0] and words.date(BORN) in said[0], said[0]
    assert OTHER not in said[0] and words.date(OTHER_BORN) not in said[0]
    window.jobs.wait(10_000)
    assert status(briefing_ids[PATIENT]) == BriefingStatus.PREPARED
    assert audited("briefing_withdrawn") == []
    assert not window.briefings.pane.note.text()


def test_ok_is_enabled_once_a_reason_is_chosen_and_records_that_one(
    qtbot: QtBot,
    window: ConsoleWindow,
    briefing_ids: dict[str, str],
    words: Words,
) -> None:
    def choose_not_wanted(dialog: QDialog) -> None:
        ok = button(dialog, QDialogButtonBox.ButtonRole.AcceptRole)
        not_wanted = dialog.findChildren(QRadioButton)[1]
        assert not_wanted.text() == words("staff.withdraw.not-wanted")
        click_words(qtbot, not_wanted)
        assert not_wanted.isChecked() and ok.isEnabled()
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    said = answered_by(qtbot, choose_not_wanted)
    open_patient(qtbot, window, briefing_ids[OTHER])
    pane = window.briefings.pane
    qtbot.mouseClick(pane.withdraw_button, Qt.MouseButton.LeftButton)
    assert OTHER in said[0] and words.date(OTHER_BORN) in said[0], said
    qtbot.waitUntil(lambda: pane.note.text() == words("console.withdraw.done"))
    assert status(briefing_ids[OTHER]) == BriefingStatus.ABANDONED
    assert status(briefing_ids[PATIENT]) == BriefingStatus.PREPARED
    withdrawn = audited("briefing_withdrawn")
    assert [actor for actor, _ in withdrawn] == [STAFF]
    assert '"not-wanted"' in withdrawn[0][1]
    bar = window.briefings.bar  # and the list finds it as Withdrawn, never as Abandoned
    bar.status.setCurrentIndex(bar.status.findText(words("staff.status.withdrawn")))
    qtbot.waitUntil(
        lambda: [r.briefing_id for r in window.briefings.model.rows] == [briefing_ids[OTHER]]
    )
    bar.status.setCurrentIndex(bar.status.findText(words("staff.status.abandoned")))
    qtbot.waitUntil(lambda: window.briefings.model.rowCount() == 0)
