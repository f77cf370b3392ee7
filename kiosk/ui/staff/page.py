"""The staff page behind the corner: a menu, and the prepare form and follow-up panels behind it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Words
from kiosk.services.staff import OpenQuestion, StaffDesk
from kiosk.session.staff_type import StaffType
from kiosk.ui.jobs import Jobs
from kiosk.ui.pages.base import button, label
from kiosk.ui.staff.briefings import BriefingDetail, BriefingList
from kiosk.ui.staff.confirm import Confirm
from kiosk.ui.staff.fit import Stack, keys_give_way
from kiosk.ui.staff.keys import STAFF_WORDS
from kiosk.ui.staff.menu_shape import LEAVE_GAP, MenuShape
from kiosk.ui.staff.plan_steps import Keyed
from kiosk.ui.staff.prepare import READY, PrepareForm
from kiosk.ui.staff.questions import QuestionList
from kiosk.ui.staff.rebrief import RebriefList
from kiosk.ui.staff.represent import RepresentPanel
from kiosk.ui.theme import Look
from kiosk.ui.widgets.keyboard import OnScreenKeyboard


class StaffPage(QWidget):
    """What a signed-in staff member can do at the kiosk: a menu, and the prepare form behind it."""

    back_to_patient = Signal()
    leave = Signal()
    end_briefing = Signal()
    """Staff end the briefing under way (a patient locked out, gone, or not the one prepared)."""
    resized = Signal()
    """The page has another size (the screen turned, the window resized): staff mode restyles it."""

    def __init__(self, desk: StaffDesk, jobs: Jobs, words: Words = STAFF_WORDS) -> None:
        super().__init__()
        self.desk = desk
        self.jobs = jobs
        self.words = words
        self._counted = 0
        """Which count of open questions the menu waits for (a later one, or leaving, drops it)."""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pages = Stack()
        self.pages.currentChanged.connect(self.fit)
        outer.addWidget(self.pages)

        self.menu = QWidget()
        layout = QVBoxLayout(self.menu)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(label(words("staff.menu.staff"), "muted"))
        self.who = label(role="title")
        layout.addWidget(self.who)
        self.notes = label(role="notice")
        self.notes.hide()
        layout.addWidget(self.notes)
        self.briefing_note = label()
        layout.addWidget(self.briefing_note)
        # "Ready: …" after a briefing is prepared, in room kept for it: the menu under it stays put
        # (it came, and the menu moved 40 px down from under the finger that tapped Cancel next).
        self.ready = label(words(READY), role="done")
        kept = self.ready.sizePolicy()
        kept.setRetainSizeWhenHidden(True)
        self.ready.setSizePolicy(kept)
        self.ready.hide()
        layout.addWidget(self.ready)
        self.prepare_button = button(words("staff.menu.prepare"), None, self.open_prepare)
        self.list_button = button(words("staff.menu.list"), None, self.open_list)
        self.questions_button = button(words("staff.menu.questions"), None, self.open_questions)
        self.rebrief_button = button(words("staff.menu.rebrief"), None, self.open_rebrief)
        self.represent_button = button(words("staff.menu.represent"), None, self.open_represent)
        self.represent_button.hide()  # shown over a briefing under way (open_for)
        self.end_button = button(words("staff.menu.end-briefing"), None, self.ask_end)
        self.end_button.hide()  # shown over a briefing under way (open_for)
        # Side by side on a landscape screen; one to a row on a portrait one, tall, in larger type
        # and spread over its height (`MenuShape`, each time the page is resized).
        self.action_grid = QGridLayout()
        self.above = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
        layout.addSpacerItem(self.above)
        layout.addLayout(self.action_grid)
        # "Close the kiosk" under the actions, well apart from them, and never where another staff
        # screen has its Cancel or Back (the bottom corner: a second tap after Cancel closed the
        # kiosk); it asks first (`leave_confirm`).
        self.leave_gap = QSpacerItem(
            0, LEAVE_GAP, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed
        )
        layout.addSpacerItem(self.leave_gap)
        self.leave_button = button(words("staff.menu.leave"), None, self.ask_leave)
        layout.addWidget(self.leave_button, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addStretch(1)
        self.shape = MenuShape(
            layout,
            self.action_grid,
            self.above,
            self.leave_gap,
            (
                self.prepare_button,
                self.list_button,
                self.questions_button,
                self.rebrief_button,
                self.represent_button,
                self.end_button,
            ),
            self.leave_button,
        )
        row = QHBoxLayout()
        self.back_button = button(words("staff.menu.back"), "primary", self.back_to_patient.emit)
        row.addStretch(1)
        row.addWidget(self.back_button)
        layout.addLayout(row)
        self.pages.addWidget(self.menu)
        self.leave_confirm = Confirm(
            words("staff.leave.close"),
            words("staff.leave.keep"),
            go_role="withdraw",
            keep_role="primary",
        )
        self.leave_confirm.ask(words("staff.leave.title"), words("staff.leave.note"))
        self.leave_confirm.go.connect(self.leave.emit)
        self.leave_confirm.keep.connect(self.show_menu)
        self.pages.addWidget(self.leave_confirm)
        # Ending a patient's briefing asks first too: a second tap on the same button had ended
        # it, and a finger that bounced on it (or tapped twice) did so unasked.
        self.end_confirm = Confirm(
            words("staff.end.go"), words("staff.end.keep"), go_role="withdraw", keep_role="primary"
        )
        self.end_confirm.ask(words("staff.end.title"), words("staff.end.note"))
        self.end_confirm.go.connect(self.end_briefing.emit)
        self.end_confirm.keep.connect(self.show_menu)
        self.pages.addWidget(self.end_confirm)

        self.prepare = PrepareForm(desk, words)
        self.prepare.cancelled.connect(self.show_menu)
        self.prepare.prepared.connect(self._prepared)
        self.pages.addWidget(self.prepare)
        self.staff: str | None = None

        self.briefings = BriefingList(desk, jobs, words)
        self.briefings.closed.connect(self.show_menu)
        self.briefings.opened.connect(self.open_briefing)
        self.pages.addWidget(self.briefings)
        self.detail = BriefingDetail(desk, lambda: self.staff, jobs, words)
        self.detail.closed.connect(self._back_to_list)
        self.pages.addWidget(self.detail)
        self.questions = QuestionList(desk, lambda: self.staff, jobs, words)
        self.questions.closed.connect(self.show_menu)
        self.pages.addWidget(self.questions)
        self.rebrief = RebriefList(desk, lambda: self.staff, jobs, words, lambda: desk.rebriefs)
        self.rebrief.closed.connect(self.show_menu)
        self.pages.addWidget(self.rebrief)
        self.represent = RepresentPanel(desk, jobs, words)
        self.represent.closed.connect(self.show_menu)
        self.pages.addWidget(self.represent)
        for keys in self.findChildren(OnScreenKeyboard):  # more rows of accents, or fewer
            keys.reshaped.connect(self.fit)

    def open_for(
        self,
        staff: str,
        problems: list[str],
        briefing_open: bool,
        *,
        representable: bool = False,
        locked: bool = False,
        disputed_by_someone_else: str | None = None,
    ) -> None:
        """The menu for `staff`; `representable`: the briefing under way may be given a legally
        authorized representative who signs for the patient (none named yet, not signed);
        `locked`: its birth date was refused too often (staff were told only that one was open);
        `disputed_by_someone_else`: the name of the patient it was prepared for, when whoever is at
        the kiosk said "This is not me" (staff read only that a briefing was open)."""
        self.staff = staff
        self.who.setText(self.words("staff.menu.signed-in", name=staff))
        # The kiosk's own findings are for IT, in the terminal's words; what they mean is said here.
        heading = self.words("problem.at-start", len(problems))
        self.notes.setText("\n".join((heading, *problems)) if problems else "")
        self.notes.setVisible(bool(problems))
        note = "staff.menu.briefing-locked" if locked else "staff.menu.briefing-open"
        said = self.words(note)
        if disputed_by_someone_else is not None:
            said = self.words("staff.menu.briefing-disputed", name=disputed_by_someone_else)
        self.briefing_note.setText(said if briefing_open else "")
        self.represent_button.setVisible(representable)
        self.end_button.setVisible(briefing_open)
        self.show_menu()

    def ask_leave(self) -> None:
        """Close the kiosk? Patients cannot use it until IT starts it again: Close, or keep it open."""
        self.pages.setCurrentWidget(self.leave_confirm)

    def ask_end(self) -> None:
        """End the patient's briefing? What they acknowledged is kept: End it, or back to the menu."""
        self.pages.setCurrentWidget(self.end_confirm)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.shape.fit(self.size())
        self.resized.emit()
        self.fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit()

    def fit(self) -> None:
        """The screen on top in the room it has: its keys give way where it is short of height."""
        top = self.pages.currentWidget()
        if top is not None:
            keys_give_way(top)

    def set_look(self, look: Look, sizes: StaffType) -> None:
        """The arrows of each Back and Next in this look, pointing as staff's language reads; the
        menu's actions sized for its screen; each question's buttons and lines for the new type."""
        self.shape.look, self.shape.sizes = look, sizes
        self.shape.fit(self.size())
        self.prepare.set_look(look)
        for panel in (self.briefings, self.detail, self.questions, self.rebrief, self.represent):
            panel.set_look(look)
        for confirm in self.findChildren(Confirm):
            confirm.fit()
        # Each screen's rows across or down again, in the new type (they were placed, as the page
        # was resized, in the type the screen had before).
        self.prepare.reflow()
        self.questions.reflow()
        for step in self.findChildren(Keyed):
            step.reflow()
        self.fit()

    def open_prepare(self) -> None:
        if self.staff is None:
            return
        self.prepare.begin(self.staff)
        self.pages.setCurrentWidget(self.prepare)

    def open_list(self) -> None:
        if self.staff is None:
            return
        self.briefings.refresh()
        self.pages.setCurrentWidget(self.briefings)

    def open_briefing(self, briefing_id: str) -> None:
        self.detail.show_briefing(briefing_id)
        self.pages.setCurrentWidget(self.detail)

    def _back_to_list(self) -> None:
        self.detail.forget()
        self.briefings.refresh()
        self.pages.setCurrentWidget(self.briefings)

    def open_questions(self) -> None:
        if self.staff is None:
            return
        self.questions.refresh()
        self.pages.setCurrentWidget(self.questions)

    def open_rebrief(self) -> None:
        if self.staff is None:
            return
        self.rebrief.refresh()
        self.pages.setCurrentWidget(self.rebrief)

    def open_represent(self) -> None:
        if self.staff is None:
            return
        self.represent.forget()  # empty lines for each representative
        self.pages.setCurrentWidget(self.represent)

    def show_menu(self, ready: str = "") -> None:
        self.ready.setText(ready or self.words(READY))  # (its room, kept hidden: the same words)
        self.ready.setVisible(bool(ready))
        for panel in (self.briefings, self.detail, self.questions, self.rebrief, self.represent):
            panel.forget()  # the menu shows no patient: what the panels held goes
        self.pages.setCurrentWidget(self.menu)
        if self.staff is not None:
            self._count_questions()
            self._count_rebriefs()

    def _count_questions(self) -> None:
        """How many questions wait, read on the worker thread; the button says so when it knows
        (and nothing more if the records cannot be read: the panel itself says so when opened)."""
        self._counted += 1
        counted = self._counted

        def arrived(questions: list[OpenQuestion]) -> None:
            if counted == self._counted and self.staff is not None:
                self.questions_button.setText(
                    self.words("staff.questions.title", count=len(questions))
                    if questions
                    else self.words("staff.menu.questions")
                )
                self.shape.fit(self.size())  # longer words: the type that fits the column

        self.jobs.run(self.desk.open_questions, arrived, lambda exc: None)

    def _count_rebriefs(self) -> None:
        """How many patients wait for a re-briefing (their procedure's content changed): the
        button says so once it is read on the worker thread, so staff see it from the menu."""
        counted = self._counted

        def arrived(found: list[object]) -> None:
            if counted == self._counted and self.staff is not None:
                self.rebrief_button.setText(
                    self.words("staff.menu.rebrief-count", count=len(found))
                    if found
                    else self.words("staff.menu.rebrief")
                )
                self.shape.fit(self.size())

        self.jobs.run(self.desk.rebriefs.outdated, arrived, lambda exc: None)

    def _prepared(self) -> None:
        self.show_menu(self.words(READY))

    def forget(self) -> None:
        self.staff = None
        self._counted += 1
        self.prepare.forget()
        self.show_menu()  # which empties the follow-up panels
        self.who.setText("")
        self.notes.setText("")
        self.briefing_note.setText("")
        self.represent_button.hide()
