"""A signed briefing as one value, read from the store: what the PDF shows and embeds, and what verify compares."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.i18n import MessageError
from kiosk.store.listenings import listening_rows
from kiosk.store.models import (
    AuditEntry,
    BriefingRow,
    ComprehensionAnswer,
    PatientRow,
    QuestionFlag,
    RebriefingRow,
    RiskAcknowledgement,
    SignatureRow,
)
from kiosk.store.signers import planned_rows, signer_rows

RECORD_FORMAT = "briefing-record/3"
"""The attached record's format: /3 adds the signers staff planned who did not sign (`unsigned`)."""
FORMAT_2 = "briefing-record/2"
"""/2 added the briefing's language, and each acknowledgement's, flag's, answer's and the
signature's language and content hash (the screen it was given on)."""
FORMAT_1 = "briefing-record/1"
"""PDFs made before the record had languages carry this format: verify compares them in it."""
OPTIONAL = ("practitioner", "planned_date", "signers", "rebriefing", "listenings", "unsigned")
"""The record's parts that are in its canonical JSON only when given."""
SHOWN = ("language", "content_sha256")
"""Each part's fields that format 1 did not have."""


class RecordNotReady(MessageError):
    """The briefing cannot be made into a PDF (not found, or not signed); the message says which."""


@dataclass(frozen=True)
class PatientPart:
    name: str
    date_of_birth: date
    mrn: str | None


@dataclass(frozen=True)
class AckPart:
    risk_id: str
    shown_at: datetime
    acknowledged_at: datetime
    seconds_on_screen: float
    language: str
    """The language of the screen it was given on."""
    content_sha256: str
    """The content hash of the procedure in that language."""


@dataclass(frozen=True)
class FlagPart:
    screen_id: str
    flagged_at: datetime
    language: str
    """The language of the screen it was given on."""
    content_sha256: str
    """The content hash of the procedure in that language."""


@dataclass(frozen=True)
class AnswerPart:
    question_id: str
    choice_id: str
    correct: bool
    attempt: int
    answered_at: datetime
    revisit_screen_id: str | None
    language: str
    """The language of the screen it was given on."""
    content_sha256: str
    """The content hash of the procedure in that language."""


@dataclass(frozen=True)
class SignaturePart:
    kind: str
    strokes: list[list[list[float]]]
    """[[[x, y, t_ms], ...], ...] in the pad's pixels, y downwards."""
    typed_name: str | None
    attested_by: str | None
    signed_at: datetime
    screen_times: list[list[Any]]
    """[[screen_id, visits, seconds], ...] in path order."""
    language: str
    """The language of the screen it was given on."""
    content_sha256: str
    """The content hash of the procedure in that language."""


@dataclass(frozen=True)
class SignerPart:
    """A representative, witness or interpreter (kiosk.session.signers), with the 21 CFR 11.50
    elements: printed name, date and time, and the meaning (a catalog id) of their signature."""

    kind: str
    name: str
    role: str | None
    reason: str | None
    interpreter_id: str | None
    language: str | None
    mode: str | None
    meaning: str
    signed_at: datetime
    image_sha256: str | None
    """The SHA-256 of their drawn signature's PNG, where drawn."""


@dataclass(frozen=True)
class UnsignedPart:
    """A signer staff planned (an interpreter, a witness) who did not sign: the session ended on
    their step, by staff closing the kiosk or the power going."""

    kind: str
    name: str | None
    """The interpreter's planned name; None for a witness (any staff member)."""


@dataclass(frozen=True)
class RebriefPart:
    """A re-briefing's earlier briefing (kiosk.store.rebriefings) and the screens it showed again."""

    earlier_id: str
    earlier_signed_at: datetime | None
    earlier_version: str
    added: list[str]
    changed: list[str]
    removed: list[str]

    def shown(self) -> set[str]:
        return {*self.added, *self.changed}


@dataclass(frozen=True)
class ListenPart:
    """One Listen on a screen (kiosk.session.listening): which audio, and whether it was heard to
    its end."""

    number: int
    screen_id: str
    started_at: datetime
    ended_at: datetime
    completed: bool
    sentences: int
    heard: int
    voice: str
    audio_sha256: str
    automatic: bool
    language: str
    content_sha256: str


