"""The tables of the versions kept (every version of a procedure's content a briefing was given
on, its pictures, and each screen shown with its own hash) and of re-briefings; part of the record's
metadata (kiosk.store.models imports them)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.models import LANGUAGE_MAX, Base


class ContentVersionRow(Base):
    """One language's content of one version of a procedure, kept whole by its content hash the first
    time a briefing is prepared or started on it (kiosk.store.versions). Append-only."""

    __tablename__ = "content_versions"

    content_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    form_id: Mapped[str] = mapped_column(String(64), index=True)
    form_version: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(LANGUAGE_MAX))
    source_sha256: Mapped[str] = mapped_column(String(64), index=True)
    """The content hash of the same version in the procedure's source language (a briefing's
    content_sha256)."""
    content: Mapped[bytes] = mapped_column(LargeBinary)
    """The canonical JSON (kiosk.content.schema.Form.canonical_json): what content_sha256 hashes."""
    screens_json: Mapped[str] = mapped_column(Text)
    """Each screen's own SHA-256 by screen id, in path order (kiosk.content.versions)."""
    kept_at: Mapped[datetime]


class ContentPictureRow(Base):
    """A picture of kept content: the SVG's bytes by their SHA-256 (shared by languages and versions)."""

    __tablename__ = "content_pictures"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    svg: Mapped[bytes] = mapped_column(LargeBinary)


class ScreenShownRow(Base):
    """A screen a patient was shown, in one language, with that screen's own hash. Append-only."""

    __tablename__ = "screens_shown"
    __table_args__ = (
        UniqueConstraint("briefing_id", "screen_id", "language", name="uq_screens_shown_screen"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    briefing_id: Mapped[str] = mapped_column(ForeignKey("briefings.id"))
    screen_id: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(LANGUAGE_MAX))
    screen_sha256: Mapped[str] = mapped_column(String(64))
    content_sha256: Mapped[str] = mapped_column(String(64))
    """The content hash of the procedure in that language (its kept version)."""


class RebriefingRow(Base):
    """A briefing prepared again because its procedure's content changed: the earlier briefing and
    which screens it shows (kiosk.session.rebrief). Append-only."""

    __tablename__ = "rebriefings"

    briefing_id: Mapped[str] = mapped_column(ForeignKey("briefings.id"), primary_key=True)
    earlier_id: Mapped[str] = mapped_column(ForeignKey("briefings.id"), index=True)
    changes_json: Mapped[str] = mapped_column(Text)
    """{"added": [...], "changed": [...], "removed": [...]} screen ids, in path order."""
