"""Staff follow up at the kiosk: today's briefings (search by name or MRN), one briefing's record with
its PDF printed, copied or made, and the questions patients flagged, answered with a note.

Every list and field here holds personal details only while staff look at it: `forget()` empties
them, and staff mode calls it whenever it closes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from kiosk.document.make import DocumentError
from kiosk.records.followup import NOTE_MAX, SEARCH_LIMIT, FollowUpError, OpenQuestion, StaleError
from kiosk.records.query import RecordRow
from kiosk.station import PREPARED_WINDOW, Station
from kiosk.ui.jobs import Jobs
from kiosk.ui.pages.base import Reading, button, card, centred, label
from kiosk.ui.prepare import DigitRow, text_field
from kiosk.ui.widgets.keyboard import OnScreenKeyboard

log = logging.getLogger(__name__)

STORE_FAILED = "The records could not be read or written just now; try again, or ask IT."
NOTHING_TODAY = "No briefings today yet, and none waiting."
NOTHING_FOUND = "No briefing in the last 90 days matches that name or MRN."
NO_QUESTIONS = "No open questions: every question patients flagged has been answered."
QUICK_NOTES = (
    "Answered in person",
    "Answered by phone",
    "Surgeon will discuss before surgery",
)
SEARCH_DELAY_MS = 300
"""Typing pauses this long before the list is searched again (a search reads 90 days of records)."""

STATUS = {
    "prepared": "Prepared, waiting for the patient",
    "in_progress": "In progress",
    "completed": "Completed",
    "abandoned": "Abandoned",
}
END_REASON = {
    "inactivity": "nobody touched the screen",
    "staff": "ended by staff",
    "identity": "the date of birth did not match",
    "crash": "the kiosk stopped during the briefing",
}


def when(at: datetime | None, now: datetime) -> str:
    """A time as staff read it: "09:42" today, "Nov 20, 09:42" on another day (the kiosk's zone)."""
    if at is None:
        return "—"
    local, today = at.astimezone(), now.astimezone()
    return (
        f"{local:%H:%M}"
        if local.date() == today.date()
        else f"{local:%b} {local.day}, {local:%H:%M}"
    )


def status_text(row: RecordRow, now: datetime) -> str:
    if row.status == "prepared" and now - row.created_at > PREPARED_WINDOW:
        return "Prepared over a day ago: no longer offered; prepare it again"
    text = STATUS.get(row.status, row.status)
    if row.status == "abandoned" and row.end_reason:
        text += f" ({END_REASON.get(row.end_reason, row.end_reason)})"
    return text


def risks_text(row: RecordRow) -> str:
    total = "?" if row.risks_total is None else str(row.risks_total)
    return f"{row.risks_acknowledged} of {total} risks acknowledged"


def pdf_text(row: RecordRow) -> str:
    return {"made": "PDF made", "pending": "PDF pending (not made yet)"}.get(
        row.pdf_status or "", "no PDF (not signed)"
    )


def summary(row: RecordRow, now: datetime, here: str) -> str:
    """Two lines for a list: who and when; then where the briefing stands (and at which kiosk,
    when not this one)."""
    who = " · ".join(
        part
        for part in (
            when(row.happened_at, now),
            row.patient_name or "(walk-up, no name yet)",
            row.mrn,
        )
        if part
    )
    questions = f"{row.open_questions} open question{'s' if row.open_questions != 1 else ''}"
    state = [row.form_id, status_text(row, now), risks_text(row)]
    if row.open_questions:
        state.append(questions)
    if row.status == "completed":
        state.append(pdf_text(row))
    if row.kiosk_id != here:
        state.append(f"at kiosk {row.kiosk_id}")
    return f"{who}\n{' · '.join(state)}"


class _Panel(QWidget):
    """A staff screen: a title row with "‹ Staff menu", a body, and a message line."""

    closed = Signal()

    def __init__(self, title: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.top = QHBoxLayout()
        self.top.setSpacing(16)
        self.title = label(title, "title")
        self.top.addWidget(self.title, 1)
        self.menu_button = button("‹  Staff menu", None, self.go_back)
        self.top.addWidget(self.menu_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(self.top)
        self.body = QVBoxLayout()
        self.body.setSpacing(12)
        layout.addLayout(self.body, 1)
        self.message = label(role="notice")
        self.message.hide()
        layout.addWidget(self.message)

    def go_back(self) -> None:
        """The title row's button: back to where staff came from."""
        self.closed.emit()

    def say(self, text: str, role: str = "notice") -> None:
        self.message.setProperty("role", role)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setVisible(bool(text))


def _wipe(field: QLineEdit) -> None:
    field.setText("")  # setText, not clear(): it also drops the undo history


class BriefingList(_Panel):
    """Today's briefings and those still waiting, or the ones a search finds; tap one to open it."""

    opened = Signal(str)

    def __init__(self, station: Station) -> None:
        super().__init__("Briefings")
        self.station = station
        self.title.setWordWrap(False)
        self.search = text_field("Search by name or MRN", 64)
        self.search.textChanged.connect(self._typed)
        self.top.insertWidget(1, self.search, 2, Qt.AlignmentFlag.AlignTop)
        self.keys_button = button("⌨  Search", None, self.toggle_keys)
        self.top.insertWidget(2, self.keys_button, 0, Qt.AlignmentFlag.AlignTop)
        self.heading = label(role="muted")
        self.body.addWidget(self.heading)
        self.rows = Reading()
        self.body.addWidget(self.rows, 1)
        self.digits = DigitRow(self.search)
        self.keys = OnScreenKeyboard(self.search)
        self.body.addLayout(centred(self.digits))
        self.body.addLayout(centred(self.keys))
        self.buttons: dict[str, QPushButton] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.show_keys(False)

    def show_keys(self, on: bool) -> None:
        self.digits.setVisible(on)
        self.keys.setVisible(on)
        self.keys_button.setText("Hide keys" if on else "⌨  Search")

    def toggle_keys(self) -> None:
        self.show_keys(not self.keys.isVisible())

    def _typed(self) -> None:
        self._timer.start()

    def refresh(self) -> None:
        """Read the list afresh (from the search field as it is now)."""
        self._timer.stop()
        text = self.search.text().strip()
        self.buttons.clear()
        self.rows.clear()
        self.say("")
        try:
            found = self.station.briefings_for_staff(text)
        except SQLAlchemyError as exc:
            log.error("staff list could not be read: %s", type(exc).__name__)
            self.heading.setText("")
            self.say(STORE_FAILED)
            return
        now, here = self.station.clock.now(), self.station.store.kiosk_id
        if text:
            self.heading.setText(
                f"Found {len(found)}"
                + (f" (the most recent {SEARCH_LIMIT})" if len(found) == SEARCH_LIMIT else "")
            )
        else:
            self.heading.setText("Today, and briefings prepared earlier that still wait")
        for row in found:
            b = button(
                summary(row, now, here), "choice", partial(self.opened.emit, row.briefing_id)
            )
            b.setAccessibleName(f"Open the briefing {row.briefing_id}")
            self.buttons[row.briefing_id] = b
            self.rows.add(b)
        if not found:
            self.rows.add(label(NOTHING_FOUND if text else NOTHING_TODAY, "muted"))
        self.rows.finish()

    def forget(self) -> None:
        self._timer.stop()
        self.search.blockSignals(True)
        _wipe(self.search)
        self.search.blockSignals(False)
        self.buttons.clear()
        self.rows.clear()
        self.heading.setText("")
        self.say("")
        self.show_keys(False)


class BriefingDetail(_Panel):
    """One briefing's record for staff, with what can be done with its PDF."""

    def __init__(self, station: Station, staff: Callable[[], str | None], jobs: Jobs) -> None:
        super().__init__("")
        self.station = station
        self._staff = staff
        self.jobs = jobs
        self.busy = False
        """A PDF action is running (off the screen's thread); the buttons wait for it."""
        self.briefing_id: str | None = None
        self.menu_button.setText("‹  Back to the list")
        frame, self.lines = card()
        self.facts = label()
        self.lines.addWidget(self.facts)
        self.body.addWidget(frame)
        self.body.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.print_button = button("Print the PDF", None, self.print_pdf)
        self.copy_button = button("Save a copy of the PDF", None, self.copy_pdf)
        self.make_button = button("Make the PDF now", "primary", self.make_pdf)
        for b in (self.print_button, self.copy_button, self.make_button):
            row.addWidget(b)
        row.addStretch(1)
        self.body.addLayout(row)

    def show_briefing(self, briefing_id: str) -> None:
        self.briefing_id = briefing_id
        self.say("")
        self._draw()

    def _draw(self) -> None:
        if self.briefing_id is None:
            return
        try:
            row = self.station.briefing_row(self.briefing_id)
        except (FollowUpError, SQLAlchemyError) as exc:
            self.say(str(exc) if isinstance(exc, FollowUpError) else STORE_FAILED)
            return
        now = self.station.clock.now()
        ours = row.kiosk_id == self.station.store.kiosk_id  # PDFs are made and kept per kiosk
        self.title.setText(row.patient_name or "Walk-up patient (no name yet)")
        born = (
            f"{row.date_of_birth:%B} {row.date_of_birth.day}, {row.date_of_birth.year}"
            if row.date_of_birth
            else "—"
        )
        signed = (
            f"{when(row.signed_at, now)} ({'typed name, confirmed by staff' if row.signature_kind == 'typed' else 'drawn'})"
            if row.signed_at
            else "not signed"
        )
        facts = [
            f"Born {born}" + (f" · MRN {row.mrn}" if row.mrn else ""),
            f"Procedure: {row.form_id} (version {row.form_version})",
            f"Status: {status_text(row, now)}",
            f"Prepared {when(row.created_at, now)}"
            + (f" by {row.prepared_by}" if row.prepared_by else ""),
            f"Started {when(row.started_at, now)} · ended {when(row.ended_at, now)}",
            f"Signed: {signed}",
            risks_text(row).capitalize(),
            f"Questions flagged: {row.questions_flagged}, still open: {row.open_questions}",
            pdf_text(row)
            + (f" · SHA-256 {row.pdf_sha256[:16]}…" if row.pdf_sha256 else "")
            + (f" · kept on kiosk {row.kiosk_id}" if not ours and row.pdf_status else ""),
            f"Briefing id: {row.briefing_id}",
        ]
        self.facts.setText("\n".join(facts))
        made = ours and row.pdf_status == "made"
        self.print_button.setVisible(made)
        self.copy_button.setVisible(made)
        self.make_button.setVisible(ours and row.pdf_status == "pending")
        for b in (self.print_button, self.copy_button, self.make_button):
            b.setEnabled(not self.busy)

    def _act(
        self,
        action: Callable[[str, str], object],
        working: str,
        done: Callable[[object], str],
    ) -> None:
        """Run a PDF action on the worker thread (sealing, a printer, a USB drive can take a
        while); the screen stays live, and says how it went if it still shows that briefing."""
        staff, briefing_id = self._staff(), self.briefing_id
        if staff is None or briefing_id is None or self.busy:
            return
        self.busy = True
        self._draw()
        self.say(working, "muted")

        def finished(told: str, role: str) -> None:
            self.busy = False
            if self.briefing_id == briefing_id:  # staff may have moved on, or left
                self._draw()
                self.say(told, role)

        def failed(exc: Exception) -> None:
            if isinstance(exc, FollowUpError | DocumentError):
                finished(str(exc), "notice")
                return
            log.error("briefing %s: staff PDF action failed: %s", briefing_id, type(exc).__name__)
            finished(STORE_FAILED, "notice")

        self.jobs.run(
            lambda: action(staff, briefing_id),
            lambda result: finished(done(result), "done"),
            failed,
        )

    def print_pdf(self) -> None:
        self._act(
            self.station.print_pdf, "Sending to the printer…", lambda _: "✓ Sent to the printer."
        )

    def copy_pdf(self) -> None:
        self._act(self.station.copy_pdf, "Saving a copy…", lambda path: f"✓ Saved as {path}.")

    def make_pdf(self) -> None:
        self._act(
            self.station.make_pending_pdf,
            "Making the PDF…",
            lambda _: "✓ The PDF is made and sealed.",
        )

    def forget(self) -> None:
        self.briefing_id = None
        self.title.setText("")
        self.facts.setText("")
        self.say("")


class QuestionList(_Panel):
    """The questions patients flagged and nobody has answered: tap one, write a note, mark it answered."""

    def __init__(self, station: Station, staff: Callable[[], str | None]) -> None:
        super().__init__("Questions to answer")
        self.station = station
        self._staff = staff
        self.question: OpenQuestion | None = None
        self.pages = QStackedWidget()
        self.body.addWidget(self.pages, 1)

        self.rows = Reading()
        self.pages.addWidget(self.rows)
        self.buttons: dict[int, QPushButton] = {}

        answer = QWidget()
        column = QVBoxLayout(answer)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        self.asked = label(role="heading")
        column.addWidget(self.asked)
        line = QHBoxLayout()
        self.note = text_field("How was it answered? A short note", NOTE_MAX)
        line.addWidget(self.note, 1)
        self.answer_button = button("Mark answered", "primary", self.mark_answered)
        line.addWidget(self.answer_button)
        column.addLayout(line)
        quick = QHBoxLayout()
        for text in QUICK_NOTES:
            quick.addWidget(button(text, "small", partial(self.note.setText, text)))
        quick.addStretch(1)
        column.addLayout(quick)
        column.addStretch(1)
        self.digits = DigitRow(self.note)
        self.keys = OnScreenKeyboard(self.note)
        column.addLayout(centred(self.digits))
        column.addLayout(centred(self.keys))
        self.pages.addWidget(answer)

    def refresh(self, told: str = "", role: str = "done") -> None:
        self.question = None
        _wipe(self.note)
        self.menu_button.setText("‹  Staff menu")
        self.pages.setCurrentWidget(self.rows)
        self.buttons.clear()
        self.rows.clear()
        try:
            questions = self.station.open_questions()
        except SQLAlchemyError as exc:
            log.error("open questions could not be read: %s", type(exc).__name__)
            self.say(STORE_FAILED)
            return
        self.say(told, role)
        now = self.station.clock.now()
        for q in questions:
            text = (
                f"{q.patient_name or 'Walk-up patient'}"
                + (f" · MRN {q.mrn}" if q.mrn else "")
                + f"\n“{q.screen_title}” · flagged {when(q.flagged_at, now)}"
            )
            b = button(text, "choice", partial(self.open_question, q))
            self.buttons[q.flag_id] = b
            self.rows.add(b)
        if not questions:
            self.rows.add(label(NO_QUESTIONS, "muted"))
        self.rows.finish()
        self.title.setText(f"Questions to answer ({len(questions)})")

    def open_question(self, question: OpenQuestion) -> None:
        self.question = question
        self.asked.setText(
            f"{question.patient_name or 'Walk-up patient'} asked about “{question.screen_title}”"
        )
        _wipe(self.note)
        self.keys.show_letters()
        self.say("")
        self.menu_button.setText("‹  Back to the questions")
        self.pages.setCurrentIndex(1)

    def go_back(self) -> None:
        """From a question back to the list; from the list back to the staff menu."""
        if self.question is None:
            self.closed.emit()
        else:
            self.refresh()

    def mark_answered(self) -> None:
        staff = self._staff()
        if staff is None or self.question is None:
            return
        try:
            self.station.answer_question(staff, self.question.flag_id, self.note.text())
        except StaleError as exc:
            self.refresh(str(exc), "notice")  # answered meanwhile elsewhere: the list as it is now
            return
        except FollowUpError as exc:
            self.say(str(exc))
            return
        except SQLAlchemyError as exc:
            log.error("flag %s: answer not stored: %s", self.question.flag_id, type(exc).__name__)
            self.say(STORE_FAILED)
            return
        log.info("briefing %s: flagged question answered", self.question.briefing_id)
        self.refresh("✓ Marked answered.")

    def forget(self) -> None:
        self.question = None
        _wipe(self.note)
        self.asked.setText("")
        self.buttons.clear()
        self.rows.clear()
        self.say("")
        self.pages.setCurrentWidget(self.rows)
