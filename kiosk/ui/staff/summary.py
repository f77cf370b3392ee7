"""What staff check before Prepare: the patient, who performs it and when, and who signs beside them."""

from __future__ import annotations

from datetime import date, datetime

from kiosk.i18n import Words
from kiosk.services.staff import Cosigned
from kiosk.ui.pages.base import card, label
from kiosk.ui.staff.describe import procedure_lines, signer_lines


class Summary:
    """A card: the name as a heading, the birth date, the MRN, then the plan a line each."""

    def __init__(self, words: Words) -> None:
        self.words = words
        self.frame, lines = card()
        self.name = label(role="heading")
        self.birth = label()
        self.mrn = label()
        self.plan = label()
        for widget in (self.name, self.birth, self.mrn, self.plan):
            lines.addWidget(widget)

    def show(self, name: str, dob: date, mrn: str | None, seen: Cosigned, now: datetime) -> None:
        words = self.words
        self.name.setText(name)
        self.birth.setText(words("staff.prepare.born", date=dob))
        self.mrn.setText(
            words("staff.prepare.mrn", mrn=mrn) if mrn else words("staff.prepare.no-mrn")
        )
        later = words("staff.prepare.signs-later")
        plan = [*procedure_lines(words, seen), *signer_lines(words, seen, now, waiting=later)]
        self.plan.setText("\n".join(plan))
        self.plan.setVisible(bool(plan))

    def wipe(self) -> None:
        for widget in (self.name, self.birth, self.mrn, self.plan):
            widget.setText("")
