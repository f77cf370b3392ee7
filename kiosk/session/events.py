"""What a briefing reports as it happens, and the small interface that receives it (the store)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from kiosk.session.signature import Signature


class AbandonReason(StrEnum):
    INACTIVITY = "inactivity"
    STAFF = "staff"


@dataclass(frozen=True, kw_only=True)
class Event:
    briefing_id: str
    at: datetime
    """When it happened (UTC, timezone-aware)."""


@dataclass(frozen=True, kw_only=True)
class BriefingStarted(Event):
    form_id: str
    form_version: str
    content_sha256: str


@dataclass(frozen=True, kw_only=True)
class IdentityConfirmed(Event):
    """The patient proved who they are (prepared briefing) or told us (walk-up: name and birth date)."""

    name: str | None = None
    date_of_birth: date | None = None


@dataclass(frozen=True, kw_only=True)
class IdentityRejected(Event):
    attempt: int
    locked_out: bool
    """True on the last allowed try: the patient is asked to fetch a staff member."""


@dataclass(frozen=True, kw_only=True)
class RiskAcknowledged(Event):
    risk_id: str
    shown_at: datetime
    """When the risk screen was first shown in this briefing."""
    read_to_end_at: datetime
    """When the risk's whole text had been on screen (scrolled to its end, or it fitted)."""
    seconds_on_screen: float
    """Time spent on the risk screen, all visits added up, until the acknowledgement."""


@dataclass(frozen=True, kw_only=True)
class QuestionFlagged(Event):
    screen_id: str


@dataclass(frozen=True, kw_only=True)
class QuestionAnswered(Event):
    question_id: str
    choice_id: str
    correct: bool
    attempt: int
    revisit_screen_id: str | None
    """The screen the patient is sent back to after a wrong first answer."""


@dataclass(frozen=True)
class ScreenTime:
    screen_id: str
    visits: int
    seconds: float


@dataclass(frozen=True, kw_only=True)
class Signed(Event):
    signature: Signature
    screen_times: tuple[ScreenTime, ...]


@dataclass(frozen=True, kw_only=True)
class Abandoned(Event):
    reason: AbandonReason


class EventSink(Protocol):
    """Receives each event the moment it happens; raising refuses it and the briefing does not change."""

    def record(self, event: Event) -> None: ...
