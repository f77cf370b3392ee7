"""The desk's lists as a coordinator at 1280x800 found them (a reviewer): an action in Questions
changes the question its caption names and no other; every moment shows its date; the columns
follow the rows (a longer name read later is shown whole); the Briefings list names each
briefing's language; a kiosk is named once ("at kiosk-2"); and "Prepared for" one patient goes
when staff begin the next."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from kiosk.i18n import isolated, language_name, words_for
from kiosk.services.console import Flag
from kiosk.ui.console.describe import moment
from kiosk.ui.console.questions import QuestionsView
from kiosk.ui.console.table import LANGUAGE, PATIENT, WHEN
from kiosk.ui.console.window import ConsoleWindow
from tests.ui.console_drive import (
    BRIEFINGS,
    audited,
    console,
    demo_data,
    listed,
    prepare_at,
    sign_in,
)

EN = words_for("en")
MARGIN = 7
"""Room a cell keeps beside its text (the style's text margin each side, and the grid line): text
wider than the column less this is cut short with "…"."""


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[ConsoleWindow]:
    demo_data(tmp_path / "data")
    for w in console(qtbot):
        w.resize(1280, 800)  # the reviewer's screen
        yield w


def asked(flag: Flag) -> str:
    """The caption that names this question."""
    return EN(
        "staff.questions.asked", name=isolated(flag.patient_name or ""), title=flag.screen_title
    )


def plain(text: str) -> str:
    """Babel's narrow and no-break spaces as plain ones."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def questions(qtbot: QtBot, window: ConsoleWindow) -> QuestionsView:
    view = window.questions
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.table.rowCount() >= 2)
    return view


def cut(table: QTableView) -> list[str]:
    """The cells whose text is wider than their column (shown cut short)."""
    metrics, model = QFontMetrics(table.font()), table.model()
    return [
        f"row {r} column {c}: {text!r} needs {metrics.horizontalAdvance(text)} of {table.columnWidth(c)} px"
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if (text := str(model.index(r, c).data() or ""))
        and metrics.horizontalAdvance(text) + MARGIN > table.columnWidth(c)
    ]


def untold(table: QTableView) -> list[str]:
    """The cells shown cut short whose whole text is not there on hover."""
    model = table.model()
    return [
        line
        for line in cut(table)
        for r, c in [tuple(int(n) for n in re.findall(r"\d+", line.split(":")[0]))]
        if model.index(r, c).data(Qt.ItemDataRole.ToolTipRole) != model.index(r, c).data()
    ]


def fitted(table: QTableView, text: tuple[int, ...]) -> bool:
    """Every column but the text ones as wide as its widest cell or its heading (an empty column
    no wider than its heading), the text ones at least that wide."""
    header = table.horizontalHeader()
    for column in range(header.count()):
        wanted = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
        width = table.columnWidth(column)
        if width < wanted or (column not in text and width != wanted):
            return False
    return True


def test_after_an_answer_the_next_tap_changes_only_the_question_the_caption_names(
    qtbot: QtBot, window: ConsoleWindow
) -> None:
    prepare_at(qtbot, window, "demo-kiosk")  # signed in
    view = questions(qtbot, window)
    listed_first = list(view.flags)
    first, second = listed_first[0], listed_first[1]
    assert first.patient_name != second.patient_name  # two patients' questions
    view.table.selectRow(0)
    assert view.asked.text() == asked(first)
    qtbot.keyClicks(view.note, "Called the patient back")
    view.answer_button.click()
    qtbot.waitUntil(lambda: all(f.flag_id != first.flag_id for f in view.flags))

    # What staff tap next ("Surgeon has been told") must change the question the caption names:
    # the row answered left the list and the next patient's row sat highlighted in its place,
    # while the caption still named the one answered (the mark went to the other patient).
    caption = view.asked.text()
    view.told_button.click()  # a disabled button does nothing
    told = [json.loads(detail)["flag_id"] for _, detail in audited("surgeon_told")]
    named = [f.flag_id for f in listed_first if asked(f) == caption]
    assert told in ([], named), f"the caption named flag {named}, the mark went to {told}"

    # Here: nothing stays highlighted, so nothing can be acted on until staff choose.
    assert told == []
    assert view.table.selectionModel().selectedRows() == []
    assert caption == EN("console.questions.choose")
    assert not view.told_button.isEnabled() and not view.answer_button.isEnabled()
    assert not view.note.isEnabled() and view.note.text() == ""

    # Staff choose: the caption, the note and the buttons follow the row highlighted.
    view.table.selectRow(0)
    assert view.flags[0].flag_id == second.flag_id and view.asked.text() == asked(second)
    qtbot.keyClicks(view.note, "A note for this patient")
    view.table.selectRow(1)
    assert view.asked.text() == asked(view.flags[1]) and view.note.text() == ""  # not carried
    view.table.selectRow(0)
    view.told_button.click()
    qtbot.waitUntil(lambda: bool(audited("surgeon_told")))
    assert [json.loads(d)["flag_id"] for _, d in audited("surgeon_told")] == [second.flag_id]
    # still open (not answered): it stays listed, highlighted, and the caption drawn afresh
    qtbot.waitUntil(lambda: view.shown is not None and view.shown.told_at is not None)
    assert view.chosen() == view.shown and view.asked.text() == asked(second)
    assert not view.told_button.isEnabled() and view.answer_button.isEnabled()


