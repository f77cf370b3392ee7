"""A signature must be a real drawing (not empty, not a dot) or a typed name with a staff attestation."""

from __future__ import annotations

import pytest

from kiosk.i18n import PSEUDO, isolated, msg, words_for
from kiosk.session import DrawnSignature, Point, Stroke, TypedSignature
from kiosk.session.signature import TYPED_NOTE, TYPING_NOTE, call_staff


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


def test_staff_are_called_only_for_a_name_typed() -> None:
    """Sign with an empty box is refused at once: no one is called to confirm nothing."""
    assert call_staff("Ana Ruiz", "  ") is None
    call = call_staff("Ana Ruiz", " Ana ")
    assert call is not None
    assert call.reason == msg(
        "sign.attest-reason", person=isolated("Ana Ruiz"), typed=isolated("Ana")
    )


@pytest.mark.parametrize("language", ["en", "es", "ar", PSEUDO])
def test_the_patient_is_told_in_their_language_that_staff_confirm_a_typed_name(
    language: str,
) -> None:
    """Before they type (`TYPED_NOTE`), while they type (`TYPING_NOTE`), and over staff's sign-in once they tap Sign: ask a staff
    member to come, or go back; each in the catalog of every language (a reviewer's Arabic patient
    met staff's English page with nothing said first)."""
    call = call_staff("Ana Ruiz", "Ana")
    assert call is not None
    words, english = words_for(language), words_for("en")
    for said in (msg(TYPED_NOTE), msg(TYPING_NOTE), call.said, call.back):
        assert said.id.startswith("sign.")
        assert words(said) != said.id
        assert language == "en" or words(said) != english(said)
