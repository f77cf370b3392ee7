"""Versions kept: every version of a procedure's content a briefing was given on (its canonical
JSON and its pictures, by content hash), each screen a patient was shown with that screen's own
hash per language, and re-briefings linked to the earlier briefing. Adds four tables, nothing
else; each is append-only, guarded by triggers like the other event tables.

Revision ID: 0008_versions
Revises: 0007_relative_paths
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store import protections

revision = "0008_versions"
down_revision = "0007_relative_paths"
branch_labels = None
depends_on = None

TIME = sa.DateTime(timezone=True)
GUARDED = ("content_versions", "content_pictures", "screens_shown", "rebriefings")


def _briefing_fk(table: str, column: str) -> sa.ForeignKey:
    return sa.ForeignKey("briefings.id", name=f"fk_{table}_{column}_briefings")


def upgrade() -> None:
    dialect = op.get_context().dialect.name
    op.create_table(
        "content_versions",
        sa.Column("content_sha256", sa.String(64), primary_key=True),
        sa.Column("form_id", sa.String(64), nullable=False),
        sa.Column("form_version", sa.String(64), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("source_sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("screens_json", sa.Text, nullable=False),
        sa.Column("kept_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("content_sha256", name="pk_content_versions"),
    )
    op.create_index("ix_content_versions_form_id", "content_versions", ["form_id"])
    op.create_index("ix_content_versions_source_sha256", "content_versions", ["source_sha256"])
    op.create_table(
        "content_pictures",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("svg", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_content_pictures"),
    )
    op.create_table(
        "screens_shown",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "briefing_id",
            sa.String(36),
            _briefing_fk("screens_shown", "briefing_id"),
            nullable=False,
        ),
        sa.Column("screen_id", sa.String(64), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("screen_sha256", sa.String(64), nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_screens_shown"),
        sa.UniqueConstraint("briefing_id", "screen_id", "language", name="uq_screens_shown_screen"),
    )
    op.create_table(
        "rebriefings",
        sa.Column(
            "briefing_id", sa.String(36), _briefing_fk("rebriefings", "briefing_id"), nullable=False
        ),
        sa.Column(
            "earlier_id", sa.String(36), _briefing_fk("rebriefings", "earlier_id"), nullable=False
        ),
        sa.Column("changes_json", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("briefing_id", name="pk_rebriefings"),
    )
    op.create_index("ix_rebriefings_earlier_id", "rebriefings", ["earlier_id"])
    for sql in protections.statements(dialect, GUARDED):
        op.execute(sql)


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    for table in reversed(GUARDED):
        if dialect == "sqlite":
            for what in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{what}")
    op.drop_index("ix_rebriefings_earlier_id", "rebriefings")
    op.drop_table("rebriefings")
    op.drop_table("screens_shown")
    op.drop_table("content_pictures")
    op.drop_index("ix_content_versions_source_sha256", "content_versions")
    op.drop_index("ix_content_versions_form_id", "content_versions")
    op.drop_table("content_versions")