@dataclass(frozen=True)
class BriefingRecord:
    """Everything about one signed briefing as it stood when it was signed."""

    briefing_id: str
    kiosk_id: str
    form_id: str
    form_version: str
    content_sha256: str
    """The procedure's content hash in its source language (the version briefed)."""
    language: str
    """The patient's language (prepared or started in it, or chosen since): the PDF's language."""
    started_at: datetime | None
    signed_at: datetime
    patient: PatientPart
    acknowledgements: list[AckPart]
    flags: list[FlagPart]
    answers: list[AnswerPart]
    signature: SignaturePart
    audit_head: str
    """The audit chain's hash right after the signature was recorded."""
    practitioner: str | None = None
    planned_date: date | None = None
    signers: list[SignerPart] = field(default_factory=list)
    """Representative, interpreter, witness, in the order they signed. These three are in the
    canonical JSON only when given, so a record without them reads exactly as before."""
    rebriefing: RebriefPart | None = None
    """A re-briefing's earlier briefing and what changed; in the JSON only on a re-briefing."""
    listenings: list[ListenPart] = field(default_factory=list)
    """What the patient listened to, in order (in the canonical JSON only when there is some)."""
    unsigned: list[UnsignedPart] = field(default_factory=list)
    """Signers staff planned who did not sign (in the canonical JSON only when there are some)."""

    def to_json(self) -> bytes:
        """Canonical JSON (sorted keys, UTC ISO times): embedded in the PDF and compared by verify."""
        out = self.in_format(RECORD_FORMAT)
        assert out is not None
        return out

    def in_format(self, fmt: str) -> bytes | None:
        """The canonical JSON in format `fmt` (verify compares an older PDF's record in its own).

        In FORMAT_2 and FORMAT_1 the planned signers who did not sign are left out. In FORMAT_1
        (what PDFs made before languages were recorded carry), the language fields are too; None
        if the record holds what that format cannot say (anything not given in English on the
        briefing's own content), so such a record never matches one."""
        data: dict[str, Any] = {"format": fmt, **asdict(self)}
        if fmt != RECORD_FORMAT:
            del data["unsigned"]  # formats before /3 never said who did not sign
        for key in OPTIONAL:
            if key in data and not data[key]:
                del data[key]
        if fmt == FORMAT_1:
            if not self.in_english_only():
                return None
            del data["language"]
            for part in (*data["acknowledgements"], *data["flags"], *data["answers"]):
                _drop_shown(part)
            _drop_shown(data["signature"])
        elif fmt not in (FORMAT_2, RECORD_FORMAT):
            return None
        return json.dumps(
            data, default=_plain, sort_keys=True, ensure_ascii=False, indent=1
        ).encode()

    def parts(self) -> list[AckPart | FlagPart | AnswerPart | SignaturePart]:
        """Everything the patient gave on a screen: acknowledgements, flags, answers, signature."""
        return [*self.acknowledgements, *self.flags, *self.answers, self.signature]

    def languages(self) -> list[str]:
        """Every language the patient gave something in, the briefing's first."""
        seen = dict.fromkeys([self.language, *(part.language for part in self.parts())])
        return list(seen)

    def in_english_only(self) -> bool:
        """Whether all of it was given in English on the briefing's own content, as every briefing
        was before the record had languages."""
        return self.language == "en" and all(
            part.language == "en" and part.content_sha256 == self.content_sha256
            for part in self.parts()
        )

    def revisited(self) -> list[str]:
        """Screens shown more than once, in path order."""
        return [str(sid) for sid, visits, _ in self.signature.screen_times if visits > 1]


def _drop_shown(part: dict[str, Any]) -> None:
    for key in SHOWN:
        del part[key]


