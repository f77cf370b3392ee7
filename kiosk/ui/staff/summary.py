"""What staff check before Prepare: the patient, the procedure, who performs it and who signs."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtWidgets import QLabel

from kiosk.i18n import Words, language_name
from kiosk.services.staff import Cosigned
from kiosk.ui.pages.base import card, label
from kiosk.ui.staff.describe import procedure_lines, signer_lines


class Summary:
    """A card: the name as a heading, the birth date, the MRN, the procedure in the patient's
    language, then who performs it, when, and who signs beside the patient, a line each."""

    def __init__(self, words: Words) -> None:
        self.words = words
        self.frame, lines = card()
        self.name = label(role="heading")
        self.birth = label()
        self.mrn = label()
        self.procedure = label()
        self.plan = label()
        for widget in self._labels():
            lines.addWidget(widget)

    def _labels(self) -> tuple[QLabel, ...]:
        return (self.name, self.birth, self.mrn, self.procedure, self.plan)

    def show(
        self,
        name: str,
        dob: date,
        mrn: str | None,
        procedure: tuple[str, str],
        seen: Cosigned,
        now: datetime,
    ) -> None:
        """`procedure`: the title of the procedure chosen and the patient's language (its code)."""
        words = self.words
        self.name.setText(name)
        self.birth.setText(words("staff.prepare.born", date=dob))
        self.mrn.setText(
            words("staff.prepare.mrn", mrn=mrn) if mrn else words("staff.prepare.no-mrn")
        )
        title, language = procedure
        self.procedure.setText(
            words("staff.prepare.check-procedure", title=title, language=language_name(language))
            if title and language
            else ""
        )
        later = words("staff.prepare.signs-later")
        plan = [*procedure_lines(words, seen), *signer_lines(words, seen, now, waiting=later)]
        self.plan.setText("\n".join(plan))
        self.plan.setVisible(bool(plan))

    def wipe(self) -> None:
        for widget in self._labels():
            widget.setText("")
