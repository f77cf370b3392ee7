"""The briefing flow as a plain state machine, its events, and the signature as data (no Qt)."""

from kiosk.session.clock import Clock, SystemClock
from kiosk.session.events import AbandonReason, Event, EventSink
from kiosk.session.flow import (
    Blocker,
    Briefing,
    FlowError,
    IdleState,
    IdleTimes,
    Patient,
    Screen,
    ScreenKind,
    Status,
)
from kiosk.session.signature import DrawnSignature, Point, Stroke, TypedSignature

__all__ = [
    "AbandonReason",
    "Blocker",
    "Briefing",
    "Clock",
    "DrawnSignature",
    "Event",
    "EventSink",
    "FlowError",
    "IdleState",
    "IdleTimes",
    "Patient",
    "Point",
    "Screen",
    "ScreenKind",
    "Status",
    "Stroke",
    "SystemClock",
    "TypedSignature",
]
