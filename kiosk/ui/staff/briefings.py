"""Staff follow up at the kiosk: today's briefings (search by name or MRN), and one briefing's record
with its PDF printed, copied or made.

Every list and field here holds personal details only while staff look at it: `forget()` empties
them, and staff mode calls it whenever it closes. Reads run on the worker thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout

from kiosk.i18n import Text, Words, msg
from kiosk.services.staff import (
    SEARCH_LIMIT,
    WITHDRAW_REASONS,
    Cosigned,
    FoundBriefings,
    Heard,
    OpenQuestion,
    RecordRow,
    StaffDesk,
)
from kiosk.ui.jobs import Jobs
from kiosk.ui.pages.base import Reading, WrapButton, button, card, centred, label, wrap_button
from kiosk.ui.staff.describe import WITHDRAW_WHY, facts, listened_lines, own, summary
from kiosk.ui.staff.fit import keys_give_way
from kiosk.ui.staff.keys import DigitRow, text_field, wipe
from kiosk.ui.staff.panel import Panel
from kiosk.ui.widgets.keyboard import OnScreenKeyboard

log = logging.getLogger(__name__)

NOTHING_TODAY = "staff.list.nothing-today"
NOTHING_FOUND = "staff.list.nothing-found"
SEARCH_DELAY_MS = 300
"""Typing pauses this long before the list is searched again (a search reads 90 days of records)."""


class BriefingList(Panel):
    """Today's briefings and those still waiting, or the ones a search finds; tap one to open it."""

    opened = Signal(str)

    def __init__(self, desk: StaffDesk, jobs: Jobs, words: Words) -> None:
        super().__init__(desk, jobs, words, msg("staff.list.title"))
        self.title.setWordWrap(False)
        # The search on a row of its own, as wide as the page (beside the title, a portrait
        # screen left it "Searc…"), and its keys right under it, not at the foot of the page.
        self.search = text_field(words("staff.list.search"), 64)
        self.search.textChanged.connect(self._typed)
        self.keys_button = button(words("staff.list.keys-show"), None, self.toggle_keys)
        searching = QHBoxLayout()
        searching.setSpacing(16)
        searching.addWidget(self.search, 1)
        searching.addWidget(self.keys_button)
        self.body.addLayout(searching)
        self.digits = DigitRow(self.search)
        self.keys = OnScreenKeyboard(self.search)
        self.keys.set_words(words, also=desk.offered_languages)
        self.body.addLayout(centred(self.digits))
        self.body.addLayout(centred(self.keys))
        self.heading = label(role="muted")
        self.body.addWidget(self.heading)
        self.rows = Reading()
        self.rows.setMinimumHeight(1)  # it scrolls: the keys, when shown, take the room first
        self.body.addWidget(self.rows, 1)
        self.buttons: dict[str, WrapButton] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.show_keys(False)

    def show_keys(self, on: bool) -> None:
        self.digits.setVisible(on)
        self.keys.setVisible(on)
        self.keys_button.setText(
            self.words("staff.list.keys-hide" if on else "staff.list.keys-show")
        )
        keys_give_way(self)

    def toggle_keys(self) -> None:
        self.show_keys(not self.keys.isVisible())

    def _typed(self) -> None:
        self._timer.start()

    def refresh(self) -> None:
        """Read the list afresh (from the search field as it is now), off the screen's thread; the
        rows shown stay until the new ones arrive."""
        self._timer.stop()
        if not self.buttons:
            self.heading.setText(self.words("staff.reading"))
        self.read(
            partial(self.desk.briefings, self.search.text().strip()), self._show, self._failed
        )

    def _failed(self, told: Text) -> None:
        self.buttons.clear()
        self.rows.clear()
        self.heading.setText("")
        self.say(told)

    def _show(self, found: FoundBriefings) -> None:
        words = self.words
        self.buttons.clear()
        self.rows.clear()
        self.say("")
        n = len(found.rows)
        if not found.search:
            self.heading.setText(words("staff.list.today"))
        elif n == SEARCH_LIMIT:
            self.heading.setText(words("staff.list.found-most-recent", count=n))
        else:
            self.heading.setText(words("staff.list.found", count=n))
        for row in found.rows:
            b = wrap_button(
                summary(words, row, found.now, found.here),
                "choice",
                partial(self.opened.emit, row.briefing_id),
                leading=True,
            )
            b.setAccessibleName(words("staff.list.open", id=row.briefing_id))
            self.buttons[row.briefing_id] = b
            self.rows.add(b)
        if not found.rows:
            self.rows.add(label(words(NOTHING_FOUND if found.search else NOTHING_TODAY), "muted"))
        self.rows.finish()

    def forget(self) -> None:
        self.drop_reads()
        self._timer.stop()
        self.search.blockSignals(True)
        wipe(self.search)
        self.search.blockSignals(False)
        self.buttons.clear()
        self.rows.clear()
        self.heading.setText("")
        self.say("")
        self.show_keys(False)


