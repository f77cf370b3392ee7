"""What the briefing is made of and says: its screens, the patient, acknowledgements, answers, and why
the patient cannot go on (as message ids: the words are in the catalog, kiosk.i18n)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from kiosk.session.kinds import ScreenKind

IDENTITY_ATTEMPTS = 3


@dataclass(frozen=True)
class Screen:
    kind: ScreenKind
    id: str
    """The content id for content screens and questions, else the kind's own name."""


class Blocker(StrEnum):
    """Why the patient cannot go on from where they are: each value is a message id of the catalog."""

    IDENTITY_NOT_CONFIRMED = "blocker.identity-not-confirmed"
    IDENTITY_LOCKED = "blocker.identity-locked"
    RISK_NOT_READ = "blocker.risk-not-read"
    RISK_NOT_ACKNOWLEDGED = "blocker.risk-not-acknowledged"
    RISKS_OUTSTANDING = "blocker.risks-outstanding"
    QUESTION_NOT_ANSWERED = "blocker.question-not-answered"
    STATEMENT_NOT_READ = "blocker.statement-not-read"
    NOT_SIGNED = "blocker.not-signed"
    FINISHED = "blocker.finished"


class FlowError(Exception):
    """An intent the briefing refuses. `message_id` names the words for the patient when there is a
    patient-facing reason (a blocker's, or another from the catalog); the text is for logs and tests."""

    def __init__(
        self, message: str, blocker: Blocker | None = None, *, message_id: str | None = None
    ) -> None:
        super().__init__(message)
        self.blocker = blocker
        self.message_id = message_id or (blocker.value if blocker else None)


@dataclass(frozen=True)
class IdleTimes:
    warning_after: float = 90.0
    """Seconds without a touch before “Are you still there?”."""
    end_after_warning: float = 30.0
    """Further seconds without an answer before the briefing is abandoned."""


@dataclass(frozen=True)
class Patient:
    """The person a coordinator prepared the briefing for."""

    name: str
    date_of_birth: date
    mrn: str | None = None


@dataclass(frozen=True)
class Acknowledgement:
    risk_id: str
    shown_at: datetime
    read_to_end_at: datetime
    """When the risk's whole text had been on screen (scrolled to its end, or it fitted)."""
    acknowledged_at: datetime
    seconds_on_screen: float


@dataclass(frozen=True)
class Answer:
    question_id: str
    choice_id: str
    correct: bool
    attempt: int
