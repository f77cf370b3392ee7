"""Staff see the patients briefed on an older version of a procedure whose procedure is still
ahead, and prepare a re-briefing for one: a tap on the patient, then a confirm step naming them
(one tap had prepared it at once). It waits at this kiosk and shows the patient only what changed.
The list is read on the worker thread and scrolls, each row as tall as its lines; `forget()`
empties it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from kiosk.i18n import Text, Words, msg
from kiosk.services.rebriefing import Outdated, Rebriefs
from kiosk.services.staff import StaffDesk, StaffError, StaleError
from kiosk.ui.jobs import Jobs
from kiosk.ui.pages.base import Reading, WrapButton, label, wrap_button
from kiosk.ui.staff.confirm import Confirm
from kiosk.ui.staff.fit import Stack
from kiosk.ui.staff.panel import Panel
from kiosk.ui.theme import Look

log = logging.getLogger(__name__)

NOBODY = "staff.rebrief.none"
ROW_GAP = 24
"""Room between two patients' rows: a finger meant for one never lands on the next."""
LINE_CHARACTERS = 68
"""The note above the list wraps at about this many characters, as a reading screen's lines do."""


def row_text(words: Words, row: Outdated) -> str:
    """One patient to brief again, as staff read it: who, when they were briefed on which version,
    and their planned date if staff gave one."""
    key = "staff.rebrief.row-planned" if row.planned_date else "staff.rebrief.row"
    return words(
        key,
        name=row.name,
        born=row.date_of_birth,
        mrn=row.mrn or words("staff.rebrief.no-mrn"),
        version=row.version,
        current=row.current_version,
        signed=row.signed_at.astimezone().date(),
        planned=row.planned_date,
    )


class RebriefList(Panel):
    """The patients to brief again; tapping one asks whether to prepare their re-briefing here."""

    def __init__(
        self,
        desk: StaffDesk,
        staff: Callable[[], str | None],
        jobs: Jobs,
        words: Words,
        rebriefs: Callable[[], Rebriefs],
    ) -> None:
        super().__init__(desk, jobs, words, msg("staff.rebrief.title"))
        self._staff = staff
        self._rebriefs = rebriefs
        self.heading = label(words("staff.rebrief.note"), "muted")
        self.body.addWidget(self.heading)
        self.pages = Stack()
        self.body.addWidget(self.pages, 1)
        self.rows = Reading()
        self.rows.content.setSpacing(ROW_GAP)
        self.pages.addWidget(self.rows)
        self.buttons: dict[str, WrapButton] = {}
        self.confirm = Confirm(
            words("staff.rebrief.confirm-yes"),
            words("staff.rebrief.confirm-no"),
            go_role="primary",
            keep_role=None,
        )
        self.confirm.go.connect(self._confirmed)
        self.confirm.keep.connect(self._to_list)
        self.pages.addWidget(self.confirm)
        self.asking: Outdated | None = None
        """The patient the confirm step names (None: the list shows)."""

    def set_look(self, look: Look) -> None:
        super().set_look(look)
        self._limit_heading()  # in the type it has now

    def _limit_heading(self) -> None:
        self.heading.ensurePolished()
        self.heading.setMaximumWidth(
            self.heading.fontMetrics().averageCharWidth() * LINE_CHARACTERS
        )

    def refresh(self, told: Text = "", role: str = "done") -> None:
        """The list afresh, read off the screen's thread; then `told` said over it."""
        self._limit_heading()
        self._to_list()
        if not self.buttons:
            self.say(msg("staff.reading"), "muted")
        self.read(self._rebriefs().outdated, partial(self._show, told, role), self._failed)

    def _to_list(self) -> None:
        self.asking = None
        self.confirm.ask("", "")
        self.heading.show()
        self.pages.setCurrentWidget(self.rows)

    def _failed(self, told: Text) -> None:
        self.buttons.clear()
        self.rows.clear()
        self.say(told)

    def _show(self, told: Text, role: str, found: list[Outdated]) -> None:
        words = self.words
        self.buttons.clear()
        self.rows.clear()
        self.say(told, role)
        for row in found:
            b = wrap_button(row_text(words, row), "choice", partial(self.ask, row), leading=True)
            b.setAccessibleName(words("staff.rebrief.prepare", name=row.name))
            self.buttons[row.briefing_id] = b
            self.rows.add(b)
        if not found:
            self.rows.add(label(words(NOBODY), "muted"))
        self.rows.finish()

    def ask(self, row: Outdated) -> None:
        """Prepare this patient's re-briefing? Named, with their date of birth, before it is."""
        self.asking = row
        self.say("")
        self.heading.hide()
        self.confirm.ask(
            "", self.words("staff.rebrief.confirm", name=row.name, born=row.date_of_birth)
        )
        self.pages.setCurrentWidget(self.confirm)

    def _confirmed(self) -> None:
        if self.asking is not None:
            self.prepare(self.asking)

    def prepare(self, row: Outdated) -> None:
        """Prepare this patient's re-briefing at this kiosk, then the list as it is now."""
        staff = self._staff()
        if staff is None:
            return
        try:
            self._rebriefs().prepare(staff, row)
        except StaleError as exc:
            self.refresh(exc.text, "notice")
            return
        except StaffError as exc:
            self.say(exc.text)
            return
        self.refresh(msg("staff.rebrief.prepared", name=row.name))

    def forget(self) -> None:
        self.drop_reads()
        self._to_list()
        self.buttons.clear()
        self.rows.clear()
        self.say("")
