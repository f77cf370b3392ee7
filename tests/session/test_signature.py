"""A signature must be a real drawing (not empty, not a dot) or a typed name with a staff attestation."""

from __future__ import annotations

import pytest

from kiosk.session import DrawnSignature, Point, Stroke, TypedSignature


def stroke(*xy: tuple[float, float]) -> Stroke:
    return Stroke(tuple(Point(x, y, t_ms=i * 10) for i, (x, y) in enumerate(xy)))


def test_a_real_signature_is_accepted() -> None:
    signature = DrawnSignature((stroke((0, 0), (40, 30), (80, 0)), stroke((90, 10), (120, 20))))
    assert signature.problem() is None
    assert signature.strokes[0].length() == pytest.approx(100.0)


@pytest.mark.parametrize(
    "strokes",
    [
        (),
        (stroke(),),
        (stroke((10, 10)),),
        (stroke((10, 10), (12, 11)), stroke((14, 10), (15, 15))),
        (stroke((0, 0), (20, 0), (0, 0), (20, 0), (0, 0)),),
    ],
    ids=["nothing", "empty-stroke", "one-dot", "two-dots", "scribble-in-place"],
)
def test_empty_or_dot_only_is_refused(strokes: tuple[Stroke, ...]) -> None:
    problem = DrawnSignature(strokes).problem()
    assert problem in ("signature.empty", "signature.dot")


def test_typed_signature_needs_a_name_and_a_staff_member() -> None:
    assert TypedSignature("Ana Ruiz", "Nurse Lee").problem() is None
    assert TypedSignature("  ", "Nurse Lee").problem() == "signature.typed-empty"
    assert TypedSignature("Ana Ruiz", "").problem() == "signature.not-attested"
