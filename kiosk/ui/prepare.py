"""Staff prepare a briefing at the kiosk: name, date of birth, optional MRN and procedure, one step a screen."""

from __future__ import annotations

import logging
from datetime import date
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from kiosk.i18n import Msg, words_for
from kiosk.station import Station, name_problem
from kiosk.store.briefings import prepare_briefing
from kiosk.store.models import NAME_MAX
from kiosk.store.rules import InputError, clean_mrn, clean_name
from kiosk.ui.pages.base import Reading, button, card, centred, label
from kiosk.ui.widgets.keyboard import KEY_HEIGHT, LETTER_FONT, SPACING, WIDTH, OnScreenKeyboard
from kiosk.ui.widgets.keypad import DateKeypad, set_font_px

log = logging.getLogger(__name__)

TITLES = (
    "The patient's full name",
    "Their date of birth",
    "Their record number (MRN)",
    "Check the details and prepare",
)
NAME, BIRTH, MRN, CHECK = range(len(TITLES))

EMPTY_NAME = "Please type the patient's full name."
UNPRINTABLE = (
    "The briefing PDF cannot print some letters of this name. Please check the name, or ask IT."
)
NO_PROCEDURE = "Please choose the procedure."
NO_FORMS = "No procedure is loaded on this kiosk; please ask IT."
SAVE_FAILED = "The briefing could not be saved; try again or ask IT."
READY = "Ready: the next patient only confirms their date of birth."
MRN_FIELD_MAX = 200
"""Longer than the store takes (64), so a refused MRN is explained rather than cut off silently."""


STAFF_WORDS = words_for("en")
"""Staff mode's words (English until staff mode has a language of its own)."""
STAFF_WORDING = {"date.incomplete": "staff.date-incomplete", "date.too-old": "staff.date-too-old"}
"""A date's problem as staff read it: they type the patient's date, not their own."""


def staff_name_problem(text: str) -> str | None:
    """Why the name cannot go on a briefing, in words for staff; None if it can (`name_problem` decides)."""
    if not text.strip():
        return EMPTY_NAME
    if name_problem(text) is None:
        return None
    try:
        cleaned = clean_name(text)
    except InputError as exc:
        return f"The name {exc.message}."
    return EMPTY_NAME if len(cleaned) < 2 else UNPRINTABLE


def text_field(placeholder: str, length: int) -> QLineEdit:
    """A line staff type into with the on-screen keys: no context menu (no paste of stray text)."""
    field = QLineEdit()
    field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    field.setMaxLength(length)
    field.setPlaceholderText(placeholder)
    return field


class DigitRow(QWidget):
    """0–9 for the MRN field, which the name keyboard has no keys for; as wide as the keyboard."""

    def __init__(self, target: QLineEdit) -> None:
        super().__init__()
        self.target = target
        self.setObjectName("digitRow")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(SPACING)
        self.keys: list[QPushButton] = []
        for n, digit in enumerate("1234567890"):
            key = QPushButton(digit)  # sized here, like the keyboard's keys, not by the theme
            key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            key.clicked.connect(partial(self._type, digit))
            key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            grid.addWidget(key, 0, n)
            self.keys.append(key)
        self.setMaximumWidth(WIDTH)
        self._scale = 0.0
        self.set_scale(1.0)

    def _type(self, digit: str) -> None:
        self.target.insert(digit)

    def scale(self) -> float:
        return self._scale

    def set_scale(self, scale: float) -> None:
        self._scale = scale
        for key in self.keys:
            set_font_px(key, LETTER_FONT * scale, bold=True)
            key.setMinimumWidth(64)
            key.setFixedHeight(round(KEY_HEIGHT * scale))


