"""Why no briefing can start when a patient touches Start: what Welcome says, and what the log
tells staff. No Qt."""

from __future__ import annotations

from dataclasses import dataclass

NO_BRIEFING = "welcome.no-briefing"
"""The message id Welcome shows when no briefing can start."""
UNREACHABLE = "welcome.records-unreachable"
"""…and when the records cannot be reached."""


@dataclass(frozen=True)
class Unavailable:
    """Why no briefing can start now: a message id for the patient, and a sentence for staff when it
    is a fault."""

    for_patient: str
    for_staff: str | None = None


NOT_SET_UP = {
    "settings": "welcome.not-set-up.settings",
    "key": "welcome.not-set-up.key",
    "staff": "welcome.not-set-up.staff",
}
"""What Welcome says on a kiosk no one has set up (a fresh machine), with the command that fixes
it: no settings file, no signing key, no staff account to prepare a briefing."""
