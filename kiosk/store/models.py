"""The record's tables as SQLAlchemy 2 models; Alembic owns the schema, these describe it.

A model named like an object of the briefing flow (kiosk.session) ends in Row: PatientRow,
BriefingRow and SignatureRow are the stored rows, Patient, Briefing and Signature the flow's."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAME_MAX = 200
"""Longest patient or staff name accepted, in characters; enforced in code and by a CHECK."""

LANGUAGE_MAX = 16
"""Longest language code stored (BCP-47: "es", "es-419", "zh-Hant-TW")."""

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A point in time, always stored and returned as UTC, on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("times stored in the record must carry a time zone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: dict[Any, Any] = {datetime: UTCDateTime()}  # noqa: RUF012 - SQLAlchemy reads it


class BriefingStatus(StrEnum):
    PREPARED = "prepared"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


def _in(column: str, values: type[StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"


class PatientRow(Base):
    __tablename__ = "patients"
    __table_args__ = (
        CheckConstraint(f"length(name) BETWEEN 1 AND {NAME_MAX}", name="name_length"),
        CheckConstraint("mrn IS NULL OR length(mrn) BETWEEN 1 AND 64", name="mrn_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX * 4))
    date_of_birth: Mapped[date] = mapped_column(Date)
    mrn: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]


class BriefingRow(Base):
    __tablename__ = "briefings"
    __table_args__ = (CheckConstraint(_in("status", BriefingStatus), name="status"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("patients.id"), index=True)
    form_id: Mapped[str] = mapped_column(String(64))
    form_version: Mapped[str] = mapped_column(String(64))
    content_sha256: Mapped[str] = mapped_column(String(64))
    """The procedure's content hash in its source language: the version briefed, whatever language."""
    language: Mapped[str] = mapped_column(String(LANGUAGE_MAX), server_default="en")
    """The patient's language: the briefing was prepared in it, then started in it, and it follows
    the patient's choice mid-briefing (each row given keeps its own screen's language). The PDF is
    in it. Rows from before languages were recorded are English."""
    kiosk_id: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    prepared_by: Mapped[str | None] = mapped_column(String(NAME_MAX * 4))
    created_at: Mapped[datetime] = mapped_column(index=True)
    started_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(String(32))
    practitioner: Mapped[str | None] = mapped_column(String(NAME_MAX * 4))
    """Who will perform the procedure, as staff gave it when preparing."""
    planned_date: Mapped[date | None] = mapped_column(Date)
    """When the procedure is planned, as staff gave it when preparing."""


