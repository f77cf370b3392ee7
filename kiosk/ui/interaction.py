"""One seam for every question the kiosk asks a person outside the patient's path: staff sign-in.
It returns plain values, so a test replaces it in one line."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.i18n import words_for
from kiosk.station import Station
from kiosk.ui.staff.sign_in import ForPatient, StaffSignIn


class Interaction:
    def __init__(self, station: Station) -> None:
        self.station = station
        self.words = words_for(station.staff_language)
        """Staff sign in in the clinic's main language, as staff mode reads."""

    def staff_sign_in(
        self, parent: QWidget, reason: str, patient: ForPatient | None = None
    ) -> str | None:
        """Ask for a staff member's name and PIN; their name once accepted, None if cancelled
        (`patient`: what the patient at the screen reads over it, in their language)."""
        dialog = StaffSignIn(parent, self.station, reason, self.words, patient)
        try:
            dialog.exec()
            return dialog.signed_in
        finally:  # its reason may name the patient and what they typed: nothing of it is kept
            dialog.deleteLater()
