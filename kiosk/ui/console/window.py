"""The console's window: sign-in, then the desk (Briefings and Questions) under the staff member's
name, polled for what the kiosks record, and signed out (every patient detail emptied) after the
idle time or when staff sign out or close it."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Msg, Words, msg
from kiosk.services.console import ConsoleDesk, SignIn, StaffError
from kiosk.ui.console.ask import DeskQuestions
from kiosk.ui.console.briefings import BriefingsView
from kiosk.ui.console.dashboard import DashboardView
from kiosk.ui.console.export import ExportView
from kiosk.ui.console.idle import IdleWatch
from kiosk.ui.console.prepare import PrepareView
from kiosk.ui.console.questions import QuestionsView
from kiosk.ui.console.rebrief import RebriefView
from kiosk.ui.console.sign_in import SignInPage
from kiosk.ui.jobs import Jobs
from kiosk.ui.staff.keys import STAFF_WORDS

log = logging.getLogger(__name__)

POLL_MS = 3000
"""How often the console asks whether anything was recorded (one cheap query)."""
SIGNED_OUT = {
    "idle": msg("console.signed-out-idle"),
    "disabled": msg("staff.signed-out-disabled"),
}
"""What the sign-in page says after a sign-out the staff member did not ask for."""


class ConsoleWindow(QMainWindow):
    def __init__(self, open_desk: Callable[[], ConsoleDesk], words: Words = STAFF_WORDS) -> None:
        super().__init__()
        self.open_desk = open_desk
        self.words = words
        self.desk: ConsoleDesk | None = None
        self.staff: str | None = None
        self._token: int | None = None
        self.jobs = Jobs(self)
        self.ask = DeskQuestions()
        self.setWindowTitle(words("console.title"))
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.sign_in = SignInPage(words)
        self.sign_in.wanted.connect(self._check)
        self.sign_in.retry.connect(self.open)
        self.sign_in.shown.connect(self._names)
        self.stack.addWidget(self.sign_in)

        self.desk_page = QWidget()
        column = QVBoxLayout(self.desk_page)
        top = QHBoxLayout()
        self.who = QLabel()
        self.who.setObjectName("heading")
        top.addWidget(self.who, 1)
        self.updated = QLabel()
        top.addWidget(self.updated)
        self.sign_out_button = QPushButton(words("console.sign-out"))
        self.sign_out_button.clicked.connect(lambda: self.sign_out("staff"))
        top.addWidget(self.sign_out_button)
        column.addLayout(top)
        self.tabs = QTabWidget()
        self.briefings = BriefingsView(self.jobs, words, lambda: self.staff, self.ask)
        self.questions = QuestionsView(self.jobs, words, lambda: self.staff)
        self.tabs.addTab(self.briefings, words("console.tab.briefings"))
        self.prepare = PrepareView(self.jobs, words, lambda: self.staff)
        self.tabs.addTab(self.questions, words("console.tab.questions"))
        self.tabs.addTab(self.prepare, words("console.tab.prepare"))
        self.rebrief = RebriefView(self.jobs, words, lambda: self.staff)
        self.tabs.addTab(self.rebrief, words("console.tab.rebrief"))
        self.export = ExportView(words, lambda: self.staff, self.ask)
        self.tabs.addTab(self.export, words("console.tab.export"))
        self.dashboard = DashboardView(self.jobs, words, lambda: self.staff, self.ask)
        self.tabs.addTab(self.dashboard, words("console.tab.dashboard"))
        column.addWidget(self.tabs, 1)
        self.stack.addWidget(self.desk_page)

        self.idle = IdleWatch(self)
        self.idle.idle.connect(lambda: self.sign_out("idle"))
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self._poll)

    # -- opening the records and signing in -------------------------------------------------

    def open(self) -> None:
        """Open the kiosks' records on the worker thread; say it in one sentence if they cannot be."""
        self.sign_in.opening()

        def opened(desk: ConsoleDesk) -> None:
            self.desk = desk
            self.sign_in.say("")
            self.jobs.run(desk.names, self.sign_in.set_names, self._unusable)

        self.jobs.run(self.open_desk, opened, self._unusable)

    def _names(self) -> None:
        """The sign-in page is in view: the staff accounts as they are now (one added since with
        `kiosk staff add` is offered without a restart)."""
        desk = self.desk
        if desk is None or self.staff is not None:
            return

        def arrived(names: list[str]) -> None:
            if self.staff is None:  # not signed in meanwhile
                self.sign_in.set_names(names)

        self.jobs.run(
            desk.names,
            arrived,
            lambda exc: log.error("the staff names were not read again: %s", type(exc).__name__),
        )

    def _unusable(self, exc: Exception) -> None:
        told = exc.text if isinstance(exc, StaffError) else msg("console.store-failed")
        if not isinstance(exc, StaffError):
            log.error("the console could not open the records: %s", type(exc).__name__)
        self.sign_in.unusable(told)

    def _check(self, name: str, pin: str) -> None:
        desk = self.desk
        if desk is None:
            return
        self.jobs.run(lambda: desk.sign_in(name, pin), self._signed, self._refused)

    def _refused(self, exc: Exception) -> None:
        told = exc.text if isinstance(exc, StaffError) else msg("console.store-failed")
        self.sign_in.say(self.words(told))
        self.sign_in.ready(True)

    def _signed(self, result: SignIn) -> None:
        self.sign_in.ready(True)
        if result.name is None:
            self.sign_in.say(
                self.words("staff.sign-in.locked", count=result.locked_minutes)
                if result.locked_minutes
                else self.words("staff.sign-in.no-match")
            )
            return
        assert self.desk is not None
        log.info("console: staff signed in")
        self.staff = result.name
        self.sign_in.say("")
        self.who.setText(self.words("staff.menu.signed-in", name=result.name))
        self.stack.setCurrentWidget(self.desk_page)
        self.tabs.setCurrentWidget(self.briefings)
        self._token = None
        self._poll(first=True)  # queued before the lists: what is recorded after them is news
        self.ask.open_in(self.desk.config.copies_dir)  # as it is now: made since, say
        self.briefings.start(self.desk)
        self.questions.start(self.desk)
        self.prepare.start(self.desk)
        self.rebrief.start(self.desk)
        self.export.start(self.desk)
        self.dashboard.start(self.desk)
        self.poll.start()
        self.idle.start(self.desk.idle_seconds)

    # -- while signed in ---------------------------------------------------------------------

    def _poll(self, first: bool = False) -> None:
        desk, staff = self.desk, self.staff
        if desk is None or staff is None or (self.jobs.pending() and not first):
            return  # a read is still on its way: ask next time

        def arrived(found: tuple[int, bool, bool]) -> None:
            token, forms_read, disabled = found
            if self.staff is None:
                return
            if disabled:  # disabled since signing in (`kiosk staff disable`): nothing more
                self.sign_out("disabled")
                return
            self.updated.setText(
                self.words("console.updated", time=self.words.time(desk.now().astimezone().time()))
            )
            if self._token is not None and token != self._token:
                self.briefings.refresh()
                self.questions.refresh()
            if forms_read or (self._token is not None and token != self._token):
                self.rebrief.refresh()  # who to brief again follows the forms the desk has now
            self._token = token

        def failed(exc: Exception) -> None:
            if self.staff is not None:  # the server gone, say: the lists shown may be stale
                self.updated.setText(self.words("console.store-failed"))

        known = self._token

        def look() -> tuple[int, bool, bool]:
            # Disabling an account is recorded (an audit row): whether the one signed in here
            # was is asked only when something was, not every 3 s.
            token = desk.change_token()
            return token, desk.follow_forms(), token != known and desk.disabled(staff)

        self.jobs.run(look, arrived, failed)

    def sign_out(self, reason: str) -> None:
        """Sign out: the audit says who and why; every patient detail leaves the screen."""
        staff, desk = self.staff, self.desk
        if staff is None:
            return
        self.staff = None
        self.idle.stop()
        self.poll.stop()
        self.briefings.forget()
        self.questions.forget()
        self.prepare.forget()
        self.rebrief.forget()
        self.export.forget()
        self.dashboard.forget()
        self.who.setText("")
        self.updated.setText("")
        self.stack.setCurrentWidget(self.sign_in)
        self.sign_in.forget()
        told: Msg | None = SIGNED_OUT.get(reason)
        self.sign_in.say(self.words(told) if told else "")
        log.info("console: staff signed out (%s)", reason)
        if desk is not None:
            self.jobs.run(
                lambda: desk.action(staff, "console_signed_out", {"reason": reason}),
                lambda _: None,
                lambda exc: log.error("console sign-out not audited: %s", type(exc).__name__),
            )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.sign_out("closed")
        self.idle.close()
        self.jobs.wait()
        self.export.jobs.wait()  # stopped by the sign-out: it ends at its next step
        if self.desk is not None:
            self.desk.close()
            self.desk = None
        super().closeEvent(event)
