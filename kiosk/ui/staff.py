"""Staff at the kiosk: signing in with name and PIN, and the staff page behind the corner."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from kiosk.station import Station
from kiosk.store.staff import LoginOutcome
from kiosk.ui.followup import BriefingDetail, BriefingList, QuestionList
from kiosk.ui.jobs import Jobs
from kiosk.ui.pages.base import Reading, button, label
from kiosk.ui.prepare import READY, PrepareForm

NO_MATCH = "That name and PIN do not match. Please try again."
NO_STAFF = "No staff accounts yet: IT adds them with `kiosk staff add NAME`."


class PinPad(QWidget):
    """Digits for a PIN. The PIN is shown only as dots and is never logged."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setReadOnly(True)
        self.field.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.field.setMaxLength(12)
        layout.addWidget(self.field)
        grid = QGridLayout()
        grid.setSpacing(10)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "Clear", "0", "⌫"]
        for n, key in enumerate(keys):
            b = button(key, None, partial(self._press, key))
            b.setMinimumSize(96, 80)
            grid.addWidget(b, n // 3, n % 3)
        layout.addLayout(grid)

    def _press(self, key: str) -> None:
        if key == "Clear":
            self.field.clear()
        elif key == "⌫":
            self.field.backspace()
        elif len(self.field.text()) < self.field.maxLength():
            self.field.setText(self.field.text() + key)

    @property
    def pin(self) -> str:
        return self.field.text()

    def reset(self) -> None:
        self.field.clear()


class StaffSignIn(QDialog):
    """Choose your name, enter your PIN. `signed_in` is the staff member's name once accepted."""

    def __init__(self, parent: QWidget | None, station: Station, reason: str) -> None:
        super().__init__(parent)
        # The kiosk window's look (each part of the window has it as a sheet of its own).
        sheet = getattr(parent.window(), "sheet", None) if parent is not None else None
        if isinstance(sheet, str):
            self.setStyleSheet(sheet)
        self.station = station
        self.signed_in: str | None = None
        self._name: str | None = None
        self.setModal(True)
        self.setWindowTitle("Staff sign-in")
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        if parent is not None:
            self.setGeometry(parent.window().geometry())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addWidget(label("Staff sign-in", "title"))
        layout.addWidget(label(f"{reason}. Tap your name, then enter your PIN.", "muted"))
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        self.message = label(role="notice")
        self.message.hide()
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.cancel = button("Cancel", None, self.reject)
        self.back = button("‹  Another name", None, self._choose_again)
        self.ok = button("Sign in", "primary", self._check)
        row.addWidget(self.cancel)
        row.addWidget(self.back)
        row.addStretch(1)
        row.addWidget(self.ok)
        layout.addLayout(row)

        self.names = Reading()
        grid_holder = QWidget()
        self.grid = QGridLayout(grid_holder)
        self.grid.setSpacing(12)
        names = station.staff_names()
        for n, name in enumerate(names):
            self.grid.addWidget(button(name, None, partial(self._chosen, name)), n // 3, n % 3)
        self.names.add(grid_holder)
        if not names:
            self.names.add(label(NO_STAFF))
        self.names.finish()
        self.pages.addWidget(self.names)

        pin_page = QWidget()
        pin_layout = QVBoxLayout(pin_page)
        self.who = label(role="heading")
        pin_layout.addWidget(self.who)
        pin_layout.addWidget(label("Enter your PIN."))
        self.pad = PinPad()
        pin_layout.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignLeft)
        pin_layout.addStretch(1)
        self.pages.addWidget(pin_page)
        self._choose_again()

    def _chosen(self, name: str) -> None:
        self._name = name
        self.who.setText(name)
        self.pad.reset()
        self.say("")
        self.pages.setCurrentIndex(1)
        self.back.show()
        self.ok.show()

    def _choose_again(self) -> None:
        self._name = None
        self.pad.reset()
        self.pages.setCurrentIndex(0)
        self.back.hide()
        self.ok.hide()

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _check(self) -> None:
        if self._name is None:
            return
        pin = self.pad.pin
        self.pad.reset()
        result = self.station.staff_login(self._name, pin)
        if result.ok:
            self.signed_in = result.name
            self.accept()
        elif result.outcome is LoginOutcome.LOCKED:
            minutes = max(1, -(-result.locked_seconds // 60))
            self.say(
                f"Too many wrong PINs: this account is locked for {minutes} minute{'s' if minutes > 1 else ''}."
            )
        else:
            self.say(NO_MATCH)


class StaffPage(QWidget):
    """What a signed-in staff member can do at the kiosk: a menu, and the prepare form behind it."""

    back_to_patient = Signal()
    leave = Signal()

    def __init__(self, station: Station, jobs: Jobs) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)

        self.menu = QWidget()
        layout = QVBoxLayout(self.menu)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(label("Staff", "muted"))
        self.who = label(role="title")
        layout.addWidget(self.who)
        self.notes = label(role="notice")
        self.notes.hide()
        layout.addWidget(self.notes)
        self.briefing_note = label()
        layout.addWidget(self.briefing_note)
        self.ready = label(role="done")
        self.ready.hide()
        layout.addWidget(self.ready)
        self.prepare_button = button("Prepare a briefing", None, self.open_prepare)
        self.list_button = button("Today's briefings", None, self.open_list)
        self.questions_button = button("Questions to answer", None, self.open_questions)
        actions = QGridLayout()
        actions.setSpacing(16)
        actions.addWidget(self.prepare_button, 0, 0)
        actions.addWidget(self.list_button, 0, 1)
        actions.addWidget(self.questions_button, 0, 2)
        actions.setColumnStretch(3, 1)
        layout.addLayout(actions)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.leave_button = button("Close the kiosk", None, self.leave.emit)
        self.back_button = button(
            "Back to the patient screen", "primary", self.back_to_patient.emit
        )
        row.addWidget(self.leave_button)
        row.addStretch(1)
        row.addWidget(self.back_button)
        layout.addLayout(row)
        self.pages.addWidget(self.menu)

        self.prepare = PrepareForm(station)
        self.prepare.cancelled.connect(self.show_menu)
        self.prepare.prepared.connect(self._prepared)
        self.pages.addWidget(self.prepare)
        self.staff: str | None = None

        self.briefings = BriefingList(station)
        self.briefings.closed.connect(self.show_menu)
        self.briefings.opened.connect(self.open_briefing)
        self.pages.addWidget(self.briefings)
        self.detail = BriefingDetail(station, lambda: self.staff, jobs)
        self.detail.closed.connect(self._back_to_list)
        self.pages.addWidget(self.detail)
        self.questions = QuestionList(station, lambda: self.staff)
        self.questions.closed.connect(self.show_menu)
        self.pages.addWidget(self.questions)
        self.station = station

    def open_for(self, staff: str, problems: list[str], briefing_open: bool) -> None:
        self.staff = staff
        self.who.setText(f"Signed in: {staff}")
        self.notes.setText("\n".join(problems))
        self.notes.setVisible(bool(problems))
        self.briefing_note.setText(
            "A patient's briefing is open. Going back to the patient screen continues it; "
            "closing the kiosk ends it (what was acknowledged is kept)."
            if briefing_open
            else ""
        )
        self.show_menu()

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

    def show_menu(self, ready: str = "") -> None:
        self.ready.setText(ready)
        self.ready.setVisible(bool(ready))
        for panel in (self.briefings, self.detail, self.questions):
            panel.forget()  # the menu shows no patient: what the panels held goes
        self.pages.setCurrentWidget(self.menu)
        if self.staff is not None:
            try:
                waiting = len(self.station.open_questions())
            except SQLAlchemyError:
                waiting = None  # the panel itself says so when opened
            self.questions_button.setText(
                "Questions to answer" + (f" ({waiting})" if waiting else "")
            )

    def _prepared(self) -> None:
        self.show_menu(READY)

    def forget(self) -> None:
        self.staff = None
        self.prepare.forget()
        self.show_menu()  # which empties the follow-up panels
        self.who.setText("")
        self.notes.setText("")
        self.briefing_note.setText("")
