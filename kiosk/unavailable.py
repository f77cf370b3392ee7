"""Why no briefing can start when a patient touches Start: what Welcome says, and what the log
tells staff. No Qt."""

from __future__ import annotations

from dataclasses import dataclass

NO_BRIEFING = "welcome.no-briefing"
"""The message id Welcome shows when no briefing can start."""
UNREACHABLE = "welcome.records-unreachable"
"""…and when the records cannot be reached."""
NOT_READY = "welcome.not-ready"
"""…and on a kiosk no one has set up (a fresh machine): a calm sentence asking for staff. What is
missing, and the command that fixes it, is for IT (`NOT_SET_UP`): never a patient's to read."""


@dataclass(frozen=True)
class Unavailable:
    """Why no briefing can start now: a message id for the patient, and a sentence for staff when it
    is a fault."""

    for_patient: str
    for_staff: str | None = None


TRY_FIRST = "to try a briefing first, run `kiosk practice`"
NOT_SET_UP = {
    "settings": "it has no settings file; run `kiosk init` on this computer",
    "key": "it has no signing key; run `kiosk init` on this computer (`kiosk doctor` says why)",
    "staff": "it has no staff account, so no briefing can be prepared; "
    "run `kiosk staff add NAME` on this computer",
}
"""What IT reads (the log, `kiosk doctor`) on a kiosk no one has set up: no settings file, no signing
key, no staff account to prepare a briefing; each with the command that fixes it. Welcome says
`NOT_READY` to the patient."""


def not_set_up(missing: str) -> str:
    """The log's sentence for IT on a kiosk no one has set up (`missing`: a key of NOT_SET_UP)."""
    return f"this kiosk is not set up: {NOT_SET_UP[missing]}; {TRY_FIRST}"


WELCOME_SAYS = (NO_BRIEFING, UNREACHABLE, NOT_READY, "problem.not-saved", "problem.saving")
"""Every message Welcome may show under Start: why no briefing could start, or why its start was not
stored (kiosk.session.saving's NOT_SAVED and SAVING, named by id: Welcome is drawn before the
session's flow is loaded, 3 ms of the start). Welcome keeps room for the longest, below Start, so
that none moves it."""
