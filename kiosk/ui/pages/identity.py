"""Identity: the patient confirms the prepared briefing with their date of birth, or (walk-up mode)
types their name and date of birth. Only on-screen keys; never a physical keyboard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout

from kiosk.session import Briefing
from kiosk.session.flow import IDENTITY_ATTEMPTS
from kiosk.station import name_problem
from kiosk.ui.pages.base import Page, button, centred, label
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.widgets.keypad import DateKeypad

ASK_STAFF = "Please ask a staff member to help you."
NOT_ME = "Please ask a staff member. They will find your own briefing for you."
INCOMPLETE = "Please enter your whole date of birth: month, day and year."


class IdentityPage(Page):
    def __init__(self, today: Callable[[], date]) -> None:
        super().__init__()
        self._today = today
        self._briefing: Briefing | None = None
        self._typing_name = False
        # Left: who, what to do, and messages. Right: the date keypad. Below: the keyboard (walk-up).
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        row = QHBoxLayout()
        row.setSpacing(32)
        left = QVBoxLayout()
        left.setSpacing(12)
        self.kind = label("Checking it is you", role="muted")
        self.title = label(role="title")
        self.instruction = label()
        self.name = QLineEdit()
        self.name.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.name.setMaxLength(200)
        self.name.setPlaceholderText("Your full name")
        self.message = label(role="notice")
        self.message.hide()
        self.not_me = button("This is not me", None, self._not_me)
        for widget in (self.kind, self.title, self.instruction, self.name, self.message):
            left.addWidget(widget)
        left.addStretch(1)
        left.addWidget(self.not_me, 0, Qt.AlignmentFlag.AlignLeft)
        row.addLayout(left, 1)
        self.keypad = DateKeypad()
        row.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row, 1)
        self.keyboard = OnScreenKeyboard(self.name)
        layout.addLayout(centred(self.keyboard))
        self._show(keypad=False, keyboard=False)

    @property
    def primary_text(self) -> str:  # type: ignore[override]
        if self._briefing is not None and self._briefing.identity_locked:
            return ""
        if self._briefing is not None and self._briefing.identity_confirmed:
            return "Next"
        return "Next" if self._typing_name else "Confirm"

    def show_briefing(self, briefing: Briefing) -> None:
        if briefing is not self._briefing:
            self.forget()
            self._briefing = briefing
            self._typing_name = briefing.patient is None
        if briefing.identity_confirmed:
            self._show_confirmed(briefing)
        elif briefing.identity_locked:
            self._show_locked()
        elif briefing.patient is None:
            self._show_walk_up()
        else:
            assert briefing.patient is not None
            self.title.setText(f"Hello, {briefing.patient.name}")
            self.instruction.setText("To check this is you, please enter your date of birth.")
            self._show(keypad=True, keyboard=False)
            self.not_me.show()

    def _show_walk_up(self) -> None:
        if self._typing_name:
            self.title.setText("What is your name?")
            self.instruction.setText("Please type your full name, as it is on your ID card.")
            self._show(keypad=False, keyboard=True)
            self.kind.hide()
        else:
            self.title.setText(self.name.text().strip())
            self.instruction.setText("Please enter your date of birth.")
            self._show(keypad=True, keyboard=False)
        self.not_me.hide()

    def _show_confirmed(self, briefing: Briefing) -> None:
        assert briefing.patient is not None
        self.title.setText(f"Thank you, {briefing.patient.name}")
        self.instruction.setText("Tap Next to begin.")
        self._show(keypad=False, keyboard=False)
        self.not_me.hide()
        self.say("")

    def _show_locked(self) -> None:
        self.title.setText("We could not check your date of birth")
        self.instruction.setText("")
        self._show(keypad=False, keyboard=False)
        self.not_me.hide()
        self.say(ASK_STAFF)

    def _show(self, *, keypad: bool, keyboard: bool) -> None:
        self.kind.show()
        self.keypad.setVisible(keypad)
        self.name.setVisible(keyboard)
        self.keyboard.setVisible(keyboard)

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _not_me(self) -> None:
        self.say(NOT_ME)

    def primary(self, briefing: Briefing) -> bool:
        if briefing.identity_confirmed:
            return False
        if briefing.patient is None and self._typing_name:
            problem = name_problem(self.name.text())
            if problem:
                self.say(problem)
            else:
                self._typing_name = False
                self.say("")
                self.changed.emit()
            return True
        entry = self.keypad.entry()
        if not entry.complete:
            self.say(INCOMPLETE)
            return True
        dob, problem = entry.check(self._today())
        if dob is None:
            self.say(problem or INCOMPLETE)
            return True
        if briefing.patient is None:
            name = self.name.text().strip()
            return bool(not self.attempt(lambda: briefing.enter_identity(name, dob)))
        matched: list[bool] = []
        if not self.attempt(lambda: matched.append(briefing.confirm_identity(dob))):
            return True
        self.keypad.reset()
        if matched[0]:
            return False
        left = IDENTITY_ATTEMPTS - briefing.identity_attempts
        if left > 0:
            tries = "1 more try" if left == 1 else f"{left} more tries"
            self.say(f"That date of birth does not match our records. Please check it ({tries}).")
        self.changed.emit()
        return True

    def back(self, briefing: Briefing) -> bool:
        """Back from the birth date to the name, in walk-up mode, before going back a screen."""
        if briefing.patient is None and not self._typing_name and not briefing.identity_confirmed:
            self._typing_name = True
            self.keypad.reset()
            self.changed.emit()
            return True
        return False

    def forget(self) -> None:
        self._briefing = None
        self._typing_name = False
        self.name.setText("")  # not clear(): that can be undone, bringing the name back
        self.keypad.reset()
        self._show(keypad=False, keyboard=False)
        self.title.setText("")
        self.instruction.setText("")
        self.say("")
