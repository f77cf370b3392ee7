"""Staff prepare a briefing at the kiosk: name, date of birth, optional MRN and procedure, one step a screen."""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import Msg, Words, msg
from kiosk.services.signing_plan import plan_problem
from kiosk.services.staff import NAME_MAX, Cosigned, StaffDesk, StaffError
from kiosk.session.view import LanguageChoice
from kiosk.ui.pages.base import Reading, WrapButton, button, centred, label, wrap_button
from kiosk.ui.staff.arrows import back_and_next
from kiosk.ui.staff.fit import Stack, keys_give_way
from kiosk.ui.staff.keys import STAFF_WORDS, DigitRow, text_field
from kiosk.ui.staff.plan_steps import PlanSteps
from kiosk.ui.staff.rows import Beside, MessageBeside, across_or_down, hint_beside, picked
from kiosk.ui.staff.summary import Summary
from kiosk.ui.theme import Look
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.widgets.keypad import DateKeypad
from kiosk.ui.widgets.languages import LanguageButtons

TITLES = (
    "staff.prepare.title-name", "staff.prepare.title-birth", "staff.prepare.title-mrn",
    "staff.prepare.title-procedure", "staff.prepare.title-plan", "staff.prepare.title-rep",
    "staff.prepare.title-interp", "staff.prepare.title-check",
)  # fmt: skip
NAME, BIRTH, MRN, CHOOSE, PLAN, REP, INTERP, CHECK = range(len(TITLES))
"""The steps in order; the check of all that was typed is last (the interpreter's came after it)."""

READY = "staff.menu.ready"
MRN_FIELD_MAX = 200
"""Longer than the store takes (64), so a refused MRN is explained rather than cut off silently."""

STAFF_WORDING = {"date.incomplete": "staff.date-incomplete", "date.too-old": "staff.date-too-old"}
"""A date's problem as staff read it: they type the patient's date, not their own."""


