"""The Questions view: what patients flagged at every kiosk; answer one with a note, and mark when
the surgeon has been told. Both are audited under the signed-in staff member's name."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Msg, Words, isolated, msg
from kiosk.services.console import ConsoleDesk, Flag, StaffError, StaleError, Which
from kiosk.services.staff import NOTE_MAX
from kiosk.ui.console.columns import FittedColumns
from kiosk.ui.console.describe import answer_whole, flag_state, moment, told_state
from kiosk.ui.console.reads import Reads, read_only_table, select_row, tell
from kiosk.ui.jobs import Jobs
from kiosk.ui.staff.describe import own

COLUMNS = (
    "console.column.flagged",
    "console.column.patient",
    "console.column.mrn",
    "console.column.kiosk",
    "console.column.screen",
    "console.column.answer",
    "console.column.surgeon",
)
FLAGGED, PATIENT, MRN, ABOUT, ANSWER = 0, 1, 2, 4, 5
"""The patient's name and what the question was about take the room the other columns leave."""
WHICH = {
    Which.OPEN: "console.questions.which-open",
    Which.UNTOLD: "console.questions.which-untold",
    Which.ALL: "console.questions.which-all",
}
log = logging.getLogger(__name__)
QUICK_NOTES = ("staff.questions.in-person", "staff.questions.by-phone", "staff.questions.surgeon")


