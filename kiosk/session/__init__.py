"""The briefing flow as a plain state machine, its events, and the signature as data (no Qt).

The names below load on first use (PEP 562): the first screen needs only `kiosk.session.kinds`,
and the rest (dataclasses by the dozen) would delay it."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.session.clock import Clock, SystemClock
    from kiosk.session.events import AbandonReason, Event, EventSink
    from kiosk.session.flow import Briefing
    from kiosk.session.kinds import IdleState, ScreenKind, Status
    from kiosk.session.signature import DrawnSignature, Point, Stroke, TypedSignature
    from kiosk.session.state import Blocker, FlowError, IdleTimes, Patient, Screen

_WHERE = {
    "Clock": "clock",
    "SystemClock": "clock",
    "AbandonReason": "events",
    "Event": "events",
    "EventSink": "events",
    "Blocker": "state",
    "Briefing": "flow",
    "FlowError": "state",
    "IdleTimes": "state",
    "Patient": "state",
    "Screen": "state",
    "IdleState": "kinds",
    "ScreenKind": "kinds",
    "Status": "kinds",
    "DrawnSignature": "signature",
    "Point": "signature",
    "Stroke": "signature",
    "TypedSignature": "signature",
}

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


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{where}"), name)
    globals()[name] = value
    return value