class BriefingDetail(Panel):
    """One briefing's record for staff, with what can be done with its PDF."""

    def __init__(
        self, desk: StaffDesk, staff: Callable[[], str | None], jobs: Jobs, words: Words
    ) -> None:
        super().__init__(desk, jobs, words, "")
        self._staff = staff
        self.busy = False
        """A PDF action is running (off the screen's thread); the buttons wait for it."""
        self.briefing_id: str | None = None
        self.row: RecordRow | None = None
        self.cosigned = Cosigned()
        """Who signs beside the patient, planned and signed (read with the row)."""
        self.heard: list[Heard] = []
        """What the patient listened to (read with the row)."""
        self.open: list[OpenQuestion] = []
        """The questions the patient flagged that no one has answered yet (read with the row)."""
        self.menu_button.setText(words("staff.detail.back"))
        frame, self.lines = card()
        self.facts = label()
        self.lines.addWidget(self.facts)
        # As tall as the record, and scrolled under the title when taller than the room (a line
        # a Listen: a patient who listened on every screen left more than a screen's height).
        self.record = Reading(hug=True)
        self.record.setMinimumHeight(1)
        self.record.add(frame)
        self.body.addWidget(self.record)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.print_button = button(words("staff.detail.print"), None, self.print_pdf)
        self.copy_button = button(words("staff.detail.copy"), None, self.copy_pdf)
        self.make_button = button(words("staff.detail.make"), "primary", self.make_pdf)
        self.withdraw_button = button(words("staff.detail.withdraw"), None, self.ask_why)
        for b in (self.print_button, self.copy_button, self.make_button, self.withdraw_button):
            # Their tops on one line: Print, shown where a taller Make was, starts where Make did
            # (centred in the row's old height, it stood 12 px lower until the row was laid out).
            row.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)
            b.hide()
        row.addStretch(1)
        self.body.addLayout(row)
        # Withdrawing asks why first (a second tap): a reason, or keep the briefing.
        self.why = label(words("staff.detail.withdraw-why"))
        self.body.addWidget(self.why)
        reasons = QHBoxLayout()
        reasons.setSpacing(16)
        self.reason_buttons: dict[str, WrapButton] = {}
        for reason in WITHDRAW_REASONS:
            # In the colours of a step that cannot be undone: not the main action of the page.
            b = wrap_button(words(WITHDRAW_WHY[reason]), "withdraw", partial(self.withdraw, reason))
            self.reason_buttons[reason] = b
            reasons.addWidget(b)
        self.keep_button = wrap_button(words("staff.detail.withdraw-keep"), None, self._draw)
        reasons.addWidget(self.keep_button)
        reasons.addStretch(1)
        self.body.addLayout(reasons)
        # The room left under the buttons, not over them: what a tap's result says, under the
        # page, takes it (over them, it pushed Print and Save up under the finger, 58 to 88 px).
        self.body.addStretch(1)
        self._show_why(False)

    def show_briefing(self, briefing_id: str) -> None:
        self.forget()
        self.briefing_id = briefing_id
        self.say(msg("staff.reading"), "muted")
        self._load("", "done")

    def _load(self, told: Text, role: str) -> None:
        """Read the briefing's row afresh; draw it, then say `told`."""
        if self.briefing_id is None:
            return

        def arrived(found: tuple[RecordRow, Cosigned, list[Heard], list[OpenQuestion]]) -> None:
            self.row, self.cosigned, self.heard, asked = found
            self.open = [q for q in asked if q.briefing_id == briefing_id]
            self._draw()
            self.say(told, role)

        briefing_id, desk = self.briefing_id, self.desk
        self.read(
            lambda: (
                desk.briefing(briefing_id),
                desk.cosigned(briefing_id),
                desk.listened(briefing_id),
                desk.open_questions(),
            ),
            arrived,
        )

    def _draw(self) -> None:
        row = self.row
        if row is None:
            return
        words, now = self.words, self.desk.now()
        ours = row.kiosk_id == self.desk.kiosk_id  # PDFs are made and kept per kiosk
        self.title.setText(row.patient_name or words("staff.detail.walk-up"))
        lines = [
            *facts(words, row, now, ours, self.cosigned),
            # Which questions are still open, not only how many ("Questions to answer" answers them).
            *(
                words("staff.detail.open-question", title=own(words, q.screen_title))
                for q in self.open
            ),
            *listened_lines(words, self.heard, now),
        ]
        self.facts.setText("\n".join(lines))
        made = ours and row.pdf_status == "made"
        self.print_button.setVisible(made)
        self.copy_button.setVisible(made)
        self.make_button.setVisible(ours and row.pdf_status == "pending")
        self.withdraw_button.setVisible(row.status == "prepared")
        for b in (self.print_button, self.copy_button, self.make_button, self.withdraw_button):
            b.setEnabled(not self.busy)
        self._show_why(False)

    def _show_why(self, on: bool) -> None:
        for widget in (self.why, self.keep_button, *self.reason_buttons.values()):
            widget.setVisible(on)

    def ask_why(self) -> None:
        """Withdraw, first step: why (wrong patient, no longer wanted), or keep it."""
        self.withdraw_button.hide()
        self._show_why(True)

    def withdraw(self, reason: str) -> None:
        """Withdraw the briefing shown (still waiting for its patient): no kiosk offers it any
        more; audited under the staff member's name, with the reason."""
        self._show_why(False)
        self._act(
            lambda staff, briefing_id: self.desk.withdraw(staff, briefing_id, reason),
            "staff.detail.withdrawing",
            lambda _: msg("staff.detail.withdrawn"),
        )

    def _act(
        self,
        action: Callable[[str, str], object],
        working: str,
        done: Callable[[object], Text],
    ) -> None:
        """Run a PDF action on the worker thread (sealing, a printer, a USB drive can take a
        while); the screen stays live, and says how it went if it still shows that briefing."""
        staff, briefing_id = self._staff(), self.briefing_id
        if staff is None or briefing_id is None or self.busy:
            return
        self.busy = True
        self._draw()
        self.say(msg(working), "muted")

        def finished(told: Text, role: str) -> None:
            self.busy = False
            if self.briefing_id == briefing_id:  # staff may have moved on, or left
                self._load(told, role)  # the row as the action left it, then how it went

        def failed(exc: Exception) -> None:
            told = getattr(exc, "text", None)
            if told is None:
                log.error(
                    "briefing %s: staff PDF action failed: %s", briefing_id, type(exc).__name__
                )
                told = msg("staff.store-failed")
            finished(told, "notice")

        self.jobs.run(
            lambda: action(staff, briefing_id),
            lambda result: finished(done(result), "done"),
            failed,
        )

    def print_pdf(self) -> None:
        self._act(
            self.desk.print_pdf, "staff.detail.printing", lambda _: msg("staff.detail.printed")
        )

    def copy_pdf(self) -> None:
        self._act(
            self.desk.copy_pdf,
            "staff.detail.copying",
            lambda path: msg("staff.detail.copied", path=path),
        )

    def make_pdf(self) -> None:
        self._act(self.desk.make_pdf, "staff.detail.making", lambda _: msg("staff.detail.made"))

    def forget(self) -> None:
        self.drop_reads()
        self.briefing_id = None
        self.row = None
        self.cosigned = Cosigned()  # names of the patient's signers: gone with the patient's
        self.heard, self.open = [], []
        self.title.setText("")
        self.facts.setText("")
        for b in (self.print_button, self.copy_button, self.make_button, self.withdraw_button):
            b.hide()
        self._show_why(False)
        self.say("")