def test_every_moment_on_the_desk_shows_its_date_in_the_staff_member_s_locale(
    qtbot: QtBot, window: ConsoleWindow
) -> None:
    at = datetime(2026, 12, 2, 11, 29).astimezone()  # this computer's zone, as the desk shows
    assert plain(moment(EN, at)) == "Dec 2, 2026, 11:29 AM"  # not "12/2/26, 11:29 AM"
    assert plain(moment(words_for("es"), at)) == "2 dic 2026, 11:29 a.m."
    assert "2026" in moment(words_for("ar"), at)
    now = datetime.now().astimezone()  # today's too: the date, not the time alone
    assert moment(EN, now).startswith(f"{now:%b} {now.day}, {now.year}, ")

    prepare_at(qtbot, window, "demo-kiosk")
    listed(qtbot, window, BRIEFINGS)
    model = window.briefings.model
    for row in model.rows:
        assert model.text(row, WHEN) == moment(EN, row.happened_at)
    window.briefings.table.selectRow(0)
    pane, row = window.briefings.pane, model.rows[0]
    qtbot.waitUntil(lambda: pane.briefing_id == row.briefing_id, timeout=30_000)
    facts = pane.facts.text()
    assert EN("staff.detail.prepared", when=moment(EN, row.created_at)) in facts
    started = EN(
        "staff.detail.started",
        started=moment(EN, row.started_at),
        ended=moment(EN, row.ended_at),
    )
    assert started in facts
    view = questions(qtbot, window)
    assert view.table.model().index(0, 0).data() == moment(EN, view.flags[0].flagged_at)


def test_the_columns_follow_the_rows_and_a_longer_name_read_later_shows_whole(
    qtbot: QtBot, window: ConsoleWindow
) -> None:
    # Wide enough for the long name whatever fonts an earlier test loaded (the Noto fallbacks
    # are wider): at 1200 px it may give way, cut with its whole text on hover (test_console_fit).
    window.resize(1600, 900)
    prepare = prepare_at(qtbot, window, "demo-kiosk")
    listed(qtbot, window, BRIEFINGS)  # the first load: the columns sized to the demo's names
    long_name = "Maria Fernanda de los Santos Villanueva-Rodríguez"
    prepare.name.setText(long_name)
    qtbot.keyClicks(prepare.born, "3/14/1951")
    prepare.button.click()
    done = EN("console.prepare.done", name=isolated(long_name), kiosk="demo-kiosk")
    assert prepare.message.text() == done and "kiosk demo-kiosk" not in done  # named once
    qtbot.keyClicks(prepare.name, "A")  # the next patient begun: "Prepared for" them is gone
    assert prepare.message.text() == ""

    briefings = window.briefings
    window.tabs.setCurrentWidget(briefings)
    briefings.refresh()
    listed(qtbot, window, BRIEFINGS + 1)
    table, model = briefings.table, briefings.model
    assert long_name in [model.index(r, PATIENT).data() for r in range(model.rowCount())]
    width = QFontMetrics(table.font()).horizontalAdvance(long_name)

    def whole() -> None:  # the columns fit at the next turn of the event loop
        assert width + MARGIN <= table.columnWidth(PATIENT), "the long name is cut"
        # Never sideways (the open questions went out of view): a cell cut short ends in "…"
        # and says itself whole on hover.
        assert table.horizontalScrollBar().maximum() == 0
        assert untold(table) == []

    qtbot.waitUntil(whole, timeout=20_000)  # (rows read on the worker thread: a loaded machine)
    # the language of each briefing, as the CLI's list has it
    assert model.headerData(LANGUAGE, Qt.Orientation.Horizontal) == EN("console.column.language")
    assert all(model.text(r, LANGUAGE) == language_name(r.language) for r in model.rows)

    # Questions, every one, one answered: what it was about and who answered show whole.
    view = questions(qtbot, window)
    view.table.selectRow(0)
    qtbot.keyClicks(view.note, "Called the patient back")
    view.answer_button.click()
    view.which.setCurrentIndex(view.which.findData("all"))
    qtbot.waitUntil(lambda: any(not f.open for f in view.flags))
    qtbot.waitUntil(lambda: cut(view.table) == [] and fitted(view.table, (1, 4)))


def test_a_column_staff_sized_by_hand_stays_as_they_made_it(
    qtbot: QtBot, window: ConsoleWindow
) -> None:
    """The list is read again every few seconds: a column widened by hand snapped back at once."""
    sign_in(qtbot, window)
    briefings = window.briefings
    window.tabs.setCurrentWidget(briefings)
    listed(qtbot, window, BRIEFINGS)
    table, columns = briefings.table, briefings.columns
    qtbot.waitUntil(lambda: not columns._soon.isActive())
    wider = table.columnWidth(WHEN) + 90
    table.horizontalHeader().resizeSection(WHEN, wider)  # as a drag of the header's edge does
    briefings.refresh()
    listed(qtbot, window, BRIEFINGS)
    columns.fit()  # as the rows read again ask
    assert table.columnWidth(WHEN) == wider


def test_in_arabic_an_mrn_and_a_name_keep_their_own_direction(qtbot: QtBot) -> None:
    """A reviewer's Arabic desk listed the MRN "=HYPERLINK(1)" as "HYPERLINK(1)="."""
    from types import SimpleNamespace

    from kiosk.ui.console.table import MRN, BriefingTable
    from kiosk.ui.jobs import Jobs

    row = SimpleNamespace(mrn="=HYPERLINK(1)", patient_name="Ana Ruiz")
    arabic = BriefingTable(Jobs(), words_for("ar"))
    assert arabic.text(row, MRN) == isolated("=HYPERLINK(1)")  # type: ignore[arg-type]
    assert arabic.text(row, PATIENT) == isolated("Ana Ruiz")  # type: ignore[arg-type]
    english = BriefingTable(Jobs(), words_for("en"))
    assert english.text(row, MRN) == "=HYPERLINK(1)"  # type: ignore[arg-type]
