"""Who signs a briefing besides (or for) the patient: a representative, a witness, an interpreter.

Plain data, no Qt and no store: staff say who will sign when they prepare a briefing, the kiosk
records each signer after the signature. Each signer's `meaning` is the catalog id of the statement
they signed under (21 CFR 11.50: printed name, date and time, meaning of the signature).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class SignerKind(StrEnum):
    PATIENT = "patient"
    REPRESENTATIVE = "representative"
    WITNESS = "witness"
    INTERPRETER = "interpreter"


class InterpreterMode(StrEnum):
    IN_PERSON = "in_person"
    PHONE = "phone"
    VIDEO = "video"


MEANING = {
    SignerKind.PATIENT: "signer.meaning.patient",
    SignerKind.REPRESENTATIVE: "signer.meaning.representative",
    SignerKind.WITNESS: "signer.meaning.witness",
    SignerKind.INTERPRETER: "signer.meaning.interpreter",
}
"""The statement each kind of signer signs under, as a catalog id (shown, printed, stored)."""


MODE_WORDS = {
    InterpreterMode.IN_PERSON: "document.mode.in-person",
    InterpreterMode.PHONE: "document.mode.phone",
    InterpreterMode.VIDEO: "document.mode.video",
}
"""How an interpreter took part, in words (catalog ids), as the screens and the PDF say it."""


@dataclass(frozen=True)
class Signer:
    """One person who signed or attested a briefing."""

    kind: SignerKind
    name: str
    at: datetime
    role: str | None = None
    """A representative's relationship to the patient; a witness's or interpreter's role."""
    reason: str | None = None
    """Why the patient cannot sign (a representative only)."""
    interpreter_id: str | None = None
    """An interpreter's ID or agency."""
    language: str | None = None
    """The language an interpreter interpreted into."""
    mode: InterpreterMode | None = None
    staff_id: int | None = None
    """The staff account of a witness (who signed in with their PIN)."""
    image_png: bytes | None = None
    """The drawn signature, where drawn; None when they attested by a tap or a PIN."""

    @property
    def meaning(self) -> str:
        return MEANING[self.kind]


class SignerError(ValueError):
    """A signer the record cannot take; `field` names what to fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def check(signer: Signer) -> Signer:
    """The signer if it holds what its kind needs, or SignerError naming the missing field."""
    if signer.kind is SignerKind.REPRESENTATIVE:
        if not (signer.role or "").strip():
            raise SignerError("role", "give the representative's relationship to the patient.")
        if not (signer.reason or "").strip():
            raise SignerError("reason", "say why the patient cannot sign.")
    if signer.kind is SignerKind.INTERPRETER:
        if not (signer.interpreter_id or "").strip():
            raise SignerError("interpreter_id", "give the interpreter's ID or agency.")
        if not (signer.language or "").strip():
            raise SignerError("language", "give the language the interpreter interpreted.")
        if signer.mode is None:
            raise SignerError("mode", "say whether they interpreted in person, by phone or video.")
    if signer.kind is SignerKind.WITNESS and signer.staff_id is None:
        raise SignerError("staff_id", "a witness signs in as staff with their name and PIN.")
    return signer
