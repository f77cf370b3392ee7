"""The prepare steps on who performs and who signs: the practitioner and the planned date, whether
a legally authorized representative signs (their name, relationship, why the patient cannot) and
whether a witness signs; and, for a briefing in another language than the clinic's, an interpreter
(name, ID or agency, in person, by phone or by video). One keyboard types into the field tapped."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFocusEvent, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Msg, Words, msg
from kiosk.services.signing_plan import Interpreter, InterpreterMode, Plan, Representative
from kiosk.services.staff import NAME_MAX, StaffDesk
from kiosk.session.signers import MODE_WORDS
from kiosk.ui.pages.base import button, centred, label
from kiosk.ui.staff.keys import DigitRow, staff_line
from kiosk.ui.staff.rows import across_or_down
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.widgets.letters import SENTENCES


def typed_date(words: Words, typed: str) -> date | None:
    """A date typed in the order console.prepare.date-format gives (leading zeros optional, or
    its eight digits alone: the staff keys have no "/"), or as ISO 8601 (1951-03-14, as records and
    other systems write dates); None when it is not a whole, real date."""
    text = typed.strip()
    pattern = words("console.prepare.date-format")
    digits = "".join(ch for ch in pattern if ch.isalpha())
    for form in (pattern, pattern.replace("MM", "M").replace("dd", "d"), digits, "yyyy-MM-dd"):
        d = QDate.fromString(text, form)
        if d.isValid():
            return date(d.year(), d.month(), d.day())
    return None


class Field(QLineEdit):
    """A line the step's keyboard types into once it is tapped."""

    focused = Signal()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()


def _field(length: int = NAME_MAX) -> Field:
    return staff_line(Field(), "", length)  # named by a label beside it, not a placeholder


class Keyed(QWidget):
    """A step of lines above the digits and the keyboard, which type into the line last tapped."""

    def __init__(self, words: Words, digits: bool, also: Sequence[str]) -> None:
        super().__init__()
        self.words = words
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(12)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(8)
        self.column.addLayout(self.grid)
        self.fields: list[Field] = []
        self.cells: list[QBoxLayout] = []
        self.toggle_rows: list[tuple[QBoxLayout, tuple[QPushButton, ...]]] = []
        """Rows of toggles: side by side when each fits on one line, else one under another."""
        first = QLineEdit()  # a stand-in target until a line is made
        self.keys = OnScreenKeyboard(first)
        self.keys.set_words(words, also=also)  # a name in the patient's letters (Arabic)
        self.digits = DigitRow(first) if digits else None
        if self.digits is not None:
            self.column.addLayout(centred(self.digits))
        self.column.addLayout(centred(self.keys))
        self.column.addStretch(1)  # the keys right under the lines they type into
        first.deleteLater()

    def line(self, name: str, row: int, col: int, span: int = 1, length: int = NAME_MAX) -> Field:
        """A line with its name in sight once the line is typed into (where a placeholder would
        go): beside it on a landscape screen, so the step is no taller than the screen; above it
        on a portrait one, so the line has the width for a name."""
        field = _field(length)
        field.setAccessibleName(self.words(name))
        field.focused.connect(partial(self.type_into, field))
        cell = QBoxLayout(self._cell_direction())
        cell.setSpacing(8)
        # (a date's pattern kept on one line: "MM/" over "DD/YYYY" was misread, at 1920x1080)
        cell.addWidget(label(self.words(name).replace("/", "/\u2060"), "muted"), 2)
        cell.addWidget(field, 3)
        self.grid.addLayout(cell, row, col, 1, span)
        self.cells.append(cell)
        if not self.fields:
            self.type_into(field)
        self.fields.append(field)
        return field

    def _cell_direction(self) -> QBoxLayout.Direction:
        window = self.window()
        portrait = window is not self and window.height() > window.width()
        return QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.reflow()

    def reflow(self) -> None:
        """Each line's name beside or above it, each row of toggles across or down, for the width
        and type the step has now."""
        direction = self._cell_direction()
        for cell in self.cells:
            if cell.direction() != direction:
                cell.setDirection(direction)
        for row, buttons in self.toggle_rows:
            across_or_down(
                row, sum(b.sizeHint().width() + row.spacing() for b in buttons), self.width()
            )

    def toggles(self, *buttons: QPushButton) -> QBoxLayout:
        """A row of toggles (`toggle_rows`), each as wide as its words."""
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.setSpacing(16)
        for b in buttons:
            row.addWidget(b, 0, Qt.AlignmentFlag.AlignLeading)
        self.toggle_rows.append((row, buttons))
        return row

    def type_into(self, field: QLineEdit) -> None:
        self.keys.set_target(field)
        if self.digits is not None:
            self.digits.target = field

    def wipe(self) -> None:
        for field in self.fields:
            field.setText("")  # not clear(): that can be undone
        if self.fields:
            self.type_into(self.fields[0])
        self.keys.show_letters()


def toggle(text: str) -> QPushButton:
    choice = button(text, "choice")
    choice.setCheckable(True)
    return choice