class RiskAcknowledgement(Base):
    __tablename__ = "risk_acknowledgements"
    __table_args__ = (
        UniqueConstraint("briefing_id", "risk_id", name="uq_risk_acknowledgements_briefing_risk"),
        CheckConstraint("seconds_on_screen >= 0", name="seconds"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    briefing_id: Mapped[str] = mapped_column(ForeignKey("briefings.id"))
    risk_id: Mapped[str] = mapped_column(String(64))
    shown_at: Mapped[datetime]
    acknowledged_at: Mapped[datetime]
    seconds_on_screen: Mapped[float] = mapped_column(Float)
    language: Mapped[str] = mapped_column(String(LANGUAGE_MAX))
    """The language of the screen it was given on."""
    content_sha256: Mapped[str] = mapped_column(String(64))
    """The content hash of the procedure in that language."""


class QuestionFlag(Base):
    __tablename__ = "question_flags"
    __table_args__ = (
        UniqueConstraint("briefing_id", "screen_id", name="uq_question_flags_briefing_screen"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    briefing_id: Mapped[str] = mapped_column(ForeignKey("briefings.id"))
    screen_id: Mapped[str] = mapped_column(String(64))
    flagged_at: Mapped[datetime]
    answered_by: Mapped[str | None] = mapped_column(String(NAME_MAX * 4))
    answered_at: Mapped[datetime | None]
    answer_note: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(LANGUAGE_MAX))
    """The language of the screen it was given on."""
    content_sha256: Mapped[str] = mapped_column(String(64))
    """The content hash of the procedure in that language."""


class ComprehensionAnswer(Base):
    __tablename__ = "comprehension_answers"
    __table_args__ = (
        UniqueConstraint(
            "briefing_id", "question_id", "attempt", name="uq_comprehension_answers_attempt"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    briefing_id: Mapped[str] = mapped_column(ForeignKey("briefings.id"))
    question_id: Mapped[str] = mapped_column(String(64))
    choice_id: Mapped[str] = mapped_column(String(64))
    correct: Mapped[bool]
    attempt: Mapped[int] = mapped_column(Integer)
    answered_at: Mapped[datetime]
    revisit_screen_id: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(LANGUAGE_MAX))
    """The language of the screen it was given on."""
    content_sha256: Mapped[str] = mapped_column(String(64))
    """The content hash of the procedure in that language."""


class SignatureRow(Base):
    """The patient's signature: unique per briefing, so a double tap can never sign twice."""

    __tablename__ = "signatures"
    __table_args__ = (
        CheckConstraint("kind IN ('drawn', 'typed')", name="kind"),
        CheckConstraint(
            "(kind = 'drawn' AND strokes_json <> '[]') OR "
            "(kind = 'typed' AND typed_name IS NOT NULL AND attested_by IS NOT NULL)",
            name="complete",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    briefing_id: Mapped[str] = mapped_column(ForeignKey("briefings.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(8))
    strokes_json: Mapped[str] = mapped_column(Text)
    """The strokes as JSON: [[[x, y, t_ms], ...], ...]; empty list for a typed signature."""
    typed_name: Mapped[str | None] = mapped_column(String(NAME_MAX * 4))
    attested_by: Mapped[str | None] = mapped_column(String(NAME_MAX * 4))
    image_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    screen_times_json: Mapped[str] = mapped_column(Text)
    signed_at: Mapped[datetime]
    language: Mapped[str] = mapped_column(String(LANGUAGE_MAX))
    """The language of the screen it was given on."""
    content_sha256: Mapped[str] = mapped_column(String(64))
    """The content hash of the procedure in that language."""


class SignerRow(Base):
    """One person who signed or attested a briefing besides the patient's own signature row: a
    representative, a witness, an interpreter (kiosk.session.signers). Append-only."""

    __tablename__ = "signers"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('patient', 'representative', 'witness', 'interpreter')", name="kind"
        ),
        CheckConstraint(f"length(name) BETWEEN 1 AND {NAME_MAX}", name="name_length"),
        CheckConstraint(
            "mode IS NULL OR mode IN ('in_person', 'phone', 'video')", name="interpreter_mode"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    briefing_id: Mapped[str] = mapped_column(ForeignKey("briefings.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(NAME_MAX * 4))
    role: Mapped[str | None] = mapped_column(String(NAME_MAX * 4))
    """A representative's relationship to the patient; a witness's or interpreter's role."""
    reason: Mapped[str | None] = mapped_column(Text)
    """Why the patient cannot sign (a representative)."""
    interpreter_id: Mapped[str | None] = mapped_column(String(NAME_MAX * 4))
    language: Mapped[str | None] = mapped_column(String(LANGUAGE_MAX * 4))
    mode: Mapped[str | None] = mapped_column(String(16))
    meaning: Mapped[str] = mapped_column(String(64))
    """The catalog id of the statement they signed under."""
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    image_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    signed_at: Mapped[datetime]


class ListeningRow(Base):
    """One Listen on a screen of a briefing under way: which audio, and whether it played to its
    end (kiosk.session.listening). Append-only, guarded by triggers like the other event tables."""

    __tablename__ = "listenings"
    __table_args__ = (
        UniqueConstraint("briefing_id", "number", name="uq_listenings_briefing_number"),
        CheckConstraint("heard BETWEEN 0 AND sentences", name="heard"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    briefing_id: Mapped[str] = mapped_column(ForeignKey("briefings.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    """Which listening of the briefing (1, 2, …)."""
    screen_id: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime]
    completed: Mapped[bool]
    """True: played to its end; False: stopped (Listen tapped again, or the screen left)."""
    sentences: Mapped[int] = mapped_column(Integer)
    heard: Mapped[int] = mapped_column(Integer)
    """How many of the screen's sentences began playing."""
    voice: Mapped[str] = mapped_column(String(200))
    """The engine and voice the audio was rendered with."""
    audio_sha256: Mapped[str] = mapped_column(String(64))
    """SHA-256 of the screen's clips' SHA-256s (the manifest's), in order, one per line."""
    automatic: Mapped[bool]
    """True: read as the screen opened (the patient's choice on Welcome); False: Listen tapped."""
    language: Mapped[str] = mapped_column(String(LANGUAGE_MAX))
    """The language of the words heard."""
    content_sha256: Mapped[str] = mapped_column(String(64))
    """The content hash of the procedure in that language."""


class PlannedSignerRow(Base):
    """Who staff said will sign beside the patient when they prepared the briefing (kiosk.session
    .cosign.Plan): a representative, an interpreter, a witness (any staff member: no name)."""

    __tablename__ = "planned_signers"
    __table_args__ = (
        CheckConstraint("kind IN ('representative', 'witness', 'interpreter')", name="kind"),
        CheckConstraint(
            "mode IS NULL OR mode IN ('in_person', 'phone', 'video')", name="interpreter_mode"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    briefing_id: Mapped[str] = mapped_column(ForeignKey("briefings.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str | None] = mapped_column(String(NAME_MAX * 4))
    role: Mapped[str | None] = mapped_column(String(NAME_MAX * 4))
    reason: Mapped[str | None] = mapped_column(Text)
    interpreter_id: Mapped[str | None] = mapped_column(String(NAME_MAX * 4))
    language: Mapped[str | None] = mapped_column(String(LANGUAGE_MAX * 4))
    mode: Mapped[str | None] = mapped_column(String(16))


class Document(Base):
    """The briefing PDF: where it is and its SHA-256, or pending until it has been made."""

    __tablename__ = "documents"
    __table_args__ = (CheckConstraint("status IN ('pending', 'made')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    briefing_id: Mapped[str] = mapped_column(ForeignKey("briefings.id"), unique=True)
    status: Mapped[str] = mapped_column(String(8))
    path: Mapped[str | None] = mapped_column(Text)
    """The PDF's file, relative to the documents folder (absolute in rows older than 0007)."""
    sha256: Mapped[str | None] = mapped_column(String(64))
    made_at: Mapped[datetime | None]
    certificate_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    """SHA-256 (hex) of the kiosk certificate that sealed the PDF; None before revision 0007."""


class StaffUser(Base):
    __tablename__ = "staff_users"
    __table_args__ = (
        CheckConstraint(f"length(name) BETWEEN 1 AND {NAME_MAX}", name="name_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX * 4), unique=True)
    pin_hash: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime]


class AuditEntry(Base):
    """One row of the append-only audit log; `hash` chains it to the row before."""

    __tablename__ = "audit_log"
    __table_args__ = (
        CheckConstraint("length(hash) = 64 AND length(prev_hash) = 64", name="hash_length"),
        CheckConstraint("seq >= 1", name="seq_positive"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    kiosk_id: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(NAME_MAX * 4))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(200), index=True)
    """What the row is about ("briefing:<id>", "staff:<name>", "kiosk:<id>"): indexed, since
    exports read a briefing's events by it."""
    detail: Mapped[str] = mapped_column(Text)
    """JSON with the facts of the event (never a PIN, never a patient's name)."""
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


PROTECTED_TABLES = ("audit_log", "risk_acknowledgements", "comprehension_answers", "signatures")
"""Tables the database itself keeps append-only: UPDATE and DELETE are refused by triggers."""


# The versions kept and re-briefings' tables, on the same metadata (imported last: they build on Base).
from kiosk.store.kept_models import (  # noqa: E402
    ContentPictureRow as ContentPictureRow,
)
from kiosk.store.kept_models import (  # noqa: E402
    ContentVersionRow as ContentVersionRow,
)
from kiosk.store.kept_models import RebriefingRow as RebriefingRow  # noqa: E402
from kiosk.store.kept_models import ScreenShownRow as ScreenShownRow  # noqa: E402
