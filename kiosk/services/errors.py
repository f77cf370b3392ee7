"""What staff are told when an action or a read did not happen (no Qt)."""

from __future__ import annotations

from kiosk.i18n import Msg, msg


class StaffError(Exception):
    """What staff are told when an action or a read did not happen: a message from the catalog.
    Its str() is the message's id, never a name or an MRN (the log may get it)."""

    def __init__(self, text: Msg) -> None:
        super().__init__(text.id)
        self.text = text


class StaleError(StaffError):
    """The records changed meanwhile (answered at another kiosk, a PDF made by the patient's job)."""


class SignedOut(StaffError):
    """The signed-in account was disabled since it signed in: nothing is done under its name, and
    the screen signs it out."""

    def __init__(self) -> None:
        super().__init__(msg("staff.signed-out-disabled"))
