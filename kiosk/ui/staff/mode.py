"""Staff mode on the kiosk: opened by a signed-in staff member over the patient's screen, closed by
them or after the idle time, and the kiosk left (closed) from it. Each step is audited."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer

from kiosk.i18n import words_for
from kiosk.services.signing_plan import Representative, name_representative
from kiosk.services.staff import StaffDesk, StaffError
from kiosk.session.events import AbandonReason
from kiosk.session.kinds import Status
from kiosk.session.signature import StaffCall
from kiosk.session.staff_type import StaffType
from kiosk.session.staffing import StaffSession
from kiosk.session.view import IdentityStep
from kiosk.ui.staff.fit import keys_across
from kiosk.ui.staff.idle import StillThere
from kiosk.ui.staff.keys import DigitRow
from kiosk.ui.staff.look import keys_scale, staff_look, staff_sheet
from kiosk.ui.staff.page import StaffPage
from kiosk.ui.staff.sign_in import ForPatient
from kiosk.ui.theme import Look
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.widgets.keypad import DateKeypad

if TYPE_CHECKING:
    from kiosk.station import Station
    from kiosk.ui.jobs import Jobs
    from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)


class StaffMode(QObject):
    def __init__(self, window: KioskWindow, station: Station, jobs: Jobs) -> None:
        super().__init__(window)
        self._window = window
        self._station = station
        idle = station.idle
        self.session = StaffSession(
            idle.warning_after, station.clock.monotonic, idle.end_after_warning
        )
        # Staff read the clinic's main language (the first the kiosk offers), whatever the
        # patient chose; right to left, the page is mirrored.
        self.words = words_for(station.staff_language)
        self.desk = StaffDesk(station)
        self._jobs = jobs
        self._page: StaffPage | None = None
        self._still: StillThere | None = None
        self._look: tuple[Look, StaffType] | None = None
        """The look and type sizes staff's screens have (`restyle`)."""

    @property
    def page(self) -> StaffPage:
        """Staff's screens, made when first wanted: most patients' sessions never open them, and
        they hold two thirds of the window's widgets (a tenth of a second to make)."""
        return self._made()[0]

    @property
    def still_there(self) -> StillThere:
        """“Are you still there?” over staff's screens."""
        return self._made()[1]

    def _made(self) -> tuple[StaffPage, StillThere]:
        if self._page is None or self._still is None:
            page = self._page = StaffPage(self.desk, self._jobs, self.words)
            right_to_left = self.words.right_to_left
            page.setLayoutDirection(
                Qt.LayoutDirection.RightToLeft if right_to_left else Qt.LayoutDirection.LeftToRight
            )
            # In the window's stack only while open, hidden otherwise: never measured or touched
            # while a patient taps.
            page.setParent(self._window.stack)
            page.hide()
            page.back_to_patient.connect(self.close)
            page.leave.connect(self.leave)
            page.end_briefing.connect(self.end_briefing)
            page.represent.named.connect(self._represent)
            self._still = StillThere(page.pages, self.words)
            self._still.stay.connect(self._stay)
            page.resized.connect(self._resized)
        return self._page, self._still

    @property
    def built(self) -> bool:
        return self._page is not None

    def _audit(self, staff: str, action: str) -> None:
        """Record what staff did here; the records out of reach, staff carry on (their PIN was
        checked, and recorded, a moment before) and the log says what was not recorded."""
        try:
            self.desk.action(staff, action)
        except StaffError:
            log.error("staff mode: %s could not be recorded (the records are out of reach)", action)

    @property
    def is_open(self) -> bool:
        return self.session.open

    def open(self) -> None:
        window = self._window
        window.listening.stop()  # staff are at the screen now: the patient's screen is not read
        # Closed for want of a touch, the next sign-in says so (and that what was typed is gone).
        idle = self.session.closed_idle
        staff = self.ask(self.words("staff.mode-reason-idle" if idle else "staff.mode-reason"))
        if not staff:
            return
        self._audit(staff, "staff_mode_opened")
        b = window.briefing
        live = b is not None and b.status is Status.IN_PROGRESS
        named = b is not None and b.cosign is not None and b.cosign.plan.representative is not None
        locked = live and b is not None and b.identity_locked
        # "This is not me" (its identity screen waits for staff, no date refused): said whose it is.
        model = window.model
        disputed = live and not locked and model is not None and (
            model.view.identity_step is IdentityStep.LOCKED
        )  # fmt: skip
        prepared_for = b.patient.name if b is not None and b.patient is not None else None
        self.page.open_for(
            staff, self._station.problems, live, representable=live and not named, locked=locked,
            disputed_by_someone_else=prepared_for if disputed else None,
        )  # fmt: skip
        self.session.opened(staff)
        self.restyle()  # styled when it shows, as each page is
        window.still_there.hide()
        window.top.hide()
        window.bottom.hide()
        if window.practice is not None:  # the practice account, not Welcome's how to get here
            window.practice.draw(self.words, welcome=False, staff=True)
        window.stack.addWidget(self.page)
        window.stack.setCurrentWidget(self.page)

    def ask(self, reason: str, patient: ForPatient | None = None) -> str | None:
        """Staff sign-in (its own window: every touch on it counts too); the name, or None."""
        window = self._window
        with window.touches.everywhere():
            return window.interaction.staff_sign_in(window, reason, patient)

    def attest(self, call: StaffCall) -> str | None:
        """A staff member confirms a patient's typed name: asked in staff's words, the patient's
        over them in theirs (they may be alone: ask someone to come, or go back)."""
        patient = self._window.words
        said = ForPatient(patient(call.said), patient(call.back), patient.right_to_left)
        return self.ask(self.words(call.reason), said)

    def restyle(self) -> None:
        """Staff's screens in the kiosk's look (Larger text followed) for the window's size now:
        opened, the screen turned or the window resized, the kiosk's look changed. Their sheet,
        type sizes, arrows and keys, each set only when it changed (a sheet polishes again every
        widget of the page: two thirds of the window's)."""
        window = self._window
        size = window.size()
        look, sizes = staff_look(window.look, size)
        sheet = staff_sheet(look, sizes)
        if self.page.styleSheet() != sheet:
            self.page.setStyleSheet(sheet)
        if self._look != (look, sizes):
            self._look = (look, sizes)
            self.page.set_look(look, sizes)
        # The keys follow the window's size, never the text size (as the patient's do).
        scale, page = keys_scale(size), self.page
        keyed: list[OnScreenKeyboard | DateKeypad | DigitRow] = [
            *page.findChildren(OnScreenKeyboard),
            *page.findChildren(DateKeypad),
            *page.findChildren(DigitRow),
        ]
        for keys in keyed:
            if keys.scale() != scale:
                keys.set_scale(scale)
        keys_across(page, window.stack.width())  # (the page's width, once it shows)

    def _resized(self) -> None:
        if self.is_open:
            self.restyle()

    def close(self, *, idle: bool = False) -> None:
        """Back to the patient's screen; `idle`: because nobody touched staff mode for its time."""
        if self.page.staff:
            self._audit(self.page.staff, "staff_mode_closed")
        if idle:
            log.info("staff mode closed: not used for %.0f s", self.session.idle_seconds)
        self.still_there.draw(None)
        self.page.forget()
        self.session.closed(idle=idle)
        window = self._window
        b = window.briefing
        if b is not None:
            b.still_here()
        if window.model is not None:
            window.model.redraw()  # the patient's page on top again
        window.stack.removeWidget(self.page)

    def _represent(self, rep: Representative) -> None:
        """Staff saved a representative for the briefing under way: stored, then back to the
        patient's screen, which now speaks to the representative; else what to fix, said."""
        b, staff = self._window.briefing, self.page.staff
        if b is None or staff is None:
            return
        problem = name_representative(self._station, b, rep, staff)
        if problem is not None:
            self.page.represent.say(problem)
            return
        if self._window.model is not None:
            self._window.model.cosign.represented()
        self.close()

    def touched(self) -> None:
        self.session.touched()
        still = self._still  # (none until staff's screens are made)
        if still is not None and still.shown:  # once the press has landed on it, not the step under
            QTimer.singleShot(0, self, self._stay)

    def _stay(self) -> None:
        self.session.touched()
        self.still_there.draw(self.session.warning())

    def tick(self) -> None:
        """Once a second while open: “Are you still there?” with the seconds left, then closed."""
        if self.session.timed_out():
            self.close(idle=True)
            return
        self.still_there.draw(self.session.warning())

    def end_briefing(self) -> None:
        """Staff end the briefing under way, kept as it stands (a patient locked out by wrong birth
        dates waited for the idle limit, or for the kiosk to be closed); Welcome is the next
        patient's. Staff stay signed in, on the menu."""
        window, staff = self._window, self.page.staff
        b = window.briefing
        if b is None or staff is None:
            return
        if b.status is Status.IN_PROGRESS:
            try:
                b.abandon(AbandonReason.STAFF)
            except Exception as exc:  # the store refused: the briefing stays as it was
                log.error("briefing %s: ending failed: %s", b.briefing_id, type(exc).__name__)
                self.page.open_for(staff, self._station.problems, briefing_open=True)
                self.page.briefing_note.setText(self.words("staff.menu.end-failed"))
                return
            try:  # who ended it, on its history (the screen is wiped whatever this does)
                self._station.ended_by_staff(staff, b.briefing_id)
            except Exception as exc:
                log.error("briefing %s: not audited: %s", b.briefing_id, type(exc).__name__)
        window.end_session()
        self.page.open_for(staff, self._station.problems, briefing_open=False)

    def leave(self) -> None:
        """Staff close the kiosk: an open briefing ends as abandoned, and the app quits."""
        window = self._window
        staff = self.page.staff or "staff"
        b = window.briefing
        if b is not None and b.status is Status.IN_PROGRESS:
            try:
                b.abandon(AbandonReason.STAFF)
            except Exception as exc:
                log.error("briefing %s: abandoning failed: %s", b.briefing_id, type(exc).__name__)
        elif b is not None and b.status is Status.COMPLETED:  # on a step after the signature
            window.filer.file_now(b.briefing_id)  # its PDF now, before the kiosk closes
        self._audit(staff, "kiosk_left")
        window.end_session()
        self.still_there.draw(None)
        self.page.forget()
        self.session.closed()
        window.allow_close = True
        window.close()
