"""The kinds a screen, a briefing and the patient's presence can be in: plain enums, cheap to load,
so the first screen is drawn before the rest of the briefing's machinery has loaded."""

from __future__ import annotations

from enum import StrEnum


class ScreenKind(StrEnum):
    """Every kind of screen on the patient's path, in order."""

    WELCOME = "welcome"
    IDENTITY = "identity"
    ABOUT = "about"
    STEP = "step"
    RISK = "risk"
    OPTIONS = "options"
    PRECAUTIONS = "precautions"
    QUESTION = "question"
    REVIEW = "review"
    SIGN = "sign"
    INTERPRETER = "interpreter"
    """After signing: the interpreter attests (kiosk.session.cosign)."""
    WITNESS = "witness"
    """After signing: a staff member witnesses with their name and PIN."""
    DONE = "done"


READING = frozenset(
    {ScreenKind.ABOUT, ScreenKind.STEP, ScreenKind.RISK, ScreenKind.OPTIONS, ScreenKind.PRECAUTIONS}
)
"""The screens that are read: about the procedure, each step and risk, the options, the precautions."""


class Status(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


class IdleState(StrEnum):
    ACTIVE = "active"
    WARNING = "warning"
    """“Are you still there?” is showing."""
    ENDED = "ended"
