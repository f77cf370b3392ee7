"""Why the patient cannot go forward from the screen they are on: the one rule Next asks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.session.kinds import ScreenKind, Status
from kiosk.session.state import Blocker

if TYPE_CHECKING:
    from kiosk.session.flow import Briefing


def blocker_of(b: Briefing) -> Blocker | None:
    """Why going forward from `b`'s screen is not possible right now, or None if it is: a finished
    briefing, an identity not confirmed, a risk not read to its end or not acknowledged, a question
    not answered, risks outstanding at the review, the signature not given. Rereading a screen
    after a wrong answer is never blocked."""
    if b.status in (Status.COMPLETED, Status.ABANDONED):
        return Blocker.FINISHED
    if b.revisiting:
        return None
    screen = b.current
    if screen.kind is ScreenKind.IDENTITY and not b.identity_confirmed:
        return Blocker.IDENTITY_LOCKED if b.identity_locked else Blocker.IDENTITY_NOT_CONFIRMED
    if screen.kind is ScreenKind.RISK and screen.id not in b.acknowledgements:
        return Blocker.RISK_NOT_ACKNOWLEDGED if b.has_read(screen.id) else Blocker.RISK_NOT_READ
    if screen.kind is ScreenKind.QUESTION and not b.answers_to(screen.id):
        return Blocker.QUESTION_NOT_ANSWERED
    if screen.kind is ScreenKind.REVIEW and b.risks_outstanding:
        return Blocker.RISKS_OUTSTANDING
    if screen.kind is ScreenKind.SIGN:
        return Blocker.NOT_SIGNED
    return None
