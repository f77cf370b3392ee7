"""The record: patients, briefings, acknowledgements, flags, answers, signatures, documents, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store import protections

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "patients",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(800), nullable=False),
        sa.Column("date_of_birth", sa.Date, nullable=False),
        sa.Column("mrn", sa.String(64)),
        sa.Column("created_at", TIME, nullable=False),
        sa.CheckConstraint("length(name) BETWEEN 1 AND 200", name="ck_patients_name_length"),
        sa.CheckConstraint(
            "mrn IS NULL OR length(mrn) BETWEEN 1 AND 64", name="ck_patients_mrn_length"
        ),
    )
    op.create_table(
        "briefings",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column(
            "patient_id",
            sa.Integer,
            sa.ForeignKey("patients.id", name="fk_briefings_patient_id_patients"),
        ),
        sa.Column("form_id", sa.String(64), nullable=False),
        sa.Column("form_version", sa.String(64), nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.Column("kiosk_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("prepared_by", sa.String(800)),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("started_at", TIME),
        sa.Column("ended_at", TIME),
        sa.Column("end_reason", sa.String(32)),
        sa.CheckConstraint(
            "status IN ('prepared', 'in_progress', 'completed', 'abandoned')",
            name="ck_briefings_status",
        ),
    )
    op.create_index("ix_briefings_patient_id", "briefings", ["patient_id"])
    op.create_index("ix_briefings_kiosk_id", "briefings", ["kiosk_id"])
    op.create_index("ix_briefings_status", "briefings", ["status"])
    op.create_index("ix_briefings_created_at", "briefings", ["created_at"])
    op.create_table(
        "risk_acknowledgements",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "briefing_id",
            sa.String(36),
            sa.ForeignKey("briefings.id", name="fk_risk_acknowledgements_briefing_id_briefings"),
            nullable=False,
        ),
        sa.Column("risk_id", sa.String(64), nullable=False),
        sa.Column("shown_at", TIME, nullable=False),
        sa.Column("acknowledged_at", TIME, nullable=False),
        sa.Column("seconds_on_screen", sa.Float, nullable=False),
        sa.UniqueConstraint(
            "briefing_id", "risk_id", name="uq_risk_acknowledgements_briefing_risk"
        ),
        sa.CheckConstraint("seconds_on_screen >= 0", name="ck_risk_acknowledgements_seconds"),
    )
    op.create_table(
        "question_flags",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "briefing_id",
            sa.String(36),
            sa.ForeignKey("briefings.id", name="fk_question_flags_briefing_id_briefings"),
            nullable=False,
        ),
        sa.Column("screen_id", sa.String(64), nullable=False),
        sa.Column("flagged_at", TIME, nullable=False),
        sa.Column("answered_by", sa.String(800)),
        sa.Column("answered_at", TIME),
        sa.Column("answer_note", sa.Text),
        sa.UniqueConstraint("briefing_id", "screen_id", name="uq_question_flags_briefing_screen"),
    )
    op.create_table(
        "comprehension_answers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "briefing_id",
            sa.String(36),
            sa.ForeignKey("briefings.id", name="fk_comprehension_answers_briefing_id_briefings"),
            nullable=False,
        ),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("choice_id", sa.String(64), nullable=False),
        sa.Column("correct", sa.Boolean, nullable=False),
        sa.Column("attempt", sa.Integer, nullable=False),
        sa.Column("answered_at", TIME, nullable=False),
        sa.Column("revisit_screen_id", sa.String(64)),
        sa.UniqueConstraint(
            "briefing_id", "question_id", "attempt", name="uq_comprehension_answers_attempt"
        ),
    )
    op.create_table(
        "signatures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "briefing_id",
            sa.String(36),
            sa.ForeignKey("briefings.id", name="fk_signatures_briefing_id_briefings"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("strokes_json", sa.Text, nullable=False),
        sa.Column("typed_name", sa.String(800)),
        sa.Column("attested_by", sa.String(800)),
        sa.Column("screen_times_json", sa.Text, nullable=False),
        sa.Column("signed_at", TIME, nullable=False),
        sa.UniqueConstraint("briefing_id", name="uq_signatures_briefing_id"),
        sa.CheckConstraint("kind IN ('drawn', 'typed')", name="ck_signatures_kind"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "briefing_id",
            sa.String(36),
            sa.ForeignKey("briefings.id", name="fk_documents_briefing_id_briefings"),
            nullable=False,
        ),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("path", sa.Text),
        sa.Column("sha256", sa.String(64)),
        sa.Column("made_at", TIME),
        sa.UniqueConstraint("briefing_id", name="uq_documents_briefing_id"),
        sa.CheckConstraint("status IN ('pending', 'made')", name="ck_documents_status"),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", TIME, nullable=False),
        sa.Column("kiosk_id", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(800), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("hash", name="uq_audit_log_hash"),
        sa.CheckConstraint(
            "length(hash) = 64 AND length(prev_hash) = 64", name="ck_audit_log_hash_length"
        ),
        sa.CheckConstraint("seq >= 1", name="ck_audit_log_seq_positive"),
    )
    protections.install(op.execute, op.get_context().dialect.name)


def downgrade() -> None:
    for table in (
        "audit_log",
        "documents",
        "signatures",
        "comprehension_answers",
        "question_flags",
        "risk_acknowledgements",
        "briefings",
        "patients",
    ):
        op.drop_table(table)