def _plain(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot put {type(value).__name__} in a record")  # pragma: no cover


def load_record(session: Session, briefing_id: str) -> BriefingRecord:
    """Read a signed briefing; RecordNotReady if it is missing or has no signature."""
    row = session.get(BriefingRow, briefing_id)
    if row is None:
        raise RecordNotReady("problem.briefing-missing", briefing=briefing_id)
    sig = session.execute(
        select(SignatureRow).where(SignatureRow.briefing_id == briefing_id)
    ).scalar_one_or_none()
    patient = session.get(PatientRow, row.patient_id) if row.patient_id is not None else None
    if sig is None or patient is None:
        raise RecordNotReady("problem.briefing-unsigned", briefing=briefing_id)
    subject = f"briefing:{briefing_id}"
    head = session.execute(
        select(AuditEntry.hash).where(AuditEntry.subject == subject, AuditEntry.action == "signed")
    ).scalar()
    if head is None:  # rows removed from the audit log: `kiosk audit verify` names them
        raise RecordNotReady("problem.signed-row-missing", briefing=briefing_id)
    acks = session.execute(
        select(RiskAcknowledgement)
        .where(RiskAcknowledgement.briefing_id == briefing_id)
        .order_by(RiskAcknowledgement.id)
    ).scalars()
    flags = session.execute(
        select(QuestionFlag)
        .where(QuestionFlag.briefing_id == briefing_id)
        .order_by(QuestionFlag.id)
    ).scalars()
    answers = session.execute(
        select(ComprehensionAnswer)
        .where(ComprehensionAnswer.briefing_id == briefing_id)
        .order_by(ComprehensionAnswer.id)
    ).scalars()
    signers = _signers(session, briefing_id)
    signed = {s.kind for s in signers}
    return BriefingRecord(
        briefing_id=row.id,
        kiosk_id=row.kiosk_id,
        form_id=row.form_id,
        form_version=row.form_version,
        content_sha256=row.content_sha256,
        language=row.language,
        started_at=row.started_at,
        signed_at=sig.signed_at,
        patient=PatientPart(patient.name, patient.date_of_birth, patient.mrn),
        acknowledgements=[
            AckPart(
                a.risk_id,
                a.shown_at,
                a.acknowledged_at,
                a.seconds_on_screen,
                a.language,
                a.content_sha256,
            )
            for a in acks
        ],
        flags=[FlagPart(f.screen_id, f.flagged_at, f.language, f.content_sha256) for f in flags],
        answers=[
            AnswerPart(
                a.question_id,
                a.choice_id,
                a.correct,
                a.attempt,
                a.answered_at,
                a.revisit_screen_id,
                a.language,
                a.content_sha256,
            )
            for a in answers
        ],
        signature=SignaturePart(
            kind=sig.kind,
            strokes=json.loads(sig.strokes_json),
            typed_name=sig.typed_name,
            attested_by=sig.attested_by,
            signed_at=sig.signed_at,
            screen_times=json.loads(sig.screen_times_json),
            language=sig.language,
            content_sha256=sig.content_sha256,
        ),
        audit_head=head,
        practitioner=row.practitioner,
        planned_date=row.planned_date,
        signers=signers,
        rebriefing=_rebriefing(session, briefing_id),
        listenings=_listenings(session, briefing_id),
        unsigned=[  # planned, and no row of their kind signed (the session ended on their step)
            UnsignedPart(r.kind, r.name)
            for r in planned_rows(session, briefing_id)
            if r.kind not in signed
        ],
    )


def _rebriefing(session: Session, briefing_id: str) -> RebriefPart | None:
    row = session.get(RebriefingRow, briefing_id)
    if row is None:
        return None
    earlier = session.get(BriefingRow, row.earlier_id)
    assert earlier is not None  # a foreign key
    changes = json.loads(row.changes_json)
    return RebriefPart(
        earlier.id,
        earlier.ended_at,
        earlier.form_version,
        changes.get("added", []),
        changes.get("changed", []),
        changes.get("removed", []),
    )


def _listenings(session: Session, briefing_id: str) -> list[ListenPart]:
    rows = listening_rows(session, briefing_id)
    names = [f.name for f in fields(ListenPart)]  # the row's columns by the same names
    return [ListenPart(**{name: getattr(r, name) for name in names}) for r in rows]


def _signers(session: Session, briefing_id: str) -> list[SignerPart]:
    return [
        SignerPart(
            r.kind,
            r.name,
            r.role,
            r.reason,
            r.interpreter_id,
            r.language,
            r.mode,
            r.meaning,
            r.signed_at,
            hashlib.sha256(r.image_png).hexdigest() if r.image_png else None,
        )
        for r in signer_rows(session, briefing_id)
    ]