class QuestionsView(QWidget):
    def __init__(self, jobs: Jobs, words: Words, staff: Callable[[], str | None]) -> None:
        super().__init__()
        self.words = words
        self.staff = staff
        self.desk: ConsoleDesk | None = None
        self.reads = Reads(jobs)
        self.flags: list[Flag] = []
        self.shown: Flag | None = None
        """The question the caption names: the one row highlighted, and the only one the buttons
        and the note act on (by its flag id)."""
        self._refused = False
        """What is said is why an action was refused: it goes once the note is typed again."""
        self.drafts: dict[int, str] = {}
        """Notes typed and not yet sent, by flag id: a note stays with its question until staff
        mark it answered (marking the surgeon told had emptied it: a reviewer)."""
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.which = QComboBox()
        for which, message in WHICH.items():
            self.which.addItem(words(message), which.value)
        self.which.currentIndexChanged.connect(lambda _: self.look())
        top.addWidget(self.which)
        self.count = QLabel()
        top.addWidget(self.count, 1)
        layout.addLayout(top)
        self.table = read_only_table(words, COLUMNS)
        self.columns = FittedColumns(self.table, (PATIENT, ABOUT), (FLAGGED, MRN))
        self.table.itemSelectionChanged.connect(self._follow)
        layout.addWidget(self.table, 1)

        self.asked = QLabel(words("console.questions.choose"))
        self.asked.setObjectName("heading")
        self.asked.setWordWrap(True)
        layout.addWidget(self.asked)
        self.answer = QLabel()
        """An answered question's note whole, with who answered and when (read only; the list's
        Answer cell cut it, and the note box stayed empty: a reviewer could not read it)."""
        self.answer.setWordWrap(True)
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer.hide()
        layout.addWidget(self.answer)
        line = QHBoxLayout()
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_MAX)
        self.note.setPlaceholderText(words("staff.questions.note"))
        self.note.returnPressed.connect(self.mark_answered)
        self.note.textChanged.connect(self._drafted)
        line.addWidget(self.note, 1)
        line.addStretch(0)  # the buttons keep their size while an answered question hides the note
        self.answer_button = QPushButton(words("staff.questions.mark"))
        self.answer_button.clicked.connect(self.mark_answered)
        line.addWidget(self.answer_button)
        self.told_button = QPushButton(words("console.questions.mark-told"))
        self.told_button.clicked.connect(self.mark_told)
        line.addWidget(self.told_button)
        layout.addLayout(line)
        quick = QHBoxLayout()
        self.quick: list[QPushButton] = []
        for message_id in QUICK_NOTES:
            text = words(message_id)
            b = QPushButton(text)
            b.clicked.connect(partial(self.note.setText, text))
            quick.addWidget(b)
            self.quick.append(b)
        quick.addStretch(1)
        layout.addLayout(quick)
        self.message = QLabel()
        self.message.setObjectName("notice")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self._enable()

    def start(self, desk: ConsoleDesk) -> None:
        self.desk = desk
        self.look()

    def look(self) -> None:
        """Staff asked for a list of questions: read it, and audit the look (which list)."""
        desk, staff = self.desk, self.staff()
        if desk is None or staff is None:
            return
        which = str(self.which.currentData())
        self.reads.jobs.run(
            lambda: desk.action(staff, "console_questions_listed", {"which": which}),
            lambda _: None,
            lambda exc: log.error(
                "a look at the questions was not audited: %s", type(exc).__name__
            ),
        )
        self.reload()

    def chosen(self) -> Flag | None:
        rows = self.table.selectionModel().selectedRows()
        return self.flags[rows[0].row()] if rows and rows[0].row() < len(self.flags) else None

    def reload(self, told: Msg | None = None, done: bool = False) -> None:
        desk = self.desk
        if desk is None:
            return
        which = Which(str(self.which.currentData()))
        self.reads.run(lambda: desk.flags(which), partial(self._show, told, done), self.say)

    refresh = reload

    def _show(self, told: Msg | None, done: bool, flags: list[Flag]) -> None:
        kept = self.shown.flag_id if self.shown is not None else None
        words = self.words
        # The rows are filled with the selection cleared and its signal held; then the question
        # the caption named is highlighted again if it is still listed, else none is (staff
        # choose). A row left highlighted by its place held the next patient's question while
        # the caption and the buttons still named the one answered (a reviewer).
        with QSignalBlocker(self.table):
            self.table.clearSelection()
            self.flags = flags
            self.table.setRowCount(len(flags))
            for n, flag in enumerate(flags):
                cells = (
                    moment(words, flag.flagged_at),
                    own(words, flag.patient_name or words("staff.questions.walk-up")),
                    own(words, flag.mrn) if flag.mrn else "",
                    own(words, flag.kiosk_id),
                    flag.screen_title,
                    flag_state(words, flag),
                    told_state(words, flag),
                )
                for column, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    note = column == ANSWER and flag.answer_note
                    item.setToolTip(f"{text}\n{flag.answer_note}" if note else text)
                    self.table.setItem(n, column, item)
            again = next((n for n, f in enumerate(flags) if f.flag_id == kept), None)
            if again is not None:
                select_row(self.table, again)
            else:
                self.table.selectionModel().clearCurrentIndex()
        self.count.setText(words("console.questions.count", count=len(flags)))
        self._follow()
        if told is not None:
            self.say(told, done)

    def _drafted(self, text: str) -> None:
        if self.shown is not None:
            self.drafts[self.shown.flag_id] = text
        if self._refused:  # ("Write a short note…" stood over a note typed or chosen: a reviewer)
            self.say(None)

    def _follow(self) -> None:
        """The caption, the note and the buttons follow the highlighted row: drawn from its flag
        (read afresh), the note the one typed for that question (none for another), nothing to act
        on when no row is highlighted."""
        flag = self.chosen()
        if flag is None or self.shown is None or flag.flag_id != self.shown.flag_id:
            self.shown = None  # the note shown now is not typed for the question left
            self.note.setText(self.drafts.get(flag.flag_id, "") if flag is not None else "")
            self.say(None)  # what was said was of the question left ("✓ Marked answered.")
        self.shown = flag
        if flag is None:
            self.asked.setText(self.words("console.questions.choose"))
        else:
            self.asked.setText(
                self.words(
                    "staff.questions.asked",
                    name=isolated(flag.patient_name or self.words("staff.questions.walk-up")),
                    title=flag.screen_title,
                )
            )
        self._enable()

    def _enable(self) -> None:
        flag = self.shown
        can_answer = flag is not None and flag.open
        answered = flag is not None and not flag.open
        self.answer.setText(answer_whole(self.words, flag) if flag is not None else "")
        self.answer.setVisible(answered)
        for widget in (self.note, self.answer_button, *self.quick):
            widget.setEnabled(can_answer)
            widget.setVisible(not answered)  # nothing to type: its answer is shown instead
        self.told_button.setEnabled(flag is not None and flag.told_at is None)

    def say(self, told: Msg | None, done: bool = False) -> None:
        self._refused = told is not None and not done
        tell(self.message, self.words(told) if told else "", done)

    def mark_answered(self) -> None:
        note = self.note.text()

        def answer(desk: ConsoleDesk, staff: str, flag_id: int) -> None:
            desk.answer(staff, flag_id, note)
            self.note.setText("")
            self.drafts.pop(flag_id, None)  # sent: the note is the answer's now

        self._act(answer, msg("staff.questions.answered"))

    def mark_told(self) -> None:
        self._act(
            lambda desk, staff, flag_id: desk.tell_surgeon(staff, flag_id),
            msg("console.questions.told"),
        )

    def _act(self, change: Callable[[ConsoleDesk, str, int], None], done: Msg) -> None:
        """Change the question the caption names (by its flag id), and only while its row is the
        one highlighted; anything else redraws the caption and changes nothing."""
        flag, chosen, staff, desk = self.shown, self.chosen(), self.staff(), self.desk
        if flag is None or chosen is None or chosen.flag_id != flag.flag_id:
            self._follow()
            return
        if staff is None or desk is None:
            return
        try:
            change(desk, staff, flag.flag_id)  # one short write: its answer is wanted at once
        except StaleError as exc:
            self.reload(exc.text)  # answered meanwhile elsewhere: the list as it is now
            return
        except StaffError as exc:
            self.say(exc.text)
            return
        self.reload(done, done=True)  # the note typed stays until the question is marked answered

    def forget(self) -> None:
        self.reads.drop()
        self.desk = None
        self.flags = []
        self.shown = None
        self.drafts = {}
        self.table.clearContents()
        self.table.setRowCount(0)
        self.note.setText("")
        self.asked.setText(self.words("console.questions.choose"))
        self.count.setText("")
        self.say(None)
        self._enable()
