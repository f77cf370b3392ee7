"""A patient's signature as data: finger strokes kept as vectors, or a typed name a staff member attests."""

from __future__ import annotations

import math
from dataclasses import dataclass

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