class PrepareForm(QWidget):
    """The prepare steps: name → date of birth → MRN → procedure and Prepare, with Back, Next and Cancel.

    It holds personal details only while staff type them: `forget()` empties every field, and it
    forgets by itself once the briefing is prepared or the form is cancelled.
    """

    cancelled = Signal()
    prepared = Signal()
    """The briefing was stored; the form is empty again."""

    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        self.staff: str | None = None
        self._dob: date | None = None
        self._mrn: str | None = None
        self._form_id: str | None = None

        # The title and where staff are on one line, the message between Back and Next: the
        # MRN step (a line, digits and the keyboard) needs all the height 1280×800 has left.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        top = QHBoxLayout()
        self.title = label(role="title")
        self.where = label(role="muted", wrap=False)
        top.addWidget(self.title, 1)
        top.addWidget(self.where, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.steps = QStackedWidget()
        layout.addWidget(self.steps, 1)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.cancel_button = button("Cancel", None, self.cancel)
        self.back_button = button("‹  Back", None, self.back)
        self.message = label(role="notice")
        self.message.hide()
        self.next_button = button("Next  ›", "primary", self.next)
        row.addWidget(self.cancel_button)
        row.addWidget(self.back_button)
        row.addWidget(self.message, 1)
        row.addStretch(0)
        row.addWidget(self.next_button)
        layout.addLayout(row)

        # 1. Name: a line and the on-screen keyboard.
        column = self._step()
        column.addWidget(
            label("As on the patient's ID. The patient sees it, and the PDF prints it.", "muted")
        )
        self.name = text_field("Full name", NAME_MAX)
        column.addWidget(self.name)
        column.addStretch(1)
        self.name_keys = OnScreenKeyboard(self.name)
        column.addLayout(centred(self.name_keys))

        # 2. Date of birth: the keypad on the right, as the patient's identity screen has it.
        column = self._step()
        row = QHBoxLayout()
        row.setSpacing(32)
        row.addWidget(
            label("Month, day and year, as on the patient's ID.", "muted"),
            1,
            Qt.AlignmentFlag.AlignTop,
        )
        self.keypad = DateKeypad()
        row.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(row)
        column.addStretch(1)

        # 3. MRN: optional; digits above the letters, the keyboard's hyphen for "A-1234".
        column = self._step()
        line = QHBoxLayout()
        line.setSpacing(24)
        self.mrn = text_field("MRN (optional)", MRN_FIELD_MAX)
        line.addWidget(self.mrn, 1)
        line.addWidget(label("Optional: leave it empty if there is none.", "muted"), 1)
        column.addLayout(line)
        column.addStretch(1)
        self.digits = DigitRow(self.mrn)
        column.addLayout(centred(self.digits))
        self.mrn_keys = OnScreenKeyboard(self.mrn)
        column.addLayout(centred(self.mrn_keys))

        # 4. Check and choose the procedure.
        column = self._step()
        summary, lines = card()
        self.shown_name = label(role="heading")
        self.shown_birth = label()
        self.shown_mrn = label()
        for widget in (self.shown_name, self.shown_birth, self.shown_mrn):
            lines.addWidget(widget)
        column.addWidget(summary)
        column.addWidget(label("Procedure", "heading"))
        self.procedures: dict[str, QPushButton] = {}
        choices = Reading()
        for form_id, form in sorted(
            self.station.forms.items(), key=lambda f: f[1].title.casefold()
        ):
            choice = button(
                f"{form.title} ({form.full_name})", "choice", partial(self._choose, form_id)
            )
            choice.setCheckable(True)
            choice.setAccessibleName(f"{form.title}: {form.full_name}")
            choices.add(choice)
            self.procedures[form_id] = choice
        if not self.procedures:
            choices.add(label(NO_FORMS, "muted"))
        choices.finish()
        column.addWidget(choices, 1)
        self.by = label(role="muted")
        column.addWidget(self.by)

        self.forget()

    def _step(self) -> QVBoxLayout:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        self.steps.addWidget(page)
        return column

    # -- the steps -------------------------------------------------------------------------

    @property
    def step(self) -> int:
        return self.steps.currentIndex()

    def begin(self, staff: str) -> None:
        """A fresh, empty form for this staff member."""
        self.forget()
        self.staff = staff

    def _go(self, step: int) -> None:
        self.steps.setCurrentIndex(step)
        self.where.setText(f"Prepare a briefing · {step + 1} of {len(TITLES)}")
        self.title.setText(TITLES[step])
        self.back_button.setVisible(step > NAME)
        self.next_button.setText("Prepare" if step == CHECK else "Next  ›")
        self.name_keys.show_letters()
        self.mrn_keys.show_letters()
        if step == CHECK:
            self._show_check()
        self.say("")

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def next(self) -> None:
        step = self.step
        if step == NAME:
            problem = staff_name_problem(self.name.text())
            if problem:
                self.say(problem)
                return
        elif step == BIRTH:
            today = self.station.clock.now().astimezone().date()
            entry = self.keypad.entry()
            dob, date_problem = entry.check(today)
            if dob is None:
                wrong = entry.problem or date_problem  # an impossible day before a missing year
                if wrong is not None:  # staff type it for the patient: the staff wording
                    wrong = Msg(STAFF_WORDING.get(wrong.id, wrong.id), wrong.args, wrong.count)
                    self.say(STAFF_WORDS(wrong))
                return
            self._dob = dob
        elif step == MRN:
            try:
                self._mrn = clean_mrn(self.mrn.text())
            except InputError as exc:
                self.say(f"The MRN {exc.message}.")
                return
        else:
            self._prepare()
            return
        self._go(step + 1)

    def back(self) -> None:
        if self.step > NAME:
            self._go(self.step - 1)

    def cancel(self) -> None:
        self.forget()
        self.cancelled.emit()

    def _choose(self, form_id: str) -> None:
        self._form_id = form_id
        for other, choice in self.procedures.items():
            choice.setChecked(other == form_id)
        self.say("")

    def _show_check(self) -> None:
        assert self._dob is not None
        self.shown_name.setText(self.name.text().strip())
        self.shown_birth.setText(f"Born {self._dob:%B} {self._dob.day}, {self._dob.year}")
        self.shown_mrn.setText(f"MRN {self._mrn}" if self._mrn else "No MRN")
        self.by.setText(
            f"Prepared by {self.staff}. The next patient to touch Start confirms their date of birth."
        )

    def _prepare(self) -> None:
        if not self.procedures:
            self.say(NO_FORMS)
            return
        if self._form_id is None:
            self.say(NO_PROCEDURE)
            return
        assert self._dob is not None and self.staff is not None
        try:
            briefing_id = prepare_briefing(
                self.station.store,
                self.station.forms[self._form_id],
                name=self.name.text(),
                date_of_birth=self._dob,
                mrn=self._mrn,
                staff=self.staff,
                now=self.station.clock.now(),
            )
        except InputError as exc:
            self.say(f"Please check the details: the {exc.field.replace('_', ' ')} {exc.message}.")
            return
        except (SQLAlchemyError, OSError) as exc:
            # The exception's text can carry SQL parameters (the name): log its kind only.
            log.error("a briefing could not be prepared: %s", type(exc).__name__)
            self.say(SAVE_FAILED)
            return
        log.info("briefing %s: prepared at the kiosk", briefing_id)
        staff = self.staff
        self.forget()
        self.staff = staff
        self.prepared.emit()

    def forget(self) -> None:
        """Empty every field and go back to the first step: no personal detail stays in any widget."""
        # setText, not clear(): clear() can be undone, so the name would stay in the undo history.
        self.name.setText("")
        self.keypad.reset()
        self.mrn.setText("")
        self._dob = None
        self._mrn = None
        for widget in (self.shown_name, self.shown_birth, self.shown_mrn, self.by):
            widget.setText("")
        self._form_id = None
        for choice in self.procedures.values():
            choice.setChecked(False)
        if len(self.procedures) == 1:
            self._choose(next(iter(self.procedures)))
        self.staff = None
        self._go(NAME)
