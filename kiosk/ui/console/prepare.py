"""The Prepare view: a briefing for a named patient, addressed to a chosen kiosk or to the next
free one, with the same fields and rules as staff mode at the kiosk. The next patient to touch
Start there (or, for the next free kiosk, at whichever kiosk first) confirms their date of birth
and is briefed."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Msg, Words, isolated, msg
from kiosk.services.console import ConsoleDesk, StaffError
from kiosk.services.preparing import ANY_KIOSK, MRN_MAX, NAME_MAX, Preparing
from kiosk.ui.console.reads import Reads, tell
from kiosk.ui.console.signers_form import SignersFields
from kiosk.ui.jobs import Jobs
from kiosk.ui.staff.describe import kiosk_name
from kiosk.ui.staff.plan_steps import typed_date

FORM_WIDTH = 760


def _whole(typed: str) -> bool:
    """Typed whole (three numbers, or the eight digits alone; stripped): what is wrong is the day."""
    parts = typed.replace("-", "/").split("/")
    return (len(parts) == 3 and all(p.isdigit() for p in parts)) or (
        typed.isdigit() and len(typed) == 8
    )


def fit_choices(combo: QComboBox) -> None:
    """Make `combo` as wide as its longest choice drawn whole. The form (FORM_WIDTH at most) had
    cut the procedure's name ("…Lumbar Decompressi", a reviewer), and Qt's own size for a combo box
    is a little short of its text: here it is measured against the box's text field."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    metrics = QFontMetricsF(combo.font())
    texts = (combo.itemText(n) for n in range(combo.count()))
    widest = max((math.ceil(metrics.horizontalAdvance(t)) for t in texts), default=0)
    combo.setMinimumWidth(widest + option.rect.width() - field.width() + 2)  # 1 px each side


