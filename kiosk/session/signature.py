"""A patient's signature as data: finger strokes kept as vectors, or a typed name a staff member attests."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from kiosk.i18n import Msg, isolated, msg

MIN_INK_LENGTH = 60.0
"""Total length of all strokes, in canvas pixels, below which a drawing is not a signature."""

MIN_EXTENT = 30.0
"""The drawing must span at least this many pixels across or down: a dot or a tick is refused."""


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    t_ms: int
    """Milliseconds since the signature pad was first touched."""


@dataclass(frozen=True)
class Stroke:
    """One touch from finger down to finger up."""

    points: tuple[Point, ...]

    def length(self) -> float:
        return sum(
            math.dist((a.x, a.y), (b.x, b.y))
            for a, b in zip(self.points, self.points[1:], strict=False)
        )


@dataclass(frozen=True)
class DrawnSignature:
    strokes: tuple[Stroke, ...]
    image_png: bytes | None = None
    """The signature as the patient drew it (grey ink on white, cropped to the strokes), when the
    screen supplies it; the strokes are the record."""

    def problem(self) -> str | None:
        """Why this drawing cannot be accepted as a signature, as a message id of the catalog (kiosk.i18n); None if it can."""
        points = [p for stroke in self.strokes for p in stroke.points]
        if not points:
            return "signature.empty"
        ink = sum(stroke.length() for stroke in self.strokes)
        width = max(p.x for p in points) - min(p.x for p in points)
        height = max(p.y for p in points) - min(p.y for p in points)
        if ink < MIN_INK_LENGTH or max(width, height) < MIN_EXTENT:
            return "signature.dot"
        return None


@dataclass(frozen=True)
class TypedSignature:
    """For a patient who cannot draw: their typed name, attested by the named staff member present."""

    typed_name: str
    attested_by: str

    def problem(self) -> str | None:
        if not self.typed_name.strip():
            return "signature.typed-empty"
        if not self.attested_by.strip():
            return "signature.not-attested"
        return None


Signature = DrawnSignature | TypedSignature

TYPED_NOTE = "sign.typed-note"
"""Said under the pad where the patient may type their name instead: a staff member will need to
confirm it (said before Sign takes them to staff's sign-in, in staff's language)."""
TYPING_NOTE = "sign.typing-note"
"""The same, said under the keys while they type their name."""


@dataclass(frozen=True)
class StaffCall:
    """Sign tapped with a typed name: a staff member is asked to confirm it. `reason` is what staff
    read, in their language (who signs, what they typed); `said` and `back` what the patient reads
    over it, in theirs: ask a staff member to come, and the way back to their signature."""

    reason: Msg
    said: Msg = field(default_factory=lambda: msg("sign.staff-call"))
    back: Msg = field(default_factory=lambda: msg("sign.staff-call-back"))


def call_staff(person: str, typed: str) -> StaffCall | None:
    """Who is asked what when `person` taps Sign with `typed` in the box; None when nothing is
    typed (refused at once, `TypedSignature.problem`: no one is called for an empty box). Staff
    who do not confirm (the patient back, or staff cancelled) leave the signature as it was:
    nothing signed, nothing refused."""
    typed = typed.strip()
    if not typed:
        return None
    return StaffCall(msg("sign.attest-reason", person=isolated(person), typed=isolated(typed)))
