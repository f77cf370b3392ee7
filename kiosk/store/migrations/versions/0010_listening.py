"""What the patient listened to: a `listenings` table, one row per Listen on a screen of a briefing
under way (which audio, whether it played to its end), append-only and guarded by triggers like the
other event tables. Adds a table, nothing else.

Revision ID: 0010_listening
Revises: 0008_versions
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store import protections

revision = "0010_listening"
down_revision = "0008_versions"
branch_labels = None
depends_on = None

TIME = sa.DateTime(timezone=True)
GUARDED = ("listenings",)


def upgrade() -> None:
    dialect = op.get_context().dialect.name
    op.create_table(
        "listenings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "briefing_id",
            sa.String(36),
            sa.ForeignKey("briefings.id", name="fk_listenings_briefing_id_briefings"),
            nullable=False,
        ),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("screen_id", sa.String(64), nullable=False),
        sa.Column("started_at", TIME, nullable=False),
        sa.Column("ended_at", TIME, nullable=False),
        sa.Column("completed", sa.Boolean, nullable=False),
        sa.Column("sentences", sa.Integer, nullable=False),
        sa.Column("heard", sa.Integer, nullable=False),
        sa.Column("voice", sa.String(200), nullable=False),
        sa.Column("audio_sha256", sa.String(64), nullable=False),
        sa.Column("automatic", sa.Boolean, nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.UniqueConstraint("briefing_id", "number", name="uq_listenings_briefing_number"),
        sa.CheckConstraint("heard BETWEEN 0 AND sentences", name="ck_listenings_heard"),
    )
    op.create_index("ix_listenings_briefing_id", "listenings", ["briefing_id"])
    for sql in protections.statements(dialect, GUARDED):
        op.execute(sql)


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        for what in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS listenings_no_{what}")
    op.drop_index("ix_listenings_briefing_id", "listenings")
    op.drop_table("listenings")  # PostgreSQL drops the table's triggers with it