class PrepareView(QWidget):
    def __init__(self, jobs: Jobs, words: Words, staff: Callable[[], str | None]) -> None:
        super().__init__()
        self.words = words
        self.staff = staff
        self.preparing: Preparing | None = None
        self.reads = Reads(jobs)
        outer = QVBoxLayout(self)
        title = QLabel(words("console.prepare.title"))
        title.setObjectName("heading")
        outer.addWidget(title)
        how = QLabel(words("console.prepare.how"))
        how.setWordWrap(True)
        outer.addWidget(how)
        form = QFormLayout()
        self.kiosk = QComboBox()
        form.addRow(words("console.column.kiosk"), self.kiosk)
        self.procedure = QComboBox()
        form.addRow(words("staff.prepare.procedure"), self.procedure)
        # The patient's language: the briefing starts in it (the patient may still change it),
        # and an interpreter helps in it (the desk had none: the PDF said "English" for one).
        self.language = QComboBox()
        form.addRow(words("staff.prepare.language"), self.language)
        self.procedure.currentIndexChanged.connect(self._languages)
        self.language.currentIndexChanged.connect(self._interpreter_offered)
        self.name = QLineEdit()
        self.name.setMaxLength(NAME_MAX)
        self.name.setPlaceholderText(words("staff.prepare.name-placeholder"))
        self.name.setToolTip(words("staff.prepare.name-hint"))
        form.addRow(words("staff.prepare.title-name"), self.name)
        self.born = QLineEdit()
        self.born.setMaxLength(10)
        self.born.setPlaceholderText(words("console.prepare.date-hint"))
        self.born.setToolTip(words("staff.prepare.birth-hint"))
        form.addRow(words("staff.prepare.title-birth"), self.born)
        self.mrn = QLineEdit()
        self.mrn.setMaxLength(MRN_MAX)
        self.mrn.setPlaceholderText(words("staff.prepare.mrn-placeholder"))
        self.mrn.setToolTip(words("staff.prepare.mrn-hint"))
        form.addRow(words("staff.prepare.title-mrn"), self.mrn)
        self.practitioner = QLineEdit()
        self.practitioner.setMaxLength(NAME_MAX)
        self.practitioner.setToolTip(words("staff.prepare.mrn-hint"))
        form.addRow(words("document.practitioner"), self.practitioner)
        self.planned = QLineEdit()
        self.planned.setMaxLength(10)
        self.planned.setPlaceholderText(words("console.prepare.date-hint"))
        self.planned.setToolTip(words("staff.prepare.mrn-hint"))
        form.addRow(words("document.planned-date"), self.planned)
        for field in (self.name, self.born, self.mrn, self.practitioner, self.planned):
            field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
            field.textEdited.connect(self._next_patient)
        self.signers = SignersFields(form, words)
        holder = QWidget()
        # FORM_WIDTH wide, or as wide as its widest field wants (the procedure's full name).
        holder.setMinimumWidth(FORM_WIDTH)
        holder.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        self.button = QPushButton(words("staff.prepare.prepare"))
        self.button.clicked.connect(self.prepare)
        row.addWidget(self.button)
        column.addLayout(row)
        outer.addWidget(holder)
        self.message = QLabel()
        self.message.setObjectName("notice")
        self.message.setWordWrap(True)
        outer.addWidget(self.message)
        outer.addStretch(1)
        self.forget()

    def start(self, desk: ConsoleDesk) -> None:
        self.preparing = preparing = Preparing(desk)
        self.signers.clear(witness=preparing.witness_required)
        self.procedure.clear()
        for p in preparing.procedures():
            self.procedure.addItem(
                self.words("staff.prepare.procedure-choice", title=p.title, full_name=p.full_name),
                p.form_id,
            )
        if not self.procedure.count():
            self.say(msg("staff.prepare.no-forms"))
        fit_choices(self.procedure)
        self._languages()
        self.reads.run(preparing.kiosks, self._kiosks, self.say)

    def _languages(self) -> None:
        """The chosen procedure's languages, the clinic's main one first and chosen."""
        self.language.clear()
        if self.preparing is not None:
            for lang in self.preparing.languages(str(self.procedure.currentData())):
                self.language.addItem(lang.name, lang.code)
        self.language.setCurrentIndex(0)
        fit_choices(self.language)
        self._interpreter_offered()

    def _interpreter_offered(self) -> None:
        """An interpreter for a briefing in another language than the clinic's, as at the kiosk."""
        chosen = self.language.currentData()
        main = self.preparing.main_language if self.preparing is not None else None
        self.signers.offer_interpreter(chosen is not None and chosen != main)

    def _kiosks(self, kiosks: list[str]) -> None:
        """The next free kiosk first, then each kiosk by name (the one chosen stays chosen)."""
        chosen = self.kiosk.currentData()
        self.kiosk.clear()
        for kiosk in (ANY_KIOSK, *kiosks):
            self.kiosk.addItem(kiosk_name(self.words, kiosk), kiosk)
        at = self.kiosk.findData(chosen) if chosen is not None else -1
        self.kiosk.setCurrentIndex(max(at, 0))
        fit_choices(self.kiosk)

    def born_on(self) -> date | None:
        """The date of birth typed (as console.prepare.date-format, leading zeros optional); None
        when it is not a whole, real date."""
        return self._date(self.born.text())

    def planned_on(self) -> date | None:
        """The planned date typed, as the date of birth is; None when it is not a date."""
        return self._date(self.planned.text())

    def _date(self, typed: str) -> date | None:
        return typed_date(self.words, typed)

    def prepare(self) -> None:
        preparing, staff = self.preparing, self.staff()
        if preparing is None or staff is None:
            return
        kiosk, name, mrn = str(self.kiosk.currentData() or ""), self.name.text(), self.mrn.text()
        form_id = self.procedure.currentData()
        dob = self.born_on()
        language = str(self.language.currentData() or "") or None
        problem = preparing.problem(kiosk, form_id, name, dob, mrn, language)
        hint = msg("console.prepare.date-hint")
        born, planned_text = self.born.text().strip(), self.planned.text().strip()
        if problem is not None and problem.id == "console.prepare.born-incomplete" and _whole(born):
            # typed whole, but no such day (02/29/1951; day and month swapped): said as read
            problem = msg("console.prepare.born-unreadable", typed=born, hint=hint)
        planned = self.planned_on()
        if problem is None and planned_text and planned is None:
            problem = msg("console.prepare.planned-unreadable", typed=planned_text, hint=hint)
        if problem is not None or dob is None:
            self.say(problem)
            return
        try:  # one short write, like staff mode's: its answer is wanted at once
            preparing.prepare(
                staff, kiosk, str(form_id), name, dob, mrn,
                practitioner=self.practitioner.text(), planned_date=planned,
                plan=self.signers.plan(language or ""), language=language,
            )  # fmt: skip
        except StaffError as exc:
            self.say(exc.text)
            return
        who = isolated(name.strip())
        done = (
            msg("console.prepare.done-any", name=who)
            if kiosk == ANY_KIOSK
            else msg("console.prepare.done", name=who, kiosk=kiosk)
        )
        self.say(done, done=True)
        self.clear_patient()

    def say(self, told: Msg | None, done: bool = False) -> None:
        tell(self.message, self.words(told) if told else "", done)

    def _next_patient(self) -> None:
        """Staff typed: what was said goes. "Prepared for" the last patient stood under the next
        one's form, as if said of them; "not a date" stayed under a date corrected (reviewers)."""
        if self.message.text():
            self.say(None)

    def clear_patient(self) -> None:
        for field in (self.name, self.mrn, self.born, self.practitioner, self.planned):
            field.setText("")
        self.signers.clear(witness=self.preparing.witness_required if self.preparing else False)
        self.language.setCurrentIndex(0)  # the next patient's: the clinic's main language
        self._interpreter_offered()

    def forget(self) -> None:
        self.reads.drop()
        self.preparing = None
        self.clear_patient()
        self.say(None)