class PlanStep(Keyed):
    """Who performs and when; whether a representative signs, whether a witness does."""

    def __init__(self, words: Words, also: Sequence[str] = ()) -> None:
        super().__init__(words, digits=True, also=also)
        self.practitioner = self.line("staff.prepare.practitioner", 0, 0)
        self.planned = self.line("staff.prepare.planned-date", 0, 1, length=10)
        self.representative = toggle(words("staff.prepare.rep-signs"))
        self.witness = toggle(words("staff.prepare.witness-signs"))
        self.grid.addLayout(self.toggles(self.representative, self.witness), 1, 0, 1, 2)

    def planned_date(self) -> date | None:
        """The planned date typed (in the order console.prepare.date-format gives), or None."""
        return typed_date(self.words, self.planned.text())

    def problem(self, desk: StaffDesk) -> Msg | None:
        """What to fix before going on: a practitioner's name or a planned date that will not do."""
        typed = self.practitioner.text()
        if typed.strip() and desk.name_problem(typed):
            return desk.name_problem(typed)
        if self.planned.text().strip() and self.planned_date() is None:
            return msg("console.prepare.planned-unreadable")
        when = self.planned_date()
        if when is not None and when < desk.today():
            return msg("staff.prepare.planned-date-past")
        return None


class RepresentativeStep(Keyed):
    def __init__(self, words: Words, also: Sequence[str] = ()) -> None:
        super().__init__(words, digits=False, also=also)
        self.name = self.line("staff.prepare.rep-name-placeholder", 0, 0)
        self.relationship = self.line("staff.prepare.rep-relationship-placeholder", 0, 1)
        self.reason = self.line("staff.prepare.rep-reason-placeholder", 1, 0, span=2, length=400)
        self.reason.setProperty(SENTENCES, True)  # "cannot hold a pen", not "Cannot Hold A Pen"

    def representative(self) -> Representative:
        return Representative(self.name.text(), self.relationship.text(), self.reason.text())


class InterpreterStep(Keyed):
    def __init__(self, words: Words, also: Sequence[str] = ()) -> None:
        super().__init__(words, digits=True, also=also)
        self.helps = toggle(words("staff.prepare.interp-helps"))
        self.helps.toggled.connect(self._helps)
        self.modes: dict[InterpreterMode, QPushButton] = {}
        for mode, word in MODE_WORDS.items():
            choice = toggle(words(word))
            choice.clicked.connect(partial(self.choose, mode))
            self.modes[mode] = choice
        # How it helps, side by side, under whether one helps when the four do not fit a row.
        modes = self.toggles(*self.modes.values())
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.setSpacing(16)
        row.addWidget(self.helps, 0, Qt.AlignmentFlag.AlignLeading)
        row.addLayout(modes)
        row.addStretch(1)
        self.toggle_rows.append((row, (self.helps, *self.modes.values())))
        self.grid.addLayout(row, 0, 0, 1, 2)
        self.name = self.line("staff.prepare.interp-name-placeholder", 1, 0)
        self.agency = self.line("staff.prepare.interp-id-placeholder", 1, 1)
        self.mode: InterpreterMode | None = None
        self.choose(InterpreterMode.IN_PERSON)

    def choose(self, mode: InterpreterMode | None) -> None:
        self.mode = mode
        self._helps(self.helps.isChecked())

    def _helps(self, on: bool) -> None:
        """How the interpreter helps shows chosen only while one helps (reviewers saw "in person"
        chosen with the interpreter off); it can be chosen only then."""
        for each, choice in self.modes.items():
            choice.setEnabled(on)
            choice.setChecked(on and each is self.mode)

    def interpreter(self, language: str) -> Interpreter | None:
        if not self.helps.isChecked():
            return None
        return Interpreter(
            self.name.text(), self.agency.text(), language, self.mode or InterpreterMode.IN_PERSON
        )

    def wipe(self) -> None:
        super().wipe()
        self.helps.setChecked(False)
        self.choose(InterpreterMode.IN_PERSON)


class PlanSteps:
    """The three steps, and the plan they hold."""

    def __init__(self, words: Words, also: Sequence[str] = ()) -> None:
        """`also`: the languages patients are briefed in here, whose letters the keys offer."""
        self.plan_step = PlanStep(words, also)
        self.rep_step = RepresentativeStep(words, also)
        self.interp_step = InterpreterStep(words, also)

    @property
    def representative_signs(self) -> bool:
        return self.plan_step.representative.isChecked()

    def plan(self, language: str | None, interpreter_offered: bool) -> Plan:
        rep = self.rep_step.representative() if self.representative_signs else None
        interp = (
            self.interp_step.interpreter(language or "")
            if interpreter_offered and language
            else None
        )
        return Plan(rep, interp, self.plan_step.witness.isChecked())

    def forget(self, witness: bool) -> None:
        for step in (self.plan_step, self.rep_step, self.interp_step):
            step.wipe()
        self.plan_step.representative.setChecked(False)
        self.plan_step.witness.setChecked(witness)