class PrepareForm(QWidget):
    """The prepare steps: name → date of birth → MRN → procedure and Prepare, with Back, Next and Cancel.

    It holds personal details only while staff type them: `forget()` empties every field, and it
    forgets by itself once the briefing is prepared or the form is cancelled.
    """

    cancelled = Signal()
    prepared = Signal()
    """The briefing was stored; the form is empty again."""

    def __init__(self, desk: StaffDesk, words: Words = STAFF_WORDS) -> None:
        super().__init__()
        self.desk = desk
        self.words = words
        self.staff: str | None = None
        self._dob: date | None = None
        self._mrn: str | None = None
        self._form_id: str | None = None
        self._arrow = QSize(0, 0)  # Next's arrow (none until the look is given: `set_look`)

        # The title and where staff are on one line, the message between Back and Next: the
        # MRN step (a line, digits and the keyboard) needs all the height 1280×800 has left.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.title = label(role="title")
        self.where = label(role="muted", wrap=False)
        self._top = Beside(self.title, self.where, into=layout)
        self.steps = Stack()  # as tall as the step shown: its keys give way only for it
        layout.addWidget(self.steps, 1)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.cancel_button = button(words("staff.prepare.cancel"), None, self.cancel)
        self.back_button = button(words("staff.prepare.back"), None, self.back)
        self.message = label(role="notice")
        self.message.hide()
        self.next_button = button(words("staff.prepare.next"), "primary", self.next)
        row.addWidget(self.cancel_button)
        row.addWidget(self.back_button)
        row.addWidget(self.message, 1)
        row.addStretch(0)
        row.addWidget(self.next_button)
        said = QVBoxLayout()  # the message above the buttons when the row is too narrow
        self._message = MessageBeside(row, said, self.message, 2)
        layout.addLayout(said)
        layout.addLayout(row)

        # 1. Name: a line and the on-screen keyboard.
        column = self._step()
        column.addWidget(label(words("staff.prepare.name-hint"), "muted"))
        self.name = text_field(words("staff.prepare.name-placeholder"), NAME_MAX)
        column.addWidget(self.name)
        self.name_keys = OnScreenKeyboard(self.name)
        self.name_keys.set_words(words, also=desk.offered_languages)
        column.addLayout(centred(self.name_keys))
        column.addStretch(1)  # the keys right under the line (in portrait they were 1,000 px off)

        # 2. Date of birth: the keypad on the right, as the patient's identity screen has it.
        column = self._step()
        birth = self._birth_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        birth.setSpacing(32)
        self._birth_hint = label(words("staff.prepare.birth-hint"), "muted")
        birth.addWidget(self._birth_hint, 1, Qt.AlignmentFlag.AlignTop)
        self.keypad = DateKeypad()
        self.keypad.set_words(words)
        birth.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(birth)
        column.addStretch(1)

        # 3. MRN: optional; digits above the letters, the keyboard's hyphen for "A-1234".
        column = self._step()
        line = QHBoxLayout()
        line.setSpacing(24)
        self.mrn = text_field(words("staff.prepare.mrn-placeholder"), MRN_FIELD_MAX)
        line.addWidget(self.mrn, 1)
        line.addWidget(label(words("staff.prepare.mrn-hint"), "muted"), 1)
        column.addLayout(line)
        self.digits = DigitRow(self.mrn)
        column.addLayout(centred(self.digits))
        self.mrn_keys = OnScreenKeyboard(self.mrn)
        self.mrn_keys.set_words(words)
        column.addLayout(centred(self.mrn_keys))
        column.addStretch(1)

        # 4. The procedure and the patient's language.
        column = self._step()
        column.addWidget(label(words("staff.prepare.procedure"), "heading"))
        self.procedures: dict[str, WrapButton] = {}
        choices = Reading()
        for p in desk.procedures():
            choice = wrap_button(
                words("staff.prepare.procedure-choice", title=p.title, full_name=p.full_name),
                "choice",
                partial(self._choose, p.form_id),
                leading=True,
            )
            choice.setCheckable(True)
            choice.toggled.connect(partial(picked, choice))
            choice.setAccessibleName(
                words("staff.prepare.procedure-name", title=p.title, full_name=p.full_name)
            )
            choices.add(choice)
            self.procedures[p.form_id] = choice
        if not self.procedures:
            choices.add(label(words("staff.prepare.no-forms"), "muted"))
        choices.finish()
        column.addWidget(choices, 1)
        # The patient's language: the briefing starts in it (the patient may still change it).
        language_row = self.language_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        language_row.setSpacing(16)
        self.language_heading = label(words("staff.prepare.language"), "heading", wrap=False)
        language_row.addWidget(self.language_heading, 0, Qt.AlignmentFlag.AlignLeading)
        self.languages = LanguageButtons(role="choice")
        self.languages.chosen.connect(self._choose_language)
        language_row.addWidget(self.languages, 0, Qt.AlignmentFlag.AlignLeading)
        column.addLayout(language_row)
        self._language: str | None = None

        # 5. Who performs and when, who signs; 6. the representative; 7. an interpreter, for a
        # briefing in another language than the clinic's (kiosk.ui.staff.plan_steps).
        self.plan = PlanSteps(words, also=desk.offered_languages)
        for step in (self.plan.plan_step, self.plan.rep_step, self.plan.interp_step):
            self.steps.addWidget(step)
        self.plan.plan_step.representative.toggled.connect(lambda _on: self._say_where())

        # 8. Everything typed, to check before Prepare.
        column = self._step()
        self.summary = Summary(words)
        column.addWidget(self.summary.frame)
        self.by = label(role="muted")
        column.addWidget(self.by)
        column.addStretch(1)
        self._message.gone_on_typing(self, self.keypad.typed)
        self.forget()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.reflow()

    def reflow(self) -> None:
        """Each row side by side or one part under another, for the width and type it has now."""
        width = self.width()
        self._top.place(width)
        self._message.place(width)
        need = self.language_heading.sizeHint().width() + 16 + self.languages.sizeHint().width()
        across_or_down(self.language_row, need, width)
        hint_beside(self._birth_row, self._birth_hint, self.keypad, width)

    def set_look(self, look: Look) -> None:
        """Back's and Next's arrows in this look, pointing as staff's language reads."""
        self._arrow = back_and_next(self.back_button, self.next_button, look, self.words)
        self._go(self.step)

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

    def _path(self) -> list[int]:
        """The steps this briefing goes through: the representative's only when one signs, the
        interpreter's only for a briefing in another language than the clinic's."""
        path = [NAME, BIRTH, MRN, CHOOSE, PLAN]
        path += [REP] if self.plan.representative_signs else []
        path += [INTERP] if self._interpreter_offered() else []
        return [*path, CHECK]

    def _interpreter_offered(self) -> bool:
        return self._language is not None and self._language != self.desk.main_language

    def _say_where(self) -> list[int]:  # ("5 of 7": a representative who signs makes it 8)
        path, step = self._path(), self.steps.currentIndex()
        at = path.index(step) + 1 if step in path else step + 1
        self.where.setText(self.words("staff.prepare.where", at=at, total=len(path)))
        return path

    def _go(self, step: int) -> None:
        self.steps.setCurrentIndex(step)
        words = self.words
        path = self._say_where()
        self.title.setText(words(TITLES[step]))
        self._top.place(self.width())
        self.back_button.setVisible(step > NAME)
        last = step == path[-1]
        self.next_button.setText(words("staff.prepare.prepare" if last else "staff.prepare.next"))
        self.next_button.setIconSize(QSize(0, 0) if last else self._arrow)  # Prepare: no arrow
        self.name_keys.show_letters()
        self.mrn_keys.show_letters()
        if step == CHECK:
            self._show_check()
        self.say("")

    def say(self, text: Msg | str) -> None:
        shown = self.words(text) if isinstance(text, Msg) else text
        self.message.setText(shown)
        self.message.setVisible(bool(shown))
        self._message.place(self.width())
        keys_give_way(self)

    def next(self) -> None:
        step = self.step
        if step == NAME:
            problem = self.desk.name_problem(self.name.text())
            if problem:
                self.say(problem)
                return
        elif step == BIRTH:
            today = self.desk.today()
            entry = self.keypad.entry()
            dob, date_problem = entry.check(today)
            if dob is None:
                wrong = entry.problem or date_problem  # an impossible day before a missing year
                if wrong is not None:  # staff type it for the patient: the staff wording
                    wrong = Msg(STAFF_WORDING.get(wrong.id, wrong.id), wrong.args, wrong.count)
                    self.say(wrong)
                return
            self._dob = dob
        elif step == MRN:
            try:
                self._mrn = self.desk.clean_mrn(self.mrn.text())
            except StaffError as exc:
                self.say(exc.text)
                return
        else:
            problem = self._plan_problem(step)
            if problem is not None:
                self.say(problem)
                return
        path = self._path()
        if step == path[-1]:
            self._prepare()
            return
        self._go(path[path.index(step) + 1])

    def _plan_problem(self, step: int) -> Msg | None:
        """What to fix on the step of who performs and who signs before going on."""
        if step == PLAN:
            return self.plan.plan_step.problem(self.desk)
        if step in (REP, INTERP):
            return plan_problem(self.plan.plan(self._language, step == INTERP), self.desk.now())
        if step == CHOOSE and not self.procedures:
            return msg("staff.prepare.no-forms")
        if step == CHOOSE and self._form_id is None:
            return msg("staff.prepare.no-procedure")
        return None

    def back(self) -> None:
        path = self._path()
        if self.step in path and path.index(self.step) > 0:
            self._go(path[path.index(self.step) - 1])

    def cancel(self) -> None:
        self.forget()
        self.cancelled.emit()

    def _choose(self, form_id: str) -> None:
        self._form_id = form_id
        for other, choice in self.procedures.items():
            choice.setChecked(other == form_id)
        offered = [lang.code for lang in self.desk.languages(form_id)]
        if self._language not in offered:
            self._language = offered[0] if offered else None
        self._draw_languages()
        self.say("")

    def _choose_language(self, code: str) -> None:
        if code != self._language:  # an interpreter named for one language is not another's
            self.plan.interp_step.wipe()
        self._language = code
        self._draw_languages()
        if self.step == CHOOSE:  # another language: an interpreter's step may follow, or not
            self._go(CHOOSE)

    def _draw_languages(self) -> None:
        """A button for each language the chosen procedure is offered in (none to choose: hidden)."""
        offered = self.desk.languages(self._form_id) if self._form_id is not None else []
        choices = tuple(
            LanguageChoice(lang.code, lang.name, lang.code == self._language) for lang in offered
        )
        shown = len(choices) > 1
        self.languages.draw(choices if shown else ())
        self.language_heading.setVisible(shown)

    def _show_check(self) -> None:
        assert self._dob is not None
        plan = self.plan.plan_step
        seen = Cosigned(
            plan=self.plan.plan(self._language, self._interpreter_offered()),
            practitioner=plan.practitioner.text().strip() or None,
            planned_date=plan.planned_date(),
        )
        chosen = next((p.title for p in self.desk.procedures() if p.form_id == self._form_id), "")
        what = (chosen, self._language or "")
        name = self.name.text().strip()
        self.summary.show(name, self._dob, self._mrn, what, seen, self.desk.now())
        self.by.setText(self.words("staff.prepare.by", staff=self.staff))

    def _prepare(self) -> None:
        if not self.procedures:
            self.say(msg("staff.prepare.no-forms"))
            return
        if self._form_id is None:
            self.say(msg("staff.prepare.no-procedure"))
            return
        assert self._dob is not None and self.staff is not None
        steps = self.plan
        try:
            self.desk.prepare(
                self.staff, self._form_id, self.name.text(), self._dob, self._mrn,
                language=self._language, practitioner=steps.plan_step.practitioner.text(),
                planned_date=steps.plan_step.planned_date(),
                plan=steps.plan(self._language, self._interpreter_offered()),
            )  # fmt: skip
        except StaffError as exc:
            self.say(exc.text)
            return
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
        self.summary.wipe()
        self.by.setText("")
        self._form_id = None
        self._language = None
        for choice in self.procedures.values():
            choice.setChecked(False)
        self._draw_languages()
        if len(self.procedures) == 1:
            self._choose(next(iter(self.procedures)))
        self.plan.forget(witness=self.desk.witness_required)
        self.staff = None
        self._go(NAME)
